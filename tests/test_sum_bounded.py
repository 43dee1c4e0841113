"""Sum-bounded densities (sparsity Def. 1, Lemma 1, App. C) and Lemma 2 / Corollary 3 machinery,
on cases with known answers: hand-computed n = 1, 2, exact identities, scipy's Irwin-Hall law,
closed forms of D_1 and sup|p_1 - phi|, Descartes certificates that must fail, Monte Carlo vs the
exact density of XY."""
import math
import random
from fractions import Fraction

import mpmath
import numpy as np
import pytest
import sympy as sp
from flint import arb, ctx, fmpq, fmpq_poly

from ticketcheck.bounds.sparsity import uniform_sum_constants as A
from ticketcheck.bounds.sparsity import lemma2_cor3 as L2
from ticketcheck.bounds.sparsity import sum_bounded as SB
from ticketcheck.exact import irwin_hall as ih
from ticketcheck.exact import irwin_hall_normal as ihn
from ticketcheck.exact.irwin_hall_shape import derivative_pieces, monotonicity_certificate
from ticketcheck.exact.polysign import descartes_bound, interval_sign, sign_variations
from ticketcheck.errors import InputError
from ticketcheck.harness.verdict import decide_point
from ticketcheck.montecarlo.estimate import clopper_pearson
from ticketcheck.montecarlo.rfss import draw_samples, parse_dist

from _sparsity_helpers import check_named, records


def _contains(ball: arb, value: float, slack: float = 1e-12) -> bool:
    return float(ball.mid()) - float(ball.rad()) - slack <= value <= float(ball.mid()) + float(ball.rad()) + slack


# ---------------------------------------------------------------- exact density: known answers

@pytest.mark.parametrize("n", range(1, 9))
def test_density_integrates_to_one_exactly(n):
    mass, mean, second = SB._moments(n)
    assert mass == 1 and mean == 0
    assert second == Fraction(n, 3)          # Var[Sigma_n] = n/3 (App. C)


def test_n1_n2_by_hand():
    for x in (Fraction(-1), Fraction(-1, 3), Fraction(0), Fraction(7, 9), Fraction(1)):
        assert ih.density(x, 1) == Fraction(1, 2)
    assert ih.density(Fraction(3, 2), 1) == 0
    for x in (Fraction(-2), Fraction(-5, 4), Fraction(0), Fraction(1, 3), Fraction(19, 10), Fraction(2)):
        assert ih.density(x, 2) == (2 - abs(x)) / 4                 # triangle on [-2, 2]
    for x in (Fraction(-2), Fraction(-1, 2), Fraction(0)):
        assert ih.cdf(x, 2) == (x + 2) ** 2 / 8
    assert ih.cdf(Fraction(1), 2) == 1 - Fraction(1, 8)
    # Lemma 1's constants at n = 1, 2 in closed form
    assert _contains(ihn.lower_point(1), 0.5) and _contains(ihn.upper_point(1), 0.5)
    assert _contains(ihn.lower_point(2), math.sqrt(2) * (2 - math.sqrt(2)) / 4)
    assert _contains(ihn.upper_point(2), 1 / math.sqrt(2))
    # P_L(2) = P(Sigma_2 >= sqrt 2) = (2 - sqrt 2)^2 / 8
    assert _contains(ihn.p_l(2), (2 - math.sqrt(2)) ** 2 / 8)


@pytest.mark.parametrize("n", [2, 3, 6, 11, 25])
def test_convolution_identity_exact_at_rational_points(n):
    rng = random.Random(n)
    for _ in range(30):
        q = rng.randint(1, 50)
        x = Fraction(rng.randint(-(n + 1) * q, (n + 1) * q), q)
        conv = (ih.cdf(x + 1, n - 1) - ih.cdf(x - 1, n - 1)) / 2
        assert ih.density(x, n) == conv
        assert ih.density(x, n) == ih.density(-x, n)


@pytest.mark.parametrize("n", [1, 2, 3, 5, 8, 13, 20])
def test_density_and_cdf_agree_with_scipy_irwinhall(n):
    law = pytest.importorskip("scipy.stats").irwinhall(n)
    for x in np.linspace(-n + 0.05, n - 0.05, 17):
        fx = Fraction(float(x))
        y = (float(x) + n) / 2                           # Sigma_n = 2 I_n - n
        assert float(ih.density(fx, n)) == pytest.approx(law.pdf(y) / 2, rel=1e-8, abs=1e-12)
        assert float(ih.cdf(fx, n)) == pytest.approx(law.cdf(y), rel=1e-8, abs=1e-12)


