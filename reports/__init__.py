"""Reviewer reports from ``results.json``: ``report.html`` (self-contained), ``report.tex`` and
``report.pdf`` (compiled with pdflatex).

Layout, as a referee writes a report (issue 10): the report opens, per paper, with its referee letter
(at most 4 pages: main results, substantive problems ranked by role, typos with their intended forms,
gaps, reading-dependent claims, vacuous ranges), fitted to its page budget by measuring a compiled
letters-only draft (:func:`fit_letters`); then the appendix: overview counts, Figure 1 of `unified`
reproduced, and per paper a compact table of the claims without a problem and one section per claim
with a problem (statement, witness, plots of the bound against the true value, points, replay).
``detail="all"`` gives every claim its section and plots every check.

``write_reports(results, out)`` is called by ``ticketcheck review``; ``ticketcheck report DIR
[--detail all]`` (and ``python -m ticketcheck.reports DIR``, the same code: :func:`report_directory`)
rebuilds the reports of a review from ``DIR/results.json``. Nothing is computed here: every number,
sentence and formula shown was stored by the review.

Reports are keyed by the content hash of the results they show (timing aside,
:func:`ticketcheck.results_schema.content_hash`), the options and the rendering code: when none
changed and the files are there, nothing is rendered again. Without TeX (``pdflatex``) the HTML and
LaTeX are written and one line says that the PDF needs TeX (``bash scripts/setup.sh``).
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import re
import shutil
import sys
from pathlib import Path

__all__ = ["write_reports", "report_directory", "main", "pdf_available", "PDF_NEEDS_TEX"]

#: the one line printed when TeX is missing
PDF_NEEDS_TEX = ("reports: report.pdf needs TeX (pdflatex not found; `bash scripts/setup.sh` installs "
                 "it); wrote the HTML and LaTeX reports")
_KEY_FILE = "report.key"


def pdf_available() -> bool:
    """Whether pdflatex is on the PATH (the PDF report needs it)."""
    return shutil.which("pdflatex") is not None


def _render_key(doc, quick: bool, compile_pdf: bool, per_paper, figure1, detail: str = "problems") -> str:
    """What the rendered reports depend on: the results' content, the options, the reports' code
    and assets."""
    from ticketcheck.results_schema import content_hash
    h = hashlib.sha256(content_hash(doc).encode())
    h.update(json.dumps([quick, compile_pdf, per_paper, figure1, detail]).encode())
    here = Path(__file__).parent
    for f in sorted([*here.glob("*.py"), *here.glob("assets/*.js"), *here.glob("assets/*.css")]):
        h.update(f.read_bytes())
    return h.hexdigest()[:24]


def _claims_of(results) -> tuple[list[dict], dict]:
    if isinstance(results, dict):
        return list(results.get("claims") or []), results
    return list(results or []), {}


def _safe_name(*parts: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", "__".join(parts)).strip("_")[:120]


DETAILS = ("problems", "all")


def _one_plot(args):
    from ticketcheck.reports.plots import check_plot
    cid, chk, names = args
    try:
        return cid, chk.get("name", "?"), check_plot(chk, title=f"{cid} [{chk.get('name', '?')}]", names=names)
    except Exception as e:  # a broken plot must not sink the report
        print(f"reports: plot of {cid} [{chk.get('name')}] failed: {type(e).__name__}: {e}", file=sys.stderr)
        return cid, chk.get("name", "?"), None


def _plot_key(cid: str, chk: dict, names: dict | None = None) -> str:
    """Hash of what a plot shows (the check's points, the parameters' names), with the plotting
    code's source."""
    h = hashlib.sha256(json.dumps([cid, chk, names or {}], sort_keys=True, default=str).encode())
    h.update((Path(__file__).parent / "plots.py").read_bytes())
    return h.hexdigest()[:24]


def plotted_checks(claims: list[dict], detail: str = "problems"):
    """``(claim, check)`` pairs the report shows in full and so plots: every check with points
    (``detail="all"``), else the checks with a problem of the claims with a problem, except a
    variant's check that repeats its statement's (same name, same points)."""
    from ticketcheck.reports.analysis import PROBLEM_CHECK_VERDICTS, checks_of, has_problem, repeated_check
    by_id = {c["id"]: c for c in claims}
    for c in claims:
        if detail != "all" and not has_problem(c):
            continue
        for chk in checks_of(c):
            if chk.get("points") and (detail == "all" or chk.get("verdict") in PROBLEM_CHECK_VERDICTS) \
                    and (detail == "all" or not repeated_check(c, chk, by_id)):
                yield c, chk


