"""The certification engine for real-number proof steps (``CertifyCheck``).

``certify_check(check, opts)`` decides ``lhs REL rhs`` on the box ``check.domain`` (intersected with
``check.constraints``; integer variables in ``check.integers`` enumerated exhaustively on their
finite part) and returns a dict with

* ``verdict``: ``holds`` (the whole domain certified), ``violated`` (a counterexample re-checked at
  high precision), ``partially_certified`` (a stated part of the domain certified, the rest
  undecided) or ``inconclusive``;
* ``certificate``: what a reader needs to re-run and trust it (reduced form ``f >= 0``, boxes,
  depth, minimum margin, precision, certified region, ``eta`` reached near a tight end point, tail
  argument, time, replay command);
* ``counterexample``: ``{"params", "lhs", "rhs", "replay", ...}`` or ``None``; ``note``; ``points``.

Options (``check.options``, overridable by ``options["quick"]`` when ``opts.quick``):
``max_boxes``, ``time_limit`` (s per part), ``min_width``, ``prec`` (bits), ``max_depth``
(derivative order of the monotonicity/Taylor argument), ``cut`` ({var: X} where an unbounded range
is cut), ``open`` ({var: "lo"|"hi"|"both"} open ends), ``log_base`` ("ln"/"log2": substituted for the
symbol ``log_base``), ``strip_exp`` (compare exponents when both sides are ``exp``; default True),
``factor`` (certify the sign of each factor of ``rhs - lhs`` separately), ``scale`` ({var: width}
for choosing the split direction).
"""
from __future__ import annotations

import math
import time
from fractions import Fraction
from typing import Any

import sympy as sp

from ticketcheck.harness.certify.boxes import Box
from ticketcheck.harness.certify.branch_bound import (BBResult, Fn, branch_and_bound,
                                          constraint_from_relational)
from ticketcheck.harness.certify.tails import compactify, tail_name
from ticketcheck.errors import InputError
from ticketcheck.errors import EVALUATION_ERRORS

__all__ = ["certify_check", "certify", "DEFAULTS"]

DEFAULTS = {"max_boxes": 20000, "time_limit": 20.0, "min_width": Fraction(1, 2 ** 40), "prec": 128,
            "max_depth": 3, "strip_exp": True, "factor": False}
QUICK = {"max_boxes": 3000, "time_limit": 3.0}


def _opts(check, opts) -> dict:
    o = {**DEFAULTS, **{k: v for k, v in (check.options or {}).items() if k != "quick"}}
    if opts is not None and getattr(opts, "quick", False):
        o.update(QUICK)
        o.update((check.options or {}).get("quick", {}) or {})
    return o


def _frac(v) -> Fraction | None:
    v = sp.sympify(v)
    if v is sp.oo:
        return None
    if v is -sp.oo:
        raise InputError("certify: a range unbounded below is not supported; substitute x -> -x")
    if v.is_Rational:
        return Fraction(int(v.p), int(v.q))
    raise ValueError("irrational")


def _enclose(v, up: bool) -> Fraction:
    """A rational lower (``up=False``) or upper bound of an irrational number."""
    from ticketcheck.arb_eval import evaluate
    from ticketcheck.harness.certify.compile import ball_bounds
    b = evaluate(v)
    if isinstance(b, Fraction):
        return b
    lo, hi = ball_bounds(b)
    den = 2 ** 60
    return Fraction(math.ceil(hi * den), den) if up else Fraction(math.floor(lo * den), den)


def _sym(expr, name):
    return next((s for s in expr.free_symbols if s.name == name), sp.Symbol(name))


def _reduce(lhs, rhs, relation, o) -> tuple[sp.Expr, bool, list[str]]:
    """``f`` with claim <=> ``f >= 0`` (``> 0`` if strict), and the reductions applied."""
    notes = []
    lhs, rhs = sp.sympify(lhs), sp.sympify(rhs)
    if relation in (">=", ">"):
        lhs, rhs = rhs, lhs
        relation = "<=" if relation == ">=" else "<"
    if relation not in ("<=", "<"):
        raise InputError(f"certify: relation {relation!r} is not an inequality; use a SymbolicCheck")
    if o.get("strip_exp") and isinstance(lhs, sp.exp) and isinstance(rhs, sp.exp):
        lhs, rhs = lhs.args[0], rhs.args[0]
        notes.append("exp is strictly increasing: exponents compared")
    return rhs - lhs, relation == "<", notes


