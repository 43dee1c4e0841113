"""``unified`` App. A proof steps (bounds/unified/lemma4.py, lemma6.py, theorem4_proof.py, integer_scans.py,
second_phase.py):
hand-computed binomial / negative-binomial values, i* by hand, the integer scans against direct
evaluation, certification of a known-true and a known-false variant, exact vs Monte Carlo on tau2."""
from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

from ticketcheck.arb_eval import evaluate
from ticketcheck.bounds.claim import CertifyCheck
from ticketcheck.bounds.registry import get_claim, orphan_attachments
from ticketcheck.bounds.unified import integer_scans as _scan
from ticketcheck.bounds.unified import lemma4 as l4
from ticketcheck.bounds.unified import second_phase as ph
from ticketcheck.bounds.unified import theorem4_proof as pst
from ticketcheck.exact import rssp_extra as rx
from ticketcheck.harness.certify import certify_check
from ticketcheck.harness.runner import RunOptions, run_claim
from ticketcheck.harness.verdict import compare
from ticketcheck.harness.context import CheckContext

MY_IDS = ["unified.lemma6", "unified.lemma6.main_text", "unified.eq5", "unified.step_lemma4_gb",
          "unified.step_lemma4_h", "unified.step_lemma4_istar", "unified.step_lemma6_e",
          "unified.step_lemma6_m", "unified.step_thm4_p", "unified.step_thm4_union",
          "unified.step_thm4_e1", "unified.step_thm4_e2", "unified.step_thm4_e3",
          "unified.step_thm4_comb"]


def test_ids_registered_and_attachments_land():
    for cid in MY_IDS:
        assert get_claim(cid).checks, cid
    orphans = [o for o in orphan_attachments() if o[0].startswith("unified.")]
    assert orphans == []
    names = {c.name for c in get_claim("unified.eq7.main_text").checks}
    assert "second_inequality_exhaustive" in names
    assert "substitution_t_over_2" in {c.name for c in get_claim("unified.lemma4.as_used_in_thm4").checks}


# ------------------------------------------------------------------ binomial / negative binomial

def test_negbin_by_convolution_hand_values():
    # Y1 + Y2 with Y ~ Geom(1/2) on {1,2,..}: P(sum = 2) = 1/4, P(sum = 3) = 2/8
    cdf = l4.negbin_cdf_by_convolution(2, Fraction(1, 2), 5)
    assert cdf[:4] == [0, 0, Fraction(1, 4), Fraction(1, 2)]
    # duality: P(sum <= 3) = P(Bin(3, 1/2) >= 2) = 3/8 + 1/8
    assert 1 - rx.binom_cdf(3, Fraction(1, 2), 1) == Fraction(1, 2)
    # one geometric: P(Y >= t) = (1-p)^(t-1)
    for tt in range(1, 8):
        assert rx.negbin_tail_ge(1, Fraction(1, 3), tt) == Fraction(2, 3) ** (tt - 1)
    assert rx.negbin_tail_ge(2, Fraction(1, 2), 3) == Fraction(3, 4)


def test_hoeffding_hand_value():
    # P(Bin(4, 1/2) <= 1) = 5/16 <= exp(-2 (2-1)^2 / 4) = exp(-1/2)
    assert rx.binom_cdf(4, Fraction(1, 2), 1) == Fraction(5, 16)
    rows = l4._h_compute(CheckContext({"p_beta": "lemma4", "i_star": 2}, seed=1,
                                      constants={"2 (of exp(-2 lambda^2/t))": 2}))
    assert rows and all(compare(r.lhs, r.rhs, "<=") for r in rows)


def test_gb_identity_rows_are_exact_equalities():
    rows = l4._gb_compute(CheckContext({"p_beta": "lemma3_appendix", "i_star": 3, "T": 12}))
    eq = [r for r in rows if r.relation == "=="]
    assert eq and all(r.lhs == r.rhs for r in eq)


# ------------------------------------------------------------------ i*

def test_istar_by_hand():
    b = Fraction(1, 16)
    # M = 10, Delta = 0: floor((17/16)^39) = 10 < 11 <= 11 = floor((17/16)^40)
    assert math.floor(Fraction(17, 16) ** 39) == 10 and math.floor(Fraction(17, 16) ** 40) == 11
    assert int(_scan.istar_definition_row(0, np.array([10]), 10, b)[0]) == 40
    assert rx.closed_form_istar(10, 0, b) == 40
    # r = 256/289 = (16/17)^2 exactly: i* = -2; a naive float64 ceil gives -1
    cf, naive, guards = _scan.istar_closed_form_row(144, np.array([255]), b)
    assert int(cf[0]) == -2 and int(naive[0]) == -1 and guards == 1
    assert int(_scan.istar_definition_row(144, np.array([255]), 255, b)[0]) == -2


def test_istar_definition_matches_direct_search():
    b = Fraction(1, 10)
    for d in range(0, 25):
        Ms = np.arange(max(1, d), 40)
        got = _scan.istar_definition_row(d, Ms, 39, b)
        for j, m in enumerate(Ms):
            assert int(got[j]) == rx.smallest_istar(int(m), d, b)


