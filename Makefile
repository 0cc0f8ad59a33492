# Two commands for a fresh machine with Python 3 and make:
#   make demo   install into .venv and check the bundled example policy
#   make test   install into .venv and run the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test install lint bench clean

# The source tree is installed in place (editable); setuptools' notice about folders
# named like the package does not apply to it.
$(BIN)/standards-check: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	PYTHONWARNINGS='ignore:Editable installation' $(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/standards-check

demo: install
	$(BIN)/standards-check check examples/policies/harbor-peer-center.yaml -f html -o report.html -f text || [ $$? -eq 1 ]
	@echo "To run standards-check yourself: . $(VENV)/bin/activate (or $(BIN)/standards-check), then standards-check --help"

test: install
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/python -m pip install --quiet ruff
	$(BIN)/ruff check standards_check plugins tests

bench: install
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build dist *.egg-info report.html