def make_plots(claims: list[dict], fig_dir: Path, cache_dir: Path | None = None,
               detail: str = "problems") -> dict[tuple[str, str], Path]:
    """One PNG per plotted check (:func:`plotted_checks`) in ``fig_dir``; unchanged plots are taken
    from ``cache_dir`` (keyed by content)."""
    fig_dir.mkdir(parents=True, exist_ok=True)
    for old in fig_dir.glob("*.png"):  # plots of an earlier review in the same directory
        old.unlink()
    out = {}
    jobs = []
    for c, chk in plotted_checks(claims, detail):
        names = c.get("params_tex") or {}
        key = _plot_key(c["id"], chk, names)
        cached = cache_dir / f"plot_{key}.png" if cache_dir else None
        target = fig_dir / f"{_safe_name(c['id'], chk.get('name', '?'))}.png"
        if cached is not None and cached.exists():
            shutil.copyfile(cached, target)
            out[(c["id"], chk.get("name", "?"))] = target
        elif cached is not None and (cache_dir / f"plot_{key}.none").exists():
            continue  # nothing to draw last time either
        else:
            jobs.append((c["id"], chk, names, key))
    done = _draw(jobs)
    for (cid, name, png), (_, _, _, key) in zip(done, jobs):
        if cache_dir is not None:
            cache_dir.mkdir(parents=True, exist_ok=True)
            (cache_dir / (f"plot_{key}.png" if png else f"plot_{key}.none")).write_bytes(png or b"")
        if png:
            p = fig_dir / f"{_safe_name(cid, name)}.png"
            p.write_bytes(png)
            out[(cid, name)] = p
    return out


def _draw(jobs):
    jobs = [(cid, chk, names) for cid, chk, names, _ in jobs]
    if len(jobs) > 30 and (os.cpu_count() or 1) > 1:
        from concurrent.futures import ProcessPoolExecutor
        import multiprocessing as mp
        with ProcessPoolExecutor(max_workers=min(2, os.cpu_count() or 1),
                                 mp_context=mp.get_context("fork")) as ex:
            done = list(ex.map(_one_plot, jobs, chunksize=4))
    else:
        done = [_one_plot(j) for j in jobs]
    return done


def write_reports(results, out, quick: bool = False, figure1: bool | None = None,
                  title: str | None = None, compile_pdf: bool = True, use_cache: bool = True,
                  per_paper: bool | None = None, cache_dir: Path | None = None,
                  detail: str = "problems", force: bool = False) -> list[Path]:
    """Write report.html, report.tex, report.pdf (and results.json if missing) into ``out``;
    returns the files written, ``[]`` when the reports of the same results are already there
    (``force`` renders anyway; ``use_cache=False`` implies it).

    ``results``: the review's document (``claims``, ``referee``, ``papers``, ``figures``, ``options``)
    or a bare list of claims. Figure 1 of `unified` is drawn from the data the review stored
    (``results["figures"]``); ``figure1=False`` leaves it out. ``detail``: ``"problems"`` (default:
    full sections and plots only for claims with a problem, the others in a compact table) or
    ``"all"``. Plots are cached in ``out/.cache`` by content. ``per_paper`` (default: a full review
    of several papers) also writes one report per paper into ``out/<paper>/``. Without TeX, the HTML
    and the LaTeX source are written and one line says that the PDF needs TeX.
    """
    from ticketcheck.errors import InputError
    if detail not in DETAILS:
        raise InputError(f"detail must be one of {', '.join(DETAILS)}, not {detail!r}")
    claims, doc = _claims_of(results)
    out = Path(out)
    cache_dir = Path(cache_dir) if cache_dir else out / ".cache"
    from ticketcheck.reports.analysis import paper_of, paper_rank
    rank = paper_rank(doc, claims)
    papers = sorted({paper_of(c) for c in claims}, key=rank)
    claims = sorted(claims, key=lambda c: rank(paper_of(c)))  # stable: catalogue order per paper
    if per_paper is None:
        per_paper = not quick and len(papers) > 1
    if compile_pdf and not pdf_available():
        print(PDF_NEEDS_TEX, file=sys.stderr)
        compile_pdf = False
    key = _render_key(doc or {"claims": claims}, quick, compile_pdf, per_paper, figure1, detail)
    key_file = cache_dir / _KEY_FILE
    expected = [out / "report.html"] + ([out / "report.pdf"] if compile_pdf else [])
    if (not force and use_cache and key_file.exists() and key_file.read_text().strip() == key
            and all(p.exists() for p in expected)):
        return []
    if key_file.exists():
        key_file.unlink()  # rendering below: an interrupted rendering is not taken as done
    limits = fit_letters(claims, doc, out / ".letters") if compile_pdf else None
    written = _write_one(claims, doc, out, quick, figure1, title, compile_pdf, use_cache, cache_dir,
                         papers if per_paper else [], detail, limits)
    if per_paper:
        for paper in papers:
            sub = [c for c in claims if paper_of(c) == paper]
            sub_doc = {**doc, "claims": sub, "paper": paper} if isinstance(doc, dict) and doc else {"claims": sub}
            written += _write_one(sub, sub_doc, out / paper, quick, figure1, None, compile_pdf, use_cache,
                                  cache_dir, [], detail, limits)
    cache_dir.mkdir(parents=True, exist_ok=True)
    key_file.write_text(key + "\n")
    return written


