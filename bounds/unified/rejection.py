"""`unified` App. F -- rejection sampling: the uniform-mixture decomposition and Theorem 5
(claims.md §1.4).

* `unified.step_appF_mix`: Y with pmf p_i > 0 on M points, alpha = M p_min, g_i = (p_i - alpha/M)/
  (1 - alpha); then g is a pmf and P(Y = y_i) = alpha/M + (1 - alpha) g_i. Checked by sympy and on
  random rational pmfs (exact), with the edge case alpha = 1 (uniform Y, g is 0/0).
* `unified.thm5`: P(Bin(n, alpha) <= n alpha/2) <= exp(-n alpha^2/2) (Hoeffding), exactly for
  rational alpha and every n <= 2000 (:mod:`exact.binomial`; the right side as an arb ball).
"""
from __future__ import annotations

import random
from fractions import Fraction
from typing import Iterator

import sympy as sp
from flint import arb, ctx as flint_ctx, fmpq, fmpz

from ticketcheck.bounds.claim import Comparison, ComputedCheck, Falsifier, Param, SymbolicCheck
from ticketcheck.bounds.unified.constants import claim

ALPHAS = ("1/100", "1/10", "1/4", "1/3", "1/2", "2/3", "9/10", "1")
EXACT_NS = (1, 2, 3, 5, 10, 20)


# ------------------------------------------------------------------ Theorem 5

def _log_slack(n: int, S: int, q: int, a: Fraction, c: Fraction = Fraction(1, 2)) -> arb:
    """log(exp(-c n a^2) / P_n) with P_n = S/q^n > 0 (c = 1/2 as printed), as an arb ball (>= 0 iff the
    bound holds)."""
    return -fmpq(n * a.numerator ** 2 * c.numerator, a.denominator ** 2 * c.denominator) * arb(1) - (
        arb(fmpz(S)).log() - n * arb(fmpz(q)).log())


def thm5_compute(ctx) -> Iterator[Comparison]:
    """Exact lower tail vs exp(-n alpha^2/2) for n = 1..n_max: exact comparisons at small n, the
    minimum log-slack over all n (arb), the smallest n from which the bound holds throughout."""
    from ticketcheck.exact.binomial import lower_tail_row
    a, n_max = Fraction(ctx["alpha"]), int(ctx["n_max"])
    c = Fraction(ctx.constant("1/2"))
    old = flint_ctx.prec
    flint_ctx.prec = 128
    try:
        worst, worst_n, last_bad, undecided, zero = None, None, 0, 0, 0
        for n, K, S, q in lower_tail_row(a, n_max):
            if n in EXACT_NS:
                bound = sp.exp(-sp.Integer(n) * sp.Rational(a.numerator, a.denominator) ** 2
                               * sp.Rational(c.numerator, c.denominator))
                yield ctx.compare(Fraction(S, q ** n), "<=", _bound_ball(bound),
                                  f"P(Bin(n, alpha) <= n alpha/2) (exact, K = {K}) vs exp(-n alpha^2/2)",
                                  params={"n": n}, kind="probability", info={"K": K},
                                  lhs_tex=r"\mathbb P(S\le n\alpha/2)", rhs_tex=r"e^{-n\alpha^2/2}")
            if S == 0:
                zero += 1
                continue
            s = _log_slack(n, S, q, a, c)
            if s < 0:
                last_bad = n
            elif not s >= 0:
                undecided += 1
            if worst is None or s.mid() < worst.mid():
                worst, worst_n = s, n
        info = {"n_max": n_max, "n_from_which_it_holds": last_bad + 1, "argmin_n": worst_n,
                "points_with_P_zero": zero, "undecided_points": undecided,
                "min_log_ratio_float": float(worst.mid()) if worst is not None else None}
        if worst is None:   # alpha = 1: P_n = 0 for every n >= 1
            yield ctx.compare(zero, "report", n_max, "number of n <= n_max with P(Bin(n, 1) <= n/2) = 0 "
                              "(exact; at those n the bound holds whatever its constant: reported)",
                              params={"n": f"1..{n_max}"}, info=info,
                              lhs_tex=r"\#\{n: \mathbb P(S\le n/2)=0\}", rhs_tex=r"n_{\max}")
            return
        yield ctx.compare(worst, ">=", 0, "min over n <= n_max of log(exp(-n alpha^2/2) / P(Bin(n,alpha) <= "
                          "n alpha/2)) (exact tail, arb logs)", params={"n": f"1..{n_max}"}, info=info,
                          lhs_tex=r"\min_{n\le n_{\max}}\log\frac{e^{-n\alpha^2/2}}{\mathbb P(S\le n\alpha/2)}",
                          rhs_tex="0")
    finally:
        flint_ctx.prec = old