def certify_check(check, opts=None) -> dict:
    """Run the engine on a :class:`bounds.claim.CertifyCheck` (see module doc)."""
    o = _opts(check, opts)
    lhs, rhs = sp.sympify(check.lhs), sp.sympify(check.rhs)
    if o.get("log_base") is not None:
        from ticketcheck.bounds.symbols import base_value, log_base
        b = base_value(o["log_base"])
        lhs, rhs = lhs.subs(log_base, b), rhs.subs(log_base, b)
    return certify(lhs, rhs, check.relation, check.domain, integers=check.integers,
                   constraints=check.constraints, options=o, name=check.name)


def certify(lhs, rhs, relation, domain, integers=(), constraints=(), options=None,
            name: str = "") -> dict:
    t0 = time.perf_counter()
    o = {**DEFAULTS, **(options or {})}
    lhs, rhs = sp.sympify(lhs), sp.sympify(rhs)
    f, strict, notes = _reduce(lhs, rhs, relation, o)
    names = list(domain)
    ints = set(integers)
    free = {s.name for s in (lhs.free_symbols | rhs.free_symbols)}
    if free - set(names):
        raise InputError(f"certify {name}: no domain for {sorted(free - set(names))}")
    cons_rel = [sp.sympify(c) for c in constraints]
    finite: dict[str, tuple[Fraction, Fraction]] = {}
    unbounded: dict[str, Fraction] = {}
    for k in names:
        lo_v, hi_v = domain[k]
        try:
            lo = _frac(lo_v)
        except ValueError:
            lo = _enclose(lo_v, up=False)
            cons_rel.append(sp.Symbol(k) >= sp.sympify(lo_v))
        try:
            hi = _frac(hi_v)
        except ValueError:
            hi = _enclose(hi_v, up=True)
            cons_rel.append(sp.Symbol(k) <= sp.sympify(hi_v))
        if k in ints:
            lo = Fraction(math.ceil(lo))
            hi = None if hi is None else Fraction(math.floor(hi))
        if hi is not None and hi < lo:
            raise InputError(f"certify {name}: empty range for {k}: [{lo}, {hi}]")
        if hi is None:
            cut = Fraction((o.get("cut") or {}).get(k, max(2 * abs(lo), Fraction(1024))))
            if k in ints:
                cut = Fraction(math.floor(cut))
            unbounded[k] = max(cut, lo)
            finite[k] = (lo, unbounded[k])
        else:
            finite[k] = (lo, hi)
    if o.get("factor"):
        fr = _factor_certify(f, strict, domain, ints, cons_rel, o, name)
        if fr is not None:
            cert = {"method": "sign of each factor of the reduced form, each certified by the "
                              "arb branch and bound",
                    "reduced_form": f"{sp.sstr(sp.factor(f))} {'>' if strict else '>='} 0",
                    "reductions": notes + ["factorised"], "factors": fr,
                    "domain": {k: [str(a), str(b)] for k, (a, b) in domain.items()},
                    "integers": sorted(ints), "constraints": [str(c) for c in cons_rel],
                    "precision_bits": int(o["prec"]), "certified_region": "whole domain",
                    "boxes": sum(x.get("boxes", 0) for x in fr),
                    "time": round(time.perf_counter() - t0, 3)}
            return {"name": name, "type": "certify", "verdict": "holds", "certificate": cert,
                    "counterexample": None, "points": [],
                    "note": "certified on the whole domain (sign of each factor)"}
    parts = _parts(f, names, finite, unbounded, cons_rel, o)
    result = _run_parts(parts, f, strict, ints, o, None)
    return _finish(result, lhs, rhs, relation, domain, ints, cons_rel, o, notes, name, f, strict,
                   time.perf_counter() - t0)


