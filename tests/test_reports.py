"""Reports: the overview model (known answers on synthetic results), number formatting, LaTeX
escaping and math guarding, the PDF (letters first, page budget, hostile text in every field), the
self-contained HTML (size, navigation, filter and search, KaTeX counted in headless Chromium), plot
caching and per-paper reports. The letter's order: test_reports_letter.py; plots: test_reports_plots.py."""
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from _report_samples import HOSTILE, HOSTILE_MATH, letter_document, sample_document  # noqa: E402
from _report_tools import (HAVE_TEX, body_attrs, chromium, needs_chromium, needs_tex, pdf_pages,  # noqa: E402
                           pdf_text, render_dom)

from ticketcheck.reports import analysis, write_reports  # noqa: E402
from ticketcheck.reports.latex import build_tex, compile_pdf, letter_pages  # noqa: E402
from ticketcheck.reports.texify import (ARGS, KNOWN, MATH_PREAMBLE, NEEDS_DELIM, clip_prose,  # noqa: E402
                                        escape_text, math_ok, tex_math, tex_rich)

HTML_BUDGET = 4_000_000
SAMPLE_PAGES = 16  # the sample review's PDF (measured: 9 pages)


@pytest.fixture(scope="module")
def doc():
    return sample_document()


@pytest.fixture(scope="module")
def results(doc):
    return doc["claims"]


