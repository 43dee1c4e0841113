"""`unified` Lemma 6 (App. A, identical in §3), Eq. (6) and the steps of Lemma 6's proof
(claims.md §1.1).

* Lemma 6, P(tau_2 <= t) >= 1 - (7/8)^t/(2M+1-Delta), under both readings of tau_2 (``constants.TAU2``):
  the formula reading makes tau_2 = 0 surely (w_0 <= M-1 <= 2M-Delta+1), so the statement cannot
  fail there (measured); the prose reading min{s: v_{tau_1+s} >= 2M-Delta+1} is checked with exact
  brackets for M <= 3 and Monte Carlo for M in {2, 3, 10, 50, 200}. A bracket is compared as the
  interval it is (an arb ball containing [lower, upper]). Helpers: ``second_phase.py``.
* Eq. (6), E(w_{t+1} | .) <= (7/8) w_t after tau_1: exact on every reachable state, and its
  algebraic step certified.
* Lemma 6's proof: E[w_t] <= (7/8)^t E[w_0] and E[w_0] <= 1/2 separately; the first and the last
  inequality of the Markov chain separately (the middle one, Markov's inequality, has the left side
  P(w_t >= 2M+1-Delta) = 0 surely and cannot fail).
"""
from __future__ import annotations

from fractions import Fraction

import numpy as np
import sympy as sp

from ticketcheck.arb_eval import evaluate
from ticketcheck.bounds.claim import CertifyCheck, ComputedCheck, Falsifier, Inherit
from ticketcheck.bounds.symbols import Delta, M, t
from ticketcheck.bounds.unified import second_phase as ph
from ticketcheck.bounds.unified import state_slacks as sl
from ticketcheck.bounds.unified.constants import (DOMAIN_M_DELTA, P_DELTA, P_M, P_READING, P_T, TAU2, claim)
from ticketcheck.bounds.unified.reachable_states import perstate_checks

S = ph.S_MAX
C78 = sp.Symbol("seven_eighths", positive=True)
L6_BOUND_C = 1 - C78 ** t / (2 * M + 1 - Delta)
L6_STMT = "For all t > 0, it holds that P(tau_2 <= t) >= 1 - (1/(2M+1-Delta)) (7/8)^t."
#: Lemma 6's hypotheses: Delta in {0..M}, t > 0
L6_HYP = sp.And(DOMAIN_M_DELTA, t >= 1)
#: a step of Lemma 6's proof: its times t = 1..30 run inside each point (all > 0)
INHERIT_L6 = Inherit("unified.lemma6", doc="the step's times t = 1..30 run inside each point (all t > 0)")
EXACT_MS = (1, 2, 3)
MC_MS = (2, 3, 10, 50, 200)
L6_RHS_TEX = r"1-\frac{1}{2M+1-\Delta}\left(\frac78\right)^t"


