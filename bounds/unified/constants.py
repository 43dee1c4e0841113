"""The `unified` paper's shared declarations: its constants, parameter domains, readings and the
helper that registers a claim (claims.md §1).

Constants as printed in the paper (App. A, proof of Theorem 4): ``kappa = 15^2``,
``C' = 60/log(17/16)``, ``beta = 1/16``; the three ``p_beta`` forms of Lemma 3 (App. A), Lemma 3
(§3) and Lemma 4 (App. A); ``i* = ceil(log((M+1)/(2Delta+1)) / log(1+beta))`` (Lemma 4).

Readings (design.md): the paper writes ``log`` without a base everywhere (claims.md, general
warning 6), declared once for the paper (:data:`LOG_BASE`, grid parameter ``log_base``); the two
printed definitions of ``tau_2`` (formula ``w_t <= 2M-Delta+1`` vs the prose "the volume grows from
M+1 to 2M-Delta+1", ``unified.def7``/``.prose``) are a reading of every claim that uses ``tau_2``
(:data:`TAU2`, grid parameter ``reading``), declared on those claims.
"""
from __future__ import annotations

from fractions import Fraction

import sympy as sp

from ticketcheck.bounds.claim import Claim, Param, Reading
from ticketcheck.bounds.registry import declare_readings, register
from ticketcheck.bounds.symbols import LOG, Delta, M, beta, t
from ticketcheck.bounds.unified.statements_tex import STATEMENTS_TEX

PAPER = "unified"
KAPPA = sp.Integer(15) ** 2
BETA = sp.Rational(1, 16)
CPRIME_LN = 60 / sp.log(sp.Rational(17, 16))           # the paper's C' with natural log
CPRIME = 60 / LOG(sp.Rational(17, 16))                 # C' in base ``log_base``
L_D = LOG((M + 1) / (Delta + 1))                        # log((M+1)/(Delta+1))
L_2D = LOG((M + 1) / (2 * Delta + 1))                   # log((M+1)/(2Delta+1))
BASES = [sp.E, sp.Integer(2)]
LOG_NOTE = ("C' log x = 60 log x / log(17/16) is base-free when both logs share a base; run with "
            "log_base in {e, 2} and reported separately. The step_thm4_e2 rewriting needs ln.")


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


#: Delta in {0..M} (Theorems 2 and 4; inherited by the lemmas of App. A, claims.md)
DOMAIN_M_DELTA = sp.And(M >= 1, Delta >= 0, Delta <= M)
#: Theorem 4's hypotheses (App. A): Delta in {0..M}, t >= C' log((M+1)/(Delta+1)), C' = 60/ln(17/16)
THM4_HYP = sp.And(DOMAIN_M_DELTA, t >= CPRIME_LN * sp.log((M + 1) / (Delta + 1)))

P_M = Param("M", "int", 1, None, doc="grid half-width, samples uniform on {-M..M}")
P_DELTA = Param("Delta", "int", 0, None, doc="tolerance, 0 <= Delta <= M", tex=r"\Delta")
P_T = Param("t", "int", 0, None, doc="time (number of samples)")
P_BETA = Param("beta", "real", 0, sp.Rational(1, 8), doc="beta in (0, 1/8)", tex=r"\beta")
P_LOGB = Param("log_base", "choice", choices=(sp.E, sp.Integer(2)), doc="base of the unstated log",
               tex=r"\text{base of }\log")
P_READING = Param("reading", "choice", choices=("formula", "prose"), doc="tau2 reading (def7)",
                  tex=r"\tau_2\ \text{reading}")

LOG_BASE = Reading("log_base", {"ln": sp.E, "log2": sp.Integer(2)},
                   source="the paper writes log without a base throughout (§3, App. A, App. E)")
TAU2 = Reading("reading", {"formula": "formula", "prose": "prose"},
               source="tau_2 is printed as min{t >= 0: w_t <= 2M-Delta+1} (§3, App. A) and described as "
                      "the time the volume grows from M+1 to 2M-Delta+1 (§3; App. A before Lemma 5); "
                      "under the formula tau_2 = 0 surely (w_0 <= M-1)")
declare_readings(PAPER, LOG_BASE)


def claim(id: str, title: str, source: str, statement: str, methods: tuple, **kw) -> Claim:
    """Register one ``unified`` claim (the id is claims.md's, verbatim); its LaTeX statement is the
    catalogue's (``statements_tex``) unless given."""
    kw.setdefault("latex", STATEMENTS_TEX.get(id, ""))
    c = Claim(id=id, title=title, source=source, statement=statement, methods=tuple(methods), **kw)
    register(c)
    return c


def exact_observable(name: str, **args):
    """Exact value of a registered observable (raises if it has no exact implementation)."""
    from ticketcheck import observables
    return observables.exact_value(name, **args)


def frac(x) -> Fraction:
    return x if isinstance(x, Fraction) else Fraction(x)


def params_of(ctx) -> dict:
    """The grid point of a computed check as a plain dict (the point keys, no services)."""
    return {k: v for k, v in ctx.items() if not k.startswith("_")}
