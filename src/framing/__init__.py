"""framing: framing and stance analysis of news coverage.

Modules, one job each:

- :mod:`framing.config`    paths from the project root
- :mod:`framing.ingest`    read article files (front matter, manifest, bad-input checks)
- :mod:`framing.clean`     remove page chrome, logging every removal
- :mod:`framing.segment`   normalise and split cleaned text into sentences
- :mod:`framing.voice`     who speaks in each sentence (authorial / quoted, speaker)
- :mod:`framing.corpus`    build and load the sentence corpus
- :mod:`framing.cli`       the ``framing`` command line
"""

__version__ = "0.1.0"
