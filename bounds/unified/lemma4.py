"""`unified` Lemma 4 (App. A and §3), the form Theorem 4's proof uses, and the steps of its proof:
Eq. (5), the geometric/binomial duality, the Hoeffding step and i* (claims.md §1.1).

Lemma 4: P(tau_1 <= t) >= 1 - exp(-(2 p_beta^2/t)(t - i*/p_beta)^2) for t >= i*/p_beta, with
p_beta = 1 - 1/(8(1+beta)) as printed. Checked against the exact law of tau_1 (closed form for
M = 1, Delta = 0; DP otherwise). The proof takes p_beta from "Theorem 3" (Lemma 3, p_beta =
1 - 7/(8(1-beta))), and Theorem 4's proof applies Lemma 4 with that p_beta (= 1/15 at beta = 1/16):
the declared correction replaces Lemma 4's p_beta by Lemma 3's.
"""
from __future__ import annotations

import math
from fractions import Fraction

import sympy as sp
from flint import arb, ctx as flint_ctx, fmpq

from ticketcheck.arb_eval import evaluate
from ticketcheck.bounds.claim import ComputedCheck, Correction, Falsifier, Inherit, Param, Reading, SymbolicCheck
from ticketcheck.bounds.symbols import beta, t
from ticketcheck.bounds.unified import integer_scans as scans
from ticketcheck.bounds.unified.constants import (BETA, CPRIME_LN, DOMAIN_M_DELTA, P_BETA, P_DELTA, P_M, P_T,
                                                  THM4_HYP, claim, istar, p_lemma3, p_lemma3_main, p_lemma4)
from ticketcheck.bounds.unified.tau_laws import amplified_bracket, tau1_law
from ticketcheck.exact import rssp_extra as rx

P_SYM = sp.Symbol("p_beta", positive=True)
#: Lemma 4's bound and hypothesis in the symbol p_beta (its value is a declared constant)
L4_BOUND_P = 1 - sp.exp(-(2 * P_SYM ** 2 / t) * (t - istar() / P_SYM) ** 2)
L4_HYP_P = t >= istar() / P_SYM
#: Lemma 4's hypotheses: Delta in {0..M}, beta in (0, 1/8), t >= i*/p_beta (p_beta as printed)
L4_HYP = sp.And(DOMAIN_M_DELTA, beta > 0, beta < sp.Rational(1, 8), t >= istar() / p_lemma4())
L4_MAIN_HYP = t >= (1 / (1 - sp.Rational(1, 8) / (1 + beta))) * istar()
BETAS = [sp.Rational(1, 32), sp.Rational(1, 16), sp.Rational(1, 10), sp.Rational(1, 9)]
L4_DP_T = {1: 400, 2: 60, 3: 60, 4: 50}
L4_DP_T_QUICK = {1: 60, 2: 30}
L4_LHS_TEX = r"\mathbb P(\tau_1\le t)"
P_T_RANGE = (Param("t_from", "int", 1, doc="first t of the point", tex=r"t_{\min}"),
             Param("T", "int", 1, doc="last t of the point", tex=r"t_{\max}"))
L4_RHS_TEX = r"1-\exp\Big(-\frac{2p_\beta^2}{t}\big(t-\frac{i^*}{p_\beta}\big)^2\Big)"


def _bound_ball(p: Fraction, i: int, tt: int, factor: int = 2):
    """1 - exp(-(factor p^2/t)(t - i/p)^2) as a 256-bit arb ball (the exponent is an exact rational)."""
    x = Fraction(factor) * p * p * (tt - Fraction(i) / p) ** 2 / tt
    old = flint_ctx.prec
    flint_ctx.prec = 256
    try:
        return 1 - (-arb(fmpq(x.numerator, x.denominator))).exp()
    finally:
        flint_ctx.prec = old


