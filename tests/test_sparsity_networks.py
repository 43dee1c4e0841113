"""sparsity §4 / App. E / App. F: the fixed-point solver, the accounting, certified links (known answers)."""
from fractions import Fraction

import mpmath
import pytest
import sympy as sp

from ticketcheck.bounds.claim import CertifyCheck, SymbolicCheck
from ticketcheck.bounds.sparsity import corollary2 as c2
from ticketcheck.bounds.sparsity import networks as nw
from ticketcheck.exact.fixed_point import lambert_roots, log_square_fixed_points
from ticketcheck.harness.certify import certify_check
from ticketcheck.errors import InputError
from ticketcheck.harness.symbolic import run_symbolic

from _sparsity_helpers import declared, records

mpmath.mp.dps = 15


# ---------------------------------------------------------------- fixed-point solver

def test_hand_roots_of_n_equals_log2_squared():
    """n = log2^2 n: 4 = 2^2 and 16 = 4^2 by hand, plus one root in (0, 1)."""
    fp = log_square_fixed_points(1, 1)
    assert fp.regime == "three roots" and len(fp.roots) == 3
    with mpmath.workdps(60):
        assert abs(fp.roots[1] - 4) < mpmath.mpf(10) ** -50
        assert abs(fp.roots[2] - 16) < mpmath.mpf(10) ** -50
        tiny = fp.roots[0]
        assert 0.5 < tiny < 0.6 and abs(tiny - mpmath.log(tiny, 2) ** 2) < mpmath.mpf(10) ** -50
    assert fp.largest == fp.roots[2]
    # the inequality n >= log2^2 n holds on [r1, r2] U [r3, oo): 2 yes, 10 no (log2^2 10 = 11.03), 17 yes
    assert fp.satisfied(2) and not fp.satisfied(10) and fp.satisfied(17) and not fp.satisfied(Fraction(1, 2))


def test_solver_agrees_with_lambert_w_closed_form():
    for a, C in [(600000, 17), (Fraction(1, 10), 1), (3, Fraction(1, 2)), (10 ** 9, 200)]:
        fp, lw = log_square_fixed_points(a, C), lambert_roots(a, C)
        assert len(fp.roots) == len(lw)
        with mpmath.workdps(60):
            for r, s in zip(fp.roots, lw):
                assert abs(r - s) <= abs(s) * mpmath.mpf(10) ** -50


def test_one_root_below_threshold_and_tangent_case():
    # B = aC < (e ln2/2)^2 = 0.8875: only the root with a n < 1
    fp = log_square_fixed_points(Fraction(1, 10), 1)
    assert fp.regime == "one root" and len(fp.roots) == 1 and fp.roots[0] * fp.a < 1
    # B = (e ln 2/2)^2 exactly: double root y = 2/ln 2, i.e. n = 2^(2/ln 2) = e^2 (a = 1)
    fp = log_square_fixed_points(1, (sp.E * sp.log(2) / 2) ** 2)
    assert fp.regime.startswith("tangent") and len(fp.roots) == 2
    with mpmath.workdps(60):
        assert abs(fp.largest - mpmath.e ** 2) < mpmath.mpf(10) ** -40


def test_solver_bad_input_is_one_line_error():
    with pytest.raises(InputError):
        log_square_fixed_points(-1, 1)
    with pytest.raises(InputError):
        log_square_fixed_points(1, 1, dps=30)


def test_eq28_coefficients_give_its_fixed_point():
    a, C = nw.eq28_coefficients(2, 100, 100, Fraction(1, 10), Fraction(1, 10), 8)
    assert a == 2 * 2 * 100 * 100 == 40000
    n = log_square_fixed_points(a, C).largest
    with mpmath.workdps(60):
        h = -mpmath.mpf("0.1") * mpmath.log(mpmath.mpf("0.1"), 2) - mpmath.mpf("0.9") * mpmath.log(
            mpmath.mpf("0.9"), 2)
        rhs = 8 * mpmath.log(2 * 2 * 100 * 100 * mpmath.mpf("0.1") * n / mpmath.mpf("0.1"), 2) ** 2 / h
        assert abs(n - rhs) < n * mpmath.mpf(10) ** -45


