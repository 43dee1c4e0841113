"""``sparsity`` §3.1, proof of Theorem 2: the second moment method, Eqs. (5)-(13) (claims.md §2.3).

Notation of the proof: ``Y = sum_{|S| = k} 1{|Sigma_S - z| < eps}``, ``H = H_S~`` for a uniform random
k-subset, ``I = |S~ cap S~'|`` ~ Hypergeometric(n, k, k). The exact quantities come from
``exact.rfss_moments`` (Uniform[-1,1], rational z and eps: exact rationals) and, for the moment
identities on the discrete model, from ``exact.rfss_discrete_moments`` (brute force over every
sample vector vs the proof's formulas). Monte Carlo: ``montecarlo.rfss_pairs`` (hit counts Y) and
``montecarlo.rfss`` (meet in the middle). Conventions and the reading of "c denotes any positive
constant": see ``bounds/sparsity/second_moment.py``.
"""
from __future__ import annotations

import itertools
import math
from fractions import Fraction
from functools import lru_cache

import sympy as sp
from flint import arb

from ticketcheck.bounds.claim import Falsifier, Inherit, Param, SymbolicCheck
from ticketcheck.bounds.sparsity import second_moment as T
from ticketcheck.bounds.sparsity.declare import (P_CHYP, P_EPS, P_K, P_MU, P_N, P_ZREL, TIGHTEN, claim, cmp,
                                             computed, report, seed_of)
from ticketcheck.bounds.sparsity.sample_size import frac_arb, with_prec
from ticketcheck.bounds.sparsity.theorem2 import evaluate_point
from ticketcheck.errors import InputError
from ticketcheck.exact import rfss_discrete_moments as dm
from ticketcheck.exact.irwin_hall import cdf, cdf_arb, density, density_arb
from ticketcheck.exact.rfss_moments import hyper_pmf
from ticketcheck.exact.rfss_moments import p_hit as p_hit_exact
from ticketcheck.montecarlo.rfss import continuous_single_target
from ticketcheck.montecarlo.rfss_pairs import subset_count_moments

R = Fraction
SRC = "§3.1 proof of Theorem 2"
PARAMS = (P_K, P_N, P_EPS, P_CHYP, P_ZREL, P_MU,
          Param("M", "int", 1, None, doc="discrete model: samples uniform on {-M..M}", tex="M"),
          Param("delta", "real", 0, None, doc="discrete model: strict tolerance", tex=r"\delta"),
          Param("z", "real", None, None, doc="target", tex="z"))

# tiny discrete cases (M, n, k, delta, z): samples uniform on {-M..M}, strict |Sigma - z| < delta;
# every case has 1 <= k <= n/2 (Theorem 2's range)
DISCRETE = [(1, 4, 2, 1, 0), (2, 4, 2, 2, 1), (1, 5, 2, 1, 2), (2, 3, 1, 1, 1), (1, 6, 3, 1, 1),
            (2, 5, 2, 1, 0), (1, 7, 3, 2, R(1, 2)),
            (2, 4, 2, 1, 4)]      # z = k M: a hit needs two samples equal to M, E[Y] = 6/25 < 1
#: Eq. (5)'s cases start with the rare-hit one, where Y is mostly 0 or 1 and (5) is nearly tight
EQ5_CASES = (7, 0, 1, 2, 3, 4, 5, 6)
QUICK_DISCRETE = [0, 1]
CASE_KEYS = ("M", "n", "k", "delta", "z")


def _case(ctx):
    """The discrete model of a grid point: ``(M, n, k, delta, z)`` and the point's parameters."""
    M, n, k = int(ctx["M"]), int(ctx["n"]), int(ctx["k"])
    delta, z = R(ctx["delta"]), R(ctx["z"])
    return (M, n, k, delta, z), {"M": M, "n": n, "k": k, "delta": delta, "z": z}


@lru_cache(maxsize=None)
def _y_moments(M, n, k, delta, z) -> dict:
    """``exact.rfss_discrete_moments.y_moments`` once per case (the brute force is shared by the
    discrete checks of Eqs. (5), (7), (8), (9))."""
    return dm.y_moments(M, n, k, delta, z)


def _discrete_grid(quick=False, cases=None):
    """The discrete models as grid points (M, n, k, delta, z)."""
    idx = cases if cases is not None else (QUICK_DISCRETE if quick else range(len(DISCRETE)))
    return lambda: [dict(zip(CASE_KEYS, DISCRETE[i])) for i in idx]


# ================================================================ Eq. (5)

p1, p2, p3, y1, y2, y3 = sp.symbols("p1 p2 p3 y1 y2 y3", positive=True)
_PS, _YS = (p1, p2, p3), (y1, y2, y3)
HALF = sp.Symbol("h", positive=True)      # the 1/2 of Lagrange's identity
CS_LAGRANGE = SymbolicCheck(
    "cauchy_schwarz_lagrange", "identity",
    sum(_PS) * sum(p * y ** 2 for p, y in zip(_PS, _YS)) - sum(p * y for p, y in zip(_PS, _YS)) ** 2,
    HALF * sum(_PS[i] * _PS[j] * (_YS[i] - _YS[j]) ** 2 for i in range(3) for j in range(3)),
    constants={HALF: sp.Rational(1, 2)}, falsifiers=(Falsifier.scale("h", 2),),
    doc="(5) by Cauchy-Schwarz, as Lagrange's identity: for Y >= 0 with atoms y_j > 0 of mass p_j "
        "on {Y > 0}, Pr(Y>0) E[Y^2] - E[Y]^2 = (1/2) sum_ij p_i p_j (y_i - y_j)^2 >= 0 (three "
        "atoms; the algebra is the same for any number).")

