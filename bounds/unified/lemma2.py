"""`unified` Lemma 2 (App. A), its §3 forms (Eq. (2)) and the steps of its proof (claims.md §1.1).

Lemma 2: E(v_{t+1} | X_1..X_t) >= v_t + (v_t/4)(1 - v_t/(2M)), checked exactly on every reachable
state (M <= 6) and along sequences (M = 100, 1000). The proof: the exact expansion (an identity),
the window restriction with M/2 (a reading for odd M: floor or ceil), and the last two inequalities
with mu* maximising the window mass.

Falsifier of the per-state checks: the 2 of "2M" doubled (the bound then exceeds v_t + 0 at the
fully covered states, where E[v_{t+1}] = v_t); the 1/4 doubled does not fire (the smallest ratio
(E v' - v)/(v/4 (1 - v/2M)) over the states is 144/65 > 2).
"""
from __future__ import annotations

from fractions import Fraction

import sympy as sp

from ticketcheck.bounds.claim import ComputedCheck, Falsifier, Inherit, Param, Reading
from ticketcheck.bounds.symbols import t
from ticketcheck.bounds.unified import state_slacks as sl
from ticketcheck.bounds.unified.constants import DOMAIN_M_DELTA, P_DELTA, P_M, P_T, claim
from ticketcheck.bounds.unified.reachable_states import (PERSTATE_T, QUICK_T, level_table_at, perstate_checks,
                                                         state_grid)

L2_STMT = "E(v_{t+1} | X_1..X_t) >= v_t + (v_t/4)(1 - v_t/(2M))"
#: Lemma 2's hypotheses: Delta in {0..M} (inherited from Theorems 2/4, claims.md), t >= 0
L2_HYP = sp.And(DOMAIN_M_DELTA, t >= 0)
L2_CONSTANTS = {"1/4": Fraction(1, 4), "2 (of 2M)": 2}
L2_LHS_TEX = (r"\min_{\text{states}}\Big(\mathbb E(v_{t+1}\mid X_1,\dots,X_t) - v_t"
              r" - \frac{v_t}{4}\big(1-\frac{v_t}{2M}\big)\Big)")
_DOUBLE_2M = Falsifier.scale("2 (of 2M)", 2, doc="v_t/4 (1 - v_t/(4M)) > 0 at the fully covered states "
                                                 "(v_t = 2M+1 = E[v_{t+1}])")
_l2_doc = "exact E[v_{t+1} | state] over every reachable state; min slack per (M, Delta, t)"


def _lemma2_slack(tab, mask, **c):
    return sl.lemma2(tab, mask, drift=c["1/4"], den=c["2 (of 2M)"])


def lemma2_checks():
    return perstate_checks("per_state", _lemma2_slack, "E[v'] - v - v/4(1 - v/2M)", constants=L2_CONSTANTS,
                           falsifiers=(_DOUBLE_2M,), lhs_tex=L2_LHS_TEX, hypothesis=L2_HYP, doc=_l2_doc)


claim("unified.lemma2", "Lemma 2 (drift of v_t)", "App. A Lemma 2",
      "For all 0 <= t <= n, it holds that " + L2_STMT + ".", ("EXACT",),
      checks=lemma2_checks(), hypothesis=L2_HYP,
      params=(P_M, P_DELTA, P_T), constants={"1/4": sp.Rational(1, 4), "2M": "2M"},
      constants_kind="explicit", depends_on=("unified.eq1",),
      notes="n is not otherwise defined here. Info: minimising state and min ratio (E v' - v)/(v/4(1-v/2M)).")
claim("unified.eq2", "Eq. (2) (= Lemma 2, main text)", "§3 Eq. (2)",
      L2_STMT + ". (This is explicitly shown in Lemma 2, Appendix A.)", ("EXACT",),
      checks=lemma2_checks(), hypothesis=L2_HYP,
      params=(P_M, P_DELTA, P_T), constants_kind="explicit", variant_of="unified.lemma2",
      depends_on=("unified.eq1",),
      notes="The §3 display of Lemma 2 (a variant, judged on Lemma 2's own hypotheses).")
