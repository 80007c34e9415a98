"""Build hook: ship the run-time data files inside the package.

The lexicon, speaker list, saved stance model and the notebooks ``framing run``
executes live in the repository's own folders (``data/``, ``models/``, ``notebooks/``),
which stay the single source of truth. When a wheel is built, ``build_py`` copies them
into ``framing/_resources/`` (the list is ``framing.config.PACKAGED_FILES``), where an
installed ``framing`` reads them with ``importlib.resources``. Everything else is in
``pyproject.toml``.
"""

import runpy
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


class BuildWithResources(build_py):
    """``build_py`` that also copies the packaged data files into the build."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads the checkout's own folders
        files = runpy.run_path(str(HERE / "src" / "framing" / "config.py"))["PACKAGED_FILES"]
        target = Path(self.build_lib) / "framing" / "_resources"
        for src, dst in files.items():
            out = target / dst
            out.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(HERE / src, out)


setup(cmdclass={"build_py": BuildWithResources})
