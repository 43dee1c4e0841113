"""`unified` Lemma 5 (App. A, identical in §3) and the form of Lemma 2 its proof uses
(claims.md §1.1).

Lemma 5: after tau_1, E(w_{t+1} | X_1..X_{t+tau_1}) <= w_t (1 - (1/4)(1 - w_t/(2M+1))), checked on
every reachable state with v_t > M+1 (M <= 6) and along sequences (M = 100, 1000). Its proof uses
Lemma 2 with the denominator 2M+1 instead of 2M: Lemma 2 does not give that form (its bound is
smaller by v^2/(8M(2M+1))), while the form itself holds on every state tested (a gap).

Falsifier of the per-state checks: the leading 1 of (1 - (1/4)(...)) halved; the 1/4 doubled does
not fire (the largest ratio E[w_{t+1}]/bound over the states is 0.575 < (1/2 - a/4)/(1 - a/4)).
"""
from __future__ import annotations

from fractions import Fraction

import sympy as sp

from ticketcheck.bounds.claim import Falsifier, GapCheck, Inherit, SymbolicCheck
from ticketcheck.bounds.symbols import t
from ticketcheck.bounds.unified import state_slacks as sl
from ticketcheck.bounds.unified.constants import DOMAIN_M_DELTA, P_DELTA, P_M, P_T, claim
from ticketcheck.bounds.unified.reachable_states import perstate_checks

L5_STMT = "E(w_{t+1} | X_1..X_{t+tau_1}) <= w_t (1 - (1/4)(1 - w_t/(2M+1)))"
#: Lemma 5's hypotheses: Delta in {0..M} (Theorems 2/4), t >= 0; the states: after tau_1 (v > M+1)
L5_HYP = sp.And(DOMAIN_M_DELTA, t >= 0)
L5_CONSTANTS = {"1 (of 1 - (1/4)(...))": 1, "1/4": Fraction(1, 4)}
L5_LHS_TEX = (r"\min_{v_{t+\tau_1}>M+1}\Big(w_t\big(1-\frac14(1-\frac{w_t}{2M+1})\big)"
              r"-\mathbb E(w_{t+1}\mid X_1,\dots,X_{t+\tau_1})\Big)")


def _lemma5_slack(tab, mask, **c):
    return sl.lemma5(tab, mask, lead=c["1 (of 1 - (1/4)(...))"], drift=c["1/4"])


def lemma5_checks():
    return perstate_checks(
        "per_state", _lemma5_slack, "w(1 - 1/4(1 - w/(2M+1))) - E[w']", which="v>M+1", constants=L5_CONSTANTS,
        falsifiers=(Falsifier.scale("1 (of 1 - (1/4)(...))", Fraction(1, 2),
                                    doc="w_t (1/2 - (1/4)(1 - w_t/(2M+1))) is below E[w_{t+1}] for small w_t"),),
        lhs_tex=L5_LHS_TEX, hypothesis=L5_HYP)


claim("unified.lemma5", "Lemma 5 (drift of w_t)", "App. A Lemma 5; §3",
      "For all t >= 0, it holds that " + L5_STMT + ".", ("EXACT",), checks=lemma5_checks(), hypothesis=L5_HYP,
      params=(P_M, P_DELTA, P_T), constants_kind="explicit", depends_on=("unified.lemma2.as_used_in_lemma5",),
      notes="States after tau_1 (v > M+1); info gives the max ratio E[w']/rhs over w > 0.")
claim("unified.lemma5.main_text", "Lemma 5 (§3, identical)", "§3 proof sketch",
      L5_STMT + ".", ("EXACT",), checks=lemma5_checks(), hypothesis=L5_HYP,
      params=(P_M, P_DELTA, P_T), variant_of="unified.lemma5")


# ---------------------------------------------------------------- Lemma 2 as used in Lemma 5's proof

def _used_form(tab, mask, **c):
    return sl.lemma2_denominator_2M1(tab, mask, drift=c["1/4"], inner=c.get("1 (of 1 - v/(2M+1))", 1))


