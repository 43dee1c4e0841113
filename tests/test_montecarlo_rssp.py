"""montecarlo.rssp kernels against pure-Python set DPs on the SAME samples, exact small cases,
reproducibility (seed, thread count) and input errors."""
from fractions import Fraction
from itertools import product
import random

import numba
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st, HealthCheck

from ticketcheck.errors import InputError, TooLargeError
from ticketcheck.montecarlo import rssp as R
from ticketcheck.montecarlo.bitset import shift_or, words_for_frame
from ticketcheck.montecarlo.rng import py_trial_state, py_next_u64, trial_state, next_u64, seed_u64
from ticketcheck.montecarlo.rssp_reference import (py_first_hit, py_samples, py_two_phase, py_volume_path,
                                       py_reachable)

HYP = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# ---- RNG and sample replay ------------------------------------------------------------------

def test_numba_stream_equals_python_twin():
    for seed in (0, 1, 2**63 + 5, -3):
        for i in (0, 1, 77):
            a, b = trial_state(seed_u64(seed), i), py_trial_state(seed, i)
            assert int(a) == b
            for _ in range(3):
                a, xa = next_u64(np.uint64(a))
                b, xb = py_next_u64(b)
                assert int(xa) == xb


@pytest.mark.parametrize("M", [1, 2, 7, 128])
def test_sample_matrix_equals_python_twin(M):
    X = R.rssp_samples(M, 9, 20, seed=11)
    assert X.tolist() == py_samples(M, 9, 20, 11)
    assert X.min() >= -M and X.max() <= M


def test_samples_look_uniform():
    X = R.rssp_samples(2, 1000, 50, seed=3).ravel()
    counts = np.bincount(X + 2)
    assert counts.sum() == 50000 and np.all(np.abs(counts - 10000) < 500)  # ~ 5 sigma


# ---- kernels vs pure-Python DP on replayed samples ------------------------------------------

def _cases(k, rng):
    for _ in range(k):
        M = rng.randint(1, 7)
        yield M, rng.randint(0, M), rng.randint(-M, M), rng.randint(0, 9), rng.randrange(10**6)


def test_single_target_kernel_matches_set_dp():
    rng = random.Random(5)
    for M, delta, z, n, seed in _cases(60, rng):
        hits = R.rssp_single_target_hit_times(M, n, delta, z, 12, seed)
        X = R.rssp_samples(M, n, 12, seed)
        ref = [py_first_hit(row, M, delta, z) for row in X.tolist()]
        assert hits.tolist() == ref, (M, delta, z, n, seed)


@pytest.mark.parametrize("M", [1, 2, 3])
def test_single_target_kernel_matches_set_dp_small_M_many_trials(M):
    # small M makes boundary events (a sum exactly (n-s)M away from z) frequent
    for delta in range(M + 1):
        for z in range(-M, M + 1):
            for n in (1, 2, 3, 5):
                hits = R.rssp_single_target_hit_times(M, n, delta, z, 60, 1000 * M + n)
                X = R.rssp_samples(M, n, 60, 1000 * M + n)
                assert hits.tolist() == [py_first_hit(r, M, delta, z) for r in X.tolist()]


def test_single_target_kernel_matches_set_dp_large_shifts():
    # M > 64: shifts of more than one word, negative and positive targets
    for M, delta, z, n in [(100, 0, 42, 6), (200, 3, -150, 5), (130, 0, -1, 7), (64, 64, 10, 3)]:
        hits = R.rssp_single_target_hit_times(M, n, delta, z, 25, 9)
        X = R.rssp_samples(M, n, 25, 9)
        assert hits.tolist() == [py_first_hit(r, M, delta, z) for r in X.tolist()]


def test_volume_paths_match_definition():
    rng = random.Random(6)
    for M, delta, _, t, seed in _cases(40, rng):
        V = R.rssp_volume_paths(M, t, delta, 8, seed)
        X = R.rssp_samples(M, t, 8, seed)
        for row, vrow in zip(X.tolist(), V.tolist()):
            assert vrow == py_volume_path(row, M, delta), (M, delta, t, seed)


def test_two_phase_fixed_horizon_matches_reference():
    rng = random.Random(7)
    for M, delta, _, t, seed in _cases(40, rng):
        thr1, thr2 = M + 2, 2 * M - delta + 1
        tau1, tau2 = R.rssp_two_phase_times(M, delta, t, thr1, thr2, 10, seed)
        X = R.rssp_samples(M, t, 10, seed)
        for k, row in enumerate(X.tolist()):
            a, b = py_two_phase(py_volume_path(row, M, delta), thr1, thr2)
            assert (tau1[k], tau2[k]) == (a, b)