def _bound_ball(expr):
    from ticketcheck.arb_eval import evaluate
    return evaluate(expr, {})


claim("unified.thm5", "Theorem 5 (App. F)", "App. F Theorem 5",
      "For n large enough, a constant fraction alpha/2 = (M p_min)/2 of X_i's are uniformly "
      "distributed with probability at least 1 - exp(-n (M p_min)^2/2). Proof: S = sum B_i, "
      "P(S <= n alpha/2) <= exp(-2t^2/n) = exp(-n alpha^2/2) with t = n alpha/2 (Hoeffding).",
      ("EXACT",), params=(Param("n", "int", 1, None), Param("alpha", "real", 0, 1)),
      depends_on=("unified.step_appF_mix",),
      notes="The bound is Hoeffding's and holds for every n >= 1; the check reports the smallest n "
            "from which it holds on n <= n_max (the statement says 'for n large enough').",
      hypothesis=sp.And(sp.Symbol("alpha", positive=True) <= 1),
      checks=[ComputedCheck("exact_binomial_tail", thm5_compute,
                            grid={"alpha": [Fraction(x) for x in ALPHAS], "n_max": [2000]},
                            quick_grid={"alpha": [Fraction(1, 2), Fraction(1, 3), Fraction(1)],
                                        "n_max": [200]}, constants={"1/2": Fraction(1, 2)},
                            falsifiers=(Falsifier.scale("1/2", 2, doc="exp(-n alpha^2) is below the exact tail "
                                                                      "(Chernoff exponent of Bin(n, 1/2) at n/4: "
                                                                      "0.131 < 1/4)"),),
                            doc="exact P(Bin(n, alpha) <= n alpha/2) vs exp(-n alpha^2/2), n <= n_max")])


# ------------------------------------------------------------------ mixture decomposition

def random_pmf(M: int, rng: random.Random, uniform: bool = False) -> list[Fraction]:
    """A random pmf on M points with rational entries p_i > 0 (all equal when ``uniform``)."""
    w = [1] * M if uniform else [rng.randint(1, 40) for _ in range(M)]
    s = sum(w)
    return [Fraction(x, s) for x in w]


def decompose(p: list[Fraction]) -> tuple[Fraction, list[Fraction] | None]:
    """(alpha, g) of App. F: alpha = M p_min, g_i = (p_i - p_min)/(1 - M p_min); g = None when
    alpha = 1 (g is 0/0 there)."""
    M, pmin = len(p), min(p)
    alpha = M * pmin
    if alpha == 1:
        return alpha, None
    return alpha, [(pi - alpha / M) / (1 - alpha) for pi in p]