def lemma4_check(threshold_of_p, name="exact", doc=""):
    """Exact P(tau_1 <= t) vs Lemma 4's bound for every t <= T(M) with t >= ``threshold_of_p(p, i*,
    beta)``; p_beta is the check's constant (a sympy expression in beta). The bound is evaluated as a
    256-bit ball from its exact exponent (re-evaluated from the sympy form on a tie)."""
    def grid(tm):
        """Points (M, Delta, beta, t_from, T): t in [t_from, T], chunked at 30 so that the simplest
        witness (small t) comes from a small grid point."""
        return lambda: [{"M": m, "Delta": d, "beta": b, "t_from": lo, "T": hi} for m, T in tm.items()
                        for lo, hi in ((1, min(T, 30)), (31, T)) if lo <= hi
                        for d in range(m + 1) for b in BETAS]

    def compute(ctx):
        m, d, b, T = int(ctx["M"]), int(ctx["Delta"]), ctx["beta"], int(ctx["T"])
        p_expr = sp.sympify(ctx.constant("p_beta"))
        bq = Fraction(str(b))
        p = Fraction(str(sp.nsimplify(p_expr.subs(beta, sp.Rational(bq.numerator, bq.denominator)))))
        i = rx.closed_form_istar(m, d, bq)
        bound = L4_BOUND_P.xreplace({P_SYM: p_expr})
        law = tau1_law(m, d, L4_DP_T.get(m, T))
        start = threshold_of_p(p, i, bq)
        out = []
        for tt in range(int(ctx["t_from"]), T + 1):
            if tt < start:
                continue
            env = {"M": m, "Delta": d, "beta": b, "t": tt}
            out.append(ctx.compare(law[tt], ">=", _bound_ball(p, i, tt), "P(tau1 <= t) (exact) >= bound",
                                   params={"t": tt}, kind="probability", rhs_expr=(bound, env),
                                   lhs_tex=L4_LHS_TEX, rhs_tex=L4_RHS_TEX))
        return out
    return ComputedCheck(name, compute, grid(L4_DP_T), quick_grid=grid(L4_DP_T_QUICK),
                         constants={"p_beta": p_lemma4()}, hypothesis=DOMAIN_M_DELTA,
                         falsifiers=(Falsifier.tighten(),),
                         doc=doc or "exact law of tau_1 (M = 1, Delta = 0: P(tau1 > t) = 2(2/3)^t - (1/3)^t; "
                                    "else the merged-state DP exact/rssp_extra.hitting_law), every t <= T "
                                    "with t >= i*/p_beta")


claim("unified.lemma4", "Lemma 4 (tau_1 tail, App. A)", "App. A Lemma 4",
      "Let t be an integer and given beta in (0,1/8), let p_beta = 1 - 1/(8(1+beta)) and i* = "
      "ceil(log((M+1)/(2Delta+1))/log(1+beta)). If t >= i*/p_beta, then P(tau_1 <= t) >= "
      "1 - exp(-(2 p_beta^2/t)(t - i*/p_beta)^2).", ("EXACT", "SYM"),
      checks=[lemma4_check(lambda p, i, b: Fraction(i) / p)], hypothesis=L4_HYP,
      params=(P_M, P_DELTA, P_BETA, P_T) + P_T_RANGE, constants={"p_beta": p_lemma4(), "i_star": istar()},
      constants_kind="explicit", log_base="irrelevant (i* is a ratio of logs)",
      depends_on=("unified.lemma3", "unified.eq5", "unified.step_lemma4_gb", "unified.step_lemma4_h"),
      correction=Correction("symbol", "Lemma 4 with p_beta = 1 - 7/(8(1-beta)) (Lemma 3's p_beta), in the "
                            "bound and in the hypothesis t >= i*/p_beta",
                            "App. A proof of Lemma 4: 'By Theorem 3 [Lemma 3], this amount is majorised by "
                            "Y_i ~ Geom(p_beta)', Lemma 3 defining p_beta = 1 - 7/(8(1-beta)); the proof of "
                            "Theorem 4 applies Lemma 4 with p_beta = 1 - 7/(8(1-beta)) = 1/15",
                            constants={"p_beta": p_lemma3()}),
      notes="The proof cites 'Theorem 3' for the geometric domination (as printed). p_beta here is "
            "1-1/(8(1+beta)) (= 15/17 at beta = 1/16), not Lemma 3's 1-7/(8(1-beta)) (= 1/15).")
