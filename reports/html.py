"""The reviewer report as one self-contained HTML file.

Same layout as the PDF (``latex.py``): per paper the referee letter, then the appendix (overview,
Figure 1 of `unified`, per paper the compact table of claims without a problem and a section per claim
with a problem). Navigation (issue 10, item 7): a sticky table of contents with the titles, a filter by
verdict and by severity and a search box (``assets/report.js``), plots lazy-loaded.

Everything is inline: the CSS, KaTeX (``assets/katex``, from the npm package, MIT) with its fonts as
``data:`` URIs, the plots as base64 PNGs (set as the image source when they scroll into view). No
network access is needed to read it. Every formula is a ``<span class="math">\\(...\\)</span>``
typeset by KaTeX's auto-render, run on those spans only: a ``$`` in prose never opens a formula.
The page sets ``data-render-status`` (``ok`` when KaTeX ran with no
error), ``data-katex-count`` and ``data-math-count`` on ``<body>`` (the Chromium test reads them).
"""
from __future__ import annotations

import base64
import html
import re
import struct
from pathlib import Path

from ticketcheck.reports import analysis as A
from ticketcheck.reports import letter as L
from ticketcheck.reports.texify import MATH_RE, _math, is_prose, math_ok, prose_text

ASSETS = Path(__file__).resolve().parent / "assets"
SEVERITIES = ("substantive", "typo", "none")
VS = r" \;\text{vs}\; "  # between the two sides of a labelled comparison


def _katex_css() -> str:
    css = (ASSETS / "katex" / "katex.min.css").read_text()
    fonts = ASSETS / "katex" / "fonts"

    def repl(m):
        face = m.group(0)
        name = re.search(r"url\(fonts/([^)]+?)\.woff2\)", face)
        if not name:
            return face
        data = base64.b64encode((fonts / f"{name.group(1)}.woff2").read_bytes()).decode()
        return re.sub(r"src:[^}]*", f"src:url(data:font/woff2;base64,{data}) format(\"woff2\")", face)
    return re.sub(r"@font-face\{[^}]*\}", repl, css)


def _script(name: str) -> str:
    return (ASSETS / name).read_text().replace("</script", "<\\/script")


def _katex_js() -> str:
    return _script("katex/katex.min.js") + "\n" + _script("katex/auto-render.min.js")


def e(s) -> str:
    return html.escape(str(s if s is not None else ""), quote=True)


def math(m: str | None, display: bool = False) -> str:
    """A stored formula, typeset by KaTeX when the PDF would typeset it (:func:`math_ok`), else code."""
    if not m:
        return ""
    if is_prose(m):  # prose, with or without formulas (a catalogue statement), not one formula
        return rich(m)
    mapped = _math(m)
    if not math_ok(mapped):
        return f'<code class="nomath">{e(m)}</code>'
    if display:
        return f'<div class="mathblock"><span class="math">\\[{e(mapped)}\\]</span></div>'
    return f'<span class="math">\\({e(mapped)}\\)</span>'


def rich(s: str | None) -> str:
    """Prose with ``$...$`` formulas (from a claim: escaped; a formula only when it is safe)."""
    out = []
    for i, part in enumerate(MATH_RE.split(s or "")):
        if i % 2 == 0:
            out.append(e(prose_text(part)))
        else:
            out.append(math(part.strip("$"), display=part.startswith("$$")))
    return "".join(out)


def vbox(v) -> str:
    v = v or "recorded"
    return f'<span class="v v-{e(v)}">{e(v.replace("_", " "))}</span>'


def sevbox(s) -> str:
    return f' <span class="sev sev-{e(s)}">{e(s)}</span>' if s else ""


def _anchor(cid: str) -> str:
    return "claim-" + re.sub(r"[^A-Za-z0-9]+", "-", cid)


