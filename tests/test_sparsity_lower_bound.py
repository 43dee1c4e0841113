"""sparsity: Theorem 5 / App. G (lower_bound.py) and App. A / App. H (ticket_size.py).

Known answers: binomial bounds on hand cases, exhaustive scans re-done with mpmath (an independent
implementation), a known-false step found by the certifier and its counterexample re-checked, and
implications certified; plus the two certify-engine extensions used here (polynomial tails, log
factors) and the monotone-tail touch report."""
from fractions import Fraction
from math import comb, e, floor, log2, pi

import mpmath
import pytest
import sympy as sp

from ticketcheck.bounds.claim import CertifyCheck
from ticketcheck.bounds.sparsity import lower_bound as lb
from ticketcheck.bounds.sparsity import ticket_size as ts
from ticketcheck.harness.certify import certify, certify_check
from ticketcheck.harness.runner import RunOptions, run_claim
from ticketcheck.harness.symbolic import run_symbolic

from _sparsity_helpers import declared, records

mpmath.mp.dps = 60


def _mp(q):
    q = Fraction(q)
    return mpmath.mpf(q.numerator) / q.denominator


def _h2(x):
    x = _mp(x)
    return -x * mpmath.log(x, 2) - (1 - x) * mpmath.log(1 - x, 2)


# ------------------------------------------------------------------ binomial bounds, hand cases

def test_binomial_bound_of_20_hand_cases():
    # C(4,2) = 6 <= sqrt(4/(2 pi 2 2)) 2^4 = 16/sqrt(2 pi) = 6.383
    b = lb.binom_bound_arb(4, 2)
    assert b > 6 and b < 6.39
    # C(5,1) = 5 <= sqrt(5/(2 pi 4)) 2^{5 H2(1/5)} = 5 (5/4)^4 / sqrt(8 pi / 5) = 5.431
    assert abs(float(lb.binom_bound_arb(5, 1).mid()) - 5 * (5 / 4) ** 4 / (8 * pi / 5) ** 0.5) < 1e-12
    acc = lb.binom_block(2, 30)
    assert acc["violations"] == [] and acc["pairs"] == sum(n - 1 for n in range(2, 31))
    margin, n, k, c = acc["worst"]
    assert c == comb(n, k)
    brute = min((0.5 * log2(m / (2 * pi * j * (m - j))) + m * float(_h2(Fraction(j, m)))
                 - log2(comb(m, j)), m, j) for m in range(2, 31) for j in range(1, m))
    assert (n, k) == brute[1:] and abs(float(margin.mid()) - brute[0]) < 1e-9


def test_footnote5_and_appA_b_hand_cases():
    # sum_{i=1}^{2} C(4, i) = 10 <= (4e/2)^2 = 29.56; as printed: 2 C(4,2) = 12 <= 29.56
    scan = ts.partial_sum_scan(4)
    assert scan["standard"]["failures"] == [] and scan["printed"]["failures"] == []
    margin, j, S = scan["standard"]["worst"]          # j = 1: ln(4e) - ln 4 = 1 nat
    assert (j, S) == (1, 4) and abs(margin - 1) < 1e-12
    assert ts.partial_sum_rhs(4, 2) > 29.5 and ts.partial_sum_rhs(4, 2) < 29.6


def test_appA_b_as_printed_fails_first_at_m205_j10():
    """The printed summand C(m, gamma m) makes (b) false; the smallest m is 205 (j = 10), re-checked
    with mpmath at 60 digits, and no m < 205 fails (brute force)."""
    fails = [(m, j) for m in range(1, 206) for j in ts.partial_sum_scan(m)["printed"]["failures"]]
    assert fails[0] == (205, 10)
    lhs = 10 * comb(205, 10)
    rhs = (mpmath.e * 205 / 10) ** 10
    assert lhs > rhs and (lhs - rhs) / rhs > 1e-3
    for m in range(1, 205):
        for j in range(1, m + 1):
            assert j * comb(m, j) <= (mpmath.e * m / j) ** j
    assert all(not ts.partial_sum_scan(m)["standard"]["failures"] for m in range(1, 206))


# ------------------------------------------------------------------ Theorem 5: exhaustive core

