"""Model (d): SetFit-style contrastive fine-tuning of the encoder, then a logistic-regression head.

SetFit (Tunstall et al. 2022) fine-tunes a sentence encoder on pairs of labelled
sentences (same label → cosine similarity 1, different → 0) and fits a classifier on the
tuned embeddings. The ``setfit`` package would pull in ``datasets`` and ``accelerate``
for what is a short loop, so the loop is written here with torch and transformers.

It is expensive on a 2-core CPU (minutes per fold), so its leave-one-outlet-out
predictions are computed by ``python -m framing.finetune`` and stored in
``models/evaluation/``; notebook 04 reads them. It is used for scoring only if it beats
model (c) in that evaluation.
"""

from __future__ import annotations

import random
import sys
import time

import numpy as np
import pandas as pd
import torch
from sklearn.linear_model import LogisticRegression

from framing import config
from framing.annotations import COLS, LABELS, TARGETS, build_gold, load_supplementary
from framing.corpus import load_sentences
from framing.encoder import Encoder

EVAL_DIR = config.EVALUATION


def _pairs(labels: np.ndarray, n_iter: int, rng: random.Random) -> list[tuple[int, int, float]]:
    """SetFit's pair sampling: for every sentence and iteration, one positive and one negative partner."""
    by = {lab: np.where(labels == lab)[0].tolist() for lab in set(labels)}
    out = []
    for _ in range(n_iter):
        for i, lab in enumerate(labels):
            same = by[lab]
            other = [j for k, v in by.items() if k != lab for j in v]
            out.append((i, rng.choice(same), 1.0))
            if other:
                out.append((i, rng.choice(other), 0.0))
    rng.shuffle(out)
    return out


def _embed(enc: Encoder, texts: list[str]) -> torch.Tensor:
    b = enc.tokenizer(texts, padding=True, truncation=True, max_length=128, return_tensors="pt")
    h = enc.model(**b).last_hidden_state
    m = b["attention_mask"].unsqueeze(-1).to(h.dtype)
    return torch.nn.functional.normalize((h * m).sum(1) / m.sum(1).clamp(min=1e-9), dim=1)


def finetune(texts: list[str], labels: np.ndarray, n_iter: int = 2, batch_size: int = 32, lr: float = 2e-5, seed: int = config.SEED) -> Encoder:
    """A freshly loaded encoder fine-tuned contrastively on ``texts``/``labels`` (one epoch over the pairs)."""
    torch.manual_seed(seed)
    rng = random.Random(seed)
    enc = Encoder()
    enc.model.train()
    opt = torch.optim.AdamW(enc.model.parameters(), lr=lr)
    pairs = _pairs(np.asarray(labels), n_iter, rng)
    for k in range(0, len(pairs), batch_size):
        chunk = pairs[k : k + batch_size]
        a = _embed(enc, [texts[i] for i, _, _ in chunk])
        b = _embed(enc, [texts[j] for _, j, _ in chunk])
        target = torch.tensor([y for _, _, y in chunk])
        loss = torch.nn.functional.mse_loss((a * b).sum(1), target)
        opt.zero_grad()
        loss.backward()
        opt.step()
    enc.model.eval()
    return enc


def loo_finetune(target: str, gold: pd.DataFrame, supplementary: pd.DataFrame) -> pd.DataFrame:
    """Out-of-fold predictions of model (d), one outlet held out at a time."""
    col = COLS[target]
    rows = []
    for outlet in sorted(gold.outlet.unique()):
        t0 = time.time()
        test = gold[gold.outlet == outlet]
        train = pd.concat([gold[gold.outlet != outlet][["text", col]], supplementary[["text", col]]], ignore_index=True)
        enc = finetune(train.text.tolist(), train[col].to_numpy())
        clf = LogisticRegression(max_iter=5000).fit(enc.encode_uncached(train.text.tolist()), train[col])
        p_raw = clf.predict_proba(enc.encode_uncached(test.text.tolist()))
        p = np.zeros((len(test), len(LABELS)))
        for k, lab in enumerate(clf.classes_):
            p[:, LABELS.index(lab)] = p_raw[:, k]
        rows.append(pd.DataFrame({"sentence_id": test.sentence_id.values, "outlet": outlet, "voice": test.voice.values, "text": test.text.values,
                                  "y_true": test[col].values, "y_pred": np.array(LABELS)[p.argmax(axis=1)],
                                  **{f"p_{lab}": p[:, k] for k, lab in enumerate(LABELS)}}))
        print(f"{target} {outlet}: {time.time() - t0:.0f}s", file=sys.stderr, flush=True)
    return pd.concat(rows, ignore_index=True)


def main() -> None:
    """Compute and store model (d)'s out-of-fold predictions for both targets."""
    EVAL_DIR.mkdir(parents=True, exist_ok=True)
    gold = build_gold(load_sentences())
    sup = load_supplementary()
    for t in TARGETS:
        loo_finetune(t, gold, sup).to_csv(EVAL_DIR / f"finetune_oof_{t}.csv", index=False)


if __name__ == "__main__":
    main()