def mix_compute(ctx) -> Iterator[Comparison]:
    """On ``draws`` random rational pmfs on M points (exact): alpha <= 1, g >= 0, sum g = 1 and
    alpha/M + (1 - alpha) g_i = p_i; the uniform pmf (alpha = 1) separately."""
    M, draws = int(ctx["M"]), int(ctx["draws"])
    u = Fraction(ctx.constant("1 (of alpha/M)"))
    rng = random.Random(ctx.seed)
    bad = {"alpha > 1": 0, "g_i < 0": 0, "sum g != 1": 0, "identity fails": 0,
           "two forms of g differ": 0}
    alphas = []
    for _ in range(draws):
        p = random_pmf(M, rng)
        alpha, g = decompose(p)
        alphas.append(alpha)
        if alpha > 1:
            bad["alpha > 1"] += 1
        if g is None:
            continue
        pmin = min(p)
        bad["g_i < 0"] += sum(1 for gi in g if gi < 0)
        bad["sum g != 1"] += sum(g) != 1
        bad["identity fails"] += sum(1 for pi, gi in zip(p, g) if u * alpha / M + (1 - alpha) * gi != pi)
        bad["two forms of g differ"] += sum(1 for pi, gi in zip(p, g)
                                            if gi != (pi - pmin) / (1 - M * pmin))
    info = {"draws": draws, "alpha_min": str(min(alphas)), "alpha_max": str(max(alphas)),
            "draws_with_alpha_1": sum(1 for x in alphas if x == 1)}
    for what, count in bad.items():
        yield ctx.compare(count, "==", 0, f"number of (pmf, i) where {what} (exact, {draws} random pmfs)",
                          params={"property": what}, info=info, lhs_tex=r"\#\{(p,i): \text{" + what + r"}\}",
                          rhs_tex="0")
    pu = random_pmf(M, rng, uniform=True)
    alpha, g = decompose(pu)
    yield ctx.compare(sum(1 for pi in pu if u * alpha / M != pi), "==", 0,
                      "uniform Y: alpha = 1, g = 0/0 is undefined, and P(Y = y_i) = alpha/M "
                      "for every i (the (1 - alpha) g_i term vanishes whatever g is)",
                      params={"property": "alpha = 1 edge"}, info={"alpha": str(alpha), "g_defined": g is not None},
                      lhs_tex=r"\#\{i: \alpha/M\ne p_i\}", rhs_tex="0")


_p, _a, _M, _pm, _u, _one = sp.symbols("p alpha M p_min c_u one", positive=True)
claim("unified.step_appF_mix", "mixture decomposition (App. F)", "App. F",
      "Y on {y_1..y_M} with pmf p_i > 0, p_min = min p_i, U ~ Unif, alpha := M p_min 'which "
      "satisfies alpha <= 1', g_i := (p_i - alpha/M)/(1 - alpha) = (p_i - p_min)/(1 - M p_min), "
      "B ~ Bernoulli(alpha) independent. Then Y =d B U + (1 - B) G, i.e. P(Y = y_i) = alpha/M + "
      "(1 - alpha) g_i.",
      ("SYM", "EXACT"), params=(Param("M", "int", 1, None),),
      notes="g is undefined (0/0) when alpha = 1 (Y uniform); the decomposition then holds with B = 1.",
      checks=[SymbolicCheck("identity", "identity", _a * _u / _M + (1 - _a) * (_p - _a / _M) / (1 - _a), _p,
                            constants={"c_u": 1},
                            doc="alpha (1/M) + (1 - alpha) g_i = p_i (for alpha != 1); the constant is the 1 of "
                                "the uniform weight 1/M"),
              SymbolicCheck("two_forms_of_g", "substitution", (_p - _a / _M) / (1 - _a),
                            (_p - _pm) / (_one - _M * _pm), subs={_a: _M * _pm}, constants={"one": 1},
                            doc="(p_i - alpha/M)/(1 - alpha) = (p_i - p_min)/(1 - M p_min)"),
              ComputedCheck("random_rational_pmfs", mix_compute,
                            grid={"M": [2, 3, 5, 8, 13, 1], "draws": [200]},
                            quick_grid={"M": [3], "draws": [20]}, constants={"1 (of alpha/M)": 1},
                            falsifiers=(Falsifier.scale("1 (of alpha/M)", 2, doc="2 alpha/M + (1 - alpha) g_i "
                                                                                 "!= p_i"),))])
