"""Exact laws of the number partitioning problem (NPP) with random integer weights (npp.md, "Models").

Model.  X_1..X_n i.i.d. uniform on {1, ..., M}; a partition is a sign vector sigma in {-1,+1}^n, its
discrepancy is |sigma.X|; Lambda = sum_i X_i.  Every signed sum has the parity of Lambda
(Lambda - sigma.X = 2 sum_{sigma_i = -1} X_i), so a *perfect partition* is one with discrepancy 0
when Lambda is even and 1 when Lambda is odd.

Counting convention (``pairs``).  Z_{n,z} = number of sign vectors with |sigma.X| = z.

* ``pairs="distinct"``: sigma and -sigma are counted separately (all 2^n sign vectors);
* ``pairs="identified"``: sigma and -sigma are one partition (the two sides of the split), i.e.
  Z counts the 2^(n-1) vectors with sigma_1 = +1.  This is the convention of Borgs, Chayes & Pittel
  (npp.md, ``kumar_natale.cite_bcp``) and the default.

For n >= 1 sigma != -sigma and |sigma.X| = |(-sigma).X|, so distinct = 2 * identified for every z.
With N(s) = #{sigma : sigma.X = s}: distinct Z_{n,z} = N(z) + N(-z) for z > 0 and N(0) for z = 0.

Conditioning (``parity``): ``"even"``/``"odd"`` condition on the parity of Lambda (an error when
that parity has probability 0, e.g. M = 1 and n even for "odd"), ``"any"`` does not condition.

Methods (every value a ``Fraction``):

* laws and probabilities (:func:`npp_count_law`, :func:`npp_solvable`,
  :func:`npp_perfect_probability`): the signed sums of X depend only on the multiset of X, so the
  multisets are enumerated with multinomial weights (:mod:`exact.multiset_fold`), the state being
  the generating polynomial prod_i (y^{X_i} + y^{-X_i}) = sum_s N(s) y^s held as one Python int
  (Kronecker substitution: coefficient of y^s in bits [b(s + nM), b(s + nM + 1)), b = n + 1 >
  log2 N(s)), or only its support (b = 1, OR instead of +) when existence is all that is asked;
  ``C(n + M, n)`` nodes, see :func:`cost`;
* first moments (:func:`npp_expected_count`, :func:`npp_expected_perfect`): by linearity
  E[N(s)] = sum_k C(n, k) #{Y in {1..M}^n : sum Y = s + k(M+1)} / M^n (a sign vector with k minus
  signs: sigma.X = s iff sum_{+} X_i + sum_{-} (M+1-X_i) = s + k(M+1), and M+1-X is again uniform
  on {1..M}), the compositions counted by inclusion-exclusion; O(n^2) binomials, any M.  Since
  sigma.X has the parity of Lambda, E[Z_{n,z} 1{Lambda = p mod 2}] is E[Z_{n,z}] when z = p mod 2
  and 0 otherwise, hence E[#perfect | even] = E[Z_{n,0}] / P(even), E[#perfect | odd] =
  E[Z_{n,1}] / P(odd), E[#perfect] = E[Z_{n,0}] + E[Z_{n,1}].

Brute force over all M^n instances and 2^n sign vectors: :mod:`exact.npp_brute` (tests).
"""
from __future__ import annotations

import math
from fractions import Fraction
from functools import lru_cache

from ticketcheck.errors import InputError, TooLargeError, require_int
from ticketcheck.exact.multiset_fold import fold, nodes

__all__ = [
    "PAIRS", "PARITIES", "MAX_SECONDS",
    "npp_count_law", "npp_solvable", "npp_perfect_probability", "npp_parity_probability",
    "npp_expected_count", "npp_expected_perfect", "signed_sum_count", "compositions",
    "validate", "cost", "expected_cost", "signed_sum_polynomials",
]

PAIRS = ("identified", "distinct")
PARITIES = ("any", "even", "odd")
MAX_SECONDS = 600.0          # the DP refuses (TooLargeError) what it estimates above this
SEC_PER_NODE = 4.0e-7        # measured 0.26-0.42 us per node (M <= 64, n <= 8), load dependent
SEC_PER_NODE_BIT = 4.0e-11   # growth with the length of the polynomial (big-int shifts)


# ----------------------------------------------------------------------------------- validation

def _parity(parity) -> str:
    if parity not in PARITIES:
        raise InputError(f"parity must be one of {', '.join(PARITIES)} (condition on the parity of "
                         f"Lambda = sum X_i), got {parity!r}")
    return parity


