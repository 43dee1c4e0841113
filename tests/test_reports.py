"""Reports: the referee summary (known answers on synthetic results), LaTeX escaping, the HTML is
self-contained, the LaTeX compiles to a PDF, and headless Chromium renders the HTML with no error."""
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from _report_samples import sample_results  # noqa: E402

from reports import analysis, write_reports  # noqa: E402
from reports.texify import tex_rich  # noqa: E402


@pytest.fixture(scope="module")
def results():
    return sample_results()


@pytest.fixture(scope="module")
def report_dir(results, tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    paths = write_reports(results, out, quick=True, figure1=False,
                          compile_pdf=bool(shutil.which("latexmk") or shutil.which("pdflatex")))
    return out, paths


def test_referee_summary_known_answers(results):
    m = analysis.review_model(results)
    assert m["counts"] == {"holds": 2, "violated": 1, "vacuous": 1, "recorded": 1, "inconclusive": 1}
    (v,) = m["violated"]
    # 1 - (1-p)^(n+1) > 1 - (1-p)^n = P(head): smallest failing point p=1/4, n=1 (1/4 < 7/16)
    assert v["id"] == "unified.lemma2.main_text"
    assert v["counterexample"]["params"] == {"p": "1/4", "n": 1}
    assert "true value 1/4" in analysis.counterexample_sentence(v)
    assert m["disagreeing"] == [{"root": "unified.lemma2",
                                 "verdicts": {"unified.lemma2": "holds", "unified.lemma2.main_text": "violated"}}]
    (vac,) = m["vacuous"]
    # 1 - 10/n > 0 iff n >= 11; the grid stops at n = 8
    assert vac["id"] == "unified.lemma5" and vac["start"]["param"] == "n" and vac["start"]["value"] == 11
    assert [c["id"] for c in m["recorded"]] == ["unified.thm1"]
    assert [c["id"] for c in m["errors"]] == ["sparsity.thm2"]


def test_texify_escapes_and_guards_math():
    assert tex_rich("50% & #1_a") == r"50\% \& \#1\_a"
    assert tex_rich(r"$\Delta \le M$ and ≤") == r"$\Delta \le M$ and $\le$"
    assert tex_rich(r"$\weirdmacro{x}$").startswith(r"\texttt{")  # unknown macro: shown, not compiled
    assert tex_rich(r"$\frac{1}{2$").startswith(r"\texttt{")        # unbalanced braces


def test_html_is_self_contained_and_has_the_layout(report_dir):
    out, _ = report_dir
    html = (out / "report.html").read_text()
    assert 'id="summary-table"' in html
    assert html.index("Problems found") < html.index("Confirmed") < html.index("Not testable (REC)")
    assert html.index("Not testable (REC)") < html.index('id="claim-unified-lemma2"')
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)  # nothing fetched
    assert "url(fonts/" not in html and "data:font/woff2;base64," in html
    assert html.count("data:image/png;base64,") >= 3  # the per-check plots, inline
    assert "python -m harness.testing" not in html and "ticketcheck check unified.lemma2.main_text" in html


@pytest.mark.skipif(not (shutil.which("latexmk") or shutil.which("pdflatex")),
                    reason="latexmk/pdflatex not installed: run `bash scripts/setup.sh` (CI installs Debian TeX)")
def test_latex_compiles_to_pdf(report_dir):
    out, paths = report_dir
    pdf = out / "report.pdf"
    assert pdf in paths and pdf.stat().st_size > 10_000
    assert pdf.read_bytes()[:5] == b"%PDF-"
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "Summary for the referee" in text and "unified.lemma2.main_text" in text


def _chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    return None


@pytest.mark.skipif(_chromium() is None, reason="chromium not installed: run `bash scripts/setup.sh`")
def test_html_renders_in_headless_chromium(report_dir):
    out, _ = report_dir
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--virtual-time-budget=5000"]
    url = (out / "report.html").resolve().as_uri()
    with tempfile.TemporaryDirectory() as prof:
        r = subprocess.run([_chromium(), *flags, f"--user-data-dir={prof}", "--dump-dom", url],
                           capture_output=True, text=True, timeout=120)
    dom = r.stdout
    body = re.search(r"<body[^>]*>", dom).group(0)
    assert 'data-render-status="ok"' in body, body      # the page's script ran with no error
    assert 'data-katex-errors="0"' in body and 'data-js-errors="0"' in body
    assert int(re.search(r'data-katex-count="(\d+)"', body).group(1)) >= 4  # formulas typeset
    table = re.search(r'<table id="summary-table">.*?</table>', dom, re.S).group(0)
    assert "<code>unified</code>" in table and "<code>sparsity</code>" in table
    with tempfile.TemporaryDirectory() as prof:
        shot = out / "screenshot.png"
        subprocess.run([_chromium(), *flags, f"--user-data-dir={prof}", "--window-size=1200,1600",
                        f"--screenshot={shot}", url], capture_output=True, timeout=120)
    assert shot.exists() and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
