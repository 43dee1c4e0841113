"""Exact Random Fixed-Size Subset Sum (RFSS) probabilities for discrete uniform samples.

Model (sparsity paper, ``sparsity.model1``/``model2`` with discrete samples as in design.md):
``X_1..X_n`` i.i.d. uniform on ``{-M..M}``; subsets ``S`` of size **exactly** ``k``.

* :func:`rfss_single_target` -- ``P(exists S, |S| = k: |Sigma_S - z| REL delta)``.
* :func:`rfss_all_targets`  -- ``P(for every integer z with |z| <= zmax, exists such S)`` with
  ``zmax = floor(M sqrt(k))`` by default (the integer analogue of the paper's ``[-sqrt k, sqrt k]``
  for samples scaled by ``M``; pass ``zmax`` to choose another range).

``relation`` is ``"<"`` (strict, the sparsity paper's ``< eps``: the default) or ``"<="``.

Method: integer counting over *(size, sum) states*. After reading ``i`` samples the state is the set
of reachable pairs ``(s, Sigma)`` with ``s <= k`` (one bitset per size); the exact law of that state is
propagated as a dict ``state -> number of sample sequences``. Pairs that can no longer reach size
``k`` with the remaining samples are dropped, so equal futures merge. Probabilities are
``count / (2M+1)^n`` as :class:`Fraction` (never floats).
"""
from __future__ import annotations

import math
from fractions import Fraction

from ticketcheck.errors import InputError, TooLargeError
from ticketcheck.params_rfss import default_zmax, tolerance_window, validate_discrete

__all__ = ["rfss_single_target", "rfss_all_targets", "rfss_state_law", "validate_discrete",
           "rfss_cost", "brute_force_single_target", "brute_force_all_targets"]

MAX_STATES = 400_000


def rfss_cost(M, n, k, delta=1, z=0) -> float:
    """Rough seconds of the exact computation (used by the harness to pick exact vs Monte Carlo)."""
    # number of distinct states grows roughly like the number of multisets of sample values
    multisets = math.comb(2 * M + n, n) if M >= 0 and n >= 0 else 1
    return 1.2e-6 * min(multisets, 10**15) * (k + 1)


def rfss_state_law(M: int, n: int, k: int) -> dict[tuple[int, ...], int]:
    """Law of the final reachable-sum bitset of size-k subsets: ``{(bits,): count}``.

    ``bits`` has bit ``Sigma + k M`` set iff some subset of size exactly k sums to ``Sigma``.
    Counts sum to ``(2M+1)^n``.
    """
    validate_discrete(M, n, k, 1)
    # state: tuple of bitsets b[0..k]; b[s] bit (Sigma + s*M) set iff a size-s subset sums to Sigma
    states: dict[tuple[int, ...], int] = {tuple([1] + [0] * k): 1}
    for i in range(n):
        remaining_after = n - i - 1
        new: dict[tuple[int, ...], int] = {}
        for st, cnt in states.items():
            for x in range(-M, M + 1):
                sh = x + M  # adding x to a size-s sum: offset (s+1)M, so shift by x + M
                nb = [st[0]]
                for s in range(1, k + 1):
                    nb.append(st[s] | (st[s - 1] << sh))
                # drop sizes that cannot reach k any more
                for s in range(0, k + 1):
                    if s + remaining_after < k:
                        nb[s] = 0
                key = tuple(nb)
                new[key] = new.get(key, 0) + cnt
        states = new
        if len(states) > MAX_STATES:
            raise TooLargeError(f"exact RFSS law for M={M}, n={n}, k={k} needs more than "
                                f"{MAX_STATES} states; use Monte Carlo (montecarlo.rfss) or smaller n")
    out: dict[tuple[int, ...], int] = {}
    for st, cnt in states.items():
        key = (st[k],)
        out[key] = out.get(key, 0) + cnt
    return out


def _has_in(bits: int, lo: int, hi: int) -> bool:
    if hi < lo:
        return False
    lo = max(lo, 0)
    if hi < lo:
        return False
    mask = ((1 << (hi - lo + 1)) - 1) << lo
    return bits & mask != 0


def rfss_single_target(M, n, k, delta, z, relation: str = "<") -> Fraction:
    """``P(exists S subset [n], |S| = k: |Sigma_S - z| REL delta)``, X_i uniform on {-M..M}."""
    validate_discrete(M, n, k, delta, z, relation)
    lo, hi = tolerance_window(Fraction(z), Fraction(delta), relation)
    off = k * M
    law = rfss_state_law(M, n, k)
    total = (2 * M + 1) ** n
    good = sum(c for (bits,), c in law.items() if _has_in(bits, lo + off, hi + off))
    return Fraction(good, total)


def rfss_all_targets(M, n, k, delta, relation: str = "<", zmax: int | None = None) -> Fraction:
    """``P(for all integers |z| <= zmax: exists S, |S| = k, |Sigma_S - z| REL delta)``."""
    validate_discrete(M, n, k, delta, 0, relation)
    zmax = default_zmax(M, k) if zmax is None else int(zmax)
    if zmax < 0:
        raise InputError(f"zmax must be >= 0, got {zmax}")
    off = k * M
    law = rfss_state_law(M, n, k)
    total = (2 * M + 1) ** n
    windows = [tolerance_window(Fraction(z), Fraction(delta), relation) for z in range(-zmax, zmax + 1)]
    good = 0
    for (bits,), c in law.items():
        if all(_has_in(bits, lo + off, hi + off) for lo, hi in windows):
            good += c
    return Fraction(good, total)


# ---------------------------------------------------------------- brute force (tests only)

def _samples(M, n):
    import itertools
    return itertools.product(range(-M, M + 1), repeat=n)


def brute_force_single_target(M, n, k, delta, z, relation="<") -> Fraction:
    """Reference: every sample vector, every k-subset (tiny parameters only)."""
    import itertools
    validate_discrete(M, n, k, delta, z, relation)
    d, zz = Fraction(delta), Fraction(z)
    ok = (lambda v: abs(v - zz) < d) if relation == "<" else (lambda v: abs(v - zz) <= d)
    good = 0
    for xs in _samples(M, n):
        if any(ok(sum(c)) for c in itertools.combinations(xs, k)):
            good += 1
    return Fraction(good, (2 * M + 1) ** n)


def brute_force_all_targets(M, n, k, delta, relation="<", zmax=None) -> Fraction:
    import itertools
    validate_discrete(M, n, k, delta, 0, relation)
    zmax = default_zmax(M, k) if zmax is None else zmax
    d = Fraction(delta)
    good = 0
    for xs in _samples(M, n):
        sums = {sum(c) for c in itertools.combinations(xs, k)}
        if all(any((abs(s - z) < d) if relation == "<" else (abs(s - z) <= d) for s in sums)
               for z in range(-zmax, zmax + 1)):
            good += 1
    return Fraction(good, (2 * M + 1) ** n)
