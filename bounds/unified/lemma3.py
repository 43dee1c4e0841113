"""`unified` Lemma 3 (App. A and §3) and the steps of its proof (claims.md §1.1).

Lemma 3: for t < tau_1, P(v_{t+1} >= (1+beta) v_t | state) >= p_beta = 1 - 7/(8(1-beta)); the §3
variant has 1 - 7/(8(1+beta)) and no quantifier excluding t = tau_1. Checked exactly on every
reachable state (M <= 6, t <= 8). The proof: the auxiliary process ṽ (two readings of its
indicator), the reverse Markov inequality (quoted), and the chain with the implicit input
E[ṽ | state] >= (9/8) v_t, which Lemma 2 does not give at v_t = M+1 (a gap: the input itself holds
on every state tested).
"""
from __future__ import annotations

import random
from fractions import Fraction

import sympy as sp

from ticketcheck.bounds.claim import (ComputedCheck, Correction, Falsifier, GapCheck, Inherit, Param,
                                      Reading, SymbolicCheck)
from ticketcheck.bounds.symbols import beta
from ticketcheck.bounds.unified import state_slacks as sl
from ticketcheck.bounds.unified.constants import (BETA, DOMAIN_M_DELTA, P_BETA, P_DELTA, P_M, P_T, claim,
                                                  p_lemma3, p_lemma3_main)
from ticketcheck.bounds.unified.reachable_states import (PERSTATE_T, QUICK_SEQ, QUICK_T, level_table_at,
                                                         seq_grid, sequence_table_at, state_grid,
                                                         state_mask)
from ticketcheck.exact import rssp_extra as rx

BETAS = [sp.Rational(1, 32), sp.Rational(1, 16), sp.Rational(1, 10), sp.Rational(1, 9)]
#: Lemma 3's hypotheses: Delta in {0..M}, beta in (0, 1/8) (the states: t < tau_1, in the checks)
L3_HYP = sp.And(DOMAIN_M_DELTA, beta > 0, beta < sp.Rational(1, 8))
#: a step of Lemma 3's proof that does not involve beta inherits Lemma 3's hypotheses at the beta the
#: paper uses (Theorem 4: beta = 1/16)
INHERIT_L3 = Inherit("unified.lemma3", {"beta": BETA},
                     doc="the step does not involve beta; Lemma 3 is used at beta = 1/16 (Theorem 4)")
LEMMA3_SETS = ("v<=M+1", "v<=M+1_or_t=tau1")
#: p_beta = 1 - c/(1 + s beta): App. A has s = -1, §3 has s = +1; c = 7/8
P_TEX = {-1: r"1-\frac{7}{8(1-\beta)}", 1: r"1-\frac{7}{8(1+\beta)}"}


def _lemma3_min(m: int, d: int, b: Fraction, T: int, which: str):
    """min over reachable states (times 0..T) in ``which`` of P(v_t+1 >= (1+beta) v_t | state)."""
    best = None
    for tt in range(T + 1):
        tab = rx.level_table(m, tt, d, T)
        mask = state_mask(tab, which)
        if not mask.any():
            continue
        val, info = sl.lemma3_prob(tab, b, mask)
        if best is None or val < best[0]:
            best = (val, info)
    return best


def _p_beta(ctx, b: Fraction) -> Fraction:
    """p_beta = 1 - c/(1 + s beta) with the check's constants c (7/8) and s (the sign of beta)."""
    c, s = Fraction(ctx.constant("7/8")), ctx.constant("sign of beta")
    return 1 - c / (1 + s * b)