@pytest.fixture(scope="module")
def report_dir(doc, tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    paths = write_reports(doc, out, quick=False, figure1=False, compile_pdf=HAVE_TEX, per_paper=False)
    return out, paths


def test_overview_known_answers(results):
    m = analysis.review_model(results)
    assert m["counts"] == {"holds": 2, "violated": 2, "vacuous": 1, "measured": 1, "recorded": 1, "error": 1}
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
    # a full section in the appendix only for claims with a problem
    assert m["problem_ids"] == {"unified.lemma2.main_text", "unified.lemma5", "unified.step_thm4_e2",
                                "sparsity.thm2"}
    # without a stored referee model the letter says so (and lists nothing)
    assert all(lt["missing"] and not lt["sections"] for lt in m["letters"])


def test_the_sample_letter_shows_the_typo_with_its_intended_form(doc):
    m = analysis.review_model(doc["claims"], doc=doc)
    lt = next(lt for lt in m["letters"] if lt["paper"] == "unified")
    secs = {s["key"]: [it["id"] for it in s["items"]] for s in lt["sections"]}
    assert secs["typos"] == ["unified.lemma2.main_text"] and secs["substantive"] == ["unified.step_thm4_e2"]
    typo = next(s for s in lt["sections"] if s["key"] == "typos")["items"][0]
    assert typo["intended"]["verdict"] == "holds" and typo["intended"]["statement"] == r"$P \ge 1-(1-p)^{n}$"
    assert typo["comparison"]["lhs"] == r"P(\exists i \le n: X_i = 1)"  # the check's stored LaTeX
    assert lt["title"] == "A unified framework (synthetic sample)"


def test_certificate_lines_show_the_certified_region(results):
    e1 = next(c for c in results if c["id"] == "unified.step_thm4_e1")
    cert, sym = e1["results"]
    lines = dict(analysis.certificate_lines(cert))
    assert lines["certified region"] == "whole domain"
    assert lines["domain"] == "x in [0, 10]" and "boxes" in lines["branch and bound"]
    assert dict(analysis.certificate_lines(sym))["simplified"] == "0"
    e2 = next(c for c in results if c["id"] == "unified.step_thm4_e2")
    # e^{-x} > 1/(1+2x) somewhere in (0, 10]: the counterexample line gives both sides
    cex = analysis.certificate_counterexample(e2["results"][1])
    assert cex.startswith("at x=") and "lhs = " in cex and "rhs = " in cex


def test_number_formatting_never_hides_the_gap_to_one_and_keeps_intervals():
    p = {"exact": "37252902984619140624/37252902984619140625", "exact_float": 1.0}
    assert analysis.value_text(p) == "≈1 - 2.68e-20 (exact)"
    assert analysis.bound_text({"bound": 1.0, "bound_text": "[0.999999999999999999930 +/- 4.1e-31]"}) == "1 - 7e-20"
    assert analysis.bound_text({"bound": 0.25, "bound_text": "1/4"}) == "1/4"
    assert analysis.value_text({"estimate": 0.5, "ci": [0.49, 0.51]}) == "0.5 [0.49, 0.51]"
    from fractions import Fraction
    from ticketcheck.harness.values import exact_str
    tiny = exact_str(1 - Fraction(1, 3 ** 900))  # 1 - 3.93e-430: below the float range
    assert analysis.value_text({"exact": tiny, "exact_float": 1.0}) == "≈1 - 3.9e-430 (exact)"
    # an enclosure is shown as [lo, hi], never as a midpoint; a yes/no fact as a word, not "0 vs 1"
    assert analysis.value_text({"value": 0.5, "value_lo": 0.4999, "value_hi": "1/2"}) == "[0.4999, 1/2]"
    fact = {"kind": "fact", "value": 0.0, "bound": 1.0, "verdict": "violated"}
    assert (analysis.value_text(fact), analysis.bound_text(fact)) == ("false", "–")


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
    # stored pure math: typeset (shrunk to the line when wider), else code; safe mode: always code
    assert tex_math(r"1 - e^{-t}") == r"\fitmath{1 - e^{-t}}"
    assert tex_math(r"\weird{t}") == r"\texttt{\textbackslash{}weird\{t\}}"
    assert tex_math(r"1 - e^{-t}", safe=True).startswith(r"\texttt{")


def test_clipped_statements_never_cut_a_formula():
    s = "Let $x = \\frac{a}{b}$ and " + "word " * 40 + "$y \\le 1$ end"
    c = clip_prose(s, 60)
    assert c.endswith("…") and len(c) <= 62 and c.count("$") % 2 == 0 and "$x = \\frac{a}{b}$" in c
    assert clip_prose("$" + "x+" * 50 + "1$ tail", 30) == "…"  # a formula longer than the room: left out
    assert clip_prose("short", 60) == "short"

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


def _hostile_letter_document() -> dict:
    """The constructed letter document with hostile text in every field the letter shows."""
    d = letter_document()
    for c in d["claims"]:
        c["title"] = "Title " + HOSTILE
        c["source"] = "§ " + HOSTILE[:40]
        c["statement"] = HOSTILE + HOSTILE_MATH
        c["evidence_text"] = HOSTILE[:50]
        if c.get("witness"):
            c["witness"] = "At " + HOSTILE_MATH + " " + HOSTILE
        if c.get("correction"):
            c["correction"]["statement"] = HOSTILE_MATH
            c["correction"]["source"] = HOSTILE[:30]
        for r in c.get("readings") or []:
            r["label"] = HOSTILE[:30]
        c["results"][0]["latex"] = {"lhs": r"\frac{1}{2", "relation": "%", "rhs": HOSTILE[:20], "hypotheses": "#"}
        c["reason"] = HOSTILE
    d["papers"]["toy"]["title"] = HOSTILE
    return d


@needs_tex
def test_hostile_text_in_every_field_compiles_without_the_fallback(doc, tmp_path):
    """Statements, titles, notes, sources, check names, parameters, labels, errors, witnesses,
    corrections, readings and stored LaTeX full of LaTeX specials, broken math and Unicode, in the
    letter and in the appendix: the first (non-safe) build must compile."""
    hostile = _hostile_letter_document()
    claims = doc["claims"] + hostile["claims"]
    model = analysis.review_model(claims, doc={**doc, "claims": claims,
                                               "referee": {**doc["referee"], **hostile["referee"]},
                                               "papers": {**doc["papers"], **hostile["papers"]}})
    tex = tmp_path / "hostile.tex"
    tex.write_text(build_tex(model, {}, [], "Title " + HOSTILE, meta={"version": HOSTILE[:20]}, detail="all"))
    pdf, log = compile_pdf(tex, timeout=180)
    assert pdf is not None, log
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "sparsity.remark_9" in text and "50% & #1 _under_" in text and "[brackets]" in text
        assert text.count("Referee letter") == 3


def test_hostile_text_is_escaped_in_the_html(doc):
    from ticketcheck.reports.html import build_html
    hostile = _hostile_letter_document()
    for c in hostile["claims"]:
        c["title"] += "<script>alert(1)</script>"
        c["witness"] = (c.get("witness") or "") + '<img src=x onerror="alert(2)">'
    model = analysis.review_model(hostile["claims"], doc=hostile)
    html = build_html(model, {}, [], "<b>title</b>", {}, detail="all")
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<img src=x onerror' not in html and "<b>title</b>" not in html
    # broken stored math is shown as code, never handed to KaTeX
    assert '<code class="nomath">\\frac{1}{2</code>' in html


def test_html_is_self_contained_small_and_navigable(report_dir):
    out, _ = report_dir
    html = (out / "report.html").read_text()
    assert len(html.encode()) < HTML_BUDGET
    assert html.index("Referee letter") < html.index("Appendix: overview") < html.index('id="paper-unified"')
    assert html.count('<h2 class="letter">Referee letter</h2>') == 2  # one per paper
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)  # nothing fetched
    assert "url(fonts/" not in html and "data:font/woff2;base64," in html
    # navigation: a sticky table of contents with titles, filters by verdict and severity, a search box
    assert '<nav id="toc"' in html and "#toc{position:sticky" in html
    assert '<input id="search" type="search"' in html
    for v in ("violated", "holds", "vacuous", "error", "measured", "recorded"):
        assert f'data-kind="verdict" value="{v}"' in html
    for s in ("substantive", "typo", "none"):
        assert f'data-kind="severity" value="{s}"' in html
    assert 'class="toc-title">Probability of a head (main text)</span>' in html
    # plots inline and lazy (set as the source when scrolled into view)
    assert html.count('loading="lazy" decoding="async" data-src="data:image/png;base64,') >= 2
    assert "ticketcheck check unified.lemma2.main_text" in html
    assert 'class="v v-error"' in html and "ValueError: boom" in html
    assert "certified region" in html and "whole domain" in html


