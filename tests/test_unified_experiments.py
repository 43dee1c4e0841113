"""`unified` App. E/F and §1.2 arithmetic: exact binomial tails by hand and against brute force, the
App. F mixture on a hand example, the Lueker constant machinery on known counts, the width-tuple
arithmetic (Eq. (8), Eq. (10)) on hand tuples, the experiment computations on small cases."""
from fractions import Fraction

import pytest

from ticketcheck.exact.binomial import half_mean_cutoff, lower_tail, lower_tail_brute, lower_tail_row
from ticketcheck.errors import InputError
from ticketcheck.harness.context import CheckContext


def _ctx(constants=None, **kw):
    return CheckContext(kw, seed=12345, trials=1000, budget=2.0, constants=constants)


# ------------------------------------------------------------------ Theorem 5: exact binomial tails

def test_binomial_tail_hand_cases():
    assert lower_tail(Fraction(1, 2), 1) == Fraction(1, 2)            # K = 0: P(B = 0)
    assert lower_tail(Fraction(1, 2), 4) == Fraction(5, 16)           # K = 1: (1 + 4)/16
    assert lower_tail(Fraction(1, 3), 6) == Fraction(256, 729)        # (2/3)^6 + 6 (1/3)(2/3)^5
    assert lower_tail(Fraction(1, 10), 3) == Fraction(729, 1000)      # K = 0: (9/10)^3
    assert lower_tail(Fraction(1), 5) == 0                            # Bin(5, 1) = 5 > 5/2
    assert half_mean_cutoff(7, Fraction(2, 3)) == 2                   # floor(7/3)


@pytest.mark.parametrize("alpha", ["1/2", "1/3", "2/3", "1/10", "9/10", "3/7", "1"])
def test_binomial_row_matches_brute_force(alpha):
    a = Fraction(alpha)
    for n, K, S, q in lower_tail_row(a, 45):
        assert K == half_mean_cutoff(n, a)
        assert Fraction(S, q ** n) == lower_tail_brute(a, n)


@pytest.mark.parametrize("alpha", [0, Fraction(3, 2), -1])
def test_binomial_bad_alpha(alpha):
    with pytest.raises(InputError):
        list(lower_tail_row(alpha, 3))


def test_thm5_check_computes_the_comparisons():
    from ticketcheck.bounds.unified.rejection import thm5_compute
    from ticketcheck.harness.verdict import compare
    comps = list(thm5_compute(_ctx({"1/2": Fraction(1, 2)}, alpha=Fraction(1, 2), n_max=50)))
    exact = [c for c in comps if c.params.get("n") == 1][0]
    assert exact.lhs == Fraction(1, 2) and compare(exact.lhs, exact.rhs, "<=") is True
    summary = comps[-1]
    assert summary.info["n_from_which_it_holds"] == 1
    assert compare(summary.lhs, 0, ">=") is True


# ------------------------------------------------------------------ App. F mixture

def test_mixture_hand_example():
    from ticketcheck.bounds.unified.rejection import decompose
    p = [Fraction(1, 2), Fraction(1, 3), Fraction(1, 6)]
    alpha, g = decompose(p)
    assert alpha == Fraction(1, 2) and g == [Fraction(2, 3), Fraction(1, 3), Fraction(0)]
    assert all(alpha / 3 + (1 - alpha) * gi == pi for pi, gi in zip(p, g))
    alpha, g = decompose([Fraction(1, 4)] * 4)
    assert alpha == 1 and g is None


def test_mixture_check_counts_nothing_wrong():
    from ticketcheck.bounds.unified.rejection import mix_compute
    comps = list(mix_compute(_ctx({"1 (of alpha/M)": 1}, M=4, draws=30)))
    assert comps and all(c.lhs == 0 and c.relation == "==" for c in comps)


# ------------------------------------------------------------------ Lueker constant machinery

def test_thresholds_n_on_known_counts():
    from ticketcheck.bounds.continuous_rssp import implied_constants, thresholds_n
    counts = [0, 100, 900, 990, 999, 1000, 1000]
    ns = thresholds_n(counts, 1000, Fraction(3, 4))
    assert ns["n_hat"] == 2 and ns["n_lo"] == 2 and ns["n_hi"] == 2
    ns = thresholds_n(counts, 1000, Fraction(99, 100))
    assert ns["n_hat"] == 3 and ns["n_hi"] == 4     # 990/1000 has a CI reaching below 0.99
    c = implied_constants({"n_hat": 4, "n_lo": 4, "n_hi": 4}, 2)
    assert c["C_log2_hi"] == 2.0 and abs(c["C_ln_hi"] - 4 / 1.3862943611198906) < 1e-4