def _pid(paper: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", paper)


class _Refs:
    def __init__(self, ids):
        self.ids = set(ids)

    def __call__(self, cid: str) -> str:
        if cid in self.ids:
            return f'<a href="#{_anchor(cid)}"><code>{e(cid)}</code></a>'
        return f"<code>{e(cid)}</code>"

    def many(self, ids) -> str:
        return ", ".join(self(i) for i in ids)


def _png_size(png: bytes) -> tuple[int, int] | None:
    if png[:8] == b"\x89PNG\r\n\x1a\n" and png[12:16] == b"IHDR":
        return struct.unpack(">II", png[16:24])
    return None


def _img(png: bytes | None, alt: str, lazy: bool = True) -> str:
    if not png:
        return ""
    data = f"data:image/png;base64,{base64.b64encode(png).decode()}"
    size = _png_size(png)
    dims = f' width="{size[0]}" height="{size[1]}"' if size else ""
    if not lazy:
        return f'<img class="plot" alt="{e(alt)}"{dims} src="{data}">'
    return f'<img class="plot" alt="{e(alt)}"{dims} loading="lazy" decoding="async" data-src="{data}">'


def _filterable(c_or_item: dict) -> str:
    return (f'data-verdict="{e(c_or_item.get("verdict") or "recorded")}" '
            f'data-severity="{e(c_or_item.get("severity") or "none")}"')


def build_html(model: dict, figures: dict, fig1_pngs: list[bytes] | None, title: str,
               meta: dict | None = None, detail: str = "problems") -> str:
    meta = meta or {}
    ref = _Refs(c["id"] for cs in model["by_paper"].values() for c in cs)
    main: list[str] = [f"<h1>{e(title)}</h1>"]
    main.append(f'<p class="meta">ticketcheck {e(meta.get("version", ""))} · {e(meta.get("date", ""))}</p>')
    if meta.get("note"):
        main.append(f'<p class="meta"><i>{e(meta["note"])}</i></p>')
    if meta.get("sub_reports"):
        main.append('<p class="meta">One report per paper: ' + ", ".join(
            f'<a href="{e(p[:-4])}.html">{e(p.split("/")[0])}</a>' for p in meta["sub_reports"]) + "</p>")
    for lt in model["letters"]:
        _letter(main, lt, ref)
    _overview(main, model, meta, ref)
    if model.get("figure1"):
        _figure1(main, model["figure1"], fig1_pngs or [])
    for paper, claims in model["by_paper"].items():
        _paper_appendix(main, paper, claims, model, figures, ref, detail)
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">', f"<title>{e(title)}</title>",
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<style>{_katex_css()}</style>", f"<style>{(ASSETS / 'report.css').read_text()}</style>",
           "</head>", '<body data-render-status="pending"><div id="layout">']
    out += _toc(model, detail)
    out.append("<main>")
    out += main
    out.append("</main></div>")
    out.append(f"<script>{_katex_js()}</script><script>{_script('report.js')}</script></body></html>")
    return "\n".join(out)


# ------------------------------------------------------------------ navigation

def _toc(m: dict, detail: str) -> list[str]:
    verdicts = [v for v in A.VERDICT_ORDER if m["counts"].get(v)]
    out = ['<nav id="toc" aria-label="Contents">',
           '<input id="search" type="search" placeholder="Search: id, title, statement…" aria-label="Search">',
           '<div id="filters"><fieldset><legend>verdict</legend>']
    for v in verdicts:
        out.append(f'<label><input type="checkbox" data-kind="verdict" value="{e(v)}" checked> '
                   f'{e(v.replace("_", " "))} ({m["counts"][v]})</label>')
    out.append("</fieldset><fieldset><legend>severity</legend>")
    for s in SEVERITIES:
        out.append(f'<label><input type="checkbox" data-kind="severity" value="{s}" checked> '
                   f'{"no violation" if s == "none" else s}</label>')
    out.append('</fieldset></div><p id="filter-count"></p><ol>')
    for lt in m["letters"]:
        pid = _pid(lt["paper"])
        out.append(f'<li><a class="toc-head" href="#letter-{pid}">Referee letter: {e(lt["paper"])}</a>'
                   f'<span class="toc-title">{e(lt["title"])}</span><ol>')
        if lt["main_results"]:
            out.append(f'<li><a href="#letter-{pid}-main">Main results ({len(lt["main_results"])})</a></li>')
        for sec in lt["sections"]:
            if sec["items"]:
                out.append(f'<li><a href="#letter-{pid}-{sec["key"]}">{e(sec["heading"].split(":")[0])} '
                           f'({len(sec["items"])})</a></li>')
        out.append("</ol></li>")
    out.append('<li><a class="toc-head" href="#overview">Appendix: overview</a></li>')
    if m.get("figure1"):
        out.append('<li><a class="toc-head" href="#figure1">Figure 1 of unified</a></li>')
    for paper, claims in m["by_paper"].items():
        pid = _pid(paper)
        out.append(f'<li><a class="toc-head" href="#paper-{pid}">Claims of {e(paper)}</a><ol>')
        full = [c for c in claims if detail == "all" or c["id"] in m["problem_ids"]]
        if len(full) < len(claims):
            out.append(f'<li><a href="#compact-{pid}">Claims without a problem ({len(claims) - len(full)})</a></li>')
        for c in full:
            out.append(f'<li data-target="{_anchor(c["id"])}"><a href="#{_anchor(c["id"])}">{e(c["id"])}</a> '
                       f'{vbox(c.get("verdict"))}<span class="toc-title">{e(c.get("title"))}</span></li>')
        out.append("</ol></li>")
    out.append("</ol></nav>")
    return out


