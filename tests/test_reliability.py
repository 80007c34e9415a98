"""Hostile input and faults (issue 13): one test per case; bad inputs are small files written here, faults are simulated.

What is promised for each case is listed in docs/reliability.md.
"""

from __future__ import annotations

import errno
import logging
import os
import pickle
import sqlite3
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from framing import config
from framing.article_cache import ArticleCache
from framing.cli import main
from framing.corpus import build_corpus, pipeline_fingerprint
from framing.embedding_cache import EmbeddingCache
from framing.ingest import BadInput, find_inputs, read_all, read_article
from framing.outputs import OutputError, atomic_path, check_out

GOOD = (
    "Sanctions Debate at the UN\n\nThe Security Council met on Friday to discuss sanctions against North Korea. "
    "Russia vetoed the renewal of the expert panel, diplomats said.\n"
)
OTHER = (
    "Putin Visits Pyongyang\n\nPutin arrived in Pyongyang on Tuesday night for a state visit. "
    "The two sides signed a partnership treaty, the Kremlin said.\n"
)


@pytest.fixture(autouse=True)
def _own_cache(tmp_path, monkeypatch):
    """Every test gets its own cache folder."""
    monkeypatch.setattr(config, "CACHE", tmp_path / "cache")


def _write(d: Path, name: str, content: str | bytes) -> Path:
    p = d / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(content) if isinstance(content, bytes) else p.write_text(content, encoding="utf-8")
    return p


def _build(paths, tmp_path, **kw):
    return build_corpus(paths, manifest_path=tmp_path / "none.csv", **kw)


def _skips(corpus) -> dict[str, str]:
    return {str(s.path): s.problem for s in corpus.skipped}


# ---------------------------------------------------------------- (1) the article cache never unpickles


class _Payload:
    """Unpickling this writes a marker file (what a planted cache entry would do)."""

    def __init__(self, marker: str):
        self.marker = marker

    def __reduce__(self):
        return (Path(self.marker).write_text, ("pwned",))


def test_planted_pickle_in_article_cache_never_runs(tmp_path):
    d = tmp_path / "in"
    art = read_article(_write(d, "a.txt", GOOD))
    cache = ArticleCache(pipeline_fingerprint())
    marker = tmp_path / "marker"
    payload = pickle.dumps(_Payload(str(marker)))
    cache.folder.mkdir(parents=True)
    # under the entry's own name, under the old pickle name, and under a neighbour's name
    cache.path(art).write_bytes(payload)
    cache.path(art).with_suffix(".pkl").write_bytes(payload)
    (cache.folder / "0123.parquet").write_bytes(payload)
    clean = _build([d], tmp_path, cache=False).sentences
    first = _build([d], tmp_path).sentences
    second = _build([d], tmp_path).sentences  # now from the rewritten entry
    assert not marker.exists()
    pd.testing.assert_frame_equal(first, clean)
    pd.testing.assert_frame_equal(second, clean)
    assert cache.get(art) is not None  # the planted file was replaced by a valid entry


