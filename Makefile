# Two commands: `make run` and `make test`. Both set up what they need first.
# Python 3.12+ is looked for on PATH, then under pyenv (not on PATH on these machines).
SHELL := /bin/bash
PYTHON ?= $(shell for p in python3.13 python3.12 \
	$$HOME/.pyenv/versions/3.13*/bin/python3 $$HOME/.pyenv/versions/3.12*/bin/python3 \
	/usr/bin/python3 python3; do \
	  c=$$(command -v $$p 2>/dev/null) || continue; \
	  $$c -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo $$c; break; }; \
	done)
UV := .tools/bin/uv
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run test fast lint typecheck bench lighthouse css migration setup clean reset-demo

setup: $(VENV)/.synced

$(UV):
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is needed (PATH or pyenv)"; exit 1; }
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet uv

$(VENV)/.synced: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --compile-bytecode --python $(PYTHON)
	@touch $@

run: setup
	$(PY) main.py

# Put the demo back as seeded (orders, drafts, e-mails, documents gone; sessions ended).
reset-demo: setup
	$(PY) main.py reset-demo

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

typecheck: setup
	$(VENV)/bin/mypy

# CI (CI=true) also runs the long tests; on a laptop `make test LONG=1` does.
LONG_TESTS := $(if $(or $(CI),$(LONG)),,-m "not long")

test: setup lint typecheck
	$(VENV)/bin/pytest -n auto $(LONG_TESTS)

# The inner loop: lint, types, and the domain and storage tests (no pages, no browser).
fast: setup lint typecheck
	$(VENV)/bin/pytest -n auto tests/domain tests/storage tests/test_code_shape.py

# benchmarks.run writes docs/benchmarks.md; each next one adds its section: the app beside a
# bare NiceGUI form measured in the same run (needs /usr/bin/chromium), N people at once over
# the websocket, Lighthouse on every page (Node and the npm registry, for npm ci). About 30 min.
bench: setup
	cd tools/lighthouse && npm ci --no-audit --no-fund
	$(PY) -m benchmarks.run
	FLOOR_BURSTS=20,200 $(PY) -m benchmarks.floor_compare
	$(PY) -m benchmarks.crowd
	$(PY) -m benchmarks.lighthouse_bench

# Lighthouse's accessibility score of the main pages (phone and desktop) into
# docs/accessibility.md. Needs Node and the npm registry (npm ci): not part of `make test`.
lighthouse: setup
	cd tools/lighthouse && npm ci --no-audit --no-fund
	$(PY) -m benchmarks.lighthouse

# The Tailwind utility classes the pages use (and NiceGUI's elements add), compiled into
# ui/static/tailwind.css, which is committed: run after changing a page's classes (a test
# says when one is missing). Needs Node and the npm registry: not part of `make test`.
NICEGUI_ELEMENTS = $(shell $(PY) -c 'import nicegui, pathlib; print(pathlib.Path(nicegui.__file__).parent / "elements")')
css: setup
	cd tools/tailwind && npm ci --no-audit --no-fund
	{ cat tools/tailwind/input.css; echo '@source "$(NICEGUI_ELEMENTS)";'; } > tools/tailwind/.input.css
	tools/tailwind/node_modules/.bin/tailwindcss -i tools/tailwind/.input.css -o ui/static/tailwind.css --minify
	rm tools/tailwind/.input.css

clean:
	rm -rf .venv .tools


# After changing storage tables, write the migration that takes existing databases along.
migration: setup
	@test -n "$(m)" || { echo 'usage: make migration m="what changed"'; exit 1; }
	db=$$(mktemp -d)/head.db && export DATABASE_URL=sqlite:///$$db && \
	  $(VENV)/bin/alembic upgrade head && $(VENV)/bin/alembic revision --autogenerate -m "$(m)"