def _lemma3_checks(sign: int, sets=LEMMA3_SETS):
    """Per-state Lemma 3 checks on the state sets ``sets``. The App. A statement quantifies 'for all
    integers 0 <= t < tau_1', so only ``v<=M+1`` is a reading of it; the states with t = tau_1
    (admitted by the conditioning 't <= tau_1' alone, as in the §3 variant) are then reported in
    the info, not compared."""
    extra = [w for w in LEMMA3_SETS if w not in sets]
    consts = {"7/8": Fraction(7, 8), "sign of beta": sign}
    lhs_tex = r"\min_{\text{states}}\mathbb P(v_{t+1}\ge v_t(1+\beta)\mid X_1,\dots,X_t,\ t\le\tau_1)"
    falsifiers = (Falsifier.scale("7/8", Fraction(1, 2), doc="p_beta = 1 - 7/(16(1 -+ beta)) exceeds the "
                                                            "smallest probability (1/3 at M = 1)"),)

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
        return [ctx.compare(best[0], ">=", _p_beta(ctx, b), kind="probability",
                            label=f"min over reachable states (t <= {T}) of P(v_t+1 >= (1+beta) v_t | state) "
                                  f"vs p_beta", info={**best[1], **_info_other(m, d, b, T)},
                            lhs_tex=lhs_tex, rhs_tex=P_TEX[sign])]

    def compute_fine(ctx):
        m, d = int(ctx["M"]), int(ctx["Delta"])
        T = PERSTATE_T.get(m, 6)
        worst = None
        for k in range(1, 20):
            b = Fraction(k, 160)
            rhs = _p_beta(ctx, b)
            best = _lemma3_min(m, d, b, T, ctx["states"])
            if best is not None and (worst is None or best[0] - rhs < worst[0]):
                worst = (best[0] - rhs, dict(best[1], beta=str(b), min_probability=str(best[0]),
                                             rhs=str(rhs)))
        if worst is None:
            return []
        return [ctx.compare(worst[0], ">=", 0, "min over beta = k/160 (k=1..19) and states of "
                            "P(v_t+1 >= (1+beta)v_t | state) - p_beta", info=worst[1],
                            lhs_tex=r"\min_{\beta=k/160}\Big(" + lhs_tex + "-" + P_TEX[sign] + r"\Big)",
                            rhs_tex="0")]

    named = ComputedCheck("per_state_named_betas", compute, points(PERSTATE_T, BETAS),
                          quick_grid=points(QUICK_T, [BETA]), constants=consts, falsifiers=falsifiers,
                          hypothesis=L3_HYP)
    fine = ComputedCheck("per_state_fine_beta_grid", compute_fine,
                         lambda: [{"M": m, "Delta": d, "states": s} for m in PERSTATE_T for d in range(m + 1)
                                  for s in sets],
                         quick_grid=lambda: [{"M": 2, "Delta": 0, "states": "v<=M+1"}], constants=consts,
                         falsifiers=falsifiers, hypothesis=DOMAIN_M_DELTA)
    return [named, fine]


P_STATES = Param("states", "choice", choices=LEMMA3_SETS, doc="the states quantified over",
                 tex=r"\text{states}")
claim("unified.lemma3", "Lemma 3 (geometric growth before tau_1, App. A)", "App. A Lemma 3",
      "Given beta in (0,1/8), let p_beta = 1 - 7/(8(1-beta)). For all integers 0 <= t < tau_1 it holds "
      "that P(v_{t+1} >= v_t(1+beta) | X_1..X_t, t <= tau_1) >= p_beta.", ("EXACT",),
      checks=_lemma3_checks(-1, sets=("v<=M+1",)), hypothesis=L3_HYP,
      params=(P_M, P_DELTA, P_BETA, P_T, P_STATES), constants={"p_beta": p_lemma3(), "p_beta(1/16)": p_lemma3(BETA)},
      constants_kind="explicit", depends_on=("unified.lemma2", "unified.step_lemma3_rm"),
      notes="Conditioning mixes t < tau_1 and t <= tau_1. The quantifier 'for all integers 0 <= t < "
            "tau_1' excludes t = tau_1, so the verdict is on the states with v_t <= M+1 (t < tau_1); "
            "the minimum over the states with t = tau_1 is reported in the info only (there v_t can be "
            "2M+1 and the probability 0). The §3 variant, which has no such quantifier, compares both "
            "state sets.")
claim("unified.lemma3.main_text", "Lemma 3 (§3 statement)", "§3 proof sketch",
      "P(v_{t+1} >= v_t(1+beta) | X_1..X_t, t <= tau_1) >= 1 - 7/(8(1+beta)), for any beta in (0,1/8).",
      ("EXACT",), checks=_lemma3_checks(1), hypothesis=L3_HYP,
      params=(P_M, P_DELTA, P_BETA, P_T, P_STATES),
      constants={"rhs": p_lemma3_main(), "rhs(1/16)": p_lemma3_main(BETA)},
      constants_kind="explicit", variant_of="unified.lemma3",
      correction=Correction("sign", "P(v_{t+1} >= v_t(1+beta) | X_1..X_t, t <= tau_1) >= 1 - 7/(8(1-beta))",
                            "App. A Lemma 3 defines p_beta = 1 - 7/(8(1-beta)) (and Theorem 4's proof "
                            "uses p_beta = 1/15 at beta = 1/16)", constants={"sign of beta": -1}),
      notes="No quantifier excludes t = tau_1 here: the state just reached at tau_1 (v_t up to 2M+1, "
            "probability 0) is compared too, under the printed and under the App. A form of p_beta.")


