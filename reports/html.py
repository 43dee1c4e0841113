"""The reviewer report as one self-contained HTML file.

Everything is inline: the CSS, KaTeX (``reports/assets/katex``, from the npm package, MIT) with its
fonts as ``data:`` URIs, and the plots as base64 PNGs. No network access is needed to read it; the
math in the statements (``$...$``) is typeset by KaTeX in the browser. The page sets
``data-render-status`` on ``<body>`` to ``ok`` when KaTeX ran with no error (the Chromium test reads it).
"""
from __future__ import annotations

import base64
import html
import json
import re
from pathlib import Path

from ticketcheck.reports import analysis as A

ASSETS = Path(__file__).resolve().parent / "assets"

CSS = """
body{font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;max-width:1100px;margin:0 auto;
 padding:1em 2em;color:#222;line-height:1.45}
h1{font-size:1.7em;margin-bottom:0.2em} h2{border-bottom:2px solid #ddd;padding-bottom:0.2em;margin-top:1.8em}
h3{margin-top:1.6em;font-size:1.1em} code,.code{font-family:Menlo,Consolas,monospace;font-size:0.88em;
 background:#f4f4f4;padding:0 3px;border-radius:3px;word-break:break-all}
table{border-collapse:collapse;margin:0.6em 0;font-size:0.88em} th,td{border-bottom:1px solid #e3e3e3;
 padding:3px 8px;text-align:left;vertical-align:top} th{background:#fafafa}
.v{display:inline-block;padding:1px 7px;border-radius:4px;color:#fff;font-size:0.82em;font-weight:600}
.v-holds{background:#1b7f3b}.v-violated{background:#c62828}.v-vacuous{background:#6d6d6d}
.v-inconclusive,.v-partially_certified{background:#d9822b}.v-out_of_scope{background:#8a8a8a}
.v-recorded,.v-measured{background:#3f5f8f}.v-error{background:#6a1b9a}
.claim.error{border-left:5px solid #6a1b9a} dl.cert{display:grid;grid-template-columns:max-content auto;
 gap:1px 12px;font-size:0.88em;margin:0.4em 0} dl.cert dt{font-weight:600;color:#444} dl.cert dd{margin:0}
.claim{border:1px solid #e4e4e4;border-radius:6px;padding:0.3em 1em 0.8em;margin:1em 0}
.claim.violated{border-left:5px solid #c62828}.claim.holds{border-left:5px solid #1b7f3b}
.claim.vacuous{border-left:5px solid #6d6d6d}.claim.recorded{border-left:5px solid #3f5f8f}
.claim.inconclusive{border-left:5px solid #d9822b}
blockquote{margin:0.5em 0;padding:0.4em 1em;background:#f8f8fb;border-left:3px solid #aab}
.meta{color:#555;font-size:0.9em} img.plot{max-width:100%;display:block;margin:0.4em auto}
table.points{display:block;overflow-x:auto;max-width:100%} td code.code{word-break:break-all}
blockquote,.claim p{overflow-wrap:anywhere}
.problems li{margin-bottom:0.35em} .small{font-size:0.85em;color:#555}
nav.toc{columns:3;font-size:0.82em} nav.toc a{text-decoration:none}
"""


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


def _katex_js() -> str:
    js = (ASSETS / "katex" / "katex.min.js").read_text()
    auto = (ASSETS / "katex" / "auto-render.min.js").read_text()
    return js.replace("</script", "<\\/script") + "\n" + auto.replace("</script", "<\\/script")


RENDER_JS = """
(function(){
  var errors = [];
  window.addEventListener('error', function(e){ errors.push(String(e.message)); });
  function done(){
    var st = 'ok';
    try {
      renderMathInElement(document.body, {delimiters:[{left:'$$',right:'$$',display:true},
        {left:'$',right:'$',display:false}], throwOnError:false, ignoredClasses:['code','nomath'],
        macros:{'\\\\argmax':'\\\\operatorname*{arg\\\\,max}','\\\\argmin':'\\\\operatorname*{arg\\\\,min}'},
        errorCallback:function(msg){ errors.push(msg); }});
    } catch(e) { errors.push(String(e)); }
    var bad = document.querySelectorAll('.katex-error').length;
    var n = document.querySelectorAll('.katex').length;
    if (errors.length) st = 'errors';
    document.body.setAttribute('data-katex-count', String(n));
    document.body.setAttribute('data-katex-errors', String(bad));
    document.body.setAttribute('data-js-errors', String(errors.length));
    document.body.setAttribute('data-render-status', st);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', done); else done();
})();
"""


