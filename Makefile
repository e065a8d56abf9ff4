# Journeymap: `make run` opens the editor, `make test` runs the whole suite.
# Both set everything up from nothing but Python 3.11+ and the package registries.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml constraints.txt | cksum | cut -d' ' -f1)

.PHONY: run test bench soak fuzz dist clean

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
	  || { echo "Journeymap needs Python 3.11 or newer (set PYTHON=...)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	PIP_CONSTRAINT=$(CURDIR)/constraints.txt $(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,dist]'
	touch $@

run: $(STAMP)
	$(BIN)/journeymap --example

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.bench

# The long safety runs: the same tests as in `make test`, scaled up (kills, power loss, paint soak, model check).
soak: $(STAMP)
	QT_QPA_PLATFORM=offscreen JOURNEYMAP_SOAK=long $(BIN)/python -m pytest -q tests/soak

# Fuzz every importer and the .journey opener for SECONDS (default 60); crashes become test cases.
SECONDS ?= 60
fuzz: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.fuzz --seconds $(SECONDS)

# The app without Python: dist/journeymap/ (one folder; run dist/journeymap/journeymap). See README.
dist: $(STAMP)
	$(BIN)/python -m PyInstaller --noconfirm --clean --log-level WARN packaging/journeymap.spec
	@echo "built dist/journeymap/ — run dist/journeymap/journeymap"

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build dist *.egg-info