#: the square of (E[Y])^2 in Eq. (5) (and of C(n,k)^2 in Eq. (8)): a constant of the statements
POWER = {"power": 2}
#: Pr(Y > 0) >= E[Y] / E[Y^2] (the square halved) is false: Y in {0, 1} gives 1 > Pr(Y > 0)
HALF_POWER = Falsifier.scale("power", Fraction(1, 2), doc="(E[Y])^2 -> E[Y]: fails where Y is 0 or 1")
EY_TEX, PZ_TEX = r"\Pr(Y>0)", r"(\mathbb{E}[Y])^2/\mathbb{E}[Y^2]"


def _pow(x: Fraction, e) -> Fraction:
    e = Fraction(e)
    if e.denominator != 1:
        raise InputError(f"the exponent {e} of a rational comparison must be an integer")
    return Fraction(x) ** int(e)


def _eq5_discrete(ctx):
    args, p = _case(ctx)
    m = _y_moments(*args)
    yield cmp(p, m["P_Y_pos"], _pow(m["EY"], ctx.constant("power")) / m["EY2"], ">=",
              "Pr(Y > 0) >= E[Y]^2 / E[Y^2] (discrete model, exact law of Y by brute force)",
              kind="probability", lhs_tex=EY_TEX, rhs_tex=PZ_TEX, EY=str(m["EY"]), EY2=str(m["EY2"]))


def _mc_count(ctx):
    n, k, eps = int(ctx["n"]), int(ctx["k"]), R(ctx["eps"])
    z = T.z_of(k, ctx["z_rel"])
    trials = int(min(int(ctx["trials"]), ctx.trials))
    return n, k, eps, z, trials, subset_count_moments(n, k, float(eps), float(z), trials,
                                                      ctx.seed)


def _eq5_mc(ctx):
    n, k, eps, z, trials, mc = _mc_count(ctx)
    p = T.params_of(ctx)
    a = Fraction(ctx.constant("power"))
    if mc["sum_y2"]:
        # (sum Y / T)^a / (sum Y^2 / T), exactly
        emp = _pow(R(mc["sum_y"], trials), a) / R(mc["sum_y2"], trials)
        yield cmp(p, R(mc["positive"], trials), emp, ">=",
                  "on the Monte Carlo sample itself: #(Y>0)/T >= (sum Y / T)^2 / (sum Y^2 / T) "
                  "(Eq. (5) for the empirical law, exact integers)", kind="probability",
                  lhs_tex=EY_TEX, rhs_tex=PZ_TEX, sum_y=mc["sum_y"], sum_y2=mc["sum_y2"])
    c = math.comb(n, k)          # E[Y] = C Pr(H), E[Y^2] = C^2 Pr(H and H'), exactly
    pz = _pow(c * p_hit_exact(k, eps, z), a) / (c * c * T.joint(n, k, eps, z))
    yield cmp(p, mc["p_pos"], pz, ">=", "Pr(Y > 0) (Monte Carlo) >= exact E[Y]^2/E[Y^2]",
              kind="probability", lhs_tex=EY_TEX, rhs_tex=PZ_TEX, R=float(T.ratio_R(n, k, eps, z)))
    mitm = continuous_single_target(n, k, float(eps), float(z), "uniform", trials=trials,
                                    seed=ctx.seed)
    yield cmp(p, mc["positive"], mitm.successes, "==",
              "same streams: trials with Y > 0 (all C(n,k) sums) = hits of the meet-in-the-middle "
              "kernel (trial by trial the same samples)")


MC_SMALL = {"n": [6, 8, 10], "k": [2, 3], "eps": [R(1, 10), R(1, 4)], "z_rel": [0, 1],
            "trials": [4000]}
MC_SMALL_QUICK = {"n": [8], "k": [2], "eps": [R(1, 4)], "z_rel": [0, 1], "trials": [2000]}
#: Eq. (5)'s quick grid includes n = 6, k = 2, eps = 1/10 at z = sqrt k, where E[Y] < 1 (the
#: regime where (5) with E[Y] in place of E[Y]^2 fails)
EQ5_MC_QUICK = {"n": [6], "k": [2], "eps": [R(1, 10)], "z_rel": [1, 0], "trials": [2000]}


def _expand(grid: dict) -> list[dict]:
    keys = list(grid)
    return [dict(zip(keys, vals)) for vals in itertools.product(*(grid[k] for k in keys))]
