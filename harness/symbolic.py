"""The symbolic engine (``SymbolicCheck``): identities, limits, substitutions, implications.

``run_symbolic(check, opts)`` returns the same keys as the certifier: ``verdict``, ``certificate``
(what was tried, the simplified difference, the points tested, the replay), ``counterexample``,
``note``, ``points``. Kinds:

* ``identity``: ``lhs == rhs`` (unevaluated ``Integral``/``Sum``/``Derivative`` are evaluated
  first, with ``doit``). sympy proves ``lhs - rhs == 0`` (simplify, expand, expand_log,
  logcombine, powsimp, ``equals``) -> ``holds``. Otherwise the difference is evaluated with arb at
  random rational points of ``options["domain"]`` satisfying ``assumptions``: a point where the
  ball excludes 0 is a counterexample (``violated``); if none is found the verdict is
  ``inconclusive`` (numerically zero at N points is not a proof).
* ``substitution``: ``lhs.subs(subs) == rhs`` (an identity after the substitution).
* ``limit``: ``limit(lhs, var, point, dir) == rhs``.
* ``implication``: ``assumptions`` => ``lhs`` (a relational, or an And of them) on
  ``options["domain"]``: decided by the certification engine (``harness.certify``), with the
  assumptions as constraints.
* ``inequality``: ``lhs REL rhs`` with ``options["relation"]`` on ``options["domain"]`` (certifier).
* ``equivalence``: ``lhs`` and ``rhs`` are relationals; they are equivalent when the differences
  of their sides have a ratio that is a positive function on the domain (sympy, else certified).

Symbols listed in ``options["positive"]`` (or all, with ``True``) are treated as positive reals.
"""
from __future__ import annotations

import random
import time
from fractions import Fraction
from typing import Any

import sympy as sp

from ticketcheck.errors import InputError
from ticketcheck.errors import EVALUATION_ERRORS

_SIMPLIFIERS = [
    ("identically 0", lambda d: d),
    ("simplify", sp.simplify),
    ("expand", sp.expand),
    ("cancel", sp.cancel),
    ("expand_log(force)", lambda d: sp.simplify(sp.expand_log(d, force=True))),
    ("logcombine(force)", lambda d: sp.simplify(sp.logcombine(d, force=True))),
    ("powsimp(force)", lambda d: sp.simplify(sp.powsimp(sp.expand(d), force=True))),
    ("nsimplify", lambda d: sp.simplify(sp.nsimplify(d))),
]


def _positive(expr, opt):
    if not opt:
        return expr, {}
    syms = expr.free_symbols if opt is True else {s for s in expr.free_symbols if s.name in set(opt)}
    rep = {s: sp.Symbol(s.name, positive=True, integer=s.is_integer or None) for s in syms}
    return expr.xreplace(rep), rep


def prove_zero(d) -> tuple[bool, str, str]:
    """(proved, method, simplified text)."""
    last = d
    for name, fun in _SIMPLIFIERS:
        try:
            r = fun(d)
        except EVALUATION_ERRORS:  # pragma: no cover - a simplifier failing is just "not this one"
            continue
        last = r
        if r == 0:
            return True, name, "0"
    try:
        if d.equals(0) is True:
            return True, "equals", "0"
    except EVALUATION_ERRORS:  # pragma: no cover
        pass
    return False, "", sp.sstr(last)[:400]


def _domain(expr, options) -> dict:
    dom = dict(options.get("domain") or {})
    for s in expr.free_symbols:
        if s.name in dom:
            continue
        if s.is_integer:
            dom[s.name] = (1, 20)
        elif s.is_positive or s.is_nonnegative:
            dom[s.name] = (Fraction(1, 10), 10)
        else:
            dom[s.name] = (-10, 10)
    return dom


def _holds_at(rel, point) -> bool | None:
    from ticketcheck.arb_eval import evaluate
    from ticketcheck.harness.verdict import compare
    rel = sp.sympify(rel)
    if rel in (sp.true, True):
        return True
    if isinstance(rel, sp.And):
        vals = [_holds_at(a, point) for a in rel.args]
        return False if False in vals else (None if None in vals else True)
    if not isinstance(rel, sp.core.relational.Relational):
        return None
    try:
        a = evaluate(rel.lhs, point)
        b = evaluate(rel.rhs, point)
    except EVALUATION_ERRORS:
        return None
    return compare(a, b, rel.rel_op)


