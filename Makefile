# Two commands do all the set-up on a fresh machine with Python 3.11:
#   make analysis   create .venv, install, rebuild data/processed and figures/ by executing every notebook
#   make test       ruff, unit tests, and nbval over the stored notebooks (writes nothing tracked)
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PIP    := $(BIN)/python -m pip

export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export HF_HUB_DISABLE_PROGRESS_BARS := 1
export TOKENIZERS_PARALLELISM := false
export PYTHONHASHSEED := 0
# Notebooks draw inline (they ask for it); scripts and unit tests draw off-screen.
unexport MPLBACKEND

NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]-*.ipynb))
# Notebooks whose numbers come from fitted stance models (nbval masks their decimals; see nbval_sanitize_model.cfg).
MODEL_NOTEBOOKS := $(sort $(wildcard notebooks/0[4-6]-*.ipynb))
DATA_NOTEBOOKS := $(filter-out $(MODEL_NOTEBOOKS),$(NOTEBOOKS))

.PHONY: install analysis corpus notebooks model test lint unit nbval report clean-venv

$(STAMP): pyproject.toml constraints.txt setup.py
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet -c constraints.txt --upgrade pip
	$(PIP) install --quiet -c constraints.txt -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

corpus: $(STAMP)
	MPLBACKEND=Agg $(BIN)/framing corpus

# Execute every notebook in place against the committed model, then strip execution metadata.
notebooks: $(STAMP)
	@for nb in $(NOTEBOOKS); do \
	  echo "executing $$nb"; \
	  $(BIN)/jupyter nbconvert --to notebook --execute --inplace --ExecutePreprocessor.timeout=1800 $$nb || exit 1; \
	done
	$(BIN)/python -m framing.nbtools strip $(NOTEBOOKS)

analysis: corpus notebooks

# Retrain the committed stance model (deterministic; rewrites models/stance/).
model: $(STAMP)
	MPLBACKEND=Agg $(BIN)/framing train

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks setup.py

unit: $(STAMP)
	MPLBACKEND=Agg $(BIN)/python -m pytest tests -p no:cacheprovider

# nbval re-executes every notebook with its outputs sent to a temporary folder
# (FRAMING_OUT_DIR), so the tests never write to tracked files.
nbval: $(STAMP)
	@out=$$(mktemp -d); \
	FRAMING_OUT_DIR=$$out $(BIN)/python -m pytest --nbval $(DATA_NOTEBOOKS) --nbval-sanitize-with notebooks/nbval_sanitize.cfg -p no:cacheprovider \
	&& FRAMING_OUT_DIR=$$out $(BIN)/python -m pytest --nbval $(MODEL_NOTEBOOKS) --nbval-sanitize-with notebooks/nbval_sanitize_model.cfg -p no:cacheprovider; \
	rc=$$?; rm -rf $$out; exit $$rc

test: lint unit nbval

report: $(STAMP)
	mkdir -p reports
	$(BIN)/jupyter nbconvert --to html --output-dir reports $(NOTEBOOKS)

clean-venv:
	rm -rf $(VENV)
