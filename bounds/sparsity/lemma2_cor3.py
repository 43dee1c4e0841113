"""``sparsity`` Appendix F: Lemma 2 ([25] Corollary 1), its use in the proof of Theorem 3, and
Corollary 3 ([25] Corollary 2) (claims.md §2.8).

``X ~ U[0,1]`` (or ``U[-1,0]``), ``Y ~ U[-1,1]`` independent; ``P`` = law of ``XY``, with density
``h(w) = (1/2) ln(1/|w|)`` on ``[-1, 1]``; ``D = (1/2) delta_0 + (1/2) P``. A uniform ``U[-a, a]`` is a
mixture component of ``D`` with weight ``q`` iff ``D - q U[-a,a] >= 0`` as a measure, i.e. iff
``h(w)/2 >= q/(2a)`` on ``[-a, a]`` (the atom at 0 cannot carry a density): the largest weight is
``q_max(a) = a inf_{0<w<=a} h(w)`` (``h = 0`` outside ``[-1, 1]``), computed with sympy.

Corollary 3 is checked by Monte Carlo: ``n`` i.i.d. samples from ``D`` (``montecarlo.rfss``, dist
``"D"``), every subset sum enumerated (meet in the middle), coverage of ``[-1, 1]`` by closed
``eps``-balls decided exactly per sample.
"""
from __future__ import annotations

import math
from functools import lru_cache

import sympy as sp

from ticketcheck.bounds.claim import CertifyCheck, Falsifier, Param, SymbolicCheck
from ticketcheck.bounds.sparsity.printed_forms import LEMMA2_Q
from ticketcheck.bounds.sparsity.declare import claim, cmp, computed, report, trials_of
from ticketcheck.montecarlo.rfss import any_subset_covers

w_, x_ = sp.symbols("w x", positive=True)
v_ = sp.Symbol("v", real=True)
u_ = sp.Symbol("u", positive=True)
XY_HALF_DENSITY = sp.log(1 / w_) / 2          # density of XY at w and -w, 0 < w <= 1
Q_ = sp.Symbol("q", positive=True)            # Lemma 2's weight ln(2)/4


def _params(ctx) -> dict:
    return {k: v for k, v in ctx.items() if not k.startswith("_")}


@lru_cache(maxsize=None)
def largest_uniform_weight(a) -> sp.Expr:
    """``q_max(a) = a inf_{0 < w <= a} h(w)`` with ``h = (1/2) ln(1/w)`` on (0, 1] and 0 beyond:
    the largest ``q`` with ``D - q U[-a, a] >= 0`` (sympy, exact)."""
    a = sp.nsimplify(a)
    inside = sp.minimum(XY_HALF_DENSITY, w_, sp.Interval.Lopen(0, sp.Min(a, 1)))
    inf_h = inside if a <= 1 else sp.Integer(0)
    return sp.simplify(a * inf_h)


def _half_width(ctx) -> sp.Expr:
    return sp.Rational(str(ctx["a"]))


def _lemma2_weight(ctx):
    p = _params(ctx)
    a = _half_width(ctx)
    q = largest_uniform_weight(a)
    diff = sp.simplify(q - sp.nsimplify(ctx.constant("q")))
    lhs = 0 if diff == 0 else diff
    a_best = sp.exp(-1)
    yield cmp(p, lhs, 0, ">=", f"largest q with D - q U[-{a}, {a}] >= 0, minus ln(2)/4 (sympy; 0 = the "
              "lemma's weight is the largest possible)", q_max=str(q), q_max_float=float(q),
              lhs_tex=r"\max\{q: D-q\,\mathrm{U}[-\frac12,\frac12]\ge0\}-\frac{\ln2}4",
              best_uniform="U[-1/e, 1/e]", best_weight=str(largest_uniform_weight(a_best)),
              best_weight_float=float(largest_uniform_weight(a_best)),
              largest_weight_U_minus1_1=str(largest_uniform_weight(sp.Integer(1))))


def _thm3_weight(ctx):
    p = _params(ctx)
    a = _half_width(ctx)
    q = largest_uniform_weight(a)
    yield cmp(p, int(q) if q.is_Integer else q, 0, ">",
              f"largest weight q of a Uniform[-{a},{a}] component of D (the proof of Theorem 3 needs "
              "q > 0 for Uniform[-1,1])", lhs_tex=r"\max\{q: D-q\,\mathrm{U}[-1,1]\ge0\}", rhs_tex="0",
              q_max=str(q), density_at_w_to_1="(1/4) ln(1/|w|) -> 0", atom_at_0="1/2 (carries no "
              "density)", fix="2X with X ~ D contains Uniform[-1,1] with weight ln(2)/4",
              weight_of_U_half=str(largest_uniform_weight(sp.Rational(1, 2))))


