"""Exact single-target probability of the RSSP with zero-excluded samples (Kumar & Natale; npp.md).

Model.  X_1..X_n i.i.d. uniform on {-M, ..., -1, 1, ..., M} (2M values, **0 excluded**; the
`unified` model ``rssp.single_target`` draws from {-M..M} with 0 included); integer target z;
subsets of any size, the empty one included; success iff some S has |sum_S X - z| <= Delta.

Two independent computations (tests and ``kumar_natale.lemma2`` compare them):

* :func:`rssp_nonzero_single_target` -- DP over reachable sums: the multisets of the 2M values are
  enumerated with multinomial weights (:mod:`exact.multiset_fold`), the state being the bitset of
  subset sums (``R | R << x``, offset nM);
* :func:`rssp_nonzero_single_target_via_npp` -- through Kumar & Natale's Lemma 2: write X_i =
  e_i Y_i with Y_i = |X_i| uniform on {1..M} and signs e_i uniform, independent.  The signed sums
  of X are those of Y, and Lambda = sum X_i = e.Y is, given Y, distributed as N_Y(s) / 2^n
  (N_Y(s) = #{sigma : sigma.Y = s}).  By the lemma, some S has sum_S X = t iff Lambda - 2t is a
  signed sum of Y, so P(success) = E_Y[ 2^-n sum_s N_Y(s) 1{exists |t - z| <= Delta : s - 2t is a
  signed sum of Y} ], computed from the NPP generating polynomials of :mod:`exact.npp`.
"""
from __future__ import annotations

from fractions import Fraction

from ticketcheck.errors import InputError, TooLargeError, require_int
from ticketcheck.exact import npp
from ticketcheck.exact.multiset_fold import fold, nodes

__all__ = ["rssp_nonzero_single_target", "rssp_nonzero_single_target_via_npp", "validate", "cost"]


def _params(M, n, delta, z) -> tuple[int, int, int, int]:
    M = require_int("M", M, 1, hint="samples uniform on {-M..-1, 1..M}")
    n = require_int("n", n, 0, hint="number of samples")
    delta = require_int("delta", delta, 0, hint="tolerance |sum_S X - z| <= delta")
    z = require_int("z", z, hint="integer target")
    return M, n, delta, z


def cost(M, n, delta=0, z=0, **_ignored) -> float:
    """Estimated seconds of the DP (``C(n + 2M, n)`` nodes; :data:`exact.npp.SEC_PER_NODE`)."""
    try:
        M, n, delta, z = _params(M, n, delta, z)
    except InputError:
        return 0.0
    return nodes(2 * M, n) * (npp.SEC_PER_NODE + npp.SEC_PER_NODE_BIT * (2 * n * M + 1))


def validate(M, n, delta, z, *, check_size: bool = False) -> None:
    M, n, delta, z = _params(M, n, delta, z)
    if check_size and cost(M, n, delta, z) > npp.MAX_SECONDS:
        raise TooLargeError(f"exact zero-excluded RSSP enumeration for M = {M}, n = {n} would take "
                            f"~{cost(M, n, delta, z):.3g} s; use Monte Carlo "
                            f"(montecarlo.rssp_nonzero) or smaller n, M")


def _window_bits(q: int, lo: int, hi: int) -> int:
    """Bits ``lo..hi`` (inclusive, clipped at 0) of ``q``."""
    lo = max(lo, 0)
    if hi < lo:
        return 0
    return (q >> lo) & ((1 << (hi - lo + 1)) - 1)


def rssp_nonzero_single_target(M, n, delta, z) -> Fraction:
    """P(exists S subset [n]: |sum_S X - z| <= Delta), X_i uniform on {-M..-1, 1..M}."""
    validate(M, n, delta, z, check_size=True)
    M, n, delta, z = _params(M, n, delta, z)
    off = n * M

    def step(r, x):
        return r | (r << x) if x > 0 else r | (r >> -x)

    def stat(r, _total):
        return _window_bits(r, off + z - delta, off + z + delta) != 0

    values = [v for v in range(-M, M + 1) if v != 0]
    table = fold(values, n, 1 << off, step, stat)
    return Fraction(table.get(True, 0), (2 * M) ** n)


def rssp_nonzero_single_target_via_npp(M, n, delta, z, factor=2) -> Fraction:
    """The same probability through Lemma 2 and the NPP count polynomials (module doc).
    ``factor`` is the 2 of Lemma 2's |Lambda - 2t| (a claim's falsifier changes it)."""
    validate(M, n, delta, z, check_size=True)
    M, n, delta, z = _params(M, n, delta, z)
    if n == 0:
        return Fraction(int(abs(z) <= delta))
    off = n * M

    def stat(q, _lam):
        coeff = [npp.coefficient(q, s, n, M) for s in range(-off, off + 1)]
        support = 0
        for i, c in enumerate(coeff):
            if c:
                support |= 1 << i
        good = 0
        for i, c in enumerate(coeff):   # Lambda = s = i - off, with weight N(s)
            if c and any(_window_bits(support, j, j) for j in
                         (i - factor * t for t in range(z - delta, z + delta + 1)) if j >= 0):
                good += c               # some t in [z - Delta, z + Delta]: s - 2t a signed sum
        return good

    table = npp.signed_sum_polynomials(M, n, stat, counts=True)
    return Fraction(sum(g * w for g, w in table.items()), M ** n * 2 ** n)