def _deltas(m: int) -> list[int]:
    """Delta in {0, 1, M/10} (claims.md), M/10 rounded down."""
    return sorted({0, 1, m // 10} & set(range(m + 1)))


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

def _phase_grid(exact_ms, mc_ms, reading: str):
    """Points (M, Delta, reading, method). The formula reading needs no DP (tau2 = 0), so it is
    exact for every M; the prose reading is exact for M in ``exact_ms`` and MC for ``mc_ms``."""
    def g():
        for m in exact_ms:
            for d in range(m + 1):
                yield {"M": m, "Delta": d, "reading": reading, "method": "exact"}
        for m in mc_ms:
            for d in _deltas(m):
                if reading == "formula":
                    if m not in exact_ms:
                        yield {"M": m, "Delta": d, "reading": reading, "method": "exact"}
                else:
                    yield {"M": m, "Delta": d, "reading": reading, "method": "montecarlo"}
    return g


def tau2_le(ctx, s: int):
    """(value, info) of P(tau2 <= s) at the point: an exact Fraction or an arb ball containing the
    bracket [lower, upper] (exact), or an Estimate (MC)."""
    m, d, reading = int(ctx["M"]), int(ctx["Delta"]), ctx["reading"]
    if ctx["method"] == "exact":
        if reading == "formula" and m not in EXACT_MS:
            lo, hi = ph.formula_tau2(m, d, s)
            return ph.bracket_value(lo, hi), {"what": "tau2_formula = 0 surely (exact.rssp)"}
        e = ph.exact_phase(m, d)
        lo, hi = e["tau2"][reading][s]
        return ph.bracket_value(lo, hi), ph.bracket_info(lo, hi, e["horizon"], e["tail"])
    r = _mc(ctx)
    return _estimate(np.count_nonzero(r["tau2"][reading] <= s), ctx), {"path_length": r["T"]}


def _lemma6_compute(ctx):
    m, d = int(ctx["M"]), int(ctx["Delta"])
    bound = L6_BOUND_C.xreplace({C78: sp.Rational(ctx.constant("7/8"))})
    out = []
    for tt in range(1, S + 1):
        val, info = tau2_le(ctx, tt)
        env = {"M": m, "Delta": d, "t": tt}
        out.append(ctx.compare(val, ">=", evaluate(bound, env), f"P(tau2 <= t) ({ctx['reading']} reading) >= "
                               "1 - (7/8)^t/(2M+1-Delta)", params={"t": tt}, kind="probability", info=info,
                               rhs_expr=(bound, env), lhs_tex=r"\mathbb P(\tau_2\le t)", rhs_tex=L6_RHS_TEX))
    return out


def lemma6_checks():
    kw = dict(constants={"7/8": Fraction(7, 8)}, hypothesis=DOMAIN_M_DELTA)
    return [ComputedCheck("tau2_formula_reading", _lemma6_compute, _phase_grid(EXACT_MS, MC_MS, "formula"),
                          quick_grid=_phase_grid((1, 2), (10,), "formula"),
                          doc="t = 1..30; tau2 = 0 surely under the formula reading: P(tau2 <= t) = 1 and "
                              "the statement cannot fail (no falsifier: measured)", **kw),
            ComputedCheck("tau2_prose_reading", _lemma6_compute, _phase_grid(EXACT_MS, MC_MS, "prose"),
                          quick_grid=_phase_grid((1, 2), (10,), "prose"), falsifiers=(Falsifier.tighten(),),
                          doc="t = 1..30 per point; exact brackets M <= 3, MC M in {2,3,10,50,200}", **kw)]


_L6_NOTES = ("Both readings of tau2 (unified.def7). formula: tau2 = 0 surely, so P = 1 and the statement "
             "cannot fail (measured). prose: tau2 = min{s: v_{tau1+s} >= 2M-Delta+1}; exact brackets "
             "[P(tau1<=K, tau2<=t), that + P(tau1>K)] for M <= 3 (decided only when the bracket is on one "
             "side of the bound), Monte Carlo for M in {2, 3, 10, 50, 200}, Delta in {0, 1, floor(M/10)}.")
claim("unified.lemma6", "Lemma 6 (tail of tau_2)", "App. A Lemma 6; §3",
      L6_STMT, ("MC", "EXACT"), checks=lemma6_checks(), hypothesis=L6_HYP, readings=(TAU2,),
      params=(P_M, P_DELTA, P_T, P_READING), constants={"7/8": sp.Rational(7, 8)}, constants_kind="explicit",
      depends_on=("unified.lemma5", "unified.eq6", "unified.step_lemma6_e", "unified.step_lemma6_m"),
      notes=_L6_NOTES)
claim("unified.lemma6.main_text", "Lemma 6 (§3, identical formula)", "§3 proof sketch",
      "P(tau_2 <= t) >= 1 - (1/(2M+1-Delta)) (7/8)^t.", ("MC", "EXACT"), checks=lemma6_checks(),
      hypothesis=L6_HYP, readings=(TAU2,), params=(P_M, P_DELTA, P_T, P_READING), constants_kind="explicit",
      variant_of="unified.lemma6", notes=_L6_NOTES)


# ============================================================================ Eq. (6)

def _eq6_slack(tab, mask, **c):
    return sl.eq6(tab, mask, factor=c["7/8"])


_th, _Mp = sp.Symbol("theta", nonnegative=True), sp.Symbol("M", positive=True)
claim("unified.eq6", "Eq. (6): E[w_{t+1}] <= 7/8 w_t", "App. A Eq. (6)",
      "Using 2M+1-w_t = v_{t+tau_1} > M+1 to Lemma 5, we get E(w_{t+1} | X_1..X_{t+tau_1}) <= (7/8) w_t.",
      ("SYM", "EXACT"),
      checks=perstate_checks("per_state", _eq6_slack, "7/8 w - E[w']", which="v>M+1",
                             constants={"7/8": Fraction(7, 8)},
                             falsifiers=(Falsifier.scale("7/8", Fraction(1, 2), doc="E[w_{t+1}] <= (7/16) w_t "
                                                                                   "fails"),),
                             lhs_tex=r"\min_{v_{t+\tau_1}>M+1}\big(\tfrac78 w_t-\mathbb E(w_{t+1}\mid X_1,\dots,"
                                     r"X_{t+\tau_1})\big)", hypothesis=DOMAIN_M_DELTA)
      + [CertifyCheck("w_lt_M_implies_factor_le_7_8", 1 - sp.Rational(1, 4) * (1 - _th * _Mp / (2 * _Mp + 1)),
                      C78, "<=", {"M": (1, sp.oo), "theta": (0, 1)}, options={"time_limit": 3.0},
                      constants={"seven_eighths": sp.Rational(7, 8)},
                      doc="w < M written w = theta M, theta in [0, 1): 1 - (1/4)(1 - w/(2M+1)) <= 7/8 "
                          "(theta = 1 included)")],
      inherits=(Inherit("unified.lemma6", doc="a per-state statement, used by Lemma 6's recursion at every "
                                              "time t > 0"),),
      params=(P_M, P_DELTA, P_T), depends_on=("unified.lemma5",))


# ============================================================================ Lemma 6 proof steps

def _ew_values(ctx, s: int):
    """(E[w_s] bracket or per-path array, E[w_0] likewise, info)."""
    m, d = int(ctx["M"]), int(ctx["Delta"])
    if ctx["method"] == "exact":
        e = ph.exact_phase(m, d)
        return e["w"][s], e["w"][0], ph.bracket_info(*e["w"][s], e["horizon"], e["tail"])
    r = _mc(ctx)
    return r["w"][:, s], r["w"][:, 0], {"path_length": r["T"], "max_w0_on_paths": int(r["w"][:, 0].max())}


def _lemma6_e_compute(ctx):
    m = int(ctx["M"])
    half, c78 = Fraction(ctx.constant("1/2")), Fraction(ctx.constant("7/8"))
    ws, w0, info = _ew_values(ctx, 0)
    if ctx["method"] == "exact":
        ew0 = ph.bracket_value(*w0)
        lab0 = "E[w_0] (exact bracket) <= 1/2"
    else:
        ew0 = _mean_estimate(w0, 0, max(m - 1, 0), ctx)
        lab0 = "E[w_0] (MC, Hoeffding interval, 0 <= w_0 <= M-1) <= 1/2"
    out = [ctx.compare(ew0, "<=", half, lab0, params={"inequality": "E[w_0] <= 1/2"}, info=info,
                       lhs_tex=r"\mathbb E[w_0]", rhs_tex=r"\frac12")]
    for s in range(1, S + 1):
        c = c78 ** s
        ws, w0, info = _ew_values(ctx, s)
        lab = "E[w_t] - (7/8)^t E[w_0] <= 0"
        if ctx["method"] == "exact":
            lhs = ph.bracket_value(*ph.difference_bracket(*ws, c, *w0))
        else:
            z = ws - float(c) * w0      # per path; 0 <= w_t <= w_0 <= M-1
            lhs = _mean_estimate(z, -float(c) * (m - 1), (1 - float(c)) * (m - 1), ctx)
            lab += " (MC mean of w_t - (7/8)^t w_0, Hoeffding interval)"
        out.append(ctx.compare(lhs, "<=", 0, lab, params={"inequality": "E[w_t] <= (7/8)^t E[w_0]", "t": s},
                               info=info, lhs_tex=r"\mathbb E[w_t]-\left(\frac78\right)^t\mathbb E[w_0]",
                               rhs_tex="0"))
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
                            quick_grid=_w_grid((1, 2), (10,)), hypothesis=DOMAIN_M_DELTA,
                            constants={"7/8": Fraction(7, 8), "1/2": Fraction(1, 2)},
                            falsifiers=(Falsifier.scale("1/2", Fraction(1, 2)),),
                            doc="E[w_0] <= 1/2 and E[w_t] <= (7/8)^t E[w_0] (t = 1..30) separately")],
      inherits=(INHERIT_L6,), params=(P_M, P_DELTA, P_T),
      constants={"7/8": sp.Rational(7, 8), "1/2": sp.Rational(1, 2)},
      constants_kind="explicit", depends_on=("unified.eq6",),
      notes="w_s = 2M+1 - v_{tau1+s}. Exact: brackets from the stamped DP (M <= 3), compared as intervals. "
            "MC: per-path w, intervals from Hoeffding with the sure range 0 <= w_t <= w_0 <= M-1.")