claim("unified.lemma4.main_text", "Lemma 4 (§3 statement)", "§3 proof sketch",
      "P(tau_1 <= t) >= 1 - exp(-(2p_beta^2/t)(t - i*/p_beta)^2) if t >= (1/(1 - 1/(8(1+beta)))) "
      "ceil(log((M+1)/(2Delta+1))/log(1+beta)).", ("EXACT",),
      checks=[lemma4_check(lambda p, i, b: i / (1 - Fraction(1, 8) / (1 + b)))],
      hypothesis=sp.And(DOMAIN_M_DELTA, beta > 0,
                                                                       beta < sp.Rational(1, 8), L4_MAIN_HYP),
      params=(P_M, P_DELTA, P_BETA, P_T) + P_T_RANGE, constants={"p_beta": p_lemma4()}, constants_kind="explicit",
      variant_of="unified.lemma4",
      notes="p_beta is not defined in §3; the threshold (printed explicitly) matches p_beta = "
            "1 - 1/(8(1+beta)), which the bound is evaluated with.")


# ---------------------------------------------------------------- Lemma 4 in Theorem 4's proof

L4T_P = p_lemma3(BETA)   # 1/15
_P, _I, _S, _T = (sp.Symbol(x, positive=True) for x in ("p", "i", "s", "t"))
_C2 = sp.Symbol("two", positive=True)


def _l4t_points(pairs):
    """(M, Delta, t): the stated assumption t = 15 i* and t = 1 (outside Theorem 4's hypothesis,
    shown as out of scope), then t = C'L, 1.5 C'L, 2 C'L, 4 C'L (inside)."""
    def g():
        for m, d in pairs:
            i = rx.closed_form_istar(m, d, Fraction(1, 16))
            c = 60 * math.log((m + 1) / (d + 1)) / math.log(17 / 16)
            ts = sorted({1, max(1, 15 * i)} | {math.ceil(k * c) for k in (1, 1.5, 2, 4)})
            for tt in ts:
                yield {"M": m, "Delta": d, "t": tt}
    return g


def _l4t_compute(ctx):
    m, d, tt = int(ctx["M"]), int(ctx["Delta"]), int(ctx["t"])
    p, b = sp.Rational(ctx.constant("p_beta")), sp.Rational(ctx.constant("beta"))
    bound = 1 - sp.exp(-(p ** 2 / t) * (t - (2 / p) * istar(b)) ** 2)
    env = {"M": m, "Delta": d, "t": tt}
    s = tt // 2
    if m == 1 and d == 0:
        value, info = tau1_law(1, 0, s)[s], {"what": "exact: P(tau1 > s) = 2(2/3)^s - (1/3)^s"}
    else:
        value, info = amplified_bracket("tau1", m, d, s)
    return [ctx.compare(value, ">=", evaluate(bound, env), "P(tau1 <= floor(t/2)) >= 1 - exp(-(p_beta^2/t)"
                        "(t - (2/p_beta) i*)^2), p_beta = 1/15", kind="probability", rhs_expr=(bound, env),
                        info={**info, "floor(t/2)": s}, lhs_tex=r"\mathbb P(\tau_1\le t/2)",
                        rhs_tex=r"1-\exp\Big(-\frac{p_\beta^2}{t}\big(t-\frac{2}{p_\beta}i^*\big)^2\Big)")]


