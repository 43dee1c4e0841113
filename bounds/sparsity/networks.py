"""``sparsity`` §4 (Eq. (27), Definitions of rho and ||B||, Theorems 3 and 4, Eq. (29)) and the
accounting of Appendix F (Eq. (44), [25] Lemmas 1-3 and Theorem 1 redone with Corollary 1).

What is computed (claims.md §2.4, §2.8):

* **Fixed points.** Eq. (28) ``n = c_amp log2^2(2 l d_{i-1} d_i gamma' n / eps) / H2(gamma')``, Eq. (44)
  and Theorem 4's equation are all ``n = C log2^2(a n)``; :mod:`exact.fixed_point` finds every
  positive root (1, 2 or 3 of them: with ``B = a C`` there are three iff ``B > (e ln2 / 2)^2``; the
  smallest root always has ``a n < 1``, i.e. a negative logarithm) by bracketing + bisection at 60
  digits, cross-checked against the Lambert-W closed form. The largest root is the default ``n*``.
  c_amp is existential, so every number is reported per ``c_amp``.
* **Corollary 1's ranges at n***: ``k = gamma' n* >= 1``, ``eps' = eps/(2 l d_{i-1} d_i) < 1/2``,
  ``k <= n*/2`` (i.e. ``gamma' <= 1/2``; Theorem 3 allows ``gamma' in (0, 1)``, the part
  ``(1/2, 1)`` needs Remark 1's ``k <= lambda n``), and the union bound over the
  ``2 d_{i-1} d_i`` applications per layer summing to ``eps``.
* **Density / vacuity.** App. F's count ``m_t <= sum 4 d_{i-1} d_i k_i`` over
  ``m = sum (2 d_{i-1}^2 + 2 d_{i-1} d_i) n_i*`` against ``gamma = rho gamma'`` (a density bound:
  ``vacuous`` when ``gamma >= 1``).
* **Eq. (29)**: the substitution into Corollary 2's (4) (it gives ``2 c_amp``, not ``c_amp``), Corollary
  2's k-hypothesis at the (29) value of ``n*``, and the equal-width parameter count.
* **App. F accounting**: links, widths, surviving edges and densities of [25] Lemmas 1-3 and of the
  whole network, exactly (Fractions), exhaustively for layers with ``d_1, d_2 <= 200`` and on random
  width profiles; ``m`` against the entry count of Theorem 3's matrices ``M_{2i-1}, M_{2i}``.
"""
from __future__ import annotations

import itertools
import math
import random
from fractions import Fraction
from functools import lru_cache

import mpmath
import sympy as sp
from flint import arb

from ticketcheck.bounds.claim import ComputedCheck, Falsifier, Inherit, Param, SymbolicCheck
from ticketcheck.bounds.sparsity.printed_forms import EQ4_RHS, H2, c_amp, eps_, k_, n_
from ticketcheck.bounds.sparsity.sample_size import frac_arb, h2_arb, log2_arb, with_prec
from ticketcheck.bounds.sparsity.declare import (P_CAMP, P_D, P_ELL, P_EPS, P_GP, P_N, TIGHTEN, claim, cmp,
                                             computed, report)
from ticketcheck.bounds.sparsity.construction import thm3_construction
from ticketcheck.exact.fixed_point import lambert_roots, log_square_fixed_points

R = sp.Rational


def lg(z):
    return sp.log(z, 2)


# ---- symbols and the displayed equations -------------------------------------------------------
ell, dp, di, gp, x_arg, nf, pB, normB, gam, nt = sp.symbols(
    "ell d_prev d_i gamma_prime x n_f p_B normB gamma n_tilde", positive=True)
EQ28_RHS = c_amp * lg(2 * ell * dp * di * gp * n_ / eps_) ** 2 / H2(gp)           # Eq. (28)
EQ29_RHS = c_amp * lg(2 * ell * dp * di / eps_) ** 2 / H2(gp)                     # Eq. (29)
EQ44_RHS = (c_amp * lg(k_ * x_arg) ** 2 / H2(k_ / n_)).subs(k_, gp * n_)          # Eq. (44), k = gamma' n
THM4_RHS = c_amp * lg(2 * ell * nf ** 2 * sp.Max(pB, normB) * gam * nt / eps_) ** 2 / H2(gam)

# sample width profiles d_0, ..., d_l (def3, thm3, step_appF_total)
PROFILES = {
    "equal-100x4": (100, 100, 100, 100, 100),
    "mnist-784-300-100-10": (784, 300, 100, 10),
    "bottleneck-512-64-512": (512, 64, 512),
    "expand-10-1000-10": (10, 1000, 10),
    "doubling-16-32-64-128": (16, 32, 64, 128),
    "scalar-1-64-64-1": (1, 64, 64, 1),
}


def rho_of(widths) -> tuple[list[Fraction], Fraction]:
    """Definition (§4): rho_i = max(d_{i-1}/d_i, d_i/d_{i-1}), rho = max_i rho_i (exact)."""
    rhos = [max(Fraction(a, b), Fraction(b, a)) for a, b in zip(widths, widths[1:])]
    return rhos, max(rhos)


def _q(v) -> Fraction:
    return Fraction(v) if not isinstance(v, Fraction) else v


def _params(ctx) -> dict:
    return {k: v for k, v in ctx.items() if not k.startswith("_")}


def _h2(g: Fraction):
    return H2(sp.Rational(g.numerator, g.denominator))


def eq28_coefficients(ell_: int, d_prev: int, d: int, eps: Fraction, gprime: Fraction, camp):
    """``(a, C)`` with Eq. (28) = ``n = C log2^2(a n)``: ``a = 2 l d_{i-1} d_i gamma'/eps``,
    ``C = c_amp / H2(gamma')``."""
    return 2 * ell_ * d_prev * d * gprime / eps, sp.nsimplify(_q(camp)) / _h2(gprime)


def _s(v, digits=12) -> str:
    return mpmath.nstr(v, digits)


# ================================================================ fixed points (NUM)

def roots_comparisons(p: dict, a, C, what: str):
    """All positive roots of ``n = C log2^2(a n)`` by bracketing vs Lambert W; residual at n*."""
    fp = log_square_fixed_points(a, C)
    lw = lambert_roots(a, C)
    info = {"equation": what, **fp.to_json(14)}
    yield cmp(p, len(fp.roots), len(lw), "==",
              "number of positive roots: bracketing solver vs Lambert-W closed form", **info)
    with mpmath.workdps(60):
        rel = abs(fp.largest - lw[-1]) / fp.largest
        resid = abs(fp.largest - fp.rhs(fp.largest)) / fp.largest
    yield cmp(p, rel, mpmath.mpf(10) ** -45, "<=",
              "|n*_bracketing - n*_LambertW| / n* (largest root, 60 digits)")
    yield cmp(p, resid, mpmath.mpf(10) ** -45, "<=", "|n* - C log2^2(a n*)| / n* at the largest root")


def _thm3_roots(ctx):
    p = _params(ctx)
    a, C = eq28_coefficients(int(ctx["ell"]), int(ctx["d_prev"]), int(ctx["d_i"]), _q(ctx["eps"]),
                             _q(ctx["gamma_prime"]), ctx["c_amp"])
    yield from roots_comparisons(p, a, C, "Eq. (28)")


def _largest_root(ell_, d_prev, d, eps, gprime, camp) -> mpmath.mpf:
    a, C = eq28_coefficients(ell_, d_prev, d, eps, gprime, camp)
    return log_square_fixed_points(a, C).largest


def _thm3_cor1_ranges(ctx):
    """Corollary 1's hypotheses when it is applied with k = gamma' n*, eps' = eps/(2 l d_{i-1} d_i)."""
    p = _params(ctx)
    ell_, d_prev, d = int(ctx["ell"]), int(ctx["d_prev"]), int(ctx["d_i"])
    eps, gprime = _q(ctx["eps"]), _q(ctx["gamma_prime"])
    n_star = _largest_root(ell_, d_prev, d, eps, gprime, ctx["c_amp"])
    k = gprime.numerator * n_star / gprime.denominator
    eps1 = eps / (2 * ell_ * d_prev * d)
    info = {"n_star": _s(n_star), "k": _s(k), "eps_prime": str(eps1)}
    yield cmp(p, k, 1, ">=", "k = gamma' n* >= 1 (Cor 1 needs an integer k >= 1)", **info)
    yield cmp(p, eps1, Fraction(1, 2), "<", "eps' = eps/(2 l d_{i-1} d_i) < 1/2 (Cor 1's range)")


