"""Zero-excluded RSSP samples (Kumar & Natale; npp.md): the direct DP, the route through Lemma 2
and the NPP, brute force, Monte Carlo vs its reference, and exact vs Monte Carlo."""
from __future__ import annotations

from fractions import Fraction

import pytest

from ticketcheck import observables
from ticketcheck.errors import InputError, TooLargeError
from ticketcheck.exact import npp_brute as brute
from ticketcheck.exact import rssp_nonzero as ex
from ticketcheck.montecarlo import rssp_nonzero as mc


def test_hand_values_and_the_zero_convention():
    # n = 1, M = 1: X in {-1, 1} (0 excluded): target 1 reached iff X = 1 -> 1/2; target 0 always
    # (empty subset).  With 0 included (unified, X in {-1, 0, 1}) the same target has 1/3.
    assert ex.rssp_nonzero_single_target(1, 1, 0, 1) == Fraction(1, 2)
    assert ex.rssp_nonzero_single_target(1, 1, 0, 0) == 1
    assert observables.exact_value("rssp.single_target", M=1, n=1, delta=0, z=1) == Fraction(1, 3)
    # n = 2, M = 1: X in {-1,1}^2; target 2 needs X = (1, 1): 1/4; target 1 needs a 1: 3/4
    assert ex.rssp_nonzero_single_target(1, 2, 0, 2) == Fraction(1, 4)
    assert ex.rssp_nonzero_single_target(1, 2, 0, 1) == Fraction(3, 4)
    # a single sample hits each nonzero value with probability 1/(2M)
    for z in (-3, -1, 2, 3):
        assert ex.rssp_nonzero_single_target(3, 1, 0, z) == Fraction(1, 6)


@pytest.mark.parametrize("M,n", [(1, 3), (2, 3), (3, 3), (2, 4), (4, 2)])
def test_direct_dp_lemma2_route_and_brute_force_agree(M, n):
    for delta in (0, 1, 2):
        for z in range(-n * M - delta - 1, n * M + delta + 2):
            a = ex.rssp_nonzero_single_target(M, n, delta, z)
            assert a == ex.rssp_nonzero_single_target_via_npp(M, n, delta, z)
            assert a == brute.rssp_nonzero_single_target(M, n, delta, z), (delta, z)


def test_lemma2_route_agrees_beyond_brute_force():
    for M, n, z in [(5, 6, 7), (8, 5, -3), (3, 8, 0), (6, 6, 20)]:
        assert ex.rssp_nonzero_single_target(M, n, 0, z) == ex.rssp_nonzero_single_target_via_npp(M, n, 0, z)


@pytest.mark.parametrize("M,n,delta,z", [(1, 1, 0, 1), (1, 4, 0, 2), (3, 6, 1, -5), (50, 13, 0, 17),
                                         (2 ** 20, 9, 100, -12345), (4, 0, 0, 0)])
def test_kernel_equals_python_reference(M, n, delta, z):
    a = mc.rssp_nonzero_hits(M, n, delta, z, 300, seed=5, first=11)
    assert a == mc.py_rssp_nonzero_hits(M, n, delta, z, 300, seed=5, first=11)
    assert a == (mc.rssp_nonzero_hits(M, n, delta, z, 120, seed=5, first=11)
                 + mc.rssp_nonzero_hits(M, n, delta, z, 180, seed=5, first=131))


@pytest.mark.parametrize("M,n,delta,z", [(3, 5, 0, 4), (6, 5, 0, 1), (2, 8, 1, -9), (10, 4, 0, 13)])
def test_exact_inside_the_monte_carlo_interval(M, n, delta, z):
    est = observables.observe("rssp.single_target_nonzero", method="montecarlo", M=M, n=n,
                              delta=delta, z=z, trials=40000, seed=z + 100)
    lo, hi = est.interval(1 - 1e-6)
    assert lo <= ex.rssp_nonzero_single_target(M, n, delta, z) <= hi


@pytest.mark.parametrize("call,match", [
    (lambda: ex.rssp_nonzero_single_target(0, 3, 0, 1), "M must be"),
    (lambda: ex.rssp_nonzero_single_target(2, 3, -1, 1), "delta must be"),
    (lambda: ex.rssp_nonzero_single_target(2, 3, 0, 0.5), "z must be"),
    (lambda: ex.rssp_nonzero_single_target(40, 40, 0, 1), "would take"),
    (lambda: mc.rssp_nonzero_single_target(2, 41, 0, 1, 10, 1), "n <= 40"),
])
def test_bad_input_is_one_line(call, match):
    with pytest.raises((InputError, TooLargeError), match=match):
        call()
