"""Theorem 2 of the sparsity paper, its proof (§3.1) and Corollary 1: the machinery on known answers.

Hand-computed small RFSS cases, the k = 1 closed form vs Monte Carlo, the exact Paley-Zygmund bound
below a Monte Carlo estimate, exact second-moment formulas vs brute force, certification of a true
proof step and refutation of a deliberately falsified one, and one-line errors for bad input.
"""
from fractions import Fraction as F

import numpy as np
import pytest
import sympy as sp

from ticketcheck.bounds.claim import CertifyCheck, SymbolicCheck
from ticketcheck.harness.certify import certify, certify_check
from ticketcheck.errors import InputError
from ticketcheck.harness.symbolic import run_symbolic

from _sparsity_helpers import declared


# ---------------------------------------------------------------- certification engine fixes

def test_factor_sign_found_on_the_whole_box_when_constraints_couple_other_variables():
    """Regression: 1/y >= 0 had to be certified under a constraint coupling (x, y, c) and never was."""
    x, y, c = sp.symbols("x y c", positive=True)
    dom = {"x": (F(1, 2 ** 30), sp.oo), "y": (F(1, 2 ** 30), sp.oo), "c": (1, sp.oo)}
    r = certify(x ** 2 / y, 1 / c, ">=", dom, constraints=[y <= c * x ** 2],
                options={"factor": True, "time_limit": 3})
    assert r["verdict"] == "holds"
    assert any("whole box" in f["how"] for f in r["certificate"]["factors"])


def test_irrelevant_variables_are_not_split():
    """Regression: a variable the function does not depend on no longer multiplies the boxes."""
    y, c = sp.symbols("y c", positive=True)
    r = certify(0, 1 / y, "<=", {"y": (F(1, 2 ** 30), 1024), "c": (1, sp.oo)},
                options={"time_limit": 3})
    assert r["verdict"] == "holds"
    assert r["certificate"]["boxes"] < 200


# ---------------------------------------------------------------- hand-computed RFSS cases

def test_single_target_event_is_strict_on_hand_case():
    """2-subset sums of (1/2, 1/4, -1/2, 3/4) are 3/4, 0, 5/4, -1/4, 1, 1/4: the nearest to z = 1/2
    are at distance exactly 1/4, so eps = 1/4 gives no hit (strict) and any larger eps a hit."""
    from ticketcheck.montecarlo.rfss_mitm import brute_min_dist, mitm_min_dist, py_min_dist
    x = np.array([0.5, 0.25, -0.5, 0.75])
    for f in (mitm_min_dist, brute_min_dist):
        assert f(x, 2, 0.5) == 0.25
    assert py_min_dist(list(x), 2, 0.5) == 0.25


def test_all_targets_cover_hand_case():
    """k = 1 on [-1, 1]: balls of radius 1/4 around +-1/4, +-3/4 miss -1, -1/2, 0, 1/2, 1;
    radius 5/16 covers."""
    from ticketcheck.montecarlo.rfss_mitm import mitm_covers, py_covers
    xs = [-0.75, -0.25, 0.25, 0.75]
    assert not mitm_covers(np.array(xs), 1, 0.25, -1.0, 1.0)
    assert not py_covers(xs, 1, 0.25, -1.0, 1.0)
    assert mitm_covers(np.array(xs), 1, 0.3125, -1.0, 1.0)
    assert py_covers(xs, 1, 0.3125, -1.0, 1.0)


def test_discrete_hit_count_law_by_hand():
    """M = 1, n = 3, k = 1, delta = 1, z = 0: Y counts the X_i equal to 0, Y ~ Bin(3, 1/3)."""
    from ticketcheck.exact import rfss_discrete_moments as dm
    assert dm.y_law(1, 3, 1, 1, 0) == {0: F(8, 27), 1: F(12, 27), 2: F(6, 27), 3: F(1, 27)}
    m = dm.y_moments(1, 3, 1, 1, 0)
    assert (m["EY"], m["EY2"], m["P_Y_pos"]) == (1, F(5, 3), F(19, 27))
    assert m["EY"] == m["EY_formula"] and m["EY2"] == m["EY2_formula"]


