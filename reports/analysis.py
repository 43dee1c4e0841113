"""From ``results.json`` claims to what the reports show: the overview (counts, problems,
confirmations, REC), formatting of stored numbers, and which claims and checks have a problem
(a full section in the appendix; the others are one table row). The referee letter's model is
``letter.py``.

Pure data in, pure data out (no formatting): ``latex.py`` and ``html.py`` render the same model.
Written defensively: claims come from many modules, some checks are certificates with no points,
some results carry an ``error`` instead of checks.

The overview lists, in this order:

1. violated claims, each with its smallest counterexample and the command that replays it;
2. variants of one statement (``variant_of`` / ``.main_text`` / ``.appendix`` / ``.as_used_in_*``)
   whose verdicts disagree;
3. bounds that are vacuous on the whole tested range, with where they start to say something
   (the first tested point where the bound is informative, or else where the bound expression
   becomes informative when the largest parameter is pushed beyond the tested range).
"""
from __future__ import annotations

import math
import re
from collections import OrderedDict
from decimal import Decimal
from fractions import Fraction

VERDICT_ORDER = ("violated", "error", "gap", "inconclusive", "partially_certified", "vacuous", "holds",
                 "measured", "out_of_scope", "recorded")
#: a claim with one of these verdicts gets a full section in the appendix (the others: one table row)
PROBLEM_CLAIM_VERDICTS = ("violated", "error", "gap", "inconclusive", "partially_certified", "vacuous")
#: a check with one of these verdicts is shown in full (plot, points) in a claim's section
PROBLEM_CHECK_VERDICTS = ("violated", "gap", "inconclusive", "partially_certified", "vacuous", "error")
MAX_EXACT_CHARS = 24  # longer exact rationals are shown as a float (the exact value is in results.json)
VARIANT_SUFFIX = re.compile(r"\.(main_text|appendix|prose|informal|proof_idea|as_used_in_[A-Za-z0-9_]+|as_in_[A-Za-z0-9_]+)$")

def paper_of(res: dict) -> str:
    return res.get("paper") or str(res.get("id", "?")).split(".", 1)[0]


def stored_titles(doc: dict | None) -> dict[str, str]:
    """Paper key -> title, as the review stored them (``papers[key].title``: the registered
    titles, in the registry's order)."""
    papers = (doc or {}).get("papers") if isinstance(doc, dict) else None
    return {k: v.get("title") for k, v in (papers or {}).items() if isinstance(v, dict) and v.get("title")}


def paper_rank(doc: dict | None, claims: list[dict]):
    """Sort key of paper keys: the order of the stored ``papers``, then first appearance in ``claims``."""
    order = list(((doc or {}).get("papers") or {}) if isinstance(doc, dict) else {})
    for c in claims:
        if paper_of(c) not in order:
            order.append(paper_of(c))
    return lambda key: (order.index(key) if key in order else len(order), key)


def root_of(res: dict) -> str:
    """The statement a variant belongs to."""
    if res.get("variant_of"):
        return res["variant_of"]
    return VARIANT_SUFFIX.sub("", str(res.get("id", "")))


def checks_of(res: dict) -> list[dict]:
    return [c for c in (res.get("results") or []) if isinstance(c, dict)]


def points_of(check: dict) -> list[dict]:
    return [p for p in (check.get("points") or []) if isinstance(p, dict)]


def point_value(p: dict):
    """The computed (true) side of a point as a float: exact, else estimate, else value."""
    for k in ("exact_float", "estimate", "value"):
        v = p.get(k)
        if isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v):
            return float(v)
    return None


def fmt_params(params: dict | None) -> str:
    if not params:
        return "(no parameters)"
    return ", ".join(f"{k}={v}" for k, v in params.items())


def fmt_num(x, digits: int = 4) -> str:
    if x is None:
        return "–"
    if isinstance(x, bool):
        return str(x)
    if isinstance(x, int):
        return str(x)
    if isinstance(x, float):
        if not math.isfinite(x):
            return str(x)
        if x != 0 and (abs(x) >= 1e5 or abs(x) < 1e-3):
            return f"{x:.{digits - 1}e}"
        return f"{x:.{digits}g}"
    return str(x)