def _profile_layers(widths):
    return list(zip(widths, widths[1:]))


def _thm3_density(ctx):
    """App. F's density bound with n_i* = largest root of (28), against gamma = rho gamma'."""
    widths = PROFILES[ctx["profile"]]
    ell_ = len(widths) - 1
    eps, gprime, camp = _q(ctx["eps"]), _q(ctx["gamma_prime"]), ctx["c_amp"]
    rhos, rho = rho_of(widths)
    layers = _profile_layers(widths)
    with mpmath.workdps(60):
        ns = [_largest_root(ell_, a, b, eps, gprime, camp) for a, b in layers]
        m = sum((2 * a * a + 2 * a * b) * n for (a, b), n in zip(layers, ns))
        g = mpmath.mpf(gprime.numerator) / gprime.denominator
        m_t = sum(4 * a * b * g * n for (a, b), n in zip(layers, ns))
        density = m_t / m
    # m_t/m is the average of t_i = 2 d_i/(d_{i-1} + d_i) (times gamma') with weights
    # (2 d_{i-1}^2 + 2 d_{i-1} d_i) n_i*: exact when all t_i agree (e.g. equal widths: gamma' itself)
    ts = {Fraction(2 * b, a + b) for a, b in layers}
    if len(ts) == 1:
        density = ts.pop() * gprime
    gamma = rho * gprime
    tight = max(Fraction(2 * b, a + b) for a, b in layers) * gprime
    target = sum(a * b for a, b in layers)
    p = _params(ctx)
    # judged exactly: m_t/m is a weighted average (positive weights) of 2 d_i/(d_{i-1}+d_i) gamma',
    # so it is at most their maximum `tight`, an exact rational; the 60-digit value is info
    yield cmp(p, tight, gamma, "<=", "App. F density m_t/m (a weighted average of 2 d_i/(d_{i-1}+d_i) "
              "gamma' with positive weights, bounded exactly by their maximum) vs gamma = rho gamma' (a "
              "density bound >= 1 is vacuous)", kind="probability", rho=str(rho),
              lhs_tex=r"\max_i\frac{2d_i}{d_{i-1}+d_i}\gamma'\ \ (\ge m_t/m)", rhs_tex=r"\gamma=\rho\gamma'",
              density_60_digits=_s(density, 20),
              rho_i=[str(r) for r in rhos], gamma=str(gamma), vacuous=bool(gamma >= 1),
              tighter_bound_max_i_2d_i_over_sum=str(tight), n_i_star=[_s(n, 8) for n in ns],
              m=_s(m, 10), overparameterization_m_over_target=_s(m / target, 8),
              smallest_eps_prime=str(eps / (2 * ell_ * max(a * b for a, b in layers))))


# ================================================================ grids

def _thm3_grid(full: bool):
    shapes = [(2, 100, 100), (3, 784, 300), (10, 1000, 1000)] if full else [(2, 100, 100)]
    epss = [Fraction(1, 10), Fraction(1, 1000)] if full else [Fraction(1, 10)]
    gps = [Fraction(1, 100), Fraction(1, 10), Fraction(1, 2), Fraction(3, 4)] if full else \
        [Fraction(1, 10), Fraction(3, 4)]
    camps = [1, 64] if full else [1]
    pts = [{"ell": l_, "d_prev": a, "d_i": b, "eps": e, "gamma_prime": g, "c_amp": c}
           for (l_, a, b), e, g, c in itertools.product(shapes, epss, gps, camps)]
    # a one-root regime (B < (e ln 2/2)^2): only the root with a n < 1 exists
    pts.append({"ell": 1, "d_prev": 1, "d_i": 1, "eps": Fraction(1, 2), "gamma_prime": Fraction(1, 2),
                "c_amp": Fraction(1, 100)})
    return lambda: pts


def _density_grid(full: bool):
    names = list(PROFILES) if full else ["equal-100x4", "mnist-784-300-100-10"]
    gps = [Fraction(1, 100), Fraction(1, 10), Fraction(1, 2)] if full else [Fraction(1, 10)]
    return lambda: [{"profile": nm, "gamma_prime": g, "eps": Fraction(1, 100), "c_amp": 1}
                    for nm in names for g in gps]


GP_ = sp.Symbol("gamma_prime")


THM3_ROOTS = computed("eq28_roots", _thm3_roots, _thm3_grid(True), _thm3_grid(False),
                      doc="NUM: every positive root of Eq. (28), bracketing vs Lambert W, 60 digits (two "
                          "solvers agreeing: measured).")
THM3_RANGES = ComputedCheck(
    "cor1_ranges_at_n_star", _thm3_cor1_ranges, lambda: _thm3_grid(True)()[:-1],
    hypothesis=GP_ <= Fraction(1, 2), quick_grid=lambda: _thm3_grid(False)()[:-1],
    doc="Corollary 1's hypotheses at the largest root (k >= 1, eps' < 1/2); gamma' > 1/2 violates "
        "Cor 1's k <= n/2 as stated: those points are out_of_scope (Remark 1's k <= lambda n covers "
        "them). The one-root (meaningless) regime of the roots grid is left out here. Far from "
        "failing on the grid (k >> 1, eps' << 1/2): measured.")
THM3_CONSTRUCTION = ComputedCheck(
    name="construction", compute=thm3_construction, constants={"four": 4},
    falsifiers=(Falsifier.scale("four", Fraction(1, 2), doc="2 d_{i-1} d_i k surviving edges"),),
    grid=lambda: [{"widths": "2x2x2", "n": 40, "eps": "1/2", "gamma_prime": "1/4", "draws": 6},
                  {"widths": "2x3x2", "n": 40, "eps": "1/2", "gamma_prime": "1/4", "draws": 6},
                  {"widths": "2x2x2", "n": 40, "eps": "1/2", "gamma_prime": "1/8", "draws": 6}],
    quick_grid=lambda: [{"widths": "2x2x2", "n": 32, "eps": "1/2", "gamma_prime": "1/4",
                         "draws": 2}],
    doc="continuous construction of App. F with fixed-size subsets (k = gamma' n per half): "
        "surviving edges, density vs gamma = rho gamma', exact sup error vs eps, success "
        "frequency and the c_amp implied by n (bounds/sparsity/construction.py)")
THM3_DENSITY = computed("density_vs_gamma_on_profiles", _thm3_density, _density_grid(True),
                        _density_grid(False), falsifiers=(TIGHTEN,),
                        doc="App. F's density with n_i* from (28) vs gamma = rho gamma' on sample "
                            "width profiles (vacuous where rho gamma' >= 1).")


# ================================================================ Theorem 4 / Eq. (44) roots

def _thm4_roots(ctx):
    p = _params(ctx)
    g = _q(ctx["gamma"])
    a = 2 * int(ctx["ell"]) * int(ctx["n_f"]) ** 2 * max(_q(ctx["p_B"]), _q(ctx["normB"])) * g \
        / _q(ctx["eps"])
    yield from roots_comparisons(p, a, sp.nsimplify(_q(ctx["c_amp"])) / _h2(g), "Theorem 4")


def _thm4_grid(full: bool):
    bases = [(2, 2), (2, 4), (9, 9)] if full else [(2, 4)]   # |B|, ||B|| from sparsity.def4
    nfs = [4, 64] if full else [4]
    gs = [Fraction(1, 10), Fraction(1, 2)] if full else [Fraction(1, 10)]
    camps = [1, 64] if full else [1]
    return lambda: [{"ell": 2, "n_f": f, "p_B": pb, "normB": nb, "gamma": g, "eps": Fraction(1, 100),
                     "c_amp": c} for (pb, nb), f, g, c in itertools.product(bases, nfs, gs, camps)]


def _eq44_roots(ctx):
    g, e = _q(ctx["gamma_prime"]), _q(ctx["eps"])
    yield from roots_comparisons(_params(ctx), g / e, sp.nsimplify(_q(ctx["c_amp"])) / _h2(g),
                                 "Eq. (44) at x = 1/eps (n* = n*(1/eps))")


