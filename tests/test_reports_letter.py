"""The referee letter (issue 10, item 4) on a constructed results document with known roles and
severities: its sections and their order, the substantive failure before the typo-level one, what a
failure breaks, proof status; the page budget (a long letter is cut to 4 pages); ``detail``; no TeX;
the ``python -m ticketcheck.reports`` entry point. A full quick review is measured by the slow test."""
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from _report_samples import letter_document  # noqa: E402
from _report_tools import HAVE_TEX, needs_tex, pdf_pages, pdf_text  # noqa: E402

from ticketcheck.reports import analysis, fit_letters, main, write_reports  # noqa: E402
from ticketcheck.reports.html import build_html  # noqa: E402
from ticketcheck.reports.latex import build_tex, letter_pages  # noqa: E402
from ticketcheck.reports.letter import MAX_LETTER_PAGES, STAGES, Limits  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def doc():
    return letter_document()


@pytest.fixture(scope="module")
def letter(doc):
    (lt,) = analysis.review_model(doc["claims"], doc=doc)["letters"]
    return lt


def _ids(lt, key):
    return [it["id"] for it in next(s for s in lt["sections"] if s["key"] == key)["items"]]


def test_sections_in_order_with_problems_ranked_by_role(letter):
    assert [s["key"] for s in letter["sections"]] == ["substantive", "typos", "gaps", "reading_dependent",
                                                      "vacuous_ranges"]
    # theorem > lemma > proof step > experiment; the main-text variant folds into its lemma's item
    assert _ids(letter, "substantive") == ["toy.thm2", "toy.lemma2", "toy.step_a", "toy.exp1"]
    lemma2 = next(s for s in letter["sections"] if s["key"] == "substantive")["items"][1]
    assert lemma2["also"] == ["toy.lemma2.main_text"]
    assert _ids(letter, "typos") == ["toy.lemma1"]
    assert _ids(letter, "gaps") == ["toy.lemma3"]
    assert _ids(letter, "reading_dependent") == ["toy.cor1"]
    assert [r["id"] for r in letter["main_results"]][:3] == ["toy.thm1", "toy.thm2", "toy.cor1"]
    thm1 = letter["main_results"][0]
    assert thm1["verdict"] == "holds" and thm1["proof"]["status"] == "broken"
    assert thm1["proof"]["broken_at"] == ["toy.step_a"]  # the substantive violation at the leaf
    # what a failure breaks: step_a is used by lemma2, which thm1 uses
    step = next(s for s in letter["sections"] if s["key"] == "substantive")["items"][2]
    assert step["breaks"] == ["toy.thm1", "toy.lemma2"]
    assert letter["severities"] == {"substantive": 5, "typo": 1}


def _letter_part(text: str) -> str:
    """The text of the (only) letter: from its heading (after the HTML's table of contents) to the
    appendix."""
    start = text.index('<h2 class="letter">') if "<main>" in text else text.index("Referee letter")
    end = text.index("verview of the review")
    return text[start:end]


def _in_order(text: str, *needles: str):
    pos = [text.index(n) for n in needles]
    assert pos == sorted(pos), list(zip(needles, pos))


