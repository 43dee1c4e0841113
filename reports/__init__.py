"""Reviewer reports from ``results.json``: ``report.html`` (self-contained), ``report.tex`` and
``report.pdf`` (compiled with latexmk/pdflatex).

Layout, as a referee writes a report: first the summary (problems found: violated claims with the
smallest counterexample, variants of one statement that disagree, bounds vacuous on the whole
tested range with where they start to say something; then what was confirmed; then what is not
testable, REC), then Figure 1 of `unified` reproduced, then one section per claim (statement,
source, plot of the bound against the true value over the grid, verdict, slack, certificate or
replay command).

``write_reports(results, out)`` is called by ``ticketcheck review``; ``ticketcheck report DIR``
(and ``python -m ticketcheck.reports DIR``, the same code: :func:`report_directory`) rebuilds the
reports of a review from ``DIR/results.json``.

Reports are keyed by the content hash of the results they show (timing aside,
:func:`ticketcheck.results_schema.content_hash`) and of the rendering code: when neither changed
and the files are there, nothing is rendered again. Without TeX (``pdflatex``) the HTML and LaTeX
are written and one line says that the PDF needs TeX (``bash scripts/setup.sh``).
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


def _render_key(doc, quick: bool, compile_pdf: bool, per_paper, figure1) -> str:
    """What the rendered reports depend on: the results' content, the options, the reports' code."""
    from ticketcheck.results_schema import content_hash
    h = hashlib.sha256(content_hash(doc).encode())
    h.update(json.dumps([quick, compile_pdf, per_paper, figure1]).encode())
    here = Path(__file__).parent
    for f in sorted(here.glob("*.py")):
        h.update(f.read_bytes())
    return h.hexdigest()[:24]


def _claims_of(results) -> tuple[list[dict], dict]:
    if isinstance(results, dict):
        return list(results.get("claims") or []), results
    return list(results or []), {}


def _safe_name(*parts: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", "__".join(parts)).strip("_")[:120]


def _one_plot(args):
    from ticketcheck.reports.plots import check_plot
    cid, chk = args
    try:
        return cid, chk.get("name", "?"), check_plot(chk, title=f"{cid} [{chk.get('name', '?')}]")
    except Exception as e:  # a broken plot must not sink the report
        print(f"reports: plot of {cid} [{chk.get('name')}] failed: {type(e).__name__}: {e}", file=sys.stderr)
        return cid, chk.get("name", "?"), None


def _plot_key(cid: str, chk: dict) -> str:
    """Hash of what a plot shows (the check's points), with the plotting code's source."""
    h = hashlib.sha256(json.dumps([cid, chk], sort_keys=True, default=str).encode())
    h.update((Path(__file__).parent / "plots.py").read_bytes())
    return h.hexdigest()[:24]


PROBLEM_VERDICTS = ("violated", "vacuous", "inconclusive", "partially_certified")


def make_plots(claims: list[dict], fig_dir: Path, cache_dir: Path | None = None,
               only_problems: bool = False) -> dict[tuple[str, str], Path]:
    """One PNG per check with points, in ``fig_dir``; unchanged plots are taken from ``cache_dir``.
    ``only_problems`` (quick reviews): only checks whose verdict a referee has to look at."""
    from ticketcheck.reports.analysis import checks_of
    fig_dir.mkdir(parents=True, exist_ok=True)
    for old in fig_dir.glob("*.png"):  # plots of an earlier review in the same directory
        old.unlink()
    out = {}
    jobs = []
    for c in claims:
        for chk in checks_of(c):
            if not chk.get("points") or (only_problems and chk.get("verdict") not in PROBLEM_VERDICTS):
                continue
            key = _plot_key(c["id"], chk)
            cached = cache_dir / f"plot_{key}.png" if cache_dir else None
            target = fig_dir / f"{_safe_name(c['id'], chk.get('name', '?'))}.png"
            if cached is not None and cached.exists():
                shutil.copyfile(cached, target)
                out[(c["id"], chk.get("name", "?"))] = target
            elif cached is not None and (cache_dir / f"plot_{key}.none").exists():
                continue  # nothing to draw last time either
            else:
                jobs.append((c["id"], chk, key))
    done = _draw(jobs)
    for (cid, name, png), (_, _, key) in zip(done, jobs):
        if cache_dir is not None:
            cache_dir.mkdir(parents=True, exist_ok=True)
            (cache_dir / (f"plot_{key}.png" if png else f"plot_{key}.none")).write_bytes(png or b"")
        if png:
            p = fig_dir / f"{_safe_name(cid, name)}.png"
            p.write_bytes(png)
            out[(cid, name)] = p
    return out


def _draw(jobs):
    jobs = [(cid, chk) for cid, chk, _ in jobs]
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
                  force: bool = False) -> list[Path]:
    """Write report.html, report.tex, report.pdf (and results.json if missing) into ``out``;
    returns the files written, ``[]`` when the reports of the same results are already there
    (``force`` renders anyway; ``use_cache=False`` implies it).

    Figure 1 of `unified` is drawn from the data the review stored (``results["figures"]``);
    ``figure1=False`` leaves it out. ``quick`` plots only
    the checks with a problem (violated, vacuous, inconclusive, partially certified); plots are
    cached in ``out/.cache`` by content. ``per_paper`` (default: a full review of several papers)
    also writes one report per paper into ``out/<paper>/``.
    """
    claims, doc = _claims_of(results)
    out = Path(out)
    cache_dir = Path(cache_dir) if cache_dir else out / ".cache"
    from ticketcheck.reports.analysis import paper_of
    papers = sorted({paper_of(c) for c in claims}, key=_paper_order)
    if per_paper is None:
        per_paper = not quick and len(papers) > 1
    if compile_pdf and not pdf_available():
        print(PDF_NEEDS_TEX, file=sys.stderr)
        compile_pdf = False
    key = _render_key(doc or {"claims": claims}, quick, compile_pdf, per_paper, figure1)
    key_file = cache_dir / _KEY_FILE
    expected = [out / "report.html"] + ([out / "report.pdf"] if compile_pdf else [])
    if (not force and use_cache and key_file.exists() and key_file.read_text().strip() == key
            and all(p.exists() for p in expected)):
        return []
    if key_file.exists():
        key_file.unlink()  # rendering below: an interrupted rendering is not taken as done
    written = _write_one(claims, doc, out, quick, figure1, title, compile_pdf, use_cache, cache_dir,
                         papers if per_paper else [])
    if per_paper:
        for paper in papers:
            sub = [c for c in claims if paper_of(c) == paper]
            sub_doc = {**doc, "claims": sub, "paper": paper} if isinstance(doc, dict) and doc else {"claims": sub}
            written += _write_one(sub, sub_doc, out / paper, quick, figure1, None, compile_pdf, use_cache,
                                  cache_dir, [])
    cache_dir.mkdir(parents=True, exist_ok=True)
    key_file.write_text(key + "\n")
    return written


def _paper_order(key: str):
    from ticketcheck.reports.analysis import PAPER_TITLES
    return (list(PAPER_TITLES).index(key) if key in PAPER_TITLES else len(PAPER_TITLES), key)


def _write_one(claims, doc, out: Path, quick, figure1, title, compile_pdf, use_cache, cache_dir: Path,
               sub_reports: list[str]) -> list[Path]:
    from ticketcheck.reports import analysis, figure1 as fig1mod
    from ticketcheck.reports.html import build_html
    from ticketcheck.reports.latex import build_tex, compile_pdf as _compile

    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    if not (out / "results.json").exists():
        (out / "results.json").write_text(json.dumps(doc or {"claims": claims}, default=str))
        written.append(out / "results.json")
    papers = sorted({analysis.paper_of(c) for c in claims}, key=_paper_order)
    f1 = ((doc.get("figures") or {}).get("unified.figure1") if isinstance(doc, dict) else None)
    if figure1 is False or "unified" not in papers:
        f1 = None
    f1_pngs: list[bytes] = fig1mod.plot_pngs(f1) if f1 else []
    fig_dir = out / "figures"
    figs = make_plots(claims, fig_dir, cache_dir if use_cache else None, only_problems=quick)
    for i, png in enumerate(f1_pngs):
        (fig_dir / f"figure1_{i}.png").write_bytes(png)
    model = analysis.review_model(claims, figure1=f1)
    if title is None:
        which = papers[0] if len(papers) == 1 else "all seed papers"
        title = f"ticketcheck review: {which}" + (" (quick)" if quick else "")
    from ticketcheck.version import __version__ as VERSION
    meta = {"version": VERSION, "date": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "note": ("Quick review: every claim on its small quick grid; plots only for the checks with "
                     "a problem. The full review (without --quick) is the reference.") if quick else "",
            "options": (doc.get("options") if isinstance(doc, dict) else None),
            "sub_reports": [f"{p}/report.pdf" for p in sub_reports]}

    html_path = out / "report.html"
    png_bytes = {k: v.read_bytes() for k, v in figs.items()}
    html_path.write_text(build_html(model, png_bytes, f1_pngs, title, meta), encoding="utf-8")
    written.append(html_path)

    rel = {k: f"figures/{v.name}" for k, v in figs.items()}
    f1_rel = [f"figures/figure1_{i}.png" for i in range(len(f1_pngs))]
    tex_path = out / "report.tex"
    tex_path.write_text(build_tex(model, rel, f1_rel, title, meta=meta), encoding="utf-8")
    written.append(tex_path)
    if compile_pdf:
        pdf, log = _compile(tex_path)
        if pdf is None:
            print("reports: LaTeX failed, retrying with all math as plain text:\n" + log[-800:], file=sys.stderr)
            tex_path.write_text(build_tex(model, rel, f1_rel, title, safe=True, meta=meta), encoding="utf-8")
            pdf, log = _compile(tex_path)
        if pdf is None:
            print("reports: report.pdf was not produced:\n" + log[-1500:], file=sys.stderr)
        else:
            written.append(pdf)
    return written


def report_directory(out: Path, force: bool = False, compile_pdf: bool = True) -> list[Path]:
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
        written = write_reports(doc, out, quick=quick, compile_pdf=compile_pdf, force=force)
    if not written:
        print(f"reports unchanged (same results, same code): {out / 'report.html'} "
              f"(--force renders them again)")
    return written


def main(argv=None) -> int:
    """``python -m ticketcheck.reports DIR``: :func:`report_directory`, one-line errors (exit 2)."""
    from ticketcheck.errors import TicketcheckError
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1 or argv[0].startswith("-"):
        print("usage: python -m ticketcheck.reports DIR   (the same as `ticketcheck report DIR`: "
              "rebuilds the reports from DIR/results.json)", file=sys.stderr)
        return 2
    try:
        for p in report_directory(Path(argv[0])):
            print(f"wrote {p}")
    except TicketcheckError as e:
        print(f"ticketcheck: error: {' '.join(str(e).split())}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\nticketcheck: interrupted", file=sys.stderr)
        return 130
    return 0