@needs_tex
def test_pdf_opens_with_the_letters_within_budget(report_dir):
    out, paths = report_dir
    pdf = out / "report.pdf"
    assert pdf in paths and pdf.read_bytes()[:5] == b"%PDF-"
    assert pdf_pages(pdf) <= SAMPLE_PAGES
    pages = letter_pages((out / "report.aux").read_text())
    assert set(pages) == {"unified", "sparsity"} and max(pages.values()) <= 4
    first = pdf_text(pdf, 1, 1)
    assert "Referee letter" in first and "Main results" in first
    text = pdf_text(pdf)
    assert text.index("Typos: the printed form fails") < text.index("Overview of the review")
    assert "Printed:" in text and "Intended" in text and "index" in text
    assert "unified.lemma2.main_text" in text and "certified region" in text


@needs_chromium
def test_html_renders_in_headless_chromium_and_typesets_every_formula(report_dir):
    out, _ = report_dir
    html_path = out / "report.html"
    dom = render_dom(html_path)
    attrs = body_attrs(dom)
    assert attrs["data-render-status"] == "ok", attrs        # the page's scripts ran with no error
    assert attrs["data-katex-errors"] == "0" and attrs["data-js-errors"] == "0"
    n_katex, n_math = int(attrs["data-katex-count"]), int(attrs["data-math-count"])
    # every formula span typeset, exactly once; the count measured on the source
    assert n_katex == n_math > 0
    assert n_math == len(re.findall(r'<span class="math">', html_path.read_text()))
    # nothing typeset outside the formula spans: a '$' in prose opens no formula
    assert dom.count('class="katex"') == n_katex
    table = re.search(r'<table id="summary-table">.*?</table>', dom, re.S).group(0)
    assert "<code>unified</code>" in table and "<code>sparsity</code>" in table
    total = len(re.findall(r'class="[^"]*\bfilterable\b', dom))
    assert int(attrs["data-filter-shown"]) == total > 0


@needs_chromium
def test_the_filter_and_the_search_select_items(report_dir):
    out, _ = report_dir
    html_path = out / "report.html"
    src = html_path.read_text()
    # filter: violated claims of severity typo (the main-text variant: its letter item, its row in the
    # main results table, its section)
    want = len(re.findall(r'class="[^"]*filterable[^"]*"[^>]*data-verdict="violated" data-severity="typo"', src))
    dom = render_dom(html_path, "?verdict=violated&severity=typo")
    assert int(body_attrs(dom)["data-filter-shown"]) == want == 3
    dom = render_dom(html_path, "?q=vacuous%20on%20all")
    shown = int(body_attrs(dom)["data-filter-shown"])
    assert 0 < shown < len(re.findall(r'class="[^"]*\bfilterable\b', dom))
    assert 'id="claim-unified-lemma5"' in dom and "filtered-out" in dom


@needs_chromium
def test_every_known_math_command_renders_in_katex(tmp_path):
    """What the PDF typesets, the HTML typesets too: KaTeX renders every KNOWN command."""
    from ticketcheck.reports.html import build_html
    statement = " ".join(f"${_usage(c)}$" for c in sorted(KNOWN))
    claim = {"id": "unified.katex", "title": "all commands", "source": "test", "statement": statement,
             "verdict": "recorded", "status": "recorded", "results": []}
    model = analysis.review_model([claim])
    html = tmp_path / "k.html"
    html.write_text(build_html(model, {}, [], "KaTeX", {}, detail="all"), encoding="utf-8")
    dom = render_dom(html)
    bad = re.findall(r'class="katex-error"[^>]*title="([^"]*)"', dom)
    attrs = body_attrs(dom)
    assert attrs["data-katex-errors"] == "0", bad[:5]
    assert int(attrs["data-katex-count"]) == int(attrs["data-math-count"]) >= len(KNOWN)


