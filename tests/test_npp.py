"""Number partitioning (npp.md): exact DP vs brute force vs hand values, first moments two ways,
Monte Carlo kernels vs their pure-Python references on the same streams, exact vs Monte Carlo on
an overlap band, and the one-line errors."""
from __future__ import annotations

from fractions import Fraction

import pytest

from ticketcheck import observables
from ticketcheck.errors import InputError, TooLargeError
from ticketcheck.exact import npp as ex
from ticketcheck.exact import npp_brute as brute
from ticketcheck.montecarlo import npp as mc

HALF = Fraction(1, 2)
QUARTER = Fraction(1, 4)


# ------------------------------------------------------------------ hand values: n = 2, M = 2
# The four instances (X1, X2) and their signed sums sigma.X for sigma = ++, +-, -+, --:
#   (1,1): Lambda = 2 even  -> 2, 0, 0, -2   discrepancies {2, 0}: Z_0 = 1, Z_2 = 1 (identified)
#   (1,2): Lambda = 3 odd   -> 3, -1, 1, -3  discrepancies {3, 1}: Z_1 = 1, Z_3 = 1
#   (2,1): Lambda = 3 odd   -> 3, 1, -1, -3  same as (1,2)
#   (2,2): Lambda = 4 even  -> 4, 0, 0, -4   discrepancies {4, 0}: Z_0 = 1, Z_4 = 1
# Every instance has a perfect partition (discrepancy Lambda mod 2), exactly one up to sigma <-> -sigma.
HAND_LAWS = {  # z -> law of the identified count Z_{2,z}, parity "any"
    0: {0: HALF, 1: HALF}, 1: {0: HALF, 1: HALF}, 2: {0: 3 * QUARTER, 1: QUARTER},
    3: {0: HALF, 1: HALF}, 4: {0: 3 * QUARTER, 1: QUARTER}, 5: {0: Fraction(1)},
}


@pytest.mark.parametrize("z", sorted(HAND_LAWS))
def test_hand_values_n2_M2(z):
    assert ex.npp_count_law(2, 2, z) == HAND_LAWS[z]
    assert ex.npp_count_law(2, 2, z, pairs="distinct") == {2 * k: p for k, p in HAND_LAWS[z].items()}


def test_hand_values_n2_M2_conditioned():
    assert ex.npp_count_law(2, 2, 0, parity="even") == {1: Fraction(1)}
    assert ex.npp_count_law(2, 2, 0, parity="odd") == {0: Fraction(1)}
    assert ex.npp_count_law(2, 2, 2, parity="even") == {0: HALF, 1: HALF}
    for parity in ("any", "even", "odd"):
        assert ex.npp_perfect_probability(2, 2, parity) == 1
        assert ex.npp_expected_perfect(2, 2, parity) == 1
        assert ex.npp_expected_perfect(2, 2, parity, "distinct") == 2
    assert ex.npp_parity_probability(2, 2, "even") == HALF
    assert ex.npp_solvable(2, 2, 2) == QUARTER


def test_hand_values_n3_M1():
    # X = (1,1,1), Lambda = 3: sigma.X in {3, 1, 1, 1, -1, -1, -1, -3}; Z_1 = 3 identified
    assert ex.npp_count_law(1, 3, 1) == {3: Fraction(1)}
    assert ex.npp_count_law(1, 3, 3, pairs="distinct") == {2: Fraction(1)}
    assert ex.npp_perfect_probability(1, 3, "odd") == 1


# ------------------------------------------------------------------ DP vs brute force
SMALL = [(1, 1), (1, 4), (2, 3), (2, 6), (3, 4), (4, 4), (5, 3), (6, 4), (3, 6)]


@pytest.mark.parametrize("M,n", SMALL)
def test_dp_equals_brute_force(M, n):
    for parity in ex.PARITIES:
        if ex.npp_parity_probability(M, n, parity) == 0:
            with pytest.raises(InputError, match="never"):
                ex.npp_perfect_probability(M, n, parity)
            continue
        assert ex.npp_perfect_probability(M, n, parity) == brute.npp_perfect_probability(M, n, parity)
        for pairs in ex.PAIRS:
            assert ex.npp_expected_perfect(M, n, parity, pairs) == \
                brute.npp_expected_perfect(M, n, parity, pairs)
        for z in range(n * M + 2):
            assert ex.npp_solvable(M, n, z, parity) == brute.npp_solvable(M, n, z, parity)
            for pairs in ex.PAIRS:
                assert ex.npp_count_law(M, n, z, pairs, parity) == \
                    brute.npp_count_law(M, n, z, pairs, parity), (z, pairs, parity)