# ---------------------------------------------------------------- proof: the auxiliary process ṽ

TILDE = Reading("tilde", {"restricted": "restricted", "literal": "literal"},
                source="App. A proof of Lemma 3: ṽ = sum_i (f_t(i) + (1-f_t(i)) f_t(i - X_{t+1})) "
                       "I_{-M..M}, the indicator's argument unstated (restricted: i - X_{t+1} in {-M..M}; "
                       "literal: i, already in range, so that ṽ = v_{t+1})")
P_TILDE = Param("tilde", "choice", choices=("restricted", "literal"), doc="reading of the indicator in ṽ",
                tex=r"\tilde v\ \text{reading}")
_TILDE_KEYS = (("v_next_minus_tilde", "v_{t+1} - ṽ", r"\min(v_{t+1}-\tilde v)"),
               ("2v_minus_tilde", "2 v_t - ṽ", r"\min(2v_t-\tilde v)"),
               ("E_tilde_minus_lemma2_rhs", "E[ṽ] - (v + v/4(1 - v/2M))",
                r"\min\big(\mathbb E[\tilde v]-v_t-\frac{v_t}{4}(1-\frac{v_t}{2M})\big)"))


def _tilde_check():
    def emit(ctx, tab, extra=None):
        mask = state_mask(tab, "v<=M+1")
        if not mask.any():
            return []
        res = sl.tilde_checks(tab, ctx["tilde"], mask, two=ctx.constant("2 (of 2v_t)"))
        return [ctx.compare(res[k][0], ">=", 0, f"min over states with v_t <= M+1 (t < tau_1) and x of {lab} "
                            f"({ctx['tilde']} reading)", params={"inequality": k},
                            info=dict(res[k][1], **(extra or {})), lhs_tex=tex, rhs_tex="0")
                for k, lab, tex in _TILDE_KEYS]

    def compute(ctx):
        return emit(ctx, level_table_at(ctx))

    def compute_seq(ctx):
        tab, xs = sequence_table_at(ctx)
        return emit(ctx, tab, {"sequence_head": xs[:8]})
    kw = dict(constants={"2 (of 2v_t)": 2}, hypothesis=DOMAIN_M_DELTA,
              falsifiers=(Falsifier.scale("2 (of 2v_t)", Fraction(1, 2),
                                          doc="ṽ <= v_t fails as soon as a sample covers a new point"),))
    return [ComputedCheck("per_state", compute, state_grid(PERSTATE_T, tilde=("restricted", "literal")),
                          quick_grid=state_grid(QUICK_T, tilde=("restricted", "literal")), **kw),
            ComputedCheck("per_state_sequences", compute_seq,
                          lambda: [{**p, "tilde": r} for p in seq_grid()() for r in ("restricted", "literal")],
                          quick_grid=lambda: [{**p, "tilde": r} for p in QUICK_SEQ()
                                              for r in ("restricted", "literal")], **kw)]


claim("unified.step_lemma3_tilde", "Lemma 3 proof: auxiliary process ṽ", "App. A proof of Lemma 3",
      "ṽ = sum_{i=-M}^{M}(f_t(i) + (1-f_t(i)) f_t(i - X_{t+1})) I_{-M..M}. Clearly ṽ <= v_{t+1} and "
      "ṽ <= 2v_t. The bound in Lemma 2 also holds for ṽ.", ("EXACT",), checks=_tilde_check(),
      inherits=(INHERIT_L3,), readings=(TILDE,),
      params=(P_M, P_DELTA, P_T, P_TILDE), depends_on=("unified.lemma2",),
      notes="Judged on the states of Lemma 3 (v_t <= M+1, t < tau_1). Restricted reading: the indicator "
            "applies to i - X_{t+1} in {-M..M} (only coverage coming from inside the window counts). "
            "Literal reading (indicator on i, already in range): ṽ = v_{t+1}, and ṽ <= 2 v_t fails "
            "(coverage from subset sums outside {-M..M}).")


# ---------------------------------------------------------------- proof: reverse Markov (quoted)

