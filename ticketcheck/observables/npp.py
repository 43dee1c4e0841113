"""Observables ``npp.*``: the number partitioning problem with random integer weights (npp.md).

Model: X_1..X_n i.i.d. uniform on {1..M} (0 excluded); Lambda = sum X_i; a partition is a sign
vector sigma, its discrepancy |sigma.X| (always of the parity of Lambda); a *perfect partition* has
discrepancy 0 when Lambda is even and 1 when Lambda is odd.  Z_{n,z} = #{sigma : |sigma.X| = z}.

Parameters shared by the family:

* ``parity`` in ``"any"``, ``"even"``, ``"odd"``: condition on the parity of Lambda (``"any"``: no
  conditioning).  Monte Carlo estimates count successes among the instances of that parity and
  report how many there were (``extra["conditioning_instances"]``).  Never fold the parities for
  Borgs-Chayes-Pittel: their limits differ (1 - exp(-E) vs 1 - exp(-2E)).
* ``pairs`` in ``"identified"`` (sigma and -sigma are one partition: BCP's convention) or
  ``"distinct"`` (both counted; every count doubles).

Observables:

* ``npp.perfect_partition(M, n, parity)``  P(a perfect partition exists | parity)
* ``npp.solvable(M, n, z, parity)``        P(some sigma has |sigma.X| = z | parity)
* ``npp.count_law(M, n, z, k, pairs, parity)``  P(Z_{n,z} = k | parity)
* ``npp.expected_perfect(M, n, parity, pairs)`` E[number of perfect partitions | parity] (real)

Exact: :mod:`exact.npp` (multiset DP over signed-sum polynomials, C(n + M, n) nodes; the first
moment by inclusion-exclusion for any M).  Monte Carlo: :mod:`montecarlo.npp` (meet in the middle,
n <= 40).  ``npp.expected_perfect`` has no Monte Carlo implementation on purpose: Z ranges over
0..2^(n-1), so no finite-sample interval of a sample mean is rigorous and informative, while the
exact value costs O(n^4 log M) for every M (:func:`exact.npp.expected_cost`).
"""
from __future__ import annotations

from ticketcheck.exact import npp as ex
from ticketcheck.montecarlo import npp as mc
from ticketcheck.observables import Observable, register


def _validate(M, n, z=None, k=None, pairs="identified", parity="any"):
    ex.validate(M, n, z, k, pairs, parity)


def _count_law_exact(M, n, z, k, pairs, parity):
    return ex.npp_count_law(M, n, z, pairs, parity).get(int(k), 0)


register(Observable(
    name="npp.perfect_partition", params=("M", "n", "parity"),
    exact=ex.npp_perfect_probability, montecarlo=mc.npp_perfect_partition,
    cost=lambda M, n, parity: ex.cost(M, n, counts=False),
    validate=lambda M, n, parity: _validate(M, n, parity=parity), kind="probability",
    doc="P(a perfect partition exists | parity of Lambda): discrepancy 0 for even Lambda, 1 for "
        "odd; X_i uniform on {1..M}; parity in any/even/odd",
                    tex=r"P(\\text{perfect partition} \\mid \\Lambda\\ @parity@)"))

register(Observable(
    name="npp.solvable", params=("M", "n", "z", "parity"),
    exact=ex.npp_solvable, montecarlo=mc.npp_solvable,
    cost=lambda M, n, z, parity: ex.cost(M, n, counts=False),
    validate=lambda M, n, z, parity: _validate(M, n, z, parity=parity), kind="probability",
    doc="P(some sigma in {-1,1}^n has |sigma.X| = z | parity of Lambda); X_i uniform on {1..M}",
                    tex=r"P(\\exists \\sigma: |\\sigma \\cdot X| = @z@ \\mid \\Lambda\\ @parity@)"))

register(Observable(
    name="npp.count_law", params=("M", "n", "z", "k", "pairs", "parity"),
    exact=_count_law_exact, montecarlo=mc.npp_count_law,
    cost=lambda M, n, z, k, pairs, parity: ex.cost(M, n, counts=True),
    validate=_validate, kind="probability",
    doc="P(Z_{n,z} = k | parity of Lambda), Z_{n,z} = #{sigma : |sigma.X| = z}; pairs = identified "
        "(sigma and -sigma one partition) or distinct (counted twice)",
                    tex=r"P(Z_{@n@,@z@} = @k@ \\mid \\Lambda\\ @parity@)"))

register(Observable(
    name="npp.expected_perfect", params=("M", "n", "parity", "pairs"),
    exact=ex.npp_expected_perfect, montecarlo=None,
    cost=lambda M, n, parity, pairs: ex.expected_cost(M, n),
    validate=lambda M, n, parity, pairs: _validate(M, n, pairs=pairs, parity=parity), kind="real",
    doc="E[number of perfect partitions | parity of Lambda] (pairs identified or distinct); exact "
        "for every M (no Monte Carlo: see observables/npp.py)",
                    tex=r"E[\\#\\text{perfect partitions} \\mid \\Lambda\\ @parity@]"))