# ------------------------------------------------------------------ the letter

def _letter(out: list, lt: dict, ref: _Refs):
    pid = _pid(lt["paper"])
    out.append(f'<section class="letter" id="letter-{pid}"><h2 class="letter">Referee letter</h2>')
    out.append(f'<p><b>{e(lt["title"])}</b> <code>{e(lt["paper"])}</code></p>')
    sev = lt["severities"]
    extra = (f" (violations: {sev['substantive']} substantive, {sev['typo']} typo-level)"
             if sev["substantive"] or sev["typo"] else "")
    out.append(f"<p>{lt['n']} claims checked: " + ", ".join(f"{n} {e(w)}" for w, n in L.overview_counts(lt))
               + f"{e(extra)}.</p>")
    if lt["missing"]:
        out.append("<p><i>This results file has no referee model (<code>referee</code>): it was written by a "
                   "review that predates it. Run the review again for the letter; the per-claim detail "
                   "follows in the appendix.</i></p>")
    if lt["main_results"]:
        out.append(f'<h3 id="letter-{pid}-main">Main results</h3>')
        out.append('<table class="main"><thead><tr><th>result</th><th>statement</th><th>verdict (evidence)</th>'
                   "<th>tightness</th><th>proof</th></tr></thead><tbody>")
        for r in lt["main_results"]:
            stmt = math(r["statement_latex"]) if r["statement_latex"] else rich(r["statement"])
            words, ids = L.proof_text(r["proof"])
            out.append(f'<tr class="filterable" {_filterable(r)}><td>{ref(r["id"])}<br><span class="small">'
                       f'{e(r["role"].replace("_", " "))}, {e(r["source"])}</span></td><td>{stmt}</td>'
                       f'<td>{vbox(r["verdict"])}{sevbox(r["severity"])}<br><span class="small">'
                       f'{e(r["evidence_text"] or "")}</span></td><td>{e(A.fmt_num(r["tightness"], 3))}</td>'
                       f'<td>{e(words)}{(" at " + ref.many(ids)) if ids else ""}</td></tr>')
        out.append("</tbody></table>")
    for sec in lt["sections"]:
        if not sec["items"]:
            continue
        out.append(f'<h3 id="letter-{pid}-{sec["key"]}">{e(sec["heading"])} ({len(sec["items"])})</h3>')
        full = [it for it in sec["items"] if it["full"]]
        short = [it for it in sec["items"] if not it["full"]]
        if full:
            out.append('<ol class="items">')
            for it in full:
                _letter_item(out, it, sec["key"], ref)
            out.append("</ol>")
        if short:
            out.append('<p class="small shortlist"><b>Further, detailed in the appendix:</b> ' + " ".join(
                f'<span class="chip filterable" {_filterable(it)}>{ref(it["id"])} ({e(it["role"].replace("_", " "))}'
                + (", also " + ref.many(it["also"]) if it["also"] else "") + ")</span>" for it in short) + "</p>")
    if lt["broken_proofs"]:
        out.append("<h3>Other proofs that rest on refuted steps</h3><ul>")
        for row in lt["broken_proofs"]:
            words, ids = L.proof_text(row["proof"])
            out.append(f"<li>{ref(row['id'])} ({e(row['role'])}): proof {e(words)} at {ref.many(ids)}.</li>")
        out.append("</ul>")
    out.append("</section>")


