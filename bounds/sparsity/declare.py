"""How the ``sparsity`` modules declare claims and checks: the registration helper, labelled
comparisons (both sides named in the paper's symbols, LaTeX), computed checks with their constants,
falsifiers and hypotheses, and the paper's parameters with their LaTeX names.
"""
from __future__ import annotations

import zlib
from typing import Any, Iterable, Mapping, Sequence

from ticketcheck.bounds.claim import Claim, Comparison, ComputedCheck, Falsifier, Param
from ticketcheck.bounds.registry import register

PAPER = "sparsity"
SRC = "Natale et al., On the Sparsity of the Strong Lottery Ticket Hypothesis (HAL hal-04741369v1)"


def claim(id_: str, title: str, source: str, statement: str, methods: tuple[str, ...],
          checks: Iterable = (), **kw) -> Claim:
    """Register ``sparsity.<id_>`` (the catalogue id, verbatim)."""
    c = Claim(id=f"{PAPER}.{id_}", title=title, source=source, statement=statement,
              methods=tuple(methods), checks=list(checks), **kw)
    register(c)
    return c


def seed_of(*parts: Any) -> int:
    return zlib.crc32("|".join(str(p) for p in parts).encode()) & 0x7FFFFFFF


def trials_of(ctx_, cap: int) -> int:
    return int(min(ctx_.trials, cap))


def cmp(params: Mapping, lhs, rhs, relation: str, label: str, kind: str = "real", *,
        lhs_tex: str = "", rhs_tex: str = "", **info) -> Comparison:
    """A labelled comparison; ``lhs_tex``/``rhs_tex`` name the two sides as the paper writes them."""
    return Comparison(params=dict(params), lhs=lhs, rhs=rhs, relation=relation, label=label,
                      kind=kind, info=info, lhs_tex=lhs_tex, rhs_tex=rhs_tex)


def report(params: Mapping, lhs, rhs, label: str, kind: str = "real", **kw) -> Comparison:
    """Numbers shown, not judged (relation ``report``: an existential constant fitted on the data, a
    definition, a quantity no test can decide)."""
    return cmp(params, lhs, rhs, "report", label, kind, **kw)


def computed(name: str, fn, grid, quick_grid=None, doc: str = "", *,
             constants: Mapping[str, Any] | None = None, falsifiers: Sequence[Falsifier] = (),
             hypothesis: Any = True) -> ComputedCheck:
    """A computed check; ``constants`` are the statement's constants the function reads through
    ``ctx.constant`` (a falsifier or a correction may change them)."""
    return ComputedCheck(name=name, compute=fn, grid=grid, quick_grid=quick_grid, doc=doc,
                         constants=dict(constants or {}), falsifiers=tuple(falsifiers),
                         hypothesis=hypothesis)


TIGHTEN = Falsifier.tighten(doc="the relation made strict: fails where the printed bound is attained")

# ---- the paper's parameters, with their LaTeX names ------------------------------------------
P_K = Param("k", "int", 1, None, doc="subset size, 1 <= k <= n/2", tex="k")
P_N = Param("n", "int", 1, None, doc="number of samples", tex="n")
P_EPS = Param("eps", "real", 0, 1, doc="tolerance, strict |Sigma_S - z| < eps", tex=r"\varepsilon")
P_CHYP = Param("c_hyp", "real", 0, None, doc="the constant of Eq. (1)", tex=r"c_{\mathrm{hyp}}")
P_CTHM = Param("c_thm", "real", 0, 1, doc="the constant of Theorem 2", tex=r"c_{\mathrm{thm}}")
P_CAMP = Param("c_amp", "real", 0, None, doc="the constant of Eq. (3)", tex=r"c_{\mathrm{amp}}")
P_ZREL = Param("z_rel", "real", -1, 1, doc="target z = z_rel sqrt(k)", tex=r"z/\sqrt{k}")
P_MU = Param("mu", "real", 0, 1, doc="the split mu of the overlap range (mu in (lambda, 1))", tex=r"\mu")
P_LAM = Param("lam", "real", 0, 1, doc="k <= lambda n (Remark after Theorem 2)", tex=r"\lambda")
P_P = Param("p", "real", 0, 1, doc="weight of the Uniform[-1,1] component", tex="p")
P_ALPHA = Param("alpha", "real", 0, 1, doc="the fraction alpha of App. D", tex=r"\alpha")
P_D = Param("d", "int", 1, None, doc="width d (d x d weight matrices)", tex="d")
P_GP = Param("gamma_prime", "real", 0, 1, doc="gamma'", tex=r"\gamma'")
P_ELL = Param("ell", "int", 1, None, doc="number of layers", tex=r"\ell")
P_M = Param("m", "int", 1, None, doc="number of parameters of the large network", tex="m")