#: the identities of Eqs. (5)-(12) do not involve eps or c_hyp: the inherited hypothesis of Theorem 2
#: is 1 <= k <= n/2 (eps = 1/2, c_hyp = 1 are admissible values of the parameters they do not use)
IDENTITY_SCOPE = (Inherit("sparsity.thm2", {"eps": R(1, 2), "c_hyp": 1},
                          doc="the step does not involve eps or c_hyp: 1 <= k <= n/2"),)
PROOF_SCOPE = (Inherit("sparsity.thm2", doc="proof-grid points: k, n, eps, c_hyp of Theorem 2"),)

claim("eq5", "Eq. (5): second moment method", SRC,
      "Following [19], we exploit the second moment method for RFSS, generalising it to arbitrary k: "
      "Pr(Y > 0) >= (E[Y])^2 / E[Y^2] (5).", ("SYM", "EXACT", "MC"),
      checks=[CS_LAGRANGE,
              computed("discrete_exact", _eq5_discrete, _discrete_grid(cases=EQ5_CASES),
                       quick_grid=_discrete_grid(cases=EQ5_CASES[:2]), constants=POWER,
                       falsifiers=(HALF_POWER,),
                       doc="Exact law of Y on tiny discrete models: (5) with exact rationals."),
              computed("monte_carlo", _eq5_mc, MC_SMALL, quick_grid=EQ5_MC_QUICK,
                       constants=POWER, falsifiers=(HALF_POWER,),
                       doc="Uniform[-1,1]: (5) on the empirical law (exact), Pr(Y>0) vs the exact "
                           "1/R, and the two kernels agree trial by trial.")],
      params=PARAMS, inherits=IDENTITY_SCOPE,
      latex=r"$\Pr(Y>0)\ge\frac{(\mathbb{E}[Y])^2}{\mathbb{E}[Y^2]}$ (5)",
      depends_on=("sparsity.eq7", "sparsity.eq8"))

# ================================================================ Eq. (6)

EY_, EY2_, cc_ = sp.symbols("EY EY2 c", positive=True)
EQ6_IMPLIES = SymbolicCheck(
    "implies_eq5_bound", "implication", EY_ ** 2 / EY2_ >= 1 / cc_, assumptions=[EY2_ <= cc_ * EY_ ** 2],
    options={"domain": {"EY": (sp.Rational(1, 2 ** 30), sp.oo), "EY2": (sp.Rational(1, 2 ** 30), sp.oo),
                        "c": (1, sp.oo)}},
    doc="E[Y^2] <= c E[Y]^2 => E[Y]^2/E[Y^2] >= 1/c, so with (5) Pr(Y > 0) >= 1/c. Domain: c >= 1 "
        "is no restriction (E[Y^2] >= E[Y]^2 by Jensen); EY, EY2 >= 2^-30 neither (the statement is "
        "invariant under EY -> s EY, EY2 -> s^2 EY2).")


def _ratio_value(p):
    d = T.point_data(int(p["k"]), R(p["eps"]), R(p["c_hyp"]), R(p["z_rel"]))
    return d["R"], {"n": d["n"]}


def _eq6_points(ctx):
    d = T.data(ctx)
    yield T.constant_cmp(T.params_of(ctx), d["R"], "E[Y^2]/E[Y]^2 = R (the c of Eq. (6))",
                         n=d["n"], paley_zygmund=float(1 / d["R"]),
                         lhs_tex=r"\mathbb{E}[Y^2]/(\mathbb{E}[Y])^2")
    yield from T.fitted_constant(ctx, T.proof_grids(), _ratio_value, "E[Y^2]/E[Y]^2 = R")


claim("eq6", "Eq. (6): sufficient condition E[Y^2] <= c E[Y]^2", SRC,
      "it thus suffices to prove that E[Y^2] <= c (E[Y])^2. (6)", ("SYM", "NUM"),
      checks=[EQ6_IMPLIES,
              computed("ratio_at_proof_points", _eq6_points, T.proof_grid(),
                       quick_grid=T.proof_grid(scope="quick"),
                       doc="R = E[Y^2]/E[Y]^2 exactly at n = least n with Eq. (1); at the grid's last "
                           "point the empirical c (max of R over the grid, where attained).")],
      constants={"c": "existential ('c denotes any positive constant')"},
      constants_kind="existential", depends_on=("sparsity.eq5",), params=PARAMS, inherits=PROOF_SCOPE,
      latex=r"it thus suffices to prove that $\mathbb{E}[Y^2]\le c(\mathbb{E}[Y])^2$ (6)",
      notes="Measured: c is existential ('c denotes any positive constant'); R = E[Y^2]/E[Y]^2 is "
            "reported at every proof-grid point with its maximum (the smallest c the grid admits). "
            "The implication (6) => E[Y]^2/E[Y^2] >= 1/c is certified; it has no constant that a "
            "falsifier could change (it is logic, not a bound), so it is reported as measured too.")

# ================================================================ Eqs. (7), (8)


def _eq7_discrete(ctx):
    args, p = _case(ctx)
    m = _y_moments(*args)
    yield cmp(p, m["EY"], m["EY_formula"], "==",
              "E[Y] (brute force over all sample vectors) = C(n,k) Pr(H_S~) (Eq. (7))",
              lhs_tex=r"\mathbb{E}[Y]", rhs_tex=r"\binom nk\Pr(H_{\tilde S})")