claim("lemma2", "Lemma 2 ([25] Corollary 1)", "App. F, Lemma 2",
      "Let X ~ Uniform[0,1] (or X ~ Uniform[-1,0]) and Y ~ Uniform[-1,1] be independent random "
      "variables. Let P be the distribution of the XY and delta_0 the Dirac delta at 0. Let D be the "
      "distribution obtained as mixture of delta_0 and P with probability 1/2. Then D is the mixture of "
      "a Uniform[-1/2,1/2] and some distribution Q with probability ln(2)/4.", ("SYM",),
      checks=[SymbolicCheck("xy_density", "identity",
                            sp.Integral(sp.Rational(1, 2) / x_, (x_, w_, 1)), XY_HALF_DENSITY,
                            doc="X ~ U[0,1]: density of XY at w in (0,1] is int_w^1 (1/2)(1/x) dx"),
              SymbolicCheck("xy_density_negative_x", "identity",
                            sp.Integral(-sp.Rational(1, 2) / v_, (v_, -1, -w_)), XY_HALF_DENSITY,
                            options={"positive": ["w"]},
                            doc="X ~ U[-1,0] gives the same density: int_{-1}^{-w} (1/2)(1/|v|) dv"),
              SymbolicCheck("xy_normalised", "identity",
                            2 * sp.Integral(XY_HALF_DENSITY, (w_, 0, 1)), 1),
              computed("largest_weight_U_half", _lemma2_weight, {"a": ["1/2"]},
                       constants={"q": LEMMA2_Q}, falsifiers=(Falsifier.scale("q", 2),)),
              CertifyCheck("mixture_density_nonnegative", (XY_HALF_DENSITY / 2).subs(w_, 1 / (2 * u_)),
                           Q_, ">=", {"u": (1, sp.oo)}, constants={Q_: LEMMA2_Q},
                           falsifiers=(Falsifier.scale("q", 2),),
                           doc="(1/4) ln(1/w) >= ln(2)/4 on (0, 1/2] (w = 1/(2u), u >= 1): "
                               "D - (ln 2/4) U[-1/2,1/2] >= 0")],
      constants={"q": "ln(2)/4"}, constants_kind="explicit", log_base="ln",
      params=(Param("a", "real", 0, None, doc="half-width of the uniform component", tex="a"),),
      latex=(r"Let $X\sim$Uniform$[0,1]$ (or Uniform$[-1,0]$) and $Y\sim$Uniform$[-1,1]$ be independent, $P$ "
             r"the distribution of $XY$, $D=\frac12\delta_0+\frac12P$. Then $D$ is the mixture of a "
             r"Uniform$[-1/2,1/2]$ and some distribution $Q$ with probability $\ln(2)/4$."),
      notes="ln(2)/4 is exactly the largest weight of a U[-1/2,1/2] component (the density of D's "
            "continuous part, (1/4) ln(1/|w|), equals ln(2)/4 at |w| = 1/2). The best symmetric uniform "
            "component is U[-1/e, 1/e] with weight 1/(2e) = 0.184.")

claim("lemma2.as_used_in_thm3", "Lemma 2 as used in the proof of Theorem 3", "App. F, proof of Theorem 3",
      "it is because of the preprocessing step that we go from distributions Uniform[-1,1] to "
      "distributions D, as defined in Lemma 2, which are shown to be a mixture with Uniform[-1,1] and "
      "therefore can be also handled via Corollary 1.", ("SYM",),
      checks=[computed("largest_weight_U_minus1_1", _thm3_weight, {"a": [1]},
                       falsifiers=(Falsifier.tighten(doc="already strict: the printed q > 0 fails"),)),
              SymbolicCheck("density_vanishes_at_1", "limit", XY_HALF_DENSITY / 2, 0, var=w_, point=1,
                            options={"dir": "-"},
                            doc="the density of D's continuous part tends to 0 at |w| = 1")],
      variant_of="sparsity.lemma2",
      params=(Param("a", "real", 0, None, doc="half-width of the uniform component", tex="a"),),
      latex=(r"\dots\ distributions $D$, as defined in Lemma 2, which are shown to be a mixture with "
             r"Uniform$[-1,1]$ and therefore can be also handled via Corollary 1"),
      notes="D is not a mixture with Uniform[-1,1]: the largest weight is 0 (the continuous part's "
            "density (1/4) ln(1/|w|) vanishes at |w| = 1; the atom at 0 cannot host a density). Lemma 2 "
            "gives a U[-1/2,1/2] component; Corollary 1 needs U[-1,1], which holds for 2X (weight "
            "ln(2)/4), i.e. after rescaling the targets and the tolerance by 1/2. Substantive: writing "
            "U[-1/2,1/2] (Lemma 2's) would make the sentence true but not the use of Corollary 1, "
            "which needs the rescaling; no single edit of a declared kind gives the intended argument. "
            "No Inherit: Theorem 3's parameters do not enter this statement about D.")