def _short_exact(exact, flt) -> str:
    s = str(exact)
    if len(s) <= MAX_EXACT_CHARS:
        return s
    try:  # 1 - 2.7e-20 must not be shown as 1: take the gap to 1 from the exact value
        q = Fraction(s)
        if 0 < 1 - q < Fraction(1, 10000):
            return f"≈1 - {_tiny(1 - q)} (exact)"
    except (ValueError, ZeroDivisionError):
        pass
    if isinstance(flt, (int, float)) and not isinstance(flt, bool):
        return f"≈{fmt_near_one(float(flt))} (exact)"
    return s[:MAX_EXACT_CHARS] + "…"


def _tiny(q: Fraction) -> str:
    """A positive rational in 3 digits, also below the float range (1e-400 is not 0)."""
    f = float(q)
    if f > 0:
        return f"{f:.3g}"
    import mpmath
    with mpmath.workdps(20):
        return mpmath.nstr(mpmath.mpf(q.numerator) / q.denominator, 3)


def _ball_near_one(text) -> str | None:
    """``[0.99999999999999999983 +/- 2.8e-31]`` -> ``1 - 1.65e-19`` (None if not such a ball)."""
    m = re.fullmatch(r"\[?\s*(0\.9999\d*)(?:e[+-]?0+)?\s*(?:\+/-\s*([0-9.e+-]+))?\s*\]?", str(text or ""))
    if not m:
        return None
    gap = 1 - Decimal(m.group(1))
    rad = Decimal(m.group(2)) if m.group(2) else Decimal(0)
    if gap <= rad:
        return None
    return f"1 - {float(gap):.3g}"


def value_text(p: dict) -> str:
    """The true (computed) side of a point for a table cell: exact rational (short), Monte Carlo
    estimate with its interval, or the computed value."""
    if p.get("kind") == "fact":
        return "false" if p.get("verdict") == "violated" else "true" if p.get("verdict") == "holds" else "–"
    if p.get("exact") is not None:
        return _short_exact(p["exact"], p.get("exact_float"))
    if p.get("value_lo") is not None and p.get("value_hi") is not None:  # an enclosure stays an interval
        return f"[{_end(p['value_lo'])}, {_end(p['value_hi'])}]"
    if p.get("ci"):
        try:
            return f"{fmt_num(p.get('estimate'))} [{fmt_num(p['ci'][0], 3)}, {fmt_num(p['ci'][1], 3)}]"
        except (TypeError, IndexError):
            pass
    if p.get("value") is not None:
        return fmt_near_one(p.get("value"))
    return p.get("value_text") or "–"


def _end(x) -> str:
    """An end of an enclosure: exact text as stored when short, else 6 significant digits."""
    if isinstance(x, str):
        return _short_exact(x, None) if EXACT_RE.fullmatch(x) else x[:MAX_EXACT_CHARS]
    return fmt_num(x, 6) if isinstance(x, float) else str(x)


def bound_text(p: dict) -> str:
    """The bound of a point: a short exact rational, else a float (arb balls are 50-digit texts)."""
    if p.get("kind") == "fact":
        return "–"
    bt = p.get("bound_text")
    if bt and EXACT_RE.fullmatch(str(bt)):
        return _short_exact(bt, p.get("bound"))
    return _ball_near_one(bt) or fmt_near_one(p.get("bound"))


EXACT_RE = re.compile(r"-?\d+(/\d+)?")


def fmt_near_one(x) -> str:
    """Like :func:`fmt_num`, but 0.99999928 is shown as ``1 - 7.2e-07`` (not as 1)."""
    if isinstance(x, float) and 0.9999 < x < 1:
        return f"1 - {1 - x:.3g}"
    return fmt_num(x)


