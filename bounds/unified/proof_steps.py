"""``unified`` App. A, proof of Theorem 4 (claims.md §1.1), and the SYM/CERT parts that
``bounds/unified/rssp.py`` leaves to this module (attached with ``registry.attach``).

Theorem 4's proof chain, one claim per step:

* ``step_thm4_p`` -- the constants (exact rationals, sympy).
* ``step_thm4_union`` -- the first lines of Eq. (7): Bonferroni (SYM) and both inequalities on the
  process (exact for M <= 3, Monte Carlo sample counts for M in {10, 50}), both tau2 readings,
  floor(t/2) for odd t.
* ``step_thm4_e1`` -- first exponential comparison: exhaustive over integers M <= 10^4, 0 <= Delta < M,
  t in the printed range (``_scan.e1_scan``); identity (t-a)^2 - (t-c)^2 = (c-a)(2t-a-c) (SYM).
* ``step_thm4_e2`` -- second exponential rewriting: the equality (ln: exp of logs fixes the base), the
  inequality certified on abstract variables L = log((M+1)/(Delta+1)) >= 0, L' = log(2M+1-Delta) >= 0
  (whose signs are certified from Delta <= M), the last equality; NUM (1/2) ln(8/7) >= 1/15.
* ``step_thm4_e3`` -- both inequalities in (t, L): the exponents are homogeneous of degree 1, so with
  s = L/t (identity checked by sympy) each reduces to a certified 1-D inequality in s; domains
  (a) t >= 15 L (s <= 1/15) and (b) t >= C' L (s <= 1/C').
* ``step_thm4_comb`` -- T1 + T2 <= 2E: exhaustive over integers M <= 10^4, all t >= C'L, via the
  monotone lower bound of ``_scan.comb_scan`` whose monotonicity facts are checked here (SYM/CERT).

Log base: every step is base-free except e2's equality (7/8)^{t/2} = exp(-(t/2) log(8/7)), which
needs the natural log; C' = 60/ln(17/16) with ln (C' log x is base-free when both logs share a base).
"""
from __future__ import annotations

from fractions import Fraction
from functools import lru_cache

import numpy as np
import sympy as sp

from ticketcheck.arb_eval import evaluate
from ticketcheck.bounds.claim import CertifyCheck, Comparison, ComputedCheck, Param, SymbolicCheck
from ticketcheck.bounds.registry import attach
from ticketcheck.bounds.symbols import Delta, M, t
from ticketcheck.bounds.unified import _scan
from ticketcheck.bounds.unified import _second_phase as ph
from ticketcheck.bounds.unified._common import (BETA, CPRIME_LN, KAPPA, P_DELTA, P_M, P_READING, P_T, claim,
                                    istar, p_lemma3)
from ticketcheck.bounds.unified.rssp import EQ7_BOUND, EQ7_GENERAL

LN = sp.log
P = p_lemma3(BETA)                                   # 1/15
K0 = LN(sp.Rational(8, 7)) / 2
E1_M_MAX, E1_M_QUICK = 10 ** 4, 200
COMB_M_MAX, COMB_M_QUICK = 10 ** 4, 200
LARGE_DOMAIN_M_MAX = 2000


def _params(ctx) -> dict:
    return {k: v for k, v in ctx.items() if not k.startswith("_")}


def _sym(name: str, **kw) -> sp.Symbol:
    return sp.Symbol(name, **kw)


# ============================================================================ constants

claim("unified.step_thm4_p", "Theorem 4 proof: constants", "App. A proof of Theorem 4",
      "Let beta = 1/16 and p_beta = 1 - 7/(8(1-beta)) = 1/15. Hence p_beta^2 = 1/15^2, 2/p_beta = 30, "
      "log(1+beta) = log(17/16).", ("SYM",),
      checks=[SymbolicCheck("p_beta", "identity", P, sp.Rational(1, 15)),
              SymbolicCheck("p_beta_squared", "identity", P ** 2, 1 / sp.Integer(15) ** 2),
              SymbolicCheck("two_over_p_beta", "identity", 2 / P, 30),
              SymbolicCheck("log_one_plus_beta", "identity", LN(1 + BETA), LN(sp.Rational(17, 16)))],
      constants={"beta": BETA, "p_beta": P}, constants_kind="explicit")


# ============================================================================ union bound