def _comparison(comp: dict | None) -> str:
    if not comp:
        return ""
    s = math(f"{comp['lhs']} {comp['relation'] or ''} {comp['rhs']}")
    if comp.get("hypotheses"):
        s += " for " + math(comp["hypotheses"])
    return s


def _letter_item(out: list, it: dict, section: str, ref: _Refs):
    out.append(f'<li class="filterable" {_filterable(it)}><div class="item-line">{ref(it["id"])} '
               f'<b>{rich(it["title"])}</b> ({e(it["role"].replace("_", " "))}; {e(it["source"])}) '
               f'{vbox(it["verdict"])}{sevbox(it["severity"])}</div>')
    if it["also"]:
        out.append(f'<div class="item-line small">Its variants {ref.many(it["also"])} are in this section too '
                   "(detail in the appendix).</div>")
    stmt = math(it["statement_latex"]) if it["statement_latex"] else rich(it["statement"])
    out.append(f'<div class="statement">{stmt}</div>')
    comp = _comparison(it["comparison"])
    if comp:
        out.append(f'<div class="item-line"><i>Checked:</i> {comp}</div>')
    intended = it["intended"]
    if section == "typos" and intended:
        out.append(f'<div class="item-line"><b>Printed:</b> fails: {rich(it["witness"] or "see the appendix")}</div>')
        out.append(f'<div class="item-line"><b>Intended</b> ({e(intended["kind"])}; {e(intended["source"])}): '
                   f'{math(intended["latex"]) if intended["latex"] else rich(intended["statement"])} holds '
                   f'({e(intended["evidence_text"] or intended["verdict"])}).</div>')
    elif intended and intended["verdict"] != "holds" and intended.get("witness"):
        out.append(f'<div class="item-line"><b>Fails even as intended</b> ({e(intended["kind"])}, '
                   f'{e(intended["source"])}: '
                   f'{math(intended["latex"]) if intended["latex"] else rich(intended["statement"])}): '
                   f'{rich(intended["witness"])}</div>')
        if it["witness"]:
            out.append(f'<div class="item-line"><b>As printed:</b> {rich(it["witness"])}</div>')
    elif it["witness"]:
        out.append(f'<div class="item-line"><b>Witness:</b> {rich(it["witness"])}</div>')
    if section == "gaps" and it["reason"]:
        out.append(f'<div class="item-line"><b>Why a gap:</b> {e(it["reason"])}</div>')
    for r in it["readings"]:
        out.append(f'<div class="item-line"><b>Reading</b> {e(r["label"])} ({e(r["param"])}): {vbox(r["verdict"])} '
                   f'{rich(r["witness"]) if r["witness"] else ""}</div>')
    if section == "vacuous_ranges":
        for v in it["vacuous"]:
            out.append(f'<div class="item-line"><b>Vacuous</b> (check <code>{e(v["check"])}</code>): '
                       f'{e(v["sentence"])}</div>')
    _breaks(out, it["breaks"], ref)
    out.append("</li>")


def _breaks(out: list, breaks, ref: _Refs):
    if breaks is None:
        return
    if breaks:
        out.append(f'<div class="item-line"><b>Breaks</b> the proofs of {ref.many(breaks)}.</div>')
    else:
        out.append('<div class="item-line"><b>Breaks:</b> no theorem, lemma or corollary of the paper '
                   "rests on it.</div>")


# ------------------------------------------------------------------ the appendix