def certificate_lines(chk: dict) -> list[tuple[str, str]]:
    """What a reader needs from a certify/symbolic check, as (label, text) pairs."""
    cert = chk.get("certificate") or {}
    if not isinstance(cert, dict):
        return [("certificate", str(cert)[:300])]
    out = []
    if chk.get("type") == "symbolic" or "kind" in cert and "engine" in cert:
        if cert.get("kind"):
            out.append(("kind", str(cert["kind"])))
        if cert.get("method"):
            out.append(("decided by", f"{cert.get('engine', 'sympy')}: {cert['method']}"))
        if cert.get("difference"):
            out.append(("lhs - rhs", str(cert["difference"])[:200]))
        if cert.get("simplified") is not None:
            out.append(("simplified", str(cert["simplified"])[:200]))
        if cert.get("numeric_points"):
            out.append(("numeric points", str(cert["numeric_points"])))
    else:
        if cert.get("reduced_form"):
            out.append(("inequality", str(cert["reduced_form"])[:240]))
        if cert.get("domain"):
            dom = ", ".join(f"{k} in [{v[0]}, {v[1]}]" for k, v in cert["domain"].items()
                            if isinstance(v, (list, tuple)) and len(v) == 2)
            if cert.get("integers"):
                dom += f" (integers: {', '.join(map(str, cert['integers']))})"
            if cert.get("constraints"):
                dom += "; " + "; ".join(map(str, cert["constraints"]))[:160]
            out.append(("domain", dom))
        if cert.get("certified_region"):
            out.append(("certified region", str(cert["certified_region"])[:240]))
        bits = []
        if cert.get("boxes") is not None:
            bits.append(f"{cert['boxes']} boxes ({cert.get('certified_boxes', '?')} certified, "
                        f"{cert.get('n_undecided', 0)} undecided)")
        if cert.get("depth") is not None:
            bits.append(f"depth {cert['depth']}")
        if cert.get("precision_bits"):
            bits.append(f"{cert['precision_bits']}-bit arb balls")
        if cert.get("eta") is not None:
            bits.append(f"eta {cert['eta']}")
        if bits:
            out.append(("branch and bound", ", ".join(bits)))
        tails = cert.get("tail_argument") or []
        if tails:
            out.append(("tail", "; ".join(f"{t.get('var')} > {t.get('cut')}: {t.get('argument')}"
                                          for t in tails if isinstance(t, dict))[:240]))
        if (cert.get("budget") or {}).get("exhausted"):
            out.append(("budget", "exhausted (a larger budget may certify more)"))
    if cert.get("time") is not None:
        out.append(("time", f"{cert['time']} s"))
    return out


def param_keys(points: list[dict], limit: int = 6) -> list[str]:
    keys: list[str] = []
    for p in points:
        for k in (p.get("params") or {}):
            if k not in keys:
                keys.append(k)
    return keys[:limit]


def table_rows(points: list[dict], max_rows: int = 12) -> list[dict]:
    """At most ``max_rows`` points for a table: every violated point first (up to the limit),
    then an even sample of the others (all of them are in results.json)."""
    pts = [p for p in points if isinstance(p, dict)]
    out = [p for p in pts if p.get("verdict") == "violated"][:max_rows]
    # then the points that were decided, then (only if there is room) the out-of-scope ones
    for group in ([p for p in pts if p.get("verdict") not in ("violated", "out_of_scope")],
                  [p for p in pts if p.get("verdict") == "out_of_scope"]):
        room = max_rows - len(out)
        if len(group) > room:
            group = [group[int(i * len(group) / room)] for i in range(room)] if room > 0 else []
        out += group
    return out


def certificate_counterexample(chk: dict) -> str | None:
    """A certify/symbolic counterexample as one line (point, both sides)."""
    ce = chk.get("counterexample")
    if not isinstance(ce, dict) or not ce:
        return None
    parts = [f"at {fmt_params(ce.get('params'))}"]
    lhs = ce.get("lhs_text") or fmt_num(ce.get("lhs") if ce.get("lhs") is not None else ce.get("value"))
    rhs = ce.get("rhs_text") or fmt_num(ce.get("rhs") if ce.get("rhs") is not None else ce.get("bound"))
    parts.append(f"lhs = {lhs}, rhs = {rhs}")
    if ce.get("difference") is not None:
        parts.append(f"(lhs - rhs = {ce.get('difference_exact') or fmt_num(ce['difference'])})")
    if ce.get("note"):
        parts.append(f"[{ce['note']}]")
    return " ".join(parts)


# ------------------------------------------------------------------ vacuity

def _vacuous_start(check: dict) -> dict | None:
    """For a check with some vacuous points: the smallest tested point where the bound says
    something, or where the review found it informative beyond the grid (``informative_from``)."""
    pts = points_of(check)
    vac = [p for p in pts if p.get("verdict") == "vacuous"]
    if not vac:
        return None
    informative = [p for p in pts if p.get("verdict") in ("holds", "violated", "inconclusive")]
    if informative:
        first = min(informative, key=lambda p: _size(p.get("params")))
        return {"where": "tested", "params": first.get("params"), "n_vacuous": len(vac),
                "n_points": len(pts)}
    return {"where": "beyond", "n_vacuous": len(vac), "n_points": len(pts),
            **(check.get("informative_from") or {})}


