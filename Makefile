# Thin wrappers. `make report` and `make test` are the two commands a fresh machine needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup report test lab notebooks validate bench neurips clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[test]'
	touch $@

setup: $(STAMP)

report: setup          ## run every notebook, write output/verdicts.csv and output/report/
	$(BIN)/talentcheck run

test: setup            ## unit, data, runner and notebook tests, then nbval over notebooks/
	$(BIN)/pytest -n 2 --dist loadfile --nbval

lab: setup             ## JupyterLab on notebooks/ (installs JupyterLab on first use)
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[test,lab]'
	$(BIN)/jupyter lab notebooks/

notebooks: setup       ## re-execute the committed notebooks in place with their defaults
	$(BIN)/talentcheck refresh

validate: setup
	$(BIN)/talentcheck validate

neurips: setup         ## rebuild data/neurips/ from ../shared/raw
	$(BIN)/talentcheck neurips build --raw ../shared/raw

bench: setup
	$(BIN)/python benchmarks/bench_suite.py

clean:
	rm -rf output output.failed .pytest_cache
