"""Reports: the referee summary (known answers on synthetic results), LaTeX escaping, the HTML is
self-contained, the LaTeX compiles to a PDF (also with hostile text in every field), and headless
Chromium renders the HTML with no error."""
import functools
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from _report_samples import HOSTILE, sample_results  # noqa: E402

from ticketcheck.reports import analysis, write_reports  # noqa: E402
from ticketcheck.reports.latex import build_tex, compile_pdf  # noqa: E402
from ticketcheck.reports.texify import ARGS, KNOWN, MATH_PREAMBLE, NEEDS_DELIM, escape_text, math_ok, tex_rich  # noqa: E402

HAVE_TEX = bool(shutil.which("pdflatex"))
IN_CI = bool(os.environ.get("CI"))  # CI installs TeX and Chromium (scripts/setup.sh): never skip there


def _tool(available: bool, what: str):
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


needs_tex = _tool(HAVE_TEX, "pdflatex (Debian TeX)")


@pytest.fixture(scope="module")
def results():
    return sample_results()


@pytest.fixture(scope="module")
def report_dir(results, tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    paths = write_reports(results, out, quick=False, figure1=False, compile_pdf=HAVE_TEX)
    return out, paths


def test_referee_summary_known_answers(results):
    m = analysis.review_model(results)
    assert m["counts"] == {"holds": 3, "violated": 2, "vacuous": 1, "recorded": 1, "error": 1}
    v = {it["id"]: it for it in m["violated"]}
    assert set(v) == {"unified.lemma2.main_text", "unified.step_thm4_e2"}
    # 1 - (1-p)^(n+1) > 1 - (1-p)^n = P(head): smallest failing point p=1/4, n=1 (1/4 < 7/16)
    ce = v["unified.lemma2.main_text"]["counterexample"]
    assert ce["params"] == {"p": "1/4", "n": 1}
    assert "true value 1/4" in analysis.counterexample_sentence(v["unified.lemma2.main_text"])
    # certify/symbolic counterexamples are replayed by their check's command
    assert v["unified.step_thm4_e2"]["replay"].startswith("ticketcheck check unified.step_thm4_e2 --check ")
    assert m["disagreeing"] == [{"root": "unified.lemma2",
                                 "verdicts": {"unified.lemma2": "holds", "unified.lemma2.main_text": "violated"}}]
    (vac,) = m["vacuous"]
    # 1 - 10/n > 0 iff n >= 11; the grid stops at n = 8
    assert vac["id"] == "unified.lemma5" and vac["start"]["param"] == "n" and vac["start"]["value"] == 11
    assert [c["id"] for c in m["recorded"]] == ["unified.thm1"]
    assert [c["id"] for c in m["errors"]] == ["sparsity.thm2"]
    assert m["errors"][0]["error"] == "ValueError: boom"


def test_certificate_lines_show_the_certified_region(results):
    e1 = next(c for c in results if c["id"] == "unified.step_thm4_e1")
    cert, sym = e1["results"]
    lines = dict(analysis.certificate_lines(cert))
    assert cert["verdict"] == "holds" and lines["certified region"] == "whole domain"
    assert lines["domain"] == "x in [0, 10]" and "boxes" in lines["branch and bound"]
    assert dict(analysis.certificate_lines(sym))["simplified"] == "0"
    e2 = next(c for c in results if c["id"] == "unified.step_thm4_e2")
    # e^{-x} > 1/(1+2x) somewhere in (0, 10]: the counterexample line gives both sides
    cex = analysis.certificate_counterexample(e2["results"][1])
    assert cex.startswith("at x=") and "lhs = " in cex and "rhs = " in cex


def test_number_formatting_never_hides_the_gap_to_one():
    p = {"exact": "37252902984619140624/37252902984619140625", "exact_float": 1.0}
    assert analysis.value_text(p) == "≈1 - 2.68e-20 (exact)"
    assert analysis.bound_text({"bound": 1.0, "bound_text": "[0.999999999999999999930 +/- 4.1e-31]"}) == "1 - 7e-20"
    assert analysis.bound_text({"bound": 0.25, "bound_text": "1/4"}) == "1/4"
    assert analysis.value_text({"estimate": 0.5, "ci": [0.49, 0.51]}) == "0.5 [0.49, 0.51]"
    from fractions import Fraction
    from ticketcheck.harness.values import exact_str
    tiny = exact_str(1 - Fraction(1, 3 ** 900))  # 1 - 3.93e-430: below the float range
    assert analysis.value_text({"exact": tiny, "exact_float": 1.0}) == "≈1 - 3.9e-430 (exact)"


def test_texify_escapes_and_guards_math():
    assert tex_rich("50% & #1_a") == r"50\% \& \#1\_a"
    assert tex_rich(r"$\Delta \le M$ and ≤") == r"$\Delta \le M$ and $\le$"
    assert tex_rich(r"$\weirdmacro{x}$").startswith(r"\texttt{")  # unknown macro: shown, not compiled
    assert tex_rich(r"$\frac{1}{2$").startswith(r"\texttt{")        # unbalanced braces
    assert escape_text("[a]") == "{[}a{]}"                          # never an optional argument
    for bad in (r"x^2^3", "x_", r"\frac{1}", "50%", "a & b", r"\text{a_b}", r"\text{≤}", r"\left x",
                r"\big", r"x\limits", r"\cases{a}", r"\begin{tabular}{c}a\end{tabular}", "x^2'"):
        assert not math_ok(bad), bad
    for good in (r"\sum_{i=1}^{n} x_i", r"\left( \frac{a}{b} \right)^2", r"\sqrt[3]{x}",
                 r"\begin{cases} a & b \\ c & d \end{cases}", r"\mathbb{E}[X] \ge 1-\epsilon", "x_1'"):
        assert math_ok(good), good


def _usage(cmd: str) -> str:
    """A valid use of a command the math validator accepts."""
    if cmd in ("begin", "end"):
        return r"\begin{cases} a & b \end{cases}"
    if cmd in ("left", "right", "middle"):
        return r"\left( a \middle| b \right)"
    if cmd in NEEDS_DELIM:
        return rf"\{cmd}( a"
    if cmd in ("limits", "nolimits"):
        return rf"\sum\{cmd}_{{i}} a"
    if cmd == "substack":
        return r"\sum_{\substack{i}} a"
    if cmd == "not":
        return r"a \not= b"
    return rf"\{cmd}" + "{a}" * ARGS.get(cmd, 0) + " a"


@needs_tex
def test_every_known_math_command_compiles(tmp_path):
    """KNOWN is the promise that a command cannot stop pdflatex: compile each one in the
    report's preamble (an undefined one would fail with -halt-on-error)."""
    from ticketcheck.reports.latex import PREAMBLE
    body = "\n".join(f"${_usage(c)}$\\par" for c in sorted(KNOWN))
    assert all(math_ok(_usage(c)) for c in KNOWN)
    tex = tmp_path / "known.tex"
    tex.write_text(PREAMBLE + "\\begin{document}\n" + body + "\n\\end{document}\n")
    pdf, log = compile_pdf(tex, timeout=120)
    assert pdf is not None, log
    assert r"\DeclareMathOperator*{\argmax}" in MATH_PREAMBLE


@needs_tex
def test_hostile_text_in_every_field_compiles_without_the_fallback(results, tmp_path):
    """Statements, titles, notes, sources, check names, parameters, labels and errors full of
    LaTeX specials, broken math and Unicode: the first (non-safe) build must compile."""
    model = analysis.review_model(results)
    tex = tmp_path / "hostile.tex"
    tex.write_text(build_tex(model, {}, [], "Title " + HOSTILE, meta={"version": HOSTILE[:20]}))
    pdf, log = compile_pdf(tex, timeout=120)
    assert pdf is not None, log
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "sparsity.remark_9" in text and "50% & #1 _under_" in text and "[brackets]" in text


def test_html_is_self_contained_and_has_the_layout(report_dir):
    out, _ = report_dir
    html = (out / "report.html").read_text()
    assert 'id="summary-table"' in html
    assert html.index("Problems found") < html.index("Confirmed") < html.index("Not testable (REC)")
    assert html.index("Not testable (REC)") < html.index('id="claim-unified-lemma2"')
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)  # nothing fetched
    assert "url(fonts/" not in html and "data:font/woff2;base64," in html
    assert html.count("data:image/png;base64,") >= 3  # the per-check plots, inline
    assert "python -m ticketcheck.harness.testing" not in html and "ticketcheck check unified.lemma2.main_text" in html
    assert 'class="v v-error"' in html and "ValueError: boom" in html
    assert "certified region" in html and "whole domain" in html