def test_discrete_pair_probability_by_hand():
    """M = 1, k = 2, overlap i = 1, delta = 1, z = 0: given the shared X, each private part must be
    -X (probability 1/3 each): Q_1 = 1/9; Pr(H) = Pr(X1 + X2 = 0) = 1/3."""
    from ticketcheck.exact import rfss_discrete_moments as dm
    assert dm.q_joint(1, 2, 1, 1, 0) == F(1, 9)
    assert dm.p_hit(1, 2, 1, 0) == F(1, 3)
    assert dm.q_joint(1, 2, 0, 1, 0) == F(1, 9)      # independent: Pr(H)^2
    assert dm.q_joint(1, 2, 2, 1, 0) == F(1, 3)      # same subset: Pr(H)


def test_second_moment_ratio_k1_closed_form():
    """k = 1: Y ~ Bin(n, q), so E[Y^2]/E[Y]^2 = 1/(n q) + 1 - 1/n exactly."""
    from ticketcheck.exact.rfss_moments import p_hit, second_moment_ratio
    for n, eps, z in ((5, F(1, 10), F(0)), (7, F(1, 4), F(1)), (12, F(2, 5), F(1, 2))):
        q = p_hit(1, eps, z)
        assert second_moment_ratio(n, 1, eps, z) == 1 / (n * q) + 1 - F(1, n)


# ---------------------------------------------------------------- Theorem 2: closed form, MC, R

def test_k1_closed_form_and_monte_carlo_agree():
    """n = 5 (least n with Eq. (1) at k = 1, eps = 1/10, c_hyp = 1): Pr = 1 - (9/10)^5 exactly
    (z = 0, q = eps); the meet-in-the-middle kernel agrees within its 1 - 1e-6 interval."""
    from ticketcheck.bounds.sparsity.theorem2 import evaluate_point
    d = evaluate_point(1, 1, F(1, 10), 0, F(1, 2), 20000, 2024)
    assert d["n"] == 5 and d["exact"] == 1 - F(9, 10) ** 5
    lo, hi = d["mc"].interval(1 - 1e-6)
    assert lo <= float(d["exact"]) <= hi
    # at z = sqrt(1) = 1 half the window is outside [-1, 1]: q = eps/2
    d1 = evaluate_point(1, 1, F(1, 10), 1, F(1, 2), 20000, 2025)
    assert d1["q"] == F(1, 20) and d1["exact"] == 1 - F(19, 20) ** 5


def test_exact_paley_zygmund_bound_below_monte_carlo():
    """Pr(Y > 0) >= 1/R (Eq. (5)): the exact rational 1/R is below the Monte Carlo estimate's
    interval, and the estimate itself is well inside [1/R, 1] (not a vacuous comparison)."""
    from ticketcheck.bounds.sparsity import second_moment as T
    from ticketcheck.montecarlo.rfss import continuous_single_target
    for n, k, z in ((8, 2, F(0)), (8, 2, T.z_of(2, 1)), (10, 3, F(1, 2))):
        pz = 1 / T.ratio_R(n, k, F(1, 4), z)
        est = continuous_single_target(n, k, 0.25, float(z), trials=4000, seed=7)
        assert est.interval()[0] >= float(pz)
        assert 0 < float(pz) < 1


def test_hit_count_kernel_matches_python_twin_and_exact_moments():
    from ticketcheck.bounds.sparsity import second_moment as T
    from ticketcheck.exact.rfss_moments import p_hit
    from ticketcheck.montecarlo.rfss_pairs import py_subset_counts, subset_count_moments
    ys = py_subset_counts(7, 3, 0.25, 0.5, 40, 11)
    mc = subset_count_moments(7, 3, 0.25, 0.5, trials=40, seed=11)
    assert (mc["sum_y"], mc["sum_y2"], mc["positive"]) == (sum(ys), sum(y * y for y in ys),
                                                           sum(y > 0 for y in ys))
    big = subset_count_moments(7, 3, 0.25, 0.5, trials=20000, seed=3)
    lo, hi = big["mean_y_over_c"].interval(1 - 1e-6)
    assert lo <= float(p_hit(3, F(1, 4), F(1, 2))) <= hi
    lo, hi = big["mean_y2_over_c2"].interval(1 - 1e-6)
    assert lo <= float(T.joint(7, 3, F(1, 4), F(1, 2))) <= hi


def test_overlap_pair_kernel_matches_twin_and_q_joint():
    from ticketcheck.exact.rfss_moments import q_joint
    from ticketcheck.montecarlo.rfss_pairs import overlap_pair, py_overlap_counts
    a = overlap_pair(4, 2, 0.25, 1.0, trials=300, seed=3)
    assert (a["H"], a["H2"], a["both"]) == py_overlap_counts(4, 2, 0.25, 1.0, 300, 3)
    b = overlap_pair(4, 2, 0.25, 1.0, trials=100000, seed=4)
    lo, hi = b["p_joint"].interval(1 - 1e-6)
    assert lo <= float(q_joint(4, 2, F(1, 4), F(1))) <= hi