def e(s) -> str:
    return html.escape(str(s if s is not None else ""), quote=True)


def _math_text(s: str) -> str:
    """Escaped prose in which ``$...$`` survives for KaTeX when the PDF would typeset it too
    (:func:`reports.texify.math_ok`); other math is shown as code, as in the PDF."""
    from ticketcheck.reports.texify import MATH_RE, _math, math_ok
    parts = MATH_RE.split(s)
    out = []
    for i, part in enumerate(parts):
        if i % 2 == 0:
            out.append(e(part))
        elif math_ok(_math(part.strip("$"))):
            out.append(e(part))
        else:
            out.append(f'<code class="nomath">{e(part.strip("$"))}</code>')
    return "".join(out)


def vbox(v) -> str:
    v = v or "recorded"
    return f'<span class="v v-{e(v)}">{e(v.replace("_", " "))}</span>'


def _anchor(cid: str) -> str:
    return "claim-" + re.sub(r"[^A-Za-z0-9]+", "-", cid)


def _ref(cid: str) -> str:
    return f'<a href="#{_anchor(cid)}"><code>{e(cid)}</code></a>'


def _img(png: bytes | None, alt: str) -> str:
    if not png:
        return ""
    return f'<img class="plot" alt="{e(alt)}" src="data:image/png;base64,{base64.b64encode(png).decode()}">'


def build_html(model: dict, figures: dict, fig1_pngs: list[bytes] | None, title: str,
               meta: dict | None = None) -> str:
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>{e(title)}</title>",
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<style>{_katex_css()}</style>", f"<style>{CSS}</style>", "</head>",
           '<body data-render-status="pending">', f"<h1>{e(title)}</h1>"]
    meta = meta or {}
    out.append(f'<p class="meta">ticketcheck {e(meta.get("version", ""))} · {e(meta.get("date", ""))}'
               + (" · options: " + e(", ".join(f"{k}={v}" for k, v in (meta.get("options") or {}).items()))
                  if meta.get("options") else "") + "</p>")
    if meta.get("note"):
        out.append(f'<p class="meta"><i>{e(meta["note"])}</i></p>')
    if meta.get("sub_reports"):
        out.append('<p class="meta">One report per paper: ' + ", ".join(
            f'<a href="{e(p[:-4])}.html">{e(p.split("/")[0])}</a>' for p in meta["sub_reports"]) + "</p>")
    _summary(out, model)
    if model.get("figure1"):
        _figure1(out, model["figure1"], fig1_pngs or [])
    out.append('<h2 id="claims">Claims</h2><nav class="toc">')
    for paper, claims in model["by_paper"].items():
        for c in claims:
            out.append(f'<div><a href="#{_anchor(c["id"])}">{e(c["id"])}</a> {vbox(c.get("verdict"))}</div>')
    out.append("</nav>")
    ids = {c["id"] for cs in model["by_paper"].values() for c in cs}
    for paper, claims in model["by_paper"].items():
        out.append(f'<h2 id="paper-{e(paper)}">Claims of <code>{e(paper)}</code></h2>'
                   f'<p class="meta">{e(A.PAPER_TITLES.get(paper, paper))}</p>')
        for c in claims:
            _claim(out, c, figures, ids)
    out.append(f"<script>{_katex_js()}</script><script>{RENDER_JS}</script></body></html>")
    return "\n".join(out)


