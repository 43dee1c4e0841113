"""Brute-force references for the models of npp.md (tests only; tiny parameters).

Every instance is enumerated (``itertools.product``) and every sign vector / subset is tried, with
the definitions applied literally -- no multisets, no generating polynomials, no inclusion-exclusion:

* NPP: X in {1..M}^n, all 2^n sign vectors sigma; Z_{n,z} = #{sigma : |sigma.X| = z} (distinct),
  identified = distinct / 2; perfect = some sigma with |sigma.X| = Lambda mod 2;
* zero-excluded RSSP (Kumar & Natale): X in {-M..-1, 1..M}^n, all 2^n subsets S (empty included),
  success iff |sum_S X - z| <= Delta.
"""
from __future__ import annotations

import itertools
from fractions import Fraction

__all__ = ["npp_instances", "npp_count_law", "npp_solvable", "npp_perfect_probability",
           "npp_expected_perfect", "rssp_nonzero_single_target", "BRUTE_LIMIT"]

BRUTE_LIMIT = 2_000_000  # instances x sign vectors


def _guard(instances: int, n: int) -> None:
    if instances * 2 ** n > BRUTE_LIMIT:
        raise ValueError(f"brute force limited to {BRUTE_LIMIT} instance x sign-vector pairs")


def npp_instances(M: int, n: int):
    """Per instance of {1..M}^n: (Lambda mod 2, [|sigma.X| for every sigma in {-1,1}^n])."""
    _guard(M ** n, n)
    signs = list(itertools.product((-1, 1), repeat=n))
    for x in itertools.product(range(1, M + 1), repeat=n):
        yield sum(x) % 2, [abs(sum(s * v for s, v in zip(sig, x))) for sig in signs]


def _keep(par: int, parity: str) -> bool:
    return parity == "any" or par == (parity == "odd")


def npp_count_law(M: int, n: int, z: int, pairs: str = "identified", parity: str = "any"
                  ) -> dict[int, Fraction]:
    law: dict[int, int] = {}
    for par, disc in npp_instances(M, n):
        if _keep(par, parity):
            c = disc.count(z) // (2 if pairs == "identified" else 1)
            law[c] = law.get(c, 0) + 1
    den = sum(law.values())
    return {k: Fraction(v, den) for k, v in sorted(law.items())}


def _probability(M, n, parity, event) -> Fraction:
    hit = den = 0
    for par, disc in npp_instances(M, n):
        if _keep(par, parity):
            den += 1
            hit += bool(event(par, disc))
    return Fraction(hit, den)


def npp_solvable(M: int, n: int, z: int, parity: str = "any") -> Fraction:
    return _probability(M, n, parity, lambda par, disc: z in disc)


def npp_perfect_probability(M: int, n: int, parity: str = "any") -> Fraction:
    return _probability(M, n, parity, lambda par, disc: par in disc)


def npp_expected_perfect(M: int, n: int, parity: str = "any", pairs: str = "identified") -> Fraction:
    total = den = 0
    for par, disc in npp_instances(M, n):
        if _keep(par, parity):
            den += 1
            total += disc.count(par)
    return Fraction(total, den * (2 if pairs == "identified" else 1))


def rssp_nonzero_single_target(M: int, n: int, delta: int, z: int) -> Fraction:
    """P(exists S subset [n]: |sum_S X - z| <= Delta), X uniform on {-M..-1, 1..M}."""
    _guard((2 * M) ** n, n)
    vals = [v for v in range(-M, M + 1) if v != 0]
    subsets = list(itertools.product((0, 1), repeat=n))
    hit = 0
    for x in itertools.product(vals, repeat=n):
        hit += any(abs(sum(a * v for a, v in zip(s, x)) - z) <= delta for s in subsets)
    return Fraction(hit, (2 * M) ** n)