def _rm_compute(ctx):
    """Reverse Markov on random finite distributions with rational atoms in [0, b]:
    P(X >= a) >= (E X - k a)/(b - a), k = 1 as printed."""
    k = Fraction(ctx.constant("1 (of E[X] - a)"))
    rng = random.Random(ctx.seed % 2**31)
    worst, where, n = None, None, 0
    for _ in range(int(ctx["cases"])):
        kk = rng.randint(1, 6)
        b = Fraction(rng.randint(1, 20))
        xs = [Fraction(rng.randint(0, 40), 2) * b / 20 for _ in range(kk)]
        ws = [rng.randint(1, 9) for _ in range(kk)]
        tot = sum(ws)
        ps_ = [Fraction(w, tot) for w in ws]
        E = sum(p * x for p, x in zip(ps_, xs))
        for _ in range(4):
            a = E * Fraction(rng.randint(0, 100), 100)
            if a >= b:
                continue
            lhs = sum(p for p, x in zip(ps_, xs) if x >= a)
            rhs = (E - k * a) / (b - a)
            n += 1
            if worst is None or lhs - rhs < worst:
                worst, where = lhs - rhs, {"atoms": [str(x) for x in xs], "probs": [str(p) for p in ps_],
                                           "a": str(a), "b": str(b)}
    if worst is None:
        return []
    return [ctx.compare(worst, ">=", 0, "min over random finite distributions of P(X >= a) - (E X - a)/(b - a)",
                        info={"instances": n, "worst": where},
                        lhs_tex=r"\min\Big(\mathbb P(X\ge a)-\frac{\mathbb E[X]-a}{b-a}\Big)", rhs_tex="0")]


_h, _q, _a, _E = (sp.Symbol(x, positive=True) for x in ("h", "q", "a", "E"))
claim("unified.step_lemma3_rm", "Reverse Markov inequality", "App. A proof of Lemma 3",
      "for any random variable X such that 0 <= X <= b and 0 <= a <= E[X], we have P(X >= a) >= "
      "(E[X] - a)/(b - a).", ("SYM", "EXACT"),
      checks=[ComputedCheck("random_distributions", _rm_compute, {"cases": [400]}, quick_grid={"cases": [50]},
                            constants={"1 (of E[X] - a)": 1},
                            falsifiers=(Falsifier.scale("1 (of E[X] - a)", Fraction(1, 2),
                                                        doc="(E[X] - a/2)/(b - a) exceeds P(X >= a) when "
                                                            "a is close to E[X]"),)),
              SymbolicCheck("slack_identity", "identity", _q * _h - (_E - _a), (_a * (1 - _q) + (_a + _h) * _q) - _E,
                            doc="b = a + h, q = P(X >= a): q(b-a) - (E[X]-a) equals the slack of E[X] <= "
                                "a(1-q) + b q, which holds since X < a on {X < a} and X <= b"),
              SymbolicCheck("divide_by_b_minus_a", "equivalence", _q >= (_E - _a) / _h, _q * _h >= _E - _a,
                            doc="q >= (E-a)/(b-a) <=> q(b-a) >= E-a since b - a = h > 0")],
      params=(Param("a", "real", 0), Param("b", "real", 0)),
      notes="A standard inequality quoted in the proof, in its own variables (X, a, b): it inherits no "
            "parameter of Lemma 3. EXACT on random rational distributions (a < b); the two SYM checks "
            "are the proof of the inequality (no constant of the statement to vary: measured).")


# ---------------------------------------------------------------- proof: the chain and its 9/8 input

def _nine_eighths_used(ctx):
    tab = level_table_at(ctx)
    mask = tab.v <= tab.M + 1
    if not mask.any():
        return []
    c = Fraction(ctx.constant("9/8"))
    out = []
    for tilde, lab, tex in ((True, "E[ṽ|state] - 9/8 v_t", r"\min_{v_t\le M+1}\big(\mathbb E[\tilde v]-\tfrac98 v_t\big)"),
                            (False, "E[v_{t+1}|state] - 9/8 v_t",
                             r"\min_{v_t\le M+1}\big(\mathbb E[v_{t+1}]-\tfrac98 v_t\big)")):
        val, info = sl.nine_eighths(tab, mask, tilde, factor=c)
        out.append(ctx.compare(val, ">=", 0, f"min over states with v_t <= M+1 of {lab}",
                               params={"quantity": "tilde" if tilde else "v_next"}, info=info,
                               lhs_tex=tex, rhs_tex="0"))
    return out


