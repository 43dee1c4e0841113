"""``unified`` App. A: Lemma 6 and its proof steps, Eq. (5), and the steps of Lemma 4's proof
(claims.md §1.1).

* Lemma 6 (both readings of tau2, ``unified.def7``): exact brackets for M <= 3 and Monte Carlo for
  M in {2, 3, 10, 50, 200}; decided from the bracket (lower >= bound: holds; upper < bound:
  violated) or from the Clopper-Pearson interval. Helpers: ``bounds/unified/_second_phase.py``.
* Lemma 4's proof: Eq. (5) (negative-binomial domination, each p_beta variant), the geometric /
  binomial duality, the Hoeffding step, and i* via the intervals I_i (exhaustive scan in
  ``bounds/unified/_scan.py``).
* Lemma 6's proof: E[w_t] <= (7/8)^t E[w_0] and E[w_0] <= 1/2 separately; the first and the last
  inequality of the Markov chain separately (the middle one, Markov's inequality, has the left side
  P(w_t >= 2M+1-Delta) = 0 surely and cannot fail).

Convention (Eq. (5), step_lemma4_gb/h): Y_i ~ Geom(p) on {1, 2, ...} (trials up to and including the
first success), so P(Y_1 + ... + Y_r >= t) = P(Bin(t-1, p) <= r-1) and P(sum <= t) = P(Bin(t, p) >= r).
"""
from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import sympy as sp

from ticketcheck.arb_eval import evaluate
from ticketcheck.bounds.claim import Comparison, ComputedCheck, Param, SymbolicCheck
from ticketcheck.bounds.symbols import Delta, M, t
from ticketcheck.bounds.unified import _scan
from ticketcheck.bounds.unified import _second_phase as ph
from ticketcheck.bounds.unified._common import (BETA, P_DELTA, P_M, P_READING, P_T, claim, p_lemma3,
                                    p_lemma3_main, p_lemma4)
from ticketcheck.bounds.unified.rssp import L4_DP_T, _tau1_fail
from ticketcheck.exact import rssp_extra as rx

S = ph.S_MAX
L6_BOUND = 1 - sp.Rational(7, 8) ** t / (2 * M + 1 - Delta)
L6_STMT = "For all t > 0, it holds that P(tau_2 <= t) >= 1 - (1/(2M+1-Delta)) (7/8)^t."
P_VARIANTS = {"lemma3_appendix": p_lemma3(BETA), "lemma3_main_text": p_lemma3_main(BETA),
              "lemma4": p_lemma4(BETA)}   # 1/15, 3/17, 15/17 at beta = 1/16
EXACT_MS = (1, 2, 3)
MC_MS = (2, 3, 10, 50, 200)


def _q(x) -> Fraction:
    return Fraction(int(sp.Rational(x).p), int(sp.Rational(x).q))