def test_the_html_letter_shows_the_order_the_substantive_failure_first_and_the_intended_form(doc):
    model = analysis.review_model(doc["claims"], doc=doc)
    html = _letter_part(build_html(model, {}, [], "toy", {}))
    sub = html.index("Substantive problems (4)")
    _in_order(html, "Main results", "Substantive problems (4)", "Typos: the printed form fails",
              "Gaps: the proof uses more", "Claims that depend on the reading")
    body = html[sub:]
    _in_order(body, 'href="#claim-toy-thm2"', 'href="#claim-toy-lemma2"', 'href="#claim-toy-step-a"',
              'href="#claim-toy-exp1"')
    # toy.lemma2: its intended form fails too, a substantive failure shown before the printed one
    item = body[body.index('href="#claim-toy-lemma2"'):body.index('href="#claim-toy-step-a"')]
    _in_order(item, "Fails even as intended", "SUBSTANTIVE-WITNESS", "As printed:", "(toy.lemma2)")
    # the stored LaTeX of the check, typeset
    assert r'<i>Checked:</i> <span class="math">\(P(A) \ge 1 - e^{-n}\)</span> for <span class="math">' in item
    assert "Its variants" in item and "toy.lemma2.main_text" in item
    typo = html[html.index("Typos: the printed form fails"):html.index("Gaps: the proof uses more")]
    _in_order(typo, "toy.lemma1", "Printed:", "Intended</b> (strictness; §2, Eq. (3) uses the non-strict form)",
              "holds (exact on n &lt;= 8 (intended form))", "Breaks</b> the proofs of")
    assert "the cited Lemma 1 gives x &lt;= 2" in html
    reading = html[html.index("Claims that depend on the reading"):]
    assert "log base 2" in reading and "under" in reading
    assert "broken at <a href=\"#claim-toy-step-a\">" in html


@needs_tex
def test_the_pdf_letter_has_the_same_order(doc, tmp_path):
    paths = write_reports(doc, tmp_path, figure1=False)
    pdf = tmp_path / "report.pdf"
    assert pdf in paths
    text = pdf_text(pdf)
    assert "Referee letter" in pdf_text(pdf, 1, 1)
    letter = _letter_part(text)
    assert letter.index("Main results") < letter.index("Substantive problems (4)")
    _in_order(letter[letter.index("Substantive problems (4)"):], "toy.thm2", "toy.lemma2", "toy.step", "toy.exp1",
              "Typos: the printed form fails", "toy.lemma1", "Gaps: the proof", "toy.lemma3",
              "depend on the reading", "toy.cor1")
    lemma2 = letter[letter.index("Fails even as intended"):]
    _in_order(lemma2, "SUBSTANTIVE-WITNESS", "As printed:")
    pages = letter_pages((tmp_path / "report.aux").read_text())
    assert set(pages) == {"toy"} and 1 <= pages["toy"] <= MAX_LETTER_PAGES


def _long_document(n: int = 40) -> dict:
    """One paper with ``n`` substantive lemmas with long statements and witnesses: too long for 4 pages."""
    from ticketcheck.harness.referee import annotate
    claims = []
    for i in range(n):
        claims.append({"id": f"long.lemma{i}", "paper": "long", "role": "lemma", "title": f"Lemma {i}",
                       "source": f"§{i}", "verdict": "violated", "severity": "substantive",
                       "statement": ("For all $n \\ge 1$ and every $t$ in the range, " * 8) + f"claim {i}.",
                       "witness": ("At $n = 2$: $P(A) = 1/3$, while the bound is 0.86; " * 4),
                       "evidence_text": "exact on n <= 8", "results": []})
    return {"claims": claims, "referee": annotate(claims), "papers": {"long": {"title": "Long"}}}


@needs_tex
def test_a_long_letter_is_cut_to_four_pages(tmp_path):
    d = _long_document()
    limits = fit_letters(d["claims"], d, tmp_path / "w")
    assert limits["long"] != STAGES[0]  # the first stage did not fit
    # measured again: the fitted letter is within budget, and every item is still listed
    model = analysis.review_model(d["claims"], doc=d, limits=limits)
    tex = tmp_path / "letters.tex"
    tex.write_text(build_tex(model, {}, [], "t", letters_only=True))
    from ticketcheck.reports.latex import measure_letters
    assert measure_letters(tex)["long"] <= MAX_LETTER_PAGES
    (lt,) = model["letters"]
    items = lt["sections"][0]["items"]
    assert len(items) == 40 and not all(it["full"] for it in items)
    body = tex.read_text()
    assert all(f"long.{chr(92)}allowbreak{{}}lemma{i}" in body for i in range(40))
    # the uncut letter is longer than the budget: the test measures something
    full = analysis.review_model(d["claims"], doc=d, limits={"long": STAGES[0]})
    tex.write_text(build_tex(full, {}, [], "t", letters_only=True))
    assert measure_letters(tex)["long"] > MAX_LETTER_PAGES