def test_n_min_ties_are_exact():
    """2 H2(1/2) = 2 = log2(1/(1/4)): n = 2 satisfies Eq. (1) at k = 1, eps = 1/4, c_hyp = 1 with
    equality (the arb-only search returned 3)."""
    from ticketcheck.bounds.sparsity.sample_size import n_min_eq1
    assert n_min_eq1(1, F(1, 4), F(1)) == 2
    assert n_min_eq1(4, F(1, 4), F(2)) == 8          # 8 H2(1/2) = 8 = 2 log2 16


# ---------------------------------------------------------------- certification: true and false

def test_cert_step_known_true():
    """App. D (v): 4 eps^3 <= eps on (0, 1/2), equality at 1/2 (open end)."""
    from ticketcheck.bounds.sparsity.corollary1 import LINK_V
    r = certify_check(declared(LINK_V))
    assert r["verdict"] == "holds"


def test_cert_step_deliberately_falsified():
    """The same step on (0, 3/5): false for eps > 1/2; a counterexample is found and re-checked."""
    from ticketcheck.bounds.sparsity.corollary1 import LINK_V
    v = declared(LINK_V)
    bad = CertifyCheck("v_falsified", v.lhs, v.rhs, "<=", {"epsilon": (0, F(3, 5))},
                       options={"open": {"epsilon": "both"}})
    r = certify_check(bad)
    assert r["verdict"] == "violated"
    assert F(r["counterexample"]["params"]["epsilon"]) > F(1, 2)


def test_eq14c_certified_and_falsified_for_c_hyp_below_one():
    """(14)(c) uses c_hyp >= 1: certified there; with c_hyp >= 1/2 the term L (c_hyp - 1) can be
    negative and the certificate fails with a counterexample."""
    from ticketcheck.bounds.sparsity.theorem2_addends import EQ14C_CERT1
    c1 = declared(EQ14C_CERT1)
    assert certify_check(c1)["verdict"] == "holds"
    bad = CertifyCheck("c_hyp_half", c1.lhs, c1.rhs, "<=",
                       {"c_hyp": (F(1, 2), sp.oo), "L": (0, sp.oo)}, options={"factor": True})
    assert certify_check(bad)["verdict"] == "violated"


def test_printed_c_prime_of_eq18_is_refuted_and_the_inverted_one_holds():
    """Eq. (18): the middle inequality with the printed c' = mu^2 (1 - lambda/mu)^2 fails (at mu = 3/4,
    n = 10, k = 1: 36/169 vs 9/1600); with c' inverted (the declared correction) it holds, so the
    violation is a typo."""
    from ticketcheck.bounds.registry import get_claim
    from ticketcheck.harness.runner import RunOptions, run_claim
    from _sparsity_helpers import records
    chk = next(c for c in get_claim("sparsity.eq18").checks if c.name == "chain_exact")
    recs = records(chk, {"mu": F(3, 4), "n": 10, "k": 1})
    middle = next(r for r in recs if r.label.startswith("the middle inequality"))
    assert (middle.lhs, middle.rhs) == (F(36, 169), F(9, 1600))
    from ticketcheck.bounds.sparsity.theorem2_addends import C_PRINTED_L
    fixed = records(chk, {"mu": F(3, 4), "n": 10, "k": 1}, constants={"c_prime": 1 / C_PRINTED_L})
    middle = next(r for r in fixed if r.label.startswith("the middle inequality"))
    assert middle.lhs <= middle.rhs == F(36, 25)        # c' = 16: 16 Var[I] = 16 (1/10)(9/10)
    r = run_claim(get_claim("sparsity.eq18"), RunOptions(quick=True))
    assert r["verdict"] == "violated" and r["severity"] == "typo"


def test_alpha_c_hyp_implication_refuted():
    from ticketcheck.bounds.sparsity.corollary1 import STEP2_IMPL
    r = run_symbolic(declared(STEP2_IMPL))
    assert r["verdict"] == "violated"
    ce = r["counterexample"]["params"]
    a, p, c = (F(ce[s]) for s in ("alpha", "p", "c_hyp"))
    assert c * (a - p) ** 2 >= 1 and a < p and a * c < 1


# ---------------------------------------------------------------- bad input: one-line errors