UNION_T = {1: 30, 2: 30, 3: 24}   # M = 3: the tau2 bracket (horizon K = 12) is too wide beyond t = 24


def _union_exact(ctx):
    from ticketcheck.exact import rssp as ex
    m, d, reading = int(ctx["M"]), int(ctx["Delta"]), ctx["reading"]
    out = []
    e = ph.exact_phase(m, d) if reading == "prose" else None
    for tt in range(1, int(ctx["T"]) + 1):
        h = tt // 2
        both = ex.rssp_half_event(m, tt, d, reading)          # P(tau1 <= h, tau2 <= h)
        total = ex.rssp_tau1_tau2_sum_event(m, tt, d, reading)  # P(tau1 + tau2 <= t)
        a = ex.rssp_tau1_event(m, h, d)
        lo, hi = e["tau2"]["prose"][h] if e else ph.formula_tau2(m, d, h)
        p = {**_params(ctx), "t": tt, "floor(t/2)": h}
        out.append(Comparison({**p, "inequality": "P(tau1+tau2<=t) >= P(tau1<=t/2, tau2<=t/2)"},
                              total, both, ">=", kind="real",
                              label="P(tau1 + tau2 <= t) >= P(tau1 <= floor(t/2), tau2 <= floor(t/2)) (exact)"))
        info = {"P(tau1<=h)": str(a), "P(tau2<=h) bracket": [str(lo), str(hi)]}
        # both >= a + x - 1 for every x in [lo, hi]  <=>  both - a + 1 >= x: compare with the bracket
        out.append(Comparison({**p, "inequality": "P(both) >= P(tau1<=t/2) + P(tau2<=t/2) - 1"},
                              both - a + 1, ph.decided_value(lo, hi, both - a + 1, "<="), ">=", kind="real",
                              label="P(tau1 <= h, tau2 <= h) - P(tau1 <= h) + 1 >= P(tau2 <= h) (bracket), "
                                    "h = floor(t/2)",
                              info=info))
    return out


def _union_mc(ctx):
    from ticketcheck.montecarlo.estimate import Estimate
    m, d, reading = int(ctx["M"]), int(ctx["Delta"]), ctx["reading"]
    n, seed = ctx.trials, ctx.seed % 2 ** 62
    r = ph.mc_phase(m, d, n, seed)
    tau1, tau2 = r["tau1"], r["tau2"][reading]
    out = []
    for tt in range(1, ph.S_MAX + 1):
        h = tt // 2
        A, B = tau1 <= h, tau2 <= h
        S = (tau1 + tau2) <= tt                   # tau2 > S_MAX is stored as S_MAX + 1 > t - tau1
        nA, nB, nAB, nS = (int(np.count_nonzero(x)) for x in (A, B, A & B, S))
        info = {k: Estimate(v, n, seed).to_json() for k, v in
                (("P(tau1<=h)", nA), ("P(tau2<=h)", nB), ("P(tau1<=h,tau2<=h)", nAB),
                 ("P(tau1+tau2<=t)", nS))}
        p = {**_params(ctx), "t": tt, "floor(t/2)": h}
        out.append(Comparison({**p, "inequality": "P(tau1+tau2<=t) >= P(tau1<=t/2, tau2<=t/2)"},
                              int(np.count_nonzero(A & B & ~S)), 0, "==",
                              label="MC paths in {tau1 <= h, tau2 <= h} but not in {tau1 + tau2 <= t} "
                                    "(the inclusion behind the inequality)", info=info))
        out.append(Comparison({**p, "inequality": "P(both) >= P(tau1<=t/2) + P(tau2<=t/2) - 1"},
                              nAB, nA + nB - n, ">=",
                              label="on the MC sample: #(A and B) >= #A + #B - N", info=info))
    return out