def _eq44_grid(full: bool):
    gs = [Fraction(1, 100), Fraction(1, 2)] if full else [Fraction(1, 2)]
    es = [Fraction(1, 10), Fraction(1, 1000)] if full else [Fraction(1, 10)]
    cs = [1, 64] if full else [1]
    return lambda: [{"gamma_prime": g, "eps": e, "c_amp": c} for g, e, c in itertools.product(gs, es, cs)]


TWO_ = sp.Symbol("two", positive=True)       # the 2 of 2 l d_{i-1} d_i (Eqs. (28), (29), (44))
EQ28_RHS_C = c_amp * lg(TWO_ * ell * dp * di * gp * n_ / eps_) ** 2 / H2(gp)
EQ44_MATCHES_28 = SymbolicCheck(
    "matches_eq28", "substitution", EQ44_RHS, EQ28_RHS_C, subs={x_arg: 2 * ell * di * dp / eps_},
    constants={TWO_: 2},
    options={"domain": {"gamma_prime": (R(1, 100), R(1, 2))}},
    doc="(44) with k = gamma' n and x = 2 l d_i d_{i-1}/eps is (28).")
EQ44_AT_WRONG_X = SymbolicCheck(
    "x_without_2l", "substitution", EQ44_RHS, EQ28_RHS, subs={x_arg: di * dp / eps_},
    options={"domain": {"gamma_prime": (R(1, 100), R(1, 2))}},
    doc="(a control, used by the tests) x = d_i d_{i-1}/eps, as in [25] Lemma 3, is not (28).")


# ================================================================ Eq. (29)

def _k_hyp_margin(k, eps1, camp):
    """``k - 2 c_amp (log2^2 k + 2 log2 k log2(1/eps'))`` (mpmath, 60 digits)."""
    u = mpmath.log(k, 2)
    return k - 2 * camp * (u * u + 2 * u * mpmath.log(1 / eps1, 2))


def _crossing_t(ell_: int, d: int, g, coef, cm) -> int | None:
    """Smallest t <= 2^16 with the k-hypothesis true at eps = 2^-t (k = g coef log2^2(1/eps'));
    the margin is negative for small t and grows like t^2 against t log t, so the crossing is found
    by doubling and bisection (the predicate is re-evaluated at the reported t and t - 1)."""
    def ok(t):
        with mpmath.workdps(30):
            e1 = mpmath.mpf(2) ** -t / (2 * ell_ * d * d)
            kk = g * coef * mpmath.log(1 / e1, 2) ** 2
            return kk >= 1 and _k_hyp_margin(kk, e1, cm) >= 0
    if ok(1):
        return 1
    hi = 2
    while not ok(hi):
        hi *= 2
        if hi > 2 ** 16:
            return None
    lo = hi // 2
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (lo, mid) if ok(mid) else (mid, hi)
    return hi


def _eq29_khyp(ctx):
    """Corollary 2's k-hypothesis at k = gamma' n*, n* from (29) (as printed, or with 2 c_amp)."""
    ell_, d = int(ctx["ell"]), int(ctx["d"])
    eps, gprime, camp = _q(ctx["eps"]), _q(ctx["gamma_prime"]), _q(ctx["c_amp"])
    factor = 1 if ctx["reading"] == "as_printed" else 2
    eps1 = eps / (2 * ell_ * d * d)
    with with_prec(256):                  # arb balls: a rigorous comparison
        l1 = log2_arb(1 / eps1)
        h = h2_arb(gprime)
        n_star = factor * frac_arb(camp) * l1 ** 2 / h
        k = frac_arb(gprime) * n_star
        lk = k.log() / arb(2).log()
        rhs = frac_arb(Fraction(ctx.constant("two"))) * frac_arb(camp) * (lk ** 2 + 2 * lk * l1)
    with mpmath.workdps(60):
        g = mpmath.mpf(gprime.numerator) / gprime.denominator
        cm = mpmath.mpf(camp.numerator) / camp.denominator
        hm = -g * mpmath.log(g, 2) - (1 - g) * mpmath.log(1 - g, 2)
        t_cross = _crossing_t(ell_, d, g, factor * cm / hm, cm)
    yield cmp(_params(ctx), k, rhs, ">=",
              "Cor 2's k-hypothesis at k = gamma' n*(29): k >= 2 c_amp (log2^2 k + 2 log2 k log2(1/eps'))",
              lhs_tex=r"k=\gamma' n^*_{(29)}",
              rhs_tex=r"2c_{amp}(\log_2^2k+2\log_2k\log_2\frac1{\varepsilon'})",
              n_star=float(n_star.mid()), k=float(k.mid()), k_hypothesis_rhs=float(rhs.mid()),
              holds_for_eps_2_pow_minus_t_from_t=t_cross)


def _eq29_grid(full: bool):
    ells = [2, 10] if full else [2]
    ds = [10, 1000] if full else [100]
    es = [Fraction(1, 10), Fraction(1, 1000), Fraction(1, 2 ** 40), Fraction(1, 2 ** 200)] if full \
        else [Fraction(1, 10), Fraction(1, 2 ** 200)]
    gs = [Fraction(1, 100), Fraction(1, 2)] if full else [Fraction(1, 2)]
    cs = [1, 8] if full else [1]
    rs = ["as_printed", "via_cor2_2c_amp"] if full else ["via_cor2_2c_amp"]
    return lambda: [{"ell": l_, "d": d, "eps": e, "gamma_prime": g, "c_amp": c, "reading": r}
                    for l_, d, e, g, c, r in itertools.product(ells, ds, es, gs, cs, rs)]


_SUBS_29 = {k_: gp * n_, eps_: eps_ / (2 * ell * dp * di)}
EQ4_SUBSTITUTED = EQ4_RHS.subs(_SUBS_29)   # 2 c_amp log2^2(2 l d_{i-1} d_i/eps) / H2(gamma')
_DOMAIN_29 = {"domain": {"gamma_prime": (R(1, 100), R(1, 2)), "epsilon": (R(1, 100), R(99, 100)),
                         "ell": (1, 20), "d_prev": (1, 50), "d_i": (1, 50), "c_amp": (R(1, 2), 64),
                         "n": (1, 100)}}
i_ = sp.Symbol("i", integer=True, positive=True)
d_eq = sp.Symbol("d", positive=True)
M_EQUAL = sp.summation(2 * d_eq ** 2 * n_ + 2 * d_eq * d_eq * n_, (i_, 1, ell))
M_EQUAL_C = sp.summation(TWO_ * d_eq ** 2 * n_ + TWO_ * d_eq * d_eq * n_, (i_, 1, ell))
N29_EQUAL = EQ29_RHS.subs({dp: d_eq, di: d_eq})
ORDER = d_eq ** 2 * lg(ell * d_eq ** 2 / eps_) ** 2 / H2(gp)

EQ29_RHS_C = c_amp * lg(TWO_ * ell * dp * di / eps_) ** 2 / H2(gp)


def _eq29_substitution(ctx):
    """(4) of Corollary 2 with k = gamma' n, eps -> eps/(2 l d_{i-1} d_i), against (29) as printed, at
    an exact point (both are right sides of 'n >= ...' conditions)."""
    from ticketcheck.arb_eval import evaluate
    env = {ell: int(ctx["ell"]), dp: int(ctx["d_prev"]), di: int(ctx["d_i"]), eps_: _q(ctx["eps"]),
           gp: _q(ctx["gamma_prime"]), c_amp: _q(ctx["c_amp"]), n_: 1,
           TWO_: sp.nsimplify(ctx.constant("two"))}
    lhs, rhs = evaluate(EQ4_SUBSTITUTED, env), evaluate(EQ29_RHS_C, env)
    yield cmp(_params(ctx), lhs, rhs, "==",
              "Corollary 2's condition (4) with k = gamma' n and eps -> eps/(2 l d_{i-1} d_i) (its right "
              "side) vs the right side of (29) as printed",
              lhs_tex=r"2c_{amp}\frac{\log_2^2\frac{2\ell d_{i-1}d_i}\varepsilon}{H_2(\gamma')}",
              rhs_tex=r"c_{amp}\frac{\log_2^2\frac{2\ell d_{i-1}d_i}\varepsilon}{H_2(\gamma')}\ \text{(29)}")