def _factor_certify(f, strict, domain, ints, cons_rel, o, name) -> list | None:
    """Certify ``f >= 0`` from the signs of the factors of ``factor(f)``; None if undecided.

    A factor's sign comes from (a) an even power, (b) a constraint ``g >= 0`` it is a positive
    multiple of, or (c) the branch and bound on the factor alone (``>= 0`` or ``<= 0``); for a
    factor ``log(g)``, on ``g - 1`` instead (same sign, and finite where ``log g`` is not)."""
    fac = sp.factor(f)
    if not isinstance(fac, sp.Mul):
        return None
    gs = []
    for c in cons_rel:
        g = (c.lhs - c.rhs) if isinstance(c, (sp.GreaterThan, sp.StrictGreaterThan)) else (c.rhs - c.lhs)
        gs.append((g, isinstance(c, (sp.StrictGreaterThan, sp.StrictLessThan)), str(c)))
    signs, neg, all_strict = [], 0, True
    sub_o = {**o, "factor": False}
    for phi in fac.args:
        if phi.is_number:
            if phi == 0:
                return None
            neg += int(bool(phi < 0))
            signs.append({"factor": sp.sstr(phi), "sign": "+" if phi > 0 else "-", "how": "constant"})
            continue
        if isinstance(phi, sp.Pow) and phi.exp.is_Integer and phi.exp % 2 == 0:
            all_strict = False
            signs.append({"factor": sp.sstr(phi), "sign": ">=0", "how": "even power"})
            continue
        found = None
        for g, st, txt in gs:
            try:
                ratio = sp.simplify(phi / g)
            except EVALUATION_ERRORS:  # pragma: no cover
                continue
            if ratio.is_number and ratio != 0:
                found = {"factor": sp.sstr(phi), "sign": (">" if st else ">=") + "0" if ratio > 0
                         else ("<" if st else "<=") + "0", "how": f"multiple of constraint {txt}"}
                neg += int(bool(ratio < 0))
                all_strict &= st
                break
        if found:
            signs.append(found)
            continue
        arg, how = phi, "certified"
        if isinstance(phi, sp.log) and len(phi.args) == 1 and certify(
                0, phi.args[0], "<", domain, ints, cons_rel, sub_o, name + ":log>0")["verdict"] == "holds":
            # g > 0 and log is increasing: sign(log g) = sign(g - 1), finite where log g is not
            arg, how = phi.args[0] - 1, "certified on the argument (g > 0; log g has the sign of g - 1)"
        sign = _factor_sign(arg, domain, ints, cons_rel, sub_o, name + ":factor")
        if sign is None:
            return None
        s_txt, r, where = sign
        neg += int(s_txt == "<=0")
        signs.append({"factor": sp.sstr(phi), "sign": s_txt, "how": how + where,
                      "boxes": r["certificate"].get("boxes", 0)})
        all_strict &= not r["certificate"].get("touches")
    if neg % 2 == 1 or (strict and not all_strict):
        return None
    return signs


def _factor_sign(arg, domain, ints, cons_rel, sub_o, name):
    """``(">=0" | "<=0", result, where)`` for one factor, or None. The sign is first sought on the
    whole box without the constraints (sound: the feasible set is a subset; and cheap when the
    constraints couple variables the factor does not use, e.g. ``1/y``), with a small budget, then
    under the constraints."""
    quick = {**sub_o, "max_boxes": min(int(sub_o["max_boxes"]), 2000),
             "time_limit": min(float(sub_o["time_limit"]), 2.0)}
    attempts = [([], quick, " (on the whole box)"), (cons_rel, sub_o, "")] if cons_rel else \
        [(cons_rel, sub_o, "")]
    for cons, oo, where in attempts:
        r = certify(0, arg, "<=", domain, ints, cons, oo, name)
        if r["verdict"] == "holds":
            return ">=0", r, where
        r = certify(arg, 0, "<=", domain, ints, cons, oo, name)
        if r["verdict"] == "holds":
            return "<=0", r, where
    return None


def _parts(f, names, finite, unbounded, cons_rel, o) -> list[dict]:
    """The finite box and, for each unbounded variable, a compactified tail part."""
    parts = [{"label": "finite part", "expr": f, "names": names, "box": dict(finite),
              "constraints": cons_rel, "map": {}, "open": dict(o.get("open") or {})}]
    for x, X in unbounded.items():
        new = []
        for p in parts:
            new.append(p)
            others = {k: v for k, v in p["box"].items() if k != x}
            F, regular, how = compactify(p["expr"], x, X, others)
            mono = False
            if not regular and not p.get("monotone_tail"):
                D = sp.diff(p["expr"], _sym(p["expr"], x))
                G, dreg, dhow = compactify(D, x, X, others)
                if dreg:
                    F, regular, how, mono = G, True, f"d/d{x} then {dhow}", True
            cons = []
            for c in p["constraints"]:
                xs = _sym(c, x)
                cons.append(c.xreplace({xs: sp.Rational(X.numerator, X.denominator) /
                                        sp.Symbol(tail_name(x), positive=True)}))
            nm = [tail_name(x) if k == x else k for k in p["names"]]
            box = {tail_name(x) if k == x else k: ((Fraction(0), Fraction(1)) if k == x else v)
                   for k, v in p["box"].items()}
            op = {k: v for k, v in p["open"].items() if k != x}
            op[tail_name(x)] = "lo"
            kind = ("monotone: d/d%s >= 0 on the tail, so f >= f(%s = %s) (the finite part)"
                    % (x, x, X)) if mono else "asymptotic: f itself compactified"
            new.append({"label": f"tail {x} >= {X} ({tail_name(x)} = {X}/{x}, {kind}, rewrite: "
                                 f"{how}, regular at infinity: {regular})",
                        "monotone_tail": mono, "strict_ok": not mono,
                        "expr": F, "names": nm, "box": box, "constraints": cons,
                        "map": {**p["map"], tail_name(x): (x, X)}, "open": op,
                        "tail": {"var": x, "cut": str(X), "regular": regular, "rewrite": how,
                                 "argument": kind}})
        parts = new
    return parts