# ------------------------------------------------------------------ §1.2 arithmetic

def test_union_bound_sum_counterexample():
    from ticketcheck.bounds.unified.slth_symbolic import union_sum_compute
    ctx = CheckContext({"ell": 1, "d_max": 2}, constants={"d_from": 1})
    comps = {c.params["tuples"]: c for c in union_sum_compute(ctx)}
    # tuples (d0, d1) in {1,2}^2: worst 4*2*1 - 4*1^2 = 4 at (2, 1) (d0 > d), also the simplest
    assert comps["all tuples"].lhs == 4 and comps["all tuples"].info["worst_tuple"] == [2, 1]
    assert comps["all tuples"].params["widths"] == "2-1"
    # d_max = 4: the witness is the simplest tuple (2, 1), the largest gap 16 at (4, 2) is recorded
    big = {c.params["tuples"]: c for c in union_sum_compute(
        CheckContext({"ell": 1, "d_max": 4}, constants={"d_from": 1}))}["all tuples"]
    assert (big.params["widths"], big.lhs, big.info["largest_gap"], big.info["worst_tuple"]) == ("2-1", 4, 16, [4, 2])
    assert comps["all tuples"].relation == "<="
    assert comps["tuples with d_0 <= d"].lhs <= 0 and comps["tuples with d_0 <= d"].relation == "report"
    # the declared correction (index: d = max{d_0..d_l}) holds
    fixed = CheckContext({"ell": 1, "d_max": 2}, constants={"d_from": 0})
    assert {c.params["tuples"]: c for c in union_sum_compute(fixed)}["all tuples"].lhs <= 0


def test_eq8_ratio_one_layer():
    from ticketcheck.bounds.unified.slth_symbolic import eq8_compute
    (c,) = list(eq8_compute(_ctx(ell=1, d_max=3)))
    assert c.lhs == 1 and c.rhs == Fraction(1, 2)   # error eps d0 d1 / N_T = eps vs eps/2


def test_sup_distance_to_a_finite_set():
    from ticketcheck.bounds.unified.slth_symbolic import _dist, _sup_dist
    assert _sup_dist([0, 4], -4, 4) == 4             # at w = -4
    assert _sup_dist([-4, 0, 4], -4, 4) == 2         # midpoints of the gaps
    assert _dist([0, 4], Fraction(3)) == 1


def test_exp5_arithmetic():
    from ticketcheck.bounds.unified.experiments import exp5_compute
    (c,) = list(exp5_compute(_ctx({"instances": Fraction("2.3e7"), "seconds per instance": Fraction("7e-5")})))
    assert c.info["minutes"] == "161/6" and c.lhs == 27


def test_delta_monotonicity_exact_small_case():
    from ticketcheck.bounds.unified.experiments import delta_monotone_exact
    comps = list(delta_monotone_exact(_ctx(M=2, t=3)))
    assert len(comps) == 2 and all(c.lhs >= 0 for c in comps)
    # Delta = 2 = M covers every target at t = 0 already: P(tau <= t | Delta = M) = 1
    tau = comps[1].info["P_by_Delta"]
    assert tau[-1] == "1"


def test_two_phase_readings_are_estimates():
    from ticketcheck.bounds.unified.experiments import two_phase_compute
    comps = list(two_phase_compute(_ctx(M=20, Delta=0, t_max=30, trials=300)))
    assert [c.params["reading"] for c in comps] == ["duration", "speed"]
    info = comps[0].info
    assert info["paths_reaching_tau"] == comps[0].lhs.trials
    assert info["median_tau1"] > 0 and len(info["mean_path_E_v_t"]) == 31


def test_figure1_slope_range_is_the_extreme_of_every_corner():
    """The fit's C range over the n_c intervals (``figure1.slope_range``) against brute force over
    every choice of an end per point (the slope is linear in the n_c, so its extremes are corners)."""
    import itertools
    import math
    import numpy as np
    from ticketcheck.bounds.unified.figure1 import slope_range
    x = [math.log(2 ** j) for j in range(7, 12)]
    ranges = [(14, 15), (15, 15), (15, 16), (17, 17), (17, 19)]
    slopes = [np.polyfit(x, list(ys), 1)[0] for ys in itertools.product(*ranges)]
    lo, hi = slope_range(x, ranges)
    assert math.isclose(lo, min(slopes), rel_tol=1e-12) and math.isclose(hi, max(slopes), rel_tol=1e-12)
    assert slope_range(x, [(n, n) for n in (14, 15, 16, 17, 18)])[0] == \
        slope_range(x, [(n, n) for n in (14, 15, 16, 17, 18)])[1]
