"""JSON forms of the values that flow through the harness (exact rationals as "p/q" + float)."""
from __future__ import annotations

from fractions import Fraction

from flint import arb, fmpz

from ticketcheck.numbers import is_estimate


def _digits(n: int) -> str:
    """Decimal digits of ``n``; flint converts integers of any size (Python's ``str`` refuses
    more than 4300 digits, which exact probabilities at large t easily have)."""
    return str(n) if n.bit_length() < 10_000 else str(fmpz(n))


def exact_str(q) -> str:
    q = Fraction(q)
    return (f"{_digits(q.numerator)}/{_digits(q.denominator)}" if q.denominator != 1
            else _digits(q.numerator))


def describe(v) -> dict:
    """A JSON-ready description of a value, with a float next to the exact or certified form."""
    if v is None:
        return {"float": None}
    if isinstance(v, bool):
        return {"float": float(v), "exact": str(int(v))}
    if isinstance(v, (int, Fraction)):
        return {"float": float(Fraction(v)), "exact": exact_str(v)}
    if isinstance(v, arb):
        lo, hi = v.mid() - v.rad(), v.mid() + v.rad()
        return {"float": float(v.mid()), "interval": [float(lo), float(hi)], "text": v.str(30)}
    if is_estimate(v):
        return v.to_json()
    try:
        return {"float": float(v)}
    except (TypeError, ValueError):
        return {"float": None, "text": str(v)}


def log10_gap_to_one(v, near: float = 1e-2) -> float | None:
    """``log10(1 - v)`` for an exact rational or an arb ball with ``0 < 1 - v <= near`` (so that a
    probability 1 - 1e-400 can still be drawn against its bound), else None. A ball whose gap is
    not separated from 0 gives None."""
    if isinstance(v, bool) or not isinstance(v, (int, Fraction, arb)):
        return None
    from ticketcheck.arb_eval import fraction_to_arb
    from flint import ctx
    old = ctx.prec
    ctx.prec = max(old, 128)
    try:
        g = fraction_to_arb(1 - Fraction(v)) if not isinstance(v, arb) else (1 - v)
        if not (g > 0) or not (g <= near):
            return None
        return float(g.log() / arb(10).log())
    finally:
        ctx.prec = old


def param_json(v):
    if isinstance(v, Fraction):
        return exact_str(v) if v.denominator != 1 else v.numerator
    if isinstance(v, (int, float, str, bool)) or v is None:
        return v
    return str(v)