def _order_uniform_in_l(ctx):
    g = _q(ctx["gamma_prime"])
    lim = sp.limit(((M_EQUAL.subs(n_, N29_EQUAL)) / ORDER).subs(gp, sp.Rational(g.numerator, g.denominator)),
                   ell, sp.oo)
    yield report(_params(ctx), str(lim), str(4 * c_amp),
                 "lim_{l -> oo} m / (d^2 log2^2(l d^2/eps)/H(gamma)) (sympy) and the per-layer constant "
                 "4 c_amp: the total count m = 4 l d^2 n* grows like l times the stated order",
                 lhs_tex=r"\lim_{\ell\to\infty}m\Big/\frac{d^2\log_2^2\frac{\ell d^2}\varepsilon}{H(\gamma)}",
                 rhs_tex=r"4c_{amp}")


EQ29_CHECKS = [
    computed("substitution_as_printed", _eq29_substitution,
             lambda: [{"ell": 2, "d_prev": dp_, "d_i": di_, "eps": Fraction(1, 10), "gamma_prime": g,
                       "c_amp": c} for dp_, di_ in ((2, 3), (10, 10)) for g in (Fraction(1, 100), Fraction(1, 2))
                      for c in (1, 8)],
             quick_grid=lambda: [{"ell": 2, "d_prev": 2, "d_i": 3, "eps": Fraction(1, 10),
                                  "gamma_prime": Fraction(1, 2), "c_amp": 1}],
             constants={"two": 2}, falsifiers=(Falsifier.scale("two", 2),),
             doc="Cor 2's (4) with k = gamma' n, eps -> eps/(2 l d_{i-1} d_i) vs (29) as printed, at "
                 "exact points (the ratio is 2 everywhere: check substitution_with_2c_amp)."),
    SymbolicCheck("substitution_with_2c_amp", "identity", EQ4_SUBSTITUTED / EQ29_RHS_C, 2,
                  options=_DOMAIN_29, constants={TWO_: 2},
                  doc="The same ratio is 2: the substitution gives (29) with 2 c_amp in place of c_amp."),
    computed("cor2_k_hypothesis_at_n29", _eq29_khyp, _eq29_grid(True), _eq29_grid(False),
             constants={"two": 2}, falsifiers=(Falsifier.scale("two", Fraction(1, 2)),),
             doc="Cor 2 needs k >= 2 c_amp (log2^2 k + 2 log2 k log2(1/eps')); at k = gamma' n* with n* "
                 "from (29) (as printed, or with 2 c_amp) it fails unless eps is astronomically small."),
    SymbolicCheck("equal_width_count", "identity", M_EQUAL_C, 4 * ell * d_eq ** 2 * n_,
                  constants={TWO_: 2},
                  doc="m = sum_i (2 d_{i-1}^2 + 2 d_{i-1} d_i) n_i* with d_i = d: 4 l d^2 n*."),
    SymbolicCheck("order_per_layer_eps_to_0", "limit",
                  (M_EQUAL_C.subs(n_, N29_EQUAL)) / (ell * ORDER), rhs=4 * c_amp, var=eps_, point=0,
                  constants={TWO_: 2},
                  doc="m / (l d^2 log2^2(l d^2/eps)/H2(gamma')) -> 4 c_amp as eps -> 0: m is of the "
                      "stated order times l."),
    computed("order_uniform_in_l", _order_uniform_in_l, {"gamma_prime": [Fraction(1, 100), Fraction(1, 2)]},
             quick_grid={"gamma_prime": [Fraction(1, 2)]},
             doc="The other reading of 'of the order of' (l not fixed): the ratio m / (d^2 log2^2(l "
                 "d^2/eps)/H(gamma)) as l -> oo, computed by sympy and reported (the text does not say "
                 "whether l is fixed; per layer, i.e. for fixed l, the order holds: check "
                 "order_per_layer_eps_to_0)."),
]


# ================================================================ Definitions (rho, ||B||)

def _def3_compute(ctx):
    widths = PROFILES[ctx["profile"]]
    rhos, rho = rho_of(widths)
    for i, r in enumerate(rhos, start=1):
        yield report({**_params(ctx), "layer": i}, r, 1, "rho_i (>= 1, used in App. F)",
                  widths=list(widths), rho=str(rho),
                  largest_gamma_prime_with_gamma_below_1=str(1 / rho))


def _basis(name: str):
    """Sample equivariant bases (lists of mpmath matrices) and their hand-computed ||B||."""
    if name == "standard-2x2":
        bs = []
        for i, j in itertools.product(range(2), range(2)):
            m = mpmath.zeros(2, 2)
            m[i, j] = 1
            bs.append(m)
        return bs, 2      # all-ones 2x2 matrix: spectral norm 2
    if name == "cyclic-Z3-circulant":
        P = mpmath.matrix([[0, 0, 1], [1, 0, 0], [0, 1, 0]])
        return [mpmath.eye(3), P, P * P], 3      # all-ones 3x3: norm 3
    if name == "S3-{I,J}":
        return [mpmath.eye(3), mpmath.ones(3, 3)], 4   # I + J: eigenvalues 1, 1, 4
    if name == "Z2-swap-{I,S}":
        return [mpmath.eye(2), mpmath.matrix([[0, 1], [1, 0]])], 2   # eigenvalues b1 +- b2
    raise KeyError(name)


BASES = ["standard-2x2", "cyclic-Z3-circulant", "S3-{I,J}", "Z2-swap-{I,S}"]


def basis_norm(bs) -> mpmath.mpf:
    """``||B|| = max_{||beta||_inf <= 1} ||sum beta_k b_k||_2``: the operator norm is convex in beta,
    so the maximum over the cube is attained at a vertex; all 2^p sign vectors are enumerated."""
    best = mpmath.mpf(0)
    for signs in itertools.product((-1, 1), repeat=len(bs)):
        m = sum((s * b for s, b in zip(signs, bs)), mpmath.zeros(bs[0].rows, bs[0].cols))
        best = max(best, mpmath.sqrt(max(mpmath.eigsy(m.T * m)[0])))
    return best


def _def4_compute(ctx):
    bs, hand = _basis(ctx["basis"])
    with mpmath.workdps(60):
        nb = basis_norm(bs)
        diff = abs(nb - hand)
    yield report(_params(ctx), diff, mpmath.mpf(10) ** -40,
              "|vertex-enumerated ||B|| - hand-computed value| (spectral norm, ||beta||_inf <= 1)",
              p=len(bs), normB=_s(nb), max_p_normB=_s(max(len(bs), nb)))


# ================================================================ App. F accounting (exact)

def _drawn_layer(d_in: int, n: int, g: Fraction, seed: int):
    """One target layer ``1 x d_in`` (a weight for d_in = 1, a linear function otherwise) and the
    construction of App. F built on it (:func:`montecarlo.pensia.build`: Uniform[-1, 1] weights,
    hidden width ``2 d_in n``, pre-processing, fixed-size subsets of ``k = floor(gamma' n)`` per
    half, unused hidden units removed). Returns the pruned layer and k."""
    import numpy as np
    from ticketcheck.montecarlo.pensia import build
    rng = np.random.default_rng([seed, d_in, n, g.numerator, g.denominator])
    W = rng.uniform(-1.0, 1.0, (1, d_in))
    W /= max(1.0, float(np.linalg.norm(W)))               # ||W|| <= 1 (Eq. (27))
    k = math.floor(g * n)
    C = build([W], n, 1 / 4, rng, strict=True, k=k)
    return C.layers[0], k


def _appf_weight(ctx):
    """[25] Lemma 1 with Corollary 1: links and surviving edges counted on the built construction."""
    n, g = int(ctx["n_star"]), _q(ctx["gamma_prime"])
    p = _params(ctx)
    L, k = _drawn_layer(1, n, g, ctx.seed & 0x7FFFFFFF)
    kept = Fraction(L.surviving(), L.total())
    info = {"k": k, "subsets_found": bool(L.S.sum() == 2 * k), "all_within_tol": L.success}
    four = Fraction(ctx.constant("four"))
    yield cmp(p, L.total(), four * n, "==", "links of the drawn overparameterised weight (M1, M2 of the "
              "construction) vs the paper's 4 n*", **info, lhs_tex=r"\#\text{links}", rhs_tex="4n^*")
    yield cmp(p, L.surviving(), four * k, "<=", "surviving edges of the pruned construction (measured) "
              "vs the paper's at most 4k, k = floor(gamma' n*)", **info,
              lhs_tex=r"\#\text{surviving edges}", rhs_tex="4k")
    yield cmp(p, kept, g, "<=", "density of the pruned construction (measured) vs gamma' (sparsity "
              ">= 1 - gamma')", lhs_tex=r"\text{density}", rhs_tex=r"\gamma'", density_with_k_rounded_up=str(Fraction(4 * math.ceil(g * n), 4 * n)),
              rounded_up_density_exceeds_gamma_prime=bool(Fraction(4 * math.ceil(g * n), 4 * n) > g),
              **info)