_vr, _Mr = sp.Symbol("v", real=True), sp.Symbol("M", real=True)
_v, _Mp, _w = (sp.Symbol(x, positive=True) for x in ("v", "M", "w"))
_q5 = sp.Symbol("quarter", positive=True)
_USED = perstate_checks(
    "states_v_gt_M1", _used_form, "E[v'] - v(1 + 1/4(1 - v/(2M+1)))", which="v>M+1",
    constants={"1/4": Fraction(1, 4), "1 (of 1 - v/(2M+1))": 1},
    falsifiers=(Falsifier.scale("1 (of 1 - v/(2M+1))", 2, doc="v(1 + (1/4)(2 - v/(2M+1))) = 5v/4 > v = "
                                                              "E[v_{t+1}] at the fully covered states"),),
    lhs_tex=(r"\min_{v>M+1}\Big(\mathbb E(v_{t+\tau_1+1}\mid X_1,\dots,X_{t+\tau_1})-v\big(1+\frac14"
             r"(1-\frac{v}{2M+1})\big)\Big)"), hypothesis=L5_HYP)
_IMPLIES = SymbolicCheck(
    "lemma2_implies_2M_plus_1_form", "inequality", _vr + _vr / 4 * (1 - _vr / (2 * _Mr)),
    _vr * (1 + sp.Rational(1, 4) * (1 - _vr / (2 * _Mr + 1))), assumptions=[_vr <= 2 * _Mr + 1],
    options={"relation": ">=", "domain": {"v": (1, 201), "M": (1, 100)}, "integers": ["v", "M"],
             "time_limit": 3},
    doc="Lemma 2's bound >= the 2M+1 bound (integers 1 <= v <= 2M+1) would make Lemma 2 imply it")

claim("unified.lemma2.as_used_in_lemma5", "Lemma 2 with denominator 2M+1 (Lemma 5 proof)",
      "App. A proof of Lemma 5, third line",
      "E(v_{t+tau_1+1} | X_1..X_{t+tau_1}) >= v_{t+tau_1}(1 + (1/4)(1 - v_{t+tau_1}/(2M+1))).",
      ("EXACT", "SYM"),
      checks=[GapCheck("lemma2_gives_the_2M_plus_1_form", implication=_IMPLIES, used=_USED[0],
                       doc="cited: Lemma 2 (denominator 2M); used: the 2M+1 form on the states after tau_1"),
              _USED[1]]
      + perstate_checks("all_states", _used_form, "E[v'] - v(1 + 1/4(1 - v/(2M+1)))", which="all",
                        constants={"1/4": Fraction(1, 4), "1 (of 1 - v/(2M+1))": 1}, relation="report",
                        seq=False, hypothesis=L5_HYP,
                        lhs_tex=r"\min_{\text{all states}}\Big(\mathbb E v_{t+1}-v_t\big(1+\frac14(1-\frac{v_t}{2M+1})"
                                r"\big)\Big)",
                        doc="the form on every state (also before tau_1): reported, the proof needs it after "
                            "tau_1 only")
      + [SymbolicCheck(
          "gap_between_the_two_forms", "identity",
          (_v + _v / 4 * (1 - _v / (2 * _Mp))) - _v * (1 + sp.Rational(1, 4) * (1 - _v / (2 * _Mp + 1))),
          -_v ** 2 / (8 * _Mp * (2 * _Mp + 1)),
          doc="Lemma 2's bound minus the 2M+1 form is -v^2/(8M(2M+1)) < 0 for every v > 0: the smallest "
              "integer counterexample to 'Lemma 2 implies it' is v = 1, M = 1"),
         SymbolicCheck(
             "lemma5_algebra", "identity",
             (2 * _Mp + 1) - (2 * _Mp + 1 - _w) * (1 + sp.Rational(1, 4) * _w / (2 * _Mp + 1)),
             _w * (1 - _q5 * (1 - _w / (2 * _Mp + 1))), constants={"quarter": sp.Rational(1, 4)},
             doc="the proof's conclusion: Lemma 5's 1/4 (right side) doubled breaks the identity"),
         SymbolicCheck(
             "lemma5_substitution_line", "identity",
             (2 * _Mp + 1 - _w) * (1 + _q5 * (1 - (2 * _Mp + 1 - _w) / (2 * _Mp + 1))),
             (2 * _Mp + 1 - _w) + (2 * _Mp + 1 - _w) * sp.Rational(1, 4) * _w / (2 * _Mp + 1),
             constants={"quarter": sp.Rational(1, 4)})],
      inherits=(Inherit("unified.lemma5"),), params=(P_M, P_DELTA, P_T), variant_of="unified.lemma2",
      depends_on=("unified.lemma2",),
      notes="Denominator 2M+1 where Lemma 2 has 2M. Lemma 2's bound is below this form by "
            "v^2/(8M(2M+1)) (gap_between_the_two_forms), so Lemma 2 does not give it "
            "(lemma2_implies_2M_plus_1_form); the form itself is judged on the states after tau_1, "
            "where the proof uses it (a gap when it holds there), and reported on all states.")
