"""Shape of the density of a sum of n Uniform[-1,1]: exact monotonicity certificates (App. C).

With ``y = (x + n) / 2`` the density is ``f(x, n) = g_n(y) / 2`` and, on the piece ``j <= y <= j + 1``
(``x`` in ``[-n + 2j, -n + 2j + 2]``),

    g_n(y) = A_{n,j}(y) / (n-1)!,    A_{n,j}(y) = sum_{i=0}^{j} (-1)^i C(n,i) (y - i)^(n-1),

so ``g_n'(y) = (n-1) B_{n,j}(y) / (n-1)!`` with the integer polynomial
``B_{n,j}(y) = sum_{i<=j} (-1)^i C(n,i) (y - i)^(n-2)`` (n >= 2; for n = 1 the density is constant on
its support). :func:`monotonicity_certificate` certifies, piece by piece and exactly
(:func:`exact.polysign.interval_sign`, Descartes' rule after a Moebius map), that ``B_{n,j} >= 0`` on
the part of the piece with ``x <= 0`` and ``<= 0`` where ``x >= 0``: the statement of App. C that
``f(., n)`` is nondecreasing on ``[-n, 0]`` and nonincreasing on ``[0, n]``. A strict sign (``+1``/
``-1``, not ``0``) on every piece certifies *strict* monotonicity, hence a unique mode at 0
(footnote 6, ``n >= 2``).
"""
from __future__ import annotations

import math
from fractions import Fraction
from functools import lru_cache

from flint import fmpz_poly

from ticketcheck.exact.irwin_hall import validate_n
from ticketcheck.exact.polysign import interval_sign

__all__ = ["derivative_pieces", "monotonicity_certificate"]


@lru_cache(maxsize=64)
def derivative_pieces(n: int) -> tuple[fmpz_poly, ...]:
    """``(B_{n,0}, ..., B_{n,n-1})``: integer polynomials in ``y`` whose sign is the sign of
    ``d f(x, n) / dx`` on the pieces ``y in [j, j + 1]`` (n >= 2)."""
    validate_n(n)
    if n < 2:
        raise ValueError("n = 1: the density is constant on [-1, 1]; no derivative pieces")
    out, acc = [], fmpz_poly([0])
    for i in range(n):
        term = fmpz_poly([-i, 1]) ** (n - 2)
        acc = acc + (term * math.comb(n, i) if i % 2 == 0 else -(term * math.comb(n, i)))
        out.append(acc)
    return tuple(out)


def _to_x(y: Fraction, n: int) -> Fraction:
    return 2 * y - n


@lru_cache(maxsize=256)
def monotonicity_certificate(n: int, max_depth: int = 24) -> dict:
    """Exact certificate that ``f(., n)`` is nondecreasing on ``[-n, 0]`` and nonincreasing on ``[0, n]``.

    Returns ``{"n", "monotone", "strict", "pieces": [...], "failure"}``; each piece record gives the
    ``x``-interval, the required sign (``+1`` left of 0, ``-1`` right of 0), the certified sign of the
    derivative there (``+1``/``-1``/``0``, or ``None`` with the reason) and the Descartes data.
    ``monotone`` is True when every piece has the required sign or 0; ``strict`` when every piece has
    exactly the required nonzero sign (unique mode at 0).
    """
    validate_n(n)
    if n == 1:  # f = 1/2 on [-1, 1]: constant, so both monotone and not strictly
        rec = {"x": ["-1", "1"], "required": "none", "sign": 0, "ok": True,
               "note": "f(x, 1) = 1/2 on [-1, 1]: derivative 0"}
        return {"n": 1, "monotone": True, "strict": False, "pieces": [rec], "failure": None}
    pieces = derivative_pieces(n)
    half = Fraction(n, 2)
    records, failure = [], None
    monotone, strict = True, True
    for j, poly in enumerate(pieces):
        for lo, hi in _split(Fraction(j), Fraction(j + 1), half):
            need = 1 if hi <= half else -1
            cert = interval_sign(poly, lo, hi, max_depth=max_depth)
            ok = cert.sign in (need, 0)
            rec = {"x": [str(_to_x(lo, n)), str(_to_x(hi, n))], "required": need, "sign": cert.sign,
                   "ok": ok, "descartes": cert.to_json()}
            records.append(rec)
            if cert.sign != need:
                strict = False
            if not ok:
                monotone = False
                if failure is None:
                    failure = rec
    return {"n": n, "monotone": monotone, "strict": strict, "pieces": records, "failure": failure}


def _split(lo: Fraction, hi: Fraction, at: Fraction):
    if lo < at < hi:
        return [(lo, at), (at, hi)]
    return [(lo, hi)]
