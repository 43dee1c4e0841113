"""The reviewer report as LaTeX (``report.tex``), compiled to ``report.pdf`` with pdflatex.

Layout (issue 10, item 4): per paper a section titled "Referee letter" (main results table, then
substantive problems ranked by role, typos with their intended forms, gaps, reading-dependent
claims, vacuous ranges: each item with its statement typeset, the witness and what it breaks), at
most :data:`~ticketcheck.reports.letter.MAX_LETTER_PAGES` pages each (:func:`letter_pages` measures
them); then the appendix: overview counts, Figure 1 of `unified`, and per paper a compact table of
the claims without a problem followed by one section per claim with a problem (``detail="all"``:
a section for every claim).

Every text from a claim or a plugin is escaped (:mod:`~ticketcheck.reports.texify`); stored LaTeX is
typeset only when :func:`~ticketcheck.reports.texify.math_ok` accepts it, else shown as code.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from ticketcheck.reports import analysis as A
from ticketcheck.reports import letter as L
from ticketcheck.reports.texify import MATH_PREAMBLE, clip_prose, code, escape_text, tex_math, tex_rich

VERDICT_COLOR = {"holds": "OKGreen", "violated": "BadRed", "error": "ErrPurple", "vacuous": "VacGray",
                 "inconclusive": "IncOrange", "partially_certified": "IncOrange", "gap": "GapBrown",
                 "out_of_scope": "VacGray", "recorded": "RecBlue", "measured": "RecBlue"}
MAX_PDF_PAGES = 60  # the whole review's PDF by default (the appendix is shortened to fit)


@dataclass(frozen=True)
class Appendix:
    """How much of a claim's detail the PDF's appendix shows."""

    full: bool = False          #: ``detail="all"``: every check in full, falsifiers, longer notes
    rows: int = 6               #: points per table (one fewer beside a plot)
    plot_width: float = 0.58    #: of the text width; 0: no plots (the HTML has them)
    first_plot_only: bool = False  #: one plot per claim
    notes_chars: int = 300


#: tried in turn while the whole PDF is longer than MAX_PDF_PAGES (``write_reports``)
APPENDIX_STAGES = (Appendix(), Appendix(rows=4, plot_width=0.48),
                   Appendix(rows=4, plot_width=0.48, first_plot_only=True, notes_chars=160),
                   Appendix(rows=3, plot_width=0.0, notes_chars=120))
FULL_APPENDIX = Appendix(full=True, rows=12, plot_width=0.8, notes_chars=700)

PREAMBLE = r"""\documentclass[10pt,a4paper]{article}
\usepackage[T1]{fontenc}
\usepackage{lmodern}
\usepackage[margin=2cm]{geometry}
""" + MATH_PREAMBLE + r"""\usepackage{graphicx}
\usepackage{xcolor}
\usepackage{longtable,booktabs,array}
\usepackage{needspace}
\usepackage{enumitem}
\usepackage[hidelinks,bookmarksdepth=3]{hyperref}
\definecolor{OKGreen}{HTML}{1B7F3B}
\definecolor{ErrPurple}{HTML}{6A1B9A}
\definecolor{BadRed}{HTML}{C62828}
\definecolor{VacGray}{HTML}{6D6D6D}
\definecolor{IncOrange}{HTML}{D9822B}
\definecolor{GapBrown}{HTML}{8D6E63}
\definecolor{RecBlue}{HTML}{3F5F8F}
\newcommand{\verdict}[2]{\colorbox{#1}{\textcolor{white}{\strut\textsf{\small #2}}}}
\newcommand{\severity}[1]{\fbox{\textsf{\footnotesize #1}}}
\setlength{\parindent}{0pt}
\setlength{\parskip}{4pt}
\setlength{\emergencystretch}{3em}
\setlist{itemsep=3pt,topsep=3pt,parsep=1pt}
\sloppy
"""


def verdict_box(v: str | None) -> str:
    v = v or "recorded"
    return r"\verdict{%s}{%s}" % (VERDICT_COLOR.get(v, "VacGray"), escape_text(v.replace("_", " ")))


def severity_box(s: str | None) -> str:
    return r"\severity{%s}" % escape_text(s) if s else ""


def _label(cid: str) -> str:
    return "claim:" + "".join(ch if ch.isalnum() else "-" for ch in cid)


def _letter_label(paper: str, end: str) -> str:
    return f"letter-{end}-" + letter_key(paper)


class _Doc:
    def __init__(self, safe: bool, ids=(), by_id: dict | None = None):
        self.lines: list[str] = []
        self.safe = safe
        self.ids = set(ids)
        self.by_id = by_id or {}

    def add(self, *s: str):
        self.lines.extend(s)

    def rich(self, s: str | None) -> str:
        """Prose with ``$...$`` math (from a claim: escaped; math only when it is safe)."""
        return tex_rich(s or "", safe=self.safe)

    def math(self, m: str | None) -> str:
        """A stored pure-math string (``sympy.latex``), typeset when safe."""
        return tex_math(m, safe=self.safe)

    def ref(self, cid: str) -> str:
        return r"\hyperref[%s]{%s}" % (_label(cid), code(cid)) if cid in self.ids else code(cid)

    def refs(self, ids) -> str:
        return ", ".join(self.ref(i) for i in ids)


def build_tex(model: dict, figures: dict[tuple[str, str], str], fig1_png: list[str] | None,
              title: str, safe: bool = False, meta: dict | None = None, detail: str = "problems",
              letters_only: bool = False, appendix: Appendix | None = None) -> str:
    """The whole report (``letters_only``: only the letters, to measure their length). ``appendix``:
    how much detail (default the first of :data:`APPENDIX_STAGES`; ``detail="all"``: everything)."""
    lay = FULL_APPENDIX if detail == "all" else (appendix or APPENDIX_STAGES[0])
    d = _Doc(safe, (c["id"] for cs in model["by_paper"].values() for c in cs), model.get("by_id"))
    meta = meta or {}
    d.add(PREAMBLE, r"\begin{document}",
          r"{\Large\bfseries %s\par}\smallskip" % escape_text(title),
          r"{\small ticketcheck %s \textperiodcentered{} %s\par}" % (
              escape_text(str(meta.get("version", ""))), escape_text(str(meta.get("date", "")))))
    if meta.get("note"):
        d.add(r"{\small\textit{" + escape_text(meta["note"]) + r"}\par}")
    if meta.get("sub_reports"):
        d.add(r"{\small " + escape_text("One report per paper: " + ", ".join(meta["sub_reports"])) + r"\par}")
    for k, lt in enumerate(model["letters"]):
        _letter(d, lt, first=(k == 0))
    if not letters_only:
        d.add(r"\clearpage", r"\appendix", r"\small")  # the detail: smaller than the letters
        _overview(d, model, meta)
        if model.get("figure1"):
            _figure1(d, model["figure1"], fig1_png or [])
        for paper, claims in model["by_paper"].items():
            _paper_appendix(d, paper, claims, model, figures, lay)
    d.add(r"\end{document}")
    return "\n".join(d.lines) + "\n"


# ------------------------------------------------------------------ the letter

def _letter(d: _Doc, lt: dict, first: bool):
    paper = lt["paper"]
    if not first:  # a short letter shares a page with the next one; each stays within its budget
        d.add(r"\needspace{0.35\textheight}")
    d.add(r"\section{Referee letter}", r"\label{%s}" % _letter_label(paper, "start"),
          r"\textbf{%s} \quad %s\par" % (escape_text(lt["title"]), code(paper)))
    words = ", ".join(f"{n} {w}" for w, n in L.overview_counts(lt))
    sev = lt["severities"]
    extra = (f" (violations: {sev['substantive']} substantive, {sev['typo']} typo-level)"
             if sev["substantive"] or sev["typo"] else "")
    d.add(escape_text(f"{lt['n']} claims checked: {words}{extra}.") + r"\par")
    if lt["missing"]:
        d.add(r"\textit{This results file has no referee model (\texttt{referee}): it was written by a "
              r"review that predates it. Run the review again for the letter; the per-claim detail "
              r"follows in the appendix.}\par")
    if lt["main_results"]:
        d.add(r"\subsection*{Main results}")
        _main_table(d, lt["main_results"])
    for sec in lt["sections"]:
        if not sec["items"]:
            continue
        d.add(r"\subsection*{%s}" % escape_text(f"{sec['heading']} ({len(sec['items'])})"))
        full = [it for it in sec["items"] if it["full"]]
        short = [it for it in sec["items"] if not it["full"]]
        if full:
            d.add(r"\begin{enumerate}[leftmargin=1.5em]")
            for it in full:
                _letter_item(d, it, sec["key"])
            d.add(r"\end{enumerate}")
        if short:
            d.add(r"{\small\textbf{Further, detailed in the appendix:} " + "; ".join(
                f"{d.ref(it['id'])} ({escape_text(it['role'].replace('_', ' '))}"
                + (", also " + d.refs(it["also"]) if it["also"] else "") + ")" for it in short) + r".\par}")
    if lt["broken_proofs"]:
        d.add(r"\subsection*{Other proofs that rest on refuted steps}", r"{\small")
        for row in lt["broken_proofs"]:
            words, ids = L.proof_text(row["proof"])
            d.add(r"%s (%s): proof %s at %s.\par" % (d.ref(row["id"]), escape_text(row["role"]),
                                                     escape_text(words), d.refs(ids)))
        d.add("}")
    d.add(r"\label{%s}" % _letter_label(paper, "end"))


def _main_table(d: _Doc, rows: list[dict]):
    d.add(r"{\small\setlength{\tabcolsep}{3pt}\renewcommand{\arraystretch}{1.15}",
          r"\begin{longtable}{>{\raggedright}p{0.17\textwidth} >{\raggedright}p{0.37\textwidth} "
          r">{\raggedright}p{0.2\textwidth} >{\raggedright}p{0.07\textwidth} "
          r">{\raggedright\arraybackslash}p{0.13\textwidth}}",
          r"\toprule result & statement & verdict (evidence) & tightness & proof\tabularnewline\midrule\endhead")
    for r in rows:
        stmt = d.math(r["statement_latex"]) if r["statement_latex"] else d.rich(r["statement"])
        words, ids = L.proof_text(r["proof"])
        proof = escape_text(words) + ((" at " + d.refs(ids)) if ids else "")
        d.add(r"%s\newline{\footnotesize %s, %s} & {\footnotesize %s} & %s %s\newline{\footnotesize %s} & %s & "
              r"{\footnotesize %s}\tabularnewline" % (
                  d.ref(r["id"]), escape_text(r["role"].replace("_", " ")), escape_text(r["source"][:60]),
                  stmt, verdict_box(r["verdict"]), severity_box(r["severity"]),
                  escape_text((r["evidence_text"] or "")[:110]),
                  escape_text(A.fmt_num(r["tightness"], 3)), proof))
    d.add(r"\bottomrule\end{longtable}}")


def _comparison(d: _Doc, comp: dict | None) -> str:
    if not comp:
        return ""
    s = d.math(f"{comp['lhs']} {comp['relation'] or ''} {comp['rhs']}")
    if comp.get("hypotheses"):
        s += r"\quad for " + d.math(comp["hypotheses"])
    return s


def _letter_item(d: _Doc, it: dict, section: str):
    head = r"\item %s \textbf{%s} (%s; %s) %s" % (
        d.ref(it["id"]), escape_text(it["title"][:100]), escape_text(it["role"].replace("_", " ")),
        escape_text(it["source"][:60]), verdict_box(it["verdict"]))
    d.add(head + r"\par")
    if it["also"]:
        d.add(r"{\small Its variants " + d.refs(it["also"])
              + r" are in this section too (detail in the appendix).}\par")
    stmt = d.math(it["statement_latex"]) if it["statement_latex"] else d.rich(it["statement"])
    d.add(r"{\small\textit{Statement:} " + stmt + r"\par}")
    comp = _comparison(d, it["comparison"])
    if comp:
        d.add(r"{\small\textit{Checked:} " + comp + r"\par}")
    intended = it["intended"]
    if section == "typos" and intended:
        d.add(r"{\small\textbf{Printed:} fails: " + d.rich(it["witness"] or "see the appendix") + r"\par}")
        d.add(r"{\small\textbf{Intended} (%s; %s): %s holds (%s).\par}" % (
            escape_text(str(intended["kind"] or "")), escape_text(str(intended["source"] or "")),
            d.math(intended["latex"]) if intended["latex"] else d.rich(intended["statement"]),
            escape_text(intended["evidence_text"] or intended["verdict"] or "")))
    elif intended and intended["verdict"] != "holds" and intended.get("witness"):
        # a failure of the intended form is the substantive one: it comes first
        d.add(r"{\small\textbf{Fails even as intended} (%s, %s: %s): %s\par}" % (
            escape_text(str(intended["kind"] or "")), escape_text(str(intended["source"] or "")),
            d.math(intended["latex"]) if intended["latex"] else d.rich(intended["statement"]),
            d.rich(intended["witness"])))
        if it["witness"]:
            d.add(r"{\small\textbf{As printed:} " + d.rich(it["witness"]) + r"\par}")
    elif it["witness"]:
        d.add(r"{\small\textbf{Witness:} " + d.rich(it["witness"]) + r"\par}")
    if section == "gaps" and it["reason"]:
        d.add(r"{\small\textbf{Why a gap:} " + escape_text(it["reason"][:400]) + r"\par}")
    for r in it["readings"]:
        d.add(r"{\small\textbf{Reading} %s (%s): %s%s\par}" % (
            escape_text(str(r["label"] or "")), escape_text(str(r["param"] or "")),
            verdict_box(r["verdict"]), (" " + d.rich(r["witness"])) if r["witness"] else ""))
    if section == "vacuous_ranges":
        for v in it["vacuous"]:
            d.add(r"{\small\textbf{Vacuous} (check %s): %s\par}" % (code(v["check"]), escape_text(v["sentence"])))
    _breaks_line(d, it["breaks"])


def _breaks_line(d: _Doc, breaks):
    if breaks is None:
        return
    if breaks:
        d.add(r"{\small\textbf{Breaks} the proofs of " + d.refs(breaks) + r".\par}")
    else:
        d.add(r"{\small\textbf{Breaks:} no theorem, lemma or corollary of the paper rests on it.\par}")


# ------------------------------------------------------------------ the appendix

def _overview(d: _Doc, m: dict, meta: dict):
    d.add(r"\section{Overview of the review}")
    c = m["counts"]
    d.add(escape_text(f"{m['n_claims']} claims reviewed: " +
                      ", ".join(f"{c[v]} {v.replace('_', ' ')}" for v in A.VERDICT_ORDER if c.get(v)))
          + ".")
    cols = [v for v in A.VERDICT_ORDER if c.get(v)]
    d.add(r"\begin{center}\small\begin{tabular}{l r %s}" % ("r " * len(cols)), r"\toprule",
          "paper & claims & " + " & ".join(escape_text(v.replace("_", " ")) for v in cols) + r"\\",
          r"\midrule")
    for pp in m["per_paper"]:
        d.add(code(pp["paper"]) + f" & {pp['n']} & " +
              " & ".join(str(pp["counts"].get(v, 0)) for v in cols) + r"\\")
    d.add(r"\bottomrule\end{tabular}\end{center}")
    opts = meta.get("options") or {}
    if opts:
        d.add(r"{\small " + escape_text("Run options: " + ", ".join(f"{k}={v}" for k, v in opts.items()))
              + r"\par}")
    if m["disagreeing"]:
        d.add(r"\paragraph{Variants of one statement with different verdicts.}", r"\begin{itemize}")
        for it in m["disagreeing"]:
            d.add(r"\item %s: " % code(it["root"]) + "; ".join(
                f"{d.ref(k)} {verdict_box(v)}" for k, v in it["verdicts"].items()))
        d.add(r"\end{itemize}")
    if m["errors"]:
        d.add(r"\paragraph{Claims whose checks failed to run (verdict error).}", r"\begin{itemize}")
        for cl in m["errors"]:
            d.add(r"\item %s: %s" % (d.ref(cl["id"]), escape_text(str(cl.get("error"))[:300])))
        d.add(r"\end{itemize}")


def _figure1(d: _Doc, f1: dict, pngs: list[str]):
    d.add(r"\needspace{0.4\textheight}", r"\section{Figure 1 of \texttt{unified} (Appendix E), reproduced and extended}")
    d.add(escape_text(f1.get("description", "")))
    for p in pngs:
        d.add(r"\begin{center}\includegraphics[width=\textwidth]{%s}\end{center}" % p)
    rows = f1.get("table") or []
    if rows:
        d.add(r"\begin{center}\begin{tabular}{r r r r r r}", r"\toprule",
              r"$M$ & $\log_2 M$ & $n_c$ (target 42) & 99\% CI range & $n_c$ (all targets) & "
              r"99\% CI range\\", r"\midrule")
        for r in rows:
            d.add(" & ".join(escape_text(str(x)) for x in (
                r["M"], r["log2M"], r["nc_single"], r["nc_single_ci"], r["nc_all"], r["nc_all_ci"]))
                + r"\\")
        d.add(r"\bottomrule\end{tabular}\end{center}")
    fits = f1.get("fits") or []
    if fits:
        d.add(r"\begin{center}\begin{tabular}{l l l r r}", r"\toprule",
              r"event & model & log & $C$ & intercept\\", r"\midrule")
        for ft in fits:
            d.add(" & ".join(escape_text(str(x)) for x in (
                ft["event"], ft["model"], ft["base"], A.fmt_num(ft["C"]), A.fmt_num(ft.get("b"))))
                + r"\\")
        d.add(r"\bottomrule\end{tabular}\end{center}")
    for line in f1.get("findings") or []:
        d.add(escape_text(line) + r"\par")


def _paper_appendix(d: _Doc, paper: str, claims: list[dict], m: dict, figures: dict, lay: Appendix):
    d.add(r"\needspace{12\baselineskip}", r"\section{Claims of \texttt{%s}}" % escape_text(paper),
          escape_text(m["titles"].get(paper, paper)) + r"\par")
    full = [c for c in claims if lay.full or c["id"] in m["problem_ids"]]
    compact = [c for c in claims if c not in full]
    if compact:
        d.add(r"\subsection*{%s}" % escape_text(f"Claims without a problem ({len(compact)})"),
              r"\addcontentsline{toc}{subsection}{Claims without a problem}")
        _compact_table(d, compact)
    for c in full:
        _claim(d, c, figures, lay)


def _compact_table(d: _Doc, claims: list[dict]):
    """One row per claim: id, title and role, verdict, evidence (and proof status when it has one)."""
    d.add(r"{\footnotesize\setlength{\tabcolsep}{3pt}\renewcommand{\arraystretch}{0.95}",
          r"\begin{longtable}{>{\raggedright}p{0.27\textwidth} >{\raggedright}p{0.33\textwidth} "
          r">{\raggedright}p{0.08\textwidth} >{\raggedright\arraybackslash}p{0.27\textwidth}}",
          r"\toprule claim & title (role) & verdict & evidence, proof\tabularnewline\midrule\endhead")
    for c in claims:
        words, ids = L.proof_text(c.get("proof"))
        ev = c.get("evidence_text") or ("not testable" if c.get("verdict") == "recorded" else "")
        extra = escape_text(ev[:70]) + ((r"; proof " + escape_text(words) + (" at " + d.refs(ids) if ids else ""))
                                       if words and words != "no refuted step" else "")
        d.add(r"\phantomsection\label{%s}%s & %s (%s) & %s & %s\tabularnewline" % (
            _label(c["id"]), code(c["id"]), escape_text((c.get("title") or "")[:60]),
            escape_text((c.get("role") or "claim").replace("_", " ")),
            escape_text((c.get("verdict") or "recorded").replace("_", " ")), extra))
    d.add(r"\bottomrule\end{longtable}}")


def _claim(d: _Doc, c: dict, figures: dict, lay: Appendix):
    cid = c["id"]
    d.add(r"\needspace{8\baselineskip}",
          r"\subsection*{%s\quad %s}" % (code(cid), escape_text((c.get("title") or "")[:140])),
          r"\addcontentsline{toc}{subsection}{%s}" % escape_text(cid), r"\label{%s}" % _label(cid))
    meta = [verdict_box(c.get("verdict")) + (" " + severity_box(c.get("severity")) if c.get("severity") else ""),
            r"\textbf{Source:} " + escape_text(c.get("source") or "?"),
            r"\textbf{Role:} " + escape_text((c.get("role") or "claim").replace("_", " "))]
    if c.get("variant_of"):
        meta.append(r"\textbf{Variant of} " + d.ref(c["variant_of"]))
    if c.get("tightness") is not None:
        meta.append(r"\textbf{tightness:} " + escape_text(A.fmt_num(c["tightness"], 3)))
    if c.get("seconds") is not None:
        meta.append(escape_text(f"{c['seconds']}\u00a0s" + (" (cached)" if c.get("cached") else "")))
    d.add(r"\quad ".join(meta) + r"\par")
    if c.get("evidence_text"):
        d.add(r"{\small\textbf{Evidence:} " + escape_text(c["evidence_text"]) + r"\par}")
    if (c.get("latex") or {}).get("statement"):
        d.add(r"\begin{quote}\small " + d.math(c["latex"]["statement"]) + r"\end{quote}")
    elif c.get("statement"):
        d.add(r"\begin{quote}\small " + d.rich(c["statement"]) + r"\end{quote}")
    if c.get("notes"):
        d.add(r"{\small\textit{Notes:} " + d.rich(clip_prose(str(c["notes"]), lay.notes_chars))
              + r"\par}")
    if c.get("error"):
        d.add(r"\textcolor{ErrPurple}{\textbf{Error while checking:}} " + escape_text(str(c["error"])[:400])
              + r"\par")
        return
    if c.get("status") == "recorded" or not A.checks_of(c):
        d.add("Recorded (REC): not testable with the toolkit; stored for the record.\\par")
        return
    if c.get("reason") and c.get("verdict") not in ("holds",):
        d.add(r"{\small\textbf{Why:} " + escape_text(str(c["reason"])[:500]) + r"\par}")
    if c.get("witness"):
        d.add(r"\textbf{Witness:} " + d.rich(c["witness"]) + r"\par")
    corr = L.intended_of(c)
    if corr:
        d.add(r"{\small\textbf{Intended form} (%s; %s): %s %s%s\par}" % (
            escape_text(str(corr["kind"] or "")), escape_text(str(corr["source"] or "")),
            d.math(corr["latex"]) if corr["latex"] else d.rich(corr["statement"]),
            verdict_box(corr["verdict"]) if corr["verdict"] else "",
            (" " + d.rich(corr["witness"])) if corr["verdict"] != "holds" and corr["witness"] else
            (" (" + escape_text(corr["evidence_text"]) + ")" if corr["evidence_text"] else "")))
    words, ids = L.proof_text(c.get("proof"))
    if words:
        d.add(r"{\small\textbf{Proof:} %s%s.\par}" % (escape_text(words), (" at " + d.refs(ids)) if ids else ""))
    _breaks_line(d, c.get("breaks"))
    for r in L.readings_of(c):
        d.add(r"{\small\textbf{Reading} %s (%s): %s%s\par}" % (
            escape_text(str(r["label"] or "")), escape_text(str(r["param"] or "")),
            verdict_box(r["verdict"]), (" " + d.rich(r["witness"])) if r["witness"] else ""))
    plotted = 0
    for chk in A.checks_of(c):
        twin = A.repeated_check(c, chk, d.by_id) if not lay.full else None
        if twin:
            _check_line(d, chk, twin)
        elif lay.full or chk.get("verdict") in A.PROBLEM_CHECK_VERDICTS:
            png = figures.get((cid, chk.get("name", "?")))
            show = bool(png) and lay.plot_width > 0 and not (lay.first_plot_only and plotted)
            plotted += show
            _check(d, chk, png if show else None, lay)
    if not lay.full:
        for (verdict, what), names in A.other_checks(c, d.by_id).items():
            d.add(r"{\small\textbf{%s} %s %s%s\par}" % (
                "Checks" if len(names) > 1 else "Check", ", ".join(code(n) for n in names),
                verdict_box(verdict), (": " + escape_text(what[:200])) if what else ""))
    ce = c.get("counterexample")
    if ce:
        d.add(r"\textbf{Replay:} " + code(ce.get("replay") or f"ticketcheck check {cid}") + r"\par")


def _check_line(d: _Doc, chk: dict, twin: str):
    """A variant's check that repeats the check of the statement it varies: one line."""
    d.add(r"{\small\textbf{Check} %s %s: the same check and points as in %s.\par}" % (
        code(chk.get("name", "?")), verdict_box(chk.get("verdict")), d.ref(twin)))


def _check(d: _Doc, chk: dict, png: str | None, lay: Appendix):
    name = chk.get("name", "?")
    d.add(r"\needspace{%s}" % (r"0.25\textheight" if png else r"6\baselineskip"))
    d.add(r"\textbf{Check} %s (%s) %s%s\par" % (
        code(name), escape_text(str(chk.get("type", ""))), verdict_box(chk.get("verdict")),
        (r" {\small " + escape_text(chk["evidence_text"]) + "}") if chk.get("evidence_text") else ""))
    tex = chk.get("latex") or {}
    if tex.get("lhs") and tex.get("rhs"):
        d.add(r"{\small " + _comparison(d, {k: tex.get(k) or "" for k in ("lhs", "relation", "rhs", "hypotheses")})
              + r"\par}")
    elif chk.get("observable"):
        d.add(r"{\small observable %s %s bound %s\par}" % (
            code(chk["observable"]), escape_text(chk.get("relation") or ""), code(str(chk.get("bound"))[:160])))
    if chk.get("reason") and chk.get("verdict") != "holds":
        d.add(r"{\small " + escape_text(str(chk["reason"])[:300]) + r"\par}")
    if chk.get("note"):
        d.add(r"{\small " + escape_text(clip_prose(str(chk["note"]), lay.notes_chars // 2))
              + r"\par}")
    if png:
        d.add(r"\begin{center}\includegraphics[width=%.2f\textwidth]{%s}\end{center}" % (lay.plot_width, png))
    pts = A.points_of(chk)
    if pts:  # beside a plot, fewer rows: the plot shows the points
        _points_table(d, pts, lay.rows - 1 if png and not lay.full else lay.rows)
    for ec in chk.get("empirical_constants") or []:
        d.add(escape_text(f"Empirical constant {ec.get('symbol')}: {ec.get('direction')} value making the "
                          f"claim true on the grid = {A.fmt_num(ec.get('value'))} at "
                          f"{A.fmt_params(ec.get('at'))} (searched {ec.get('search')})") + r"\par")
    st = A._vacuous_start(chk)
    if st:
        d.add(r"{\small " + escape_text(A.vacuous_sentence({"start": st})) + r"\par}")
    lines = A.certificate_lines(chk) if chk.get("certificate") else []
    if lines:
        d.add(r"{\small\begin{description}\setlength{\itemsep}{0pt}")
        for label, text in lines:
            d.add(r"\item[%s] %s" % (escape_text(label), escape_text(text)))
        d.add(r"\end{description}}")
    cex = A.certificate_counterexample(chk)
    if cex:
        d.add(r"\textbf{Counterexample:} " + escape_text(cex) + r"\par")
    fals = [f for f in chk.get("falsifiers") or [] if isinstance(f, dict)]
    if fals and lay.full:  # how the check could fail: in the full detail only
        d.add(r"{\footnotesize\textbf{Falsifiers} (deliberately wrong variants that must fail): " + "; ".join(
            f"{escape_text(str(f.get('name')))} {escape_text(str(f.get('verdict') or '').replace('_', ' '))}"
            for f in fals[:6]) + (escape_text(f"; +{len(fals) - 6} more") if len(fals) > 6 else "") + r"\par}")
    if chk.get("replay"):
        d.add(r"\textbf{Replay:} " + code(chk["replay"]) + r"\par")


def _points_table(d: _Doc, pts: list[dict], max_rows: int):
    """At most ``max_rows`` points (violated first), as a tabular kept in one piece."""
    rows = A.table_rows(pts, max_rows)
    keys = A.param_keys(pts)
    quantity = any(p.get("lhs_latex") or p.get("label") for p in rows)
    spec = "l " * len(keys) + (r"p{0.3\textwidth} " if quantity else "") + r"p{0.2\textwidth} l l l"
    head = [code(k) for k in keys] + (["compared"] if quantity else []) + ["true value", "bound", "slack", "verdict"]
    d.add(r"\begin{center}\footnotesize\setlength{\tabcolsep}{4pt}\begin{tabular}{%s}" % spec,
          " & ".join(head) + r"\\\midrule")
    for p in rows:
        pr = p.get("params") or {}
        cells = [escape_text(str(pr.get(k, ""))[:16]) for k in keys]
        if quantity:
            if p.get("lhs_latex") and p.get("rhs_latex"):
                cells.append(d.math(f"{p['lhs_latex']} \\;\\text{{vs}}\\; {p['rhs_latex']}"))
            else:
                cells.append(r"\raggedright " + escape_text(str(p.get("label") or "")[:60]))
        cells += [escape_text(A.value_text(p)), escape_text(A.bound_text(p)), escape_text(A.fmt_num(p.get("slack"))),
                  escape_text(str(p.get("verdict", "")).replace("_", " "))]
        d.add(" & ".join(cells) + r"\\")
    d.add(r"\end{tabular}\end{center}")
    if len(pts) > len(rows):
        d.add(r"{\footnotesize " + escape_text(f"({len(pts)} points in total; all of them in results.json)")
              + r"\par}")


# ------------------------------------------------------------------ measuring the letters

NEWLABEL = re.compile(r"\\newlabel\{letter-(start|end)-([^}]*)\}\{\{[^}]*\}\{(\d+)\}")


def letter_pages(aux_text: str) -> dict[str, int]:
    """Pages each letter spans, from the ``.aux`` of a compiled report (label of the paper's key with
    non-alphanumerics as ``-``)."""
    where: dict[str, dict[str, int]] = {}
    for kind, paper, page in NEWLABEL.findall(aux_text):
        where.setdefault(paper, {})[kind] = int(page)
    return {p: w["end"] - w["start"] + 1 for p, w in where.items() if "start" in w and "end" in w}


def letter_key(paper: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in paper)


RERUN = re.compile(r"Rerun to get|Table widths have changed|Label\(s\) may have changed|"
                   r"There were undefined references")


def pdf_pages_of(tex_path: Path) -> int | None:
    """Pages of the PDF the last pdflatex run wrote (from its log)."""
    log = tex_path.with_suffix(".log")
    m = re.search(r"Output written on .*?\((\d+) pages?", log.read_text(errors="replace")) if log.exists() else None
    return int(m.group(1)) if m else None


def measure_letters(tex_path: Path, timeout: float = 120) -> dict[str, int] | None:
    """Pages of each letter of a (letters-only) report: one ``-draftmode`` pass (labels only, no PDF
    written); None when pdflatex is missing or fails."""
    if not shutil.which("pdflatex"):
        return None
    try:
        r = subprocess.run(["pdflatex", "-draftmode", "-interaction=nonstopmode", "-halt-on-error",
                            tex_path.name], cwd=tex_path.parent, capture_output=True, text=True,
                           errors="replace", timeout=timeout, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return None
    aux = tex_path.with_suffix(".aux")
    if r.returncode != 0 or not aux.exists():
        return None
    return letter_pages(aux.read_text(errors="replace"))


def compile_pdf(tex_path: Path, timeout: float = 300) -> tuple[Path | None, str]:
    """Compile with pdflatex: a ``-draftmode`` pass (labels, longtable widths; no images read, no
    PDF written), then full passes until the log asks for no rerun (at most 3). Same result as
    latexmk, in about half the time on a long report. Returns (pdf path or None, log excerpt)."""
    wd = tex_path.parent
    name = tex_path.stem
    if not shutil.which("pdflatex"):
        return None, "no pdflatex found: run `bash scripts/setup.sh` (installs Debian TeX)"
    base = ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "-file-line-error", tex_path.name]
    pdf = wd / f"{name}.pdf"
    if pdf.exists():
        pdf.unlink()  # never leave a stale PDF behind a failed build
    passes = [base[:1] + ["-draftmode"] + base[1:]] + [base] * 3
    log = ""
    deadline = time.monotonic() + timeout
    for k, cmd in enumerate(passes):
        try:
            r = subprocess.run(cmd, cwd=wd, capture_output=True, text=True, errors="replace",
                               timeout=max(1.0, deadline - time.monotonic()), stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            return None, f"pdflatex timed out after {timeout}s"
        lf = wd / f"{name}.log"
        txt = lf.read_text(errors="replace") if lf.exists() else (r.stdout or "")
        if r.returncode != 0:
            i = txt.find("\n!")
            if i < 0:
                m = re.search(r"\n[^\n]*:\d+: ", txt)
                i = m.start() if m else -1
            return None, txt[i:i + 1500] if i >= 0 else txt[-1500:]
        log = txt[-1500:]
        if k >= 1 and not RERUN.search(txt):
            break
    return (pdf if pdf.exists() else None), log