def _summary(out: list, m: dict):
    c = m["counts"]
    cols = [v for v in A.VERDICT_ORDER if c.get(v)]
    out.append('<h2 id="summary">Summary for the referee</h2>')
    out.append(f"<p>{m['n_claims']} claims reviewed: " +
               ", ".join(f"{c[v]} {vbox(v)}" for v in cols) + ".</p>")
    out.append('<table id="summary-table"><thead><tr><th>paper</th><th>claims</th>' +
               "".join(f"<th>{e(v.replace('_', ' '))}</th>" for v in cols) + "</tr></thead><tbody>")
    for pp in m["per_paper"]:
        out.append(f'<tr><td><a href="#paper-{e(pp["paper"])}"><code>{e(pp["paper"])}</code></a></td>'
                   f"<td>{pp['n']}</td>" + "".join(f"<td>{pp['counts'].get(v, 0)}</td>" for v in cols) + "</tr>")
    out.append("</tbody></table>")
    out.append('<h3 id="problems">Problems found</h3><ul class="problems">')
    any_p = False
    for it in m["violated"]:
        any_p = True
        out.append(f"<li>{vbox('violated')} {_ref(it['id'])} ({e(it.get('source'))}): "
                   f"{e(A.counterexample_sentence(it))}. Replay: <code class=\"code\">{e(it.get('replay'))}</code></li>")
    for it in m["disagreeing"]:
        any_p = True
        out.append("<li>Variants of <code>" + e(it["root"]) + "</code> disagree: " +
                   "; ".join(f"{_ref(k)} {vbox(v)}" for k, v in it["verdicts"].items()) + "</li>")
    for it in m["vacuous"]:
        any_p = True
        out.append(f"<li>{vbox('vacuous')} {_ref(it['id'])}, check <code>{e(it['check'])}</code>: "
                   f"{e(A.vacuous_sentence(it))}</li>")
    if m["inconclusive"]:
        any_p = True
        out.append("<li>" + vbox("inconclusive") + " (more trials or budget would decide): " +
                   ", ".join(_ref(c["id"]) for c in m["inconclusive"]) + "</li>")
    for c in m["errors"]:
        any_p = True
        out.append(f"<li>{vbox('error')} failed to run: {_ref(c['id'])}: {e(str(c.get('error'))[:300])}</li>")
    if not any_p:
        out.append("<li>No claim was violated, no variants disagree and no bound is vacuous on its whole tested range.</li>")
    out.append("</ul>")
    out.append('<h3 id="confirmed">Confirmed</h3>')
    conf = m["confirmed"] + m["partial"]
    if conf:
        out.append('<table id="confirmed-table"><tr><th>claim</th><th>verdict</th><th>title</th><th>min slack</th></tr>')
        for c in conf:
            out.append(f"<tr><td>{_ref(c['id'])}</td><td>{vbox(c.get('verdict'))}</td><td>{e(c.get('title'))}</td>"
                       f"<td>{e(A.fmt_num(c.get('min_slack')))}</td></tr>")
        out.append("</table>")
    else:
        out.append("<p>No claim was confirmed on its tested range.</p>")
    if m.get("measured"):
        out.append('<p id="measured">Measured, not judged (qualitative statements and definitions for '
                   'which the catalogue asks for the numbers rather than a pass/fail): '
                   + ", ".join(_ref(c["id"]) for c in m["measured"]) + "</p>")
    if m["out_of_scope"]:
        out.append("<p>Out of scope on the whole grid: " + ", ".join(_ref(c["id"]) for c in m["out_of_scope"]) + "</p>")
    out.append('<h3 id="rec">Not testable (REC)</h3>')
    if m["recorded"]:
        out.append('<table id="rec-table"><tr><th>claim</th><th>title</th></tr>')
        for c in m["recorded"]:
            out.append(f"<tr><td>{_ref(c['id'])}</td><td>{e(c.get('title'))}</td></tr>")
        out.append("</table>")
    else:
        out.append("<p>Every claim has at least one check.</p>")


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