def test_istar_scan_counts_no_mismatch_but_reports_readings():
    res = _scan.istar_scan(60, Fraction(1, 16))
    assert res["mismatch_pairs"] == 0
    assert res["info"]["reading_i*>=0"]["first"] == {"M": 1, "Delta": 1, "nonneg": 0, "closed_form": -6}


def test_intervals_as_printed_miss_zero_and_overlap():
    res = _scan.intervals_as_printed(10, 0, Fraction(1, 16))
    assert 0 in res["missing"] and res["n_covered_twice"] > 0 and res["defects"] > 0


# ------------------------------------------------------------------ e1 / comb scans vs direct evaluation

def _e1_direct(M_max, t_extra):
    """Brute force: evaluate both exponents at every integer t (256-bit balls)."""
    bad = {"printed": 0, "restricted": 0}
    cp = 60 / sp.log(sp.Rational(17, 16))
    for m in range(1, M_max + 1):
        for d in range(m):
            i = rx.closed_form_istar(m, d, Fraction(1, 16))
            c = evaluate(cp * sp.log(sp.Rational(m + 1, d + 1)), {})
            b = evaluate(cp * sp.log(sp.Rational(m + 1, 2 * d + 1)), {})
            cc = int(c.ceil().unique_fmpz()) if m + 1 != d + 1 else 0
            bb = 0 if m + 1 == 2 * d + 1 else int(b.ceil().unique_fmpz())
            for tt in range(max(1, bb), cc + t_extra + 1):
                lhs = -(tt - 30 * i) ** 2
                ok = compare(lhs, -(tt - c) ** 2, "<=")
                assert ok is not None
                if not ok:
                    bad["printed"] += 1
                    bad["restricted"] += int(tt >= cc)
    return bad


def test_e1_scan_equals_direct_evaluation():
    res = _scan.e1_scan(7, t_extra=50)
    direct = _e1_direct(7, 50)
    assert res["printed"]["triples_violating"] == direct["printed"] > 0
    assert res["restricted"]["triples_violating"] == direct["restricted"] == 0
    assert res["printed"]["first"]["M"] == 2 and res["printed"]["first"]["Delta"] == 1


def test_smallest_e1_counterexample_by_hand():
    # M = 2, Delta = 1: i* = 0, C' log(3/2) = 401.3: exp(-t/225) > exp(-(t-401.3)^2/(225 t)) at t = 1
    lhs, rhs, _, _ = pst._e1_sides(2, 1, 1)
    assert compare(lhs, rhs, "<=") is False


@pytest.mark.parametrize("domain", ["C'L", "C'L2"])
def test_comb_scan_equals_direct_evaluation(domain):
    res = _scan.comb_scan(8, domain, full_scan_upto=8)
    cp = 60 / math.log(17 / 16)
    viol = 0
    for m in range(1, 9):
        for d in range(m + 1):
            i = rx.closed_form_istar(m, d, Fraction(1, 16))
            c = cp * math.log((m + 1) / (d + 1))
            base = c if domain == "C'L" else cp * math.log((m + 1) / (2 * d + 1))
            t0 = max(1, math.ceil(base - 1e-12))
            ts = np.arange(t0, t0 + 3000, dtype=float)
            F = _scan._f_over_e(ts, 30.0 * i, c, 2 * m + 1 - d)
            viol += int(np.any(F < -1e-9))
    assert res["violating_pairs"] == viol
    assert res["undecided_pairs"] == 0
    if domain == "C'L":
        assert viol == 0 and res["certified_from_t_start"] == res["pairs"]
    else:
        assert viol > 0 and res["first_violation"]["M"] == 2


def test_comb_lower_bound_is_below_the_ratio():
    cp = 60 / math.log(17 / 16)
    for m, d in ((3, 0), (10, 2), (50, 49), (7, 7)):
        a = 30.0 * rx.closed_form_istar(m, d, Fraction(1, 16))
        c = cp * math.log((m + 1) / (d + 1))
        ts = np.arange(1, 4000, dtype=float)
        H = _scan._h_lower(ts, a, c, 2 * m + 1 - d)
        F = _scan._f_over_e(ts, a, c, 2 * m + 1 - d)
        assert np.all((H <= F + 1e-12) | (np.isinf(H) & np.isinf(F)))
        Hf = np.where(np.isfinite(H), H, -1e300)          # -inf (overflowing T1/E) only at small t
        assert np.all(np.diff(Hf) >= -1e-12)


# ------------------------------------------------------------------ certification: known answers

def test_certify_known_true_and_known_false_variants():
    s = sp.Symbol("s", nonnegative=True)
    true = certify_check(pst._e3_cert("b", pst._X2, pst._X3, 1 / pst.CP_SYM, ""))
    assert true["verdict"] == "holds"
    false = certify_check(pst._e3_cert("a", pst._X2, pst._X3, sp.Rational(1, 15), ""))
    assert false["verdict"] == "violated"
    ce = Fraction(false["counterexample"]["params"]["s"])
    assert float(pst.S_STAR.evalf()) < ce <= Fraction(1, 15)
    x = sp.Symbol("x", real=True)
    assert certify_check(CertifyCheck("exp", 1 + x, sp.exp(x), "<=", {"x": (0, 4)}))["verdict"] == "holds"
    assert certify_check(CertifyCheck("exp2", 1 + 2 * x, sp.exp(x), "<=", {"x": (0, 4)}))["verdict"] == "violated"