def _appf_linear(ctx):
    """[25] Lemma 2 with Corollary 1: counts on the built construction of a linear function."""
    d, n, g = int(ctx["d"]), int(ctx["n_star"]), _q(ctx["gamma_prime"])
    p = _params(ctx)
    L, k = _drawn_layer(d, n, g, ctx.seed & 0x7FFFFFFF)
    surv = L.surviving()
    info = {"k": k, "subsets_found": bool(L.S.sum() == 2 * d * k), "all_within_tol": L.success}
    four = Fraction(ctx.constant("four"))
    yield cmp(p, L.total(), 2 * d * d * n + 2 * d * n, "==",
              "entries of the drawn M1 (hidden width 2 d n*), M2 vs 2 d^2 n* + 2 d n*", **info,
              lhs_tex=r"\#\text{entries}", rhs_tex=r"2d^2n^*+2dn^*")
    yield cmp(p, surv, four * d * k, "<=", "surviving edges of the pruned construction (measured) vs the "
              "paper's at most 4 d k", **info, lhs_tex=r"\#\text{surviving edges}", rhs_tex="4dk")
    yield cmp(p, Fraction(surv, 4 * d * n), g, "<=", "measured survivors / (4 n* per input after "
              "pre-processing, as printed) <= gamma'", **info)
    yield cmp(p, Fraction(surv, L.total()), g, "<=", "measured survivors / (2 d^2 n* + 2 d n*, the "
              "full network) <= gamma'", **info)


def layer_counts(d1: int, d2: int, n: int) -> dict:
    """Entry counts of one overparameterised layer ([25] Lemma 3 as in App. F), from the shapes."""
    return {"full": (2 * d1 * n) * d1 + d2 * (2 * d1 * n),   # M_{2i-1}: 2 d1 n x d1; M_{2i}: d2 x 2 d1 n
            "pre": d1 * (2 * n) + (2 * d1 * n) * d2}          # each input keeps its own block


@lru_cache(maxsize=None)
def _layer_scan(dmax: int, n: int) -> dict:
    """The gamma'-free part of App. F's layer step over all 1 <= d1, d2 <= dmax, in exact integer
    arithmetic (a/b = c/d tested as a d = c b; the common factor gamma' > 0 cancels).

    density 4 d1 d2 g n/(2 d1^2 n + 2 d1 d2 n) vs 2 d2 g/(d1 + d2) vs (d1 (d2/d1) + d2) g/(d1 + d2);
    density <= rho_1 g  <=>  2 d2 min(d1, d2) <= max(d1, d2) (d1 + d2); the counts."""
    bad = {"density_identity": 0, "rewrite_identity": 0, "preprocessed_count": 0, "full_count": 0,
           "per_input_count": 0}
    worst = None       # max of (density/g - rho_1) = (2 d2 lo - hi (d1 + d2)) / ((d1 + d2) lo)
    worst_aux = None   # max of d1 (d2/d1) + d2 - rho_1 (d1 + d2) = (2 d2 lo - hi (d1 + d2)) / lo
    for d1 in range(1, dmax + 1):
        for d2 in range(1, dmax + 1):
            c = layer_counts(d1, d2, n)
            full = 2 * d1 * d1 * n + 2 * d1 * d2 * n
            bad["density_identity"] += 4 * d1 * d2 * n * (d1 + d2) != 2 * d2 * c["full"]
            bad["rewrite_identity"] += (d1 * d2 + d2 * d1) != 2 * d2 * d1   # (d1 (d2/d1) + d2) d1
            bad["preprocessed_count"] += c["pre"] != 2 * d1 * (d2 + 1) * n
            bad["full_count"] += c["full"] != full
            bad["per_input_count"] += c["pre"] != d1 * (2 * (d2 + 1) * n)
            lo, hi = min(d1, d2), max(d1, d2)
            num = 2 * d2 * lo - hi * (d1 + d2)
            if worst is None or num * worst[1] > worst[0] * (d1 + d2) * lo:
                worst = (num, (d1 + d2) * lo, d1, d2)
            if worst_aux is None or num * worst_aux[1] > worst_aux[0] * lo:
                worst_aux = (num, lo, d1, d2)
    return {"bad": bad, "worst": (Fraction(worst[0], worst[1]), worst[2], worst[3]),
            "worst_aux": (Fraction(worst_aux[0], worst_aux[1]), worst_aux[2], worst_aux[3]),
            "max_density_over_gamma_prime": Fraction(2 * dmax, dmax + 1)}


def _appf_layer(ctx):
    """Exhaustive over 1 <= d1, d2 <= dmax: App. F's layer identities and inequalities, exactly."""
    dmax, n, g = int(ctx["dmax"]), int(ctx["n_star"]), _q(ctx["gamma_prime"])
    p = _params(ctx)
    scan = _layer_scan(dmax, n)
    labels = {
        "density_identity": "4 d1 d2 g n/(2 d1^2 n + 2 d1 d2 n) = 2 d2 g/(d1 + d2)",
        "rewrite_identity": "2 d2 g/(d1 + d2) = (d1 (d2/d1) + d2) g/(d1 + d2)",
        "preprocessed_count": "entries kept by pre-processing = 2 d1 (d2 + 1) n*",
        "full_count": "entries of M_{2i-1}, M_{2i} = 2 d1^2 n* + 2 d1 d2 n*",
        "per_input_count": "per input node 2 (d2 + 1) n* (times d1)",
    }
    for key, label in labels.items():
        yield cmp(p, scan["bad"][key], 0, "==", f"pairs (d1, d2) violating: {label}")
    # survivors: 4 d1 d2 g n* vs the count that respects the block size 2 n* of each input's block
    P, Q = g.numerator, g.denominator
    below = loose = 0
    for d1 in range(1, dmax + 1):
        for d2 in range(1, dmax + 1):
            paper = 4 * d1 * d2 * P * n                                # (times Q)
            capacity = 2 * d1 * min(Q, d2 * P) * n + 2 * d1 * d2 * P * n
            below += paper < capacity
            loose += paper > capacity
    yield cmp(p, below, 0, "==", "pairs where 4 d1 d2 g n* < survivors counted with block capacity "
              "min(2 n*, 2 d2 g n*) (the paper's count must be an upper bound)",
              pairs_where_paper_count_is_loose=loose)
    wv, w1, w2 = scan["worst"]
    yield cmp(p, wv * g, 0, "<=", "max over (d1, d2) of density - rho_1 gamma'",
              at={"d1": w1, "d2": w2},
              max_density_over_gamma_prime=str(scan["max_density_over_gamma_prime"]))
    av, a1, a2 = scan["worst_aux"]
    yield cmp(p, av, 0, "<=", "max over (d1, d2) of d1 d2/d1 + d2 - rho_1 (d1 + d2)",
              at={"d1": a1, "d2": a2})


def random_profile(seed: int) -> tuple[tuple[int, ...], list[int], Fraction]:
    """A seeded random width profile d_0..d_l, integer n_i* and rational gamma' in (0, 1)."""
    rng = random.Random(seed)
    ell_ = rng.randint(1, 6)
    widths = tuple(rng.randint(1, 300) for _ in range(ell_ + 1))
    ns = [rng.randint(1, 10 ** 6) for _ in range(ell_)]
    return widths, ns, Fraction(rng.randint(1, 99), 100)