claim("unified.lemma2.main_text", "Lemma 2 as stated in §3 (Eq. (2))", "§3 Eq. (2)",
      L2_STMT + ".", ("EXACT",), checks=lemma2_checks(), hypothesis=L2_HYP,
      params=(P_M, P_DELTA, P_T), constants_kind="explicit", variant_of="unified.lemma2")


# ---------------------------------------------------------------- proof: exact expansion

def _expansion(tab, mask, **c):
    return sl.step_lemma2_a(tab, prefactor=c["1 (of 1/(2M+1))"])


claim("unified.step_lemma2_a", "Lemma 2 proof: exact expansion", "App. A proof of Lemma 2",
      "E(v_{t+1} | X_1..X_t) = v_t + (1/(2M+1)) sum_{i=-M}^{M} (1 - f_t(i)) sum_{k=i-M}^{i+M} f_t(k).",
      ("EXACT",), inherits=(Inherit("unified.lemma2"),),
      checks=perstate_checks(
          "identity", _expansion, "|E[v'] - expansion| (must be 0)", constants={"1 (of 1/(2M+1))": 1},
          relation="==", falsifiers=(Falsifier.scale("1 (of 1/(2M+1))", 2, doc="the expansion's "
                                                     "normalisation doubled: wrong wherever an uncovered "
                                                     "i has covered neighbours"),),
          lhs_tex=(r"\max_{\text{states}}\Big|\mathbb E(v_{t+1}\mid X_{1..t}) - v_t - \frac{1}{2M+1}"
                   r"\sum_{i=-M}^{M}(1-f_t(i))\sum_{k=i-M}^{i+M}f_t(k)\Big|"), hypothesis=L2_HYP),
      params=(P_M, P_DELTA, P_T), depends_on=("unified.eq1",))


# ---------------------------------------------------------------- proof: window restriction (M/2)

#: M/2 is not an integer for odd M (claims.md): read as floor or ceil; even M is the same under both
HALF = Reading("half", {"floor": "floor", "ceil": "ceil"},
               source="App. A proof of Lemma 2: sums from -M/2 + mu to M/2 + mu, mu in {-M/2..M/2}")
P_HALF = Param("half", "choice", choices=("floor", "ceil"), doc="reading of M/2", tex=r"M/2\ \text{read as}")


def _half_points(tm):
    return state_grid(tm, half=("floor", "ceil"))


def _step2b_check():
    def compute(ctx):
        h = sl.half_widths(int(ctx["M"]), ctx["half"])
        res = sl.step_lemma2_b(level_table_at(ctx), h)
        out = []
        for key, lab, tex in (
                ("restriction_some_mu", "min over states of max over mu of (2M+1)(E[v_{t+1}] - v_t) - sum_{i in W_mu}(1 - f_t(i)) sum_{k in W_mu} f_t(k) "
                 "(the restriction 'for some mu', as printed)",
                 r"\min_{\text{states}}\max_\mu\big[(2M+1)(\mathbb E v_{t+1}-v_t) - \sum_{i\in W_\mu}(1-f_t(i))"
                 r"\sum_{k\in W_\mu} f_t(k)\big]"),
                ("restriction_every_mu", "min over states and every mu of (2M+1)(E[v_{t+1}] - v_t) - sum_{i in W_mu}(1 - f_t(i)) sum_{k in W_mu} f_t(k) "
                 "(the restriction at mu = mu*, as the proof uses it)",
                 r"\min_{\text{states},\,\mu}\big[(2M+1)(\mathbb E v_{t+1}-v_t) - \sum_{i\in W_\mu}(1-f_t(i))"
                 r"\sum_{k\in W_\mu} f_t(k)\big]"),
                ("mu_star_exists", "min over states of max over mu of sum_{k in W_mu} f_t(k) - v_t/2 (existence of mu*)",
                 r"\min_{\text{states}}\big(\max_\mu \sum_{k\in W_\mu} f_t(k) - v_t/2\big)")):
            val, info = res[key]
            out.append(ctx.compare(val, ">=", 0, lab, params={"inequality": key},
                                   info=dict(info, half_width=h, window="W_mu = {mu - M/2, ..., mu + M/2}"),
                                   lhs_tex=tex, rhs_tex="0"))
        return out
    return ComputedCheck("per_state", compute, _half_points(PERSTATE_T), quick_grid=_half_points(QUICK_T),
                         falsifiers=(Falsifier.tighten(),), hypothesis=L2_HYP,
                         doc="each inequality separately; M/2 read as floor and as ceil")


