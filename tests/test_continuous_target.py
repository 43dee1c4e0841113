"""LT-existence kernel (montecarlo.continuous_target): the numba kernel against its pure-Python
reference on the same streams, the capped-size rule, split/thread independence, an exact value
for n = 1, the published counts, the observables and the empirical Bernstein interval."""
from __future__ import annotations

import math
from fractions import Fraction

import numba
import numpy as np
import pytest

from ticketcheck.errors import InputError, TooLargeError
from ticketcheck.montecarlo import continuous_target as ct
from ticketcheck.montecarlo.bernstein import BernsteinMean, bernstein_halfwidth

U = 1 << 52          # one unit of value 1 in kernel units


def _reference_stats(s, seed, first, count):
    """The kernel's statistics recomputed trial by trial by the Python reference."""
    st = [0] * ct.N_STATS
    for i in range(first, first + count):
        found, err, size = ct.py_trial(s, seed, i)
        q = err >> ct.HALF_BITS
        st[ct.TRIALS] += 1
        st[ct.FAILURES] += not found
        for base, on in ((0, True), (6, found)):
            if on:
                st[ct.SIZE + base] += size
                st[ct.SIZE_SQ + base] += size * size
                st[ct.ERR_HI + base] += err >> 32
                st[ct.ERR_LO + base] += err & 0xFFFFFFFF
                st[ct.ERRSQ_HI + base] += (q * q) >> 32
                st[ct.ERRSQ_LO + base] += (q * q) & 0xFFFFFFFF
    return st


@pytest.mark.parametrize("variant,n,eps,max_size", [("L+1", 15, "1/100", 14), ("2L", 15, "1/100", 14),
                                                    ("L+1", 8, "1/1000", 8), ("2L", 6, "1/50", 3)])
def test_kernel_matches_python_reference_on_the_same_streams(variant, n, eps, max_size):
    s = ct.settings(n, eps, max_size, variant)
    got = ct.run_chunk(s, 7, 100, 300)
    assert [int(v) for v in got] == _reference_stats(s, 7, 100, 300)
    assert got[ct.FAILURES] > 0 or variant == "L+1"            # failures are exercised too


def test_draws_match_reference():
    for variant in ct.VARIANTS:
        s = ct.settings(5, "1/100", variant=variant, lo="-1/2", hi="1/4")
        z, xs = ct.py_draw(s, 3, 11)
        assert -U // 2 <= z <= U // 4
        assert all(-U <= x <= U for x in xs) and len(xs) == 5