def numeric_search(d, assumptions, options, n: int = 40) -> tuple[dict | None, int]:
    """Random rational points; returns (counterexample point or None, points tested)."""
    from ticketcheck.arb_eval import evaluate
    from flint import arb
    rng = random.Random(options.get("seed", 20240601))
    dom = _domain(d, options)
    names = sorted({s.name for s in d.free_symbols})
    tested = 0
    for _ in range(n * 5):
        if tested >= n:
            break
        pt = {}
        for k in names:
            lo, hi = (Fraction(sp.Rational(str(v))) if not isinstance(v, Fraction) else v
                      for v in dom[k])
            sym = next(s for s in d.free_symbols if s.name == k)
            if sym.is_integer:
                pt[k] = Fraction(rng.randint(int(lo), int(hi)))
            else:
                pt[k] = lo + (hi - lo) * Fraction(rng.randint(1, 9999), 10000)
        if any(_holds_at(a, pt) is not True for a in assumptions):
            continue
        try:
            v = evaluate(d, pt, target_bits=200)
        except EVALUATION_ERRORS:
            continue
        tested += 1
        if isinstance(v, Fraction):
            if v != 0:
                return {"params": {k: str(x) for k, x in pt.items()}, "difference": float(v),
                        "difference_exact": str(v)}, tested
        elif isinstance(v, arb) and v.is_finite() and not v.contains(0):
            return {"params": {k: str(x) for k, x in pt.items()}, "difference": float(v.mid()),
                    "difference_text": str(v)}, tested
    return None, tested


def _result(verdict, note, cert, ce=None) -> dict:
    return {"type": "symbolic", "verdict": verdict, "note": note, "certificate": cert,
            "counterexample": ce, "points": []}


def _doit(expr):
    """Evaluate unevaluated ``Integral``/``Sum``/``Derivative``/``Subs`` objects, so declarations can
    stay unevaluated (cheap at import) and are integrated only when the check runs."""
    expr = sp.sympify(expr)
    if isinstance(expr, sp.Basic) and expr.has(sp.Integral, sp.Sum, sp.Derivative, sp.Subs):
        return expr.doit()
    return expr


def _identity(lhs, rhs, check, options, cert) -> dict:
    lhs, rep = _positive(_doit(lhs), options.get("positive", True))
    rhs = _doit(rhs).xreplace(rep)
    d = lhs - rhs
    assumptions = [sp.sympify(a).xreplace(rep) for a in check.assumptions]
    # a few random points first: a non-identity (a falsifier's, say) is refuted at once, before
    # the simplifiers (about a second each on the larger expressions) are tried
    ce, tested = numeric_search(d, assumptions, options, n=6)
    ok, how, text = (False, "", sp.sstr(d)[:400]) if ce is not None else prove_zero(d)
    cert.update({"difference": sp.sstr(d)[:400], "simplified": text, "method": how or "none"})
    if ok:
        return _result("holds", f"identity proved by sympy ({how})", cert)
    if ce is None:
        ce, more = numeric_search(d, assumptions, options)
        tested += more
    cert["numeric_points"] = tested
    if ce is not None:
        ce["lhs"] = _num(lhs, ce["params"])
        ce["rhs"] = _num(rhs, ce["params"])
        ce["value"], ce["bound"] = ce["lhs"], ce["rhs"]
        ce["note"] = "lhs - rhs is a ball excluding 0 (>= 200 bits)"
        return _result("violated", f"not an identity: lhs - rhs = {ce['difference']:.6g} at "
                                   f"{ce['params']}", cert, ce)
    return _result("inconclusive", f"sympy could not simplify lhs - rhs to 0; it vanished "
                                   f"numerically at {tested} random points", cert)


def _num(expr, params):
    from ticketcheck.arb_eval import evaluate
    from ticketcheck.harness.verdict import to_float
    try:
        return to_float(evaluate(expr, {k: Fraction(v) for k, v in params.items()}))
    except EVALUATION_ERRORS:
        return None


