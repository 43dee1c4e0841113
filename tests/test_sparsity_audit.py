"""Regression tests of the audit of the `sparsity` checks: no typed-in sides, no tautologies.

Each test pins a check that used to compare a number with itself (or with a literal) to a
computation with a known answer: hand-counted tiny discrete models, the right side of Eq. (14)(a)
evaluated from its formula, Monte Carlo against a closed form, counts on the built construction.
"""
from fractions import Fraction as F

import pytest

from ticketcheck.bounds.sparsity import corollary1 as C1
from ticketcheck.bounds.sparsity import networks as NW
from ticketcheck.bounds.sparsity import rfss_models as RM
from ticketcheck.bounds.sparsity import theorem2_addends as TA
from ticketcheck.bounds.sparsity import theorem2_proof as TP
from ticketcheck.harness.verdict import compare
from ticketcheck.harness.context import CheckContext

from _sparsity_helpers import check_named, ctx_for


def _records(gen):
    return list(gen)


def _all_hold(records):
    return all(compare(r.lhs, r.rhs, r.relation) is True for r in records)


# ---------------------------------------------------------------- Eq. (14)(a): the right side is computed

def test_eq14a_right_side_from_its_formula():
    # (a) is an equality at n = 2, k = 1: 1/C(2,1) = 1/2 = sqrt(8*1*1/2) 2^{-2 H2(1/2)}
    assert TA._eq14a_rhs_squared(2, 1) == F(1, 4)
    # n = 4, k = 1: sqrt(8*3/4) (1/4)(3/4)^3 -> squared 6 * (27/256)^2
    assert TA._eq14a_rhs_squared(4, 1) == 6 * F(27, 256) ** 2
    # k = 0: the prefactor 8k(n-k)/n vanishes while 2^{-n H2(0)} = 1
    assert TA._eq14a_rhs_squared(10, 0) == 0
    chk = check_named("sparsity.eq14", "a_at_k0")
    (rec,) = _records(TA._eq14a_k0(ctx_for(chk, {"n": 10, "k": 0})))
    assert rec.lhs == 1 and rec.rhs == 0 and compare(rec.lhs, rec.rhs, rec.relation) is False
    # k = 0 lies outside Theorem 2's hypotheses (k >= 1): the check's points are out of scope
    from ticketcheck.harness.context import eval_hypothesis
    assert not eval_hypothesis(chk.hypothesis, {"n": 10, "k": 0})


# ---------------------------------------------------------------- brute force on a hand-counted model

def test_pair_counts_hand_case():
    # X1, X2 uniform on {-1, 0, 1}, k = 1, hit iff X_S = 0: per overlap i (i = 1: S = S')
    h_i, hh_i, tot = TP._pair_counts(1, 2, 1, 1, 0)
    assert h_i == [6, 6] and hh_i == [2, 6] and tot == 36


HAND = {"M": 1, "n": 2, "k": 1, "delta": 1, "z": 0}     # X1, X2 uniform on {-1, 0, 1}, hit iff X_S = 0


def test_eq10_12_addends_hand_case():
    # Pr(H'|H) = 1/2 (same sample) + 1/2 * 1/3 (other sample hits) = 2/3; mu = 1/2: (11) empty
    recs = _records(TP._addends_discrete({**HAND, "mu": F(1, 2)}))
    assert _all_hold(recs)
    total = recs[-1]
    assert total.lhs == F(2, 3) and total.rhs == F(2, 3)
    by_name = {r.params["addend"]: r.lhs for r in recs[:-1]}
    assert by_name["(10): I = k"] == F(1, 2) and by_name["(12): I <= ceil(mu k) - 1"] == F(1, 6)


def test_eq10_12_product_form_fails_without_independence(monkeypatch):
    # a falsified hypergeometric law (all mass on I = k) breaks the product form: not a tautology
    monkeypatch.setattr(TP, "hyper_pmf", lambda n, k, i: F(int(i == k)))
    recs = _records(TP._addends_discrete({**HAND, "mu": F(1, 2)}))
    assert not _all_hold(recs)


def test_eq9_left_side_is_brute_force(monkeypatch):
    chk = check_named("sparsity.eq9", "identities_discrete_exact")
    case0 = dict(zip(TP.CASE_KEYS, TP.DISCRETE[0]))
    recs = _records(TP._eq9_discrete(ctx_for(chk, case0)))
    assert _all_hold(recs) and recs[0].lhs == F(3, 4)
    # the square of Pr(H) (the statement's constant) halved: the rewriting fails
    assert not _all_hold(_records(TP._eq9_discrete(ctx_for(chk, case0, constants={"power": 1}))))
    # with a wrong Pr(H and H') the comparison fails (the left side does not come from it)
    real = TP._y_moments.__wrapped__

    def wrong(*a):
        m = dict(real(*a))
        m["p_joint"] = m["p_joint"] * 2
        return m
    monkeypatch.setattr(TP, "_y_moments", wrong)
    assert not _all_hold(_records(TP._eq9_discrete(ctx_for(chk, case0))))