def _eq8_discrete(ctx):
    args, p = _case(ctx)
    m = _y_moments(*args)
    M, n, k, delta, z = args
    c = math.comb(n, k)
    yield cmp(p, m["EY2"], _pow(c, ctx.constant("power")) * m["p_joint"], "==",
              "E[Y^2] (brute force) = C(n,k)^2 Pr(H_S~ and H_S~') = C(n,k)^2 sum_i Pr(I=i) Q_i (Eq. (8))",
              lhs_tex=r"\mathbb{E}[Y^2]", rhs_tex=r"\binom nk^2\Pr(H_{\tilde S}\wedge H_{\tilde S'})")


def _eq7_mc(ctx):
    n, k, eps, z, trials, mc = _mc_count(ctx)
    yield T.agree(T.params_of(ctx), mc["mean_y_over_c"], dm_free_p_hit(k, eps, z),
                  "E[Y]/C(n,k) (Monte Carlo mean, Hoeffding interval) vs exact Pr(H) (Eq. (7))")


def _eq8_mc(ctx):
    n, k, eps, z, trials, mc = _mc_count(ctx)
    yield T.agree(T.params_of(ctx), mc["mean_y2_over_c2"], T.joint(n, k, eps, z),
                  "E[Y^2]/C(n,k)^2 (Monte Carlo, Hoeffding) vs exact sum_i Pr(I=i) Q_i (Eq. (8))")


def dm_free_p_hit(k, eps, z):
    from ticketcheck.exact.rfss_moments import p_hit
    return p_hit(k, eps, z)


_n = sp.Symbol("n", positive=True, integer=True)
VANDERMONDE = [SymbolicCheck(
    f"pair_count_k{k}", "identity",
    sp.expand(sp.expand_func(sum(sp.binomial(k, i) * sp.binomial(_n - k, k - i) for i in range(k + 1)))),
    sp.expand(sp.expand_func(sp.binomial(_n, k))),
    doc=f"k = {k}: sum_i C(k,i) C(n-k,k-i) = C(n,k) for symbolic n (Vandermonde; both sides expanded as "
        f"polynomials in n): the ordered pairs (S, S') split by their overlap i, so Pr(I = i) is the "
        f"hypergeometric pmf used in (8).")
    for k in (1, 2, 3, 4, 5, 6)]


def _pairs_by_overlap(ctx):
    n, k = int(ctx["n"]), int(ctx["k"])
    subsets = [frozenset(c) for c in itertools.combinations(range(n), k)]
    counts = [0] * (k + 1)
    for a in subsets:
        for b in subsets:
            counts[len(a & b)] += 1
    c = math.comb(n, k)
    for i in range(k + 1):
        yield cmp({"n": n, "k": k, "i": i}, R(counts[i], c * c), hyper_pmf(n, k, i), "==",
                  "fraction of ordered pairs (S, S') with |S cap S'| = i (enumerated) = Pr(I = i)")