def test_plots_are_cached_by_content_and_only_problems_by_default(results, tmp_path, monkeypatch):
    import ticketcheck.reports as R
    drawn = []
    real = R._draw
    monkeypatch.setattr(R, "_draw", lambda jobs: (drawn.append(len(jobs)), real(jobs))[1])
    default = R.make_plots(results, tmp_path / "f", tmp_path / "c")
    # only the violated main_text variant and the vacuous lemma5 have a grid and a problem
    assert sorted(default) == [("unified.lemma2.main_text", "main"), ("unified.lemma5", "main")]
    full = R.make_plots(results, tmp_path / "f", tmp_path / "c", detail="all")
    assert set(full) > set(default) and ("unified.lemma2", "main") in full
    again = R.make_plots(results, tmp_path / "f", tmp_path / "c", detail="all")
    # the second run draws only the new ones (a check with nothing to draw is remembered), the third none
    assert drawn[0] == 2 and drawn[2] == 0 and drawn[1] >= len(full) - 2
    assert {k: v.read_bytes() for k, v in again.items()} == {k: v.read_bytes() for k, v in full.items()}


def test_a_full_review_of_several_papers_also_writes_one_report_per_paper(doc, tmp_path):
    paths = write_reports(doc, tmp_path, quick=False, figure1=False, compile_pdf=False)
    assert tmp_path / "unified" / "report.html" in paths and tmp_path / "sparsity" / "report.tex" in paths
    html = (tmp_path / "sparsity" / "report.html").read_text()
    assert "sparsity.remark_9" in html and "unified.lemma2" not in html
    assert html.count('<h2 class="letter">Referee letter</h2>') == 1
    assert 'href="sparsity/report.html"' in (tmp_path / "report.html").read_text()
    quick = write_reports(doc, tmp_path / "q", quick=True, figure1=False, compile_pdf=False)
    assert not (tmp_path / "q" / "unified").exists() and tmp_path / "q" / "report.html" in quick


@needs_tex
def test_a_pdf_over_the_page_budget_gets_a_shorter_appendix(doc, report_dir, tmp_path, monkeypatch, capsys):
    import ticketcheck.reports.latex as LX
    out, _ = report_dir
    before = pdf_pages(out / "report.pdf")
    assert "includegraphics" in (out / "report.tex").read_text()
    monkeypatch.setattr(LX, "MAX_PDF_PAGES", before - 1)
    monkeypatch.setattr(LX, "APPENDIX_STAGES", (LX.APPENDIX_STAGES[0], LX.APPENDIX_STAGES[-1]))
    paths = write_reports(doc, tmp_path, figure1=False, per_paper=False)
    assert tmp_path / "report.pdf" in paths
    assert f"report.pdf has {before} pages (more than {before - 1}): a shorter appendix" in capsys.readouterr().err
    assert pdf_pages(tmp_path / "report.pdf") <= before  # the last stage is kept even when still over
    assert "includegraphics" not in (tmp_path / "report.tex").read_text()  # the last stage: no plots


def test_a_stored_statement_of_prose_with_formulas_is_typeset_as_prose():
    """A catalogue statement ("... the set $\\{-M,\\dots,M\\}$ can be $\\Delta$-approximated") is prose
    with formulas, not one formula: wrapping it in one math box stopped pdflatex (Missing $)."""
    from ticketcheck.reports.html import math as html_math
    from ticketcheck.reports.texify import math_ok, tex_math
    s = r"the entire set $\{-M,\dots,M\}$ can be $\Delta$-approximated"
    out = tex_math(s)
    assert r"\fitmath" not in out and r"$\{-M,\dots,M\}$" in out and out.count("$") == 4
    assert not math_ok(r"a $b$")
    h = html_math(s)
    assert h.count('class="math"') == 2 and "approximated" in h


def test_every_declared_latex_statement_typesets():
    """Every claim's ``latex`` (a formula, or prose with ``$...$``) passes the typesetting filter:
    none falls back to raw typewriter text (an unknown command, a ``\\ge`` glued to the next letter
    by string concatenation); prose without ``$`` is set as text, not as one formula."""
    from ticketcheck.bounds.registry import all_claims
    from ticketcheck.reports.texify import MATH_RE, _math, is_prose, prose_text
    assert is_prose("Deep connection with integer linear programs [Dyer & Frieze '89]")
    assert not is_prose(r"\mathbb P(\tau\le t)\ge 1-\varepsilon") and not is_prose("n^2 + 1")
    bad = []
    for c in all_claims():
        s = c.latex or ""
        if not s:
            continue
        segments = [p.strip("$") for i, p in enumerate(MATH_RE.split(s)) if i % 2] if is_prose(s) else [s]
        bad += [f"{c.id}: {seg[:80]}" for seg in segments if not math_ok(_math(seg))]
        if is_prose(s):  # the prose between formulas keeps no LaTeX command (it would print as code)
            prose = prose_text("".join(p for i, p in enumerate(MATH_RE.split(s)) if i % 2 == 0))
            bad += [f"{c.id}: {cmd} in prose" for cmd in re.findall(r"\\[A-Za-z]+", prose)]
    assert not bad, bad
