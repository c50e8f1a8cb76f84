# Thin wrappers. `make report` and `make test` are the two commands a fresh machine needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
KERNELSPEC := $(VENV)/share/jupyter/kernels/talentcheck/kernel.json
# JupyterLab lives in a venv of its own: in the same one it would slow every kernel, papermill and
# nbval start (jsonschema's format checkers load with it).
LAB    := .venv-lab
LABSTAMP := $(LAB)/.installed

.PHONY: setup report check test sweep lab lab-check notebooks validate bench neurips clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[test]'
	touch $@

# The project's kernelspec, inside the venv: written again whenever the kernel's code changes (a pull that
# changes how kernels start reaches an existing venv).
$(KERNELSPEC): $(STAMP) src/talentcheck/run/kernel/launcher.py src/talentcheck/run/kernel/ipkernel.py
	$(BIN)/python -m talentcheck.run.kernel.launcher install
	touch $@

setup: $(STAMP) $(KERNELSPEC)

report: setup          ## run every notebook, write output/verdicts.csv and output/report/
	$(BIN)/talentcheck run

check: setup           ## the fast tier for contributors: tests/unit (the package in-process: no kernel, browser or command, no whole report)
	$(BIN)/pytest -n 2 -q tests/unit

test: setup            ## everything: tests/unit, tests/site (the report built in process), tests/integration (kernels, runs, Chromium, installs), nbval over notebooks/
	$(BIN)/pytest -n 2 --dist loadfile --nbval

sweep: setup           ## run each notebook under every value its parameters cell allows (a few minutes)
	TALENTCHECK_SWEEP=1 $(BIN)/pytest -q tests/integration/test_hostile_sweep.py

$(LABSTAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(LAB)
	$(LAB)/bin/python -m pip install -q --upgrade pip
	$(LAB)/bin/python -m pip install -q -c constraints.txt -e '.[lab,test]'
	touch $@

# Lab's only kernel is the project's (this venv's interpreter, registered into .venv-lab/, no other offered, no
# news pop-up: talentcheck.run.kernel.lab), and Lab works on copies in lab/: what a user edits or autosaves there
# never changes notebooks/ or `make report`. It adds --allow-root for root and --no-browser on Linux without a
# display; LABFLAGS passes more options to `jupyter lab` (make lab LABFLAGS="--port=8890 --no-browser").
LABFLAGS ?=
lab: $(LABSTAMP) $(STAMP) ## JupyterLab on copies of the notebooks in lab/ (installs it into .venv-lab/ on first use)
	$(BIN)/python -m talentcheck.run.kernel.lab install $(LAB)
	mkdir -p lab && for nb in notebooks/[0-9][0-9]_*.ipynb; do [ -e lab/$${nb#notebooks/} ] || cp $$nb lab/; done
	$(LAB)/bin/jupyter lab $$($(BIN)/python -m talentcheck.run.kernel.lab flags) $(LABFLAGS) lab/

lab-check: $(LABSTAMP) $(STAMP) ## start JupyterLab headless: it serves the notebooks with the project's kernel alone, and Run All stops at a refused value
	$(BIN)/python -m talentcheck.run.kernel.lab install $(LAB)
	$(LAB)/bin/pytest -q tests/integration/test_lab.py

notebooks: setup       ## re-execute the committed notebooks in place with their defaults
	$(BIN)/talentcheck refresh

validate: setup
	$(BIN)/talentcheck validate

neurips: setup         ## rebuild data/neurips/ from ../shared/raw
	$(BIN)/talentcheck neurips build --raw ../shared/raw

bench: setup
	$(BIN)/python benchmarks/bench_suite.py

clean:
	rm -rf output output.failed .pytest_cache .cache