def network_accounting(widths, ns, g: Fraction, four=4) -> dict:
    """App. F's whole-network quantities, exactly: m (formula and entry count), the chain for m_t
    (``four`` = the 4 of m_t <= sum 4 d_{i-1} d_i k_i)."""
    layers = _profile_layers(widths)
    rhos, rho = rho_of(widths)
    ks = [g * n for n in ns]
    m_formula = sum(2 * a * a * n + 2 * a * b * n for (a, b), n in zip(layers, ns))
    m_entries = sum((2 * a * n) * a + b * (2 * a * n) for (a, b), n in zip(layers, ns))
    line0 = sum(Fraction(four) * a * b * k for (a, b), k in zip(layers, ks))
    line1 = sum(2 * a * Fraction(b, a) * a * k + 2 * a * b * k for (a, b), k in zip(layers, ks))
    line2 = sum(2 * a * r * a * k + 2 * a * b * r * k for (a, b), r, k in zip(layers, rhos, ks))
    line3 = rho * sum(2 * a * a * k + 2 * a * b * k for (a, b), k in zip(layers, ks))
    line4 = rho * g * sum(2 * a * a * n + 2 * a * b * n for (a, b), n in zip(layers, ns))
    return {"m_formula": m_formula, "m_entries": m_entries, "lines": [line0, line1, line2, line3, line4],
            "gamma": rho * g, "rho": rho}


FOUR_ = sp.Symbol("four", positive=True)


def _profile_grid(seeds):
    """Profile seeds with their gamma' (carried for Theorem 3's inherited hypothesis)."""
    return lambda: [{"profile_seed": s, "gamma_prime": random_profile(s)[2]} for s in seeds]


def _appf_total(ctx):
    widths, ns, g = random_profile(int(ctx["profile_seed"]))
    acc = network_accounting(widths, ns, g, ctx.constant("four"))
    p = {**_params(ctx), "widths": "-".join(map(str, widths)), "gamma_prime": str(g)}
    l0, l1, l2, l3, l4 = acc["lines"]
    yield cmp(p, acc["m_formula"], acc["m_entries"], "==",
              "App. F's m vs the entry count of Theorem 3's M_{2i-1} (2 d_{i-1} n_i* x d_{i-1}) and "
              "M_{2i} (d_i x 2 d_{i-1} n_i*)", n_i_star=ns)
    yield cmp(p, l1, l0, "==",
              "sum 2 d_{i-1}(d_i/d_{i-1}) d_{i-1} k_i + 2 d_{i-1} d_i k_i = sum 4 d_{i-1} d_i k_i")
    yield cmp(p, l2, l1, ">=", "replacing d_i/d_{i-1} and 1 by rho_i does not decrease the sum")
    yield cmp(p, l3, l2, ">=", "rho_i <= rho")
    yield cmp(p, l4, l3, "==", "k_i = gamma' n_i*: rho sum(...k_i) = rho gamma' sum(...n_i*)")
    yield cmp(p, l4, acc["gamma"] * acc["m_formula"], "==", "rho gamma' sum(...) = gamma m")
    yield cmp(p, l0 / acc["m_formula"], acc["gamma"], "<=", "density m_t/m <= gamma = rho gamma'",
              rho=str(acc["rho"]), gamma=str(acc["gamma"]), density=str(l0 / acc["m_formula"]))


# ================================================================ claims

THM3_HYPOTHESIS = sp.And(GP_ > 0, GP_ < 1)
NET_PARAMS = (P_GP, P_ELL, P_EPS, P_CAMP, P_D, P_N,
              Param("d_prev", "int", 1, None, doc="width d_{i-1}", tex="d_{i-1}"),
              Param("d_i", "int", 1, None, doc="width d_i", tex="d_i"),
              Param("n_star", "int", 1, None, doc="n*", tex="n^*"),
              Param("dmax", "int", 1, None, doc="largest width scanned", tex=r"d_{\max}"))
#: App. F and the section's equations inherit Theorem 3's hypotheses (gamma' in (0, 1))
THM3_SCOPE = (Inherit("sparsity.thm3", doc="App. F proves Theorem 3"),)

claim("eq27", "Eq. (27): target class F", "§4 Eq. (27)",
      "F = {f: f(x) = W_l sigma(W_{l-1} ... sigma(W_1 x)), for all i W_i in R^{d_i x d_{i-1}} and "
      "||W_i|| <= 1}, where ||.|| is the spectral norm and sigma(x) = x 1_{x >= 0} (ReLU).", ("REC",),
      latex=(r"$\mathcal F=\{f:f(\mathbf x)=\mathbf W_l\sigma(\mathbf W_{l-1}\dots\sigma(\mathbf W_1\mathbf x)),"
             r"\ \forall i\ \mathbf W_i\in\mathbb R^{d_i\times d_{i-1}},\ \|\mathbf W_i\|\le1\}$ (27)"),
      notes="Definitional. Used by the construction check of sparsity.thm3.")

claim("def3", "Aspect ratios rho_i, rho", "§4 (before Theorem 3)",
      "For a given f in F, for all i in [l], let rho_i = max{d_{i-1}/d_i, d_i/d_{i-1}}, and "
      "rho = max_i rho_i.", ("ARITH",),
      checks=[computed("rho_on_sample_profiles", _def3_compute,
                       lambda: [{"profile": k} for k in PROFILES],
                       lambda: [{"profile": "mnist-784-300-100-10"}],
                       doc="rho_i >= 1 (used in App. F) and rho on sample width profiles; 1/rho is "
                           "the largest gamma' with gamma = rho gamma' < 1.")],
      latex=(r"$\rho_i=\max\{d_{i-1}/d_i,d_i/d_{i-1}\}$, $\rho=\max_i\rho_i$"),
      notes="Definitional (measured); the check reports rho on sample profiles (e.g. 784-300-100-10: rho = 10, "
            "so Theorem 3 is vacuous for gamma' >= 1/10).")

claim("def4", "Equivariant basis norm ||B||", "§4 (before Theorem 4)",
      "For any basis B = {b_1..b_p}, we denote its cardinality p = |B| and define ||B|| = "
      "max_{||beta||_inf} ||sum_k beta_k b_k||, with ||.|| in the r.h.s. being the operator norm "
      "inherited from the l_p norm.", ("NUM",),
      checks=[computed("basis_norm_samples", _def4_compute, {"basis": BASES}, {"basis": ["S3-{I,J}"]},
                       doc="||B|| by vertex enumeration of the cube ||beta||_inf <= 1 (the norm is "
                           "convex in beta) vs a hand-computed value; p and max{p, ||B||} reported.")],
      latex=(r"$\|\mathcal B\|=\max_{\|\beta\|_\infty}\|\sum_{k=1}^p\beta_kb_k\|$, $p=|\mathcal B|$ (operator "
             r"norm inherited from the $\ell_p$ norm)"),
      notes="Definitional (measured). The constraint on ||beta||_inf is printed without a bound (the max is +oo without one); "
            "read as ||beta||_inf <= 1. 'l_p' clashes with p = |B|; the spectral (l_2) norm is used. "
            "max{|B|, ||B||} can be ||B|| (S_3 on R^3: p = 2, ||B|| = 4).")

