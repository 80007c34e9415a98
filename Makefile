# Two commands do all the set-up on a fresh machine with Python 3.11:
#   make analysis   create .venv, install, rebuild data/processed and figures/ by executing every notebook
#   make test       unit tests + nbval over the stored notebooks
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
export MPLBACKEND := Agg

NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]-*.ipynb))

.PHONY: install analysis corpus notebooks test unit nbval report clean-venv

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet -c constraints.txt --upgrade pip
	$(PIP) install --quiet -c constraints.txt -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

corpus: $(STAMP)
	$(BIN)/framing corpus

notebooks: $(STAMP)
	@for nb in $(NOTEBOOKS); do \
	  echo "executing $$nb"; \
	  $(BIN)/jupyter nbconvert --to notebook --execute --inplace --ExecutePreprocessor.timeout=1800 $$nb || exit 1; \
	done

analysis: corpus notebooks

unit: $(STAMP)
	$(BIN)/python -m pytest tests

nbval: $(STAMP)
	$(BIN)/python -m pytest --nbval notebooks --nbval-sanitize-with notebooks/nbval_sanitize.cfg -p no:cacheprovider

test: unit nbval

report: $(STAMP)
	mkdir -p reports
	$(BIN)/jupyter nbconvert --to html --output-dir reports $(NOTEBOOKS)

clean-venv:
	rm -rf $(VENV)