def _thm4_gives_l4_hypothesis(ctx):
    """min over integer (M, Delta), M <= M_max, Delta < M, of C' log((M+1)/(Delta+1)) - (2/p_beta) i*
    (>= 0: Theorem 4's hypothesis t >= C'L gives Lemma 4's hypothesis t/2 >= i*/p_beta)."""
    f = Fraction(ctx.constant("C'")) / Fraction(1)
    res = scans.cprime_l_minus_30_istar(int(ctx["M_max"]), f)
    m, d = res["argmin"]["M"], res["argmin"]["Delta"]
    exact = evaluate(f.numerator * CPRIME_LN / f.denominator * sp.log(sp.Rational(m + 1, d + 1))
                     - 30 * rx.closed_form_istar(m, d, Fraction(1, 16)), {}, target_bits=256)
    return [ctx.compare(exact, ">=", 0, f"min over integers 1 <= M <= {ctx['M_max']}, 0 <= Delta < M of "
                        "C' log((M+1)/(Delta+1)) - 30 i* (256-bit ball at the argmin of the float scan; "
                        "scan margin in the info)", info=res,
                        lhs_tex=r"\min_{M,\Delta}\Big(C'\log\frac{M+1}{\Delta+1}-\frac{2}{p_\beta}i^*\Big)",
                        rhs_tex="0")]


claim("unified.lemma4.as_used_in_thm4", "Lemma 4 at time t/2 with p_beta = 1/15", "App. A proof of Thm 4",
      "P(tau_1 <= t/2) >= 1 - exp(-(p_beta^2/t)(t - (2/p_beta) ceil(log((M+1)/(2Delta+1))/log(1+beta)))^2), "
      "beta = 1/16, p_beta = 1 - 7/(8(1-beta)) = 1/15; stated assumption t >= (1/p_beta) ceil(.).",
      ("EXACT", "SYM"),
      checks=[ComputedCheck("bound_at_t_over_2", _l4t_compute,
                            _l4t_points([(1, 0), (2, 0), (2, 1), (3, 0), (3, 1), (3, 2), (4, 0), (4, 1)]),
                            quick_grid=_l4t_points([(1, 0), (2, 1)]),
                            constants={"beta": BETA, "p_beta": L4T_P}, hypothesis=THM4_HYP,
                            doc="inside Theorem 4's hypothesis t >= C'L the bound is far below the true "
                                "probability (failure probabilities below e^-40 against the bound's "
                                "e^-1..e^-12): no constant scaled by 2 makes it fail, so the numbers are "
                                "measured; M = 1: exact; else the amplified bracket of P(tau1 <= t/2)"),
              SymbolicCheck("substitution_t_over_2", "substitution",
                            1 - sp.exp(-(_C2 * _P ** 2 / _S) * (_S - _I / _P) ** 2),
                            1 - sp.exp(-(_P ** 2 / _T) * (_T - 2 * _I / _P) ** 2), subs={_S: _T / 2},
                            constants={"two": 2},
                            doc="Lemma 4's bound (the 2 of 2 p_beta^2/t) at time t/2 equals the displayed "
                                "one (p = p_beta, i = i*)"),
              ComputedCheck("theorem4_hypothesis_gives_lemma4_hypothesis_at_t_over_2", _thm4_gives_l4_hypothesis,
                            lambda: [{"M_max": 200}, {"M_max": 10 ** 4}], quick_grid=lambda: [{"M_max": 200}],
                            constants={"C'": 1},
                            falsifiers=(Falsifier.scale("C'", Fraction(1, 2), doc="with C'/2, C'L < 30 i* at "
                                                        "Delta = 0 (30 i* >= 30 log((M+1))/log(17/16))"),),
                            doc="the stated assumption t >= (1/p_beta) ceil(.) is weaker than Lemma 4's "
                                "hypothesis at time t/2 (t/2 >= i*/p_beta), but every t >= C' log((M+1)/"
                                "(Delta+1)) (Theorem 4) satisfies the latter when C'L >= 30 i*")],
      params=(P_M, P_DELTA, P_T), constants={"beta": BETA, "p_beta": L4T_P}, constants_kind="explicit",
      variant_of="unified.lemma4", log_base="irrelevant",
      notes="Uses Lemma 3's p_beta (1/15) in Lemma 4's form; odd t uses floor(t/2). Judged inside Theorem 4's "
            "hypothesis t >= C' log((M+1)/(Delta+1)) (the bound check carries it; the scan's grid is not "
            "(M, Delta, t), so it is not declared as inherited): the old counterexample (M = 2, Delta = 1, t = 1, "
            "i* = 0, P(tau1 <= 0) = 0) lies outside it. The stated assumption t >= 15 i* alone does not "
            "give Lemma 4's hypothesis at t/2 (t/2 >= 15 i*), Theorem 4's hypothesis does "
            "(C' log((M+1)/(Delta+1)) >= 30 i* for every M <= 10^4).")


