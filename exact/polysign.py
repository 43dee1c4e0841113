"""Exact sign certificates for polynomials with rational coefficients on an interval.

``interval_sign(p, a, b)`` decides the sign of ``p`` on the open interval ``(a, b)`` without floating
point: Descartes' rule of signs after the Moebius map ``x = a + (b - a) / (1 + t)``, which sends
``t in (0, oo)`` onto ``x in (a, b)``. With ``d = deg p`` and ``q(u) = p(a + (b - a) u)``, the
polynomial ``r(t) = (1 + t)^d q(1 / (1 + t))`` has as many positive roots as ``p`` has in ``(a, b)``;
the number ``V`` of sign changes of its coefficients bounds that count from above and has its parity.

* ``V = 0``: no root in ``(a, b)``; the sign there is the sign of ``p`` at the midpoint;
* ``V = 1``: exactly one (simple) root, so ``p`` changes sign in ``(a, b)``;
* otherwise the interval is bisected (Vincent-Collins-Akritas), up to ``max_depth`` levels. A split
  point where ``p`` vanishes is recorded in ``zeros``: a sign certificate then means "this sign on
  ``(a, b)`` except at those isolated points", which is what monotonicity needs.

Roots at the end points ``a`` or ``b`` are allowed (they map to ``t = oo`` and ``t = 0``): the sign on
the open interval is still certified. Everything is exact (``flint.fmpq_poly``, ``Fraction``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from flint import fmpq, fmpq_poly, fmpz_poly

__all__ = ["sign_variations", "descartes_bound", "interval_sign", "SignCertificate"]


def _q(x) -> fmpq:
    x = Fraction(x)
    return fmpq(x.numerator, x.denominator)


def _poly(p) -> fmpq_poly:
    if isinstance(p, fmpq_poly):
        return p
    if isinstance(p, fmpz_poly):
        return fmpq_poly(p)
    return fmpq_poly([_q(c) for c in p])


def sign_variations(coeffs) -> int:
    """Number of sign changes in a coefficient sequence, zeros skipped."""
    v, last = 0, 0
    for c in coeffs:
        s = (c > 0) - (c < 0)
        if s == 0:
            continue
        if last and s != last:
            v += 1
        last = s
    return v


def descartes_bound(p, a, b) -> int:
    """Sign variations of ``(1 + t)^d p(a + (b - a) / (1 + t))``: an upper bound on the number of
    roots of ``p`` in the open interval ``(a, b)`` (counted with multiplicity), of the same parity."""
    p = _poly(p)
    a, b = Fraction(a), Fraction(b)
    q = p(fmpq_poly([_q(a), _q(b - a)]))
    d = q.degree()
    if d <= 0:
        return 0
    coeffs = q.coeffs()  # low -> high, length d + 1
    rev = fmpq_poly(list(reversed(coeffs)))
    r = rev(fmpq_poly([1, 1]))
    return sign_variations(r.coeffs())


def _sign_at(p: fmpq_poly, x: Fraction) -> int:
    v = p(_q(x))
    return (v > 0) - (v < 0)


@dataclass
class SignCertificate:
    """Outcome of :func:`interval_sign`: ``sign`` is +1/-1 (that sign on the open interval, except at
    the isolated ``zeros``), 0 (``p`` is the zero polynomial), or ``None``: ``sign_change`` holds an
    interval in which ``p`` has exactly one simple root (a refutation), or ``undecided``."""

    sign: int | None
    interval: tuple[Fraction, Fraction]
    leaves: list = field(default_factory=list)   # (a, b, variations, sign) per decided subinterval
    sign_change: tuple[Fraction, Fraction] | None = None  # exactly one simple root inside
    zeros: list = field(default_factory=list)  # split points where p = 0
    undecided: bool = False

    def to_json(self) -> dict:
        return {"sign": self.sign, "interval": [str(self.interval[0]), str(self.interval[1])],
                "subintervals": len(self.leaves), "max_variations": max((l[2] for l in self.leaves),
                                                                       default=0),
                "sign_change_in": [str(x) for x in self.sign_change] if self.sign_change else None,
                "zeros": [str(z) for z in self.zeros], "undecided": self.undecided}


def interval_sign(p, a, b, max_depth: int = 24) -> SignCertificate:
    """Certified sign of ``p`` on the open interval ``(a, b)`` (see the module doc)."""
    p = _poly(p)
    a, b = Fraction(a), Fraction(b)
    if not a < b:
        raise ValueError(f"need a < b, got ({a}, {b})")
    cert = SignCertificate(None, (a, b))
    if p.is_zero():
        cert.sign = 0
        return cert
    stack = [(a, b, 0)]
    signs = set()
    while stack:
        lo, hi, depth = stack.pop()
        v = descartes_bound(p, lo, hi)
        if v == 0:
            s = _sign_at(p, (lo + hi) / 2)
            cert.leaves.append((lo, hi, 0, s))
            signs.add(s)
            continue
        if v == 1:
            cert.sign_change = (lo, hi)
            return cert
        if depth >= max_depth:
            cert.undecided = True
            return cert
        mid = (lo + hi) / 2
        if _sign_at(p, mid) == 0:
            cert.zeros.append(mid)
        stack.append((mid, hi, depth + 1))
        stack.append((lo, mid, depth + 1))
    if len(signs) == 1:
        cert.sign = signs.pop()
    else:  # subintervals of opposite signs: p changes sign at a recorded zero
        cert.sign_change = (a, b)
    return cert