claim("thm3", "Theorem 3 (SSLTH for DNNs)", "§4 Theorem 3; App. F",
      "Let g be a randomly initialized feed-forward 2l-layer neural network, in which each weight is "
      "drawn from a Uniform[-1,1] distribution, of the following form: g(x) = M_{2l} sigma(M_{2l-1} "
      "... sigma(M_1 x)). Let gamma' = gamma'(eps) in (0,1), M_{2i} in R^{d_i x 2 d_{i-1} n_i*} and "
      "M_{2i-1} in R^{2 d_{i-1} n_i* x d_{i-1}}, with n_i* satisfying n_i* = c_amp log2^2(2 l d_{i-1} "
      "d_i gamma' n_i* / eps) / H2(gamma') (28). With probability at least 1 - eps, for every f in F, "
      "where F is defined as in Eq. 27, g can be pruned to obtain a subnetwork of sparsity at least "
      "alpha = 1 - gamma that approximates f up to an error eps, having defined gamma = rho gamma'.",
      ("NUM", "ARITH", "SYM", "REC"), checks=[THM3_ROOTS, THM3_RANGES, THM3_DENSITY, THM3_CONSTRUCTION],
      constants={"c_amp": "existential (Corollary 1's)"}, constants_kind="existential",
      log_base="log2", params=NET_PARAMS, hypothesis=THM3_HYPOTHESIS,
      latex=(r"Let $g$ be a random $2\ell$-layer network with Uniform$[-1,1]$ weights, $\gamma'\in(0,1)$, "
             r"$\mathbf M_{2i}\in\mathbb R^{d_i\times2d_{i-1}n_i^*}$, $\mathbf M_{2i-1}\in\mathbb R^{2d_{i-1}n_i^*"
             r"\times d_{i-1}}$, $n_i^*=c_{amp}\frac{\log_2^2(\frac{2\ell d_{i-1}d_i\gamma'n_i^*}\varepsilon)}{H_2"
             r"(\gamma')}$ (28). With probability at least $1-\varepsilon$, for every $f\in\mathcal F$, $g$ can be "
             r"pruned to a subnetwork of sparsity at least $\alpha=1-\gamma$ that approximates $f$ up to "
             r"$\varepsilon$, $\gamma=\rho\gamma'$."),
      depends_on=("sparsity.cor1", "sparsity.lemma2", "sparsity.lemma2.as_used_in_thm3", "sparsity.eq44",
                  "sparsity.step_appF_weight", "sparsity.step_appF_linear", "sparsity.step_appF_layer",
                  "sparsity.step_appF_total"),
      notes="Eq. (28) is a fixed-point equation n = C log2^2(a n), a = 2 l d_{i-1} d_i gamma'/eps, "
            "C = c_amp/H2(gamma'), B = aC. It always has a root with a n < 1 (log argument < 1: "
            "k = gamma' n < eps/(2 l d_{i-1} d_i), meaningless); two more iff B > (e ln2/2)^2 = "
            "0.8875 (one double root at equality). At a root, k = gamma' n = 2^y eps/(2 l d_{i-1} d_i) "
            "with y = log2(a n); the middle root has y < 2/ln 2, so k < e^2 eps/(2 l d_{i-1} d_i) < 1.85: "
            "only the largest root can give a usable k. So the root is unique only in the meaningless "
            "regime; the paper does not say which root: the largest is used, and the inequality form "
            "n >= C log2^2(a n) holds on [r1, r2] U [r3, oo). Corollary 1 applied with k = gamma' n*, "
            "eps' = eps/(2 l d_{i-1} d_i): needs gamma' <= 1/2 (the theorem allows gamma' < 1; only "
            "Remark 1's k <= lambda n covers (1/2, 1)), eps' < 1/2 (always) and k >= 1. gamma = "
            "rho gamma' >= 1 (vacuous) for gamma' >= 1/rho on unbalanced profiles; App. F's own count "
            "gives density <= max_i 2 d_i/(d_{i-1} + d_i) gamma' < 2 gamma', so rho is loose for rho > "
            "2. Not testable end to end: the probability >= 1 - eps for every f in F with the "
            "existential c_amp (REC); the construction itself is measured by the 'construction' check "
            "(computed in bounds/sparsity/construction.py).")

claim("eq29", "Eq. (29): Eq. (28) with Corollary 2 instead of Corollary 1", "§4 Eq. (29)",
      "If, instead of Corollary 1, we use its simplified variant Corollary 2, it is easy to observe "
      "that Equation 28 would become n_i* = c_amp log2^2(2 l d_{i-1} d_i / eps) / H2(gamma') (29). "
      "Using this condition, Theorem 3 then tells us that we need to prune a randomly initialized "
      "network with twice as many layers and a number of parameters of the order of "
      "d^2 log^2(l d^2/eps) / H(gamma).", ("SYM", "NUM"), checks=EQ29_CHECKS,
      constants={"c_amp": "existential"}, constants_kind="existential", log_base="log2",
      depends_on=("sparsity.cor2", "sparsity.thm3"), params=NET_PARAMS, inherits=THM3_SCOPE,
      latex=(r"using Corollary 2, Equation 28 would become $n_i^*=c_{amp}\frac{\log_2^2(\frac{2\ell d_{i-1}d_i}"
             r"\varepsilon)}{H_2(\gamma')}$ (29); a number of parameters of the order of $d^2\frac{\log^2"
             r"\frac{\ell d^2}\varepsilon}{H(\gamma)}$"),
      notes="Substituting eps -> eps/(2 l d_{i-1} d_i), k = gamma' n into Cor 2's (4) gives (29) with "
            "2 c_amp (a constant factor only). Cor 2 also needs its k-hypothesis, which (29) drops: "
            "at k = gamma' n*(29) it fails for all practical eps (it holds only for eps <= 2^-t with t "
            "between 27 and 598 on the grid l in {2, 10}, d in {10, 1000}, gamma' in {1/100, 1/2}, "
            "c_amp in {1, 8}; t reported per point). With equal widths m = 4 l d^2 n*: the stated order "
            "holds per layer (l fixed, judged) and misses the factor l if l is not fixed (the text "
            "leaves it open: reported). Substantive: neither the missing 2 nor the dropped k-hypothesis "
            "is an edit of a declared kind.")

claim("thm4", "Theorem 4 (SSLTH for equivariant networks)", "§4 Theorem 4",
      "Let h be a random 2l-layer G-equivariant network where all equivariant parameters are drawn "
      "from a Uniform[-1,1] distribution, every odd layer expressed in the associated equivariant basis "
      "k_{n~ -> n} (x) B and every even layer expressed in the associated equivariant basis "
      "k_{n -> n~} (x) B. Let gamma = gamma(eps) in (0,1), with n~ satisfying n~ = c_amp log2^2(2 l n^2 "
      "max{|B|, ||B||} gamma n~ / eps) / H2(gamma). With probability at least 1 - eps, for every "
      "l-layer G-equivariant neural network f, with all layers expressed in the associated "
      "equivariant basis k_{n -> n} (x) B, h can be pruned to obtain a G-equivariant subnetwork of "
      "sparsity at least alpha = 1 - gamma that approximates f up to an error eps.", ("NUM", "REC"),
      latex=(r"\dots\ with $\tilde n=c_{amp}\frac{\log_2^2(\frac{2\ell n^2\max\{|\mathcal B|,\|\mathcal B\|\}"
             r"\gamma\tilde n}\varepsilon)}{H_2(\gamma)}$. With probability at least $1-\varepsilon$, every $\ell$-"
             r"layer $G$-equivariant $f$ is $\varepsilon$-approximated by a pruned $G$-equivariant subnetwork "
             r"of sparsity at least $1-\gamma$."),
      checks=[computed("fixed_point_roots", _thm4_roots, _thm4_grid(True), _thm4_grid(False),
                       doc="NUM: every positive root of Theorem 4's equation (same form as (28)).")],
      constants={"c_amp": "existential"}, constants_kind="existential", log_base="log2",
      depends_on=("sparsity.def4", "sparsity.cor1"),
      notes="Measured: the roots of the fixed-point equation are reported (two solvers agreeing). "
            "Proof omitted in the paper (REC). The fixed-point equation has 1-3 positive roots like "
            "(28); |B|, ||B|| samples from sparsity.def4. Attached REC statements: applies to vanilla "
            "CNNs (G = (Z^2, +)) recovering [7, 3]; Theorem 3 revisitable with depth l + 1 ([4]); "
            "generalizes [10] up to a factor log2(1/eps).")

claim("eq44", "Eq. (44): n*(x)", "App. F Eq. (44)",
      "n*(x) = c_camp log2^2(k x) / H2(k / n*(x)) (44) where k = gamma' n*(x). In the following, we "
      "use n* as short for n*(1/eps) ... we will use n*(2 l d_i d_{i-1}/eps), which matches the "
      "definition of n_i* given in Eq. 28.", ("SYM", "NUM"),
      checks=[EQ44_MATCHES_28,
              computed("roots_at_x_1_over_eps", _eq44_roots, _eq44_grid(True), _eq44_grid(False),
                       doc="NUM: the roots of n*(1/eps) (1-3 positive roots: n*(x) is multi-valued).")],
      constants={"c_amp": "existential"}, constants_kind="existential", log_base="log2",
      params=NET_PARAMS, inherits=THM3_SCOPE,
      latex=(r"$n^*(x)=c_{amp}\frac{\log_2^2(kx)}{H_2(\frac k{n^*(x)})}$ (44), $k=\gamma'n^*(x)$; "
             r"$n^*(2\ell d_id_{i-1}/\varepsilon)$ matches the definition of $n_i^*$ in Eq. 28"),
      notes="n*(x) is defined implicitly; the equation has up to three positive roots, so 'the "
            "function' n*(x) is multi-valued (largest root used by default).")