# ============================================================================ Eq. (5)

P_VARIANTS = {"lemma3_appendix": p_lemma3(BETA), "lemma3_main_text": p_lemma3_main(BETA),
              "lemma4": p_lemma4(BETA)}   # 1/15, 3/17, 15/17 at beta = 1/16
P_READING = Reading("p_beta", {k: k for k in P_VARIANTS},
                    source="App. A proof of Lemma 4: 'By Theorem 3, ... Geom(p_beta)': the p_beta of Lemma 4 "
                           "(1 - 1/(8(1+beta))), of Lemma 3 in App. A (1 - 7/(8(1-beta))) or in §3 "
                           "(1 - 7/(8(1+beta)))")
EQ5_T = {1: 400, 2: 60, 3: 60, 4: 50}
EQ5_T_QUICK = {1: 30, 2: 20}


def _q(x) -> Fraction:
    return Fraction(int(sp.Rational(x).p), int(sp.Rational(x).q))


def _eq5_times(T: int) -> list[int]:
    return list(range(1, min(T, 60) + 1)) + list(range(70, T + 1, 10))


def _eq5_grid(tmap):
    return lambda: [{"M": m, "Delta": d, "p_beta": v, "t": tt} for m, T in tmap.items() for d in range(m + 1)
                    for v in P_VARIANTS for tt in _eq5_times(T)]


def _eq5_exact(ctx):
    m, d, p, tt = int(ctx["M"]), int(ctx["Delta"]), _q(P_VARIANTS[ctx["p_beta"]]), int(ctx["t"])
    law = tau1_law(m, d, EQ5_T[m])                 # P(tau1 <= s), s = 0..T (shared by every t)
    # i* = ceil(log((M + c)/(2Delta+1))/log(17/16)) with the printed c = 1 (M+1)
    i_star = rx.closed_form_istar(m + int(ctx.constant("1 (of M+1)")) - 1, d, Fraction(1, 16))
    return [ctx.compare(1 - law[tt - 1], "<=", rx.negbin_tail_ge(i_star, p, tt),
                        "P(tau1 >= t) (exact) <= P(Y_1+..+Y_i* >= t), Y ~ Geom(p) on {1,2,..}",
                        info={"i_star": i_star, "p_beta": str(p)}, lhs_tex=r"\mathbb P(\tau_1\ge t)",
                        rhs_tex=r"\mathbb P\Big(\sum_{i=1}^{i^*}Y_i\ge t\Big)")]