def test_detail_all_gives_every_claim_its_section(doc, tmp_path):
    write_reports(doc, tmp_path / "p", figure1=False, compile_pdf=False)
    write_reports(doc, tmp_path / "a", figure1=False, compile_pdf=False, detail="all")
    short = (tmp_path / "p" / "report.html").read_text()
    full = (tmp_path / "a" / "report.html").read_text()
    # toy.thm1 holds: a compact row by default, a section with `detail="all"`
    assert '<tr class="filterable" id="claim-toy-thm1"' in short
    assert '<section class="claim filterable holds" id="claim-toy-thm1"' in full
    assert "Claims without a problem" in short and "Claims without a problem" not in full
    assert len(re.findall(r"<section class=\"claim", full)) == len(doc["claims"])
    # only toy.thm1 is without a problem (toy.cor1 fails under one reading)
    assert len(re.findall(r"<section class=\"claim", short)) == len(doc["claims"]) - 1
    assert "\\subsection*{Claims without a problem" in (tmp_path / "p" / "report.tex").read_text()
    with pytest.raises(Exception, match="detail must be one of problems, all"):
        write_reports(doc, tmp_path / "x", compile_pdf=False, detail="everything")


def test_without_tex_the_html_and_tex_are_written_and_one_line_says_so(tmp_path, monkeypatch, capsys):
    d = letter_document()
    real = shutil.which
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None if name == "pdflatex" else real(name, *a, **k))
    paths = write_reports(d, tmp_path, figure1=False)
    assert {p.name for p in paths} == {"results.json", "report.html", "report.tex"}
    err = capsys.readouterr().err
    assert len([ln for ln in err.splitlines() if "needs TeX" in ln]) == 1


def test_the_module_entry_point_rebuilds_a_review(tmp_path, capsys):
    d = letter_document()
    (tmp_path / "results.json").write_text(json.dumps(d))
    assert main([str(tmp_path), "--detail", "all"]) == 0
    assert '<section class="claim filterable holds" id="claim-toy-thm1"' in (tmp_path / "report.html").read_text()
    assert main([str(tmp_path), "--detail"]) == 2
    assert main([str(tmp_path / "missing")]) == 2
    assert "does not exist" in capsys.readouterr().err


@pytest.mark.slow
def test_a_quick_review_of_every_paper_fits_the_budget(tmp_path):
    """The whole pipeline on the seed papers: `ticketcheck review --quick`, the referee model (added
    here while the review does not store it), the reports: PDF <= 60 pages opening with the letters,
    each letter <= 4 pages, HTML <= 4 MB."""
    r = subprocess.run([str(Path(sys.executable).parent / "ticketcheck"), "review", "--quick", "--out", str(tmp_path),
                        "--no-reports"], capture_output=True, text=True, timeout=1800)
    assert r.returncode == 0, r.stderr[-2000:]
    d = json.loads((tmp_path / "results.json").read_text())
    if not d.get("referee"):
        from ticketcheck.harness.referee import annotate
        d["referee"] = annotate(d["claims"])
    write_reports(d, tmp_path, quick=True)
    assert (tmp_path / "report.html").stat().st_size <= 4_000_000
    if HAVE_TEX:
        pdf = tmp_path / "report.pdf"
        assert pdf_pages(pdf) <= 60
        pages = letter_pages((tmp_path / "report.aux").read_text())
        assert len(pages) == len({c["paper"] for c in d["claims"]}) and max(pages.values()) <= 4
        assert "Referee letter" in pdf_text(pdf, 1, 1)
