"""Domain inheritance (design.md): a proof step, equation or ``as_used_in`` variant is judged only
inside the hypotheses of the statement it helps prove, with that proof's substitution of parameters
(e.g. a lemma applied at t/2). A point outside them is ``out_of_scope``, never a counterexample.
"""
from __future__ import annotations

from typing import Mapping

import sympy as sp

from ticketcheck.bounds.claim import Claim
from ticketcheck.errors import EVALUATION_ERRORS, InputError
from ticketcheck.harness.context import eval_hypothesis

__all__ = ["Scope"]


class Scope:
    """The inherited hypotheses of one claim, each as ``(parent id, expression in the claim's own
    parameters)``."""

    def __init__(self, claim: Claim, lookup=None):
        self.claim_id = claim.id
        self.parts: list[tuple[str, object]] = []
        if not claim.inherits:
            return
        if lookup is None:
            from ticketcheck.bounds.registry import get_claim as lookup
        for inh in claim.inherits:
            parent = lookup(inh.claim)
            h = parent.hypothesis
            if h is True or h is None or h is sp.true:
                raise InputError(f"{claim.id} inherits the hypotheses of {inh.claim}, which declares none; "
                                 f"declare {inh.claim}'s hypothesis (Claim.hypothesis)")
            if callable(h) and not isinstance(h, sp.Basic):
                self.parts.append((inh.claim, h))
                continue
            h = sp.sympify(h)
            rep = {s: sp.sympify(inh.subs[s.name]) for s in h.free_symbols if s.name in inh.subs}
            self.parts.append((inh.claim, h.xreplace(rep) if rep else h))

    def __bool__(self) -> bool:
        return bool(self.parts)

    def outside(self, params: Mapping) -> str | None:
        """None when ``params`` satisfies every inherited hypothesis, else the reason (one line)."""
        for parent, h in self.parts:
            try:
                ok = eval_hypothesis(h, params)
            except KeyError as e:
                raise InputError(f"{self.claim_id} inherits the hypotheses of {parent}, which need the "
                                 f"parameter {e}; give it in the grid or in the Inherit substitution") from None
            except EVALUATION_ERRORS as e:
                raise InputError(f"{self.claim_id}: the inherited hypothesis of {parent} cannot be "
                                 f"evaluated at {dict(params)}: {e}") from None
            if not ok:
                return f"outside the hypotheses of {parent} ({h})"
        return None
