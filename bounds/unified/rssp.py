"""``unified`` §3 and Appendix A: the discrete random subset-sum process (claims.md §1.0, §1.1).

One declaration per claim id of claims.md, verbatim. Probability bounds are :class:`BoundCheck`s on
the observables ``rssp.*`` (exact for small parameters, Monte Carlo beyond); per-state statements
(Lemmas 2, 3, 5, Eqs. (2), (6), proof steps) are :class:`ComputedCheck`s over every reachable state
(``exact.rssp_extra``) for M <= 6 and along random/adversarial sequences for M in {100, 1000}.
SYM/CERT parts are attached by ``bounds/unified/proof_steps.py`` (registry ``attach``); Lemma 6, Eq. (5)
and the steps of Lemma 4's and Lemma 6's proofs live in ``bounds/unified/lemma6.py``, the Theorem 4
proof chain (union bound, e1-e3, combination) in ``bounds/unified/proof_steps.py``.
"""
from __future__ import annotations

import functools
import itertools
import math
import random
from fractions import Fraction

import numpy as np
import sympy as sp

from ticketcheck.arb_eval import evaluate
from ticketcheck.bounds.claim import BoundCheck, Comparison, ComputedCheck, EmpiricalConstant, Param
from ticketcheck.bounds.symbols import C, LOG, Delta, M, beta, kappa, log_base, t
from ticketcheck.bounds.unified import _perstate as ps
from ticketcheck.bounds.unified._common import (BETA, CONSTANTS, CPRIME, CPRIME_LN, KAPPA, L_2D, L_D, P_BETA,
                                    P_DELTA, P_LOGB, P_M, P_READING, P_T, claim, exact_observable,
                                    istar, p_lemma3, p_lemma3_main, p_lemma4)
from ticketcheck.exact import rssp_extra as rx

SRC = "unified"
BASES = [sp.E, sp.Integer(2)]
LOG_NOTE = ("C' log x = 60 log x / log(17/16) is base-free when both logs share a base; run with "
            "log_base in {e, 2} and reported separately. The step_thm4_e2 rewriting needs ln.")

# ============================================================================ grids

PERSTATE_T = {1: 8, 2: 8, 3: 8, 4: 8, 5: 8, 6: 8}
QUICK_T = {1: 4, 2: 4, 3: 4}


def _state_grid(tmax: dict):
    def g():
        for m, T in tmax.items():
            for d in range(0, m + 1):
                for tt in range(0, T + 1):
                    yield {"M": m, "Delta": d, "t": tt}
    return g


SEQ_KINDS = ("uniform", "nonnegative", "extremes", "ones", "small")


def _seq_grid(Ms=(100, 1000), length=24, deltas=(0, 1)):
    def g():
        for m in Ms:
            for d in deltas:
                for kind in SEQ_KINDS:
                    yield {"M": m, "Delta": d, "sequence": kind, "length": length}
    return g


def make_sequence(kind: str, M: int, length: int, seed: int) -> list[int]:
    """Random and adversarial sequences for the per-state checks at large M."""
    rng = random.Random(seed)
    if kind == "uniform":
        return [rng.randint(-M, M) for _ in range(length)]
    if kind == "nonnegative":
        return [rng.randint(0, M) for _ in range(length)]
    if kind == "extremes":
        return [rng.choice((-M, M)) for _ in range(length)]
    if kind == "ones":
        return [1] * length
    if kind == "small":
        return [rng.choice((-1, 0, 1)) for _ in range(length)]
    raise ValueError(kind)


def _table(ctx):
    m, d, tt = int(ctx["M"]), int(ctx["Delta"]), int(ctx["t"])
    T = max(tt, PERSTATE_T.get(m, tt))
    return rx.level_table(m, tt, d, T)


def _seq_table(ctx):
    m, d = int(ctx["M"]), int(ctx["Delta"])
    xs = make_sequence(ctx["sequence"], m, int(ctx["length"]), ctx.seed % 2**31)
    tab = rx.sequence_table(m, d, xs)
    return tab, xs


def _params(ctx):
    return {k: v for k, v in ctx.items() if not k.startswith("_")}


def _cmp(ctx, value, label, info, rhs=0, relation=">="):
    if value is None:
        return []
    return [Comparison(_params(ctx), value, rhs, relation, label=label, info=info)]


# ---------------------------------------------------------------- per-state check factories

def _masks(tab, which: str):
    v, M = tab.v, tab.M
    if which == "all":
        return None
    if which == "v<=M+1":
        return v <= M + 1
    if which == "v>M+1":
        return v > M + 1
    if which == "v<=M+1_or_t=tau1":
        return (v <= M + 1) | tab.just_reached
    raise ValueError(which)


def perstate_check(name, fn, label, which="all", doc="", seq=True, **kw):
    """ComputedCheck(s) applying ``fn(tab, mask)`` -> (min slack, info) to every reachable state
    (M <= 6) and, if ``seq``, to states along random/adversarial sequences (M = 100, 1000)."""
    def compute(ctx):
        tab = _table(ctx)
        mask = _masks(tab, which)
        if mask is not None and not mask.any():
            return []
        m, info = fn(tab, mask, **kw) if mask is not None else fn(tab, None, **kw)
        return _cmp(ctx, m, f"min over reachable states ({which}) of {label}", info)

    def compute_seq(ctx):
        tab, xs = _seq_table(ctx)
        mask = _masks(tab, which)
        if mask is not None and not mask.any():
            return []
        m, info = fn(tab, mask, **kw)
        info = dict(info, sequence_head=xs[:8])
        return _cmp(ctx, m, f"min along the sequence ({which}) of {label}", info)

    checks = [ComputedCheck(name, compute, _state_grid(PERSTATE_T), quick_grid=_state_grid(QUICK_T),
                            doc=doc)]
    if seq:
        checks.append(ComputedCheck(name + "_sequences", compute_seq, _seq_grid(),
                                    quick_grid=_seq_grid(Ms=(100,), length=10, deltas=(0,)), doc=doc))
    return checks


# ============================================================================ §1.0 models

claim("unified.model1", "Discrete RSSP process (random model)", "§3 Definition 1; App. A",
      "X_1..X_n i.i.d. uniform on the integers {-M..M}; target z in {-M..M}; success for z at time t: "
      "exists S subset [t] (empty allowed) with |sum_S X_i - z| <= Delta (non-strict). f_t(z) on all "
      "of Z, v_t = sum_{i=-M}^M f_t(i). Events: single target f_t(z)=1; all targets v_t = 2M+1; "
      "tau-event v_t >= 2M+1-Delta; tau1-event v_t > M+1. f_0(z) = 1 iff |z| <= Delta.",
      ("REC",), params=(P_M, P_DELTA, P_T), notes="Definitional: implemented by exact/rssp.py, "
      "montecarlo/rssp.py (observables rssp.*); the state is never truncated to [-M, M].")
claim("unified.model2", "Quantized network model", "§4; App. D",
      "S_delta = {-1, -1+delta, ..., 1}, delta = 2^-k; weights i.i.d. uniform on S_delta; targets in "
      "S_delta; success = masks approximating every target simultaneously; ReLU, no biases.",
      ("REC",), notes="Used by the §1.2 (SLTH) modules.")
claim("unified.model3", "Continuous RSSP (Lueker)", "§3 Theorem 1",
      "X_i i.i.d. U[-1,1]. Success: for all z in [-1/2, 1/2] simultaneously exists S subset [n] with "
      "|sum_S X_i - z| <= eps.", ("REC",), notes="Implemented by montecarlo/lueker.py (unified.thm1).")
claim("unified.model4", "Experiment model (App. E)", "App. E",
      "X_i uniform on {-M..M}, Delta = 0, single target z = 42; success: exists S with sum_S X_i = 42; "
      "20000 trials per (M, n).", ("REC",), notes="Used by unified.exp1/exp2/figure1.")

# ============================================================================ §1.1 definitions

