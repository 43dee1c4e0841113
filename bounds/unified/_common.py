"""Shared constants, sympy forms and glue for the ``unified`` claim modules (claims.md §1).

Constants as printed in the paper (App. A, proof of Theorem 4): ``kappa = 15^2``,
``C' = 60/log(17/16)``, ``beta = 1/16``; the three ``p_beta`` forms of Lemma 3 (App. A), Lemma 3
(§3) and Lemma 4 (App. A); ``i* = ceil(log((M+1)/(2Delta+1)) / log(1+beta))`` (Lemma 4).
"""
from __future__ import annotations

from fractions import Fraction
from typing import Any, Mapping

import sympy as sp

from ticketcheck.bounds.claim import Claim, Param
from ticketcheck.bounds.registry import register
from ticketcheck.bounds.symbols import LOG, Delta, M, beta, log_base, t

PAPER = "unified"
KAPPA = sp.Integer(15) ** 2
BETA = sp.Rational(1, 16)
CPRIME_LN = 60 / sp.log(sp.Rational(17, 16))           # the paper's C' with natural log
CPRIME = 60 / LOG(sp.Rational(17, 16))                 # C' in base ``log_base``
L_D = LOG((M + 1) / (Delta + 1))                        # log((M+1)/(Delta+1))
L_2D = LOG((M + 1) / (2 * Delta + 1))                   # log((M+1)/(2Delta+1))


def p_lemma3(b=beta):
    """Lemma 3 (App. A): p_beta = 1 - 7/(8(1-beta)); = 1/15 at beta = 1/16."""
    return 1 - sp.Rational(7, 8) / (1 - b)


def p_lemma3_main(b=beta):
    """Lemma 3 (§3): 1 - 7/(8(1+beta)); = 3/17 at beta = 1/16."""
    return 1 - sp.Rational(7, 8) / (1 + b)


def p_lemma4(b=beta):
    """Lemma 4 (App. A): p_beta = 1 - 1/(8(1+beta)); = 15/17 at beta = 1/16."""
    return 1 - sp.Rational(1, 8) / (1 + b)


def istar(b=beta):
    """i* = ceil(log((M+1)/(2Delta+1)) / log(1+beta)) (Lemma 4; base-free ratio of logs)."""
    return sp.ceiling(sp.log((M + 1) / (2 * Delta + 1)) / sp.log(1 + b))


CONSTANTS = {
    "kappa": KAPPA,
    "Cprime": CPRIME_LN,
    "beta": BETA,
    "p_beta_lemma3": p_lemma3(BETA),
    "p_beta_lemma3_main_text": p_lemma3_main(BETA),
    "p_beta_lemma4": p_lemma4(BETA),
    "i_star": istar(BETA),
}

P_M = Param("M", "int", 1, None, doc="grid half-width, samples uniform on {-M..M}")
P_DELTA = Param("Delta", "int", 0, None, doc="tolerance, 0 <= Delta <= M")
P_T = Param("t", "int", 0, None, doc="time (number of samples)")
P_BETA = Param("beta", "real", 0, sp.Rational(1, 8), doc="beta in (0, 1/8)")
P_LOGB = Param("log_base", "choice", choices=(sp.E, sp.Integer(2)), doc="base of the unstated log")
P_READING = Param("reading", "choice", choices=("formula", "prose"), doc="tau2 reading (def7)")


def claim(id: str, title: str, source: str, statement: str, methods: tuple, **kw) -> Claim:
    """Register one ``unified`` claim (the id is claims.md's, verbatim)."""
    c = Claim(id=id, title=title, source=source, statement=statement, methods=tuple(methods), **kw)
    register(c)
    return c


def exact_observable(name: str, **args):
    """Exact value of a registered observable (raises if it has no exact implementation)."""
    from ticketcheck import observables
    return observables.exact_value(name, **args)


def exact_case_comparisons(params: dict, results=("unified.thm3", "unified.lemma1", "unified.lemma7",
                                                   "unified.lemma8", "unified.thm2")):
    """Is the exact case Delta = 0 inside the domain of each formal result, as encoded here (the
    ``Delta`` parameter of the registered claim), and is its delta formula defined there?
    Yields Comparisons "admitted (1/0) == 1" (used by `unified.eq4` (d) and `unified.table1`)."""
    from ticketcheck.bounds.claim import Comparison
    from ticketcheck.bounds.registry import get_claim
    from ticketcheck.bounds.symbols import eps as eps_
    N_T = sp.Symbol("N_T", positive=True)
    delta_of = {"unified.thm3": eps_ / (2 * Delta * N_T), "unified.lemma1": eps_ / (2 * Delta),
                "unified.lemma7": eps_ / (2 * Delta * sp.Symbol("d", positive=True)),
                "unified.lemma8": eps_ / (2 * Delta * sp.Symbol("d1", positive=True)
                                          * sp.Symbol("d2", positive=True))}
    for cid in results:
        dom = next(p for p in get_claim(cid).params if p.name == "Delta")
        admitted = int(dom.low is None or Fraction(str(dom.low)) <= 0)
        formula = delta_of.get(cid)
        defined = True if formula is None else bool(formula.subs(Delta, 0).is_finite)
        yield Comparison({**params, "result": cid}, int(admitted and defined), 1, "==",
                         label=f"Delta = 0 (exact representation) inside the domain of {cid} "
                               f"(declared Delta >= {dom.low})"
                               + ("" if formula is None else f" with delta = {formula} defined"),
                         info={"declared_low": str(dom.low), "delta_formula": str(formula),
                               "delta_defined_at_0": defined})


def frac(x) -> Fraction:
    return x if isinstance(x, Fraction) else Fraction(x)
