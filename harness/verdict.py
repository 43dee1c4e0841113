"""Verdict semantics of design.md, decided from computed numbers only.

Point verdicts: ``holds``, ``violated``, ``vacuous``, ``inconclusive``, ``out_of_scope``. A claim's
verdict aggregates its points; certificates add ``certified``-style verdicts (``holds`` with a
certificate, ``partially_certified``), and claims without checks are ``recorded`` (REC).

Monte Carlo: ``holds`` needs the whole Clopper-Pearson interval on the right side; ``violated`` needs
the whole interval on the wrong side *and* rejection by Holm's step-down procedure over all Monte
Carlo points of the check (exact binomial p-values), so the family-wise error is at most alpha.
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from flint import arb, ctx

from ticketcheck.arb_eval import fraction_to_arb

VERDICTS = ("violated", "inconclusive", "partially_certified", "vacuous", "holds", "measured",
            "out_of_scope", "recorded")
ALPHA = 0.01


def _to_arb(v) -> arb:
    if isinstance(v, arb):
        return v
    if isinstance(v, (int, Fraction)):
        return fraction_to_arb(Fraction(v))
    if isinstance(v, float):
        return arb(v)
    import mpmath
    if isinstance(v, mpmath.mpf):
        return arb(mpmath.nstr(v, 60))
    if hasattr(v, "p") and hasattr(v, "q"):  # sympy Rational
        return fraction_to_arb(Fraction(int(v.p), int(v.q)))
    return arb(float(v))


def is_exact(v) -> bool:
    return isinstance(v, (int, Fraction)) and not isinstance(v, bool)


def is_estimate(v) -> bool:
    return hasattr(v, "interval") and hasattr(v, "trials")


def to_float(v) -> float:
    if v is None:
        return float("nan")
    if is_estimate(v):
        return float(v.value)
    if isinstance(v, arb):
        return float(v.mid())
    return float(v)


def _bits(v) -> int:
    if isinstance(v, (int, Fraction)):
        q = Fraction(v)
        return q.numerator.bit_length() + q.denominator.bit_length()
    return 0


def compare(lhs, rhs, relation: str) -> bool | None:
    """True/False when ``lhs relation rhs`` is decided, None when the balls overlap.

    Exact rationals are compared exactly; otherwise both sides become arb balls at a precision
    high enough to hold the rationals exactly (so 1 - 1e-30 is never rounded to 1).
    """
    if is_exact(lhs) and is_exact(rhs):
        a, b = Fraction(lhs), Fraction(rhs)
        return {">=": a >= b, ">": a > b, "<=": a <= b, "<": a < b, "==": a == b}[relation]
    old = ctx.prec
    ctx.prec = max(old, 256, _bits(lhs) + 64, _bits(rhs) + 64)
    try:
        return _compare_balls(_to_arb(lhs), _to_arb(rhs), relation)
    finally:
        ctx.prec = old


def _compare_balls(a: arb, b: arb, relation: str) -> bool | None:
    if relation in (">=", ">"):
        if a > b:
            return True
        if a < b:
            return False
        if relation == ">=" and a >= b:
            return True
        return None
    if relation in ("<=", "<"):
        if a < b:
            return True
        if a > b:
            return False
        if relation == "<=" and a <= b:
            return True
        return None
    if relation == "==":
        if a.overlaps(b):
            return True if (a.rad() == 0 and b.rad() == 0) else None
        return False
    raise ValueError(relation)


def slack(lhs, rhs, relation: str):
    """Signed margin, positive when the claim holds: lhs - rhs for >=, rhs - lhs for <=."""
    if is_estimate(lhs):
        lhs = lhs.value
    if is_exact(lhs) and is_exact(rhs):
        d = Fraction(lhs) - Fraction(rhs)
    else:  # at the precision compare() uses: 1 - 2.7e-20 vs 1 - 1.7e-19 must not round to 1
        old = ctx.prec
        ctx.prec = max(old, 256, _bits(lhs) + 64, _bits(rhs) + 64)
        try:
            d = _to_arb(lhs) - _to_arb(rhs)
        finally:
            ctx.prec = old
    if relation in ("<=", "<"):
        d = -d
    elif relation == "==":
        d = -abs(d)
    elif relation == "report":
        raise ValueError("a reported comparison has no slack")
    return d


def is_vacuous(rhs, relation: str, kind: str) -> bool:
    """A probability lower bound <= 0 or upper bound >= 1 says nothing."""
    if kind != "probability" or rhs is None:
        return False
    if relation in (">=", ">"):
        return compare(rhs, 0, "<=") is True
    if relation in ("<=", "<"):
        return compare(rhs, 1, ">=") is True
    return False


@dataclass
class PointDecision:
    verdict: str
    note: str = ""
    pvalue: float | None = None


def decide_point(lhs, rhs, relation: str, kind: str) -> PointDecision:
    """Verdict of one comparison, before the multiplicity correction (see :func:`holm`)."""
    if relation == "report":
        return PointDecision("measured", "numbers reported, not judged (qualitative statement)")
    if is_vacuous(rhs, relation, kind):
        return PointDecision("vacuous", "the bound is trivially true here")
    if lhs is None:
        return PointDecision("inconclusive", "no value could be computed at this point")
    if is_estimate(lhs):
        lo, hi = lhs.interval()
        ok_lo = compare(lo, rhs, relation)
        ok_hi = compare(hi, rhs, relation)
        if relation in (">=", ">"):
            if ok_lo is True:
                return PointDecision("holds")
            if ok_hi is False:
                return PointDecision("violated?", "whole interval below the bound",
                                     lhs.pvalue(to_float(rhs), relation))
        elif relation in ("<=", "<"):
            if ok_hi is True:
                return PointDecision("holds")
            if ok_lo is False:
                return PointDecision("violated?", "whole interval above the bound",
                                     lhs.pvalue(to_float(rhs), relation))
        need = lhs.trials_to_decide(to_float(rhs))
        more = f"about {need} trials would decide it" if need else "estimate equals the bound"
        return PointDecision("inconclusive", f"interval straddles the bound; {more}")
    ok = compare(lhs, rhs, relation)
    if ok is True:
        return PointDecision("holds")
    if ok is False:
        return PointDecision("violated")
    return PointDecision("inconclusive", "tie at the working precision (balls overlap)")


def holm(decisions: list[PointDecision], n_tests: int, alpha: float = ALPHA) -> None:
    """Holm step-down over the Monte Carlo points; turns ``violated?`` into a final verdict in place."""
    cands = sorted((d for d in decisions if d.verdict == "violated?"), key=lambda d: d.pvalue)
    m = max(n_tests, len(cands))
    rejecting = True
    for i, d in enumerate(cands):
        level = alpha / (m - i)
        if rejecting and d.pvalue <= level:
            d.verdict = "violated"
            d.note += f"; Holm-rejected (p={d.pvalue:.3g} <= {level:.3g}, {m} Monte Carlo points)"
        else:
            rejecting = False
            d.verdict = "inconclusive"
            d.note += (f"; not significant after Holm correction over {m} points "
                       f"(p={d.pvalue:.3g}); more trials would decide it")


def aggregate(verdicts: list[str]) -> str:
    """Claim verdict from point verdicts (most severe first)."""
    s = set(verdicts)
    if not s:
        return "recorded"
    for v in ("violated", "inconclusive", "partially_certified"):
        if v in s:
            return v
    in_scope = s - {"out_of_scope"}
    if not in_scope:
        return "out_of_scope"
    judged = in_scope - {"measured"}
    if not judged:
        return "measured"
    if judged == {"vacuous"}:
        return "vacuous"
    return "holds"