claim("unified.step_lemma2_b", "Lemma 2 proof: window restriction", "App. A proof of Lemma 2",
      "E(v_{t+1}|.) >= v_t + (1/(2M+1)) sum_{i=-M/2+mu}^{M/2+mu}((1-f_t(i)) sum_{k=-M/2+mu}^{M/2+mu} f_t(k)) "
      "for some mu in {-M/2..M/2} (by range restriction); and exists mu* in {-M/2..M/2} with "
      "sum_{k=-M/2+mu*}^{M/2+mu*} f_t(k) >= v_t/2.", ("EXACT",), checks=[_step2b_check()],
      inherits=(Inherit("unified.lemma2"),), readings=(HALF,),
      params=(P_M, P_DELTA, P_T, P_HALF), depends_on=("unified.step_lemma2_a",),
      notes="M/2 is not an integer for odd M: read as floor and as ceil (reading 'half'). With floor "
            "the windows of width M miss -M and M, so mu* can fail to exist; with ceil the windows are "
            "wider than M and the range restriction fails. Even M: both readings agree.")


def _step2c_check():
    def compute(ctx):
        h = sl.half_widths(int(ctx["M"]), ctx["half"])
        res = sl.step_lemma2_c(level_table_at(ctx), h)
        out = []
        for key, rhs, rel, lab, tex, kind in (
                ("ineq1_argmax_mu", 0, ">=", "min over states of E[v_{t+1}] - (v_t + (1/2M)(v_t/2) sum_{i in W_mu*}(1 - f_t(i))), mu* maximising "
                 "sum_{k in W_mu} f_t(k)",
                 r"\min_{\text{states}}\big(\mathbb E v_{t+1} - v_t - \frac{1}{2M}\frac{v_t}{2}\sum_{i\in W_{\mu^*}}"
                 r"(1-f_t(i))\big)", "real"),
                ("ineq2_argmax_mu", 0, ">=", "min over states of (1/2M)(v_t/2) sum_{i in W_mu*}(1 - f_t(i)) - (v_t/4)(1 - v_t/2M)",
                 r"\min_{\text{states}}\big(\frac{1}{2M}\frac{v_t}{2}\sum_{i\in W_{\mu^*}}(1-f_t(i))"
                 r" - \frac{v_t}{4}(1-\frac{v_t}{2M})\big)", "real"),
                ("some_admissible_mu_makes_both_hold", 1, "==",
                 "fraction of states for which some mu with mass >= v/2 satisfies both inequalities",
                 r"\text{fraction of states with an admissible }\mu^*\text{ satisfying both}", "real")):
            val, info = res[key]
            out.append(ctx.compare(val, rel, rhs, lab, params={"inequality": key}, kind=kind,
                                   info=dict(info, half_width=h), lhs_tex=tex,
                                   rhs_tex="1" if rhs == 1 else "0"))
        return out
    return ComputedCheck("per_state", compute, _half_points(PERSTATE_T), quick_grid=_half_points(QUICK_T),
                         falsifiers=(Falsifier.tighten(),), hypothesis=L2_HYP,
                         doc="middle expression with mu* maximising the window mass (worst tie); M/2 "
                             "read as floor and as ceil")


claim("unified.step_lemma2_c", "Lemma 2 proof: last two inequalities", "App. A proof of Lemma 2",
      "E(v_{t+1}|.) >= v_t + (1/(2M))(v_t/2) sum_{i=-M/2+mu*}^{M/2+mu*}(1 - f_t(i)) >= v_t + "
      "(v_t/4)(1 - v_t/(2M)).", ("EXACT",), checks=[_step2c_check()],
      inherits=(Inherit("unified.lemma2"),), readings=(HALF,),
      params=(P_M, P_DELTA, P_T, P_HALF), depends_on=("unified.step_lemma2_b",))
