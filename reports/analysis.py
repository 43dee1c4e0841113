"""From ``results.json`` claims to the referee's summary: problems, confirmations, REC.

Pure data in, pure data out (no formatting): ``latex.py`` and ``html.py`` render the same model.
Written defensively: claims come from many modules, some checks are certificates with no points,
some results carry an ``error`` instead of checks.

Problems a referee reports, in this order:

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

VERDICT_ORDER = ("violated", "inconclusive", "partially_certified", "vacuous", "holds",
                 "out_of_scope", "recorded")
VARIANT_SUFFIX = re.compile(r"\.(main_text|appendix|prose|informal|as_used_in_[A-Za-z0-9_]+)$")

PAPER_TITLES = {
    "unified": "A unified framework for quantized and continuous strong lottery tickets",
    "sparsity": "On the Sparsity of the Strong Lottery Ticket Hypothesis (Natale et al., 2024)",
    "kumar_natale": "Kumar & Natale, Quantization vs Pruning (seed README sample)",
    "slides": "E. Natale, On the Random Subset Sum Problem and Neural Networks (slides, 2023)",
    "pensia_rebuttal": "Rebuttal letter for Pensia et al., NeurIPS 2020",
}


def paper_of(res: dict) -> str:
    return res.get("paper") or str(res.get("id", "?")).split(".", 1)[0]


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


# ------------------------------------------------------------------ vacuity

def _vacuous_start(check: dict) -> dict | None:
    """For a check with some vacuous points: the smallest tested point where the bound says
    something, or an extrapolation of the bound expression beyond the grid."""
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
            **(_extrapolate(check, vac) or {})}


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


def _extrapolate(check: dict, vac: list[dict]) -> dict | None:
    """Push the parameter that grows the bound towards informative values (doubling, then
    bisection) from the tested point closest to informative; None if that cannot be done."""
    bound = check.get("bound")
    rel = check.get("relation") or (vac[0].get("relation") if vac else None)
    if not bound or rel not in (">=", ">", "<=", "<"):
        return None
    try:
        import sympy as sp
        from bounds.arb_eval import evaluate
        from bounds import symbols as S  # noqa: F401  (LOG and friends)
        ns = {k: getattr(S, k) for k in dir(S) if not k.startswith("_")}
        expr = sp.sympify(bound, locals=ns)
    except Exception:
        return None
    lower = rel in (">=", ">")

    def informative(params) -> bool | None:
        try:
            sub = {}
            for k, v in params.items():
                sub[k] = v
            val = evaluate(expr, _exact_params(sub))
            f = float(val) if not hasattr(val, "mid") else float(val.mid())
            return f > 0 if lower else f < 1
        except Exception:
            return None

    start = max(vac, key=lambda p: (p.get("bound") if lower else -(p.get("bound") or 0)) or -1e300)
    params = dict(start.get("params") or {})
    ints = [k for k, v in params.items() if isinstance(v, int) and not isinstance(v, bool) and v > 0]
    best = None
    for k in ints:
        lo = params[k]
        hi = lo
        ok = False
        for _ in range(64):
            hi *= 2
            got = informative({**params, k: hi})
            if got is None:
                break
            if got:
                ok = True
                break
        if not ok:
            continue
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if informative({**params, k: mid}):
                hi = mid
            else:
                lo = mid
        cand = {"param": k, "value": hi, "params": {**params, k: hi}}
        if best is None or hi / max(params[k], 1) < best["value"] / max(params[best["param"]], 1):
            best = cand
    return best


def _exact_params(params: dict) -> dict:
    from fractions import Fraction
    out = {}
    for k, v in params.items():
        if k == "log_base":
            from bounds.symbols import base_value
            out[k] = base_value(v)
        elif isinstance(v, str) and re.fullmatch(r"-?\d+/\d+", v):
            out[k] = Fraction(v)
        else:
            out[k] = v
    return out


# ------------------------------------------------------------------ the model

def review_model(claims: list[dict], figure1: dict | None = None) -> dict:
    """Everything the reports show, grouped and ordered for a referee."""
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
    partial = [c for c in claims if c.get("verdict") == "partially_certified"]
    inconclusive = [c for c in claims if c.get("verdict") == "inconclusive"]
    out_of_scope = [c for c in claims if c.get("verdict") == "out_of_scope"]
    recorded = [c for c in claims if c.get("verdict") in ("recorded", None)
                or c.get("status") == "recorded"]
    errors = [c for c in claims if c.get("error")]

    per_paper = []
    for paper, cs in by_paper.items():
        pc: dict[str, int] = {}
        for c in cs:
            pc[c.get("verdict") or "recorded"] = pc.get(c.get("verdict") or "recorded", 0) + 1
        per_paper.append({"paper": paper, "title": PAPER_TITLES.get(paper, paper), "n": len(cs),
                          "counts": pc})
    return {"n_claims": len(claims), "counts": counts, "per_paper": per_paper,
            "violated": violated, "disagreeing": disagreeing, "vacuous": vacuous,
            "confirmed": confirmed, "partial": partial, "inconclusive": inconclusive,
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
    val = ce.get("exact") or fmt_num(ce.get("value") if ce.get("value") is not None else ce.get("estimate"))
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
        parts.append(f"vs bound {ce.get('bound_text') or fmt_num(ce.get('bound'))}")
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