_BONF = [_sym(x, real=True) for x in ("p11", "p10", "p01")]
claim("unified.step_thm4_union", "Eq. (7) first lines: union bound", "App. A proof of Theorem 4, Eq. (7)",
      "P(tau_1 + tau_2 <= t) >= P(tau_1 <= t/2, tau_2 <= t/2) >= P(tau_1 <= t/2) + P(tau_2 <= t/2) - 1 "
      "(by the union bound).", ("SYM", "MC", "EXACT"),
      checks=[SymbolicCheck("bonferroni", "identity",
                            _BONF[0] - ((_BONF[0] + _BONF[1]) + (_BONF[0] + _BONF[2]) - 1),
                            1 - _BONF[0] - _BONF[1] - _BONF[2],
                            doc="p11 = P(A and B), p10 = P(A, not B), p01 = P(not A, B): P(A and B) - "
                                "(P(A) + P(B) - 1) = P(not A, not B) >= 0"),
              ComputedCheck("exact", _union_exact,
                            lambda: [{"M": m, "Delta": d, "reading": r, "T": UNION_T[m]} for m in UNION_T
                                     for d in range(m + 1) for r in ("formula", "prose")],
                            quick_grid=lambda: [{"M": m, "Delta": d, "reading": r, "T": 12} for m in (1, 2)
                                                for d in range(m + 1) for r in ("formula", "prose")]),
              ComputedCheck("montecarlo", _union_mc,
                            lambda: [{"M": m, "Delta": d, "reading": r} for m in (10, 50)
                                     for d in sorted({0, 1, m // 10}) for r in ("formula", "prose")],
                            quick_grid=lambda: [{"M": 10, "Delta": 0, "reading": "prose"}])],
      params=(P_M, P_DELTA, P_T, P_READING), depends_on=("unified.def8",),
      notes="Odd t: t/2 read as floor(t/2) (reported as 'floor(t/2)'). Exact: P(tau2 <= h) (prose) "
            "is bracketed (tau1 unbounded), so the right side of the second inequality is an interval.")


# ============================================================================ first exponential

A_, C_ = _sym("a", real=True), _sym("c", real=True)


@lru_cache(maxsize=4)
def _e1(M_max: int) -> dict:
    return _scan.e1_scan(M_max)


def _e1_sides(m: int, d: int, tt: int):
    """Both sides of the printed comparison at one point, as 256-bit balls."""
    L = LN((M + 1) / (Delta + 1))
    T1 = sp.exp(-(t - 30 * istar(BETA)) ** 2 / (KAPPA * t))
    E = sp.exp(-(t - CPRIME_LN * L) ** 2 / (KAPPA * t))
    env = {"M": m, "Delta": d, "t": tt}
    return evaluate(T1, env, target_bits=256), evaluate(E, env, target_bits=256), T1, E


def _e1_compute(ctx):
    m_max, dom = int(ctx["M_max"]), ctx["domain"]
    res = _e1(m_max)
    r = res[dom]
    lab = {"printed": "t >= C' log((M+1)/(2Delta+1)) (as printed), t >= 1",
           "restricted": "t >= C' log((M+1)/(Delta+1))"}[dom]
    info = {"pairs": res["pairs"], "pairs_violating": r["pairs_violating"], "first": r["first"],
            "longest_violating_t_run": r["max_run"], "longest_run_at": r["max_run_at"],
            "min_over_pairs_of_c_minus_a": res["min_c_minus_a"],
            "t_range": "[ceil(start), ceil(C' log((M+1)/(Delta+1))) + 10^4]"}
    out = [Comparison(_params(ctx), r["triples_violating"], 0, "==",
                      label=f"number of integer (M, Delta, t), M <= {m_max}, 0 <= Delta < M, {lab}, where "
                            "exp(-(t-30 i*)^2/(225t)) > exp(-(t - C' log((M+1)/(Delta+1)))^2/(225t))",
                      info=info)]
    if r["first"] is not None:
        f = r["first"]
        lhs, rhs, _, _ = _e1_sides(f["M"], f["Delta"], f["t"])
        out.append(Comparison({**_params(ctx), "M": f["M"], "Delta": f["Delta"], "t": f["t"]}, lhs, rhs,
                              "<=", label="smallest counterexample (M, Delta, t) re-evaluated at 256 bits",
                              info={"i_star": f["i_star"]}))
    return out


def _e1_grid(m_max):
    return lambda: [{"M_max": m_max, "domain": d} for d in ("printed", "restricted")]


claim("unified.step_thm4_e1", "Theorem 4 proof: first exponential comparison", "App. A proof of Theorem 4",
      "Now take t >= (60/log(17/16)) log((M+1)/(2Delta+1)); it follows that exp(-(1/(15^2 t))(t - 30 "
      "ceil(log((M+1)/(2Delta+1))/log(17/16)))^2) <= exp(-(1/(15^2 t))(t - (60/log(17/16)) "
      "log((M+1)/(Delta+1)))^2).", ("CERT",),
      checks=[SymbolicCheck("difference_of_squares", "identity", (t - A_) ** 2 - (t - C_) ** 2,
                            (C_ - A_) * (2 * t - A_ - C_),
                            doc="with a = 30 i*, c = C' log((M+1)/(Delta+1)): after stripping exp and "
                                "multiplying by 225 t > 0 the claim is (c-a)(2t-a-c) >= 0"),
              ComputedCheck("exhaustive_integers", _e1_compute, _e1_grid(E1_M_MAX),
                            quick_grid=_e1_grid(E1_M_QUICK),
                            doc="every integer M <= M_max, 0 <= Delta < M; per pair the violating t form "
                                "one interval (difference of squares), counted exactly")],
      params=(P_M, P_DELTA, P_T), constants={"Cprime": CPRIME_LN}, constants_kind="explicit",
      log_base="base-free (ratios of logs)",
      notes="Printed domain: t >= C' log((M+1)/(2Delta+1)) (t >= 1 when that is <= 0). The comparison "
            "is also reported restricted to t >= C' log((M+1)/(Delta+1)) (Theorem 4's hypothesis).")


# ============================================================================ second exponential

LL, LP, TT, SS = (_sym(x, nonnegative=True) for x in ("L", "Lp", "t", "s"))
_th = _sym("theta", nonnegative=True)
_Mp = _sym("M", positive=True)


def _num_half_ln(ctx):
    v = evaluate(K0, {}, target_bits=256)
    return [Comparison(_params(ctx), v, Fraction(1, 15), ">=", label="(1/2) ln(8/7) >= 1/15 (256-bit ball)",
                       info={"(1/2)ln(8/7)": str(v), "1/15": float(Fraction(1, 15))})]


_E2_LHS = sp.Rational(7, 8) ** (TT / 2) / (2 * _Mp + 1 - _sym("Delta", nonnegative=True))
claim("unified.step_thm4_e2", "Theorem 4 proof: second exponential rewriting", "App. A proof of Theorem 4",
      "(1/(2M+1-Delta))(7/8)^{t/2} = exp[log(1/(2M+1-Delta)) - (t/2) log(8/7)] <= exp[log((M+1)/(Delta+1)) "
      "- t/15] = exp[-(1/15)(1/(t - 15 log((M+1)/(Delta+1))))(t - 15 log((M+1)/(Delta+1)))^2].",
      ("CERT", "NUM", "SYM"),
      checks=[SymbolicCheck("first_equality_ln", "identity", _E2_LHS,
                            sp.exp(LN(1 / (2 * _Mp + 1 - _sym("Delta", nonnegative=True)))
                                   - (TT / 2) * LN(sp.Rational(8, 7))),
                            doc="natural log"),
              CertifyCheck("inequality_exponents", -LP - (TT / 2) * LN(sp.Rational(8, 7)), LL - TT / 15,
                           "<=", {"L": (0, sp.oo), "Lp": (0, sp.oo), "t": (0, sp.oo)},
                           options={"time_limit": 5.0, "quick": {"time_limit": 2.0}},
                           doc="L = log((M+1)/(Delta+1)) >= 0, Lp = log(2M+1-Delta) >= 0 (signs below); "
                               "certified for every t >= 0, which contains the stated t > 15 L"),
              CertifyCheck("L_nonnegative", _th * _Mp + 1, _Mp + 1, "<=",
                           {"M": (1, sp.oo), "theta": (0, 1)}, options={"time_limit": 3.0},
                           doc="(M+1)/(Delta+1) >= 1 <=> Delta+1 <= M+1 (Delta+1 > 0), Delta = theta M, "
                               "theta in [0, 1] (Delta <= M)"),
              CertifyCheck("Lp_nonnegative", 1, 2 * _Mp + 1 - _th * _Mp, "<=",
                           {"M": (1, sp.oo), "theta": (0, 1)}, options={"time_limit": 3.0},
                           doc="2M+1-Delta >= 1 with Delta = theta M, theta in [0, 1]"),
              SymbolicCheck("last_equality", "identity", sp.exp(LL - TT / 15),
                            sp.exp(-(1 / sp.Integer(15)) * (TT - 15 * LL) ** 2 / (TT - 15 * LL)),
                            doc="valid for t != 15 L (the printed fraction needs t > 15 L)"),
              ComputedCheck("half_ln_8_7_vs_1_15", _num_half_ln, {"digits": [77]})],
      params=(P_M, P_DELTA, P_T), log_base="ln: the display exp[log(1/(2M+1-Delta)) - ...] = "
      "(7/8)^{t/2}/(2M+1-Delta) fixes the base (exp(log x) = x only for ln)",
      notes="No log2 reading: the printed equality is exp applied to logs, which is an identity only "
            "for ln, so a log2 'violation' (e.g. 0.3118 vs 0.1861 at M=1, Delta=0, t=1) would be a "
            "misreading, not an error of the paper (audit). Inequality certified on abstract variables (L, Lp, t): exponents -Lp - (t/2) ln(8/7) <= "
            "L - t/15; the signs L >= 0 and Lp >= 0 on 0 <= Delta <= M are certified separately "
            "(Delta = theta M). Real M >= 1, so every integer M is covered.")


# ============================================================================ e3 (homogeneous in (t, L))

CP_SYM = 60 / LN(sp.Rational(17, 16))
_X1 = -(TT - 15 * LL) / 15                            # exponent after simplifying the printed fraction
_X2 = -(TT - 15 * LL) ** 2 / (15 * TT)
_X3 = -(TT - CP_SYM * LL) ** 2 / (KAPPA * TT)


def _per_t(expr):
    """h(s) with expr(t, L = s t) = t h(s) (homogeneous of degree 1)."""
    return sp.simplify(expr.subs(LL, SS * TT) / TT)


S_STAR = (1 + sp.sqrt(15)) / (CP_SYM + 15 * sp.sqrt(15))   # 15(1-15s)^2 = (C's-1)^2, s > 1/C'
S_STAR_LOW = sp.Rational(465, 100000)                       # rational just below s* = 0.0046507...


def _e3_cert(name, lo_expr, hi_expr, s_max, doc):
    return CertifyCheck(name, _per_t(lo_expr), _per_t(hi_expr), "<=", {"s": (0, s_max)},
                        options={"time_limit": 5.0}, doc=doc)


claim("unified.step_thm4_e3", "Theorem 4 proof: for t >= 15 log((M+1)/(Delta+1))", "App. A proof of Theorem 4",
      "exp[-(1/15)(t-15L)^2/(t-15L)] <= exp[-(1/(15t))(t-15L)^2] <= exp[-(1/(15^2 t))(t - (60/log(17/16)) "
      "L)^2], L = log((M+1)/(Delta+1)), for t >= 15L.", ("CERT", "SYM"),
      checks=[SymbolicCheck("homogeneity", "identity",
                            (_X2 - _X1).subs(LL, SS * TT), TT * _per_t(_X2 - _X1),
                            doc="the exponents are homogeneous of degree 1: f(t, s t) = t h(s), so for "
                                "t > 0 the claim is h(s) >= 0 on s = L/t"),
              SymbolicCheck("homogeneity_second", "identity",
                            (_X3 - _X2).subs(LL, SS * TT), TT * _per_t(_X3 - _X2)),
              _e3_cert("first_inequality_t_ge_15L", _X1, _X2, sp.Rational(1, 15), "s = L/t in [0, 1/15]"),
              _e3_cert("second_inequality_a_t_ge_15L", _X2, _X3, sp.Rational(1, 15),
                       "(a) as printed: s in [0, 1/15]"),
              _e3_cert("second_inequality_a_certified_part", _X2, _X3, S_STAR_LOW,
                       "(a) the part that holds: s <= 0.00465, i.e. t >= 215.06 L (equality at "
                       "s* = (1 + sqrt 15)/(C' + 15 sqrt 15), t = 215.02 L; fails for s in (s*, 1/15])"),
              _e3_cert("second_inequality_b_t_ge_CpL", _X2, _X3, 1 / CP_SYM, "(b) t >= C' L: s in [0, 1/C']")],
      params=(Param("t", "real", 0), Param("L", "real", 0)), constants={"Cprime": CPRIME_LN},
      constants_kind="explicit", log_base="C' log x base-free; ln assumed for C' = 989.70",
      notes="First fraction (t-15L)^2/(t-15L) simplified to t-15L (t > 15L). L >= 0; t = 0 excluded "
            "(1/t). Counterexamples in s = L/t map to (t, L) = (t, s t) for any t > 0.")


# ============================================================================ combination

_G1 = (A_ - C_) * (2 * TT - A_ - C_) / (KAPPA * TT)
_G2 = -K0 * TT - LP + (TT - C_) ** 2 / (KAPPA * TT)
_R = _sym("r", real=True)
_PQ = [_sym(x, real=True) for x in ("p", "q")]


@lru_cache(maxsize=8)
def _comb(M_max: int, domain: str) -> dict:
    return _scan.comb_scan(M_max, domain)


def comb_compute(ctx):
    m_max, dom = int(ctx["M_max"]), ctx["domain"]
    res = _comb(m_max, dom)
    start = {"C'L": "C' log((M+1)/(Delta+1))", "C'L2": "C' log((M+1)/(2Delta+1))"}[dom]
    where = f"integer (M, Delta), M <= {m_max}, 0 <= Delta <= M, t >= max(1, ceil({start}))"
    out = [Comparison({**_params(ctx), "count": "violating pairs"}, res["violating_pairs"], 0, "==",
                      label=f"number of {where} with T1 + T2 > 2E at some integer t (confirmed at "
                            f"t_start for every M, at every t for M <= {res['full_scan_upto_M']})",
                      info=res)]
    n_open = res["undecided_pairs"]
    out.append(Comparison({**_params(ctx), "count": "pairs neither certified nor refuted"},
                          0 if n_open == 0 else None, 0, "==",
                          label=f"{n_open} of {res['pairs']} pairs neither certified (monotone bound H "
                                f"> 0 from t_start) nor refuted (inconclusive if > 0)",
                          info={"certified_from_t_start": res["certified_from_t_start"]}))
    f = res["first_violation"]
    if f is not None:
        env = {"M": f["M"], "Delta": f["Delta"], "t": f["t"]}
        lhs = evaluate(1 - EQ7_BOUND, env, target_bits=256)
        rhs = evaluate(2 * sp.exp(-(t - CPRIME_LN * LN((M + 1) / (Delta + 1))) ** 2 / (KAPPA * t)), env,
                       target_bits=256)
        out.append(Comparison({**_params(ctx), **env}, lhs, rhs, "<=",
                              label="smallest counterexample: T1 + T2 <= 2E re-evaluated at 256 bits"))
    return out


def comb_grid(m_max, domains=("C'L",), large_m_max=LARGE_DOMAIN_M_MAX):
    return lambda: [{"M_max": m_max if d == "C'L" else min(m_max, large_m_max), "domain": d}
                    for d in domains]


MONOTONE_CHECKS = [
    SymbolicCheck("monotone_T1_over_E", "identity", sp.diff(_G1, TT), (A_ ** 2 - C_ ** 2) / (KAPPA * TT ** 2),
                  doc="log(T1/E) = (a-c)(2t-a-c)/(225t): derivative (a^2-c^2)/(225t^2) <= 0 when |a| <= c"),
    SymbolicCheck("T1_over_E_bound_when_a_below_minus_c", "identity",
                  _G1 - 2 * (A_ - C_) / KAPPA, -(A_ - C_) * (A_ + C_) / (KAPPA * TT),
                  doc="with p = c - a >= 0, q = -(a + c) >= 0 this is -p q/(225 t) <= 0 (next check)"),
    SymbolicCheck("sign_minus_pq", "implication", -_PQ[0] * _PQ[1] / (KAPPA * _sym("tau", real=True)) <= 0,
                  options={"domain": {"p": (0, sp.oo), "q": (0, sp.oo), "tau": (1, sp.oo)}, "time_limit": 3}),
    SymbolicCheck("monotone_T2_over_E_derivative", "identity", sp.diff(_G2, TT),
                  -K0 + (1 - (C_ / TT) ** 2) / KAPPA,
                  doc="log(T2/E) = -(1/2)ln(8/7) t - log(2M+1-Delta) + (t-c)^2/(225t)"),
    CertifyCheck("monotone_T2_over_E_sign", -K0 + (1 - _R ** 2) / KAPPA, 0, "<=", {"r": (0, sp.oo)},
                 options={"time_limit": 3.0}, doc="r = c/t >= 0: the derivative is negative"),
]

claim("unified.step_thm4_comb", "Theorem 4 proof: combination", "App. A proof of Theorem 4",
      "exp[-(p_beta^2/t)(t - (2/p_beta) ceil(.))^2] + (1/(2M+1-Delta))(7/8)^{t/2} <= 2 exp[-(1/(15^2 t))"
      "(t - (60/log(17/16)) log((M+1)/(Delta+1)))^2].", ("CERT",),
      checks=[ComputedCheck("exhaustive_integers_monotone_ray", comb_compute, comb_grid(COMB_M_MAX),
                            quick_grid=comb_grid(COMB_M_QUICK),
                            doc="per (M, Delta): H(t) = 2 - U1 - U2 <= (2E - T1 - T2)/E is nondecreasing "
                                "in t, so H(t_start) > 0 certifies every t >= t_start")] + MONOTONE_CHECKS,
      params=(P_M, P_DELTA, P_T), constants={"kappa": KAPPA, "Cprime": CPRIME_LN, "p_beta": P},
      constants_kind="explicit", log_base="base-free (C' log x); (7/8)^{t/2} exact",
      depends_on=("unified.step_thm4_e1", "unified.step_thm4_e2", "unified.step_thm4_e3"),
      notes="Domain certified: every integer 1 <= M <= 10^4, 0 <= Delta <= M, every integer t >= "
            "C' log((M+1)/(Delta+1)) (t >= 1), not only t <= C'L + 10^5. M > 10^4 is not covered by "
            "this check (the chain e1 [restricted] + e2 + e3(b) covers it only where those are certified).")


# ============================================================================ attachments to rssp.py claims

_pp, _ii, _ss = _sym("p", positive=True), _sym("i", positive=True), _sym("s", positive=True)
_tp = _sym("t", positive=True)
attach("unified.lemma4.as_used_in_thm4", SymbolicCheck(
    "substitution_t_over_2", "substitution", 1 - sp.exp(-(2 * _pp ** 2 / _ss) * (_ss - _ii / _pp) ** 2),
    1 - sp.exp(-(_pp ** 2 / _tp) * (_tp - 2 * _ii / _pp) ** 2), subs={_ss: _tp / 2},
    doc="Lemma 4's bound at time t/2 equals the displayed one (p = p_beta, i = i*)"))
attach("unified.lemma4.as_used_in_thm4", SymbolicCheck(
    "stated_assumption_vs_lemma4_hypothesis", "equivalence", _tp >= _ii / _pp, _tp / 2 >= _ii / _pp,
    options={"domain": {"t": (0, 1000), "i": (0, 50), "p": (sp.Rational(1, 100), 1)}},
    doc="stated: t >= (1/p) ceil(.); Lemma 4 at t/2 needs t/2 >= i*/p"))
_tau = _sym("tau", nonnegative=True)
attach("unified.lemma4.as_used_in_thm4", CertifyCheck(
    "lemma4_hypothesis_implies_stated", _th * _tau / 2, _tau, "<=", {"tau": (0, sp.oo), "theta": (0, 1)},
    options={"time_limit": 3.0},
    doc="t/2 >= i*/p implies t >= i*/p: with i*/p = theta t/2, theta in [0, 1] (i*/p >= 0), "
        "theta t/2 <= t; the converse fails (previous check)"))

attach("unified.eq7", SymbolicCheck("equality_with_p_beta_1_15", "identity", EQ7_GENERAL, EQ7_BOUND,
                                    doc="p_beta = 1/15, beta = 1/16 substituted in the general form"))

attach("unified.eq7.main_text", ComputedCheck(
    "second_inequality_exhaustive", comb_compute, comb_grid(COMB_M_MAX, ("C'L", "C'L2")),
    quick_grid=comb_grid(COMB_M_QUICK, ("C'L", "C'L2")),
    doc="1 - T1 - T2 >= 1 - 2E, i.e. the combination: domain t >= C'L (appendix) and the larger "
        "t >= C' log((M+1)/(2Delta+1)) (e1's condition), reported separately"))
for _c in MONOTONE_CHECKS:
    attach("unified.eq7.main_text", _c)

_h, _q, _a, _E = _sym("h", positive=True), _sym("q", positive=True), _sym("a", positive=True), \
    _sym("E", positive=True)
attach("unified.step_lemma3_rm", SymbolicCheck(
    "slack_identity", "identity", _q * _h - (_E - _a), (_a * (1 - _q) + (_a + _h) * _q) - _E,
    doc="b = a + h, q = P(X >= a): q(b-a) - (E[X]-a) equals the slack of E[X] <= a(1-q) + b q, which "
        "holds since X < a on {X < a} and X <= b (EXACT on random distributions in rssp.py)"))
attach("unified.step_lemma3_rm", SymbolicCheck(
    "divide_by_b_minus_a", "equivalence", _q >= (_E - _a) / _h, _q * _h >= _E - _a,
    doc="q >= (E-a)/(b-a) <=> q(b-a) >= E-a since b - a = h > 0"))

_v, _b = _sym("v", positive=True), _sym("beta", positive=True)
attach("unified.lemma2.as_used_in_lemma3", SymbolicCheck(
    "equality_1", "identity", (sp.Rational(9, 8) * _v - _v * (1 + _b)) / (2 * _v - _v * (1 + _b)),
    (sp.Rational(9, 8) - (1 + _b)) / (1 - _b)))
attach("unified.lemma2.as_used_in_lemma3", SymbolicCheck(
    "equality_2", "identity", (sp.Rational(9, 8) - (1 + _b)) / (1 - _b), 1 - sp.Rational(7, 8) / (1 - _b)))
attach("unified.lemma2.as_used_in_lemma3", SymbolicCheck(
    "lemma2_gives_nine_eighths_iff_v_le_M", "equivalence",
    sp.Rational(1, 4) * (1 - _v / (2 * _Mp)) >= sp.Rational(1, 8), _v <= _Mp,
    options={"domain": {"v": (0, 100), "M": (1, 100)}},
    doc="Lemma 2 gives E[v'] >= (9/8) v exactly when v <= M (not for v = M+1)"))

_vr, _Mr = _sym("v", real=True), _sym("M", real=True)
attach("unified.lemma2.as_used_in_lemma5", SymbolicCheck(
    "lemma2_implies_2M_plus_1_form", "inequality", _vr + _vr / 4 * (1 - _vr / (2 * _Mr)),
    _vr * (1 + sp.Rational(1, 4) * (1 - _vr / (2 * _Mr + 1))), assumptions=[_vr <= 2 * _Mr + 1],
    options={"relation": ">=", "domain": {"v": (1, 201), "M": (1, 100)}, "integers": ["v", "M"],
             "time_limit": 3},
    doc="Lemma 2's bound >= the 2M+1 bound (integers 1 <= v <= 2M+1) would make Lemma 2 imply it"))
attach("unified.lemma2.as_used_in_lemma5", SymbolicCheck(
    "gap_between_the_two_forms", "identity",
    (_v + _v / 4 * (1 - _v / (2 * _Mp))) - _v * (1 + sp.Rational(1, 4) * (1 - _v / (2 * _Mp + 1))),
    -_v ** 2 / (8 * _Mp * (2 * _Mp + 1)),
    doc="Lemma 2's bound minus the 2M+1 form is -v^2/(8M(2M+1)) < 0 for every v > 0: the smallest "
        "integer counterexample to 'Lemma 2 implies it' is v = 1, M = 1"))
_w = _sym("w", positive=True)
attach("unified.lemma2.as_used_in_lemma5", SymbolicCheck(
    "lemma5_algebra", "identity", (2 * _Mp + 1) - (2 * _Mp + 1 - _w) * (1 + sp.Rational(1, 4) * _w / (2 * _Mp + 1)),
    _w * (1 - sp.Rational(1, 4) * (1 - _w / (2 * _Mp + 1)))))
attach("unified.lemma2.as_used_in_lemma5", SymbolicCheck(
    "lemma5_substitution_line", "identity",
    (2 * _Mp + 1 - _w) * (1 + sp.Rational(1, 4) * (1 - (2 * _Mp + 1 - _w) / (2 * _Mp + 1))),
    (2 * _Mp + 1 - _w) + (2 * _Mp + 1 - _w) * sp.Rational(1, 4) * _w / (2 * _Mp + 1)))

attach("unified.eq6", CertifyCheck(
    "w_lt_M_implies_factor_le_7_8", 1 - sp.Rational(1, 4) * (1 - _th * _Mp / (2 * _Mp + 1)), sp.Rational(7, 8),
    "<=", {"M": (1, sp.oo), "theta": (0, 1)}, options={"time_limit": 3.0},
    doc="w < M written w = theta M, theta in [0, 1): 1 - (1/4)(1 - w/(2M+1)) <= 7/8 (theta = 1 included)"))