def run_symbolic(check, opts=None) -> dict:
    t0 = time.perf_counter()
    options = dict(check.options or {})
    cert: dict[str, Any] = {"kind": check.kind, "engine": f"sympy {sp.__version__}"}
    kind = check.kind
    if kind == "identity":
        res = _identity(check.lhs, check.rhs, check, options, cert)
    elif kind == "substitution":
        subs = {sp.sympify(k): sp.sympify(v) for k, v in (check.subs or {}).items()}
        lhs = sp.sympify(check.lhs).subs(subs)
        cert["substituted"] = sp.sstr(lhs)[:400]
        cert["subs"] = {str(k): str(v) for k, v in subs.items()}
        res = _identity(lhs, check.rhs, check, options, cert)
    elif kind == "limit":
        res = _limit(check, options, cert)
    elif kind in ("implication", "inequality"):
        res = _implication(check, options, cert, opts)
    elif kind == "equivalence":
        res = _equivalence(check, options, cert, opts)
    else:
        raise InputError(f"symbolic check {check.name}: unknown kind {kind!r}; use identity, "
                         f"substitution, limit, implication, inequality or equivalence")
    res["certificate"]["time"] = round(time.perf_counter() - t0, 3)
    res["name"] = check.name
    return res


def _limit(check, options, cert) -> dict:
    expr, rep = _positive(sp.sympify(check.lhs), options.get("positive", True))
    var = sp.sympify(check.var)
    var = rep.get(var, var)
    direction = options.get("dir", "+")
    try:
        lim = sp.limit(expr, var, sp.sympify(check.point), dir=direction)
    except EVALUATION_ERRORS as exc:  # pragma: no cover
        cert["error"] = str(exc)
        return _result("inconclusive", f"sympy could not compute the limit ({exc})", cert)
    rhs = sp.sympify(check.rhs).xreplace(rep)
    cert.update({"limit": sp.sstr(lim), "expected": sp.sstr(rhs), "var": str(var),
                 "point": str(check.point), "dir": direction})
    if lim.has(sp.Limit):
        return _result("inconclusive", "sympy returned an unevaluated limit", cert)
    if lim.is_infinite and rhs.is_finite:  # oo - rhs cannot be evaluated at points: decide here
        ce = {"params": {str(var): str(check.point)}, "limit": sp.sstr(lim), "claimed": sp.sstr(rhs),
              "note": f"the limit is {sp.sstr(lim)}, the stated value {sp.sstr(rhs)} is finite"}
        return _result("violated", f"limit is {sp.sstr(lim)}, claimed {sp.sstr(rhs)}", cert, ce)
    ok, how, text = prove_zero(lim - rhs)
    if ok:
        return _result("holds", f"limit {sp.sstr(lim)} equals the stated value ({how})", cert)
    ce, tested = numeric_search(lim - rhs, [], options)
    if ce is not None:
        ce["note"] = f"the limit is {sp.sstr(lim)}, not {sp.sstr(rhs)}"
        return _result("violated", f"limit is {sp.sstr(lim)}, claimed {sp.sstr(rhs)}", cert, ce)
    return _result("inconclusive", f"limit {sp.sstr(lim)}; equality with {sp.sstr(rhs)} not proved",
                   cert)


def _rel_sides(rel):
    rel = sp.sympify(rel)
    if not isinstance(rel, sp.core.relational.Relational):
        raise InputError(f"expected an inequality, got {rel}")
    return rel.lhs, rel.rhs, rel.rel_op