claim("unified.eq5", "Eq. (5): tau_1 dominated by a sum of i* geometrics", "App. A Eq. (5)",
      "for t in N, P(tau_1 >= t) <= P(sum_{i=1}^{i*} Y_i >= t), Y_i i.i.d. Geom(p_beta).", ("EXACT",),
      checks=[ComputedCheck("exact", _eq5_exact, _eq5_grid(EQ5_T), quick_grid=_eq5_grid(EQ5_T_QUICK),
                            falsifiers=(Falsifier.tighten(),), hypothesis=DOMAIN_M_DELTA,
                            constants={"1 (of M+1)": 1},
                            doc="exact P(tau1 >= t) (DP; M = 1 closed form) vs the exact negative "
                                "binomial tail, beta = 1/16, each reading of p_beta")],
      correction=Correction("index", "Eq. (5) with i* = ceil(log((M+2)/(2Delta+1))/log(1+beta)), the smallest i "
                            "with floor((2Delta+1)(1+beta)^i) >= M+2",
                            "tau_1 = min{t >= 0: v_t > M+1} (§3, App. A: strict), so the volume has left the "
                            "last interval I_{i*} only at M+2; with M+1, i* = 0 when 2Delta+1 = M+1 although "
                            "tau_1 >= 1", constants={"1 (of M+1)": 2}),
      inherits=(Inherit("unified.lemma4", {"beta": BETA}, doc="beta = 1/16 (the proof of Theorem 4)"),),
      readings=(P_READING,),
      params=(P_M, P_DELTA, P_T, Param("p_beta", "choice", choices=tuple(P_VARIANTS), tex=r"p_\beta")),
      constants={k: v for k, v in P_VARIANTS.items()}, constants_kind="explicit",
      depends_on=("unified.lemma3",),
      notes="Convention: Y ~ Geom(p) on {1,2,...}. i* = ceil(log((M+1)/(2Delta+1))/log(17/16)) "
            "(beta = 1/16); i* <= 0 makes the sum empty (= 0), while tau_1 >= 1 when 2Delta+1 = M+1 "
            "(v_0 = M+1 is not > M+1): Eq. (5) fails there for every p_beta. The Monte Carlo check at "
            "M = 10, 50 was dropped: it only reached t where the negative binomial tail is 1.")


# ============================================================================ Lemma 4 proof steps

def negbin_cdf_by_convolution(r: int, p: Fraction, T: int) -> list[Fraction]:
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
    cdf = negbin_cdf_by_convolution(r, p, T)
    out = []
    for tt in range(1, T + 1):
        out.append(ctx.compare(cdf[tt], "==", 1 - rx.binom_cdf(tt, p, r - 1),
                               "P(sum Y <= t) (convolution) == P(B_t >= i*) (binomial)",
                               params={"t": tt, "statement": "identity"},
                               lhs_tex=r"\mathbb P\big(\sum_{i=1}^{i^*}Y_i\le t\big)",
                               rhs_tex=r"\mathbb P(B_t\ge i^*)"))
        out.append(ctx.compare(1 - cdf[tt - 1], "<=", rx.binom_cdf(tt, p, r), "P(sum Y >= t) <= P(B_t <= i*)",
                               params={"t": tt, "statement": "inequality"},
                               lhs_tex=r"\mathbb P\big(\sum_{i=1}^{i^*}Y_i\ge t\big)",
                               rhs_tex=r"\mathbb P(B_t\le i^*)"))
    return out


P_PVAR = Param("p_beta", "choice", choices=tuple(P_VARIANTS), tex=r"p_\beta")
claim("unified.step_lemma4_gb", "Lemma 4 proof: geometric/binomial duality", "App. A proof of Lemma 4",
      "P(sum_{i=1}^{i*} Y_i <= t) = P(B_t >= i*), B_t ~ Binomial(t, p_beta); used as "
      "P(sum Y_i >= t) <= P(B_t <= i*).", ("EXACT",),
      checks=[ComputedCheck("exact_pmfs", _gb_compute,
                            lambda: [{"p_beta": v, "i_star": r, "T": 60} for v in P_VARIANTS for r in GB_RS],
                            quick_grid=lambda: [{"p_beta": v, "i_star": 2, "T": 20} for v in P_VARIANTS],
                            falsifiers=(Falsifier.tighten(doc="the inequality is attained (both sides 1) at "
                                                             "t <= i*"),))],
      params=(Param("i_star", "int", 1, tex="i^*"), P_T, P_PVAR), constants_kind="explicit",
      notes="Geom on {1,2,...}; P(sum Y <= t) by explicit convolution of the geometric pmf, compared "
            "with the binomial formula (rational arithmetic). A general identity in (i*, p, t): no "
            "parameter of Lemma 4 to inherit (every p_beta reading is run).")