def _overview(out: list, m: dict, meta: dict, ref: _Refs):
    c = m["counts"]
    cols = [v for v in A.VERDICT_ORDER if c.get(v)]
    out.append('<h2 id="overview">Appendix: overview of the review</h2>')
    out.append(f"<p>{m['n_claims']} claims reviewed: " + ", ".join(f"{c[v]} {vbox(v)}" for v in cols) + ".</p>")
    out.append('<table id="summary-table"><thead><tr><th>paper</th><th>claims</th>' +
               "".join(f"<th>{e(v.replace('_', ' '))}</th>" for v in cols) + "</tr></thead><tbody>")
    for pp in m["per_paper"]:
        out.append(f'<tr><td><a href="#paper-{_pid(pp["paper"])}"><code>{e(pp["paper"])}</code></a></td>'
                   f"<td>{pp['n']}</td>" + "".join(f"<td>{pp['counts'].get(v, 0)}</td>" for v in cols) + "</tr>")
    out.append("</tbody></table>")
    if meta.get("options"):
        out.append('<p class="meta">Run options: ' + e(", ".join(f"{k}={v}" for k, v in meta["options"].items()))
                   + "</p>")
    if m["disagreeing"]:
        out.append("<h3>Variants of one statement with different verdicts</h3><ul>")
        for it in m["disagreeing"]:
            out.append(f"<li><code>{e(it['root'])}</code>: " +
                       "; ".join(f"{ref(k)} {vbox(v)}" for k, v in it["verdicts"].items()) + "</li>")
        out.append("</ul>")
    if m["errors"]:
        out.append("<h3>Claims whose checks failed to run</h3><ul>")
        for cl in m["errors"]:
            out.append(f"<li>{vbox('error')} {ref(cl['id'])}: {e(str(cl.get('error'))[:300])}</li>")
        out.append("</ul>")


def _figure1(out: list, f1: dict, pngs: list[bytes]):
    out.append('<h2 id="figure1">Figure 1 of <code>unified</code> (Appendix E), reproduced and extended</h2>')
    out.append(f"<p>{e(f1.get('description', ''))}</p>")
    for p in pngs:
        out.append(_img(p, "Figure 1 reproduction"))
    rows = f1.get("table") or []
    if rows:
        out.append('<table id="figure1-table"><tr><th>M</th><th>log2 M</th><th>n_c (target 42)</th>'
                   "<th>99% CI range</th><th>n_c (all targets)</th><th>99% CI range</th></tr>")
        for r in rows:
            out.append("<tr>" + "".join(f"<td>{e(r[k])}</td>" for k in
                                        ("M", "log2M", "nc_single", "nc_single_ci", "nc_all", "nc_all_ci")) + "</tr>")
        out.append("</table>")
    fits = f1.get("fits") or []
    if fits:
        out.append('<table id="figure1-fits"><tr><th>event</th><th>model</th><th>log</th><th>C</th>'
                   "<th>intercept</th><th>paper</th></tr>")
        for f in fits:
            out.append(f"<tr><td>{e(f['event'])}</td><td>{e(f['model'])}</td><td>{e(f['base'])}</td>"
                       f"<td>{e(A.fmt_num(f['C']))}</td><td>{e(A.fmt_num(f.get('b')))}</td><td>C ≈ 1.4</td></tr>")
        out.append("</table>")
    out.append("<ul>" + "".join(f"<li>{e(x)}</li>" for x in f1.get("findings") or []) + "</ul>")



def _paper_appendix(out: list, paper: str, claims: list[dict], m: dict, figures: dict, ref: _Refs,
                    detail: str):
    pid = _pid(paper)
    out.append(f'<h2 id="paper-{pid}">Claims of <code>{e(paper)}</code></h2>'
               f'<p class="meta">{e(m["titles"].get(paper, paper))}</p>')
    full = [c for c in claims if detail == "all" or c["id"] in m["problem_ids"]]
    compact = [c for c in claims if c not in full]
    if compact:
        out.append(f'<h3 id="compact-{pid}">Claims without a problem ({len(compact)})</h3>')
        out.append('<table class="compact"><thead><tr><th>claim</th><th>title</th><th>verdict</th>'
                   "<th>evidence, proof</th></tr></thead><tbody>")
        for c in compact:
            words, ids = L.proof_text(c.get("proof"))
            ev = c.get("evidence_text") or ("not testable (REC)" if c.get("verdict") == "recorded" else "")
            proof = (f"; proof {e(words)}" + (f" at {ref.many(ids)}" if ids else "")) if words else ""
            out.append(f'<tr class="filterable" id="{_anchor(c["id"])}" {_filterable(c)}><td><code>{e(c["id"])}</code>'
                       f'<br><span class="small">{e((c.get("role") or "").replace("_", " "))}</span></td>'
                       f'<td>{rich(c.get("title"))}</td><td>{vbox(c.get("verdict"))}</td>'
                       f'<td class="small">{e(ev)}{proof}</td></tr>')
        out.append("</tbody></table>")
    for c in full:
        _claim(out, c, figures, ref, detail, m.get("by_id") or {})