# ---------------------------------------------------------------- App. F accounting, by hand

def test_hand_sized_network_accounting():
    """widths 2-3-1, n* = (5, 7), gamma' = 1/2 (computed by hand)."""
    acc = nw.network_accounting((2, 3, 1), [5, 7], Fraction(1, 2))
    # m = (2*4*5 + 2*2*3*5) + (2*9*7 + 2*3*1*7) = 100 + 168
    assert acc["m_formula"] == acc["m_entries"] == 268
    assert acc["rho"] == 3 and acc["gamma"] == Fraction(3, 2)
    l0, l1, l2, l3, l4 = acc["lines"]
    assert l0 == l1 == 4 * 2 * 3 * Fraction(5, 2) + 4 * 3 * 1 * Fraction(7, 2) == 102
    assert l1 <= l2 <= l3 == l4 == acc["gamma"] * 268


def test_layer_counts_by_hand():
    c = nw.layer_counts(2, 3, 5)
    assert c["full"] == 2 * 2 * 2 * 5 + 2 * 2 * 3 * 5 == 100       # 2 d1^2 n + 2 d1 d2 n
    assert c["pre"] == 2 * 2 * (3 + 1) * 5 == 80                    # 2 d1 (d2 + 1) n
    scan = nw._layer_scan(6, 1)
    assert all(v == 0 for v in scan["bad"].values())
    # density/gamma' - rho_1 is maximal (= 0) exactly at d1 = d2
    assert scan["worst"][0] == 0 and scan["worst"][1] == scan["worst"][2]


def test_rho_definition():
    rhos, rho = nw.rho_of((784, 300, 100, 10))
    assert rhos == [Fraction(784, 300), Fraction(3), Fraction(10)] and rho == 10


def test_basis_norm_by_vertex_enumeration():
    bs, hand = nw._basis("S3-{I,J}")
    assert abs(nw.basis_norm(bs) - hand) < 1e-12 and hand == 4


# ---------------------------------------------------------------- Cor 2: k-hypothesis set

@pytest.mark.parametrize("eps,camp", [(Fraction(1, 4), Fraction(1)), (Fraction(1, 100), Fraction(1, 8)),
                                      (Fraction(1, 10), Fraction(1, 64))])
def test_k_hypothesis_set_matches_brute_force(eps, camp):
    s = c2.k_hypothesis_set(eps, camp)
    top = 3 * (s["k_high"] or 2) + 50
    brute = [k for k in range(1, top) if c2.k_hypothesis_holds(k, eps, camp)]
    if s["all"]:
        assert brute == list(range(1, top))
    else:
        assert brute == list(range(1, s["k_low"] + 1)) + list(range(s["k_high"], top))


def test_thresholds_of_cor2_imply_cor1_at_small_c():
    # c_amp = 1/64, eps = 2^-20, k = 2: (4) needs n = 58, (3) only n = 10
    assert c2.n_min_eq4(2, Fraction(1, 2 ** 20), Fraction(1, 64)) == 58
    assert c2.n_min_eq3(2, Fraction(1, 2 ** 20), Fraction(1, 64)) == 10


# ---------------------------------------------------------------- certified links, true and false

def test_cert_links_true():
    assert certify_check(declared(c2.EQ42_CERT))["verdict"] == "holds"
    assert certify_check(declared(c2.SKELETON))["verdict"] == "holds"
    assert certify_check(declared(c2.EQ38_CERT))["verdict"] == "holds"
    assert certify_check(declared(c2.EQ36_CERT))["verdict"] == "holds"