def _first_inequality(ctx):
    """P(tau2 >= t) <= P(w_t >= 2M+1-Delta), the right side 0 surely (w_t <= M-1 < 2M+1-Delta)."""
    m, d = int(ctx["M"]), int(ctx["Delta"])
    thr = 2 * m + 1 - d
    w_max = (2 * m + 1) - (m + 2)          # v_{tau1+t} >= v_{tau1} >= M+2 on every path
    if w_max >= thr:  # pragma: no cover - impossible for 0 <= Delta <= M
        raise ArithmeticError(f"w_t <= {w_max} does not exclude w_t >= {thr}")
    out = []
    for tt in range(1, S + 1):
        info_w = {"sure_bound": f"w_t <= 2M+1-(M+2) = {w_max}", "threshold 2M+1-Delta": thr}
        le, info = tau2_le(ctx, tt - 1)      # P(tau2 >= t) = 1 - P(tau2 <= t-1)
        lhs = 1 - le if ctx["method"] == "exact" else _estimate(le.trials - le.successes, ctx)
        if ctx["method"] == "montecarlo":
            info_w["max_w_t_on_paths"] = int(_mc(ctx)["w"][:, tt].max())
        out.append(ctx.compare(lhs, "<=", Fraction(0), "P(tau2 >= t) <= P(w_t >= 2M+1-Delta) (= 0 surely)",
                               params={"t": tt, "inequality": "P(tau2>=t) <= P(w_t>=2M+1-Delta)"},
                               info={**info, **info_w}, lhs_tex=r"\mathbb P(\tau_2\ge t)",
                               rhs_tex=r"\mathbb P(w_t\ge 2M+1-\Delta)"))
    return out