def _claim(out: list, c: dict, figures: dict, ids: set):
    cid = c["id"]
    v = c.get("verdict") or "recorded"
    out.append(f'<section class="claim {e(v)}" id="{_anchor(cid)}">')
    out.append(f"<h3><code>{e(cid)}</code> {e(c.get('title'))} {vbox(v)}</h3>")
    meta = [f"<b>Source:</b> {e(c.get('source'))}"]
    if c.get("methods"):
        meta.append(f"<b>Methods:</b> {e('/'.join(map(str, c['methods'])))}")
    if c.get("variant_of"):
        vo = c["variant_of"]
        meta.append(f"<b>Variant of</b> {_ref(vo) if vo in ids else f'<code>{e(vo)}</code>'}")
    if c.get("min_slack") is not None:
        meta.append(f"<b>min slack:</b> {e(A.fmt_num(c['min_slack']))}")
    if c.get("seconds") is not None:
        meta.append(e(f"{c['seconds']}\u00a0s" + (" (cached)" if c.get("cached") else "")))
    out.append('<p class="meta">' + " · ".join(meta) + "</p>")
    if c.get("statement"):
        out.append(f"<blockquote>{_math_text(c['statement'])}</blockquote>")
    if c.get("notes"):
        out.append(f'<p class="small"><i>Notes:</i> {_math_text(str(c["notes"])[:700])}</p>')
    if c.get("error"):
        out.append(f'<p style="color:#6a1b9a"><b>Error while checking:</b> {e(str(c["error"])[:400])}</p></section>')
        return
    if c.get("status") == "recorded" or not A.checks_of(c):
        out.append("<p>Recorded (REC): not testable with the toolkit; stored for the record.</p></section>")
        return
    for chk in A.checks_of(c):
        _check(out, cid, chk, figures)
    ce = c.get("counterexample")
    if ce:
        out.append(f"<p><b>Smallest counterexample:</b> {e(A.counterexample_sentence({'counterexample': ce}))}<br>"
                   f"<b>Replay:</b> <code class=\"code\">{e(ce.get('replay') or 'ticketcheck check ' + cid)}</code></p>")
    out.append("</section>")


def _check(out: list, cid: str, chk: dict, figures: dict):
    name = chk.get("name", "?")
    head = f"<p><b>Check</b> <code>{e(name)}</code> ({e(chk.get('type'))}) {vbox(chk.get('verdict'))}"
    if chk.get("observable"):
        head += (f" · observable <code>{e(chk['observable'])}</code> {e(chk.get('relation'))} "
                 f"<code>{e(str(chk.get('bound'))[:200])}</code>")
    out.append(head + "</p>")
    if chk.get("note"):
        out.append(f'<p class="small">{e(str(chk["note"])[:300])}</p>')
    out.append(_img(figures.get((cid, name)), f"{cid} {name}"))
    pts = A.points_of(chk)
    if pts:
        keys = A.param_keys(pts)
        out.append('<table class="points nomath"><tr>' + "".join(f"<th>{e(k)}</th>" for k in keys) +
                   "<th>true value</th><th>method</th><th>bound</th><th>slack</th><th>verdict</th><th>replay</th></tr>")
        for p in A.table_rows(pts):
            pr = p.get("params") or {}
            out.append("<tr>" + "".join(f"<td>{e(pr.get(k, ''))}</td>" for k in keys) +
                       f"<td>{e(A.value_text(p))}</td><td>{e(p.get('method'))}</td>"
                       f"<td>{e(A.bound_text(p))}</td><td>{e(A.fmt_num(p.get('slack')))}</td>"
                       f"<td>{vbox(p.get('verdict'))}</td><td><code class=\"code\">{e(p.get('replay'))}</code></td></tr>")
        out.append("</table>")
        if len(pts) > 12:
            out.append(f'<p class="small">{len(pts)} points in total (all in results.json).</p>')
    for ec in chk.get("empirical_constants") or []:
        out.append(f"<p>Empirical constant <code>{e(ec.get('symbol'))}</code>: {e(ec.get('direction'))} value "
                   f"making the claim true on the grid = <b>{e(A.fmt_num(ec.get('value')))}</b> at "
                   f"{e(A.fmt_params(ec.get('at')))} (searched {e(ec.get('search'))})</p>")
    st = A._vacuous_start(chk)
    if st and st.get("where") == "tested":
        out.append(f'<p class="small">{e(A.vacuous_sentence({"start": st}))}</p>')
    lines = A.certificate_lines(chk) if chk.get("certificate") else []
    if lines:
        out.append('<dl class="cert nomath">' + "".join(f"<dt>{e(k)}</dt><dd>{e(t)}</dd>" for k, t in lines)
                   + "</dl>")
    cex = A.certificate_counterexample(chk)
    if cex:
        out.append(f'<p class="nomath"><b>Counterexample:</b> {e(cex)}</p>')
    if chk.get("replay"):
        out.append(f'<p><b>Replay:</b> <code class="code">{e(chk["replay"])}</code></p>')
