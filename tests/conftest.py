"""Shared fixtures: small article files written by the tests themselves."""

from __future__ import annotations

from pathlib import Path

import pytest

ARTICLE = """Leaders Meet at the Cosmodrome, Says Kremlin

MOSCOW/SEOUL: Russian President Vladimir Putin met North Korean leader Kim Jong Un on Wednesday. The talks lasted four hours.

"We will always stand together against imperialism," Kim said. "Our friendship is eternal."

U.S. officials said the meeting could lead to an arms deal.

Join Our Newsletter

Related Posts
"""


@pytest.fixture
def article_text() -> str:
    return ARTICLE


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    """A folder with three good articles (three outlets) and one of each kind of bad file."""
    d = tmp_path / "corpus"
    d.mkdir()
    (d / "good_a.txt").write_text("---\noutlet: Outlet A\ntitle: Meeting\ndate: 2023-09-13\nevent: vostochny-2023\n---\n" + ARTICLE, encoding="utf-8")
    (d / "good_b.txt").write_text(
        "---\noutlet: Outlet B\n---\nPutin Visits Pyongyang\n\nPutin arrived in Pyongyang on Tuesday night for a state visit. "
        "The two sides signed a partnership treaty, the Kremlin said.\n\nCritics in Seoul called the pact a threat to regional peace.\n",
        encoding="utf-8",
    )
    (d / "good_c.txt").write_text(
        "Sanctions Debate at the UN\n\nThe Security Council met on Friday to discuss sanctions against North Korea. "
        "Russia vetoed the renewal of the expert panel.\n",
        encoding="utf-8",
    )
    (d / "empty.txt").write_text("   \n\n", encoding="utf-8")
    (d / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (d / "latin1.txt").write_bytes("Caf\xe9 talks in Pyongyang were held on Wednesday.".encode("latin-1"))
    (d / "badfront.txt").write_text("---\noutlet: [unclosed\ntitle: x\n---\nSome text here about the summit.\n", encoding="utf-8")
    (d / "zz_dup.txt").write_text((d / "good_c.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (d / "chrome.txt").write_text("Join Our Newsletter\n\nShare on Facebook\n\nRelated Posts\n\nMost Popular\n", encoding="utf-8")
    return d