claim("unified.def1", "Definition 1 (discrete RSSP)", "§3 Definition 1; App. A",
      "Consider X_1..X_n sampled uniformly from {-M..M} for some positive integer M and target z in "
      "{-M..M}. Let Delta in N u {0} be given. The RSSP is the problem of finding S subset [n] with "
      "|sum_{i in S} X_i - z| <= Delta.", ("REC",), params=(P_M, P_DELTA),
      notes="Definitional; used by every unified checker.")
claim("unified.def2", "Indicator f_t", "§3; App. A",
      "f_t: Z -> {0,1}, f_t(z) = I{exists S subset [t]: |sum_S X_i - z| <= Delta}, with f_t(0) = 1 by "
      "definition.", ("REC",), notes="With S = empty set allowed, f_t(0) = 1 holds automatically.")
claim("unified.def3", "Volume v_t", "§3; App. A", "v_t = sum_{i=-M}^{M} f_t(i).", ("REC",))
claim("unified.def5", "tau_1", "§3; App. A", "tau_1 = min{t >= 0: v_t > M+1} (strict).", ("REC",))
claim("unified.def6", "w_t", "§3; App. A", "w_t = (2M+1) - v_{tau_1 + t}.", ("REC",))
claim("unified.def7", "tau_2 (formula form)", "§3; App. A",
      "Let tau_2 the first time that w_t gets smaller than or equal to 2M-Delta+1, that is "
      "tau_2 = min{t >= 0: w_t <= 2M-Delta+1}.", ("REC",),
      notes="Under this reading tau_2 = 0 identically: v_{tau1} >= M+2 gives w_0 <= M-1 < 2M-Delta+1. "
            "Both readings are implemented (observables take reading=formula|prose).")
claim("unified.def7.prose", "tau_2 (prose form)", "App. A before Lemma 5; §3",
      "the second half of the process: from the moment the volume reaches M+1 up to the time it gets "
      "to 2M-Delta+1 (§3: the volume grows from M+1 to 2M-Delta+1); tau2_prose = min{t: "
      "v_{tau1+t} >= 2M-Delta+1}.", ("REC",), variant_of="unified.def7")


# ---------------------------------------------------------------- eq1 (recurrence)

def _eq1_compute(ctx):
    """Recurrence (1) vs the definition, on every sequence in {-M..M}^t (exhaustive)."""
    m, d, tt = int(ctx["M"]), int(ctx["Delta"]), int(ctx["t"])
    mismatches, total, first = 0, 0, None
    for seq in itertools.product(range(-m, m + 1), repeat=tt):
        sums = {0}
        for x in seq[:-1]:
            sums |= {s + x for s in sums}
        R = tt * m + d
        f_prev = {z for z in range(-R - m, R + m + 1) if any(abs(s - z) <= d for s in sums)}
        x = seq[-1]
        sums2 = sums | {s + x for s in sums}
        for z in range(-R, R + 1):
            direct = int(any(abs(s - z) <= d for s in sums2))
            ft = int(z in f_prev)
            rec = ft + (1 - ft) * int((z - x) in f_prev)
            total += 1
            if direct != rec:
                mismatches += 1
                if first is None:
                    first = {"sequence": list(seq), "z": z, "definition": direct, "recurrence": rec}
    return _cmp(ctx, mismatches, "number of (sequence, z) with recurrence != definition",
                {"pairs_checked": total, "first_mismatch": first}, rhs=0, relation="==")


claim("unified.eq1", "Recurrence f_{t+1} = f_t + (1-f_t) f_t(. - X_{t+1})", "§3 Eq. (1); App. A",
      "f_{t+1}(z) = f_t(z) + (1 - f_t(z)) f_t(z - X_{t+1}) for all z in Z.", ("EXACT",),
      checks=[ComputedCheck("exhaustive_sequences", _eq1_compute,
                            lambda: [{"M": m, "Delta": d, "t": tt} for m in (1, 2, 3) for d in range(m + 1)
                                     for tt in range(1, {1: 5, 2: 4, 3: 3}[m] + 1)],
                            quick_grid=lambda: [{"M": m, "Delta": d, "t": tt} for m in (1, 2)
                                                for d in range(m + 1) for tt in (1, 2, 3)])],
      params=(P_M, P_DELTA, P_T), depends_on=("unified.def2",),
      notes="Window z in [-tM-Delta, tM+Delta] (f_t is zero beyond). Identity: must hold exactly.")


# ---------------------------------------------------------------- def4 / claim1

def _def4_compute(ctx, relation="=="):
    m, d, tt = int(ctx["M"]), int(ctx["Delta"]), int(ctx["t"])
    a, ma = ctx.observe("rssp.tau_event", M=m, t=tt, delta=d)
    b, mb = ctx.observe("rssp.all_covered", M=m, t=tt, delta=d)
    if not (isinstance(a, Fraction) and isinstance(b, Fraction)):
        return []
    return [Comparison(_params(ctx), a, b, relation, label="P(v_t >= 2M+1-Delta) == P(v_t = 2M+1)",
                       kind="probability", info={"P_tau_event": str(a), "P_all_covered": str(b),
                                                 "difference": float(a - b)})]


_def4_grid = lambda: [{"M": m, "Delta": d, "t": tt} for m in (1, 2, 3, 4) for d in range(m + 1)
                      for tt in (1, 2, 3, 5, 8, 12)]
_def4_quick = lambda: [{"M": m, "Delta": d, "t": tt} for m in (1, 2) for d in range(m + 1) for tt in (2, 5)]
_def4_check = ComputedCheck("tau_event_vs_all_covered", lambda ctx: _def4_compute(ctx, "report"),
                            _def4_grid, quick_grid=_def4_quick,
                            doc="Do the two events of def4/claim1 coincide? (they differ when Delta >= "
                                "1). A definition is not judged: the two probabilities are reported; "
                                "unified.claim1 asserts that they coincide and is judged")
claim("unified.def4", "tau (first time v_t >= 2M+1-Delta)", "§3",
      "We denote by tau the first time that the process v_t reaches at least 2M+1-Delta.",
      ("EXACT",), checks=[_def4_check], params=(P_M, P_DELTA, P_T),
      notes="Ambiguity: {v_t >= 2M+1-Delta} vs 'every z in {-M..M} is Delta-approximated' (v_t = 2M+1).")
claim("unified.claim1", "tau marks covering of {-M..M}", "§3 (prose attached to def4)",
      "we are interested in the time at which v_t reaches 2M+1-Delta, since this marks the point where "
      "the entire set {-M,...,M} can be Delta-approximated.", ("EXACT",),
      checks=[ComputedCheck("tau_event_vs_all_covered", _def4_compute, _def4_grid, quick_grid=_def4_quick)],
      params=(P_M, P_DELTA, P_T), depends_on=("unified.def4",))


# ---------------------------------------------------------------- def8 (tau = tau1 + tau2)

def _def8_compute(ctx):
    from ticketcheck.montecarlo.rssp import rssp_paths
    from ticketcheck.montecarlo.estimate import Estimate
    m, d = int(ctx["M"]), int(ctx["Delta"])
    trials = min(ctx.trials, 4000)
    T = int(ctx["t_max"])
    r = rssp_paths(m, T, d, trials, ctx.seed)
    ok = (r["tau"] >= 0) & (r["tau1"] >= 0)
    out = []
    for reading in ("formula", "prose"):
        t2 = r[f"tau2_{reading}"]
        sel = ok & (t2 >= 0)
        eq = int(((r["tau1"] + t2) == r["tau"])[sel].sum())
        n = int(sel.sum())
        if n == 0:
            continue
        out.append(Comparison({**_params(ctx), "reading": reading}, n - eq, 0, "==",
                              label="number of sample paths with tau1 + tau2 != tau (claim: 0)",
                              info={"paths_compared": n, "equal": eq, "fraction_equal": eq / n,
                                    "trials": trials, "seed": ctx.seed,
                                    "mean_tau": float(r["tau"][sel].mean()),
                                    "mean_tau1_plus_tau2": float((r["tau1"] + t2)[sel].mean())}))
    return out


