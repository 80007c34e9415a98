"""Features of a sentence for the stance models: its embedding, lexicon counts, voice, context and speaker.

A model sees a *frame*: one row per sentence with at least ``text``; optional columns
``voice`` (``authorial`` / ``quoted``), ``prev_text`` (the sentence before it in its
article), ``headline`` (its article's headline) and ``speaker`` (who speaks in a quoted
sentence, as the corpus pipeline attributes it; empty for the outlet's own voice). :func:`add_context` fills the last two
from a sentence table. Written training sentences have no context: their context
columns are empty and their context features are zero; the same holds for ``speaker``.
The speaker block is the encoder's embedding of the speaker's name, so that what the
encoder knows of "Antony Blinken" or "Dmitry Peskov" can inform the stance of what they say.

Example:
    >>> spec = FeatureSpec(lexicon=True, voice=True)
    >>> spec.names()
    ['embedding', 'lexicon', 'voice']
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from framing.encoder import DIM, embed
from framing.lexicon import Lexicon, direction_counts


@dataclass(frozen=True)
class FeatureSpec:
    """Which feature blocks a model uses (the embedding always)."""

    lexicon: bool = True
    voice: bool = False
    context: bool = False
    speaker: bool = False

    def names(self) -> list[str]:
        return ["embedding"] + [k for k, v in asdict(self).items() if v]

    @classmethod
    def from_names(cls, names: list[str]) -> FeatureSpec:
        return cls(**{k: k in names for k in ("lexicon", "voice", "context", "speaker")})


def as_frame(texts) -> pd.DataFrame:
    """A frame from a DataFrame (returned as is) or from a sequence of texts."""
    if isinstance(texts, pd.DataFrame):
        return texts
    return pd.DataFrame({"text": list(texts)})


def add_context(sentences: pd.DataFrame) -> pd.DataFrame:
    """Copy of a sentence table with ``prev_text`` and ``headline`` (by ``article``, in ``sentence`` order)."""
    d = sentences.copy()
    order = "sentence" if "sentence" in d else None
    if order:
        d = d.sort_values(["article", order], kind="stable")
    d["prev_text"] = d.groupby("article").text.shift(1).fillna("")
    first = d.groupby("article").text.transform("first")
    d["headline"] = first.where(d.groupby("article").cumcount() > 0, "")
    return d.loc[sentences.index]


def lexicon_features(texts, target: str, lexicon: Lexicon | None = None) -> np.ndarray:
    """Per sentence: number of lexicon hits signalling +1 and −1 toward ``target``."""
    lx = lexicon or Lexicon.load()
    return np.array([direction_counts(lx.match(t), target) for t in texts], dtype=np.float32).reshape(len(texts), 2)


def _text_embeddings(vals: list[str], known: dict[str, np.ndarray] | None = None) -> np.ndarray:
    """Embeddings of ``vals``, each distinct non-empty text encoded once; zero rows for empty texts.

    Texts in ``known`` (the frame's own sentences, already embedded) are not looked up again.
    """
    E = np.zeros((len(vals), DIM), dtype=np.float32)
    distinct = sorted({v for v in vals if v})
    if distinct:
        known = known or {}
        todo = [v for v in distinct if v not in known]
        emb = {v: known[v] for v in distinct if v in known}
        if todo:
            emb.update(zip(todo, embed(todo)))
        for i, v in enumerate(vals):
            if v:
                E[i] = emb[v]
    return E


def _column(frame: pd.DataFrame, col: str) -> list[str]:
    return frame[col].fillna("").astype(str).tolist() if col in frame else [""] * len(frame)


def _speaker_embedding(frame: pd.DataFrame) -> np.ndarray:
    """Embedding of each sentence's speaker name (zero where no speaker is attributed)."""
    return _text_embeddings(_column(frame, "speaker"))


def _context_embedding(frame: pd.DataFrame, known: dict[str, np.ndarray] | None = None) -> np.ndarray:
    """Mean embedding of the previous sentence and the headline (zero where neither exists)."""
    parts = [_text_embeddings(_column(frame, col), known) for col in ("prev_text", "headline")]
    return (parts[0] + parts[1]) / 2


def build_features(frame: pd.DataFrame, target: str, spec: FeatureSpec, X: np.ndarray | None = None,
                   lex: np.ndarray | None = None) -> np.ndarray:
    """The feature matrix of ``frame`` for ``target``: embedding, then the blocks ``spec`` turns on.

    ``X`` (sentence embeddings) and ``lex`` (``[plus, minus]`` counts) may be passed in when
    already computed.
    """
    texts = frame.text.tolist()
    blocks = [embed(texts) if X is None else np.asarray(X, dtype=np.float32)]
    if spec.lexicon:
        blocks.append(lexicon_features(texts, target) if lex is None else np.asarray(lex, dtype=np.float32))
    if spec.voice:
        v = frame["voice"] if "voice" in frame else pd.Series("authorial", index=frame.index)
        blocks.append((v.to_numpy() == "quoted").astype(np.float32)[:, None])
    if spec.context:  # previous sentences and headlines are sentences of the frame: reuse their rows
        blocks.append(_context_embedding(frame, dict(zip(texts, blocks[0]))))
    if spec.speaker:
        blocks.append(_speaker_embedding(frame))
    return np.hstack(blocks)


def softmax(z: np.ndarray) -> np.ndarray:
    """Row-wise softmax (numerically stable)."""
    from scipy.special import softmax as _softmax

    return _softmax(z, axis=1)