def test_tau2_relative_horizon_matches_reference():
    for M, delta, t in [(1, 0, 2), (3, 1, 3), (5, 0, 4), (70, 2, 2)]:
        thr2 = 2 * M - delta + 1
        tau1, tau2 = R.rssp_two_phase_times(M, delta, 0, M + 2, thr2, 30, 4, t_after=t)
        X = R.rssp_samples(M, int(tau1.max()) + t, 30, 4)
        for k, row in enumerate(X.tolist()):
            vp = py_volume_path(row[: tau1[k] + t], M, delta)
            a, b = py_two_phase(vp, M + 2, thr2)
            assert (tau1[k], tau2[k]) == (a, b)


def test_paths_dict_consistent_with_event_kernels():
    M, t, delta, n, seed = 6, 12, 1, 300, 21
    P = R.rssp_paths(M, t, delta, n, seed)
    tau, _ = R.rssp_two_phase_times(M, delta, t, 2 * M + 1 - delta, 0, n, seed)
    tau_all, _ = R.rssp_two_phase_times(M, delta, t, 2 * M + 1, 0, n, seed)
    assert P["tau"].tolist() == tau.tolist() and P["tau_all"].tolist() == tau_all.tolist()
    for reading in R.TAU2_READINGS:
        thr2 = delta if reading == "formula" else 2 * M - delta + 1
        a, b = R.rssp_two_phase_times(M, delta, t, M + 2, thr2, n, seed)
        assert P["tau1"].tolist() == a.tolist() and P[f"tau2_{reading}"].tolist() == b.tolist()
    assert np.all(P["tau2_formula"][P["tau1"] >= 0] == 0)  # w_0 < M <= 2M-Delta+1 always
    assert np.allclose(P["mean_v"], P["v"].mean(axis=0))
    s = 2
    rows = [i for i in range(n) if 0 <= P["tau1"][i] and P["tau1"][i] + s <= t]
    assert P["mean_w_trials"][s] == len(rows)
    assert P["mean_w"][s] == pytest.approx(np.mean([2 * M + 1 - P["v"][i, P["tau1"][i] + s] for i in rows]))
    # estimates agree with the per-trial arrays
    assert R.rssp_tau_event(M, t, delta, n, seed).successes == int(np.sum(tau >= 0))
    assert R.rssp_tau1_tau2_sum_event(M, t, delta, "prose", n, seed).successes == \
        int(np.sum(P["tau2_prose"] >= 0))


def test_curve_is_cumulative_hit_count():
    hits = R.rssp_single_target_hit_times(50, 15, 0, 42, 500, 2)
    curve = R.rssp_single_target_curve(50, 15, 0, 42, 500, 2)
    assert len(curve) == 16
    assert curve.tolist() == [int(np.sum((hits >= 0) & (hits <= n))) for n in range(16)]
    # the curve at n equals the single-target estimate with horizon n (same paths)
    for n in (3, 9, 15):
        assert R.rssp_single_target(50, n, 0, 42, 500, 2).successes == curve[n]


# ---- property tests -------------------------------------------------------------------------

@HYP
@given(bits=st.integers(0, 2**300 - 1), x=st.integers(-200, 200))
def test_shift_or_never_shrinks_and_equals_big_int_shift(bits, x):
    F = 400
    off = F + 64
    nw = words_for_frame(F)
    arr = np.zeros(nw, np.uint64)
    # place the bits of ``bits`` at sums -150.. (bit k <-> sum k - 150)
    base = off - 150
    ref = bits << base
    for w in range(nw):
        arr[w] = (ref >> (64 * w)) & (2**64 - 1)
    a_lo, a_hi = base >> 6, (base + 300) >> 6
    shift_or(arr, x, a_lo, a_hi, 1, nw - 2)
    got = sum(int(arr[w]) << (64 * w) for w in range(nw))
    want = ref | (ref << x if x >= 0 else ref >> -x)
    assert got == want and got & ref == ref