def _last_inequality(ctx):
    """E[w_t]/(2M+1-Delta) <= (7/8)^t/(2M+1-Delta) (the middle, Markov, is not compared: its left
    side is 0 surely)."""
    m, d = int(ctx["M"]), int(ctx["Delta"])
    thr = 2 * m + 1 - d
    c78 = Fraction(ctx.constant("7/8"))
    out = []
    for tt in range(1, S + 1):
        ws, _, info = _ew_values(ctx, tt)
        c = c78 ** tt / thr
        if ctx["method"] == "exact":
            ew = ph.bracket_value(Fraction(ws[0]) / thr, Fraction(ws[1]) / thr)
        else:
            ew = _mean_estimate(ws / thr, 0, (m - 1) / thr, ctx)
        out.append(ctx.compare(ew, "<=", c, "E[w_t]/(2M+1-Delta) <= (7/8)^t/(2M+1-Delta)",
                               params={"t": tt, "inequality": "E[w_t]/(2M+1-Delta) <= (7/8)^t/(2M+1-Delta)"},
                               info=info, lhs_tex=r"\frac{\mathbb E[w_t]}{2M+1-\Delta}",
                               rhs_tex=r"\frac{1}{2M+1-\Delta}\left(\frac78\right)^t"))
    return out


claim("unified.step_lemma6_m", "Lemma 6 proof: Markov step", "App. A proof of Lemma 6",
      "P(tau_2 >= t) <= P(w_t >= 2M+1-Delta) <= E[w_t]/(2M+1-Delta) <= (1/(2M+1-Delta))(7/8)^t.",
      ("MC", "EXACT"),
      checks=[ComputedCheck("first_inequality_formula_reading", _first_inequality,
                            _phase_grid(EXACT_MS, MC_MS, "formula"), quick_grid=_phase_grid((1, 2), (10,), "formula"),
                            hypothesis=DOMAIN_M_DELTA,
                            doc="tau2 = 0 surely under the formula reading: 0 <= 0, cannot fail (measured)"),
              ComputedCheck("first_inequality_prose_reading", _first_inequality,
                            _phase_grid(EXACT_MS, MC_MS, "prose"), quick_grid=_phase_grid((1, 2), (10,), "prose"),
                            hypothesis=DOMAIN_M_DELTA, falsifiers=(Falsifier.tighten(),)),
              ComputedCheck("last_inequality", _last_inequality, _w_grid(EXACT_MS, MC_MS),
                            quick_grid=_w_grid((1, 2), (10,)), hypothesis=DOMAIN_M_DELTA,
                            constants={"7/8": Fraction(7, 8)},
                            falsifiers=(Falsifier.scale("7/8", Fraction(1, 2)),),
                            doc="reading-free (no tau2); t = 1..30")],
      inherits=(INHERIT_L6,), readings=(TAU2,),
      params=(P_M, P_DELTA, P_T, P_READING), constants_kind="explicit",
      depends_on=("unified.step_lemma6_e",),
      notes="P(w_t >= 2M+1-Delta) = 0: w_t <= w_0 = 2M+1-v_{tau1} <= M-1 < 2M+1-Delta on every path "
            "(v nondecreasing, v_{tau1} >= M+2, Delta <= M); MC paths report their largest w_t. "
            "The middle (Markov) inequality therefore reads 0 <= E[w_t]/(2M+1-Delta) and is not "
            "compared (it cannot fail); the first (per reading of tau2) and the last are.")