def _claim(out: list, c: dict, figures: dict, ref: _Refs, detail: str, by_id: dict):
    cid = c["id"]
    v = c.get("verdict") or "recorded"
    out.append(f'<section class="claim filterable {e(v)}" id="{_anchor(cid)}" {_filterable(c)}>')
    out.append(f"<h3><code>{e(cid)}</code> {rich(c.get('title'))} {vbox(v)}{sevbox(c.get('severity'))}</h3>")
    meta = [f"<b>Source:</b> {e(c.get('source'))}", f"<b>Role:</b> {e((c.get('role') or 'claim').replace('_', ' '))}"]
    if c.get("variant_of"):
        meta.append(f"<b>Variant of</b> {ref(c['variant_of'])}")
    if c.get("tightness") is not None:
        meta.append(f"<b>tightness:</b> {e(A.fmt_num(c['tightness'], 3))}")
    if c.get("seconds") is not None:
        meta.append(e(f"{c['seconds']}\u00a0s" + (" (cached)" if c.get("cached") else "")))
    out.append('<p class="meta">' + " · ".join(meta) + "</p>")
    if c.get("evidence_text"):
        out.append(f'<p class="small"><b>Evidence:</b> {e(c["evidence_text"])}</p>')
    if (c.get("latex") or {}).get("statement"):
        out.append(f'<div class="statement">{math(c["latex"]["statement"], display=True)}</div>')
    elif c.get("statement"):
        out.append(f'<div class="statement">{rich(c["statement"])}</div>')
    if c.get("notes"):
        out.append(f'<p class="small"><i>Notes:</i> {rich(str(c["notes"])[:700])}</p>')
    if c.get("error"):
        out.append(f'<p style="color:#6a1b9a"><b>Error while checking:</b> {e(str(c["error"])[:400])}</p></section>')
        return
    if c.get("status") == "recorded" or not A.checks_of(c):
        out.append("<p>Recorded (REC): not testable with the toolkit; stored for the record.</p></section>")
        return
    if c.get("reason") and v != "holds":
        out.append(f'<p class="small"><b>Why:</b> {e(str(c["reason"])[:500])}</p>')
    if c.get("witness"):
        out.append(f"<p><b>Witness:</b> {rich(c['witness'])}</p>")
    corr = L.intended_of(c)
    if corr:
        tail = (" " + rich(corr["witness"])) if corr["verdict"] != "holds" and corr["witness"] else \
            (f" ({e(corr['evidence_text'])})" if corr["evidence_text"] else "")
        out.append(f'<p class="small"><b>Intended form</b> ({e(corr["kind"])}; {e(corr["source"])}): '
                   f'{math(corr["latex"]) if corr["latex"] else rich(corr["statement"])} '
                   f'{vbox(corr["verdict"]) if corr["verdict"] else ""}{tail}</p>')
    words, ids = L.proof_text(c.get("proof"))
    if words:
        out.append(f'<p class="small"><b>Proof:</b> {e(words)}{(" at " + ref.many(ids)) if ids else ""}.</p>')
    _breaks(out, c.get("breaks"), ref)
    for r in L.readings_of(c):
        out.append(f'<p class="small"><b>Reading</b> {e(r["label"])} ({e(r["param"])}): {vbox(r["verdict"])} '
                   f'{rich(r["witness"]) if r["witness"] else ""}</p>')
    for chk in A.checks_of(c):
        twin = A.repeated_check(c, chk, by_id) if detail != "all" else None
        if twin:
            out.append(f'<p class="small"><b>Check</b> <code>{e(chk.get("name", "?"))}</code> '
                       f'{vbox(chk.get("verdict"))}: the same check and points as in {ref(twin)}.</p>')
        elif detail == "all" or chk.get("verdict") in A.PROBLEM_CHECK_VERDICTS:
            _check(out, cid, chk, figures, 12 if detail == "all" else 8)
    if detail != "all":
        for (verdict, what), names in A.other_checks(c, by_id).items():
            out.append(f'<p class="small"><b>Check{"s" if len(names) > 1 else ""}</b> '
                       + ", ".join(f"<code>{e(n)}</code>" for n in names)
                       + f' {vbox(verdict)}{(": " + e(what[:200])) if what else ""}</p>')
    ce = c.get("counterexample")
    if ce:
        replay = ce.get("replay") or f"ticketcheck check {cid}"
        out.append(f'<p><b>Replay:</b> <code class="code">{e(replay)}</code></p>')
    out.append("</section>")


