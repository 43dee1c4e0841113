"""The reviewer report as LaTeX (``report.tex``), compiled to ``report.pdf`` with pdflatex.

Layout (see ``reports/__init__.py``): the referee's summary (problems found, confirmed, not
testable), Figure 1 of `unified` reproduced, then one subsection per claim.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
from pathlib import Path

from ticketcheck.reports import analysis as A
from ticketcheck.reports.texify import MATH_PREAMBLE, code, escape_text, tex_rich

VERDICT_COLOR = {"holds": "OKGreen", "violated": "BadRed", "error": "ErrPurple", "vacuous": "VacGray",
                 "inconclusive": "IncOrange", "partially_certified": "IncOrange",
                 "out_of_scope": "VacGray", "recorded": "RecBlue", "measured": "RecBlue"}
MAX_ROWS = 12

PREAMBLE = r"""\documentclass[10pt,a4paper]{article}
\usepackage[T1]{fontenc}
\usepackage{lmodern}
\usepackage[margin=2cm]{geometry}
""" + MATH_PREAMBLE + r"""\usepackage{graphicx}
\usepackage{xcolor}
\usepackage{longtable,booktabs,array}
\usepackage{needspace}
\usepackage[hidelinks,bookmarksdepth=2]{hyperref}
\definecolor{OKGreen}{HTML}{1B7F3B}
\definecolor{ErrPurple}{HTML}{6A1B9A}
\definecolor{BadRed}{HTML}{C62828}
\definecolor{VacGray}{HTML}{6D6D6D}
\definecolor{IncOrange}{HTML}{D9822B}
\definecolor{RecBlue}{HTML}{3F5F8F}
\newcommand{\verdict}[2]{\colorbox{#1}{\textcolor{white}{\strut\textsf{\small #2}}}}
\setlength{\parindent}{0pt}
\setlength{\parskip}{4pt}
\setlength{\emergencystretch}{3em}
\sloppy
"""


def verdict_box(v: str | None) -> str:
    v = v or "recorded"
    return r"\verdict{%s}{%s}" % (VERDICT_COLOR.get(v, "VacGray"), escape_text(v.replace("_", " ")))


def _label(cid: str) -> str:
    return "claim:" + "".join(ch if ch.isalnum() else "-" for ch in cid)


def _ref(cid: str) -> str:
    return r"\hyperref[%s]{%s}" % (_label(cid), code(cid))


def _ref_or_code(cid: str, ids: set) -> str:
    return _ref(cid) if cid in ids else code(cid)


class _Doc:
    def __init__(self, safe: bool, ids=()):
        self.lines: list[str] = []
        self.safe = safe
        self.ids = set(ids)

    def add(self, *s: str):
        self.lines.extend(s)

    def rich(self, s: str) -> str:
        return tex_rich(s or "", safe=self.safe)


def build_tex(model: dict, figures: dict[tuple[str, str], str], fig1_png: list[str] | None,
              title: str, safe: bool = False, meta: dict | None = None) -> str:
    d = _Doc(safe, (c["id"] for cs in model["by_paper"].values() for c in cs))
    d.add(PREAMBLE, r"\title{%s}" % escape_text(title),
          r"\author{ticketcheck %s}" % escape_text(str((meta or {}).get("version", ""))),
          r"\date{%s}" % escape_text(str((meta or {}).get("date", ""))),
          r"\begin{document}", r"\maketitle")
    opts = (meta or {}).get("options") or {}
    if opts:
        d.add(escape_text("Run options: " + ", ".join(f"{k}={v}" for k, v in opts.items())) + r"\par")
    if (meta or {}).get("note"):
        d.add(r"\textit{" + escape_text(meta["note"]) + r"}\par")
    if (meta or {}).get("sub_reports"):
        d.add(escape_text("One report per paper: " + ", ".join(meta["sub_reports"])) + r"\par")
    _summary(d, model)
    if model.get("figure1"):
        _figure1(d, model["figure1"], fig1_png or [])
    for paper, claims in model["by_paper"].items():
        d.add(r"\clearpage", r"\section{Claims of \texttt{%s}}" % escape_text(paper),
              escape_text(A.PAPER_TITLES.get(paper, paper)) + r"\par")
        for c in claims:
            _claim(d, c, figures)
    d.add(r"\end{document}")
    return "\n".join(d.lines) + "\n"


def _summary(d: _Doc, m: dict):
    d.add(r"\section{Summary for the referee}")
    c = m["counts"]
    d.add(escape_text(f"{m['n_claims']} claims reviewed: " +
                      ", ".join(f"{c[v]} {v.replace('_', ' ')}" for v in A.VERDICT_ORDER if c.get(v)))
          + ".")
    cols = [v for v in A.VERDICT_ORDER if c.get(v)]
    d.add(r"\begin{center}\begin{tabular}{l r %s}" % ("r " * len(cols)), r"\toprule",
          "paper & claims & " + " & ".join(escape_text(v.replace("_", " ")) for v in cols) + r"\\",
          r"\midrule")
    for pp in m["per_paper"]:
        d.add(code(pp["paper"]) + f" & {pp['n']} & " +
              " & ".join(str(pp["counts"].get(v, 0)) for v in cols) + r"\\")
    d.add(r"\bottomrule\end{tabular}\end{center}")

    d.add(r"\subsection{Problems found}")
    any_problem = False
    if m["violated"]:
        any_problem = True
        d.add(r"\paragraph{Violated claims (smallest counterexample).}", r"\begin{itemize}")
        for it in m["violated"]:
            d.add(r"\item %s (%s): %s. Replay: %s" % (
                _ref(it["id"]), escape_text(it.get("source", "")),
                escape_text(A.counterexample_sentence(it)), code(it.get("replay") or "")))
        d.add(r"\end{itemize}")
    if m["disagreeing"]:
        any_problem = True
        d.add(r"\paragraph{Variants of one statement that disagree.}", r"\begin{itemize}")
        for it in m["disagreeing"]:
            d.add(r"\item %s: " % code(it["root"]) + "; ".join(
                f"{_ref(k)} {verdict_box(v)}" for k, v in it["verdicts"].items()))
        d.add(r"\end{itemize}")
    if m["vacuous"]:
        any_problem = True
        d.add(r"\paragraph{Bounds vacuous on the whole tested range.}", r"\begin{itemize}")
        for it in m["vacuous"]:
            d.add(r"\item %s, check %s: %s" % (_ref(it["id"]), code(it["check"]),
                                               escape_text(A.vacuous_sentence(it))))
        d.add(r"\end{itemize}")
    if m["inconclusive"]:
        any_problem = True
        d.add(r"\paragraph{Inconclusive (more trials or a larger budget would decide).}",
              ", ".join(_ref(c["id"]) for c in m["inconclusive"]) + ".")
    if m["errors"]:
        any_problem = True
        d.add(r"\paragraph{Claims whose checks failed to run (verdict error).}", r"\begin{itemize}")
        for c in m["errors"]:
            d.add(r"\item %s: %s" % (_ref(c["id"]), escape_text(str(c.get("error"))[:300])))
        d.add(r"\end{itemize}")
    if not any_problem:
        d.add("No claim was violated, no variants disagree and no bound is vacuous on its whole tested range.")

    d.add(r"\subsection{Confirmed}")
    if m["confirmed"] or m["partial"]:
        d.add(r"\begin{longtable}{p{0.33\textwidth} p{0.45\textwidth} r}", r"\toprule",
              r"claim & title & min slack\\", r"\midrule\endhead")
        for c in m["confirmed"] + m["partial"]:
            d.add(r"%s & %s & %s\\" % (_ref(c["id"]), escape_text((c.get("title") or "")[:90]),
                                       escape_text(A.fmt_num(c.get("min_slack")))))
        d.add(r"\bottomrule\end{longtable}")
    else:
        d.add("No claim was confirmed on its tested range.")
    if m.get("measured"):
        d.add(r"\paragraph{Measured, not judged.} Qualitative statements and definitions for which the "
              r"catalogue asks for the numbers rather than a pass/fail (see their sections): "
              + ", ".join(_ref(c["id"]) for c in m["measured"]) + ".")
    if m["out_of_scope"]:
        d.add(r"\paragraph{Out of scope on the whole grid.}",
              ", ".join(_ref(c["id"]) for c in m["out_of_scope"]) + ".")
    d.add(r"\subsection{Not testable (REC)}")
    if m["recorded"]:
        d.add(r"\begin{longtable}{p{0.33\textwidth} p{0.6\textwidth}}", r"\toprule",
              r"claim & title\\", r"\midrule\endhead")
        for c in m["recorded"]:
            d.add(r"%s & %s\\" % (_ref(c["id"]), escape_text((c.get("title") or "")[:120])))
        d.add(r"\bottomrule\end{longtable}")
    else:
        d.add("Every claim has at least one check.")


def _figure1(d: _Doc, f1: dict, pngs: list[str]):
    d.add(r"\clearpage", r"\section{Figure 1 of \texttt{unified} (Appendix E), reproduced and extended}")
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


def _claim(d: _Doc, c: dict, figures: dict):
    cid = c["id"]
    d.add(r"\needspace{8\baselineskip}",
          r"\subsection*{%s\quad %s}" % (code(cid), escape_text((c.get("title") or "")[:140])),
          r"\addcontentsline{toc}{subsection}{%s}" % escape_text(cid), r"\label{%s}" % _label(cid))
    meta = [verdict_box(c.get("verdict")), r"\textbf{Source:} " + escape_text(c.get("source") or "?")]
    if c.get("methods"):
        meta.append(r"\textbf{Methods:} " + escape_text("/".join(map(str, c["methods"]))))
    if c.get("variant_of"):
        meta.append(r"\textbf{Variant of} " + _ref_or_code(c["variant_of"], d.ids))
    if c.get("min_slack") is not None:
        meta.append(r"\textbf{min slack:} " + escape_text(A.fmt_num(c["min_slack"])))
    if c.get("seconds") is not None:
        meta.append(escape_text(f"{c['seconds']}\u00a0s" + (" (cached)" if c.get("cached") else "")))
    d.add(r"\quad ".join(meta) + r"\par")
    if c.get("statement"):
        d.add(r"\begin{quote}\small " + d.rich(c["statement"]) + r"\end{quote}")
    if c.get("notes"):
        d.add(r"{\small\textit{Notes:} " + d.rich(str(c["notes"])[:700]) + r"\par}")
    if c.get("error"):
        d.add(r"\textcolor{ErrPurple}{\textbf{Error while checking:}} " + escape_text(str(c["error"])[:400])
              + r"\par")
        return
    if c.get("status") == "recorded" or not A.checks_of(c):
        d.add("Recorded (REC): not testable with the toolkit; stored for the record.\\par")
        return
    for chk in A.checks_of(c):
        _check(d, cid, chk, figures)
    ce = c.get("counterexample")
    if ce:
        d.add(r"\textbf{Smallest counterexample:} " +
              escape_text(A.counterexample_sentence({"counterexample": ce})) + r"\par",
              r"\textbf{Replay:} " + code(ce.get("replay") or f"ticketcheck check {cid}") + r"\par")
    elif c.get("verdict") == "holds":
        first = next((p for chk in A.checks_of(c) for p in A.points_of(chk) if p.get("replay")), None)
        if first:
            d.add(r"\textbf{Replay (first point):} " + code(first["replay"]) + r"\par")


def _check(d: _Doc, cid: str, chk: dict, figures: dict):
    name = chk.get("name", "?")
    png = figures.get((cid, name))
    d.add(r"\needspace{%s}" % (r"0.42\textheight" if png else r"6\baselineskip"))
    head = r"\textbf{Check} %s (%s) %s" % (code(name), escape_text(str(chk.get("type", ""))),
                                          verdict_box(chk.get("verdict")))
    if chk.get("observable"):
        head += r" \quad observable %s %s bound %s" % (
            code(chk["observable"]), escape_text(chk.get("relation") or ""),
            code(str(chk.get("bound"))[:160]))
    d.add(head + r"\par")
    if chk.get("note"):
        d.add(r"{\small " + escape_text(str(chk["note"])[:300]) + r"\par}")
    if png:
        d.add(r"\begin{center}\includegraphics[width=0.82\textwidth]{%s}\end{center}" % png)
    pts = A.points_of(chk)
    if pts:
        keys = A.param_keys(pts)
        # at most MAX_ROWS rows: a tabular (kept in one piece) rather than a longtable
        d.add(r"\begin{center}\footnotesize\setlength{\tabcolsep}{4pt}\begin{tabular}{%s}" % ("l " * len(keys) + r"p{0.24\textwidth} l l l"),
              " & ".join(code(k) for k in keys) + (" & " if keys else "") +
              r"true value & bound & slack & verdict\\\midrule")
        for p in A.table_rows(pts, MAX_ROWS):
            pr = p.get("params") or {}
            d.add(" & ".join(escape_text(str(pr.get(k, ""))[:16]) for k in keys) + (" & " if keys else "")
                  + " & ".join([escape_text(A.value_text(p)), escape_text(A.bound_text(p)),
                                escape_text(A.fmt_num(p.get("slack"))),
                                escape_text(str(p.get("verdict", "")).replace("_", " "))]) + r"\\")
        d.add(r"\end{tabular}\end{center}")
        if len(pts) > MAX_ROWS:
            d.add(escape_text(f"({len(pts)} points in total; all of them in results.json)") + r"\par")
    for ec in chk.get("empirical_constants") or []:
        d.add(escape_text(f"Empirical constant {ec.get('symbol')}: {ec.get('direction')} value making the "
                          f"claim true on the grid = {A.fmt_num(ec.get('value'))} at "
                          f"{A.fmt_params(ec.get('at'))} (searched {ec.get('search')})") + r"\par")
    st = A._vacuous_start(chk)
    if st and st.get("where") == "tested":
        d.add(escape_text(A.vacuous_sentence({"start": st})) + r"\par")
    lines = A.certificate_lines(chk) if chk.get("certificate") else []
    if lines:
        d.add(r"{\small\begin{description}\setlength{\itemsep}{0pt}")
        for label, text in lines:
            d.add(r"\item[%s] %s" % (escape_text(label), escape_text(text)))
        d.add(r"\end{description}}")
    cex = A.certificate_counterexample(chk)
    if cex:
        d.add(r"\textbf{Counterexample:} " + escape_text(cex) + r"\par")
    if chk.get("replay"):
        d.add(r"\textbf{Replay:} " + code(chk["replay"]) + r"\par")


RERUN = re.compile(r"Rerun to get|Table widths have changed|Label\(s\) may have changed|"
                   r"There were undefined references")


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