@needs_tex
def test_latex_compiles_to_pdf(report_dir):
    out, paths = report_dir
    pdf = out / "report.pdf"
    assert pdf in paths and pdf.stat().st_size > 10_000
    assert pdf.read_bytes()[:5] == b"%PDF-"
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "Summary for the referee" in text and "unified.lemma2.main_text" in text
        assert "certified region" in text


def _chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    return None


@_tool(_chromium() is not None, "chromium")
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


@_tool(_chromium() is not None, "chromium")
def test_every_known_math_command_renders_in_katex(tmp_path):
    """What the PDF typesets, the HTML typesets too: KaTeX renders every KNOWN command."""
    from ticketcheck.reports.html import build_html
    statement = " ".join(f"${_usage(c)}$" for c in sorted(KNOWN))
    claim = {"id": "unified.katex", "title": "all commands", "source": "test", "statement": statement,
             "verdict": "recorded", "status": "recorded", "results": []}
    model = analysis.review_model([claim])
    html = tmp_path / "k.html"
    html.write_text(build_html(model, {}, [], "KaTeX", {}), encoding="utf-8")
    with tempfile.TemporaryDirectory() as prof:
        r = subprocess.run([_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                            "--virtual-time-budget=5000", f"--user-data-dir={prof}", "--dump-dom",
                            html.resolve().as_uri()], capture_output=True, text=True, timeout=120)
    body = re.search(r"<body[^>]*>", r.stdout).group(0)
    bad = re.findall(r'class="katex-error"[^>]*title="([^"]*)"', r.stdout)
    assert 'data-katex-errors="0"' in body, bad[:5]
    assert int(re.search(r'data-katex-count="(\d+)"', body).group(1)) >= len(KNOWN)