def test_corrupt_foreign_wrong_typed_and_swapped_entries_are_logged_misses(tmp_path, caplog):
    d = tmp_path / "in"
    a, b = _write(d, "a.txt", GOOD), _write(d, "b.txt", OTHER)
    clean = _build([d], tmp_path, cache=False).sentences
    _build([d], tmp_path)
    cache = ArticleCache(pipeline_fingerprint())
    art_a, art_b = read_article(a), read_article(b)
    pa_, pb_ = cache.path(art_a), cache.path(art_b)
    entry_b = pb_.read_bytes()
    pb_.write_bytes(pa_.read_bytes())  # swapped: a's entry under b's key
    pa_.write_bytes(entry_b[: len(entry_b) // 2])  # truncated
    with caplog.at_level(logging.WARNING, logger="framing"):
        again = _build([d], tmp_path)
    pd.testing.assert_frame_equal(again.sentences, clean)
    assert sum("article cache entry" in r.getMessage() for r in caplog.records) == 2
    assert cache.get(art_a) is not None and cache.get(art_b) is not None  # both rewritten
    # a wrong-typed entry: a valid Parquet file with the right metadata but text where numbers belong
    res = cache.get(art_a)
    bad = res.sentences.astype({"start": str})
    cache.put(type(res)(art_a, res.clean_text, bad, res.removed, res.accounting))
    assert cache.get(art_a) is None


def test_cache_key_does_not_serialise_metadata(tmp_path):
    art = read_article(_write(tmp_path, "a.txt", "---\noutlet: X\nextra: [1, 2, 3]\n---\n" + GOOD))
    art.meta["extra"] = ["x" * 10] * 10**6  # whatever the metadata holds, the key stays cheap and bounded
    assert len(ArticleCache(pipeline_fingerprint()).key(art)) == 32


# ---------------------------------------------------------------- (2), (3), (10) front matter


@pytest.mark.parametrize("front", ["content: cms body\nhandler: yaml", "outlet: Foo\ncontent: x\nhandler: y\ndate: 2024-01-02"])
def test_reserved_cms_keys_are_ordinary_keys(tmp_path, front):
    art = read_article(_write(tmp_path, "cms.txt", f"---\n{front}\n---\n{GOOD}"))
    assert art.meta["content"] and art.meta["handler"]
    assert art.body.startswith("Sanctions")


@pytest.mark.parametrize("key", ["42", "true", "2024-01-02", "3.5", "null"])
def test_non_string_keys_are_refused_naming_the_file_others_processed(tmp_path, key):
    d = tmp_path / "in"
    _write(d, "bad.txt", f"---\n{key}: value\noutlet: X\n---\n{GOOD}")
    _write(d, "good.txt", OTHER)
    corpus = _build([d], tmp_path)
    assert [a.article.article for a in corpus.articles] == ["good"]
    problem = _skips(corpus)[str(d / "bad.txt")]
    assert "is not text" in problem and "front matter" in problem


def test_yaml_alias_bomb_is_refused_quickly(tmp_path):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    d = tmp_path / "in"
    _write(d, "bomb.md", "---\n" + "\n".join(lines) + "\n---\n" + GOOD)
    _write(d, "good.txt", OTHER)
    assert len((d / "bomb.md").read_bytes()) < 1000
    corpus = _build([d], tmp_path)
    assert [a.article.article for a in corpus.articles] == ["good"]
    assert "alias" in _skips(corpus)[str(d / "bomb.md")]


def test_a_few_aliases_are_fine(tmp_path):
    art = read_article(_write(tmp_path, "a.txt", "---\nbase: &b Foo News\noutlet: *b\n---\n" + GOOD))
    assert art.meta["outlet"] == "Foo News"


@pytest.mark.parametrize("value, kind", [("[A, B]", "list"), ("{name: A}", "mapping")])
def test_list_or_mapping_outlet_is_an_error_not_a_repr(tmp_path, value, kind):
    with pytest.raises(BadInput, match=f"'outlet' must be one value, not a {kind}"):
        read_article(_write(tmp_path, "a.txt", f"---\noutlet: {value}\n---\n{GOOD}"))


def test_scalars_are_coerced_to_text(tmp_path):
    art = read_article(_write(tmp_path, "a.txt", f"---\noutlet: 2024\ntitle: true\ndate: 2023-09-13\nevent:\n---\n{GOOD}"))
    assert (art.meta["outlet"], art.meta["title"], art.meta["date"], art.meta["event"]) == ("2024", "True", "2023-09-13", "")


def test_recursive_value_is_refused(tmp_path):
    with pytest.raises(BadInput, match="nested more than"):
        read_article(_write(tmp_path, "a.txt", f"---\nloop: &l [*l]\n---\n{GOOD}"))


@pytest.mark.parametrize("opener", ["\n\n---\n", "--- \n", "---\t\n", "\ufeff---\n", "\ufeff\n---  \n"])
def test_front_matter_after_blank_lines_bom_or_trailing_space(tmp_path, opener):
    art = read_article(_write(tmp_path, "a.md", f"{opener}outlet: Foo News\n---\n{GOOD}"))
    assert art.meta["outlet"] == "Foo News"
    assert art.body == GOOD
    assert art.raw[art.body_offset :] == art.body


def test_front_matter_error_gives_the_line(tmp_path):
    with pytest.raises(BadInput, match=r"a\.txt: malformed front matter \(front-matter line 3\)"):
        read_article(_write(tmp_path, "a.txt", f"---\noutlet: Foo\ntitle: [unclosed\n---\n{GOOD}"))


# ---------------------------------------------------------------- (4), (7), (9) inputs


def test_one_missing_path_costs_nothing_else(tmp_path):
    d = tmp_path / "in"
    _write(d, "good.txt", GOOD)
    corpus = _build([tmp_path / "typo.txt", d, tmp_path / "nope"], tmp_path)
    assert [a.article.article for a in corpus.articles] == ["good"]
    skips = _skips(corpus)
    assert skips[str(tmp_path / "typo.txt")] == "no such file or folder"
    assert skips[str(tmp_path / "nope")] == "no such file or folder"


def test_same_stem_different_extension_is_a_collision_naming_both(tmp_path):
    d = tmp_path / "in"
    _write(d, "x.txt", GOOD)
    _write(d, "x.md", OTHER)
    corpus = _build([d], tmp_path)
    assert len(corpus.articles) == 1
    (problem,) = corpus.skipped
    assert "article id 'x'" in problem.problem and "x.md" in str(problem.path) + problem.problem
    assert "x.txt" in str(problem.path) + problem.problem
    assert corpus.sentences.sentence_id.is_unique


def test_same_name_in_two_folders_given_as_files_collides(tmp_path):
    a, b = _write(tmp_path / "d1", "a.txt", GOOD), _write(tmp_path / "d2", "a.txt", OTHER)
    corpus = _build([a, b], tmp_path)
    assert len(corpus.articles) == 1
    assert str(a) in corpus.skipped[0].problem and corpus.skipped[0].path == b


def test_recursive_reads_subfolders_with_ids_from_the_relative_path(tmp_path, capsys):
    d = tmp_path / "in"
    _write(d, "d1/a.txt", GOOD)
    _write(d, "d2/a.txt", OTHER)
    _write(d, "top.txt", GOOD.replace("Friday", "Monday"))
    flat = _build([d], tmp_path)
    assert [a.article.article for a in flat.articles] == ["top"]
    assert {str(s.path) for s in flat.ignored} == {str(d / "d1"), str(d / "d2")}
    assert "--recursive" in flat.report(not_read=True) and "--recursive" not in flat.report()
    deep = _build([d], tmp_path, recursive=True)
    assert sorted(a.article.article for a in deep.articles) == ["d1/a", "d2/a", "top"]
    assert deep.sentences.sentence_id.is_unique
    out = tmp_path / "out"
    assert main(["corpus", str(d), "--recursive", "--out", str(out)]) == 0
    assert (out / "interim" / "clean" / "d1" / "a.txt").read_text(encoding="utf-8") != (out / "interim" / "clean" / "d2" / "a.txt").read_text(
        encoding="utf-8")


def test_other_endings_extensionless_files_and_broken_links_are_named(tmp_path):
    d = tmp_path / "in"
    _write(d, "good.txt", GOOD)
    _write(d, "notes", GOOD)
    _write(d, "data.json", "{}")
    os.symlink(tmp_path / "gone.txt", d / "link.txt")
    found = find_inputs([d])
    assert [f.article for f in found.files] == ["good"]
    assert {Path(s.path).name for s in found.ignored} == {"notes", "data.json"}
    assert found.problems[0].path == d / "link.txt" and "broken link" in found.problems[0].problem
    os.symlink(tmp_path / "gone2.txt", tmp_path / "direct.txt")
    assert "broken link" in find_inputs([tmp_path / "direct.txt"]).problems[0].problem
    art = read_all([d / "notes"])[0][0]  # an extension-less file given by name is read
    assert art.article == "notes"
    _write(tmp_path / "elsewhere", "b.txt", OTHER)
    os.symlink(tmp_path / "elsewhere", d / "linked")
    deep = find_inputs([d], recursive=True)
    assert any(s.path == d / "linked" and "not followed" in s.problem for s in deep.ignored)


# ---------------------------------------------------------------- (8) one paragraph, no title


def test_one_paragraph_article_without_title_is_an_article(tmp_path):
    d = tmp_path / "in"
    _write(d, "short.txt", "The council met on Friday to discuss new sanctions.\n")
    corpus = _build([d], tmp_path)
    assert [a.article.article for a in corpus.articles] == ["short"]
    assert (corpus.sentences.kind == "body").all()


def test_chrome_only_page_is_still_skipped(tmp_path):
    d = tmp_path / "in"
    _write(d, "chrome.txt", "Join Our Newsletter\n\nShare on Facebook\n\nRelated Posts\n")
    assert "nothing but page chrome" in _build([d], tmp_path).skipped[0].problem


# ---------------------------------------------------------------- (11) HTML, over-long sentences

HTML = """<!DOCTYPE html><html><head><title>Sanctions Debate at the UN</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Sanctions Debate at the UN</h1>
<p>The Security Council met on Friday to discuss sanctions against North Korea, in a long and tense session.</p>
<p>Russia vetoed the renewal of the expert panel, diplomats said, and China abstained from the vote.</p>
</article><footer>Copyright 2024. <a href="/privacy">Privacy</a></footer></body></html>
"""


@pytest.mark.parametrize("name", ["page.html", "page.htm", "page.txt"])
def test_html_is_converted_not_scored_as_markup(tmp_path, name):
    d = tmp_path / "in"
    _write(d, name, HTML)
    corpus = _build([d], tmp_path)
    assert len(corpus.articles) == 1, corpus.report()
    text = " ".join(corpus.sentences.text)
    assert "<" not in text and "href" not in text
    assert "Russia vetoed the renewal" in text


SITE_HEAD = ('<head><title>Sanctions Debate at the UN</title><meta property="og:site_name" content="Harbour Post">'
             '<link rel="canonical" href="https://harbour.example/world/un"></head>')


def test_an_html_page_names_its_outlet_from_its_site_name(tmp_path):
    art = read_article(_write(tmp_path, "page.html", HTML.replace("<head><title>Sanctions Debate at the UN</title></head>", SITE_HEAD)))
    assert art.has_outlet and art.outlet == "Harbour Post"
    assert art.meta["url"] == "https://harbour.example/world/un" and art.meta["title"] == "Sanctions Debate at the UN"


def test_the_manifest_row_wins_over_the_page_metadata(tmp_path):
    page = _write(tmp_path, "page.html", HTML.replace("<head><title>Sanctions Debate at the UN</title></head>", SITE_HEAD))
    art = read_article(page, {"page": {"outlet": "Curated Name", "event": "vostochny-2023"}})
    assert art.outlet == "Curated Name" and art.meta["event"] == "vostochny-2023" and art.meta["url"].startswith("https://harbour")


def test_an_article_without_an_outlet_is_named_after_its_file_and_reported(tmp_path):
    d = tmp_path / "in"
    _write(d, "plain.txt", "Putin meets Kim\n\nThe two leaders met at the cosmodrome on Wednesday for talks.\n")
    _write(d, "named.txt", "---\noutlet: Example Wire\n---\nPutin meets Kim\n\nThe leaders met on Wednesday for long talks.\n")
    corpus = _build([d], tmp_path)
    assert corpus.no_outlet == ["plain"]
    assert set(corpus.sentences.outlet) == {"plain", "Example Wire"}
    assert "1 article(s) with no outlet" in corpus.report() and "named after its file: plain" in corpus.report()


def test_the_no_outlet_notice_lists_at_most_ten_ids():
    from framing.ingest import no_outlet_message

    msg = no_outlet_message([f"a{i}" for i in range(12)])
    assert msg.startswith("12 article(s) with no outlet") and msg.endswith("a9, … (2 more)") and "a10" not in msg


def test_html_without_the_extractor_is_refused_with_a_message(tmp_path, monkeypatch):
    import builtins

    real = builtins.__import__
    monkeypatch.setattr(builtins, "__import__", lambda n, *a, **k: (_ for _ in ()).throw(ImportError(n)) if n == "trafilatura" else real(n, *a, **k))
    with pytest.raises(BadInput, match="trafilatura"):
        read_article(_write(tmp_path, "page.html", HTML))


def test_sentences_over_the_encoder_window_are_flagged():
    from framing.encoder import MAX_LENGTH, token_counts
    from framing.score import over_window

    texts = pd.Series(["A short sentence.", "word " * 400, "x" * (MAX_LENGTH - 2), "a" * 1_000_000])
    flags = over_window(texts)
    assert flags.tolist() == [False, True, False, False]  # one long word is few word pieces
    counts = token_counts(texts.tolist())
    assert counts[1] > MAX_LENGTH and counts[0] <= MAX_LENGTH


# ---------------------------------------------------------------- (13) encodings


def test_nul_after_the_first_8k_is_binary(tmp_path):
    with pytest.raises(BadInput, match="binary file"):
        read_article(_write(tmp_path, "late.txt", (GOOD * 200).encode() + b"\x00\x01\x02"))


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le"])
def test_utf16_and_utf32_with_a_bom_are_decoded(tmp_path, encoding):
    import codecs

    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE, "utf-32-le": codecs.BOM_UTF32_LE}.get(encoding, b"")
    art = read_article(_write(tmp_path, "wide.txt", bom + ("---\noutlet: Wide\n---\n" + GOOD).encode(encoding)))
    assert art.meta["outlet"] == "Wide" and art.body == GOOD


def test_utf16_without_bom_gets_a_hint(tmp_path):
    with pytest.raises(BadInput, match="UTF-16 without a byte-order mark"):
        read_article(_write(tmp_path, "wide.txt", GOOD.encode("utf-16-le")))


def test_skip_message_gives_the_path_as_written(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, "sub/empty.txt", "  \n")
    _write(tmp_path, "sub/good.txt", GOOD)
    corpus = _build(["sub"], tmp_path)
    assert "sub/empty.txt: file is empty" in corpus.report()


# ---------------------------------------------------------------- (5) caches degrade


def _fake_connect_error(message: str):
    def connect(*a, **k):
        raise sqlite3.OperationalError(message)

    return connect


def test_embedding_cache_unopenable_is_no_cache_with_one_warning(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(sqlite3, "connect", _fake_connect_error("unable to open database file"))
    with caplog.at_level(logging.WARNING, logger="framing"):
        c = EmbeddingCache(tmp_path / "e.sqlite", model="m")
        assert c.get_many(["k"]) == {}
        c.put_many([("k", np.ones(384, np.float32))])
        assert len(c) == 0
    assert len(caplog.records) == 1 and "going on without it" in caplog.records[0].getMessage()


class _FullConnection:
    """A connection whose writes fail as on a full disk (sqlite3.Connection cannot be patched)."""

    def __init__(self, con):
        self.con = con

    def execute(self, *a):
        return self.con.execute(*a)

    def executemany(self, *a):
        raise sqlite3.OperationalError("database or disk is full")

    def commit(self):
        self.con.commit()

    def rollback(self):
        self.con.rollback()

    def close(self):
        self.con.close()


def test_embedding_cache_full_disk_keeps_reading_stops_writing(tmp_path, caplog):
    c = EmbeddingCache(tmp_path / "e.sqlite", model="m")
    c.put_many([("a", np.ones(384, np.float32))])
    c._con = _FullConnection(c._con)
    with caplog.at_level(logging.WARNING, logger="framing"):
        c.put_many([("b", np.ones(384, np.float32))])
        c.put_many([("c", np.ones(384, np.float32))])
    assert set(c.get_many(["a", "b", "c"])) == {"a"}
    assert len(caplog.records) == 1 and "cannot be written" in caplog.records[0].getMessage()


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes to read-only folders")
def test_embedding_cache_read_only_folder(tmp_path):
    d = tmp_path / "ro"
    c = EmbeddingCache(d / "e.sqlite", model="m")
    c.put_many([("a", np.ones(384, np.float32))])
    c.close()
    os.chmod(d / "e.sqlite", 0o444)
    os.chmod(d, 0o555)
    try:
        c = EmbeddingCache(d / "e.sqlite", model="m")
        c.put_many([("b", np.ones(384, np.float32))])
        assert set(c.get_many(["a", "b"])) == {"a"}
    finally:
        os.chmod(d, 0o755)


@pytest.mark.parametrize("damage", ["truncate", "garbage", "zero_page"])
def test_malformed_embeddings_sqlite_is_rebuilt(tmp_path, damage, caplog):
    path = tmp_path / "e.sqlite"
    c = EmbeddingCache(path, model="m")
    c.put_many([(f"k{i}", np.full(384, i, np.float32)) for i in range(2000)])
    c.close()
    data = path.read_bytes()
    if damage == "truncate":
        path.write_bytes(data[: len(data) // 3])
    elif damage == "garbage":
        path.write_bytes(b"this is not a database" * 100)
    else:
        path.write_bytes(data[:4096] + b"\x00" * (len(data) - 4096))
    with caplog.at_level(logging.WARNING, logger="framing"):
        c = EmbeddingCache(path, model="m")
        got = c.get_many([f"k{i}" for i in range(2000)])  # damage may show only when pages are read
        c.put_many([("new", np.ones(384, np.float32))])
    assert set(got) <= {f"k{i}" for i in range(2000)}
    assert "new" in c.get_many(["new"])
    c.close()
    assert EmbeddingCache(path, model="m").get_many(["new"])  # the next run finds a working file


def test_wrong_sized_embedding_row_is_a_miss(tmp_path):
    c = EmbeddingCache(tmp_path / "e.sqlite", model="m")
    c._con.execute("INSERT INTO emb VALUES ('m', 'short', ?)", [b"\x00" * 12])
    c._con.execute("INSERT INTO emb VALUES ('m', 'text', 'not bytes')")
    assert c.get_many(["short", "text"]) == {}


def test_article_cache_unwritable_degrades_with_one_warning(tmp_path, monkeypatch, caplog):
    import framing.article_cache as ac

    d = tmp_path / "in"
    _write(d, "a.txt", GOOD)
    _write(d, "b.txt", OTHER)

    def full(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(ac.tempfile, "mkstemp", full)
    with caplog.at_level(logging.WARNING, logger="framing"):
        corpus = _build([d], tmp_path)
    assert len(corpus.articles) == 2
    msgs = [r.getMessage() for r in caplog.records]
    assert len(msgs) == 1 and "No space left" in msgs[0]


def test_article_cache_unreadable_degrades(tmp_path, monkeypatch, caplog):
    import framing.article_cache as ac

    d = tmp_path / "in"
    _write(d, "a.txt", GOOD)
    _build([d], tmp_path)

    def denied(*a, **k):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(ac.pq, "read_table", denied)
    with caplog.at_level(logging.WARNING, logger="framing"):
        corpus = _build([d], tmp_path)
    assert len(corpus.articles) == 1
    assert any("Permission denied" in r.getMessage() for r in caplog.records)


# ---------------------------------------------------------------- kill during encoding keeps the finished batches


def test_interrupted_encoding_keeps_finished_batches(tmp_path, monkeypatch):
    """A run killed in its third batch keeps the two finished ones; the re-run encodes only the rest, in the same batches."""
    from framing.encoder import Encoder

    forwarded: list[int] = []
    kill_at = [0]  # set to 3 below: the third batch of the interrupted run is "killed"

    def token_ids(self, texts):
        return [[101] + [7] * (1 + len(t) // 4) + [102] for t in texts]

    def forward(self, input_ids, attention_mask):
        forwarded.append(len(input_ids))
        if len(forwarded) == kill_at[0]:
            kill_at[0] = 0
            raise KeyboardInterrupt
        return np.repeat(attention_mask.sum(axis=1, keepdims=True).astype(np.float32), 384, axis=1)

    monkeypatch.setattr(Encoder, "token_ids", token_ids)
    monkeypatch.setattr(Encoder, "forward", forward)
    enc = Encoder.__new__(Encoder)
    texts = [f"sentence number {i} " + "x" * (i % 50) for i in range(300)]
    clean = enc.encode(texts, cache=EmbeddingCache(tmp_path / "clean.sqlite", model="m"), batch_size=64)
    clean_batches = list(forwarded)
    forwarded.clear()
    kill_at[0] = 3
    cache = EmbeddingCache(tmp_path / "e.sqlite", model="m")
    with pytest.raises(KeyboardInterrupt):
        enc.encode(texts, cache=cache, batch_size=64)
    kept = sum(forwarded[:2])
    assert len(cache) == kept > 0  # the two whole batches are committed
    forwarded.clear()
    out = enc.encode(texts, cache=cache, batch_size=64)
    assert sum(forwarded) == 300 - kept  # nothing committed is encoded again
    assert forwarded == clean_batches[2:]  # the rest in exactly the batches a clean run makes
    assert np.array_equal(out, clean)


# ---------------------------------------------------------------- (6) outputs


def test_out_equal_to_an_input_is_refused_before_any_work(tmp_path, capsys):
    art = _write(tmp_path, "a.csv", GOOD)
    before = art.read_bytes()
    assert main(["score", str(art), "--out", str(art)]) == 2
    assert art.read_bytes() == before
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "is one of the input files" in err[0]


@pytest.mark.parametrize("case", ["folder", "below_file"])
def test_unusable_out_is_refused_before_any_work(tmp_path, case, capsys):
    _write(tmp_path, "in/a.txt", GOOD)
    f = _write(tmp_path, "plain.txt", "x")
    out = tmp_path / "in" if case == "folder" else f / "scores.csv"
    if case == "folder":
        out = tmp_path / "dir.csv"
        out.mkdir()
    assert main(["score", str(tmp_path / "in"), "--out", str(out)]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    with pytest.raises(OutputError):
        check_out(f, folder=True)


def test_full_disk_leaves_no_partial_output_and_exits_nonzero(tmp_path, monkeypatch, capsys):

    d = tmp_path / "in"
    _write(d, "a.txt", GOOD)
    out = tmp_path / "out"
    assert main(["corpus", str(d), "--out", str(out)]) == 0
    before = (out / "processed" / "sentences.csv").read_bytes()
    _write(d, "b.txt", OTHER)
    real = pd.DataFrame.to_csv

    def to_csv_full(self, path=None, *a, **k):
        if path is not None and "sentences" in str(path):
            real(self.head(1), path, *a, **k)  # part of the file is written, then the disk is full
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real(self, path, *a, **k)

    monkeypatch.setattr(pd.DataFrame, "to_csv", to_csv_full)
    assert main(["corpus", str(d), "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("framing: error: ") and "No space left on device" in err[-1]
    assert (out / "processed" / "sentences.csv").read_bytes() == before  # the old complete file, never a truncated one
    assert not [p for p in (out / "processed").iterdir() if p.name.startswith(".")]


def test_atomic_path_never_shows_a_partial_file(tmp_path):
    dst = tmp_path / "t.csv"
    with pytest.raises(RuntimeError):
        with atomic_path(dst) as tmp:
            tmp.write_text("half")
            raise RuntimeError
    assert not dst.exists() and list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- (12) errors, Ctrl-C, --debug


def test_user_errors_are_one_line_and_debug_shows_the_traceback(tmp_path, capsys):
    f = _write(tmp_path, "file", "x")
    assert main(["corpus", str(tmp_path), "--out", str(f)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is a file" in err
    with pytest.raises(OutputError):
        main(["corpus", str(tmp_path), "--out", str(f), "--debug"])
    with pytest.raises(OutputError):
        main(["--debug", "corpus", str(tmp_path), "--out", str(f)])


def test_missing_model_is_one_line(tmp_path, capsys):
    _write(tmp_path, "in/a.txt", GOOD)
    assert main(["score", str(tmp_path / "in"), "--out", str(tmp_path / "s.csv"), "--model", str(tmp_path / "nomodel")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "model.json" in err[0] and "Traceback" not in err[0]


def test_ctrl_c_is_one_line_exit_130(tmp_path, monkeypatch, capsys):
    import framing.corpus_cli as corpus_cli

    def interrupted(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(corpus_cli, "main_build", interrupted)
    assert main(["corpus", str(tmp_path)]) == 130
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "interrupted" in err


def test_unexpected_failure_in_one_article_never_stops_the_others(tmp_path, monkeypatch):
    import framing.corpus as corpus_mod

    d = tmp_path / "in"
    _write(d, "a.txt", GOOD)
    _write(d, "b.txt", OTHER)
    real = corpus_mod.process_article

    def flaky(art):
        if art.article == "a":
            raise TypeError("something unexpected")
        return real(art)

    monkeypatch.setattr(corpus_mod, "process_article", flaky)
    corpus = _build([d], tmp_path, cache=False)
    assert [a.article.article for a in corpus.articles] == ["b"]
    assert "TypeError: something unexpected" in _skips(corpus)[str(d / "a.txt")]


def test_a_sentence_too_long_for_the_voice_rules_is_kept_and_marked(tmp_path):
    """A 300,000-character 'sentence' is not read by the (quadratic) voice rules: kept, authorial, cue says why."""
    from framing.voice import MAX_RULE_CHARS, TOO_LONG_CUE

    body = ("the summit said that Putin told reporters about rockets and " * 5000)[:300_000] + "."
    f = _write(tmp_path, "long.txt", "A title\n\n" + body + "\n")
    corpus = _build([f], tmp_path, cache=False)
    long = corpus.sentences[corpus.sentences.text.str.len() > MAX_RULE_CHARS]
    assert len(long) == 1 and long.voice_cue.tolist() == [TOO_LONG_CUE] and long.voice.tolist() == ["authorial"]
    assert not corpus.skipped