def test_arb_values_agree_with_exact_rationals_at_low_precision():
    for n in (3, 40, 150):
        for x in (Fraction(0), Fraction(1, 3), Fraction(n, 2)):
            for prec in (None, ihn.fast_prec(n)):
                d = ih.density_arb(x, n, prec=prec)
                q = ih.density(x, n)
                with ctx_prec(4000):
                    assert d.overlaps(arb(fmpq(q.numerator, q.denominator)))
                    assert d.rad() < 2.0 ** -60


# ---------------------------------------------------------------- exact sign certificates

def test_sign_variations_and_descartes_known_answers():
    assert sign_variations([1, 0, -2, 3, 0, 0, -1]) == 3
    assert descartes_bound([Fraction(-1, 4), 0, 1], 0, 1) == 1    # x^2 - 1/4: one root in (0, 1)
    assert descartes_bound([1, 0, 1], 0, 5) == 0                      # x^2 + 1 on (0, 5)
    assert descartes_bound([1, 0, 1], -5, 5) == 2                     # only an upper bound ...
    assert interval_sign([1, 0, 1], -5, 5).sign == 1                  # ... bisection decides


def test_interval_sign_certifies_and_refutes():
    assert interval_sign([4, -4, 1], 0, 1).sign == 1                  # (x - 2)^2 > 0 on (0, 1)
    c = interval_sign([Fraction(-1, 4), 0, 1], 0, 1)                  # x^2 - 1/4 changes sign
    assert c.sign is None and c.sign_change is not None
    assert interval_sign([0], 0, 1).sign == 0
    c = interval_sign([0, 0, 1], -1, 1)                               # x^2: >= 0, zero at 0 only
    assert c.sign == 1 and Fraction(0) in c.zeros
    assert interval_sign([0, 0, 0, 1], -1, 1).sign is None            # x^3 changes sign at 0


def test_monotonicity_certificate_on_pieces():
    cert = monotonicity_certificate(7)
    assert cert["monotone"] and cert["strict"] and cert["failure"] is None
    # the derivative piece on y in [0, 1] is 7 y^5 > 0 ... up to the factor: B_{7,0} = y^5
    assert derivative_pieces(7)[0].coeffs() == [0, 0, 0, 0, 0, 1]
    # n = 1: flat, monotone but not strictly
    c1 = monotonicity_certificate(1)
    assert c1["monotone"] and not c1["strict"]
    # a piece of the derivative is negative on the right half: certified with sign -1
    right = [p for p in cert["pieces"] if p["required"] == -1]
    assert right and all(p["sign"] == -1 for p in right)


def test_certificate_rejects_a_non_monotone_piece():
    """The derivative of f(., 5) on its first piece, used on the wrong side, must be refused."""
    b = derivative_pieces(5)[0]                  # = y^3 > 0 on (0, 1): increasing
    assert interval_sign(b, 0, 1).sign == 1
    assert interval_sign(-b, 0, 1).sign == -1    # a "decreasing" claim on that piece is refuted
    wiggly = fmpq_poly(b) - fmpq(1, 8)           # y^3 - 1/8: root at y = 1/2 inside
    assert interval_sign(wiggly, 0, 1).sign_change is not None


# ---------------------------------------------------------------- distances to the normal law

def test_D1_closed_form_inside_enclosure():
    """n = 1: F_1 linear on [-sqrt3, sqrt3]; max |F_1 - Phi| where phi(z) = 1/(2 sqrt 3)."""
    mpmath.mp.dps = 40
    zs = mpmath.sqrt(mpmath.log(6 / mpmath.pi))
    d1 = mpmath.ncdf(zs) - (zs + mpmath.sqrt(3)) / (2 * mpmath.sqrt(3))
    g = ihn.sup_gap(1, "cdf", rtol=1e-4)
    assert float(g["lower"].mid()) - 1e-12 <= float(d1) <= float(g["upper"].mid()) + 1e-12
    assert float(g["lower"].mid()) == pytest.approx(float(d1), rel=1e-6)
    assert g["argmax_z"] == pytest.approx(float(zs), abs=1e-4)


