"""`unified` §3 and App. A: the random models, the definitions of the discrete RSSP process, the
recurrence (1), and the claims attached to the definitions (claims.md §1.0, §1.1).

* Eq. (1), f_{t+1}(z) = f_t(z) + (1 - f_t(z)) f_t(z - X_{t+1}): exhaustive over every sequence.
* tau (def4) and its prose claim (claim1): P(v_t >= 2M+1-Delta) against P(v_t = 2M+1).
* tau = tau_1 + tau_2 (def8), path by path, under both readings of tau_2 (``constants.TAU2``): under
  the prose reading it is an identity of the definitions (reported, it cannot fail).
"""
from __future__ import annotations

import itertools
from fractions import Fraction

from ticketcheck.bounds.claim import ComputedCheck, Falsifier
from ticketcheck.bounds.unified.constants import P_DELTA, P_M, P_READING, P_T, TAU2, claim

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
    """Recurrence (1) vs the definition, on every sequence in {-M..M}^t (exhaustive); the shift
    f_t(z - c X_{t+1}) has the statement's coefficient c = 1 (a declared constant)."""
    m, d, tt = int(ctx["M"]), int(ctx["Delta"]), int(ctx["t"])
    c = Fraction(ctx.constant("1 (of z - X_{t+1})"))
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
            rec = ft + (1 - ft) * int((z - c * x) in f_prev)
            total += 1
            if direct != rec:
                mismatches += 1
                if first is None:
                    first = {"sequence": list(seq), "z": z, "definition": direct, "recurrence": rec}
    return [ctx.compare(mismatches, "==", 0, "number of (sequence, z) with recurrence != definition",
                        info={"pairs_checked": total, "first_mismatch": first},
                        lhs_tex=r"\#\{(X_1,\dots,X_t,z): f_{t+1}(z)\ne f_t(z)+(1-f_t(z))f_t(z-X_{t+1})\}",
                        rhs_tex="0")]


claim("unified.eq1", "Recurrence f_{t+1} = f_t + (1-f_t) f_t(. - X_{t+1})", "§3 Eq. (1); App. A",
      "f_{t+1}(z) = f_t(z) + (1 - f_t(z)) f_t(z - X_{t+1}) for all z in Z.", ("EXACT",),
      checks=[ComputedCheck("exhaustive_sequences", _eq1_compute,
                            lambda: [{"M": m, "Delta": d, "t": tt} for m in (1, 2, 3) for d in range(m + 1)
                                     for tt in range(1, {1: 5, 2: 4, 3: 3}[m] + 1)],
                            quick_grid=lambda: [{"M": m, "Delta": d, "t": tt} for m in (1, 2)
                                                for d in range(m + 1) for tt in (1, 2, 3)],
                            constants={"1 (of z - X_{t+1})": 1},
                            falsifiers=(Falsifier.scale("1 (of z - X_{t+1})", 2, doc="f_t(z - 2X_{t+1}) "
                                                        "covers the wrong points from t = 1 on"),))],
      params=(P_M, P_DELTA, P_T), depends_on=("unified.def2",),
      notes="Window z in [-tM-Delta, tM+Delta] (f_t is zero beyond). Identity: must hold exactly.")


# ---------------------------------------------------------------- def4 / claim1

def _def4_compute(ctx, relation="=="):
    m, d, tt = int(ctx["M"]), int(ctx["Delta"]), int(ctx["t"])
    a, ma = ctx.observe("rssp.tau_event", M=m, t=tt, delta=d)
    b, mb = ctx.observe("rssp.all_covered", M=m, t=tt, delta=d)
    if not (isinstance(a, Fraction) and isinstance(b, Fraction)):
        return []
    return [ctx.compare(a, relation, b, "P(v_t >= 2M+1-Delta) == P(v_t = 2M+1)", kind="probability",
                        info={"P_tau_event": str(a), "P_all_covered": str(b), "difference": float(a - b)},
                        lhs_tex=r"\mathbb P(v_t\ge 2M+1-\Delta)", rhs_tex=r"\mathbb P(v_t=2M+1)")]


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
      checks=[ComputedCheck("tau_event_vs_all_covered", _def4_compute, _def4_grid, quick_grid=_def4_quick,
                            falsifiers=(Falsifier.tighten(),))],
      params=(P_M, P_DELTA, P_T), depends_on=("unified.def4",))


# ---------------------------------------------------------------- def8 (tau = tau1 + tau2)

def _def8_compute(ctx):
    from ticketcheck.montecarlo.rssp import rssp_paths
    m, d = int(ctx["M"]), int(ctx["Delta"])
    trials = min(ctx.trials, 4000)
    T = int(ctx["t_max"])
    r = rssp_paths(m, T, d, trials, ctx.seed)
    ok = (r["tau"] >= 0) & (r["tau1"] >= 0)
    out = []
    # under the prose reading tau1 + tau2 = tau is an identity of the definitions (same threshold
    # 2M+1-Delta after tau1): its count is reported, it cannot fail
    for reading, relation in (("formula", "=="), ("prose", "report")):
        t2 = r[f"tau2_{reading}"]
        sel = ok & (t2 >= 0)
        eq = int(((r["tau1"] + t2) == r["tau"])[sel].sum())
        n = int(sel.sum())
        if n == 0:
            continue
        out.append(ctx.compare(n - eq, relation, 0, "number of sample paths with tau1 + tau2 != tau (claim: 0)",
                               params={"reading": reading},
                               info={"paths_compared": n, "equal": eq, "fraction_equal": eq / n,
                                     "trials": trials, "seed": ctx.seed,
                                     "mean_tau": float(r["tau"][sel].mean()),
                                     "mean_tau1_plus_tau2": float((r["tau1"] + t2)[sel].mean())},
                               lhs_tex=r"\#\{\text{paths}: \tau_1+\tau_2\ne\tau\}", rhs_tex="0"))
    return out


claim("unified.def8", "tau = tau_1 + tau_2", "App. A before Theorem 4",
      "Define tau = tau_1 + tau_2, the first time at which the process v_t reaches at least 2M+1-d "
      "[d as printed; Delta expected].", ("MC", "EXACT"),
      checks=[ComputedCheck("paths", _def8_compute,
                            lambda: [{"M": m, "Delta": d, "t_max": 4 * m + 40} for m in (2, 3, 10, 50)
                                     for d in sorted({0, 1, m // 10})],
                            quick_grid=lambda: [{"M": 3, "Delta": d, "t_max": 40} for d in (0, 1)],
                            falsifiers=(Falsifier.tighten(),))],
      readings=(TAU2,),
      params=(P_M, P_DELTA, P_READING), depends_on=("unified.def4", "unified.def5", "unified.def7"),
      notes="Path by path (each path is a concrete sequence, so one unequal path is a counterexample): "
            "the number of unequal paths is compared with 0 exactly under the formula reading of tau2; "
            "under the prose reading tau1 + tau2 = tau by definition (reported).")