def _run_parts(parts, f, strict, ints, o, factors) -> list[tuple[dict, BBResult]]:
    out = []
    for p in parts:
        fn = Fn(p["expr"], p["names"])
        cons = [constraint_from_relational(c, p["names"]) for c in p["constraints"]]
        box = Box.make(p["box"])
        pints = {k for k in ints if k in p["box"]}
        scale = {k: Fraction(v) for k, v in (o.get("scale") or {}).items() if k in p["box"]}
        r = branch_and_bound(fn, box, ints=pints, strict=strict and not p.get("monotone_tail"),
                             constraints=cons,
                             open_ends=p["open"], min_width=Fraction(o["min_width"]),
                             max_boxes=int(o["max_boxes"]), time_limit=float(o["time_limit"]),
                             max_depth=int(o["max_depth"]), prec=int(o["prec"]), scale=scale or None)
        out.append((p, r))
        if r.counterexample is not None and not p.get("monotone_tail"):
            break
    return out


def _back(p: dict, point: dict) -> dict:
    """Map a point of a (tail) part back to the original variables."""
    out = {}
    for k, v in point.items():
        if k in p["map"]:
            x, X = p["map"][k]
            out[x] = X / v if v != 0 else None
        else:
            out[k] = v
    return out


def _pjson(v):
    if v is None:
        return "oo"
    v = Fraction(v)
    return int(v) if v.denominator == 1 else f"{v.numerator}/{v.denominator}"


def _recheck(lhs, rhs, relation, point: dict, ints) -> dict | None:
    """Re-evaluate both sides at high precision at an exact point; a confirmed counterexample or None."""
    from ticketcheck.arb_eval import evaluate
    from ticketcheck.harness.verdict import compare, to_float
    if any(v is None for v in point.values()):
        return None
    pt = {k: (Fraction(round(v)) if k in ints and Fraction(v).denominator != 1 else Fraction(v))
          for k, v in point.items()}
    lv = evaluate(lhs, pt, target_bits=256)
    rv = evaluate(rhs, pt, target_bits=256)
    ok = compare(lv, rv, relation)
    if ok is None and relation in ("<", ">"):
        diff = sp.simplify((lhs - rhs).xreplace({_sym(lhs - rhs, k): sp.Rational(v.numerator, v.denominator)
                                                 for k, v in pt.items()}))
        if diff == 0:
            ok = False
    if ok is not False:
        return None
    return {"params": {k: _pjson(v) for k, v in pt.items()},
            "lhs": to_float(lv), "rhs": to_float(rv),
            "value": to_float(lv), "bound": to_float(rv),
            "lhs_text": str(lv), "rhs_text": str(rv),
            "note": "re-checked with bounds.arb_eval.evaluate at >= 256 bits"}