def test_thm5_block_matches_mpmath_brute_force():
    """Independent implementation: eps thresholds with mpmath, d = 1..3, n <= 40."""
    lam = 1 - 1 / (2 * mpmath.pi)
    res = lb.thm5_block(1, 40, ds=(1, 2, 3))
    for d in (1, 2, 3):
        D = d * d
        nonvac, bad = 0, 0
        for n in range(1, 41):
            for k in range(1, n + 1):
                if k > lam * n:
                    continue
                c = comb(n, k)
                eps46 = mpmath.sqrt(k) / 2 * (2 * c) ** (-mpmath.mpf(1) / D)   # (46) <=> eps > eps46
                epsc = k * mpmath.power(2, -2 * n * _h2(Fraction(k, n)) / D)   # conclusion <=> eps >= epsc
                if eps46 >= mpmath.mpf(1) / 16:
                    continue
                nonvac += 1
                bad += epsc > eps46
        assert res[D]["nonvacuous"] == nonvac and bad == 0 and res[D]["violations"] == []
    assert lb.k_max_lambda(1000) == floor(1000 * (1 - 1 / (2 * pi))) == 840


def test_thm5_margin_exact_agrees_with_logs():
    for n, k, D in ((30, 7, 1), (100, 50, 4), (60, 3, 9)):
        c = comb(n, k)
        lhs = 2 * n * _h2(Fraction(k, n)) - mpmath.log(c, 2) - 1
        rhs = D * (mpmath.log(k, 2) / 2 + 1)
        assert lb.thm5_margin_exact(n, k, c, D) == bool(lhs >= rhs)


def test_thm5_n_min_brute_force():
    lam = 1 - 1 / (2 * pi)
    for k, eps, d in ((1, Fraction(1, 32), 1), (3, Fraction(1, 1024), 2), (10, Fraction(1, 20), 1)):
        n = next(m for m in range(1, 10 ** 6) if k <= lam * m and
                 m * _h2(Fraction(k, m)) >= d * d / mpmath.mpf(2) * mpmath.log(k / _mp(eps), 2))
        assert lb.thm5_n_min(k, eps, d) == n


# ------------------------------------------------------------------ known-false steps, rechecked

def test_appH_54_counterexample_rechecked():
    chk = next(c for c in _claim("step_appH").checks if c.name == "eq54_on_z_ge_2")
    r = certify_check(chk)
    assert r["verdict"] == "violated"
    z = Fraction(r["counterexample"]["params"]["z"])
    assert 4 < z < 16 and mpmath.log(_mp(z), 2) ** 2 > _mp(z)      # (54) <=> log2^2 z <= z fails here


def test_appH_55_fails_at_c_amp_8_and_threshold_64_over_3():
    chk = next(c for c in _claim("step_appH").checks if c.name == "eq55_c_amp_ge_8")
    r = certify_check(chk)
    assert r["verdict"] == "violated"
    c = Fraction(r["counterexample"]["params"]["c"])
    assert c >= 144 * 64 and mpmath.log(_mp(c), 2) ** 2 > mpmath.sqrt(_mp(c))
    assert 144 * Fraction(64, 3) ** 2 == 2 ** 16 and mpmath.log(2 ** 16, 2) ** 2 == mpmath.sqrt(2 ** 16)


def test_eq30_argument_off_by_two():
    checks = {c.name: c for c in _claim("eq30").checks}
    (rec,) = records(checks["argument_as_printed"], {"c": 1, "z": 4, "gamma": Fraction(1, 4), "d": 10, "ell": 2})
    assert rec.lhs == 2 * rec.rhs == 32           # (28)'s argument is 2 c z^3 gamma, (30) prints c z^3 gamma
    assert run_symbolic(declared(checks["argument_computed"]))["verdict"] == "holds"


def test_eq45_strictness_counterexample_and_typo():
    chk = next(c for c in _claim("eq45").checks if c.name == "strict_from_nonstrict")
    r = certify_check(declared(chk))
    assert r["verdict"] == "violated"
    p = {k: Fraction(v) for k, v in r["counterexample"]["params"].items()}
    assert p["u"] == 1                             # |P| = 2|G|: premise holds, strict conclusion fails
    res = run_claim(_claim("eq45"), RunOptions(quick=True))
    assert res["verdict"] == "violated" and res["severity"] == "typo"
    assert res["correction"]["kind"] == "strictness" and res["correction"]["verdict"] == "holds"


