"""Lueker kernel (montecarlo/lueker.py): numba kernel vs pure-Python brute force on fixed samples,
hand-made boundary cases (closed vs open balls), exact thresholds, reproducibility, a known
probability, bad input."""
from fractions import Fraction

import numba
import numpy as np
import pytest

from ticketcheck.errors import InputError
from ticketcheck.montecarlo import lueker as L
from ticketcheck.montecarlo.estimate import clopper_pearson

U = 1 << L.BITS  # one unit of the integer representation is 2^-52


def test_kernel_samples_match_python_twin():
    xs = L.samples(9, 5, 31)
    assert [list(map(int, r)) for r in xs] == [L.py_samples(31, i, 9) for i in range(5)]
    assert xs.min() >= -U and xs.max() < U


@pytest.mark.parametrize("eps,lo,hi,closed", [
    ("1/8", "-1/2", "1/2", True), ("1/16", "-1", "1", False), ("1/4", "-1/2", "1/2", False),
    ("3/40", "0", "1/3", True), ("1/32", "-1/5", "-1/5", True)])
def test_kernel_matches_brute_force(eps, lo, hi, closed):
    targets = ("0", "1/2", "-1", "3/7")
    xs = L.samples(9, 25, 11)
    kern = L.hit_times(9, eps, lo, hi, closed, 25, 11, targets=targets)
    assert (kern == L.hit_times_of_samples(xs, eps, lo, hi, closed, targets=targets)).all()
    for i in range(25):
        assert list(map(int, kern[i])) == L.py_hit_times(list(xs[i]), eps, lo, hi, closed, targets)


def test_gap_exactly_two_eps_closed_vs_open():
    # sums {0, 1/4, 1/2, 3/4}: gaps of exactly 2 eps = 1/4 cover [0, 3/4] with closed balls only
    x = np.array([[U // 2, U // 4]])
    assert L.hit_times_of_samples(x, "1/8", 0, "3/4", True)[0, 0] == 2
    assert L.hit_times_of_samples(x, "1/8", 0, "3/4", False)[0, 0] == -1
    assert L.py_hit_times([U // 2, U // 4], "1/8", 0, "3/4", True)[0] == 2
    # an end point at distance exactly eps from the nearest sum
    assert L.hit_times_of_samples(x, "1/8", "-1/8", "3/4", True)[0, 0] == 2
    assert L.hit_times_of_samples(x, "1/8", "-1/8", "3/4", False)[0, 0] == -1
    # single target at distance exactly eps: z = 7/8 from the sum 3/4
    t = L.hit_times_of_samples(x, "1/8", 0, 0, True, targets=("7/8",))
    assert list(t[0]) == [0, 2]
    t = L.hit_times_of_samples(x, "1/8", 0, 0, False, targets=("7/8",))
    assert list(t[0]) == [0, -1]


def test_thresholds_are_exact():
    thr = L.thresholds(Fraction(1, 4), Fraction(-1, 2), Fraction(1, 2), True)
    assert list(map(int, thr)) == [-3 * U // 4, 3 * U // 4, -U // 4, U // 4, U // 2]
    thr = L.thresholds(Fraction(1, 4), Fraction(-1, 2), Fraction(1, 2), False)
    assert list(map(int, thr)) == [-3 * U // 4 + 1, 3 * U // 4 - 1, -U // 4 - 1, U // 4 + 1, U // 2 - 1]
    # eps = 1/3 is not dyadic: floor/ceil of eps * 2^52
    thr = L.thresholds(Fraction(1, 3), 0, 0, True)
    assert int(thr[4]) == (2 * U) // 3


def test_results_do_not_depend_on_threads():
    old = numba.get_num_threads()
    try:
        numba.set_num_threads(1)
        a = L.hit_times(12, "1/16", "-1/2", "1/2", True, 300, 5)
        numba.set_num_threads(max(1, numba.config.NUMBA_NUM_THREADS))
        b = L.hit_times(12, "1/16", "-1/2", "1/2", True, 300, 5)
    finally:
        numba.set_num_threads(old)
    assert (a == b).all()


def test_known_probability_one_sample():
    # n = 1, z = 1/2, eps = 1/4: subset sums {0, X}; P = P(X in [1/4, 3/4]) = 1/4
    est = L.single_target(1, "1/4", "1/2", True, 20000, 9)
    lo, hi = clopper_pearson(est.successes, est.trials, 1 - 1e-6)
    assert lo <= 0.25 <= hi
    # coverage of [-1/2, 1/2] needs total ball length >= 1: impossible with two balls of length 1/2
    assert L.coverage(1, "1/4", "-1/2", "1/2", True, 500, 1).successes == 0
    # a single ball of radius 1/2 around the empty sum covers [-1/2, 1/2] at n = 0
    assert L.coverage(0, "1/2", "-1/2", "1/2", True, 10, 1).successes == 10


def test_counts_are_monotone_and_match_estimates():
    ht = L.hit_times(14, "1/32", "-1/2", "1/2", True, 500, 3)[:, 0]
    c = L.counts_by_n(ht, 14)
    assert (np.diff(c) >= 0).all()
    assert L.coverage(14, "1/32", "-1/2", "1/2", True, 500, 3).successes == c[14]
    assert L.coverage(10, "1/32", "-1/2", "1/2", True, 500, 3).successes == c[10]


@pytest.mark.parametrize("kw", [dict(n_max=25), dict(eps="0"), dict(eps="-1/4"), dict(lo="1", hi="0"),
                                dict(trials=0), dict(eps="abc")])
def test_bad_input(kw):
    args = dict(n_max=8, eps="1/8", lo="-1/2", hi="1/2", closed=True, trials=10, seed=1)
    args.update(kw)
    with pytest.raises(InputError):
        L.hit_times(**args)


def test_observables_are_registered():
    from ticketcheck.observables import get
    obs = get("lueker.coverage")
    est = obs.montecarlo(n=6, eps="1/4", lo="-1/2", hi="1/2", closed=1, trials=200, seed=3)
    assert est.trials == 200
    with pytest.raises(InputError):
        obs.check_args({"n": 6, "eps": "1/4", "lo": 0, "hi": 1, "closed": 2})
