# chainpower — the two commands a newcomer needs: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint typecheck bench clean setup

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@# Debian's chromium for the report's browser test (skipped with a reason where absent,
	@# required under CI). Installed only as root with apt-get; never fatal here.
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
	  && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
	  || echo "note: chromium not installed; the report's browser test will skip outside CI"
	touch $(STAMP)

demo: $(STAMP)
	MPLBACKEND=Agg $(BIN)/chainpower demo --out demo_output

test: $(STAMP)
	MPLBACKEND=Agg $(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check chainpower tests benchmarks
	$(BIN)/mypy

bench: $(STAMP)
	MPLBACKEND=Agg $(BIN)/python benchmarks/bench_gvc.py
	MPLBACKEND=Agg $(BIN)/python benchmarks/bench_ideal.py
	MPLBACKEND=Agg $(BIN)/python benchmarks/bench_studies_inference.py
	MPLBACKEND=Agg $(BIN)/python benchmarks/bench_study.py
	MPLBACKEND=Agg $(BIN)/python benchmarks/bench_networks.py
	MPLBACKEND=Agg $(BIN)/python benchmarks/bench_screens.py
	MPLBACKEND=Agg $(BIN)/python benchmarks/bench_store.py
	MPLBACKEND=Agg $(BIN)/python benchmarks/bench_scenarios.py

clean:
	rm -rf $(VENV) demo_output .pytest_cache .mypy_cache .ruff_cache