def test_half_ln_8_7_exceeds_1_15():
    rows = pst._num_half_ln(CheckContext({"digits": 77}, constants={"1/15": Fraction(1, 15)}))
    assert compare(rows[0].lhs, rows[0].rhs, ">=") is True


# ------------------------------------------------------------------ brackets and tau2

def test_decided_value_three_ways():
    lo, hi = Fraction(1, 3), Fraction(1, 2)
    assert ph.decided_value(lo, hi, Fraction(1, 2), "<=") == Fraction(1, 2)     # every x <= 1/2
    assert ph.decided_value(lo, hi, Fraction(1, 4), "<=") == Fraction(1, 3)     # no x <= 1/4
    v = ph.decided_value(lo, hi, Fraction(2, 5), "<=")                          # undecided
    assert compare(v, Fraction(2, 5), "<=") is None
    assert ph.decided_value(lo, hi, Fraction(1, 3), ">=") == Fraction(1, 3)


def test_tau2_exact_bracket_vs_monte_carlo_small_M():
    from ticketcheck.montecarlo.estimate import Estimate
    M, d, n = 2, 0, 20000
    e = ph.exact_phase(M, d)
    r = ph.mc_phase(M, d, n, 2024)
    for s in range(0, 8):
        lo, hi = e["tau2"]["prose"][s]
        a, b = Estimate(int(np.count_nonzero(r["tau2"]["prose"] <= s)), n).interval(1 - 1e-6)
        assert a <= float(hi) and float(lo) <= b, (s, a, b, float(lo), float(hi))
    assert (r["tau2"]["formula"] == 0).all() and e["tau2"]["formula"][5] == (1, 1)
    lo, hi = e["w"][0]
    w0 = r["w"][:, 0]
    half = (M - 1) * math.sqrt(math.log(2 / 1e-6) / (2 * n))
    assert float(lo) - half <= w0.mean() <= float(hi) + half


def test_tau2_prose_is_zero_when_delta_at_least_M_minus_1():
    e = ph.exact_phase(3, 2)
    assert all(x == (1, 1) for x in e["tau2"]["prose"])


# ------------------------------------------------------------------ claim-level known answers

def test_eq5_fails_when_istar_is_zero_but_tau1_is_positive():
    # M = 2, Delta = 1: v_0 = 3 = M+1 so tau1 >= 1 surely, while i* = ceil(log(3/3)/...) = 0
    point = {"M": 2, "Delta": 1, "p_beta": "lemma3_appendix", "t": 1}
    (first,) = l4._eq5_exact(CheckContext(point, constants={"1 (of M+1)": 1}))
    assert first.params["t"] == 1 and first.lhs == 1 and first.rhs == 0
    # the declared correction (i* up to M+2, tau_1 needing v_t > M+1): i* = ceil(log(4/3)/log(17/16)) = 5,
    # and P(Y_1 + .. + Y_5 >= 1) = 1
    (fixed,) = l4._eq5_exact(CheckContext(point, constants={"1 (of M+1)": 2}))
    assert fixed.info["i_star"] == 5 and fixed.rhs == 1


def test_lemma6_prose_violated_formula_holds_small_M():
    by = {}
    for reading in ("formula", "prose"):
        res = run_claim(get_claim("unified.lemma6"), RunOptions(quick=True, check=f"tau2_{reading}_reading",
                                                                grid="M=2;Delta=0;method=exact"))
        by[reading] = {p["verdict"] for p in res["results"][0]["points"]}
    assert by["formula"] == {"holds"} and "violated" in by["prose"]


def test_e0_half_violated_exactly():
    # E[w_0] for M = 2, Delta = 0 is about 5/8 > 1/2 (exact bracket)
    lo, hi = ph.exact_phase(2, 0)["w"][0]
    assert lo > Fraction(1, 2)


def test_formula_bracket_needs_no_dp_for_large_M():
    """Regression: rssp_tau2_bracket(..., "formula") used to refuse large M (TooLargeError from the
    size check of the prose DP) although tau2_formula = 0 needs no computation."""
    from ticketcheck.exact import rssp as ex
    b = ex.rssp_tau2_bracket(10, 27, 0, "formula")
    assert (b.lower, b.upper) == (1, 1)


def test_second_phase_brackets_match_one_s_at_a_time():
    from ticketcheck.exact import rssp as ex
    br = ex.rssp_second_phase_brackets(2, 6, 0, 8)
    for s in range(7):
        one = ex.rssp_tau2_bracket(2, s, 0, "prose", horizon=8)
        assert (br["tau2_prose"][s].lower, br["tau2_prose"][s].upper) == (one.lower, one.upper)
        w = ex.rssp_expected_w(2, s, 0, horizon=8)
        assert (br["expected_w"][s].lower, br["expected_w"][s].upper) == (w.lower, w.upper)