def _size(params) -> tuple:
    nums = []
    for v in (params or {}).values():
        try:
            if isinstance(v, str) and "/" in v:
                a, b = v.split("/")
                nums.append(abs(int(a) / int(b)))
            else:
                nums.append(abs(float(v)))
        except (TypeError, ValueError):
            nums.append(0.0)
    return (sum(nums), tuple(nums))


# ------------------------------------------------------------------ the model

def has_problem(claim: dict) -> bool:
    """A claim a referee must read in full: a problem verdict, a problem check, failing readings."""
    if claim.get("error") or claim.get("verdict") in PROBLEM_CLAIM_VERDICTS:
        return True
    if any(c.get("verdict") in PROBLEM_CHECK_VERDICTS for c in checks_of(claim)):
        return True
    return any(isinstance(r, dict) and r.get("verdict") == "violated" for r in claim.get("readings") or [])


def _point_key(p: dict) -> tuple:
    return (repr(p.get("params")), p.get("exact"), p.get("value"), p.get("estimate"), p.get("bound"),
            p.get("bound_text"), p.get("verdict"), p.get("label"))


def repeated_check(claim: dict, check: dict, by_id: dict) -> str | None:
    """The id of the statement this claim is a variant of when it holds the same check (same name,
    same points): the report then points there instead of drawing the same plot twice."""
    root = by_id.get(claim.get("variant_of") or "")
    if not root or not check.get("points"):
        return None
    twin = next((c for c in checks_of(root) if c.get("name") == check.get("name")), None)
    if twin and [_point_key(p) for p in points_of(twin)] == [_point_key(p) for p in points_of(check)]:
        return root["id"]
    return None


def other_checks(claim: dict, by_id: dict) -> "OrderedDict[tuple[str, str], list[str]]":
    """The checks of a claim's section shown in one line each group (no problem, not a repeat of the
    statement's check): ``{(verdict, evidence or reason): [check names]}``."""
    out: "OrderedDict[tuple[str, str], list[str]]" = OrderedDict()
    for chk in checks_of(claim):
        if chk.get("verdict") in PROBLEM_CHECK_VERDICTS or repeated_check(claim, chk, by_id):
            continue
        key = (chk.get("verdict") or "recorded", str(chk.get("evidence_text") or chk.get("reason") or ""))
        out.setdefault(key, []).append(chk.get("name", "?"))
    return out


