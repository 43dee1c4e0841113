#!/usr/bin/env bash
# Installs everything ticketcheck needs on a fresh Debian machine: system packages (TeX for the
# PDF report, Chromium for the HTML test) and a virtual environment in .venv with the project.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(latexmk texlive-latex-base texlive-latex-recommended texlive-latex-extra
              texlive-fonts-recommended lmodern chromium chromium-driver poppler-utils)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "setup: installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
# Strict editable install: the mapped folders (package-dir) become a link tree that tools walking the
# file system (import-linter) see whole. Files added or removed need a reinstall: the stamp holds the
# list of package files, so a changed list reinstalls.
stamp=.venv/.ticketcheck-installed
files=$(ls pyproject.toml ticketcheck/*.py ticketcheck/*/*.py bounds/*.py bounds/*/*.py exact/*.py \
        montecarlo/*.py harness/*.py harness/*/*.py reports/*.py 2>/dev/null | sort | sha256sum)
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ "$(cat "$stamp")" != "$files" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[test]' --config-settings editable_mode=strict
  echo "$files" > "$stamp"
fi