def test_density_gap_n1_closed_form():
    val = 1 / (2 * math.sqrt(3)) - math.exp(-1.5) / math.sqrt(2 * math.pi)
    g = ihn.sup_gap(1, "density", rtol=1e-3)
    assert float(g["lower"].mid()) == pytest.approx(val, rel=1e-9)
    assert float(g["upper"].mid()) >= val


@pytest.mark.parametrize("n", [3, 12])
def test_sup_gap_encloses_a_brute_force_grid_maximum(n):
    """A fine float grid (mpmath) never exceeds the rigorous upper end; the lower end is close."""
    s = math.sqrt(n / 3)
    law = pytest.importorskip("scipy.stats").irwinhall(n)
    zs = np.linspace(0, 4.5, 4001)
    brute = max(abs(law.cdf((z * s + n) / 2) - 0.5 * math.erfc(-z / math.sqrt(2))) for z in zs)
    g = ihn.sup_gap(n, "cdf", rtol=1e-3)
    assert brute <= float(g["upper"].mid()) + 1e-12
    assert float(g["lower"].mid()) >= brute - 1e-6


@pytest.mark.parametrize("n", [2, 3, 4, 6])
def test_derivative_bounds_used_by_the_enclosure(n):
    """sup|f'(., n)| <= f(0, n-1)/2 on a rational grid, f' = (f(x+1, n-1) - f(x-1, n-1))/2."""
    bound = ih.density(0, n - 1) / 2
    for i in range(-8 * n, 8 * n + 1):
        x = Fraction(i, 8)
        d = (ih.density(x + 1, n - 1) - ih.density(x - 1, n - 1)) / 2
        assert abs(d) <= bound


def test_sup_gap_rejects_bad_input():
    with pytest.raises(InputError):
        ihn.sup_gap(3, "pdf")
    with pytest.raises(InputError):
        ihn.sup_gap(0, "cdf")


# ---------------------------------------------------------------- App. C numbers

def test_appc_numbers_against_mpmath():
    mpmath.mp.dps = 40
    w = mpmath.ncdf(2 * mpmath.sqrt(3)) - mpmath.ncdf(mpmath.sqrt(3))
    c18 = w - 2 * mpmath.sqrt(3) / (20 * mpmath.sqrt(18))
    assert _contains(A.c18(), float(c18), 1e-15)
    # smallest cutoffs: Allasia 18, Berry-Esseen (0.4748, beta_3 = 3 sqrt 3/4) 890
    n18 = next(n for n in range(1, 100) if w - 2 * mpmath.sqrt(3) / (20 * mpmath.sqrt(n)) > 0)
    nbe = next(n for n in range(1, 2000) if w - 2 * mpmath.mpf("0.4748") * 3 * mpmath.sqrt(3) / 4
               / mpmath.sqrt(n) > 0)
    recs = records(check_named("sparsity.step_appC_C18", "smallest_n"), {"n": 18})
    assert recs[0].lhs == n18 == 18
    recs = records(check_named("sparsity.fn7", "berry_esseen_cutoff"), {"C_BE": A.BE_CONSTANT})
    assert recs[0].lhs == nbe == 890
    cp, which = A.c_prime()
    assert which == "C_18" and _contains(cp, float(c18), 1e-15)


def test_phi0_typo_is_detected_and_classified():
    from ticketcheck.bounds.registry import get_claim
    from ticketcheck.harness.runner import RunOptions, run_claim
    chk = check_named("sparsity.step_appC_upper", "phi0_as_printed")
    (rec,) = records(chk, {})
    assert float(rec.lhs.mid()) == pytest.approx(1 / math.sqrt(2 * math.pi) - 1 / (2 * math.pi))
    (fixed,) = records(chk, {}, constants={"phi0": 1 / sp.sqrt(2 * sp.pi)})
    assert fixed.lhs == 0                            # the symbol phi(0) of the same display
    res = run_claim(get_claim("sparsity.step_appC_upper"), RunOptions(quick=True))
    assert res["verdict"] == "violated" and res["severity"] == "typo"


# ---------------------------------------------------------------- Definition 1: the check can fail

def test_def1_constants_and_cauchy_control():
    with ctx_prec(256):
        g = SB._sum_constants("gaussian:1", 5)
        assert _contains(g["c_l"], math.exp(-0.5) / math.sqrt(2 * math.pi))
        u = SB._sum_constants("uniform", 20)
        assert u["argmax_k"] == 2 and _contains(u["c_u"], 1 / math.sqrt(2))
        recs = list(SB._def1({"density": "cauchy", "k_max": 50}))
    first = recs[0]           # Definition 1's constants are reported; Cauchy's c_l* is 0 (its limit)
    assert first.relation == "report" and first.info["c_l"] == 0.0
    with pytest.raises(InputError):
        SB._sum_constants("laplace", 3)