def _implication(check, options, cert, opts) -> dict:
    from ticketcheck.bounds.claim import CertifyCheck
    from ticketcheck.harness.certify import certify_check
    if check.kind == "inequality":
        targets = [(check.lhs, check.rhs, options.get("relation", "<="))]
    else:
        concl = sp.sympify(check.lhs)
        if concl in (sp.true, sp.false):  # sympy decided it from the symbols' assumptions alone
            v = "holds" if concl is sp.true else "violated"
            cert["method"] = "sympy evaluates the conclusion from the symbols' assumptions"
            return _result(v, f"the conclusion simplifies to {concl} from the symbols' assumptions",
                           cert)
        rels = [r for r in (concl.args if isinstance(concl, sp.And) else (concl,)) if r is not sp.true]
        targets = [_rel_sides(r) for r in rels]
    dom = options.get("domain")
    if not dom:
        raise InputError(f"{check.name}: an implication needs options['domain'] (the parameter box)")
    subs = []
    verdicts = []
    ce = None
    copts = {"factor": True, **{k: v for k, v in options.items()
                                if k not in ("domain", "relation", "integers")}}
    for i, (a, b, rel) in enumerate(targets):
        cc = CertifyCheck(f"{check.name}#{i}", a, b, rel, dom, integers=options.get("integers", ()),
                          constraints=list(check.assumptions), options=copts)
        r = certify_check(cc, opts)
        verdicts.append(r["verdict"])
        subs.append({"conclusion": f"{sp.sstr(a)} {rel} {sp.sstr(b)}", "verdict": r["verdict"],
                     "certificate": r["certificate"], "note": r.get("note")})
        ce = ce or r.get("counterexample")
    cert["method"] = "conclusion certified under the assumptions by harness.certify"
    cert["assumptions"] = [str(a) for a in check.assumptions]
    cert["conclusions"] = subs
    from ticketcheck.harness.verdict import aggregate
    v = aggregate(verdicts)
    return _result(v, "; ".join(f"{s['conclusion']}: {s['verdict']}" for s in subs)[:300], cert, ce)


def _equivalence(check, options, cert, opts) -> dict:
    from ticketcheck.bounds.claim import CertifyCheck
    from ticketcheck.harness.certify import certify_check
    a1, b1, r1 = _rel_sides(check.lhs)
    a2, b2, r2 = _rel_sides(check.rhs)
    d1 = (a1 - b1) if r1 in (">=", ">") else (b1 - a1)
    d2 = (a2 - b2) if r2 in (">=", ">") else (b2 - a2)
    ratio = sp.simplify(d1 / d2)
    cert.update({"g1": sp.sstr(d1), "g2": sp.sstr(d2), "ratio": sp.sstr(ratio),
                 "method": "g1 = ratio * g2 with ratio > 0 on the domain, and same strictness"})
    same_strict = (r1 in (">", "<")) == (r2 in (">", "<"))
    pos, rep = _positive(ratio, options.get("positive", True))
    if pos.is_positive and same_strict:
        return _result("holds", f"equivalent: ({sp.sstr(d1)}) = ({sp.sstr(ratio)}) * "
                                f"({sp.sstr(d2)}) with a positive factor", cert)
    dom = options.get("domain")
    if dom and same_strict:
        cc = CertifyCheck(check.name + ":ratio", 0, ratio, "<", dom,
                          constraints=list(check.assumptions),
                          options={k: v for k, v in options.items() if k != "domain"})
        r = certify_check(cc, opts)
        cert["ratio_certificate"] = r["certificate"]
        if r["verdict"] == "holds":
            return _result("holds", "equivalent: positive ratio certified on the domain", cert)
    # look for a point where exactly one of the two holds
    for _ in range(1):
        rng = random.Random(options.get("seed", 7))
        dom2 = _domain(d1 + d2, {"domain": dom or {}})
        names = sorted({s.name for s in (d1 + d2).free_symbols})
        for _ in range(400):
            pt = {}
            for k in names:
                lo, hi = (Fraction(sp.Rational(str(v))) for v in dom2[k])
                sym = next(s for s in (d1 + d2).free_symbols if s.name == k)
                pt[k] = (Fraction(rng.randint(int(lo), int(hi))) if sym.is_integer
                         else lo + (hi - lo) * Fraction(rng.randint(0, 10000), 10000))
            if any(_holds_at(a, pt) is not True for a in check.assumptions):
                continue
            h1, h2 = _holds_at(check.lhs, pt), _holds_at(check.rhs, pt)
            if h1 is not None and h2 is not None and h1 != h2:
                ce = {"params": {k: str(v) for k, v in pt.items()}, "first": h1, "second": h2,
                      "note": "exactly one of the two statements holds here"}
                return _result("violated", f"not equivalent: at {ce['params']} the first is {h1}, "
                                           f"the second {h2}", cert, ce)
    return _result("inconclusive", "equivalence neither proved nor refuted", cert)