# ---------------------------------------------------------------- Eq. (15), rounding convention

def test_eq15_bound_is_the_product_of_16_and_17():
    chk = check_named("sparsity.eq15", "scaled_second_addend")
    recs = _records(TA._eq15(ctx_for(chk, {"k": 4, "eps": F(1, 10), "c_hyp": 1, "z_rel": F(0), "mu": F(3, 4)})))
    prod = recs[0]
    assert prod.relation == "<=" and 0 < prod.lhs < prod.rhs
    assert prod.lhs != prod.rhs        # the old record compared (11) with itself


def test_fn_ceil_bounds_for_both_roundings():
    chk = check_named("sparsity.fn_ceil", "mu_k_up_or_down")
    recs = _records(RM._rounding(ctx_for(chk, {"k": 4, "eps": F(1, 10), "c_hyp": 1, "z_rel": F(1), "mu": F(3, 5)})))
    assert {r.params["rounding"] for r in recs} == {"ceil", "floor"}
    assert _all_hold(recs) and all(r.lhs != r.rhs for r in recs)


# ---------------------------------------------------------------- App. D Step 3, k = 1

def test_amplification_k1_exact_equality_and_monte_carlo():
    """k = 1: no subset crosses the blocks, so the amplification bound is an equality, compared
    exactly (q = 1/8, n* = 4, r = 2: (7/8)^8 on both sides); the Monte Carlo failure frequency of the
    whole sample agrees with it."""
    from ticketcheck.montecarlo.estimate import Estimate
    ctx = CheckContext({"k": 1, "eps": F(1, 4), "r": 2, "z_rel": 0, "trials": 4000}, trials=4000, seed=7)
    (rec,) = _records(C1._amplification(ctx))
    assert rec.lhs == rec.rhs == F(7, 8) ** 8
    mc = rec.info["monte_carlo_fail"]
    est = Estimate(round(mc["value"] * mc["trials"]), mc["trials"])
    lo, hi = est.interval(1 - 1e-6)
    assert lo <= float(F(7, 8) ** 8) <= hi


# ---------------------------------------------------------------- App. F counts on the construction

def test_appf_weight_counts_on_the_built_construction():
    L, k = NW._drawn_layer(1, 16, F(1, 4), 3)
    assert k == 4 and L.total() == 64 and L.surviving() <= 16
    chk = check_named("sparsity.step_appF_weight", "links_and_density")
    recs = _records(NW._appf_weight(ctx_for(chk, {"n_star": 16, "gamma_prime": F(1, 4)}, seed=3)))
    assert _all_hold(recs) and recs[0].lhs == L.total()


def test_appf_linear_counts_on_the_built_construction():
    L, k = NW._drawn_layer(3, 16, F(1, 4), 5)
    assert L.total() == 2 * 9 * 16 + 2 * 3 * 16 and L.surviving() <= 4 * 3 * k
    chk = check_named("sparsity.step_appF_linear", "counts_and_density")
    recs = _records(NW._appf_linear(ctx_for(chk, {"d": 3, "n_star": 16, "gamma_prime": F(1, 4)}, seed=5)))
    assert _all_hold(recs)


# ---------------------------------------------------------------- verdicts of the changed claims (quick)

@pytest.mark.parametrize("cid,verdict", [
    ("sparsity.eq9", "holds"), ("sparsity.eq15", "holds"), ("sparsity.fn_ceil", "holds"),
    ("sparsity.step_appF_weight", "holds"), ("sparsity.step_appF_linear", "holds"),
    # identities without a printed constant: exact, but no falsifier can change them
    ("sparsity.eq10_12", "measured")])
def test_changed_claims_on_quick_grids(cid, verdict):
    from ticketcheck.bounds.registry import get_claim
    from ticketcheck.harness.runner import RunOptions, run_claim
    r = run_claim(get_claim(cid), RunOptions(quick=True, trials=2000))
    assert r["verdict"] == verdict, (cid, r["counts"])


# ---------------------------------------------------------------- App. D Step 3: the subsample size n*

def test_step3_subsample_too_small_for_theorem2_at_large_k():
    # c_amp = 8 * 1 / (1/2) = 16; Eq. (3): n H2(1024/n) >= 16 * log2(4096)^2 = 2304 first at n = 2329;
    # n* = log2(8192) / H2(1024/2329) = 13 / 0.98937 = 13.14 -> 14 samples, far below 2k = 2048
    recs = _records(C1._subsamples({"c_hyp": 1, "c_thm": F(1, 2), "k": 1024, "eps": F(1, 4)}))
    fit, fits_in_n = recs
    assert fit.info["n"] == 2329 and fit.rhs == 14 and fit.lhs == 2048
    assert compare(fit.lhs, fit.rhs, fit.relation) is False
    assert compare(fits_in_n.lhs, fits_in_n.rhs, fits_in_n.relation) is True
    # small k: n is huge, k/n tiny, n* is large enough
    recs = _records(C1._subsamples({"c_hyp": 1, "c_thm": F(1, 2), "k": 64, "eps": F(1, 4)}))
    assert _all_hold(recs)