def test_cert_links_deliberately_false():
    w, cm = c2.w_, c2.c_amp
    bad42 = CertifyCheck("eq42_bad", cm / (1 - w), 2 * cm, "<=",
                         {"w": (0, sp.Rational(3, 5)), "c_amp": (0, 100)})
    r = certify_check(bad42)
    assert r["verdict"] == "violated" and Fraction(r["counterexample"]["params"]["w"]) > Fraction(1, 2)
    # Corollary 2 with k >= c_amp A (factor 2 dropped) does not give (3): theta s + t/2 <= 1 fails
    bad_skel = CertifyCheck("skeleton_bad", c2.th_ * c2.s_ + c2.t_ / 2, 1, "<=",
                            {"theta": (0, 1), "s": (0, 1), "t": (0, 1)})
    assert certify_check(bad_skel)["verdict"] == "violated"
    # (38) needs k <= n/2: with n/k >= 3/2 only, log2(n/k) >= 1 fails
    bad38 = CertifyCheck("eq38_bad", sp.log(c2.r_, 2), 1, ">=", {"r": (sp.Rational(3, 2), sp.oo)})
    assert certify_check(bad38)["verdict"] == "violated"


def test_eq29_substitution_gives_twice_c_amp():
    as_printed, doubled = nw.EQ29_CHECKS[0], nw.EQ29_CHECKS[1]
    (rec,) = records(as_printed, {"ell": 2, "d_prev": 10, "d_i": 10, "eps": Fraction(1, 10),
                                  "gamma_prime": Fraction(1, 2), "c_amp": 1})
    ratio = rec.lhs / rec.rhs
    assert abs(float(ratio.mid()) - 2) < 1e-30        # (4) substituted is twice (29) as printed
    assert run_symbolic(declared(doubled))["verdict"] == "holds"


def test_eq44_is_eq28_after_substitution():
    assert run_symbolic(declared(nw.EQ44_MATCHES_28))["verdict"] == "holds"
    assert run_symbolic(nw.EQ44_AT_WRONG_X)["verdict"] == "violated"
    chk = next(c for c in nw.EQ29_CHECKS if c.name == "equal_width_count")
    assert run_symbolic(declared(chk))["verdict"] == "holds"


# ---------------------------------------------------------------- engine regression (limit = oo)

def test_symbolic_limit_infinite_vs_finite_is_violated():
    x, c = sp.symbols("x c", positive=True)
    bad = SymbolicCheck("lim_oo", "limit", x * c, rhs=4 * c, var=x, point=sp.oo)
    r = run_symbolic(bad)
    assert r["verdict"] == "violated" and r["counterexample"]["limit"] == "oo"
    good = SymbolicCheck("lim_fin", "limit", (4 * c * x + 1) / x, rhs=4 * c, var=x, point=sp.oo)
    assert run_symbolic(good)["verdict"] == "holds"


# ---------------------------------------------------------------- through the harness (registry)

def test_claims_run_through_the_harness():
    from ticketcheck.bounds.registry import get_claim
    from ticketcheck.harness.runner import RunOptions, run_claim
    r = run_claim(get_claim("sparsity.step_appF_total"), RunOptions(quick=True))
    assert r["verdict"] == "holds" and r["counts"].get("holds", 0) > 10
    r = run_claim(get_claim("sparsity.eq29"), RunOptions(quick=True, check="cor2_k_hypothesis_at_n29"))
    verdicts = {p["params"]["eps"]: p["verdict"] for p in r["results"][0]["points"]}
    # k-hypothesis of Cor 2 fails at eps = 1/10 and holds at eps = 2^-200 (l = 2, d = 100, gamma' = 1/2)
    assert verdicts["1/10"] == "violated" and verdicts[str(Fraction(1, 2 ** 200))] == "holds"
    r = run_claim(get_claim("sparsity.thm3"), RunOptions(quick=True, check="density_vs_gamma_on_profiles"))
    v = {p["params"]["profile"]: p["verdict"] for p in r["results"][0]["points"]
         if p["label"].startswith("App. F density")}
    assert v == {"equal-100x4": "holds", "mnist-784-300-100-10": "vacuous"}   # rho = 1 vs rho = 10