H_P, H_I = sp.Symbol("p", positive=True), sp.Symbol("i", positive=True)
H_C, H_C2 = sp.Symbol("c_hoeffding", positive=True), sp.Symbol("c_right", positive=True)
H_RS = (1, 2, 12, 18, 23)


def _h_compute(ctx):
    r, p = int(ctx["i_star"]), _q(P_VARIANTS[ctx["p_beta"]])
    c = sp.Rational(ctx.constant("2 (of exp(-2 lambda^2/t))"))
    t0 = math.ceil(Fraction(r) / p)         # hypothesis t >= i*/p_beta (lambda >= 0)
    bound = sp.exp(-c * (t * H_P - H_I) ** 2 / t)
    out = []
    for tt in range(t0, t0 + 201, 5):
        env = {"t": tt, "p": p, "i": r}
        out.append(ctx.compare(rx.binom_cdf(tt, p, r), "<=", evaluate(bound, env),
                               "P(B_t <= i*) (exact) <= exp(-(2/t)(t p - i*)^2) (Hoeffding)", params={"t": tt},
                               kind="probability", info={"lambda": float(tt * p - r)}, rhs_expr=(bound, env),
                               lhs_tex=r"\mathbb P(B_t\le i^*)",
                               rhs_tex=r"\exp\big(-\frac2t(tp_\beta-i^*)^2\big)"))
    return out


claim("unified.step_lemma4_h", "Lemma 4 proof: Hoeffding step", "App. A proof of Lemma 4",
      "for all lambda >= 0, P(B_t <= t p_beta - lambda) <= exp(-2 lambda^2/t). Setting t p_beta - "
      "lambda = i*: P(sum Y_i >= t) <= P(B_t <= i*) <= exp(-(2/t)(t p_beta - i*)^2) = "
      "exp(-(2 p_beta^2/t)(t - i*/p_beta)^2), which holds as long as t >= (1/p_beta) ceil(.).",
      ("EXACT", "SYM"),
      checks=[ComputedCheck("exact_binomial_vs_hoeffding", _h_compute,
                            lambda: [{"p_beta": v, "i_star": r} for v in P_VARIANTS for r in H_RS],
                            quick_grid=lambda: [{"p_beta": v, "i_star": 2} for v in P_VARIANTS],
                            constants={"2 (of exp(-2 lambda^2/t))": 2},
                            falsifiers=(Falsifier.scale("2 (of exp(-2 lambda^2/t))", 2,
                                                        doc="exp(-4 lambda^2/t) is below the exact binomial "
                                                            "tail far from the mean"),)),
              SymbolicCheck("last_equality", "identity",
                            sp.exp(-2 * (t * H_P - H_I) ** 2 / t),
                            sp.exp(-(H_C2 * H_P ** 2 / t) * (t - H_I / H_P) ** 2), constants={"c_right": 2},
                            doc="exp(-(2/t)(tp - i)^2) = exp(-(2p^2/t)(t - i/p)^2); the constant is the "
                                "right side's 2 of 2p^2/t")],
      params=(Param("i_star", "int", 1, tex="i^*"), P_T, P_PVAR), constants_kind="explicit",
      notes="t runs from ceil(i*/p) (lambda >= 0) in steps of 5 over 200 values. Hoeffding's inequality "
            "in its own variables (B_t, lambda): no parameter of Lemma 4 to inherit.")


# ---------------------------------------------------------------- i* (intervals)

ISTAR_BETAS = {"1/16": Fraction(1, 16), "1/32": Fraction(1, 32), "1/10": Fraction(1, 10),
               "1/9": Fraction(1, 9)}