def test_plots_are_cached_by_content_and_quick_plots_only_problems(results, tmp_path, monkeypatch):
    import ticketcheck.reports as R
    drawn = []
    real = R._draw
    monkeypatch.setattr(R, "_draw", lambda jobs: (drawn.append(len(jobs)), real(jobs))[1])
    quick = R.make_plots(results, tmp_path / "f", tmp_path / "c", only_problems=True)
    # only the violated main_text variant and the vacuous lemma5 have a grid and a problem
    assert sorted(quick) == [("unified.lemma2.main_text", "main"), ("unified.lemma5", "main")]
    full = R.make_plots(results, tmp_path / "f", tmp_path / "c")
    assert set(full) > set(quick) and ("unified.lemma2", "main") in full
    again = R.make_plots(results, tmp_path / "f", tmp_path / "c")
    assert drawn == [2, len(full) - 2, 0]  # the second run draws only the new ones, the third none
    assert {k: v.read_bytes() for k, v in again.items()} == {k: v.read_bytes() for k, v in full.items()}


def test_a_full_review_of_several_papers_also_writes_one_report_per_paper(results, tmp_path):
    paths = write_reports(results, tmp_path, quick=False, figure1=False, compile_pdf=False)
    assert tmp_path / "unified" / "report.html" in paths and tmp_path / "sparsity" / "report.tex" in paths
    html = (tmp_path / "sparsity" / "report.html").read_text()
    assert "sparsity.remark_9" in html and "unified.lemma2" not in html
    assert 'href="sparsity/report.html"' in (tmp_path / "report.html").read_text()
    quick = write_reports(results, tmp_path / "q", quick=True, figure1=False, compile_pdf=False)
    assert not (tmp_path / "q" / "unified").exists() and tmp_path / "q" / "report.html" in quick


def test_tail_bounds_are_drawn_as_failure_probabilities_on_a_log_axis():
    # a lower bound on a probability within 1e-2 of 1, exact values 1 - 10^-40 ... (beyond floats)
    from fractions import Fraction
    from ticketcheck.harness.values import log10_gap_to_one
    from ticketcheck.reports.plots import _tail_view, check_plot
    pts = []
    for t in range(1, 6):
        v, b = 1 - Fraction(1, 10 ** (40 * t)), 1 - Fraction(1, 10 ** (45 * t))
        pts.append({"params": {"t": t}, "kind": "probability", "relation": ">=", "method": "exact",
                    "exact": f"{v.numerator}/{v.denominator}", "exact_float": 1.0, "bound": 1.0,
                    "verdict": "violated",
                    "log10_gap_to_1": {"value": log10_gap_to_one(v), "bound": log10_gap_to_one(b)}})
    assert pts[2]["log10_gap_to_1"]["value"] == -120.0
    assert _tail_view(pts)
    png = check_plot({"name": "c", "points": pts}, "tail")
    assert png[:4] == b"\x89PNG"
    far = [dict(p, log10_gap_to_1=None, exact_float=0.5, bound=0.4) for p in pts]
    assert not _tail_view(far)
