"""Raw data is immutable: the seed files are byte-identical to the shared seeds."""

import hashlib
from pathlib import Path

import pytest

from framing import config


def _sums(path: Path) -> dict[str, str]:
    out = {}
    for line in path.read_text().splitlines():
        if line.strip():
            digest, name = line.split(maxsplit=1)
            out[name.strip().lstrip("*")] = digest
    return out


def test_raw_files_match_their_checksums():
    sums = _sums(config.SHA256SUMS)
    assert len(sums) == 5
    for name, digest in sums.items():
        assert hashlib.sha256((config.RAW / name).read_bytes()).hexdigest() == digest, name


def test_checksums_are_the_shared_seed_checksums():
    shared = config.ROOT.parent / "shared" / "seeds" / "SHA256SUMS"
    if not shared.exists():
        pytest.skip("../shared/seeds is not beside this checkout")
    assert _sums(shared) == _sums(config.SHA256SUMS)


def test_manifest_covers_every_raw_file():
    import pandas as pd

    manifest = pd.read_csv(config.ARTICLES_CSV)
    assert sorted(manifest.raw_file) == sorted(p.name for p in config.RAW.glob("*.txt"))
    assert set(manifest.event) <= {"vostochny-2023", "pyongyang-2024"}
    assert set(manifest.genre) <= {"news", "analysis", "compilation", "blog", "translation"}
    for col in ("evidence_outlet", "evidence_date", "evidence_event", "evidence_genre"):
        assert manifest[col].str.len().min() > 10, col


def test_dev_set_is_byte_identical_to_its_checksums():
    sums = (config.DEV / "SHA256SUMS").read_text(encoding="utf-8").split("\n")
    rows = [line.split(None, 1) for line in sums if line.strip()]
    assert len(rows) == 40
    for digest, name in rows:
        assert hashlib.sha256((config.DEV / name.strip()).read_bytes()).hexdigest() == digest, name


def test_dev_set_matches_the_shared_copy_when_present():
    shared = config.ROOT.parent / "shared" / "devset"
    if not shared.exists():
        pytest.skip("shared/devset is not beside this checkout")
    for p in sorted(shared.rglob("*")):
        if p.is_file():
            assert (config.DEV / p.relative_to(shared)).read_bytes() == p.read_bytes(), p.name