def _deltas(m: int) -> list[int]:
    """Delta in {0, 1, M/10} (claims.md), M/10 rounded down."""
    return sorted({0, 1, m // 10} & set(range(m + 1)))


def _params(ctx) -> dict:
    return {k: v for k, v in ctx.items() if not k.startswith("_")}


def _mc(ctx):
    m, d = int(ctx["M"]), int(ctx["Delta"])
    return ph.mc_phase(m, d, ctx.trials, ctx.seed % 2 ** 62)


def _estimate(k, ctx):
    from ticketcheck.montecarlo.estimate import Estimate
    return Estimate(int(k), ctx.trials, ctx.seed % 2 ** 62)


def _mean_estimate(values: np.ndarray, low: float, high: float, ctx):
    from ticketcheck.montecarlo.estimate import MeanEstimate
    return MeanEstimate(float(np.mean(values)), int(values.size), float(low), float(high),
                        ctx.seed % 2 ** 62)


# ============================================================================ Lemma 6

def _phase_grid(exact_ms, mc_ms, readings=("formula", "prose"), mc_readings=("prose",)):
    """Points (M, Delta, reading, method). The formula reading needs no DP (tau2 = 0), so it is
    exact for every M; the prose reading is exact for M in ``exact_ms`` and MC for ``mc_ms``."""
    def g():
        for m in exact_ms:
            for d in range(m + 1):
                for r in readings:
                    yield {"M": m, "Delta": d, "reading": r, "method": "exact"}
        for m in mc_ms:
            for d in _deltas(m):
                if m not in exact_ms and "formula" in readings:
                    yield {"M": m, "Delta": d, "reading": "formula", "method": "exact"}
                for r in mc_readings:
                    yield {"M": m, "Delta": d, "reading": r, "method": "montecarlo"}
    return g


def tau2_le(ctx, s: int):
    """(value, info) of P(tau2 <= s) at the point: a bracket (lo, hi) of Fractions (exact) or an
    Estimate (MC)."""
    m, d, reading = int(ctx["M"]), int(ctx["Delta"]), ctx["reading"]
    if ctx["method"] == "exact":
        if reading == "formula" and m not in EXACT_MS:
            return ph.formula_tau2(m, d, s), {"what": "tau2_formula = 0 surely (exact.rssp)"}
        e = ph.exact_phase(m, d)
        lo, hi = e["tau2"][reading][s]
        return (lo, hi), ph.bracket_info(lo, hi, e["horizon"], e["tail"])
    r = _mc(ctx)
    return _estimate(np.count_nonzero(r["tau2"][reading] <= s), ctx), {"path_length": r["T"]}


def _side(value, rhs, relation):
    """Bracket -> the value the harness compares (see ``_second_phase.decided_value``)."""
    if isinstance(value, tuple):
        return ph.decided_value(value[0], value[1], rhs, relation)
    return value


def _lemma6_compute(ctx):
    m, d = int(ctx["M"]), int(ctx["Delta"])
    out = []
    for tt in range(1, S + 1):
        val, info = tau2_le(ctx, tt)
        rhs = evaluate(L6_BOUND, {"M": m, "Delta": d, "t": tt})
        out.append(Comparison({**_params(ctx), "t": tt}, _side(val, rhs, ">="), rhs, ">=", kind="probability",
                              label=f"P(tau2 <= t) ({ctx['reading']} reading) >= 1 - (7/8)^t/(2M+1-Delta)",
                              info=info))
    return out


def lemma6_checks():
    return [ComputedCheck("tau2_both_readings", _lemma6_compute,
                          _phase_grid(EXACT_MS, MC_MS),
                          quick_grid=_phase_grid((1, 2), (10,)),
                          doc="t = 1..30 per point; exact brackets M <= 3, MC M in {2,3,10,50,200}")]


_L6_NOTES = ("Both readings of tau2 (unified.def7). formula: tau2 = 0 surely, so P = 1. prose: "
             "tau2 = min{s: v_{tau1+s} >= 2M-Delta+1}; exact brackets [P(tau1<=K, tau2<=t), that + "
             "P(tau1>K)] for M <= 3 (decided only when the bracket is on one side of the bound), "
             "Monte Carlo for M in {2, 3, 10, 50, 200}, Delta in {0, 1, floor(M/10)}.")
claim("unified.lemma6", "Lemma 6 (tail of tau_2)", "App. A Lemma 6; §3",
      L6_STMT, ("MC", "EXACT"), checks=lemma6_checks(), params=(P_M, P_DELTA, P_T, P_READING),
      constants={"7/8": sp.Rational(7, 8)}, constants_kind="explicit",
      depends_on=("unified.lemma5", "unified.eq6", "unified.step_lemma6_e", "unified.step_lemma6_m"),
      notes=_L6_NOTES)
claim("unified.lemma6.main_text", "Lemma 6 (§3, identical formula)", "§3 proof sketch",
      "P(tau_2 <= t) >= 1 - (1/(2M+1-Delta)) (7/8)^t.", ("MC", "EXACT"), checks=lemma6_checks(),
      params=(P_M, P_DELTA, P_T, P_READING), constants_kind="explicit", variant_of="unified.lemma6",
      notes=_L6_NOTES)


# ============================================================================ Eq. (5)

EQ5_T = {1: 400, 2: 60, 3: 60, 4: 50}      # = rssp.L4_DP_T: the tau1 laws are shared (cached)


def _eq5_times(T: int) -> list[int]:
    return list(range(1, min(T, 60) + 1)) + list(range(70, T + 1, 10))


def _eq5_exact(ctx):
    m, d, p = int(ctx["M"]), int(ctx["Delta"]), _q(P_VARIANTS[ctx["p_beta"]])
    T = EQ5_T[m]
    law = _tau1_fail(m, d, T)              # P(tau1 <= s), s = 0..T
    i_star = rx.closed_form_istar(m, d, Fraction(1, 16))
    out = []
    for tt in _eq5_times(T):
        lhs = 1 - law[tt - 1]                # P(tau1 >= t)
        rhs = rx.negbin_tail_ge(i_star, p, tt)
        out.append(Comparison({**_params(ctx), "t": tt}, lhs, rhs, "<=", kind="real",
                              label="P(tau1 >= t) (exact) <= P(Y_1+..+Y_i* >= t), Y ~ Geom(p) on {1,2,..}",
                              info={"i_star": i_star, "p_beta": str(p)}))
    return out


def _eq5_mc(ctx):
    from ticketcheck.montecarlo.rssp import rssp_two_phase_times
    m, d, p = int(ctx["M"]), int(ctx["Delta"]), _q(P_VARIANTS[ctx["p_beta"]])
    T = 60
    tau1, _ = rssp_two_phase_times(m, d, T, m + 2, 0, ctx.trials, ctx.seed % 2 ** 62)
    i_star = rx.closed_form_istar(m, d, Fraction(1, 16))
    n = ctx.trials
    out = []
    for tt in range(1, T + 1):
        rhs = rx.negbin_tail_ge(i_star, p, tt)
        if rhs < Fraction(10, n):        # below MC resolution: not decidable from these trials
            continue
        k = int(np.count_nonzero((tau1 < 0) | (tau1 >= tt)))
        out.append(Comparison({**_params(ctx), "t": tt}, _estimate(k, ctx), rhs, "<=", kind="real",
                              label="P(tau1 >= t) (MC) <= P(Y_1+..+Y_i* >= t)",
                              info={"i_star": i_star, "p_beta": str(p)}))
    return out


def _eq5_grid(ms, variants=tuple(P_VARIANTS)):
    return lambda: [{"M": m, "Delta": d, "p_beta": v} for m in ms for d in range(m + 1) for v in variants]


claim("unified.eq5", "Eq. (5): tau_1 dominated by a sum of i* geometrics", "App. A Eq. (5)",
      "for t in N, P(tau_1 >= t) <= P(sum_{i=1}^{i*} Y_i >= t), Y_i i.i.d. Geom(p_beta).",
      ("EXACT", "MC"),
      checks=[ComputedCheck("exact", _eq5_exact, _eq5_grid((1, 2, 3, 4)), quick_grid=_eq5_grid((1, 2)),
                            doc="exact P(tau1 >= t) (DP; M = 1 closed form) vs the exact negative "
                                "binomial tail, beta = 1/16, each p_beta variant"),
              ComputedCheck("montecarlo", _eq5_mc,
                            lambda: [{"M": m, "Delta": d, "p_beta": v} for m in (10, 50)
                                     for d in _deltas(m) for v in P_VARIANTS],
                            quick_grid=lambda: [{"M": 10, "Delta": 0, "p_beta": "lemma3_appendix"}],
                            doc="MC P(tau1 >= t) where the tail is above MC resolution (>= 10/trials)")],
      params=(P_M, P_DELTA, P_T, Param("p_beta", "choice", choices=tuple(P_VARIANTS))),
      constants={k: v for k, v in P_VARIANTS.items()}, constants_kind="explicit",
      depends_on=("unified.lemma3",),
      notes="Convention: Y ~ Geom(p) on {1,2,...}. i* = ceil(log((M+1)/(2Delta+1))/log(17/16)) "
            "(beta = 1/16); i* <= 0 makes the sum empty (= 0). The three p_beta: Lemma 3 App. A (1/15), "
            "Lemma 3 §3 (3/17), Lemma 4 (15/17).")


# ============================================================================ Lemma 4 proof steps

def _negbin_cdf_by_convolution(r: int, p: Fraction, T: int) -> list[Fraction]:
    """[P(Y_1 + ... + Y_r <= s) for s = 0..T] by convolving the Geom(p) pmf on {1,2,...} r times
    (independent of the binomial formula it is compared with)."""
    geo = [Fraction(0)] + [(1 - p) ** (k - 1) * p for k in range(1, T + 1)]
    pmf = [Fraction(1)] + [Fraction(0)] * T
    for _ in range(r):
        new = [Fraction(0)] * (T + 1)
        for a, pa in enumerate(pmf):
            if pa:
                for k in range(1, T + 1 - a):
                    new[a + k] += pa * geo[k]
        pmf = new
    out, acc = [], Fraction(0)
    for s in range(T + 1):
        acc += pmf[s]
        out.append(acc)
    return out


GB_RS = (1, 2, 3, 12, 18)


def _gb_compute(ctx):
    r, p = int(ctx["i_star"]), _q(P_VARIANTS[ctx["p_beta"]])
    T = int(ctx["T"])
    cdf = _negbin_cdf_by_convolution(r, p, T)
    out = []
    for tt in range(1, T + 1):
        b_ge = 1 - rx.binom_cdf(tt, p, r - 1)
        out.append(Comparison({**_params(ctx), "t": tt, "statement": "identity"}, cdf[tt], b_ge, "==",
                              label="P(sum Y <= t) (convolution) == P(B_t >= i*) (binomial)"))
        out.append(Comparison({**_params(ctx), "t": tt, "statement": "inequality"}, 1 - cdf[tt - 1],
                              rx.binom_cdf(tt, p, r), "<=",
                              label="P(sum Y >= t) <= P(B_t <= i*)"))
    return out


claim("unified.step_lemma4_gb", "Lemma 4 proof: geometric/binomial duality", "App. A proof of Lemma 4",
      "P(sum_{i=1}^{i*} Y_i <= t) = P(B_t >= i*), B_t ~ Binomial(t, p_beta); used as "
      "P(sum Y_i >= t) <= P(B_t <= i*).", ("EXACT",),
      checks=[ComputedCheck("exact_pmfs", _gb_compute,
                            lambda: [{"p_beta": v, "i_star": r, "T": 60} for v in P_VARIANTS for r in GB_RS],
                            quick_grid=lambda: [{"p_beta": v, "i_star": 2, "T": 20} for v in P_VARIANTS])],
      params=(Param("i_star", "int", 1), P_T), constants_kind="explicit",
      notes="Geom on {1,2,...}; P(sum Y <= t) by explicit convolution of the geometric pmf, compared "
            "with the binomial formula (rational arithmetic).")


H_P = sp.Symbol("p", positive=True)
H_I = sp.Symbol("i", positive=True)
H_RS = (1, 2, 12, 18, 23)


def _h_compute(ctx):
    r, p = int(ctx["i_star"]), _q(P_VARIANTS[ctx["p_beta"]])
    t0 = math.ceil(Fraction(r) / p)         # hypothesis t >= i*/p_beta (lambda >= 0)
    out = []
    for tt in range(t0, t0 + 201, 5):
        lhs = rx.binom_cdf(tt, p, r)
        rhs = evaluate(sp.exp(-2 * (t * H_P - H_I) ** 2 / t), {"t": tt, "p": p, "i": r})
        out.append(Comparison({**_params(ctx), "t": tt}, lhs, rhs, "<=",
                              label="P(B_t <= i*) (exact) <= exp(-(2/t)(t p - i*)^2) (Hoeffding)",
                              info={"lambda": float(tt * p - r)}))
    return out


claim("unified.step_lemma4_h", "Lemma 4 proof: Hoeffding step", "App. A proof of Lemma 4",
      "for all lambda >= 0, P(B_t <= t p_beta - lambda) <= exp(-2 lambda^2/t). Setting t p_beta - "
      "lambda = i*: P(sum Y_i >= t) <= P(B_t <= i*) <= exp(-(2/t)(t p_beta - i*)^2) = "
      "exp(-(2 p_beta^2/t)(t - i*/p_beta)^2), which holds as long as t >= (1/p_beta) ceil(.).",
      ("EXACT", "SYM"),
      checks=[ComputedCheck("exact_binomial_vs_hoeffding", _h_compute,
                            lambda: [{"p_beta": v, "i_star": r} for v in P_VARIANTS for r in H_RS],
                            quick_grid=lambda: [{"p_beta": v, "i_star": 2} for v in P_VARIANTS]),
              SymbolicCheck("last_equality", "identity",
                            sp.exp(-2 * (t * H_P - H_I) ** 2 / t),
                            sp.exp(-(2 * H_P ** 2 / t) * (t - H_I / H_P) ** 2),
                            doc="exp(-(2/t)(tp - i)^2) = exp(-(2p^2/t)(t - i/p)^2)")],
      params=(Param("i_star", "int", 1), P_T), constants_kind="explicit",
      notes="t runs from ceil(i*/p) (lambda >= 0) in steps of 5 over 200 values.")


# ---------------------------------------------------------------- i* (intervals)

ISTAR_BETAS = {"1/16": Fraction(1, 16), "1/32": Fraction(1, 32), "1/10": Fraction(1, 10),
               "1/9": Fraction(1, 9)}


def _istar_compute(ctx):
    b = ISTAR_BETAS[ctx["beta"]]
    res = _scan.istar_scan(int(ctx["M_max"]), b)
    p = _params(ctx)
    return [Comparison({**p, "reading": "smallest integer i"}, res["mismatch_pairs"], 0, "==",
                       label="number of (M, Delta), 1 <= M <= M_max, 0 <= Delta <= M, where the smallest "
                             "integer i with floor((2Delta+1)(1+beta)^i) >= M+1 differs from "
                             "ceil(log((M+1)/(2Delta+1))/log(1+beta))",
                       info=res["info"])]


def _partition_compute(ctx):
    m, d, b = int(ctx["M"]), int(ctx["Delta"]), ISTAR_BETAS[ctx["beta"]]
    res = _scan.intervals_as_printed(m, d, b)
    return [Comparison(_params(ctx), res["defects"], 0, "==",
                       label="integers of {0..M} not covered + integers covered twice by I_0..I_i*",
                       info=res)]


claim("unified.step_lemma4_istar", "Lemma 4 proof: i* via the intervals I_i", "App. A proof of Lemma 4",
      "I_0 = {1..2Delta+1}, I_i = {floor((2Delta+1)(1+beta)^{i-1}) .. floor((2Delta+1)(1+beta)^i)}, "
      "I_{i*} = {floor((2Delta+1)(1+beta)^{i*-1}) .. M+1}, where i* is the smallest integer for which "
      "floor((2Delta+1)(1+beta)^{i*}) >= M+1 => i* = ceil(log((M+1)/(2Delta+1))/log(1+beta)). The "
      "intervals partition the domain {0..M}.", ("EXACT",),
      checks=[ComputedCheck("smallest_i_vs_closed_form", _istar_compute,
                            lambda: [{"beta": "1/16", "M_max": 10000}, {"beta": "1/10", "M_max": 10000},
                                     {"beta": "1/32", "M_max": 2000}, {"beta": "1/9", "M_max": 2000}],
                            quick_grid=lambda: [{"beta": "1/16", "M_max": 300}],
                            doc="exhaustive over integers; exact integer thresholds, closed form "
                                "evaluated in floats with a guard band and exact rational tie-breaks"),
              ComputedCheck("partition_as_printed", _partition_compute,
                            lambda: [{"M": m, "Delta": d, "beta": "1/16"} for m in (1, 10, 100, 1000)
                                     for d in sorted({0, 1, m // 3})],
                            quick_grid=lambda: [{"M": 10, "Delta": 0, "beta": "1/16"}])],
      params=(P_M, P_DELTA, Param("beta", "choice", choices=tuple(ISTAR_BETAS))),
      log_base="irrelevant (ratio of logs)",
      notes="floor(x) >= M+1 <=> x >= M+1 for an integer M+1, so the floor cannot change i*; the scan "
            "also reports the mismatches of two other readings: i* restricted to i >= 0 (the "
            "intervals are indexed from 0) and a naive float64 evaluation of the closed form.")


# ============================================================================ Lemma 6 proof steps

def _ew_values(ctx, s: int):
    """(E[w_s] value, E[w_0] value, info) -- brackets (exact) or per-path arrays (MC)."""
    m, d = int(ctx["M"]), int(ctx["Delta"])
    if ctx["method"] == "exact":
        e = ph.exact_phase(m, d)
        return e["w"][s], e["w"][0], ph.bracket_info(*e["w"][s], e["horizon"], e["tail"])
    r = _mc(ctx)
    return r["w"][:, s], r["w"][:, 0], {"path_length": r["T"], "max_w0_on_paths": int(r["w"][:, 0].max())}


def _lemma6_e_compute(ctx):
    m = int(ctx["M"])
    p = _params(ctx)
    ws, w0, info = _ew_values(ctx, 0)
    out = []
    if ctx["method"] == "exact":
        out.append(Comparison({**p, "inequality": "E[w_0] <= 1/2"}, _side(w0, Fraction(1, 2), "<="),
                              Fraction(1, 2), "<=", label="E[w_0] (exact bracket) <= 1/2", info=info))
    else:
        out.append(Comparison({**p, "inequality": "E[w_0] <= 1/2"},
                              _mean_estimate(w0, 0, max(m - 1, 0), ctx), Fraction(1, 2), "<=",
                              label="E[w_0] (MC, Hoeffding interval, 0 <= w_0 <= M-1) <= 1/2", info=info))
    for s in range(1, S + 1):
        c = Fraction(7, 8) ** s
        ws, w0, info = _ew_values(ctx, s)
        lab = "E[w_t] - (7/8)^t E[w_0] <= 0"
        if ctx["method"] == "exact":
            lhs = _side(ph.difference_bracket(*ws, c, *w0), 0, "<=")
        else:
            z = ws - float(c) * w0      # per path; 0 <= w_t <= w_0 <= M-1
            lhs = _mean_estimate(z, -float(c) * (m - 1), (1 - float(c)) * (m - 1), ctx)
            lab += " (MC mean of w_t - (7/8)^t w_0, Hoeffding interval)"
        out.append(Comparison({**p, "inequality": "E[w_t] <= (7/8)^t E[w_0]", "t": s}, lhs, 0, "<=",
                              label=lab, info=info))
    return out


def _w_grid(exact_ms, mc_ms):
    def g():
        for m in exact_ms:
            for d in range(m + 1):
                yield {"M": m, "Delta": d, "method": "exact"}
        for m in mc_ms:
            for d in _deltas(m):
                yield {"M": m, "Delta": d, "method": "montecarlo"}
    return g


claim("unified.step_lemma6_e", "Lemma 6 proof: expectation recursion", "App. A proof of Lemma 6",
      "E[w_t] = E[E(w_{t+1} | X_1..X_{t+tau_1})] <= (7/8) E[w_{t-1}], which, by recursion, yields "
      "E[w_t] <= (7/8)^t E[w_0] <= (1/2)(7/8)^t. [indices as printed]", ("MC", "EXACT"),
      checks=[ComputedCheck("expectations", _lemma6_e_compute, _w_grid(EXACT_MS, MC_MS),
                            quick_grid=_w_grid((1, 2), (10,)),
                            doc="E[w_0] <= 1/2 and E[w_t] <= (7/8)^t E[w_0] (t = 1..30) separately")],
      params=(P_M, P_DELTA, P_T), constants={"7/8": sp.Rational(7, 8), "1/2": sp.Rational(1, 2)},
      constants_kind="explicit", depends_on=("unified.eq6",),
      notes="w_s = 2M+1 - v_{tau1+s}. Exact: brackets from the stamped DP (M <= 3). MC: per-path w, "
            "intervals from Hoeffding with the sure range 0 <= w_t <= w_0 <= M-1.")


def _lemma6_m_compute(ctx):
    m, d, reading = int(ctx["M"]), int(ctx["Delta"]), ctx["reading"]
    thr = 2 * m + 1 - d
    p = _params(ctx)
    w_max = (2 * m + 1) - (m + 2)          # v_{tau1+t} >= v_{tau1} >= M+2 on every path
    out = []
    for tt in range(1, S + 1):
        # P(w_t >= 2M+1-Delta): zero because w_t <= w_max < thr on every path (computed, not assumed:
        # the comparison w_max < thr is evaluated here, and MC paths report their largest w_t)
        if w_max >= thr:  # pragma: no cover - impossible for 0 <= Delta <= M
            raise ArithmeticError(f"w_t <= {w_max} does not exclude w_t >= {thr}")
        p_w = Fraction(0)
        info_w = {"sure_bound": f"w_t <= 2M+1-(M+2) = {w_max}", "threshold 2M+1-Delta": thr}
        le, info = tau2_le(ctx, tt - 1)      # P(tau2 >= t) = 1 - P(tau2 <= t-1)
        if isinstance(le, tuple):
            lhs1 = _side((1 - le[1], 1 - le[0]), p_w, "<=")
        else:
            lhs1 = _estimate(le.trials - le.successes, ctx)
        if ctx["method"] == "montecarlo":
            info_w["max_w_t_on_paths"] = int(_mc(ctx)["w"][:, tt].max())
        out.append(Comparison({**p, "t": tt, "inequality": "P(tau2>=t) <= P(w_t>=2M+1-Delta)"},
                              lhs1, p_w, "<=", kind="real",
                              label="P(tau2 >= t) <= P(w_t >= 2M+1-Delta)", info={**info, **info_w}))
        if reading != "prose":
            continue                          # the last one does not involve tau2: once per (M, Delta)
        # The middle inequality P(w_t >= 2M+1-Delta) <= E[w_t]/(2M+1-Delta) is Markov's inequality
        # with a left side that is 0 surely (above): no comparison can fail there, so none is made.
        ws, _, info = _ew_values(ctx, tt)
        c = Fraction(7, 8) ** tt / thr
        if ctx["method"] == "exact":
            ew2 = _side((Fraction(ws[0]) / thr, Fraction(ws[1]) / thr), c, "<=")
        else:
            ew2 = _mean_estimate(ws / thr, 0, (m - 1) / thr, ctx)
        out.append(Comparison({**p, "t": tt, "inequality": "E[w_t]/(2M+1-Delta) <= (7/8)^t/(2M+1-Delta)"},
                              ew2, c, "<=", kind="real",
                              label="E[w_t]/(2M+1-Delta) <= (7/8)^t/(2M+1-Delta)", info=info))
    return out


claim("unified.step_lemma6_m", "Lemma 6 proof: Markov step", "App. A proof of Lemma 6",
      "P(tau_2 >= t) <= P(w_t >= 2M+1-Delta) <= E[w_t]/(2M+1-Delta) <= (1/(2M+1-Delta))(7/8)^t.",
      ("MC", "EXACT"),
      checks=[ComputedCheck("each_inequality", _lemma6_m_compute,
                            _phase_grid(EXACT_MS, MC_MS),
                            quick_grid=_phase_grid((1, 2), (10,), mc_readings=("prose",)),
                            doc="t = 1..30; the first inequality per tau2 reading (formula: exact for "
                                "every M, tau2 = 0), the last (reading-free) with the prose points")],
      params=(P_M, P_DELTA, P_T, P_READING), constants_kind="explicit",
      depends_on=("unified.step_lemma6_e",),
      notes="P(w_t >= 2M+1-Delta) = 0: w_t <= w_0 = 2M+1-v_{tau1} <= M-1 < 2M+1-Delta on every path "
            "(v nondecreasing, v_{tau1} >= M+2, Delta <= M); MC paths report their largest w_t. "
            "The middle (Markov) inequality therefore reads 0 <= E[w_t]/(2M+1-Delta) and is not "
            "compared (it cannot fail); the first and the last are.")