def fit_letters(claims: list[dict], doc: dict, work: Path) -> dict | None:
    """Per paper, the first :data:`letter.STAGES` entry whose letter fits in
    :data:`letter.MAX_LETTER_PAGES` pages, measured on letters-only drafts compiled with pdflatex
    (one draft pass per stage tried). None when a draft does not compile (then the default limits)."""
    from ticketcheck.reports import analysis, letter
    from ticketcheck.reports.latex import build_tex, letter_key, measure_letters
    papers = list(dict.fromkeys(analysis.paper_of(c) for c in claims))
    stage = {p: 0 for p in papers}
    work.mkdir(parents=True, exist_ok=True)
    for _ in letter.STAGES:
        limits = {p: letter.STAGES[stage[p]] for p in papers}
        model = analysis.review_model(claims, None, doc, limits)
        tex = work / "letters.tex"
        tex.write_text(build_tex(model, {}, [], "letters", letters_only=True), encoding="utf-8")
        pages = measure_letters(tex)
        if pages is None:
            return None
        long = [p for p in papers if pages.get(letter_key(p), 0) > letter.MAX_LETTER_PAGES
                and stage[p] + 1 < len(letter.STAGES)]
        if not long:
            return limits
        for p in long:
            stage[p] += 1
    return {p: letter.STAGES[stage[p]] for p in papers}


