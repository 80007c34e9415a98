"""Interfaces for reading the scored sentences: an HTML sentence explorer, scattertext term
explorers and a SQLite database for Datasette.

* :mod:`framing.interfaces.scores` reads a ``framing score`` table (CSV or Parquet) and checks it;
* :mod:`framing.interfaces.explore` writes the offline sentence explorer (DataTables via ``itables``);
* :mod:`framing.interfaces.terms` writes scattertext term explorers (a group against the rest);
* :mod:`framing.interfaces.export` writes the SQLite database and its Datasette metadata.
"""