claim("step_appF_weight", "App. F: single weight ([25] Lemma 1)", "App. F, proof of Theorem 3",
      "after the overparameterization (which creates an additional layer of width 2n* in between the "
      "input and the output node) via 4n* links, ... we prune via Corollary 1 twice in the second "
      "layer, ... only k = gamma' n* edges ... Thus we obtain at most 4k surviving edges ... This "
      "yields a sparsity of at least alpha' = 1 - gamma'.", ("ARITH",),
      checks=[computed("links_and_density", _appf_weight,
                       {"n_star": [16, 32, 40], "gamma_prime": [Fraction(1, 8), Fraction(1, 4),
                                                                Fraction(1, 3), Fraction(1, 2)]},
                       {"n_star": [16], "gamma_prime": [Fraction(1, 3)]},
                       constants={"four": 4}, falsifiers=(Falsifier.scale("four", Fraction(1, 2)),),
                       doc="The construction built (Uniform[-1,1] weights, k = floor(gamma' n*) per "
                           "half): its links vs 4n*, its surviving edges vs 4k, its density vs "
                           "gamma'; with k rounded up (fn_ceil) the density may exceed gamma' (info).")],
      params=NET_PARAMS, inherits=THM3_SCOPE,
      latex=(r"overparameterization via $4n^*$ links \dots\ only $k=\gamma'n^*$ edges \dots\ at most $4k$ "
             r"surviving edges \dots\ sparsity of at least $\alpha'=1-\gamma'$"),
      notes="Counted on the construction of montecarlo.pensia (the one the 'construction' check of "
            "sparsity.thm3 uses); its pre-processing keeps only the units of the right sign, so "
            "fewer than 2n* units per half are offered to Corollary 1.")

claim("step_appF_linear", "App. F: multivariate linear function ([25] Lemma 2)",
      "App. F, proof of Theorem 3",
      "after the overparameterization (which creates an additional layer of width 2d n*(d/eps) ...) "
      "For each input node, the overparameterization surviving the preprocessing step on the weights "
      "of the input layer is 4n*(d/eps). Pruning ... with k = gamma' n*(d/eps) ... yields that at most "
      "4dk edges survive ... This yields a sparsity of at least alpha' = 1 - gamma'.", ("ARITH",),
      checks=[computed("counts_and_density", _appf_linear,
                       {"d": [2, 3], "n_star": [16, 32], "gamma_prime": [Fraction(1, 8),
                                                                          Fraction(1, 4)]},
                       {"d": [3], "n_star": [16], "gamma_prime": [Fraction(1, 4)]},
                       constants={"four": 4}, falsifiers=(Falsifier.scale("four", Fraction(1, 2)),),
                       doc="The construction built for a random 1 x d target (||w|| <= 1): entries "
                           "vs 2 d^2 n* + 2 d n*, surviving edges vs 4dk, density relative to the "
                           "pre-processed (4 d n*) and to the full network.")],
      params=NET_PARAMS, inherits=THM3_SCOPE,
      latex=(r"width $2dn^*(d/\varepsilon)$; per input $4n^*(d/\varepsilon)$ surviving preprocessing; at "
             r"most $4dk$ edges survive; sparsity at least $1-\gamma'$"))

claim("step_appF_layer", "App. F: layer ([25] Lemma 3)", "App. F, proof of Theorem 3",
      "width 2 d1 n*(d1 d2/eps); For each input node, the overparameterization surviving the "
      "preprocessing step is at most 2(d2+1) n*; at most 2 d1 (d2+1) n* parameters; ... a total of "
      "4 d1 d2 gamma' n* edges survive the pruning. The density of the surviving edges is then less "
      "than 4 d1 d2 gamma' n*/(2 d1^2 n* + 2 d1 d2 n*) = 2 d2 gamma'/(d1 + d2) = (d1 d2/d1 + d2) gamma'/"
      "(d1 + d2) <= rho_1 gamma', where ... we used that d1 d2/d1 + d2 <= rho_1 (d1 + d2) since "
      "rho_1 >= 1. This ensures a sparsity alpha' >= 1 - rho_1 gamma'.", ("SYM", "EXACT"),
      checks=[SymbolicCheck("density_identity", "identity",
                            4 * dp * di * gp * n_ / (TWO_ * dp ** 2 * n_ + 2 * dp * di * n_),
                            2 * di * gp / (dp + di), constants={TWO_: 2},
                            doc="d_prev = d1, d_i = d2, symbolic."),
              computed("exhaustive_d1_d2", _appf_layer,
                       {"dmax": [200], "n_star": [7],
                        "gamma_prime": [Fraction(1, 10), Fraction(1, 3), Fraction(1, 2), Fraction(9, 10)]},
                       {"dmax": [20], "n_star": [7], "gamma_prime": [Fraction(1, 3)]},
                       falsifiers=(TIGHTEN,),
                       doc="All 1 <= d1, d2 <= dmax, exact: the density identities, the inequality "
                           "with rho_1 (attained at d1 = d2), the counts 2 d1 (d2+1) n* and the entries "
                           "of M_{2i-1}, M_{2i}.")],
      params=NET_PARAMS, inherits=THM3_SCOPE,
      latex=(r"density $\frac{4d_1d_2\gamma'n^*}{2d_1^2n^*+2d_1d_2n^*}=\frac{2d_2\gamma'}{d_1+d_2}=\frac{(d_1\frac"
             r"{d_2}{d_1}+d_2)\gamma'}{d_1+d_2}\le\rho_1\gamma'$; sparsity $\alpha'\ge1-\rho_1\gamma'$"),
      notes="All identities and inequalities hold exactly. The survivor count 2 d1 d2 gamma' n* for "
            "the input layer ignores the block size 2 n* (loose when d2 gamma' > 1, still an upper "
            "bound), and the density is < 2 gamma' for every (d1, d2): rho_1 is loose when rho_1 > 2.")

claim("step_appF_total", "App. F: whole network ([25] Theorem 1)", "App. F, proof of Theorem 3",
      "m = sum_{i=1}^l 2 d_{i-1}^2 n*(2 l d_{i-1} d_i/eps) + 2 d_{i-1} d_i n*(2 l d_{i-1} d_i/eps); "
      "m_t <= sum 4 d_{i-1} d_i k_i with k_i = gamma' n*(.); m_t <= sum 2 d_{i-1} (d_i/d_{i-1}) d_{i-1} k_i "
      "+ 2 d_{i-1} d_i k_i <= sum 2 d_{i-1} rho_i d_{i-1} k_i + 2 d_{i-1} d_i rho_i k_i <= rho sum "
      "(2 d_{i-1}^2 k_i + 2 d_{i-1} d_i k_i) = rho gamma' sum(...) = gamma m; density m_t/m <= gamma, "
      "sparsity of at least alpha = 1 - gamma.", ("SYM", "EXACT", "ARITH"),
      checks=[SymbolicCheck("chain_first_line", "identity",
                            2 * dp * (di / dp) * dp * k_ + 2 * dp * di * k_, FOUR_ * dp * di * k_,
                            constants={FOUR_: 4},
                            doc="2 d_{i-1}(d_i/d_{i-1}) d_{i-1} k + 2 d_{i-1} d_i k = 4 d_{i-1} d_i k."),
              computed("random_profiles", _appf_total, _profile_grid(range(30)),
                       _profile_grid(range(3)), constants={"four": 4},
                       falsifiers=(Falsifier.scale("four", Fraction(1, 2)),),
                       doc="Seeded random profiles (l <= 6, widths <= 300, integer n_i*, gamma' in "
                           "(0,1)): m vs Theorem 3's entry count, every line of the chain, density.")],
      params=NET_PARAMS, inherits=THM3_SCOPE,
      latex=(r"$m=\sum_i2d_{i-1}^2n^*+2d_{i-1}d_in^*$; $m_t\le\sum_i4d_{i-1}d_ik_i\le\dots\le\rho\gamma'\sum_i"
             r"(\dots)=\gamma m$; density $m_t/m\le\gamma$, sparsity at least $\alpha=1-\gamma$"),
      notes="m as written equals the entry count of Theorem 3's matrices (widths 2 d_{i-1} n_i*). "
            "Here m_t is the surviving-parameter count (claims.md warning 5).")
