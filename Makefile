# The two entry points of the README. Both install what they need first (scripts/setup.sh).
OUT ?= results

.PHONY: setup review test bench

setup:
	bash scripts/setup.sh

review: setup
	.venv/bin/ticketcheck review --out $(OUT)

# lint-imports runs outside the checkout: from its root the folders would shadow the installed package
test: setup
	cd "$${TMPDIR:-/tmp}" && "$(CURDIR)/.venv/bin/lint-imports" --no-cache "$(CURDIR)/pyproject.toml"
	.venv/bin/python -m pytest -q -n 2 -p no:cacheprovider -m "not slow"

bench: setup
	.venv/bin/ticketcheck bench