PAIRS = computed("pairs_by_overlap", _pairs_by_overlap,
                 lambda: ({"n": n, "k": k} for n in range(2, 9) for k in range(1, n // 2 + 1)),
                 quick_grid={"n": [6], "k": [2, 3]},
                 doc="Hypergeometric law of I = |S~ cap S~'| by enumeration of pairs.")

claim("eq7", "Eq. (7): E[Y] = C(n,k) Pr(H_S~)", SRC,
      "E[Y] = sum_{S in S_k} E[Z_S] = sum_{S in S_k} Pr(H_S) = C(n,k) Pr(H_S~) (7)", ("EXACT", "MC"),
      checks=[computed("discrete_exact", _eq7_discrete, _discrete_grid(),
                       quick_grid=_discrete_grid(True), doc="Brute force vs the formula."),
              computed("monte_carlo", _eq7_mc, MC_SMALL, quick_grid=MC_SMALL_QUICK,
                       doc="Uniform[-1,1]: mean of Y/C(n,k) vs exact Pr(H).")],
      params=PARAMS, inherits=IDENTITY_SCOPE,
      latex=r"$\mathbb{E}[Y]=\sum_{S\in\mathcal S_k}\mathbb{E}[Z_S]=\sum_{S\in\mathcal S_k}\Pr(H_S)"
            r"=\binom nk\Pr(H_{\tilde S})$ (7)",
      notes="An identity with no printed constant (linearity of expectation): exact equality by brute "
            "force on tiny discrete models and Monte Carlo agreement for Uniform[-1,1]; no falsifier "
            "of the declaration can change an equality without a constant, so the checks are "
            "measured (a disagreement would still show as violated).")

claim("eq8", "Eq. (8): E[Y^2] = C(n,k)^2 Pr(H_S~ and H_S~')", SRC,
      "E[Y^2] = E[(sum_S Z_S)(sum_S' Z_S')] = sum_{S,S'} E[Z_S Z_S'] = sum_{S,S'} Pr(H_S and H_S') = "
      "C(n,k)^2 Pr(H_S~ and H_S~'). (8)", ("SYM", "EXACT", "MC"),
      checks=[*VANDERMONDE, PAIRS,
              computed("discrete_exact", _eq8_discrete, _discrete_grid(),
                       quick_grid=_discrete_grid(True), constants=POWER,
                       falsifiers=(Falsifier.scale("power", Fraction(1, 2),
                                                   doc="C(n,k)^2 -> C(n,k)"),),
                       doc="Brute force vs the formula (the square of C(n,k) is the statement's "
                           "constant)."),
              computed("monte_carlo", _eq8_mc, MC_SMALL, quick_grid=MC_SMALL_QUICK,
                       doc="Uniform[-1,1]: mean of (Y/C(n,k))^2 vs the exact joint probability.")],
      params=PARAMS, inherits=IDENTITY_SCOPE,
      latex=r"$\mathbb{E}[Y^2]=\sum_{S,S'\in\mathcal S_k}\Pr(H_S\wedge H_{S'})"
            r"=\binom nk^2\Pr(H_{\tilde S}\wedge H_{\tilde S'})$ (8)",
      notes="Judged by the brute-force check (the exponent 2 of C(n,k)^2 is the falsified constant); "
            "the hypergeometric pair counts (Vandermonde) and the Monte Carlo agreement are identities "
            "without a printed constant, reported as measured.")

# ================================================================ Eq. (9)

Pj_, Ph_ = sp.symbols("P_joint P_H", positive=True)
PW_ = sp.Symbol("power", positive=True)      # the squares of (E[Y])^2, C(n,k)^2, Pr(H)^2
_SQUARE = {"constants": {PW_: 2}, "falsifiers": (Falsifier.scale("power", Fraction(1, 2)),)}
EQ9_EQUIV = SymbolicCheck(
    "eq9_iff_eq6", "equivalence", Pj_ / Ph_ <= cc_ * Ph_, Pj_ <= cc_ * Ph_ ** PW_, **_SQUARE,
    doc="(9) Pr(H'|H) = Pr(H and H')/Pr(H) <= c Pr(H) <=> Pr(H and H') <= c Pr(H)^2 <=> (6).")


CC_ = sp.Symbol("C", positive=True)
EQ9_ALGEBRA = [
    SymbolicCheck("rewrite_with_eq7_eq8", "identity", (CC_ * Ph_) ** 2 / (CC_ ** PW_ * Pj_),
                  Ph_ ** 2 / Pj_, **_SQUARE,
                  doc="(E[Y])^2/E[Y^2] with (7) E[Y] = C Pr(H) and (8) E[Y^2] = C^2 Pr(H and H') "
                      "(C = C(n,k)): = Pr(H)^2 / Pr(H and H')."),
    SymbolicCheck("rewrite_conditional", "identity", Ph_ ** PW_ / Pj_, Ph_ / (Pj_ / Ph_), **_SQUARE,
                  doc="Pr(H)^2 / Pr(H and H') = Pr(H) / Pr(H'|H), Pr(H'|H) = Pr(H and H')/Pr(H).")]


def _eq9_discrete(ctx):
    """The rewriting of (E[Y])^2/E[Y^2] with the law of Y by brute force (every sample vector of a
    tiny discrete model) on the left and the proof's Pr(H), Pr(H and H') (formulas) on the right;
    the square of Pr(H) is the statement's constant."""
    args, p = _case(ctx)
    m = _y_moments(*args)
    lhs = m["EY"] ** 2 / m["EY2"]
    ph, pj = m["p_hit"], m["p_joint"]
    a = ctx.constant("power")
    yield cmp(p, lhs, _pow(ph, a) / pj, "==",
              "E[Y]^2/E[Y^2] (brute force) = Pr(H)^2 / Pr(H and H') (the proof's formulas)",
              lhs_tex=r"(\mathbb{E}[Y])^2/\mathbb{E}[Y^2]",
              rhs_tex=r"\Pr(H_{\tilde S})^2/\Pr(H_{\tilde S}\wedge H_{\tilde S'})",
              EY=str(m["EY"]), EY2=str(m["EY2"]))
    yield cmp(p, lhs, _pow(ph, a - 1) / (pj / ph), "==", "E[Y]^2/E[Y^2] (brute force) = Pr(H) / Pr(H'|H)",
              lhs_tex=r"(\mathbb{E}[Y])^2/\mathbb{E}[Y^2]",
              rhs_tex=r"\Pr(H_{\tilde S})/\Pr(H_{\tilde S'}\mid H_{\tilde S})")


def _eq9_mc(ctx):
    c, k, eps = R(ctx["c_hyp"]), int(ctx["k"]), R(ctx["eps"])
    trials = int(min(int(ctx["trials"]), ctx.trials))
    for zr in (R(0), R(1)):
        d = evaluate_point(c, k, eps, zr, T.HALF, trials, seed_of(ctx.seed, zr))
        if d["pr"] is None:
            continue
        yield report({**T.params_of(ctx), "z_rel": zr}, d["pr"], d["pz"],
                     "the probability Pr(Y > 0) (exact k = 1 / Monte Carlo) and 1/R = Pr(H)/Pr(H'|H), "
                     "its lower bound by (5) (reported: the comparison is Eq. (5), checked in "
                     "sparsity.eq5)", kind="probability", lhs_tex=r"\Pr(Y>0)",
                     rhs_tex=r"\Pr(H_{\tilde S})/\Pr(H_{\tilde S'}\mid H_{\tilde S})", n=d["n"])
    yield from T.fitted_constant(ctx, EQ9_MC_GRIDS, lambda pt: (T.point_data(
        int(pt["k"]), R(pt["eps"]), R(pt["c_hyp"]), R(0))["R"], {}),
        "R = Pr(H'|H)/Pr(H) at z = 0 (the c of Eq. (9) at these points)")


def _eq9_mc_grid(quick=False):
    cs, ks, es, tr = ([1], [2], [R(1, 4)], 2000) if quick else ([1, 2], [1, 2, 3, 4], [R(1, 4), R(1, 10)], 3000)
    return lambda: [{"c_hyp": c, "k": k, "n": T.n_of(k, e, c), "eps": e, "trials": tr}
                    for c in cs for k in ks for e in es]


EQ9_MC_GRIDS = {"full": _eq9_mc_grid(), "quick": _eq9_mc_grid(True)}


claim("eq9", "Eq. (9): the reduced condition Pr(H'|H) <= c Pr(H)", SRC,
      "Using Eqs. 7 and 8 we can rewrite the r.h.s. of Eq. 5 as (E[Y])^2/E[Y^2] = [Pr(H_S~)]^2 / "
      "Pr(H_S~ and H_S~') = Pr(H_S~) / Pr(H_S~' | H_S~). Eq. 6 thus becomes Pr(H_S~' | H_S~) <= c "
      "Pr(H_S~). (9)", ("SYM", "NUM", "EXACT", "MC"),
      checks=[EQ9_EQUIV, *EQ9_ALGEBRA,
              computed("identities_discrete_exact", _eq9_discrete, _discrete_grid(cases=range(6)),
                       quick_grid=_discrete_grid(True), constants=POWER,
                       falsifiers=(Falsifier.scale("power", Fraction(1, 2)),),
                       doc="The two rewritings of E[Y]^2/E[Y^2]: brute-force law of Y vs the "
                           "proof's formulas, exact rationals (tiny discrete models)."),
              computed("one_over_R_and_c", _eq9_mc, EQ9_MC_GRIDS["full"],
                       quick_grid=EQ9_MC_GRIDS["quick"],
                       doc="The probability and 1/R (reported), and at the grid's last point the "
                           "empirical c of (9): max of R (existential constant, measured).")],
      constants={"c": "existential"}, constants_kind="existential", params=PARAMS,
      inherits=IDENTITY_SCOPE,
      latex=(r"$\frac{(\mathbb{E}[Y])^2}{\mathbb{E}[Y^2]}=\frac{[\Pr(H_{\tilde S})]^2}{\Pr(H_{\tilde S}"
             r"\wedge H_{\tilde S'})}=\frac{\Pr(H_{\tilde S})}{\Pr(H_{\tilde S'}\mid H_{\tilde S})}$; "
             r"Eq. 6 thus becomes $\Pr(H_{\tilde S'}\mid H_{\tilde S})\le c\Pr(H_{\tilde S})$ (9)"),
      depends_on=("sparsity.eq5", "sparsity.eq6", "sparsity.eq7", "sparsity.eq8"),
      notes="The rewritings are judged (symbolically and by brute force; the squares are the "
            "falsified constants). The c of (9) is existential: R(n,k,eps,z) = E[Y^2]/E[Y]^2 = "
            "sum_i Pr(I=i) Q_i / Pr(H)^2 is computed exactly and reported with its maximum over the "
            "grid (measured); 1/R <= Pr(Y > 0) is Eq. (5), reported here.")

# ================================================================ Eqs. (10)-(12)


@lru_cache(maxsize=None)
def _pair_counts(M: int, n: int, k: int, delta, z) -> tuple[list[int], list[int], int]:
    """Brute force over every sample vector of {-M..M}^n and every ordered pair (S, S') of
    k-subsets: counts of ``H_S and I = i`` and of ``H_S and H_S' and I = i`` (i = |S cap S'|), and
    the number of (vector, pair) outcomes."""
    subsets = [frozenset(c) for c in itertools.combinations(range(n), k)]
    d, zz = R(delta), R(z)
    h_i, hh_i = [0] * (k + 1), [0] * (k + 1)
    for xs in itertools.product(range(-M, M + 1), repeat=n):
        hit = [abs(sum(xs[j] for j in a) - zz) < d for a in subsets]
        for a, ha in zip(subsets, hit):
            if ha:
                for b, hb in zip(subsets, hit):
                    i = len(a & b)
                    h_i[i] += 1
                    hh_i[i] += hb
    return h_i, hh_i, (2 * M + 1) ** n * len(subsets) ** 2


def _with_mu(grid, mus):
    return lambda: [{**p, "mu": mu} for p in grid() for mu in mus]


def _addends_discrete(ctx):
    """(10)-(12) on a tiny discrete model: each addend Pr(H' and I in G | H) by brute force vs the
    printed form Pr(I in G) Pr(H' | H, I in G) (needs I independent of H), and the proof's formula
    sum_{i in G} Pr(I = i) Q_i / Pr(H) (exact.rfss_discrete_moments); the three sum to Pr(H'|H)."""
    (M, n, k, delta, z), p = _case(ctx)
    mu = R(ctx["mu"])
    lo = T.mu_ceil(mu, k)
    h_i, hh_i, _ = _pair_counts(M, n, k, delta, z)
    ph = dm.p_hit(M, k, delta, z)
    groups = (("(10): I = k", [k]), ("(11): ceil(mu k) <= I <= k-1", list(range(lo, k))),
              ("(12): I <= ceil(mu k) - 1", list(range(0, min(lo, k)))))
    p = {**p, "mu": mu}
    total = R(0)
    for name, G in groups:
        if not G:
            continue
        direct = R(sum(hh_i[i] for i in G), sum(h_i))
        p_g = sum((hyper_pmf(n, k, i) for i in G), R(0))
        cond = R(sum(hh_i[i] for i in G), sum(h_i[i] for i in G))
        formula = sum((hyper_pmf(n, k, i) * dm.q_joint(M, k, i, delta, z) for i in G), R(0)) / ph
        total += direct
        yield cmp({**p, "addend": name}, direct, p_g * cond, "==",
                  f"{name}: Pr(H' and I in G | H) (brute force) = Pr(I in G) Pr(H' | H, I in G)",
                  ceil_mu_k=lo)
        yield cmp({**p, "addend": name}, direct, formula, "==",
                  f"{name}: brute force = sum_(i in G) Pr(I = i) Q_i / Pr(H) (the proof's formula)")
    yield cmp(p, total, R(sum(hh_i), sum(h_i)), "==",
              "(10) + (11) + (12) = Pr(H'|H) (brute force)")


def _independence(ctx):
    """Pr(H_S~ and I = i) = Pr(I = i) Pr(H_S~): every pair (S, S') of a sample vector enumerated."""
    args, p = _case(ctx)
    M, n, k, delta, z = args
    h_i, _, tot = _pair_counts(M, n, k, delta, z)
    ph = dm.p_hit(M, k, delta, z)
    for i in range(k + 1):
        yield cmp({**p, "i": i}, R(h_i[i], tot), hyper_pmf(n, k, i) * ph, "==",
                  "Pr(H_S~ and I = i) (enumerated over vectors and pairs) = Pr(I = i) Pr(H_S~)")


claim("eq10_12", "Eqs. (10)-(12): decomposition of Pr(H'|H) by the overlap I", SRC,
      "Let I_i denote the event {|S~ cap S~'| = i} and I_{a,b} the event U_{a<=i<=b} I_i. Fix mu in "
      "(lambda, 1). By the law of total probability and independence of I_i and H_S~, Pr(H_S~'|H_S~) "
      "= Pr(I_k) Pr(H_S~'|H_S~, I_k) (10) + Pr(I_{mu k,k-1}) Pr(H_S~'|H_S~, I_{mu k,k-1}) (11) + "
      "sum_{i=0}^{mu k - 1} Pr(I_i) Pr(H_S~'|H_S~, I_i) (12).", ("NUM", "EXACT"),
      checks=[computed("addends_discrete_exact", _addends_discrete,
                       _with_mu(_discrete_grid(cases=(0, 1, 4)), (R(3, 5), R(9, 10))),
                       quick_grid=_with_mu(_discrete_grid(cases=(4,)), (R(3, 5),)),
                       doc="Tiny discrete models (k = 2, 3; mu k rounded up): each addend by brute "
                           "force over vectors and pairs vs its printed product form and vs the "
                           "proof's formula; their sum vs Pr(H'|H)."),
              computed("independence_I_H", _independence, _discrete_grid(cases=(0, 1, 2, 4)),
                       quick_grid=_discrete_grid(cases=(0,)),
                       doc="I = |S~ cap S~'| independent of H_S~ (discrete model, enumerated).")],
      depends_on=("sparsity.eq9",), params=PARAMS, inherits=IDENTITY_SCOPE,
      latex=(r"$\Pr(H_{\tilde S'}\mid H_{\tilde S})=\Pr(I_k)\Pr(H_{\tilde S'}\mid H_{\tilde S},I_k)$ (10) "
             r"$+\Pr(I_{\mu k,k-1})\Pr(H_{\tilde S'}\mid H_{\tilde S},I_{\mu k,k-1})$ (11) "
             r"$+\sum_{i=0}^{\mu k-1}\Pr(I_i)\Pr(H_{\tilde S'}\mid H_{\tilde S},I_i)$ (12)"),
      notes="lambda: the Remark's constant (lambda = 1/2 in the theorem as stated); mu in {3/5, 3/4, "
            "9/10} > 1/2. Rounding: i >= ceil(mu k) in (11), i <= ceil(mu k) - 1 in (12).")

# ================================================================ Eq. (13)

EQ13_K = (1, 2, 3, 4, 6, 8, 12, 16, 25, 36)
EQ13_Z = (R(0), R(1, 4), R(1, 2), R(3, 4), R(1))


def _is_square(k: int) -> bool:
    return math.isqrt(k) ** 2 == k


def _ratio13(k: int, eps: Fraction, z_rel: Fraction):
    """``sqrt(k) Pr(|Sigma_k - z| < eps) / eps`` at ``z = z_rel sqrt(k)``: exact for square k, else an
    arb ball (z irrational)."""
    if _is_square(k):
        r = math.isqrt(k)
        return r * (cdf(z_rel * r + eps, k) - cdf(z_rel * r - eps, k)) / eps
    with with_prec(256):
        z = frac_arb(z_rel) * T.sqrt_arb(k)
        e = frac_arb(eps)
        ph = cdf_arb(z + e, k) - cdf_arb(z - e, k)
        return T.sqrt_arb(k) * ph / e


def _cl_k(k: int):
    """Definition 1's lower bound for this k: sqrt(k) min_{|x| <= sqrt k} f(x, k) = sqrt(k) f(sqrt k, k)
    (f symmetric unimodal); exact for square k."""
    if _is_square(k):
        return math.isqrt(k) * density(math.isqrt(k), k)
    with with_prec(256):
        return T.sqrt_arb(k) * density_arb(T.sqrt_arb(k), k)


def _f(v) -> float:
    return float(v.mid()) if isinstance(v, arb) else float(v)


def _eq13(ctx):
    k, eps, zr = int(ctx["k"]), R(ctx["eps"]), R(ctx["z_rel"])
    p = T.params_of(ctx)
    r = _ratio13(k, eps, zr)
    cl = _cl_k(k)
    yield cmp(p, r, cl, ">=",
              "sqrt(k) Pr(H)/eps >= sqrt(k) min_{|x|<=sqrt k} f(x,k) (Def. 1's c_l at this k; at "
              "least half the window lies in [-sqrt k, sqrt k])", c_l_k=_f(cl),
              implied_c_of_13=_f(1 / r),
              lhs_tex=r"\sqrt k\,\Pr(H_{\tilde S})/\varepsilon",
              rhs_tex=r"\sqrt k\min_{|x|\le\sqrt k}f_{\Sigma_{[k]}}(x)")
    if zr != 1:
        yield cmp(p, r, _ratio13(k, eps, R(1)), ">=",
                  "the ratio at z is >= its value at z = sqrt(k) (minimum at the end of the range)",
                  lhs_tex=r"\sqrt k\,\Pr(|\Sigma_{[k]}-z|<\varepsilon)/\varepsilon",
                  rhs_tex=r"\sqrt k\,\Pr(|\Sigma_{[k]}-\sqrt k|<\varepsilon)/\varepsilon")
    yield from T.fitted_constant(ctx, EQ13_GRIDS, lambda q: (
        1 / _ratio13(int(q["k"]), R(q["eps"]), R(q["z_rel"])), {}),
        "eps / (sqrt(k) Pr(H)) (the c of Eq. (13))")


def _eq13_grid(quick=False):
    ks, es, zs = ((1, 4), (R(1, 10),), (R(0), R(1))) if quick else (EQ13_K, T.PROOF_EPS, EQ13_Z)
    return lambda: [{"k": k, "eps": e, "z_rel": z} for k in ks for e in es for z in zs]


EQ13_GRIDS = {"full": _eq13_grid(), "quick": _eq13_grid(True)}


claim("eq13", "Eq. (13): eps/sqrt(k) <= c Pr(H_S~)", SRC,
      "To conclude the proof, it suffices to show that each addendum in Eqs. 10, 11 and 12 are upper-"
      "bounded by some constant multiple of eps/sqrt(k), since the lower bound in Definition 1 "
      "ensures that eps/sqrt(k) <= c Pr(H_S~). (13)", ("NUM",),
      checks=[computed("ratio_vs_c_l", _eq13, EQ13_GRIDS["full"], quick_grid=EQ13_GRIDS["quick"],
                       falsifiers=(TIGHTEN,),
                       doc="z = z_rel sqrt(k) exactly (arb); Pr(H) from the exact Irwin-Hall CDF. At "
                           "the grid's last point: the empirical c (max of eps/(sqrt(k) Pr(H))).")],
      constants={"c": "existential; c = 1/c_l by the proof"}, constants_kind="existential",
      depends_on=("sparsity.def1", "sparsity.lemma1"), params=PARAMS,
      inherits=(Inherit("sparsity.thm2", {"n": 2 * sp.Symbol("k"), "c_hyp": 1},
                        doc="(13) involves k, eps, z only: the hypothesis 1 <= k <= n/2 projected on "
                            "k (every n >= 2k)"),),
      latex=r"$\frac{\varepsilon}{\sqrt k}\le c\Pr(H_{\tilde S})$ (13)",
      notes="Uniform[-1,1]. Judged: the step's justification, Pr(H) >= eps c_l(k)/sqrt(k) with Definition "
            "1's lower constant at each k (at z = +-sqrt(k) half the window lies outside [-sqrt k, "
            "sqrt k], so not 2 eps c_l / sqrt(k)); k = 1, z = 1: Pr(H) = eps/2 exactly, equality with "
            "c_l(1) = 1/2 (the tightened relation fails there). The c of (13) is existential: its "
            "smallest value on the grid is measured.")
