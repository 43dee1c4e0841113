"""Tools the report tests share: skip (on a developer machine) or fail (in CI) without TeX or
Chromium, render an HTML file in headless Chromium, read a PDF's page count and text."""
from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

HAVE_TEX = bool(shutil.which("pdflatex"))
IN_CI = bool(os.environ.get("CI"))  # CI installs TeX and Chromium (scripts/setup.sh): never skip there


def tool(available: bool, what: str):
    """Skip on a developer machine without the tool; in CI a missing tool is a failure."""
    msg = f"{what} not installed: run `bash scripts/setup.sh`"

    def deco(test):
        if available:
            return test
        if not IN_CI:
            return pytest.mark.skip(reason=msg)(test)

        @functools.wraps(test)
        def fail(*args, **kwargs):
            pytest.fail("CI must have " + msg)
        return fail
    return deco


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    return None


needs_tex = tool(HAVE_TEX, "pdflatex (Debian TeX)")
needs_chromium = tool(chromium() is not None, "chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--virtual-time-budget=8000"]


def render_dom(html: Path, query: str = "") -> str:
    """The DOM after the page's scripts ran (``query``: e.g. ``?verdict=violated``)."""
    with tempfile.TemporaryDirectory() as prof:
        r = subprocess.run([chromium(), *FLAGS, f"--user-data-dir={prof}", "--dump-dom",
                            html.resolve().as_uri() + query], capture_output=True, text=True, timeout=180)
    return r.stdout


def body_attrs(dom: str) -> dict[str, str]:
    body = re.search(r"<body[^>]*>", dom).group(0)
    return dict(re.findall(r'([a-z-]+)="([^"]*)"', body))


def pdf_pages(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", out).group(1))


def pdf_text(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    args = ["pdftotext", "-layout"] + (["-f", str(first)] if first else []) + (["-l", str(last)] if last else [])
    return subprocess.run(args + [str(pdf), "-"], capture_output=True, text=True).stdout