def _write_one(claims, doc, out: Path, quick, figure1, title, compile_pdf, use_cache, cache_dir: Path,
               sub_reports: list[str], detail: str = "problems", limits: dict | None = None) -> list[Path]:
    from ticketcheck.reports import analysis, figure1 as fig1mod
    from ticketcheck.reports.html import build_html
    from ticketcheck.reports.latex import (APPENDIX_STAGES, MAX_PDF_PAGES, build_tex, compile_pdf as _compile,
                                           pdf_pages_of)

    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    if not (out / "results.json").exists():
        (out / "results.json").write_text(json.dumps(doc or {"claims": claims}, default=str))
        written.append(out / "results.json")
    papers = sorted({analysis.paper_of(c) for c in claims}, key=analysis.paper_rank(doc, claims))
    f1 = ((doc.get("figures") or {}).get("unified.figure1") if isinstance(doc, dict) else None)
    if figure1 is False or "unified" not in papers:
        f1 = None
    f1_pngs: list[bytes] = fig1mod.plot_pngs(f1) if f1 else []
    fig_dir = out / "figures"
    figs = make_plots(claims, fig_dir, cache_dir if use_cache else None, detail=detail)
    for i, png in enumerate(f1_pngs):
        (fig_dir / f"figure1_{i}.png").write_bytes(png)
    model = analysis.review_model(claims, figure1=f1, doc=doc if isinstance(doc, dict) else None,
                                  limits=limits)
    if title is None:
        which = papers[0] if len(papers) == 1 else "all seed papers"
        title = f"ticketcheck review: {which}" + (" (quick)" if quick else "")
    from ticketcheck.version import __version__ as VERSION
    meta = {"version": VERSION, "date": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "note": ("Quick review: every claim on its small quick grid. The full review (without "
                     "--quick) is the reference.") if quick else "",
            "options": (doc.get("options") if isinstance(doc, dict) else None),
            "sub_reports": [f"{p}/report.pdf" for p in sub_reports], "detail": detail}

    html_path = out / "report.html"
    png_bytes = {k: v.read_bytes() for k, v in figs.items()}
    html_path.write_text(build_html(model, png_bytes, f1_pngs, title, meta, detail=detail), encoding="utf-8")
    written.append(html_path)

    rel = {k: f"figures/{v.name}" for k, v in figs.items()}
    f1_rel = [f"figures/figure1_{i}.png" for i in range(len(f1_pngs))]
    tex_path = out / "report.tex"
    written.append(tex_path)
    stages = [None] if detail == "all" else list(APPENDIX_STAGES)
    for k, stage in enumerate(stages):
        tex_path.write_text(build_tex(model, rel, f1_rel, title, meta=meta, detail=detail, appendix=stage),
                            encoding="utf-8")
        if not compile_pdf:
            break
        pdf, log = _compile(tex_path)
        if pdf is None:
            print("reports: LaTeX failed, retrying with all math as plain text:\n" + log[-800:], file=sys.stderr)
            tex_path.write_text(build_tex(model, rel, f1_rel, title, safe=True, meta=meta, detail=detail,
                                          appendix=stage), encoding="utf-8")
            pdf, log = _compile(tex_path)
        if pdf is None:
            print("reports: report.pdf was not produced:\n" + log[-1500:], file=sys.stderr)
            break
        pages = pdf_pages_of(tex_path)
        if pages is None or pages <= MAX_PDF_PAGES or k + 1 == len(stages):
            written.append(pdf)
            break
        print(f"reports: report.pdf has {pages} pages (more than {MAX_PDF_PAGES}): a shorter appendix",
              file=sys.stderr)
    return written


def report_directory(out: Path, force: bool = False, compile_pdf: bool = True,
                     detail: str = "problems") -> list[Path]:
    """``ticketcheck report DIR``: the reports of the review in ``DIR`` (its results.json, validated
    against the results schema). Every fault is one :class:`~ticketcheck.errors.InputError` line."""
    from ticketcheck.errors import InputError
    from ticketcheck.files import RESULTS, fs_errors, read_results
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise InputError(f"{out} is a file; give the directory of a review (the one holding {RESULTS})")
    if not out.exists():
        raise InputError(f"{out} does not exist; give the directory of a review "
                         f"(`ticketcheck review --out DIR`)")
    doc = read_results(out)
    quick = bool((doc.get("options") or {}).get("quick"))
    with fs_errors(out, "write the reports into"):
        written = write_reports(doc, out, quick=quick, compile_pdf=compile_pdf, force=force, detail=detail)
    if not written:
        print(f"reports unchanged (same results, same code): {out / 'report.html'} "
              f"(--force renders them again)")
    return written


USAGE = ("usage: python -m ticketcheck.reports DIR [--detail problems|all]   (the same as "
         "`ticketcheck report DIR`: rebuilds the reports from DIR/results.json)")


def main(argv=None) -> int:
    """``python -m ticketcheck.reports DIR [--detail all]``: :func:`report_directory`, one-line
    errors (exit 2)."""
    from ticketcheck.errors import TicketcheckError
    argv = list(sys.argv[1:] if argv is None else argv)
    detail = "problems"
    if "--detail" in argv:
        i = argv.index("--detail")
        if i + 1 >= len(argv) or argv[i + 1] not in DETAILS:
            print(USAGE, file=sys.stderr)
            return 2
        detail = argv[i + 1]
        del argv[i:i + 2]
    if len(argv) != 1 or argv[0].startswith("-"):
        print(USAGE, file=sys.stderr)
        return 2
    try:
        for p in report_directory(Path(argv[0]), detail=detail):
            print(f"wrote {p}")
    except TicketcheckError as e:
        print(f"ticketcheck: error: {' '.join(str(e).split())}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\nticketcheck: interrupted", file=sys.stderr)
        return 130
    return 0
