"""The frontier of the smallest (C, kappa) of Theorem 2 (closed form) against a direct search."""
from fractions import Fraction

import mpmath
import sympy as sp

from ticketcheck.bounds.unified import theorem4 as R


def _holds_everywhere(C, kappa, data):
    """Theorem 2's inequality with (C, kappa) at every exact point inside its hypothesis."""
    with mpmath.workdps(60):
        for m, d, t, L, lam in data:
            gap = t - C * L
            if gap > 0 and -(gap ** 2) / (kappa * t) < -lam:   # 2 exp(-gap^2/(kappa t)) > 1 - P
                return False
    return True


def test_smallest_kappa_is_the_boundary_of_a_direct_check():
    data = R.frontier_data(True, True)
    for cval in ("0", "1", "2"):
        (first, *_) = R.constants_frontier({"C": cval, "log_base": sp.E, "quick": 1})
        k = mpmath.mpf(first.lhs)
        C = mpmath.mpf(Fraction(cval).numerator) / Fraction(cval).denominator
        assert _holds_everywhere(C, k * (1 + mpmath.mpf(10) ** -9), data)
        assert not _holds_everywhere(C, k * (1 - mpmath.mpf(10) ** -6), data)


def test_frontier_uses_exact_probabilities_by_hand():
    # M = 1, Delta = 0: P(tau > t) = 2 (2/3)^t - (1/3)^t, so at t = 1: 1 - P = 1, ln(2/(1-P)) = ln 2
    data = [r for r in R.frontier_data(True, True) if r[:3] == (1, 0, 1)]
    assert len(data) == 1
    with mpmath.workdps(60):
        assert abs(data[0][4] - mpmath.log(2)) < mpmath.mpf(10) ** -50
        assert abs(data[0][3] - mpmath.log(2)) < mpmath.mpf(10) ** -50    # L = ln((1+1)/(0+1))