@pytest.mark.parametrize("name,args,msg", [
    ("rfss.continuous_single_target", dict(n=3, k=4, eps=0.1, z=0, dist="uniform"), "k=4 > n=3"),
    ("rfss.continuous_single_target", dict(n=5, k=2, eps=0, z=0, dist="uniform"), "eps must be > 0"),
    ("rfss.continuous_single_target", dict(n=5, k=2, eps=-1, z=0, dist="uniform"), "eps must be > 0"),
    ("rfss.continuous_single_target", dict(n=5, k=2, eps=0.1, z=0, dist="cauchy"),
     "unknown distribution"),
    ("rfss.continuous_single_target", dict(n=5, k=2, eps=0.1, z="abc", dist="uniform"),
     "target z must be a number"),
    ("rfss.continuous_all_targets", dict(n=5, k=2, eps=0.1, dist="mixture:2:zero"), "0 < p <= 1"),
    ("rfss.continuous_all_targets", dict(n=5, k=2, eps=0.1, dist="mixture:1/2:foo"),
     "unknown mixture component"),
    ("rfss.single_target", dict(M=2, n=3, k=4, delta=1, z=0), "k=4 > n=3"),
    ("rfss.single_target", dict(M=2, n=3, k=1, delta=0, z=0), "must be > 0"),
])
def test_observables_reject_bad_input_with_one_line(name, args, msg):
    from ticketcheck import observables
    with pytest.raises(InputError) as e:
        observables.get(name).check_args(args)
    assert msg in str(e.value) and "\n" not in str(e.value)


def test_helpers_reject_bad_input_with_one_line():
    from ticketcheck.bounds.sparsity import second_moment as T
    from ticketcheck.exact import rfss_discrete_moments as dm
    from ticketcheck.montecarlo.rfss_pairs import overlap_pair, subset_count_moments
    for call in (lambda: T.n_of(0, F(1, 10), 1), lambda: T.n_of(2, 0, 1), lambda: T.n_of(2, 2, 1),
                 lambda: T.mu_ceil(2, 5), lambda: dm.y_law(3, 12, 2, 1, 0),
                 lambda: overlap_pair(3, 5, 0.1, 0.0), lambda: subset_count_moments(40, 20, 0.1, 0.0),
                 lambda: subset_count_moments(5, 2, 0.0, 0.0)):
        with pytest.raises(InputError) as e:
            call()
        assert "\n" not in str(e.value)


def test_cli_bad_grid_is_one_line(capsys):
    from ticketcheck.harness.cli import main
    rc = main(["check", "sparsity.fn_ceil", "--check", "n_is_smallest_integer", "--grid", "k=0"])
    err = capsys.readouterr().err.strip()
    assert rc != 0 and "k = 0 is outside its domain" in err and len(err.splitlines()) == 1


# ---------------------------------------------------------------- claims end to end (quick grids)

@pytest.mark.parametrize("cid,verdict", [
    # models are definitions: their checks test the implementations and are reported as measured
    ("sparsity.model1", "measured"), ("sparsity.model2", "measured"), ("sparsity.fn_ceil", "holds"),
    ("sparsity.eq13", "holds"), ("sparsity.eq18", "violated"), ("sparsity.step_cor1_2", "violated"),
    ("sparsity.step_thm2_end", "holds"),
    # existential constants: measured (issue 9)
    ("sparsity.thm2", "measured"), ("sparsity.remark1", "measured"), ("sparsity.cor3", "measured"),
])
def test_claim_verdicts_on_quick_grids(cid, verdict):
    from ticketcheck.bounds.registry import get_claim
    from ticketcheck.harness.runner import RunOptions, run_claim
    r = run_claim(get_claim(cid), RunOptions(quick=True, trials=2000))
    assert r["verdict"] == verdict, (cid, r["counts"])


def test_eq14_k0_is_out_of_scope():
    """(14)(a) is false at k = 0, which its wording 'for all k <= n-1' admits, but Theorem 2 (whose
    proof this is) has k >= 1: out of scope, and Eq. (14) holds."""
    from ticketcheck.bounds.registry import get_claim
    from ticketcheck.harness.runner import RunOptions, run_claim
    r = run_claim(get_claim("sparsity.eq14"), RunOptions(quick=True))
    by = {x["name"]: x["verdict"] for x in r["results"]}
    assert r["verdict"] == "holds" and by["a_at_k0"] == "out_of_scope"
    assert {v for k, v in by.items() if k != "a_at_k0"} <= {"holds", "measured"}