def _pairs(pairs) -> str:
    if pairs not in PAIRS:
        raise InputError(f"pairs must be 'identified' (sigma and -sigma one partition) or "
                         f"'distinct' (counted twice), got {pairs!r}")
    return pairs


def _Mn(M, n) -> tuple[int, int]:
    M = require_int("M", M, 1, hint="weights uniform on {1..M}")
    n = require_int("n", n, 1, hint="number of weights")
    return M, n


def validate(M, n, z=None, k=None, pairs="identified", parity="any", *, check_size: bool = False,
             counts: bool = False) -> None:
    """One-line :class:`InputError` for bad parameters; with ``check_size`` a
    :class:`TooLargeError` carrying the estimate when the DP would take over ``MAX_SECONDS``."""
    M, n = _Mn(M, n)
    if z is not None:
        require_int("z", z, 0, hint="target discrepancy |sigma.X| = z")
    if k is not None:
        require_int("k", k, 0, hint="value of the count Z_{n,z}")
    _pairs(pairs)
    _parity(parity)
    if parity != "any" and npp_parity_probability(M, n, parity) == 0:
        raise InputError(f"Lambda = sum X_i is never {parity} for M = {M}, n = {n} (all X_i = 1); "
                         f"use parity='any' or another n")
    if check_size:
        sec = cost(M, n, counts=counts)
        if sec > MAX_SECONDS:
            raise TooLargeError(f"exact NPP enumeration for M = {M}, n = {n} would take ~{sec:.3g} s "
                                f"({nodes(M, n):.3g} multisets); use Monte Carlo (montecarlo.npp) "
                                f"or smaller n, M")


def cost(M, n, *, counts: bool = True, **_ignored) -> float:
    """Estimated seconds of the multiset DP (0 for bad input: :func:`validate` reports it)."""
    try:
        M, n = _Mn(M, n)
    except InputError:
        return 0.0
    bits = (n + 1 if counts else 1) * (2 * n * M + 1)
    return nodes(M, n) * (SEC_PER_NODE + SEC_PER_NODE_BIT * bits)


def expected_cost(M, n, **_ignored) -> float:
    """Estimated seconds of the inclusion-exclusion first moment: about n^2/2 binomials
    C(~nM, n-1), each n products of numbers of n log2(nM) bits (measured: n = 128, M = 2^115:
    0.9-2.0 s; n = 200, M = 2^20: 0.6 s; load dependent)."""
    try:
        M, n = _Mn(M, n)
    except InputError:
        return 0.0
    return 1e-4 + 2e-7 * n ** 2 + 6e-11 * n ** 4 * (math.log2(M) + 6)


# ----------------------------------------------------------------------------------- the DP

def signed_sum_polynomials(M: int, n: int, stat, counts: bool = True) -> dict:
    """``{stat(poly, Lambda): number of instances in {1..M}^n}`` where ``poly`` is the Kronecker
    int of sum_s N(s) y^(s + nM) (``counts``; b = n + 1 bits per coefficient) or of its support
    (b = 1), and Lambda = sum X_i.  Decode with :func:`coefficient`."""
    b = n + 1 if counts else 1
    off = n * M
    if counts:
        def step(q, x):
            s = b * x
            return (q << s) + (q >> s)
    else:
        def step(q, x):
            return (q << x) | (q >> x)
    return fold(range(1, M + 1), n, 1 << (b * off), step, stat)


def coefficient(q: int, s: int, n: int, M: int, counts: bool = True) -> int:
    """N(s) (``counts``) or 1{N(s) > 0} from a polynomial int of :func:`signed_sum_polynomials`."""
    b = n + 1 if counts else 1
    e = s + n * M
    if e < 0 or e > 2 * n * M:
        return 0
    return (q >> (b * e)) & ((1 << b) - 1)


@lru_cache(maxsize=256)
def _count_table(M: int, n: int, z: int) -> dict:
    """{(Lambda mod 2, distinct Z_{n,z}): instances}."""
    def stat(q, lam):
        zd = coefficient(q, z, n, M) + (coefficient(q, -z, n, M) if z > 0 else 0)
        return lam & 1, zd
    return signed_sum_polynomials(M, n, stat, counts=True)


@lru_cache(maxsize=256)
def _exists_table(M: int, n: int, z: int | None) -> dict:
    """{(Lambda mod 2, some sigma has sigma.X = target): instances}; target z, or Lambda mod 2 when
    z is None (a perfect partition; sigma.X = 1 iff (-sigma).X = -1, so one side suffices)."""
    def stat(q, lam):
        t = (lam & 1) if z is None else z
        return lam & 1, coefficient(q, t, n, M, counts=False)
    return signed_sum_polynomials(M, n, stat, counts=False)