@HYP
@given(M=st.integers(1, 40), n=st.integers(0, 8), seed=st.integers(0, 10**9), data=st.data())
def test_hit_time_monotone_in_delta_and_pruning_invisible(M, n, seed, data):
    z = data.draw(st.integers(-M, M))
    prev = None
    for delta in range(0, M + 1, max(1, M // 4)):
        h = R.rssp_single_target_hit_times(M, n, delta, z, 20, seed)
        assert h.tolist() == R.rssp_single_target_hit_times(M, n, delta, z, 20, seed, prune=False).tolist()
        if prev is not None:  # same X's for every Delta: hit time can only come earlier
            assert np.all((h >= 0) >= (prev >= 0))
            both = (h >= 0) & (prev >= 0)
            assert np.all(h[both] <= prev[both])
        prev = h


@HYP
@given(M=st.integers(1, 30), t=st.integers(0, 8), seed=st.integers(0, 10**9))
def test_volume_monotone_and_pruning_invisible(M, t, seed):
    prev = None
    for delta in sorted({0, 1 % (M + 1), M // 2, M}):
        V = R.rssp_volume_paths(M, t, delta, 10, seed)
        assert V.tolist() == R.rssp_volume_paths(M, t, delta, 10, seed, prune=False).tolist()
        assert np.all(np.diff(V, axis=1) >= 0)          # f_t nondecreasing in t
        assert np.all(V[:, 0] == 2 * delta + 1)          # v_0 = 2 Delta + 1
        assert np.all(V <= 2 * M + 1)
        if prev is not None:
            assert np.all(V >= prev)                     # dilation monotone in Delta
        prev = V
        thr = 2 * M + 1 - delta
        a1, _ = R.rssp_two_phase_times(M, delta, t, thr, 0, 10, seed)
        a2, _ = R.rssp_two_phase_times(M, delta, t, thr, 0, 10, seed, prune=False)
        assert a1.tolist() == a2.tolist()


@HYP
@given(xs=st.lists(st.integers(-6, 6), max_size=7), x=st.integers(-6, 6))
def test_reference_reachable_grows(xs, x):
    assert py_reachable(xs) <= py_reachable(xs + [x])


# ---- reproducibility ------------------------------------------------------------------------

def test_same_seed_same_numbers_different_seed_different():
    a = R.rssp_single_target_hit_times(128, 30, 0, 42, 2000, 1)
    b = R.rssp_single_target_hit_times(128, 30, 0, 42, 2000, 1)
    c = R.rssp_single_target_hit_times(128, 30, 0, 42, 2000, 2)
    assert a.tolist() == b.tolist() and a.tolist() != c.tolist()
    assert R.rssp_paths(4, 8, 1, 300, 5)["v"].tolist() == R.rssp_paths(4, 8, 1, 300, 5)["v"].tolist()
    assert R.rssp_paths(4, 8, 1, 300, 5)["v"].tolist() != R.rssp_paths(4, 8, 1, 300, 6)["v"].tolist()
    # a trial's result does not depend on how many trials run with it
    assert R.rssp_single_target_hit_times(128, 30, 0, 42, 37, 1).tolist() == a[:37].tolist()


def test_thread_count_does_not_change_results():
    if numba.config.NUMBA_NUM_THREADS < 2:
        pytest.skip("numba has a single thread here")
    old = numba.get_num_threads()
    try:
        out = []
        for k in (1, 2):
            numba.set_num_threads(k)
            out.append((R.rssp_single_target_hit_times(128, 40, 0, 42, 3000, 8).tolist(),
                        R.rssp_volume_paths(9, 10, 2, 500, 8).tolist(),
                        R.rssp_two_phase_times(9, 2, 0, 11, 17, 500, 8, t_after=4)[1].tolist(),
                        R.rssp_samples(9, 5, 300, 8).tolist()))
        assert out[0] == out[1]
    finally:
        numba.set_num_threads(old)


# ---- Clopper-Pearson intervals cover exact probabilities -------------------------------------

def _exact_by_enumeration(M, n, event):
    """Exact probability over all (2M+1)^n sequences."""
    vals = range(-M, M + 1)
    good = sum(1 for xs in product(vals, repeat=n) if event(list(xs)))
    return Fraction(good, (2 * M + 1) ** n)


@pytest.mark.parametrize("M,n,delta,z", [(1, 1, 0, 1), (1, 2, 0, 1), (2, 3, 0, -2), (3, 3, 1, 3),
                                         (2, 2, 0, 0)])
def test_ci_covers_exact_single_target(M, n, delta, z):
    exact = _exact_by_enumeration(M, n, lambda xs: py_first_hit(xs, M, delta, z) >= 0)
    if (M, n, delta, z) == (1, 1, 0, 1):
        assert exact == Fraction(1, 3)
    if (M, n, delta, z) == (1, 2, 0, 1):
        assert exact == Fraction(5, 9)
    est = R.rssp_single_target(M, n, delta, z, 20000, 123)
    lo, hi = est.interval(0.999)
    assert lo <= float(exact) <= hi, (est.value, exact)


@pytest.mark.parametrize("M,t,delta", [(1, 2, 0), (2, 3, 0), (2, 3, 1), (3, 4, 1)])
def test_ci_covers_exact_volume_events(M, t, delta):
    def vt(xs):
        return py_volume_path(xs, M, delta)[-1]
    checks = [
        (R.rssp_tau_event, lambda xs: vt(xs) >= 2 * M + 1 - delta),
        (R.rssp_all_covered, lambda xs: vt(xs) == 2 * M + 1),
        (R.rssp_tau1_event, lambda xs: vt(xs) > M + 1),
    ]
    for fn, ev in checks:
        exact = _exact_by_enumeration(M, t, ev)
        lo, hi = fn(M, t, delta, 20000, 99).interval(0.999)
        assert lo <= float(exact) <= hi, (fn.__name__, exact)
    if (M, t, delta) == (1, 2, 0):   # both of +1 and -1 must appear: 2/9
        assert _exact_by_enumeration(1, 2, lambda xs: vt(xs) == 3) == Fraction(2, 9)


@pytest.mark.parametrize("reading", R.TAU2_READINGS)
def test_ci_covers_exact_half_and_sum_events(reading):
    M, t, delta = 2, 4, 0
    thr2 = delta if reading == "formula" else 2 * M - delta + 1

    def times(xs):
        return py_two_phase(py_volume_path(xs, M, delta), M + 2, thr2)

    def half(xs):
        a, b = times(xs[: 2 * (t // 2)])
        return 0 <= a <= t // 2 and 0 <= b <= t // 2
    e_sum = _exact_by_enumeration(M, t, lambda xs: times(xs)[1] >= 0)
    e_half = _exact_by_enumeration(M, t, half)
    lo, hi = R.rssp_tau1_tau2_sum_event(M, t, delta, reading, 20000, 5).interval(0.999)
    assert lo <= float(e_sum) <= hi
    lo, hi = R.rssp_half_event(M, t, delta, reading, 20000, 5).interval(0.999)
    assert lo <= float(e_half) <= hi


def test_tau2_event_formula_is_certain_and_prose_matches_enumeration():
    assert R.rssp_tau2_event(3, 0, 1, "formula", 500, 1).successes == 500
    # M=1, Delta=0, prose: tau1 = first time v = 3 (> M+1 = 2), and then v >= 3 already: tau2 = 0
    assert R.rssp_tau2_event(1, 0, 0, "prose", 500, 1).successes == 500


# ---- input errors ---------------------------------------------------------------------------

@pytest.mark.parametrize("call", [
    lambda: R.rssp_single_target(0, 5, 0, 0, 10, 0),
    lambda: R.rssp_single_target(-3, 5, 0, 0, 10, 0),
    lambda: R.rssp_single_target(5, 5, -1, 0, 10, 0),
    lambda: R.rssp_single_target(5, 5, 6, 0, 10, 0),
    lambda: R.rssp_single_target(5, 5, 0, 6, 10, 0),
    lambda: R.rssp_single_target(5, 5, 0, -6, 10, 0),
    lambda: R.rssp_single_target(5, -1, 0, 0, 10, 0),
    lambda: R.rssp_single_target(5, 5, 0, 0, 0, 0),
    lambda: R.rssp_single_target(5, 5, 0, 0, 10, 1.5),
    lambda: R.rssp_single_target(2.5, 5, 0, 0, 10, 0),
    lambda: R.rssp_tau_event(5, -2, 0, 10, 0),
    lambda: R.rssp_tau2_event(5, 3, 0, "both", 10, 0),
    lambda: R.rssp_half_event(5, 3, 0, "", 10, 0),
    lambda: R.rssp_paths(5, -1, 0, 10, 0),
    lambda: R.rssp_single_target_curve(5, 3, 0, 9, 10, 0),
])
def test_bad_input_is_one_line_input_error(call):
    with pytest.raises(InputError) as e:
        call()
    assert "\n" not in str(e.value) and len(str(e.value)) < 200


def test_too_large_frame_is_refused():
    with pytest.raises(TooLargeError):
        R.rssp_single_target(2**30, 10, 0, 0, 10, 0)