# ============================================================================ Corollary 3

def _cor3(ctx):
    """Scan n upward: n* = the first n whose Clopper-Pearson interval is above 1 - eps, and the C it
    implies -- reported: C is existential (a 'universal constant' with no value in the paper), and no
    sample over a finite range of n can decide whether some C works for every eps."""
    p = _params(ctx)
    eps = sp.Rational(str(ctx["eps"]))
    e = float(eps)
    n_max = int(ctx["n_max"])
    trials = trials_of(ctx, int(ctx["trials_cap"]))
    seed = ctx.seed
    target = 1 - e
    log_term = math.log(2 / e)
    first = None
    last_fail = None
    for n in range(1, n_max + 1):
        est = any_subset_covers(n, e, "D", trials=trials, seed=seed + n)
        lo, hi = est.interval()
        if lo >= target:
            first = (n, est)
            break
        if hi < target:
            last_fail = n
    info = {"C_lower_bound": (last_fail / log_term) if last_fail else None, "last_n_below": last_fail,
            "trials": trials, "ln_2_over_eps": log_term,
            "fitted_on": {"eps": str(eps), "n": f"1..{n_max}", "trials": trials}}
    tex = {"lhs_tex": r"\Pr(\forall z\in[-1,1],\exists S\subset[n]:|z-\sum_{i\in S}X_i|\le\varepsilon)",
           "rhs_tex": r"1-\varepsilon"}
    if first is None:
        yield report(p, None, target, f"P(every z in [-1,1] is eps-approximated) at n <= {n_max}: no "
                     f"n reaches 1 - eps (C > {last_fail} / ln(2/eps) if the last failures are real)",
                     kind="probability", **info, **tex)
        return
    n_star, est = first
    yield report({**p, "n": n_star}, est, target, "P(every z in [-1,1] has |z - Sigma_S| <= eps) at "
                 "the smallest n reaching 1 - eps, and the implied C = n*/ln(2/eps)",
                 kind="probability", n_star=n_star, C_implied=n_star / log_term, **info, **tex)
    if n_star < n_max:
        est2 = any_subset_covers(n_max, e, "D", trials=trials, seed=seed + n_max)
        yield report({**p, "n": n_max}, est2, target, "the same at n_max (coverage is monotone in n)",
                     kind="probability", n_star=n_star, C_implied=n_star / log_term, **info, **tex)


claim("cor3", "Corollary 3 ([25] Corollary 2)", "App. F, Corollary 3",
      "Let X_1, ..., X_n be iid with distribution D as defined in Lemma 2, where n >= C ln(2/eps) for "
      "some universal constant C. Then Pr(for all z in [-1,1], exists S subset [n]: |z - sum_{i in S} "
      "X_i| <= eps) >= 1 - eps.", ("MC",),
      checks=[computed("coverage_scan", _cor3,
                       {"eps": ["1/2", "1/3", "1/4"], "n_max": [24], "trials_cap": [1000]},
                       {"eps": ["1/2"], "n_max": [20], "trials_cap": [400]},
                       doc="smallest n with P(cover) >= 1 - eps certified by Monte Carlo, implied "
                           "C = n*/ln(2/eps); eps without such n <= n_max give a lower bound on C")],
      constants={"C": "existential (universal)"}, constants_kind="existential", log_base="ln",
      hypothesis=sp.Symbol("eps") > 0,
      params=(Param("eps", "real", 0, 1, doc="tolerance (closed)", tex=r"\varepsilon"),
              Param("n", "int", 1, None, doc="number of samples", tex="n")),
      latex=(r"Let $X_1,\dots,X_n$ be iid with distribution $D$ as defined in Lemma 2, where $n\ge C\ln"
             r"(2/\varepsilon)$ for some universal constant $C$. Then $\Pr(\forall z\in[-1,1],\exists S\subset"
             r"[n]:|z-\sum_{i\in S}X_i|\le\varepsilon)\ge1-\varepsilon$."),
      notes="Measured: C is an existential universal constant with no value in the paper; no finite "
            "scan can decide whether some C works for every eps (issue 9: not 'inconclusive, more "
            "trials would decide'). The fitted C = n*/ln(2/eps) is reported per eps with the grid. "
            "Any subset (empty included), closed tolerance <= eps, all z in [-1,1] simultaneously. "
            "With n <= 24, 1 - eps is reached for eps = 1/2 (n* = 16, C = n*/ln 4 = 11.5) and eps = 1/3 "
            "(C ~ 12.8); for eps = 1/4 no n <= 24 suffices (P(n = 24) ~ 0.73 < 0.75), so C > 24/ln 8 "
            "= 11.5: the universal constant is at least ~12.")
