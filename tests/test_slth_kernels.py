"""montecarlo.slth kernels against their pure-Python twins (montecarlo.slth_reference) on the same
draws: weights, success of every draw, residual extremes; parameters where the success rate is
far from 0 and 1, both readings, strict and non-strict tolerance, several layer shapes."""
import numpy as np
import pytest

from ticketcheck.montecarlo import slth as S
from ticketcheck.montecarlo.rng import py_trial_state, py_uniform_below32
from ticketcheck.montecarlo.slth_reference import (covers_ref, draw_layer_ref, layer_residuals_ref,
                                                   layer_success_ref, subset_sums)

CASES = [  # k, d1, d2, n, reading, tol (delta^2 units), strict
    (1, 1, 1, 8, 1, 4, True), (1, 1, 1, 8, 0, 2, False), (1, 2, 1, 12, 0, 2, True),
    (2, 1, 1, 12, 0, 4, True), (2, 2, 2, 10, 0, 8, False), (1, 1, 2, 10, 1, 2, False),
    (2, 2, 2, 14, 0, 8, True),
]


@pytest.mark.parametrize("k, d1, d2, n, reading, tol, strict", CASES)
def test_kernel_draws_successes_and_residuals_equal_the_python_twin(k, d1, d2, n, reading, tol, strict):
    K, seed, T = 1 << k, 91, 40
    est = S.layer_success(k, tol, strict, d1, d2, n, reading, T, seed)
    res = S.layer_residuals(k, d1, d2, n, reading, T, seed)
    ok = 0
    for t in range(T):
        U, V = S.draw_layer(k, d1, d2, n, seed, t)
        Ur, Vr = draw_layer_ref(k, d1, d2, n, seed, t)
        assert U.tolist() == Ur and V.tolist() == Vr
        ok += layer_success_ref(Ur, Vr, K, reading, tol, strict)
        want = layer_residuals_ref(Ur, Vr, K, reading)
        assert res[t].tolist() == [[[list(side) for side in cell] for cell in row] for row in want]
    assert est.successes == ok
    assert 0 < ok < T                            # informative: neither all nor none


def test_draws_are_the_rng_stream_uniform_below32():
    U, V = S.draw_layer(2, 1, 1, 3, 5, 7)
    st, want = py_trial_state(5, 7), []
    for _ in range(12):
        st, x = py_uniform_below32(st, 9)
        want.append(x - 4)
    assert U.ravel().tolist() + V.ravel().tolist() == want


def test_reference_helpers_by_hand():
    assert subset_sums([2, -1]) == {0, 2, -1, 1}
    # K = 2: targets -4, -2, 0, 2, 4 (delta^2 units); sums {0, 2, -1, 1, 4, 3, -3, ...}
    assert covers_ref([2, 2, -2, -2], 2, 1, False)             # sums -4..4 step 2 hit exactly
    assert not covers_ref([2, 2, -2, -2], 2, 0, True)          # strict with tol 0: nothing is < 0
    assert not covers_ref([2, -2], 2, 1, False)                # 4 and -4 are 2 away


def test_success_does_not_depend_on_split_or_threads():
    import numba
    a = S.layer_success(1, 4, True, 1, 1, 12, 1, 600, 3)
    b = S.layer_success(1, 4, True, 1, 1, 12, 1, 250, 3) + S.layer_success(1, 4, True, 1, 1, 12, 1, 350, 3,
                                                                         first=250, chunk=7)
    old = numba.get_num_threads()
    try:
        numba.set_num_threads(1)
        c = S.layer_success(1, 4, True, 1, 1, 12, 1, 600, 3, chunk=50)
    finally:
        numba.set_num_threads(old)
    assert a == b == c and 0 < a.successes < 600