def _conditional(table: dict, parity: str, event) -> Fraction:
    keep = [(key, c) for key, c in table.items() if parity == "any" or key[0] == (parity == "odd")]
    den = sum(c for _, c in keep)
    return Fraction(sum(c for key, c in keep if event(key)), den)


# ----------------------------------------------------------------------------------- public laws

def npp_count_law(M, n, z, pairs="identified", parity="any") -> dict[int, Fraction]:
    """Law of Z_{n,z} = #{sigma : |sigma.X| = z} given the parity of Lambda: {value: probability}
    (values with probability 0 omitted); ``pairs`` as in the module doc."""
    validate(M, n, z, None, pairs, parity, check_size=True, counts=True)
    M, n, z = int(M), int(n), int(z)
    table = _count_table(M, n, z)
    div = 2 if pairs == "identified" else 1
    law: dict[int, int] = {}
    for (par, zd), c in table.items():
        if parity == "any" or par == (parity == "odd"):
            law[zd // div] = law.get(zd // div, 0) + c
    den = sum(law.values())
    return {v: Fraction(c, den) for v, c in sorted(law.items())}


def npp_solvable(M, n, z, parity="any") -> Fraction:
    """P(some sigma has |sigma.X| = z | parity of Lambda)."""
    validate(M, n, z, None, "identified", parity, check_size=True, counts=False)
    return _conditional(_exists_table(int(M), int(n), int(z)), parity, lambda key: key[1] == 1)


def npp_perfect_probability(M, n, parity="any") -> Fraction:
    """P(a perfect partition exists | parity of Lambda): discrepancy 0 for even Lambda, 1 for odd."""
    validate(M, n, None, None, "identified", parity, check_size=True, counts=False)
    return _conditional(_exists_table(int(M), int(n), None), parity, lambda key: key[1] == 1)


def npp_parity_probability(M, n, parity) -> Fraction:
    """P(Lambda even) = (1 + (E(-1)^X)^n) / 2 with E(-1)^X = -(M mod 2)/M; P(odd) = 1 - that."""
    M, n = _Mn(M, n)
    parity = _parity(parity)
    if parity == "any":
        return Fraction(1)
    even = (1 + Fraction(-(M % 2), M) ** n) / 2
    return even if parity == "even" else 1 - even


# ----------------------------------------------------------------------------------- first moments

def compositions(n: int, M: int, s: int) -> int:
    """#{Y in {1..M}^n : sum Y = s} = sum_j (-1)^j C(n, j) C(s - jM - 1, n - 1) (inclusion-exclusion
    over the coordinates that exceed M)."""
    if s < n or s > n * M:
        return 0
    total = 0
    for j in range(min(n, (s - n) // M) + 1):
        term = math.comb(n, j) * math.comb(s - j * M - 1, n - 1)
        total += -term if j % 2 else term
    return total


def signed_sum_count(M: int, n: int, s: int) -> int:
    """#{(sigma, X) in {-1,1}^n x {1..M}^n : sigma.X = s} = sum_k C(n, k) compositions(s + k(M+1))."""
    return sum(math.comb(n, k) * compositions(n, M, s + k * (M + 1)) for k in range(n + 1))


def npp_expected_count(M, n, z, pairs="identified", parity="any") -> Fraction:
    """E[Z_{n,z} | parity of Lambda] (module doc: zero unless z has the conditioned parity)."""
    validate(M, n, z, None, pairs, parity)
    M, n, z = int(M), int(n), int(z)
    sec = expected_cost(M, n)
    if sec > MAX_SECONDS:
        raise TooLargeError(f"the exact first moment for M = {M}, n = {n} would take ~{sec:.3g} s "
                            f"(O(n^4 log M) big-int work); use smaller n")
    if parity != "any" and (z % 2 == 1) != (parity == "odd"):
        return Fraction(0)
    c = signed_sum_count(M, n, z) * (2 if z > 0 else 1)   # distinct: N(z) + N(-z), N(-z) = N(z)
    e = Fraction(c, M ** n * (2 if pairs == "identified" else 1))
    return e / npp_parity_probability(M, n, parity)


def npp_expected_perfect(M, n, parity="any", pairs="identified") -> Fraction:
    """E[number of perfect partitions | parity of Lambda] (module doc)."""
    validate(M, n, None, None, pairs, parity)
    if parity == "even":
        return npp_expected_count(M, n, 0, pairs, "even")
    if parity == "odd":
        return npp_expected_count(M, n, 1, pairs, "odd")
    return npp_expected_count(M, n, 0, pairs) + npp_expected_count(M, n, 1, pairs)