def _check(out: list, cid: str, chk: dict, figures: dict, max_rows: int):
    name = chk.get("name", "?")
    head = f"<p><b>Check</b> <code>{e(name)}</code> ({e(chk.get('type'))}) {vbox(chk.get('verdict'))}"
    if chk.get("evidence_text"):
        head += f' <span class="small">{e(chk["evidence_text"])}</span>'
    out.append(head + "</p>")
    tex = chk.get("latex") or {}
    if tex.get("lhs") and tex.get("rhs"):
        comp = {k: tex.get(k) or "" for k in ("lhs", "relation", "rhs", "hypotheses")}
        out.append(f'<div class="mathblock">{_comparison(comp)}</div>')
    elif chk.get("observable"):
        out.append(f"<p class=\"small\">observable <code>{e(chk['observable'])}</code> {e(chk.get('relation'))} "
                   f"<code>{e(str(chk.get('bound'))[:200])}</code></p>")
    if chk.get("reason") and chk.get("verdict") != "holds":
        out.append(f'<p class="small">{e(str(chk["reason"])[:300])}</p>')
    if chk.get("note"):
        out.append(f'<p class="small">{e(str(chk["note"])[:300])}</p>')
    out.append(_img(figures.get((cid, name)), f"{cid} {name}"))
    pts = A.points_of(chk)
    if pts:
        _points_table(out, pts, max_rows)
    for ec in chk.get("empirical_constants") or []:
        out.append(f"<p>Empirical constant <code>{e(ec.get('symbol'))}</code>: {e(ec.get('direction'))} value "
                   f"making the claim true on the grid = <b>{e(A.fmt_num(ec.get('value')))}</b> at "
                   f"{e(A.fmt_params(ec.get('at')))} (searched {e(ec.get('search'))})</p>")
    st = A._vacuous_start(chk)
    if st:
        out.append(f'<p class="small">{e(A.vacuous_sentence({"start": st}))}</p>')
    lines = A.certificate_lines(chk) if chk.get("certificate") else []
    if lines:
        out.append('<dl class="cert">' + "".join(f"<dt>{e(k)}</dt><dd>{e(t)}</dd>" for k, t in lines)
                   + "</dl>")
    cex = A.certificate_counterexample(chk)
    if cex:
        out.append(f"<p><b>Counterexample:</b> {e(cex)}</p>")
    fals = [f for f in chk.get("falsifiers") or [] if isinstance(f, dict)]
    if fals:
        out.append('<p class="small"><b>Falsifiers</b> (deliberately wrong variants that must fail): ' + "; ".join(
            f"<code>{e(f.get('name'))}</code> {e(str(f.get('verdict') or '').replace('_', ' '))}" for f in fals)
            + "</p>")
    if chk.get("replay"):
        out.append(f'<p><b>Replay:</b> <code class="code">{e(chk["replay"])}</code></p>')


def _points_table(out: list, pts: list[dict], max_rows: int):
    rows = A.table_rows(pts, max_rows)
    keys = A.param_keys(pts)
    quantity = any(p.get("lhs_latex") or p.get("label") for p in rows)
    out.append('<table class="points"><tr>' + "".join(f"<th>{e(k)}</th>" for k in keys)
               + ("<th>compared</th>" if quantity else "")
               + "<th>true value</th><th>bound</th><th>slack</th><th>verdict</th></tr>")
    for p in rows:
        pr = p.get("params") or {}
        cells = [f"<td>{e(pr.get(k, ''))}</td>" for k in keys]
        if quantity:
            if p.get("lhs_latex") and p.get("rhs_latex"):
                cells.append("<td>" + math(p["lhs_latex"] + VS + p["rhs_latex"]) + "</td>")
            else:
                cells.append(f"<td>{e(p.get('label') or '')}</td>")
        cells += [f"<td>{e(A.value_text(p))}</td>", f"<td>{e(A.bound_text(p))}</td>",
                  f"<td>{e(A.fmt_num(p.get('slack')))}</td>", f"<td>{vbox(p.get('verdict'))}</td>"]
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    if len(pts) > len(rows):
        out.append(f'<p class="small">({len(pts)} points in total; all of them in results.json)</p>')