def _finish(results, lhs, rhs, relation, domain, ints, cons_rel, o, notes, name, f, strict, secs):
    ce = None
    undecided, certified, boxes, depth = [], 0, 0, 0
    margins, touches, tails, part_info = [], [], [], []
    budget = False
    for p, r in results:
        boxes += r.boxes
        depth = max(depth, r.max_depth)
        certified += len(r.certified)
        budget |= r.budget_hit
        if r.min_margin is not None:
            margins.append(float(r.min_margin.mid()))
        if not p.get("monotone_tail"):  # there the zeros are the derivative's, not f's
            touches += [{k: _pjson(v) for k, v in _back(p, t).items()} for t in r.touches]
        undecided += [(p, b) for b in r.undecided]
        if "tail" in p:
            tails.append(p["tail"])
        part_info.append({"part": p["label"], "boxes": r.boxes, "certified_boxes": len(r.certified),
                          "undecided_boxes": len(r.undecided), "outside_constraints": r.outside,
                          "depth": r.max_depth, "seconds": round(r.seconds, 3), **r.stats})
        if r.counterexample is not None and ce is None and p.get("monotone_tail"):
            undecided.append((p, Box.make({k: (v, v) for k, v in r.counterexample.items()})))
        elif r.counterexample is not None and ce is None:
            ce = _recheck(lhs, rhs, relation, _back(p, r.counterexample), ints)
            if ce is None:
                undecided.append((p, Box.make({k: (v, v) for k, v in r.counterexample.items()})))
    region, eta = _region(undecided, domain)
    if ce is not None:
        verdict = "violated"
        note = f"counterexample at {ce['params']}: lhs={ce['lhs']:.6g}, rhs={ce['rhs']:.6g}"
    elif not undecided:
        verdict = "holds"
        note = "certified on the whole domain" + (f"; touches (lhs = rhs) at {touches[:3]}"
                                                  if touches else "")
    elif certified:
        verdict = "partially_certified"
        note = f"certified: {region}" + ("; budget exhausted" if budget else "")
    else:
        verdict = "inconclusive"
        note = "nothing certified" + ("; budget exhausted" if budget else "")
    cert = {
        "method": "arb ball arithmetic, branch and bound with monotonicity/Taylor reduction",
        "reduced_form": f"{sp.sstr(f)} {'>' if strict else '>='} 0",
        "reductions": notes,
        "domain": {k: [str(a), str(b)] for k, (a, b) in domain.items()},
        "integers": sorted(ints), "constraints": [str(c) for c in cons_rel],
        "open_ends": o.get("open") or {},
        "boxes": boxes, "certified_boxes": certified, "depth": depth,
        "min_margin": min(margins) if margins else None,
        "precision_bits": int(o["prec"]), "max_derivative_order": int(o["max_depth"]),
        "certified_region": "whole domain" if not undecided and ce is None else region,
        "undecided_boxes": [_desc(p, b) for p, b in undecided[:10]],
        "n_undecided": len(undecided), "eta": eta, "touches": touches[:10],
        "tail_argument": tails or None, "parts": part_info,
        "budget": {"max_boxes": int(o["max_boxes"]), "time_limit": float(o["time_limit"]),
                   "exhausted": budget},
        "time": round(secs, 3),
    }
    return {"name": name, "type": "certify", "verdict": verdict, "certificate": cert,
            "counterexample": ce, "note": note, "points": []}


def _desc(p, b: Box) -> dict:
    out = {}
    for k, lo, hi in b.ranges:
        if k in p["map"]:
            x, X = p["map"][k]
            out[x] = [str(X / hi) if hi else "oo", str(X / lo) if lo else "oo"]
        else:
            out[k] = [str(lo), str(hi)]
    return out


def _region(undecided, domain) -> tuple[str, Any]:
    """Text of the certified region, and eta (distance from a domain end of the undecided hull)."""
    if not undecided:
        return "whole domain", None
    hull: dict[str, list] = {}
    for p, b in undecided:
        for k, v in _desc(p, b).items():
            lo = Fraction(v[0]) if v[0] != "oo" else None
            hi = Fraction(v[1]) if v[1] != "oo" else None
            h = hull.setdefault(k, [lo, hi])
            h[0] = lo if (h[0] is None or (lo is not None and lo < h[0])) else h[0]
            h[1] = None if (hi is None or h[1] is None) else max(h[1], hi)
    eta = None
    parts = []
    for k, (lo, hi) in hull.items():
        dlo = _frac(domain[k][0]) if _is_rat(domain[k][0]) else None
        dhi = _frac(domain[k][1]) if _is_rat(domain[k][1]) else None
        if len(hull) == 1 and dlo is not None and lo == dlo and hi is not None:
            eta = float(hi - dlo)
            parts.append(f"{k} in [{dlo} + eta, {domain[k][1]}] with eta = {eta:.3g}")
        elif len(hull) == 1 and hi is None and lo is not None:
            parts.append(f"{k} in [{domain[k][0]}, {lo}] (tail {k} > {float(lo):.4g} undecided)")
        else:
            parts.append(f"{k} in [{_s(lo)}, {_s(hi)}]")
    if len(hull) == 1:
        return parts[0], eta
    return "domain minus the undecided hull " + ", ".join(parts), eta


def _s(v):
    return "oo" if v is None else f"{float(v):.6g}"


def _is_rat(v) -> bool:
    v = sp.sympify(v)
    return bool(v.is_Rational)