def review_model(claims: list[dict], figure1: dict | None = None, doc: dict | None = None,
                 limits: dict | None = None) -> dict:
    """Everything the reports show, grouped and ordered for a referee: the referee letter of each
    paper (``letters``, from ``doc["referee"]``, cut to ``limits`` per paper), the overview counts,
    the problem lists, and the claims by paper for the appendix."""
    from ticketcheck.reports.letter import letters as _letters
    claims = [c for c in claims if isinstance(c, dict) and c.get("id")]
    counts: dict[str, int] = {}
    by_paper: "OrderedDict[str, list[dict]]" = OrderedDict()
    for c in claims:
        v = c.get("verdict") or "recorded"
        counts[v] = counts.get(v, 0) + 1
        by_paper.setdefault(paper_of(c), []).append(c)

    violated = []
    for c in claims:
        if c.get("verdict") == "violated":
            ce = c.get("counterexample") or {}
            violated.append({"id": c["id"], "title": c.get("title", ""), "source": c.get("source", ""),
                             "counterexample": ce, "replay": ce.get("replay") or _replay_any(c)})

    groups: dict[str, list[dict]] = {}
    for c in claims:
        groups.setdefault(root_of(c), []).append(c)
    ids = {c["id"] for c in claims}
    disagreeing = []
    for root, members in groups.items():
        if len(members) < 2 and root not in ids:
            continue
        if root in ids and all(m["id"] != root for m in members):
            members = members + [c for c in claims if c["id"] == root]
        tested = {m["id"]: m.get("verdict") for m in members
                  if m.get("verdict") in ("holds", "violated", "vacuous", "inconclusive",
                                           "partially_certified")}
        if len(set(tested.values())) > 1:
            disagreeing.append({"root": root, "verdicts": tested})

    vacuous = []
    for c in claims:
        for chk in checks_of(c):
            pts = points_of(chk)
            if not pts:
                continue
            in_scope = [p for p in pts if p.get("verdict") != "out_of_scope"]
            if in_scope and all(p.get("verdict") == "vacuous" for p in in_scope):
                vacuous.append({"id": c["id"], "check": chk.get("name", ""),
                                "start": _vacuous_start(chk)})

    confirmed = [c for c in claims if c.get("verdict") in ("holds",)]
    measured = [c for c in claims if c.get("verdict") == "measured"]
    partial = [c for c in claims if c.get("verdict") == "partially_certified"]
    inconclusive = [c for c in claims if c.get("verdict") == "inconclusive"]
    out_of_scope = [c for c in claims if c.get("verdict") == "out_of_scope"]
    recorded = [c for c in claims if c.get("verdict") in ("recorded", None)]
    errors = [c for c in claims if c.get("error") or c.get("verdict") == "error"]

    per_paper = []
    for paper, cs in by_paper.items():
        pc: dict[str, int] = {}
        for c in cs:
            pc[c.get("verdict") or "recorded"] = pc.get(c.get("verdict") or "recorded", 0) + 1
        per_paper.append({"paper": paper, "title": paper, "n": len(cs), "counts": pc})
    titles = stored_titles(doc)
    for pp in per_paper:
        pp["title"] = titles.get(pp["paper"]) or pp["title"]
    return {"n_claims": len(claims), "counts": counts, "per_paper": per_paper,
            "letters": _letters(claims, doc, limits),
            "problem_ids": {c["id"] for c in claims if has_problem(c)},
            "by_id": {c["id"]: c for c in claims},
            "titles": {pp["paper"]: pp["title"] for pp in per_paper},
            "violated": violated, "disagreeing": disagreeing, "vacuous": vacuous,
            "confirmed": confirmed, "measured": measured, "partial": partial, "inconclusive": inconclusive,
            "out_of_scope": out_of_scope, "recorded": recorded, "errors": errors,
            "by_paper": by_paper, "figure1": figure1}


def _replay_any(c: dict) -> str | None:
    for chk in checks_of(c):
        if chk.get("replay"):
            return chk["replay"]
        for p in points_of(chk):
            if p.get("verdict") == "violated" and p.get("replay"):
                return p["replay"]
    return f"ticketcheck check {c.get('id')}"


def counterexample_sentence(item: dict) -> str:
    """One plain-text line: where the claim fails and by how much."""
    ce = item.get("counterexample") or {}
    if not ce:
        return "violated (see the claim section)"
    val = (_short_exact(ce["exact"], ce.get("value")) if ce.get("exact")
           else fmt_num(ce.get("value") if ce.get("value") is not None else ce.get("estimate")))
    parts = [f"at {fmt_params(ce.get('params'))}"]
    if ce.get("ci"):
        try:
            parts.append(f"true value {fmt_num(ce.get('estimate'))} "
                         f"(CI [{fmt_num(ce['ci'][0])}, {fmt_num(ce['ci'][1])}])")
        except (TypeError, IndexError, KeyError):
            parts.append(f"true value {val}")
    elif val not in (None, "–"):
        parts.append(f"true value {val}")
    if ce.get("bound") is not None or ce.get("bound_text"):
        parts.append(f"vs bound {bound_text(ce)}")
    if ce.get("slack") is not None:
        parts.append(f"(slack {fmt_num(ce.get('slack'))})")
    if ce.get("label"):
        parts.append(f"[{ce['label']}]")
    return " ".join(str(p) for p in parts)


def vacuous_sentence(item: dict) -> str:
    st = item.get("start") or {}
    if st.get("where") == "tested":
        return f"vacuous at {st.get('n_vacuous')} of {st.get('n_points')} points; informative from {fmt_params(st.get('params'))}"
    if st.get("param"):
        return (f"vacuous on all {st.get('n_vacuous')} tested points; the bound starts to say something "
                f"at {st['param']} = {st['value']} ({fmt_params(st.get('params'))})")
    return f"vacuous on all {st.get('n_vacuous', '?')} tested points; no informative value found by extending the grid"
