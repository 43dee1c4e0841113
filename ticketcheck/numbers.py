"""Exact and interval comparisons of numbers (the core's arithmetic for verdicts).

Values are ``int``/``Fraction`` (exact), ``flint.arb`` balls or mpmath numbers (rigorous enclosures
of bounds), Monte Carlo estimates (anything with ``interval()`` and ``trials``), or floats. Exact
rationals are compared exactly; everything else as arb balls at a precision high enough to hold the
rationals exactly, so ``1 - 1e-30`` is never rounded to 1 and an overlap is reported as undecided
(None), never guessed.
"""
from __future__ import annotations

from fractions import Fraction

from flint import arb, ctx

from ticketcheck.arb_eval import fraction_to_arb

__all__ = ["as_arb", "is_exact", "is_estimate", "to_float", "compare", "slack", "is_vacuous"]


def as_arb(v) -> arb:
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
        return _compare_balls(as_arb(lhs), as_arb(rhs), relation)
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
            d = as_arb(lhs) - as_arb(rhs)
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