@pytest.mark.parametrize("M,n", [(7, 6), (12, 5), (3, 10)])
def test_first_moment_inclusion_exclusion_equals_mean_of_the_dp_law(M, n):
    """Two exact routes to E[Z_{n,z} | parity]: the law from the DP, and inclusion-exclusion."""
    for z in (0, 1, 2, 5):
        for parity in ex.PARITIES:
            law = ex.npp_count_law(M, n, z, "identified", parity)
            assert sum(k * p for k, p in law.items()) == ex.npp_expected_count(M, n, z, "identified", parity)


def test_parity_probability_matches_counting():
    for M, n in [(3, 3), (4, 5), (5, 2), (1, 3)]:
        even = sum(1 for par, _ in brute.npp_instances(M, n) if par == 0)
        assert ex.npp_parity_probability(M, n, "even") == Fraction(even, M ** n)


def test_compositions_by_inclusion_exclusion_match_enumeration():
    import itertools
    for n, M in [(1, 5), (3, 4), (4, 3)]:
        counts: dict[int, int] = {}
        for y in itertools.product(range(1, M + 1), repeat=n):
            counts[sum(y)] = counts.get(sum(y), 0) + 1
        for s in range(0, n * M + 3):
            assert ex.compositions(n, M, s) == counts.get(s, 0)


def test_the_dp_counts_every_instance_once():
    from ticketcheck.exact.multiset_fold import fold
    for M, n in [(1, 5), (3, 4), (5, 6)]:
        table = fold(range(1, M + 1), n, 0, lambda s, x: s, lambda s, tot: tot)
        assert sum(table.values()) == M ** n
        brute_sums: dict[int, int] = {}
        import itertools
        for x in itertools.product(range(1, M + 1), repeat=n):
            brute_sums[sum(x)] = brute_sums.get(sum(x), 0) + 1
        assert table == brute_sums


# ------------------------------------------------------------------ Monte Carlo kernels
@pytest.mark.parametrize("M,n,z", [(1, 1, mc.PERFECT), (2, 5, mc.PERFECT), (3, 4, 0), (5, 7, 1),
                                   (9, 8, 4), (2 ** 20, 11, mc.PERFECT), (3, 12, 2)])
def test_kernel_equals_python_reference_on_the_same_streams(M, n, z):
    a = mc.npp_counts(M, n, z, 200, seed=17, first=40, cap=5)
    b = mc.py_npp_counts(M, n, z, 200, seed=17, first=40, cap=5)
    assert a == b


def test_counts_do_not_depend_on_the_split():
    whole = mc.npp_counts(6, 9, mc.PERFECT, 1000, seed=3, first=7, cap=3)
    parts = (mc.npp_counts(6, 9, mc.PERFECT, 333, seed=3, first=7, cap=3)
             + mc.npp_counts(6, 9, mc.PERFECT, 667, seed=3, first=340, cap=3))
    assert whole == parts
    assert sum(whole.instances) == 1000
    assert mc.npp_counts(6, 9, mc.PERFECT, 1000, seed=4, cap=3) != mc.npp_counts(6, 9, mc.PERFECT, 1000, seed=3, cap=3)


def test_counts_do_not_depend_on_the_thread_count():
    import numba
    t = numba.get_num_threads()
    a = mc.npp_counts(50, 16, mc.PERFECT, 3000, seed=8)
    numba.set_num_threads(1)
    try:
        b = mc.npp_counts(50, 16, mc.PERFECT, 3000, seed=8)
    finally:
        numba.set_num_threads(t)
    assert a == b