def test_only_the_full_set_works_so_the_capped_search_fails():
    x = [3 * U // 10] * 3                 # 0.3, 0.3, 0.3 (units); target 0.9, tolerance 0.001
    z, E = 3 * (3 * U // 10), ct.tolerance_units(Fraction(1, 1000), True)
    assert ct.search_units(x, z, E, 3) == (True, 0, 3)
    found, err, size = ct.search_units(x, z, E, 2)
    assert not found and size == 2 and err == 3 * U // 10           # best: two of them, 0.3 short
    assert ct.py_search(x, z, E, 2) == (found, err, size)
    assert ct.settings(15, "1/100").max_size == 14                  # the script's default cap


def test_first_found_is_the_first_in_size_then_lexicographic_order():
    # sizes first: {0.5} (size 1) wins over nothing smaller; within size 2, (0, 2) comes before (1, 2)
    x = [U // 10, U // 5, U // 2 + U // 100]        # 0.1, 0.2, 0.51
    E = ct.tolerance_units(Fraction(1, 50), True)     # 0.02
    z = 6 * U // 10                                   # 0.6: 0.1 + 0.51 = 0.61 (size 2, first)
    assert ct.search_units(x, z, E, 3) == ct.py_search(x, z, E, 3)
    found, err, size = ct.search_units(x, z, E, 3)
    assert found and size == 2 and err == abs(U // 10 + U // 2 + U // 100 - z)
    assert ct.search_units(x, U // 100, E, 3) == (True, U // 100, 0)  # |z| <= eps: the empty set


def test_closed_and_open_tolerance_units():
    assert ct.tolerance_units(Fraction(1, 4), True) == U // 4
    assert ct.tolerance_units(Fraction(1, 4), False) == U // 4 - 1
    e = Fraction(1, 100)
    E = ct.tolerance_units(e, True)
    assert E * ct.UNIT <= e < (E + 1) * ct.UNIT


def test_split_and_thread_count_do_not_change_the_numbers():
    s = ct.settings(12, "1/100", 11, "2L")
    whole = ct.run_chunk(s, 5, 0, 3000)
    parts = ct.run_chunk(s, 5, 0, 1234) + ct.run_chunk(s, 5, 1234, 1766)
    assert np.array_equal(whole, parts)
    old = numba.get_num_threads()
    numba.set_num_threads(1)
    try:
        one = ct.run_chunk(s, 5, 0, 3000)
    finally:
        numba.set_num_threads(old)
    assert np.array_equal(whole, one)
    a = ct.run(12, "1/100", 3000, 5, 11, "2L", chunk=700)
    assert a.stats == tuple(int(v) for v in whole)


def test_one_sample_failure_probability_exact():
    """n = 1, eps = 1/4, z and x uniform on [-1, 1], sizes 0..1: P(success) = P(|z| <= eps) +
    2 [eps (1 - 2 eps) / 2 + 3 eps^2 / 8] = 1/4 + 11/64, so P(failure) = 37/64."""
    r = ct.run(1, "1/4", 200_000, 3, max_size=1)
    lo, hi = r.failure().interval(0.999)
    assert lo <= 37 / 64 <= hi


def test_published_counts_are_reproduced():
    from ticketcheck.bounds.published import compare_published
    r = ct.run(15, "1/100", 100_000, 1)
    pc = compare_published(r.failures, r.trials, 404, 100_000)
    assert pc.verdict == "holds"
    me, ms = r.mean_error(), r.mean_size()
    assert me.lo <= 0.00545 <= me.hi + 1e-4 and ms.lo - 0.01 <= 2.30 <= ms.hi + 0.01
    assert r.mean_error("found").hi <= 0.01                       # successes are within eps


def test_bad_input_one_line():
    for call, msg in [(lambda: ct.settings(31, "1/100"), "n = 31"),
                      (lambda: ct.settings(5, "1/100", 6), "max_size"),
                      (lambda: ct.settings(5, "x"), "not a rational"),
                      (lambda: ct.settings(5, 0), "positive"),
                      (lambda: ct.settings(5, "1/100", variant="3L"), "variant"),
                      (lambda: ct.settings(5, "1/100", lo=1, hi=0), "empty"),
                      (lambda: ct.run(5, "1/100", 0, 1), "trials"),
                      (lambda: ct.search_units([1, 2], 0, 0, 3), "max_size")]:
        with pytest.raises(InputError, match=msg) as e:
            call()
        assert "\n" not in str(e.value)
    with pytest.raises(TooLargeError):
        ct.settings(30, "1/100", 29)


def test_observables_registered_and_share_one_run():
    from ticketcheck.observables import get, observe
    p = dict(n=10, eps="1/100", max_size=9, variant="L+1", lo=-1, hi=1, closed=1)
    f = observe("lt_existence.failure", "montecarlo", trials=5000, seed=2, **p)
    direct = ct.run(10, "1/100", 5000, 2, 9)
    assert (f.successes, f.trials) == (direct.failures, 5000)
    assert observe("lt_existence.mean_size", "montecarlo", trials=5000, seed=2, **p).value == \
        direct.mean_size().value
    assert get("lt_existence.mean_error").kind == "real"
    with pytest.raises(InputError, match="variant"):
        observe("lt_existence.failure", "montecarlo", trials=10, seed=1, **{**p, "variant": "x"})


def test_bernstein_interval_hand_values():
    # 100 values all equal to 3 (range 10): variance 0, the width is the range term alone
    b = BernsteinMean(300, 900, 100, Fraction(10))
    h = 7 * 10 * math.log(2 / 0.005) / (3 * 99)
    assert b.value == 3 and b.variance_upper == 0
    assert b.interval() == pytest.approx((3 - h, 3 + h))
    assert bernstein_halfwidth(0.25, 100, 1, 0.05) == pytest.approx(
        math.sqrt(2 * 0.25 * math.log(40) / 100) + 7 * math.log(40) / (3 * 99))
    # 0/1 values, half ones: sample variance 50 * 0.25 / 99 * 100 / 100
    b2 = BernsteinMean(50, 50, 100, Fraction(1))
    assert b2.variance_upper == pytest.approx(0.25 * 100 / 99)
    assert b2.pvalue(0.5, ">=") == 1.0 and b2.pvalue(0.9, ">=") < 0.01