claim("unified.def8", "tau = tau_1 + tau_2", "App. A before Theorem 4",
      "Define tau = tau_1 + tau_2, the first time at which the process v_t reaches at least 2M+1-d "
      "[d as printed; Delta expected].", ("MC", "EXACT"),
      checks=[ComputedCheck("paths", _def8_compute,
                            lambda: [{"M": m, "Delta": d, "t_max": 4 * m + 40} for m in (2, 3, 10, 50)
                                     for d in sorted({0, 1, m // 10})],
                            quick_grid=lambda: [{"M": 3, "Delta": d, "t_max": 40} for d in (0, 1)])],
      params=(P_M, P_DELTA, P_READING), depends_on=("unified.def4", "unified.def5", "unified.def7"),
      notes="Path by path (each path is a concrete sequence, so one unequal path is a counterexample): "
            "the number of unequal paths is compared with 0 exactly, per reading of tau2.")


# ============================================================================ Lemma 4 family

def lemma4_bound(p, b=beta, factor=2):
    """1 - exp(-(2 p^2 / t)(t - i*/p)^2) (Lemma 4)."""
    return 1 - sp.exp(-(factor * p ** 2 / t) * (t - istar(b) / p) ** 2)


BETAS = [sp.Rational(1, 32), sp.Rational(1, 16), sp.Rational(1, 10), sp.Rational(1, 9)]
L4_BOUND = lemma4_bound(p_lemma4())
L4_HYP = t >= istar() / p_lemma4()
L4_MAIN_HYP = t >= (1 / (1 - sp.Rational(1, 8) / (1 + beta))) * istar()


def _l4_grid(Ms=(1, 2, 3), T=30, betas=BETAS):
    return lambda: [{"M": m, "Delta": d, "beta": b, "t": tt} for m in Ms for d in range(m + 1)
                    for b in betas for tt in range(1, T + 1)]


def _tau1_fail(m: int, d: int, T: int) -> tuple:
    """(P(tau1 <= s) for s = 0..T), exact (closed form for M = 1, Delta = 0; DP otherwise)."""
    if m == 1 and d == 0:
        return tuple(1 - 2 * Fraction(2, 3) ** s + Fraction(1, 3) ** s if s > 0 else Fraction(0)
                     for s in range(T + 1))
    return rx.hitting_law(m, T, d, m + 2)


def _tau_law(m: int, d: int, T: int) -> tuple:
    if 2 * d + 1 >= 2 * m + 1 - d:
        return tuple(Fraction(1) for _ in range(T + 1))
    if m == 1 and d == 0:
        return _tau1_fail(1, 0, T)
    return rx.hitting_law(m, T, d, 2 * m + 1 - d)


L4_DP_T = {1: 400, 2: 60, 3: 60, 4: 50}
L4_DP_T_QUICK = {1: 60, 2: 30}


def _bound_cmp(ctx, value, bound_expr, hyp, label, env, extra=None):
    if hyp is not None and not _hyp_ok(ctx, hyp, env):
        return None
    rhs = evaluate(bound_expr, env)
    return Comparison(_params(ctx) | {k: v for k, v in env.items() if k not in ctx}, value, rhs, ">=",
                      label=label, kind="probability", info=extra or {}, rhs_expr=(bound_expr, env))


def _hyp_ok(ctx, hyp, env) -> bool:
    return ctx.holds(hyp, env)


def lemma4_dp_check(name, bound, hyp, tmap, quick, half=False, betas=BETAS, doc=""):
    """Exact P(tau1 <= t) (or at floor(t/2)) vs the bound for every t <= T(M), via the DP."""
    def grid(tm):
        return lambda: [{"M": m, "Delta": d, "beta": b, "T": T} for m, T in tm.items()
                        for d in range(m) for b in betas]

    def compute(ctx):
        m, d, b = int(ctx["M"]), int(ctx["Delta"]), ctx["beta"]
        T = int(ctx["T"])
        law = _tau1_fail(m, d, T // 2 if half else T)
        out = []
        for tt in range(1, T + 1):
            s = tt // 2 if half else tt
            env = {"M": m, "Delta": d, "beta": b, "t": tt}
            c = _bound_cmp(ctx, law[s], bound, hyp,
                           f"P(tau1 <= {'floor(t/2)' if half else 't'}) (exact) >= bound", env,
                           {"s": s})
            if c is not None:
                out.append(c)
        return out
    return ComputedCheck(name, compute, grid(tmap), quick_grid=grid(quick), doc=doc)


_l4_obs = dict(observable="rssp.tau1_event", args={"delta": Delta}, relation=">=")
claim("unified.lemma4", "Lemma 4 (tau_1 tail, App. A)", "App. A Lemma 4",
      "Let t be an integer and given beta in (0,1/8), let p_beta = 1 - 1/(8(1+beta)) and i* = "
      "ceil(log((M+1)/(2Delta+1))/log(1+beta)). If t >= i*/p_beta, then P(tau_1 <= t) >= "
      "1 - exp(-(2 p_beta^2/t)(t - i*/p_beta)^2).", ("EXACT", "MC", "SYM"),
      checks=[BoundCheck("exact_small", bound=L4_BOUND, hypothesis=L4_HYP, grid=_l4_grid(),
                         quick_grid=_l4_grid((1, 2), 20, [BETA]), **_l4_obs),
              lemma4_dp_check("exact_dp_long", L4_BOUND, L4_HYP, L4_DP_T, L4_DP_T_QUICK,
                              doc="merged-state DP (exact/rssp_extra.hitting_law); M=1: closed form "
                                  "P(tau1 > t) = 2(2/3)^t - (1/3)^t")],
      params=(P_M, P_DELTA, P_BETA, P_T), constants={"p_beta": p_lemma4(), "i_star": istar()},
      constants_kind="explicit", log_base="irrelevant (i* is a ratio of logs)",
      depends_on=("unified.lemma3", "unified.eq5", "unified.step_lemma4_gb", "unified.step_lemma4_h"),
      notes="The proof cites 'Theorem 3' for the geometric domination (as printed). p_beta here is "
            "1-1/(8(1+beta)) (= 15/17 at beta = 1/16), not Lemma 3's 1-7/(8(1-beta)) (= 1/15).")
claim("unified.lemma4.main_text", "Lemma 4 (§3 statement)", "§3 proof sketch",
      "P(tau_1 <= t) >= 1 - exp(-(2p_beta^2/t)(t - i*/p_beta)^2) if t >= (1/(1 - 1/(8(1+beta)))) "
      "ceil(log((M+1)/(2Delta+1))/log(1+beta)).", ("EXACT", "MC"),
      checks=[BoundCheck("exact_small", bound=L4_BOUND, hypothesis=L4_MAIN_HYP, grid=_l4_grid(),
                         quick_grid=_l4_grid((1, 2), 20, [BETA]), **_l4_obs),
              lemma4_dp_check("exact_dp_long", L4_BOUND, L4_MAIN_HYP, L4_DP_T, L4_DP_T_QUICK)],
      params=(P_M, P_DELTA, P_BETA, P_T), constants={"p_beta": p_lemma4()}, constants_kind="explicit",
      variant_of="unified.lemma4",
      notes="p_beta is not defined in §3; the threshold matches p_beta = 1 - 1/(8(1+beta)).")

L4T_P = p_lemma3(BETA)   # 1/15
L4T_BOUND = (1 - sp.exp(-(L4T_P ** 2 / t) * (t - (2 / L4T_P) * istar(BETA)) ** 2)).subs(beta, BETA)
L4T_HYP_STATED = t >= (1 / L4T_P) * istar(BETA)
L4T_HYP_L4 = t / 2 >= istar(BETA) / L4T_P


def _l4t_grid(Ms=(1, 2, 3), n=6):
    def g():
        for m in Ms:
            for d in range(m):
                i = rx.closed_form_istar(m, d, Fraction(1, 16))
                base = 15 * i
                for k in range(n):
                    yield {"M": m, "Delta": d, "t": max(1, base + k * max(1, i) * 5)}
    return g


claim("unified.lemma4.as_used_in_thm4", "Lemma 4 at time t/2 with p_beta = 1/15", "App. A proof of Thm 4",
      "P(tau_1 <= t/2) >= 1 - exp(-(p_beta^2/t)(t - (2/p_beta) ceil(log((M+1)/(2Delta+1))/log(1+beta)))^2), "
      "beta = 1/16, p_beta = 1 - 7/(8(1-beta)) = 1/15; stated assumption t >= (1/p_beta) ceil(.).",
      ("EXACT", "MC", "SYM"),
      checks=[BoundCheck("stated_hypothesis", bound=L4T_BOUND, hypothesis=L4T_HYP_STATED,
                         observable="rssp.tau1_event", args={"delta": Delta, "t": sp.floor(t / 2)},
                         relation=">=", grid=_l4t_grid(), quick_grid=_l4t_grid((1,), 3),
                         doc="exact P(tau1 <= floor(t/2)) vs RHS at the stated assumption t >= 15 i*"),
              lemma4_dp_check("exact_dp_stated_hypothesis", L4T_BOUND, L4T_HYP_STATED,
                              {1: 800, 2: 120, 3: 120}, {1: 400}, half=True, betas=[BETA]),
              lemma4_dp_check("exact_dp_lemma4_hypothesis_at_t_over_2", L4T_BOUND, L4T_HYP_L4,
                              {1: 800, 2: 120, 3: 120}, {1: 400}, half=True, betas=[BETA])],
      params=(P_M, P_DELTA, P_T), constants={"beta": BETA, "p_beta": L4T_P}, constants_kind="explicit",
      variant_of="unified.lemma4", log_base="irrelevant",
      notes="Uses Lemma 3's p_beta (1/15) in Lemma 4's form; odd t uses floor(t/2). The SYM parts "
            "(substitution t -> t/2, hypotheses) are attached by bounds/unified/proof_steps.py "
            "(checks substitution_t_over_2, stated_assumption_vs_lemma4_hypothesis, "
            "lemma4_hypothesis_implies_stated).")


# ============================================================================ Theorems 2 / 4, Eq. (7)

THM_BOUND = 1 - 2 * sp.exp(-(t - CPRIME * L_D) ** 2 / (KAPPA * t))
THM_HYP = t >= CPRIME * L_D
EQ7_ISTAR = istar(BETA)
EQ7_BOUND = (1 - sp.exp(-(t - 30 * EQ7_ISTAR) ** 2 / (KAPPA * t))
             - sp.Rational(7, 8) ** (t / 2) / (2 * M + 1 - Delta))
EQ7_HYP = t >= 15 * EQ7_ISTAR
EQ7_GENERAL = (1 - sp.exp(-(p_lemma3(BETA) ** 2 / t) * (t - (2 / p_lemma3(BETA)) * istar(BETA)) ** 2)
               - sp.Rational(7, 8) ** (t / 2) / (2 * M + 1 - Delta))

THM_PAIRS = [(1, 0), (2, 0), (2, 1), (3, 0), (3, 1), (4, 0), (4, 1), (5, 0), (5, 2), (6, 0), (6, 1)]
AMP_T0 = {1: 60, 2: 60, 3: 50, 4: 40, 5: 24, 6: 18}


def _first_t(a: float, y: float, kap: float = 225.0) -> int:
    """Smallest real t >= a with 1 - 2 exp(-(t-a)^2/(kap t)) >= y (float, for grid choice only)."""
    c = math.log(2 / (1 - y))
    return int(math.ceil(a + (kap * c + math.sqrt(kap * kap * c * c + 4 * a * kap * c)) / 2))


def thm_points(m: int, d: int) -> dict:
    """Interesting times for Thm 2/4 at (M, Delta): hypothesis boundary, first t with RHS >= 0,
    >= 0.99, >= 0.9999 (float estimates, refined later by exact evaluation)."""
    a = 60 * math.log((m + 1) / (d + 1)) / math.log(17 / 16)
    return {"t_hyp": int(math.ceil(a)), "t_rhs>=0": _first_t(a, 0.0), "t_rhs>=0.99": _first_t(a, 0.99),
            "t_rhs>=0.9999": _first_t(a, 0.9999)}


_Q_CACHE: dict = {}


def tau_failure_table(m: int, d: int, T0: int) -> tuple:
    """(t0, q0) minimising q0^(1/t0) over t0 <= T0 with q0 = P(tau > t0) exact (DP)."""
    key = (m, d, T0)
    if key not in _Q_CACHE:
        law = _tau_law(m, d, T0)
        best = None
        for t0 in range(1, T0 + 1):
            q = 1 - law[t0]
            if q == 0:
                best = (t0, Fraction(0))
                break
            score = math.log(q.numerator) - math.log(q.denominator)
            if best is None or score / t0 < best[2]:
                best = (t0, q, score / t0)
        _Q_CACHE[key] = best[:2]
    return _Q_CACHE[key]


def amplified_check(name, bound, hyp, label, pairs=THM_PAIRS, quick_pairs=((1, 0), (2, 0)), doc=""):
    """Rigorous lower bound on P(tau <= t) (exact q0 = P(tau > t0) from the DP, amplified over
    floor(t/t0) disjoint blocks) vs the bound, at the times where the bound becomes non-vacuous."""
    def grid(prs):
        return lambda: [{"M": m, "Delta": d, "log_base": b} for m, d in prs for b in BASES]

    def compute(ctx):
        m, d = int(ctx["M"]), int(ctx["Delta"])
        t0, q0 = tau_failure_table(m, d, AMP_T0.get(m, 12))
        pts = thm_points(m, d)
        times = sorted({pts["t_hyp"], pts["t_rhs>=0"], pts["t_rhs>=0.99"], pts["t_rhs>=0.9999"],
                        2 * pts["t_rhs>=0.99"], 10 * pts["t_rhs>=0.99"]})
        out = []
        # q0 rounded up to 64 bits keeps the numbers small (still a rigorous upper bound)
        q_up = Fraction(-((-q0.numerator << 64) // q0.denominator), 1 << 64) if q0 else Fraction(0)
        for tt in times:
            env = {"M": m, "Delta": d, "t": tt, "log_base": ctx["log_base"]}
            lower = 1 - q_up ** (tt // t0)
            c = _bound_cmp(ctx, lower, bound, hyp, label, env,
                           {"t0": t0, "P(tau > t0) exact": float(q0), "blocks": tt // t0,
                            "what": "rigorous lower bound 1 - P(tau > t0)^floor(t/t0)",
                            **{k: v for k, v in pts.items()}})
            if c is not None:
                out.append(c)
        return out
    return ComputedCheck(name, compute, grid(pairs), quick_grid=grid(quick_pairs), doc=doc)


def _thm_small_grid(Ms=(1, 2, 3), T=30):
    return lambda: [{"M": m, "Delta": d, "t": tt, "log_base": b} for m in Ms for d in range(m + 1)
                    for tt in range(1, T + 1, 3) for b in BASES]


FRONTIER_T = {1: 200, 2: 60, 3: 40}
FRONTIER_T_QUICK = {1: 60, 2: 30}
FRONTIER_C = ("0", "1/2", "1", "2", "4", "Cprime")


def _tau_laws(m: int, d: int, T: int) -> list:
    """[P(tau <= t) for t = 0..T], exact (closed form for M = 1, else one memoised DP pass)."""
    return list(_tau_law(m, d, T)) if m == 1 and d == 0 else \
        [exact_observable("rssp.tau_event", M=m, t=tt, delta=d) for tt in range(T + 1)]


@functools.lru_cache(maxsize=4)
def _frontier_data(ln_base: bool, quick: bool) -> tuple:
    """(M, Delta, t, L, ln(2/(1 - P))) at every exact point with L > 0 and P = P(tau <= t) < 1
    (mpmath, 60 digits: 1 - P may be far below the float range)."""
    import mpmath
    out = []
    with mpmath.workdps(60):
        ln_b = mpmath.mpf(1) if ln_base else mpmath.log(2)
        for m, T in (FRONTIER_T_QUICK if quick else FRONTIER_T).items():
            for d in range(m):
                L = mpmath.log(mpmath.mpf(m + 1) / (d + 1)) / ln_b
                for tt, P in enumerate(_tau_laws(m, d, T)):
                    if tt >= 1 and P < 1:
                        q = 1 - Fraction(P)
                        out.append((m, d, tt, L, mpmath.log(2 * mpmath.mpf(q.denominator) / q.numerator)))
    return tuple(out)


def constants_frontier(ctx):
    """Theorem 2 with existential (C, kappa): the data decide nothing (a large kappa always works),
    so the smallest constants consistent with the exact P(tau <= t) are reported (claims.md: "fit
    the smallest (C, kappa)"). At a point with L = log((M+1)/(Delta+1)) > 0, t >= C L and P < 1,
    P >= 1 - 2 exp(-(t - C L)^2/(kappa t)) <=> kappa >= (t - C L)^2 / (t ln(2/(1-P))): the smallest
    kappa for a given C is the max of that closed form over the grid (no search), and for a given
    kappa the smallest C is max (t - sqrt(kappa t ln(2/(1-P))))/L (0 if negative)."""
    import mpmath
    ln_base = ctx["log_base"] == sp.E
    data = _frontier_data(ln_base, bool(ctx.get("quick")))
    cval = ctx["C"]
    with mpmath.workdps(60):
        if cval == "Cprime":   # C' = 60/log(17/16) in the same base as L
            Cv = 60 / (mpmath.log(mpmath.mpf(17) / 16) / (1 if ln_base else mpmath.log(2)))
        else:
            q = Fraction(cval)
            Cv = mpmath.mpf(q.numerator) / q.denominator
        inside = [(m, d, tt, L, lam) for m, d, tt, L, lam in data if tt - Cv * L > 0]
        best, where = max((((tt - Cv * L) ** 2 / (tt * lam), {"M": m, "Delta": d, "t": tt})
                           for m, d, tt, L, lam in inside), key=lambda r: r[0], default=(None, None))
        cmin, cwhere = max((((tt - mpmath.sqrt(225 * tt * lam)) / L, {"M": m, "Delta": d, "t": tt})
                            for m, d, tt, L, lam in data), key=lambda r: r[0], default=(None, None))
    info = {"points": len(data), "points_in_hypothesis": len(inside), "argmax": where,
            "grid": {str(mm): f"Delta < M, t <= {T}" for mm, T in
                     (FRONTIER_T_QUICK if ctx.get("quick") else FRONTIER_T).items()}}
    yield Comparison({"C": cval}, None if best is None else float(best), 225, "report", kind="real",
                     label=f"smallest kappa consistent with the exact data for C = {cval} (log base "
                           f"{'e' if ln_base else 2}), next to the paper's kappa = 225"
                           + ("; no tested point satisfies t >= C L" if best is None else ""),
                     info=info)
    if cval == "0":
        yield Comparison({"C": "smallest for kappa = 225"}, max(0.0, float(cmin)), 0, "report",
                         kind="real", info={"argmax": cwhere, "points": len(data)},
                         label="smallest C consistent with the exact data when kappa = 225 (0: with "
                               "kappa = 225 the bound holds with any C >= 0 on the grid)")


def existential_check(name="existential_constants"):
    grid = lambda: [{"C": c, "log_base": b} for c in FRONTIER_C for b in BASES]
    return ComputedCheck(name, constants_frontier, grid,
                         quick_grid=lambda: [{"C": c, "log_base": sp.E, "quick": 1}
                                             for c in ("0", "1", "Cprime")],
                         doc="frontier of the smallest (C, kappa) consistent with exact P(tau <= t), "
                             "M <= 3 (closed form up to t = 200 for M = 1); measured, not judged: "
                             "an existential statement is never refuted by finitely many points")


def _thm_checks():
    return [
        amplified_check("explicit_constants_amplified_exact", THM_BOUND, THM_HYP,
                        "P(tau <= t) >= 1 - P(tau > t0)^floor(t/t0) >= RHS(kappa=225, C'=60/log(17/16))"),
        BoundCheck("explicit_constants_exact_small", observable="rssp.tau_event", bound=THM_BOUND,
                   hypothesis=THM_HYP, relation=">=", args={"delta": Delta},
                   grid=_thm_small_grid(), quick_grid=_thm_small_grid((1, 2), 12),
                   doc="t <= 30: the hypothesis t >= C' L fails except when L = 0 (Delta = M)"),
    ]


claim("unified.thm2", "Theorem 2 (discrete RSSP, main text)", "§3 Theorem 2",
      "Let Delta in {0..M}. There exist constants C > 0 and kappa > 0 such that for every t >= "
      "C log((M+1)/(Delta+1)), it holds that P(tau <= t) >= 1 - 2 exp[-(1/(kappa t))(t - C "
      "log((M+1)/(Delta+1)))^2].", ("EXACT", "MC"),
      checks=[existential_check()] + _thm_checks(),
      params=(P_M, P_DELTA, P_T, P_LOGB), constants={"C": "existential (explicit in Thm 4: 60/log(17/16))",
                                                     "kappa": "existential (explicit in Thm 4: 225)"},
      constants_kind="existential", log_base=LOG_NOTE,
      depends_on=("unified.lemma2", "unified.lemma3", "unified.lemma4", "unified.lemma5",
                  "unified.lemma6", "unified.thm4"),
      notes="Explicit run with kappa = 225, C = 60/log(17/16) (~989.70 with ln). For t beyond exact "
            "reach, P(tau <= t) >= 1 - P(tau > t0)^floor(t/t0) (disjoint blocks; rigorous).")
claim("unified.thm4", "Theorem 4 (App. A statement)", "App. A Theorem 4",
      "Let Delta in {0..M}. There exist constants C' > 0 and kappa > 0 such that for every t >= C' "
      "log((M+1)/(Delta+1)), P(tau <= t) >= 1 - 2 exp[-(1/(kappa t))(t - C' log((M+1)/(Delta+1)))^2]. "
      "Proof ends: kappa = 15^2 and C' = 60/log(17/16).", ("EXACT", "MC"),
      checks=_thm_checks(), params=(P_M, P_DELTA, P_T, P_LOGB),
      constants={"kappa": KAPPA, "Cprime": CPRIME_LN, "beta": BETA, "p_beta": p_lemma3(BETA)},
      constants_kind="explicit", log_base=LOG_NOTE, variant_of="unified.thm2",
      depends_on=("unified.lemma4.as_used_in_thm4", "unified.lemma6", "unified.step_thm4_union",
                  "unified.step_thm4_e1", "unified.step_thm4_e2", "unified.step_thm4_e3",
                  "unified.step_thm4_comb"))


def _eq7_grid(Ms=(1, 2, 3)):
    def g():
        for m in Ms:
            for d in range(m):
                i = rx.closed_form_istar(m, d, Fraction(1, 16))
                for k in (0, 1, 2, 4):
                    yield {"M": m, "Delta": d, "t": 15 * max(i, 1) * (1 + k)}
    return g


def eq7_amplified(name):
    def grid(prs):
        return lambda: [{"M": m, "Delta": d} for m, d in prs if d < m]

    def compute(ctx):
        m, d = int(ctx["M"]), int(ctx["Delta"])
        t0, q0 = tau_failure_table(m, d, AMP_T0.get(m, 12))
        i = rx.closed_form_istar(m, d, Fraction(1, 16))
        out = []
        q_up = Fraction(-((-q0.numerator << 64) // q0.denominator), 1 << 64) if q0 else Fraction(0)
        for k in (1, 2, 3, 4, 6, 8, 16):
            tt = 15 * max(i, 1) * k
            env = {"M": m, "Delta": d, "t": tt}
            c = _bound_cmp(ctx, 1 - q_up ** (tt // t0), EQ7_BOUND, EQ7_HYP,
                           "rigorous lower bound 1 - P(tau > t0)^floor(t/t0) >= Eq. (7) RHS", env,
                           {"t0": t0, "P(tau > t0)": float(q0), "i_star": i})
            if c is not None:
                out.append(c)
        return out
    return ComputedCheck(name, compute, grid(THM_PAIRS), quick_grid=grid(((1, 0), (2, 0))))


def eq7_first_inequality_checks():
    """Eq. (7)'s first inequality against the true P(tau <= t): exact on small grids, and the rigorous
    amplified lower bound for large t (shared by `unified.eq7` and its §3 variant; the exact values
    are memoised by exact/rssp, so the variant does not recompute them)."""
    return [BoundCheck("first_inequality_exact", observable="rssp.tau_event", bound=EQ7_BOUND,
                       hypothesis=EQ7_HYP, relation=">=", args={"delta": Delta}, grid=_eq7_grid(),
                       quick_grid=_eq7_grid((1,))),
            eq7_amplified("first_inequality_amplified_exact")]


claim("unified.eq7", "Eq. (7) (full display)", "App. A Eq. (7)",
      "P(tau <= t) >= 1 - exp(-(p_beta^2/t)(t - (2/p_beta) ceil(log((M+1)/(2Delta+1))/log(1+beta)))^2) "
      "- (1/(2M+1-Delta))(7/8)^{t/2} = 1 - exp(-(1/(15^2 t))(t - 30 ceil(log((M+1)/(2Delta+1))/"
      "log(17/16)))^2) - (1/(2M+1-Delta))(7/8)^{t/2}.", ("SYM", "EXACT", "MC"),
      checks=eq7_first_inequality_checks(),
      params=(P_M, P_DELTA, P_T), constants={"beta": BETA, "p_beta": p_lemma3(BETA), "kappa": KAPPA},
      constants_kind="explicit", log_base="irrelevant for the ratio of logs; (7/8)^{t/2} exact",
      depends_on=("unified.lemma4.as_used_in_thm4", "unified.lemma6", "unified.step_thm4_union"),
      notes="Ceiling brackets printed partly as square brackets; read as ceilings. Hypothesis used: "
            "t >= (1/p_beta) ceil(.) = 15 i* (the proof's assumption). The SYM equality is attached "
            "by bounds/unified/proof_steps.py (check equality_with_p_beta_1_15).")
claim("unified.eq7.main_text", "Proof-sketch chain (§3)", "§3 end of proof sketch",
      "P(tau <= t) = P(tau_1 + tau_2 <= t) >= 1 - exp(-(1/(15^2 t))(t - 30 ceil(log((M+1)/(2Delta+1))/"
      "log(17/16)))^2) - (1/(2M+1-Delta))(7/8)^{t/2} >= 1 - 2exp[-(1/(kappa t))(t - C' "
      "log((M+1)/(Delta+1)))^2].", ("EXACT", "MC", "CERT"),
      checks=eq7_first_inequality_checks(),
      params=(P_M, P_DELTA, P_T), constants={"kappa": KAPPA, "Cprime": CPRIME_LN},
      constants_kind="explicit", log_base=LOG_NOTE, variant_of="unified.eq7",
      depends_on=("unified.lemma4.as_used_in_thm4", "unified.lemma6", "unified.step_thm4_union"),
      notes="The first equality P(tau<=t) = P(tau1+tau2<=t) fails under the formula reading of tau2 "
            "(see unified.def8). Second inequality: attached by bounds/unified/proof_steps.py "
            "(second_inequality_exhaustive + monotonicity checks) on t >= C'L and "
            "t >= C' log((M+1)/(2Delta+1)).")


# ============================================================================ Lemma 2 family (per state)

L2_STMT = "E(v_{t+1} | X_1..X_t) >= v_t + (v_t/4)(1 - v_t/(2M))"
_l2_doc = "exact E[v_{t+1} | state] over every reachable state; min slack per (M, Delta, t)"
claim("unified.lemma2", "Lemma 2 (drift of v_t)", "App. A Lemma 2",
      "For all 0 <= t <= n, it holds that " + L2_STMT + ".", ("EXACT",),
      checks=perstate_check("per_state", ps.lemma2, "E[v'] - v - v/4(1 - v/2M)", doc=_l2_doc),
      params=(P_M, P_DELTA, P_T), constants={"1/4": sp.Rational(1, 4), "2M": "2M"},
      constants_kind="explicit", depends_on=("unified.eq1",),
      notes="n is not otherwise defined here. Info: minimising state and min ratio (E v' - v)/(v/4(1-v/2M)).")
claim("unified.eq2", "Eq. (2) (= Lemma 2, main text)", "§3 Eq. (2)",
      L2_STMT + ". (This is explicitly shown in Lemma 2, Appendix A.)", ("EXACT",),
      checks=perstate_check("per_state", ps.lemma2, "E[v'] - v - v/4(1 - v/2M)", doc=_l2_doc),
      params=(P_M, P_DELTA, P_T), constants_kind="explicit", variant_of="unified.lemma2",
      depends_on=("unified.eq1",))
claim("unified.lemma2.main_text", "Lemma 2 as stated in §3 (Eq. (2))", "§3 Eq. (2)",
      L2_STMT + ".", ("EXACT",),
      checks=perstate_check("per_state", ps.lemma2, "E[v'] - v - v/4(1 - v/2M)", doc=_l2_doc),
      params=(P_M, P_DELTA, P_T), constants_kind="explicit", variant_of="unified.lemma2")


def _step2a(tab, mask):
    return ps.step_lemma2_a(tab)


def _identity_check(name, fn, label):
    def compute(ctx):
        m, info = fn(_table(ctx), None)
        return _cmp(ctx, m, label, info, rhs=0, relation="==")

    def compute_seq(ctx):
        tab, xs = _seq_table(ctx)
        m, info = fn(tab, None)
        return _cmp(ctx, m, label, dict(info, sequence_head=xs[:8]), rhs=0, relation="==")
    return [ComputedCheck(name, compute, _state_grid(PERSTATE_T), quick_grid=_state_grid(QUICK_T)),
            ComputedCheck(name + "_sequences", compute_seq, _seq_grid(),
                          quick_grid=_seq_grid(Ms=(100,), length=10, deltas=(0,)))]


claim("unified.step_lemma2_a", "Lemma 2 proof: exact expansion", "App. A proof of Lemma 2",
      "E(v_{t+1} | X_1..X_t) = v_t + (1/(2M+1)) sum_{i=-M}^{M} (1 - f_t(i)) sum_{k=i-M}^{i+M} f_t(k).",
      ("EXACT",), checks=_identity_check("identity", _step2a,
                                         "max over states of |E[v'] - expansion| (must be 0)"),
      params=(P_M, P_DELTA, P_T), depends_on=("unified.eq1",))


def _half_points(tm):
    """Per-state grid of Lemma 2's proof steps: M/2 as is for even M, floor and ceil for odd M."""
    def g():
        for m, T in tm.items():
            for reading in (("exact",) if m % 2 == 0 else ("floor", "ceil")):
                for d in range(m + 1):
                    for tt in range(T + 1):
                        yield {"M": m, "Delta": d, "t": tt, "half": reading}
    return g


def _step2b_check():
    def compute(ctx):
        h = ps.half_widths(int(ctx["M"]), ctx["half"])
        res = ps.step_lemma2_b(_table(ctx), h)
        out = []
        for key, lab in (("restriction_every_mu", "min over states and every mu of (2M+1)(E[v'] - v) - gap(mu) mass(mu)"),
                         ("restriction_some_mu", "min over states of max over mu of (2M+1)(E[v'] - v) - gap(mu) mass(mu)"),
                         ("mu_star_exists", "min over states of max_mu mass(mu) - v/2")):
            val, info = res[key]
            out.append(Comparison({**_params(ctx), "inequality": key}, val, 0, ">=", label=lab,
                                  info=dict(info, half_width=h)))
        return out
    return ComputedCheck("per_state", compute, _half_points(PERSTATE_T), quick_grid=_half_points(QUICK_T),
                         doc="each inequality separately; odd M: floor and ceil of M/2")


claim("unified.step_lemma2_b", "Lemma 2 proof: window restriction", "App. A proof of Lemma 2",
      "E(v_{t+1}|.) >= v_t + (1/(2M+1)) sum_{i=-M/2+mu}^{M/2+mu}((1-f_t(i)) sum_{k=-M/2+mu}^{M/2+mu} f_t(k)) "
      "for some mu in {-M/2..M/2} (by range restriction); and exists mu* in {-M/2..M/2} with "
      "sum_{k=-M/2+mu*}^{M/2+mu*} f_t(k) >= v_t/2.", ("EXACT",), checks=[_step2b_check()],
      params=(P_M, P_DELTA, P_T), depends_on=("unified.step_lemma2_a",),
      notes="M/2 is not an integer for odd M: tested with floor and ceil (param 'half').")


def _step2c_check():
    def compute(ctx):
        h = ps.half_widths(int(ctx["M"]), ctx["half"])
        res = ps.step_lemma2_c(_table(ctx), h)
        out = []
        for key, rhs, rel, lab in (
                ("ineq1_argmax_mu", 0, ">=", "min over states of E[v'] - (v + (1/2M)(v/2) gap(mu*)), mu* = argmax mass"),
                ("ineq2_argmax_mu", 0, ">=", "min over states of (v + (1/2M)(v/2) gap(mu*)) - (v + v/4(1 - v/2M))"),
                ("some_admissible_mu_makes_both_hold", 1, "==",
                 "fraction of states for which some mu with mass >= v/2 satisfies both inequalities")):
            val, info = res[key]
            out.append(Comparison({**_params(ctx), "inequality": key}, val, rhs, rel, label=lab,
                                  info=dict(info, half_width=h)))
        return out
    return ComputedCheck("per_state", compute, _half_points(PERSTATE_T), quick_grid=_half_points(QUICK_T),
                         doc="middle expression with mu* maximising the window mass (worst tie)")


claim("unified.step_lemma2_c", "Lemma 2 proof: last two inequalities", "App. A proof of Lemma 2",
      "E(v_{t+1}|.) >= v_t + (1/(2M))(v_t/2) sum_{i=-M/2+mu*}^{M/2+mu*}(1 - f_t(i)) >= v_t + "
      "(v_t/4)(1 - v_t/(2M)).", ("EXACT",), checks=[_step2c_check()], params=(P_M, P_DELTA, P_T),
      depends_on=("unified.step_lemma2_b",))


# ============================================================================ Lemma 3 family

LEMMA3_SETS = ("v<=M+1", "v<=M+1_or_t=tau1")


def _lemma3_min(m: int, d: int, b: Fraction, T: int, which: str):
    """min over reachable states (times 0..T) in ``which`` of P(v_t+1 >= (1+beta) v_t | state)."""
    best = None
    for tt in range(T + 1):
        tab = rx.level_table(m, tt, d, T)
        mask = _masks(tab, which)
        if not mask.any():
            continue
        val, info = ps.lemma3_prob(tab, b, mask)
        if best is None or val < best[0]:
            best = (val, info)
    return best


def _lemma3_check(rhs_fn, label, sets=LEMMA3_SETS):
    """Per-state Lemma 3 checks on the state sets ``sets`` (verdicts). The App. A statement
    quantifies 'for all integers 0 <= t < tau_1', so only ``v<=M+1`` is a reading of it; the
    states with t = tau_1 (admitted by the conditioning 't <= tau_1' alone, as in the §3 variant)
    are then reported in the info, not compared."""
    extra = [w for w in LEMMA3_SETS if w not in sets]

    def points(tm, betas):
        return lambda: [{"M": m, "Delta": d, "beta": b, "states": s} for m in tm for d in range(m + 1)
                        for b in betas for s in sets]

    def _info_other(m, d, b, T):
        out = {}
        for w in extra:
            other = _lemma3_min(m, d, b, T, w)
            if other is not None:
                out[f"not compared: min over states {w} (excluded by 0 <= t < tau_1)"] = str(other[0])
        return out

    def compute(ctx):
        m, d, b = int(ctx["M"]), int(ctx["Delta"]), Fraction(ctx["beta"])
        T = PERSTATE_T.get(m, 6)
        best = _lemma3_min(m, d, b, T, ctx["states"])
        if best is None:
            return []
        rhs = evaluate(rhs_fn(sp.Rational(b.numerator, b.denominator)), {})
        return [Comparison(_params(ctx), best[0], rhs, ">=", kind="probability",
                           label=f"min over reachable states (t <= {T}) of P(v_t+1 >= (1+beta) v_t | state) "
                                 f"vs {label}", info={**best[1], **_info_other(m, d, b, T)})]

    def compute_fine(ctx):
        m, d = int(ctx["M"]), int(ctx["Delta"])
        T = PERSTATE_T.get(m, 6)
        worst = None
        for k in range(1, 20):
            b = Fraction(k, 160)
            rhs = Fraction(evaluate(rhs_fn(sp.Rational(k, 160)), {}))
            best = _lemma3_min(m, d, b, T, ctx["states"])
            if best is not None and (worst is None or best[0] - rhs < worst[0]):
                worst = (best[0] - rhs, dict(best[1], beta=str(b), min_probability=str(best[0]),
                                             rhs=str(rhs)))
        if worst is None:
            return []
        return [Comparison(_params(ctx), worst[0], 0, ">=", label="min over beta = k/160 (k=1..19) and "
                           "states of P(v_t+1 >= (1+beta)v_t | state) - RHS(beta)", info=worst[1])]

    named = ComputedCheck("per_state_named_betas", compute, points(PERSTATE_T, BETAS),
                          quick_grid=points(QUICK_T, [BETA]))
    fine = ComputedCheck("per_state_fine_beta_grid", compute_fine,
                         lambda: [{"M": m, "Delta": d, "states": s} for m in PERSTATE_T for d in range(m + 1)
                                  for s in sets],
                         quick_grid=lambda: [{"M": 2, "Delta": 0, "states": "v<=M+1"}])
    return [named, fine]


claim("unified.lemma3", "Lemma 3 (geometric growth before tau_1, App. A)", "App. A Lemma 3",
      "Given beta in (0,1/8), let p_beta = 1 - 7/(8(1-beta)). For all integers 0 <= t < tau_1 it holds "
      "that P(v_{t+1} >= v_t(1+beta) | X_1..X_t, t <= tau_1) >= p_beta.", ("EXACT",),
      checks=_lemma3_check(p_lemma3, "p_beta = 1 - 7/(8(1-beta))", sets=("v<=M+1",)),
      params=(P_M, P_DELTA, P_BETA, P_T), constants={"p_beta": p_lemma3(), "p_beta(1/16)": p_lemma3(BETA)},
      constants_kind="explicit", depends_on=("unified.lemma2", "unified.step_lemma3_rm"),
      notes="Conditioning mixes t < tau_1 and t <= tau_1. The quantifier 'for all integers 0 <= t < "
            "tau_1' excludes t = tau_1, so the verdict is on the states with v_t <= M+1 (t < tau_1); "
            "the minimum over the states with t = tau_1 is reported in the info only (there v_t can be "
            "2M+1 and the probability 0). The §3 variant, which has no such quantifier, compares both "
            "state sets.")
claim("unified.lemma3.main_text", "Lemma 3 (§3 statement)", "§3 proof sketch",
      "P(v_{t+1} >= v_t(1+beta) | X_1..X_t, t <= tau_1) >= 1 - 7/(8(1+beta)), for any beta in (0,1/8).",
      ("EXACT",), checks=_lemma3_check(p_lemma3_main, "1 - 7/(8(1+beta))"),
      params=(P_M, P_DELTA, P_BETA, P_T), constants={"rhs": p_lemma3_main(), "rhs(1/16)": p_lemma3_main(BETA)},
      constants_kind="explicit", variant_of="unified.lemma3")


def _tilde_check():
    keys = (("v_next_minus_tilde", "min over states and x of v_{t+1} - ṽ (restricted reading)"),
            ("2v_minus_tilde", "min over states and x of 2 v_t - ṽ (restricted reading)"),
            ("2v_minus_v_next_literal", "min over states and x of 2 v_t - ṽ (literal reading: ṽ = v_{t+1})"),
            ("E_tilde_minus_lemma2_rhs", "min over states of E[ṽ] - (v + v/4(1 - v/2M))"))

    def emit(ctx, tab, extra=None):
        res = ps.tilde_checks(tab)
        return [Comparison({**_params(ctx), "inequality": k}, res[k][0], 0, ">=", label=lab,
                           info=dict(res[k][1], **(extra or {}))) for k, lab in keys]

    def compute(ctx):
        return emit(ctx, _table(ctx))

    def compute_seq(ctx):
        tab, xs = _seq_table(ctx)
        return emit(ctx, tab, {"sequence_head": xs[:8]})
    return [ComputedCheck("per_state", compute, _state_grid(PERSTATE_T), quick_grid=_state_grid(QUICK_T)),
            ComputedCheck("per_state_sequences", compute_seq, _seq_grid(),
                          quick_grid=_seq_grid(Ms=(100,), length=10, deltas=(0,)))]


claim("unified.step_lemma3_tilde", "Lemma 3 proof: auxiliary process ṽ", "App. A proof of Lemma 3",
      "ṽ = sum_{i=-M}^{M}(f_t(i) + (1-f_t(i)) f_t(i - X_{t+1})) I_{-M..M}. Clearly ṽ <= v_{t+1} and "
      "ṽ <= 2v_t. The bound in Lemma 2 also holds for ṽ.", ("EXACT",), checks=_tilde_check(),
      params=(P_M, P_DELTA, P_T), depends_on=("unified.lemma2",),
      notes="Restricted reading: the indicator applies to i - X_{t+1} in {-M..M} (only coverage coming "
            "from inside the window counts). Literal reading (indicator on i, already in range): ṽ = v_{t+1}.")


def _rm_compute(ctx):
    """Reverse Markov on random finite distributions with rational atoms in [0, b]."""
    rng = random.Random(ctx.seed % 2**31)
    worst, where, n = None, None, 0
    for _ in range(int(ctx["cases"])):
        k = rng.randint(1, 6)
        b = Fraction(rng.randint(1, 20))
        xs = [Fraction(rng.randint(0, 40), 2) * b / 20 for _ in range(k)]
        ws = [rng.randint(1, 9) for _ in range(k)]
        tot = sum(ws)
        ps_ = [Fraction(w, tot) for w in ws]
        E = sum(p * x for p, x in zip(ps_, xs))
        for _ in range(4):
            a = E * Fraction(rng.randint(0, 100), 100)
            if a >= b:
                continue
            lhs = sum(p for p, x in zip(ps_, xs) if x >= a)
            rhs = (E - a) / (b - a)
            n += 1
            if worst is None or lhs - rhs < worst:
                worst, where = lhs - rhs, {"atoms": [str(x) for x in xs], "probs": [str(p) for p in ps_],
                                           "a": str(a), "b": str(b)}
    return _cmp(ctx, worst, "min over random finite distributions of P(X >= a) - (E X - a)/(b - a)",
                {"instances": n, "worst": where})


claim("unified.step_lemma3_rm", "Reverse Markov inequality", "App. A proof of Lemma 3",
      "for any random variable X such that 0 <= X <= b and 0 <= a <= E[X], we have P(X >= a) >= "
      "(E[X] - a)/(b - a).", ("SYM", "EXACT"),
      checks=[ComputedCheck("random_distributions", _rm_compute, {"cases": [400]}, quick_grid={"cases": [50]})],
      params=(Param("a", "real", 0), Param("b", "real", 0)),
      notes="SYM part attached by bounds/unified/proof_steps.py (slack_identity, divide_by_b_minus_a); "
            "EXACT here on random rational distributions (a < b).")


def _as_used_l3(ctx):
    tab = _table(ctx)
    mask = tab.v <= tab.M + 1
    if not mask.any():
        return []
    out = []
    for tilde, lab in ((False, "E[v_{t+1}|state] - 9/8 v_t"), (True, "E[ṽ|state] - 9/8 v_t")):
        val, info = ps.nine_eighths(tab, mask, tilde)
        out.append(Comparison({**_params(ctx), "quantity": "tilde" if tilde else "v_next"}, val, 0, ">=",
                              label=f"min over states with v_t <= M+1 of {lab}", info=info))
    return out


claim("unified.lemma2.as_used_in_lemma3", "Lemma 3 proof chain (9/8 input)", "App. A proof of Lemma 3",
      "P(ṽ >= v_t(1+beta)|.) >= (E[v_t|X_1..X_t, t<=tau_1] - v_t(1-beta))/(2v_t - v_t(1-beta)) >= "
      "((9/8)v_t - v_t(1+beta))/(2v_t - v_t(1+beta)) = (9/8 - (1+beta))/(1-beta) = 1 - 7/(8(1-beta)); "
      "implicit input: E[ṽ|.] >= (9/8) v_t for t < tau_1.", ("SYM", "EXACT"),
      checks=[ComputedCheck("nine_eighths_per_state", _as_used_l3, _state_grid(PERSTATE_T),
                            quick_grid=_state_grid(QUICK_T))],
      params=(P_M, P_DELTA, P_T), variant_of="unified.lemma2",
      notes="SYM parts ((i) the two algebraic equalities, (iii) Lemma 2 => 9/8 iff v <= M) attached "
            "by bounds/unified/proof_steps.py (equality_1, equality_2, "
            "lemma2_gives_nine_eighths_iff_v_le_M). Note the chain's denominators: 2v_t - v_t(1-beta) "
            "then 2v_t - v_t(1+beta).")


# ============================================================================ Lemma 5 / Eq. (6)

L5_STMT = "E(w_{t+1} | X_1..X_{t+tau_1}) <= w_t (1 - (1/4)(1 - w_t/(2M+1)))"
claim("unified.lemma5", "Lemma 5 (drift of w_t)", "App. A Lemma 5; §3",
      "For all t >= 0, it holds that " + L5_STMT + ".", ("EXACT",),
      checks=perstate_check("per_state", ps.lemma5, "w(1 - 1/4(1 - w/(2M+1))) - E[w']", which="v>M+1"),
      params=(P_M, P_DELTA, P_T), constants_kind="explicit",
      depends_on=("unified.lemma2.as_used_in_lemma5",),
      notes="States after tau_1 (v > M+1); info gives the max ratio E[w']/rhs over w > 0.")
claim("unified.lemma5.main_text", "Lemma 5 (§3, identical)", "§3 proof sketch",
      L5_STMT + ".", ("EXACT",),
      checks=perstate_check("per_state", ps.lemma5, "w(1 - 1/4(1 - w/(2M+1))) - E[w']", which="v>M+1"),
      params=(P_M, P_DELTA, P_T), variant_of="unified.lemma5")
claim("unified.lemma2.as_used_in_lemma5", "Lemma 2 with denominator 2M+1 (Lemma 5 proof)",
      "App. A proof of Lemma 5, third line",
      "E(v_{t+tau_1+1} | X_1..X_{t+tau_1}) >= v_{t+tau_1}(1 + (1/4)(1 - v_{t+tau_1}/(2M+1))).",
      ("EXACT", "SYM"),
      checks=(perstate_check("all_states", ps.lemma2_denominator_2M1, "E[v'] - v(1 + 1/4(1 - v/(2M+1)))")
              + perstate_check("states_v_gt_M1", ps.lemma2_denominator_2M1,
                               "E[v'] - v(1 + 1/4(1 - v/(2M+1)))", which="v>M+1")),
      params=(P_M, P_DELTA, P_T), variant_of="unified.lemma2",
      notes="Denominator 2M+1 where Lemma 2 has 2M. SYM (does Lemma 2 imply it; the Lemma 5 algebra) "
            "attached by bounds/unified/proof_steps.py (lemma2_implies_2M_plus_1_form, "
            "gap_between_the_two_forms, lemma5_algebra, lemma5_substitution_line).")
claim("unified.eq6", "Eq. (6): E[w_{t+1}] <= 7/8 w_t", "App. A Eq. (6)",
      "Using 2M+1-w_t = v_{t+tau_1} > M+1 to Lemma 5, we get E(w_{t+1} | X_1..X_{t+tau_1}) <= (7/8) w_t.",
      ("SYM", "EXACT"),
      checks=perstate_check("per_state", ps.eq6, "7/8 w - E[w']", which="v>M+1"),
      params=(P_M, P_DELTA, P_T), depends_on=("unified.lemma5",),
      notes="SYM/CERT (w < M => 1 - 1/4(1 - w/(2M+1)) <= 7/8) attached by bounds/unified/proof_steps.py "
            "(w_lt_M_implies_factor_le_7_8).")