# ------------------------------------------------------------------ implications certified

def test_eq48_to_eq49_certified_and_stated_auxiliary_is_not_the_needed_one():
    checks = {c.name: c for c in _claim("eq47_49").checks}
    for name in ("auxiliary_as_stated", "eq48_ge_eq49"):
        assert certify_check(declared(checks[name]))["verdict"] == "holds"
    assert run_symbolic(checks["eq48_minus_eq49"])["verdict"] == "holds"
    # at eps = 1/8, d = 1 the stated auxiliary holds (3 - 1 >= 1) but the needed one fails (1/2 < 1)
    t = 3
    assert 1 * (t - 1) >= 1 and 1 / 2 * (t - 2) < 1


def test_fn8_lambda_sharp_for_real_k():
    chk = next(c for c in _claim("fn8").checks if c.name == "reals_lambda_sufficient")
    r = certify_check(declared(chk))
    assert r["verdict"] == "holds" and {"k": 1, "q": 1} in r["certificate"]["touches"]


def test_step_appG_1_triangle_and_eq46_combination():
    for cid in ("step_appG_1", "eq46"):
        sym = [c for c in _claim(cid).checks if hasattr(c, "kind")]
        assert sym and all(run_symbolic(declared(c))["verdict"] == "holds" for c in sym)


# ------------------------------------------------------------------ App. A (c) => (d)

def test_phi_inverse_matches_lambert_w():
    for K in (1, 4, 1024):
        y = Fraction(1, K)
        lo, hi = ts.phi_inverse_bracket(y)
        cst = mpmath.log(2) / K                     # gamma ln(e/gamma) = cst
        closed = -cst / mpmath.lambertw(-cst / mpmath.e, -1).real
        assert _mp(lo) <= closed <= _mp(hi) + mpmath.mpf(2) ** -55
    assert ts.phi_inverse_bracket(Fraction(3, 2)) is None          # > log2 e: infeasible


def test_claim1_exact_ticket_is_above_appA_bound():
    assert ts.min_ticket_size(8, 2 ** 7) == 4          # sum_{i<=3} C(8,i) = 92 < 128 <= 162
    res = run_claim(_claim("claim1"), RunOptions(quick=True))
    assert res["verdict"] == "measured"                # a Theta claim: the numbers are reported
    pts = res["results"][0]["points"]
    assert pts and all(p["value"] >= p["bound"] for p in pts)   # exact ticket fraction >= App. A bound


def test_step_appA_quick_verdict_and_counterexample():
    res = run_claim(_claim("step_appA"), RunOptions(quick=True))
    assert res["verdict"] == "violated"
    ce = res["counterexample"]
    g = Fraction(ce["params"]["gamma"])
    assert 0 < g <= 1 and mpmath.log(mpmath.e / _mp(g), 2) > 1


# ------------------------------------------------------------------ engine extensions

def test_certify_polynomial_tail_and_log_factor():
    x, g, w = sp.symbols("x gamma w", positive=True)
    r = certify(x, x ** 2, "<=", {"x": (1, sp.oo)})
    assert r["verdict"] == "holds"                     # tail via u^2 (x^2 - x) -> X^2 - X u
    H = -g * sp.log(g, 2) - (1 - g) * sp.log(1 - g, 2)
    r = certify(g * sp.log(1 / g, 2), H, "<=", {"gamma": (0, 1)},
                options={"open": {"gamma": "both"}, "factor": True})
    assert r["verdict"] == "holds"                     # factor log(1 - gamma): sign of -gamma
    r = certify(x, x ** 2 - 1, ">=", {"x": (1, sp.oo)})
    assert r["verdict"] == "violated"                  # the u^p rewrite keeps counterexamples
    r = certify(1, sp.log(sp.E * w, 2), "<", {"w": (1, sp.oo)})
    assert r["verdict"] == "holds" and r["certificate"]["touches"] == []   # derivative zeros hidden


def _claim(short):
    from ticketcheck.bounds.registry import _CLAIMS
    return _CLAIMS[f"sparsity.{short}"]