def _lemma2_gives_nine_eighths(ctx):
    """Does Lemma 2's bound give E >= (9/8) v_t on every 1 <= v_t <= M+1 (t < tau_1)?"""
    m = int(ctx["M"])
    c = Fraction(ctx.constant("9/8"))
    worst = min(((v + Fraction(v, 4) * (1 - Fraction(v, 2 * m))) - c * v, v) for v in range(1, m + 2))
    return [ctx.compare(worst[0], ">=", 0, "min over integers 1 <= v <= M+1 of Lemma 2's bound "
                        "v + v/4 (1 - v/2M) minus (9/8) v", info={"argmin_v": worst[1]},
                        lhs_tex=r"\min_{1\le v\le M+1}\Big(v+\frac v4\big(1-\frac{v}{2M}\big)-\frac98 v\Big)",
                        rhs_tex="0")]


_v, _b, _Mp = sp.Symbol("v", positive=True), sp.Symbol("beta", positive=True), sp.Symbol("M", positive=True)
_c98, _two, _c18 = sp.Symbol("nine_eighths", positive=True), sp.Symbol("two", positive=True), \
    sp.Symbol("one_eighth", positive=True)
claim("unified.lemma2.as_used_in_lemma3", "Lemma 3 proof chain (9/8 input)", "App. A proof of Lemma 3",
      "P(ṽ >= v_t(1+beta)|.) >= (E[v_t|X_1..X_t, t<=tau_1] - v_t(1-beta))/(2v_t - v_t(1-beta)) >= "
      "((9/8)v_t - v_t(1+beta))/(2v_t - v_t(1+beta)) = (9/8 - (1+beta))/(1-beta) = 1 - 7/(8(1-beta)); "
      "implicit input: E[ṽ|.] >= (9/8) v_t for t < tau_1.", ("SYM", "EXACT"),
      checks=[GapCheck("nine_eighths_from_lemma2",
                       implication=ComputedCheck("lemma2_bound_gives_nine_eighths", _lemma2_gives_nine_eighths,
                                                 lambda: [{"M": m, "Delta": 0} for m in PERSTATE_T],
                                                 quick_grid=lambda: [{"M": m, "Delta": 0} for m in QUICK_T],
                                                 constants={"9/8": Fraction(9, 8)},
                                                 doc="Lemma 2's bound does not involve Delta (Delta = 0 "
                                                     "stands for every Delta)"),
                       used=ComputedCheck("nine_eighths_per_state", _nine_eighths_used, state_grid(PERSTATE_T),
                                          quick_grid=state_grid(QUICK_T), constants={"9/8": Fraction(9, 8)},
                                          hypothesis=DOMAIN_M_DELTA,
                                          falsifiers=(Falsifier.scale("9/8", 2, doc="E[ṽ] >= (9/4) v_t fails "
                                                                                    "(ṽ <= 2 v_t)"),)),
                       doc="cited: Lemma 2 (v + v/4(1 - v/2M) >= 9/8 v only for v <= M, not at v = M+1); "
                           "used: E[ṽ | state] >= (9/8) v_t on the states with v_t <= M+1"),
              SymbolicCheck("equality_1", "identity",
                            (_c98 * _v - _v * (1 + _b)) / (_two * _v - _v * (1 + _b)),
                            (_c98 - (1 + _b)) / (1 - _b), constants={"two": 2},
                            doc="the 2 of 2 v_t (ṽ <= 2 v_t, the b of reverse Markov)"),
              SymbolicCheck("equality_2", "identity", (_c98 - (1 + _b)) / (1 - _b), 1 - sp.Rational(7, 8) / (1 - _b),
                            constants={"nine_eighths": sp.Rational(9, 8)}),
              SymbolicCheck("lemma2_gives_nine_eighths_iff_v_le_M", "equivalence",
                            sp.Rational(1, 4) * (1 - _v / (2 * _Mp)) >= _c18, _v <= _Mp,
                            options={"domain": {"v": (0, 100), "M": (1, 100)}},
                            constants={_c18: sp.Rational(1, 8)},
                            doc="Lemma 2 gives E[v'] >= (9/8) v exactly when v <= M (not for v = M+1); the "
                                "constant (a symbol key: the harness cannot subtract two relations to find "
                                "it by name) is the 1/8 = 9/8 - 1")],
      inherits=(INHERIT_L3,), params=(P_M, P_DELTA, P_T), variant_of="unified.lemma2",
      depends_on=("unified.lemma2", "unified.step_lemma3_rm", "unified.step_lemma3_tilde"),
      notes="The chain's denominators: 2v_t - v_t(1-beta) then 2v_t - v_t(1+beta) (as printed); the "
            "numerator's E[v_t | ...] stands for E[ṽ | ...]. equality_1 holds for any value in place of "
            "9/8, so its constant is the 2 of 2 v_t.")