def test_the_kernel_blocks_keep_exact_second_moments(monkeypatch):
    """Blocks summed in Python ints give the same counts as one block (no int64 overflow path)."""
    one = mc.npp_counts(1, 20, 0, 300, seed=5)          # M = 1: Z_0 = C(20, 10)/2, huge squares
    monkeypatch.setattr(mc, "BLOCK", 64)
    assert mc.npp_counts(1, 20, 0, 300, seed=5) == one
    assert one.sum_z2[0] == 300 * (92378 ** 2)


# ------------------------------------------------------------------ exact vs Monte Carlo
BAND = [(3, 6), (8, 5), (16, 5), (30, 4), (2, 12)]


@pytest.mark.parametrize("M,n", BAND)
def test_exact_inside_the_monte_carlo_interval(M, n):
    counts = mc.npp_counts(M, n, mc.PERFECT, 20000, seed=M * 100 + n)
    for parity in ex.PARITIES:
        est = counts.solvable_estimate(parity)
        lo, hi = est.interval(1 - 1e-6)
        assert lo <= ex.npp_perfect_probability(M, n, parity) <= hi, parity
        assert est.extra["conditioning_instances"] == est.trials
    law_counts = mc.npp_counts(M, n, 2, 20000, seed=7, cap=4)
    for k in range(3):
        for parity in ("even", "any"):
            lo, hi = law_counts.law_estimate(k, parity).interval(1 - 1e-6)
            assert lo <= ex.npp_count_law(M, n, 2, "identified", parity).get(k, 0) <= hi


def test_monte_carlo_mean_count_agrees_with_the_exact_first_moment():
    for M, n, parity in [(16, 10, "even"), (300, 12, "odd"), (2 ** 14, 16, "any")]:
        m = mc.npp_mean_count(M, n, mc.PERFECT, parity, "identified", 40000, seed=n)
        exact = float(ex.npp_expected_perfect(M, n, parity))
        assert abs(m.mean - exact) <= 5 * m.stderr, (m, exact)
        assert m.stderr > 0


def test_observables_registered_with_both_implementations():
    for name in ("npp.perfect_partition", "npp.solvable", "npp.count_law"):
        obs = observables.get(name)
        assert obs.exact is not None and obs.montecarlo is not None
    assert observables.get("npp.expected_perfect").montecarlo is None
    assert observables.observe("npp.count_law", M=2, n=2, z=2, k=1, pairs="identified",
                               parity="any") == QUARTER
    est = observables.observe("npp.perfect_partition", method="montecarlo", M=4, n=5,
                              parity="odd", trials=5000)
    assert est.trials == est.extra["conditioning_instances"] < 5000


def test_auto_falls_back_to_monte_carlo_above_the_budget():
    value, method = observables.evaluate("npp.perfect_partition", {"M": 2 ** 20, "n": 20,
                                         "parity": "even"}, budget=1.0, trials=500, seed=1)
    assert method == "montecarlo" and value.extra["parity"] == "even"


# ------------------------------------------------------------------ errors
@pytest.mark.parametrize("call,match", [
    (lambda: ex.npp_perfect_probability(0, 3), "M must be an integer >= 1"),
    (lambda: ex.npp_perfect_probability(3, 2.5), "n must be an integer"),
    (lambda: ex.npp_perfect_probability(3, 3, "evn"), "parity must be one of"),
    (lambda: ex.npp_count_law(3, 3, -1), "z must be an integer >= 0"),
    (lambda: ex.npp_count_law(3, 3, 1, pairs="both"), "pairs must be"),
    (lambda: ex.npp_perfect_probability(1, 4, "odd"), "never odd"),
    (lambda: mc.npp_perfect_partition(3, 41, "any", 10, 1), "n <= 40"),
    (lambda: mc.npp_perfect_partition(3, 5, "any", 0, 1), "trials must be"),
    (lambda: mc.npp_perfect_partition(1, 5, "even", 10, 1), "never even"),
])
def test_bad_input_is_one_line(call, match):
    with pytest.raises((InputError, TooLargeError), match=match) as info:
        call()
    assert "\n" not in str(info.value)


def test_size_guard_names_the_estimate():
    assert ex.cost(2 ** 10, 12) > ex.MAX_SECONDS
    with pytest.raises(TooLargeError, match=r"would take ~.* s .*Monte Carlo"):
        ex.npp_perfect_probability(2 ** 10, 12)
    assert ex.cost(32, 5, counts=False) < 2.0