def _istar_compute(ctx):
    b = ISTAR_BETAS[ctx["beta"]]
    shift = ctx.constant("1 (of M+1)")
    res = scans.istar_scan(int(ctx["M_max"]), b, int(shift))
    return [ctx.compare(res["mismatch_pairs"], "==", 0,
                        "number of (M, Delta), 1 <= M <= M_max, 0 <= Delta <= M, where the smallest integer i "
                        "with floor((2Delta+1)(1+beta)^i) >= M+1 differs from "
                        "ceil(log((M+1)/(2Delta+1))/log(1+beta))", params={"reading": "smallest integer i"},
                        info=res["info"],
                        lhs_tex=r"\#\{(M,\Delta): \min\{i:\lfloor(2\Delta+1)(1+\beta)^i\rfloor\ge M+1\}\ne"
                                r"\lceil\log\frac{M+1}{2\Delta+1}/\log(1+\beta)\rceil\}", rhs_tex="0")]


def _partition_compute(ctx):
    m, d, b = int(ctx["M"]), int(ctx["Delta"]), ISTAR_BETAS[ctx["beta"]]
    res = scans.intervals_as_printed(m, d, b)
    return [ctx.compare(res["defects"], "==", 0, "integers of {0..M} not covered + integers covered twice "
                        "by I_0..I_i*", info=res,
                        lhs_tex=r"\#\text{uncovered}+\#\text{doubly covered integers of }\{0,\dots,M\}",
                        rhs_tex="0")]


claim("unified.step_lemma4_istar", "Lemma 4 proof: i* via the intervals I_i", "App. A proof of Lemma 4",
      "I_0 = {1..2Delta+1}, I_i = {floor((2Delta+1)(1+beta)^{i-1}) .. floor((2Delta+1)(1+beta)^i)}, "
      "I_{i*} = {floor((2Delta+1)(1+beta)^{i*-1}) .. M+1}, where i* is the smallest integer for which "
      "floor((2Delta+1)(1+beta)^{i*}) >= M+1 => i* = ceil(log((M+1)/(2Delta+1))/log(1+beta)). The "
      "intervals partition the domain {0..M}.", ("EXACT",),
      checks=[ComputedCheck("smallest_i_vs_closed_form", _istar_compute,
                            lambda: [{"beta": "1/32", "M_max": 2000}, {"beta": "1/9", "M_max": 2000},
                                     {"beta": "1/16", "M_max": 10000}, {"beta": "1/10", "M_max": 10000}],
                            quick_grid=lambda: [{"beta": "1/16", "M_max": 300}], constants={"1 (of M+1)": 1},
                            falsifiers=(Falsifier.scale("1 (of M+1)", 2, doc="ceil(log((M+2)/(2Delta+1))/"
                                                        "log(1+beta)) differs from the smallest i"),),
                            doc="exhaustive over integers; exact integer thresholds, closed form "
                                "evaluated in floats with a guard band and exact rational tie-breaks"),
              ComputedCheck("partition_as_printed", _partition_compute,
                            lambda: [{"M": m, "Delta": d, "beta": "1/16"} for m in (1, 10, 100, 1000)
                                     for d in sorted({0, 1, m // 3})],
                            quick_grid=lambda: [{"M": 10, "Delta": 0, "beta": "1/16"}],
                            falsifiers=(Falsifier.tighten(),), hypothesis=DOMAIN_M_DELTA)],
      params=(P_M, P_DELTA, Param("beta", "choice", choices=tuple(ISTAR_BETAS), tex=r"\beta")),
      log_base="irrelevant (ratio of logs)",
      notes="floor(x) >= M+1 <=> x >= M+1 for an integer M+1, so the floor cannot change i*; the scan "
            "also reports the mismatches of two other readings: i* restricted to i >= 0 (the "
            "intervals are indexed from 0) and a naive float64 evaluation of the closed form. The "
            "definitions do not involve t: Lemma 4's hypothesis t >= i*/p_beta is not inherited.")
