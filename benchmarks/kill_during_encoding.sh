#!/bin/bash
# kill -9 `framing score` during encoding, re-run it, and report how much was encoded again and whether the
# output equals a clean run's (docs/reliability.md). Usage: benchmarks/kill_during_encoding.sh [WORKDIR]
# PY overrides the interpreter (default .venv/bin/python); run from the repository root.
set -u
PY=${PY:-.venv/bin/python}
W=${1:-$(mktemp -d)}
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 HF_HUB_DISABLE_PROGRESS_BARS=1 TOKENIZERS_PARALLELISM=false
mkdir -p "$W"
"$PY" -c "
import sys; sys.path.insert(0, 'benchmarks')
from pathlib import Path
from bench_scoring import synthetic_sentences, write_articles
print(write_articles(synthetic_sentences(1500), Path('$W/corpus')), 'articles')"
# reuse this checkout's ONNX export (a fresh cache would export the model again in each run)
for c in ref_cache cache; do mkdir -p "$W/$c"; [ -d .cache/onnx ] && cp -r .cache/onnx "$W/$c/"; done
rows() { "$PY" -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from emb').fetchone()[0])" "$1/embeddings.sqlite" 2>/dev/null || echo 0; }
FRAMING_CACHE=$W/ref_cache "$PY" -m framing.cli score "$W/corpus" --out "$W/ref.csv" --no-progress 2>>"$W/log"
echo "clean run: $(rows "$W/ref_cache") embeddings"
FRAMING_CACHE=$W/cache "$PY" -m framing.cli score "$W/corpus" --out "$W/killed.csv" --no-progress 2>>"$W/log" &
PID=$!
until [ "$(rows "$W/cache")" -ge 700 ] || ! kill -0 $PID 2>/dev/null; do sleep 0.3; done
kill -9 $PID 2>/dev/null; wait $PID 2>/dev/null
K=$(rows "$W/cache")
echo "killed (-9) with $K embeddings committed; output file left: $(test -e "$W/killed.csv" && echo yes || echo no)"
FRAMING_CACHE=$W/cache "$PY" -m framing.cli score "$W/corpus" --out "$W/rerun.csv" --no-progress 2>>"$W/log"
T=$(rows "$W/cache")
echo "re-run encoded $((T - K)) of $T texts (committed before the kill: $K; token batches of at most 128 texts)"
cmp "$W/ref.csv" "$W/rerun.csv" && echo "re-run output identical to the clean run (byte for byte)"