class ctx_prec:
    def __init__(self, bits):
        self.bits = bits

    def __enter__(self):
        self.old = ctx.prec
        ctx.prec = self.bits

    def __exit__(self, *a):
        ctx.prec = self.old


# ---------------------------------------------------------------- Lemma 2

def test_largest_uniform_weights():
    assert sp.simplify(L2.largest_uniform_weight(sp.Rational(1, 2)) - sp.log(2) / 4) == 0
    assert L2.largest_uniform_weight(sp.Integer(1)) == 0
    assert L2.largest_uniform_weight(sp.Integer(2)) == 0
    assert sp.simplify(L2.largest_uniform_weight(sp.exp(-1)) - sp.exp(-1) / 2) == 0


def test_xy_density_by_monte_carlo():
    """Counts of XY (X ~ U[0,1], Y ~ U[-1,1]) in bins vs the exact mass of (1/2) ln(1/|w|)."""
    rng = np.random.default_rng(20241017)
    N = 200_000
    w = rng.uniform(0, 1, N) * rng.uniform(-1, 1, N)

    def mass(a, b):          # int_a^b (1/2) ln(1/w) dw for 0 <= a < b <= 1
        F = lambda t: 0.0 if t == 0 else 0.5 * (t - t * math.log(t))  # noqa: E731
        return F(b) - F(a)
    for a, b in ((0.0, 0.01), (0.1, 0.2), (0.45, 0.5), (0.9, 1.0)):
        k = int(np.sum((w > a) & (w <= b)))
        lo, hi = clopper_pearson(k, N, 0.9999)
        assert lo <= mass(a, b) <= hi


def test_distribution_D_sampler_matches_lemma2():
    """montecarlo.rfss dist 'D': an atom 1/2 at 0 and the XY law otherwise."""
    code, p, oc, op = parse_dist("D")
    xs = np.concatenate([draw_samples(np.uint64(7), t, 4000, code, p, oc, op) for t in range(25)])
    N = xs.size
    zeros = int(np.sum(xs == 0.0))
    lo, hi = clopper_pearson(zeros, N, 0.9999)
    assert lo <= 0.5 <= hi
    k = int(np.sum(np.abs(xs) > 0.5))
    exact = 0.5 * 0.5 * (1 - math.log(2))          # (1/2) P(|XY| > 1/2) = (1/2) int_{1/2<|w|<1} h
    lo, hi = clopper_pearson(k, N, 0.9999)
    assert lo <= exact <= hi


# ---------------------------------------------------------------- claim-level smoke (quick grids)

@pytest.mark.parametrize("cid,expected", [("sparsity.step_appC_conv", "holds"),
                                          ("sparsity.lemma2.as_used_in_thm3", "violated")])
def test_claims_compute_their_verdicts(cid, expected):
    from ticketcheck.bounds.registry import get_claim
    from ticketcheck.harness.runner import RunOptions, run_claim
    res = run_claim(get_claim(cid), RunOptions(quick=True))
    assert res["verdict"] == expected


def test_symbolic_engine_evaluates_unevaluated_integrals():
    """Regression (harness.symbolic._doit): declarations keep Integral/Derivative unevaluated and the
    engine integrates them when the check runs, both to prove and to refute."""
    from ticketcheck.bounds.claim import SymbolicCheck
    from ticketcheck.harness.symbolic import run_symbolic
    t, t0, xp, s = sp.symbols("tau tau0 xp sigma", real=True)
    c = sp.Symbol("c", positive=True)
    lhs = sp.Integral(sp.exp(c * (xp + 1 + t - t0)), (t, -1, t0))
    good = sp.Integral(sp.exp(c * (xp - s)), (s, -1, t0))
    bad = sp.Integral(sp.exp(c * (xp - s)), (s, -1, -t0))
    opts = {"positive": ["c"]}
    assert run_symbolic(SymbolicCheck("ok", "identity", lhs, good, options=opts))["verdict"] == "holds"
    assert run_symbolic(SymbolicCheck("ko", "identity", lhs, bad, options=opts))["verdict"] == "violated"
