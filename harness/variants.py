"""A change to a check's declaration for one run: a falsifier or a correction (design.md).

A :class:`Variant` changes only what the claim declares -- a named constant (scaled, or replaced by
a correction's value), the relation, one hypothesis conjunct, or a symbol (a correction's
``replace``) -- and is applied the same way to every kind of check:

* a :class:`BoundCheck`, :class:`CertifyCheck` or :class:`SymbolicCheck` gets a modified copy of its
  expressions (:func:`apply_to_check`);
* a :class:`ComputedCheck` reads its constants through ``ctx.constant`` (:meth:`Variant.constants_for`)
  and its comparisons' relations are rewritten (:meth:`Variant.relation_for`).

The values computed from the observables are never touched: scaling a computed side is not a
falsifier.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Mapping

import sympy as sp

from ticketcheck.arb_eval import exactify
from ticketcheck.bounds.claim import (BoundCheck, CertifyCheck, ComputedCheck, Correction, Falsifier,
                                      GapCheck, SymbolicCheck)
from ticketcheck.errors import InputError

__all__ = ["Variant", "from_falsifier", "from_correction", "apply_to_check", "drop_conjunct",
           "conjunct_texts", "OFFSET_KINDS"]

_STRICT = {">=": ">", "<=": "<", ">": ">", "<": "<", "==": "==", "report": "report"}


@dataclass(frozen=True)
class Variant:
    """One declared change (see the module doc)."""

    name: str
    scale: Mapping[str, Fraction] = field(default_factory=dict)
    constants: Mapping[str, Any] = field(default_factory=dict)
    relation: str | None = None           # ">", "<", "strict" (falsifier) or a relation (correction)
    drop: str | None = None               # a hypothesis conjunct's text, or "*"
    replace: Mapping[Any, Any] = field(default_factory=dict)
    stop_early: bool = False              # a falsifier: stop at the first violated point inside
    offset: Fraction | None = None        # a falsifier: added to a symbolic identity's right-hand side

    # -- constants
    def constants_for(self, declared: Mapping[Any, Any]) -> dict:
        """The check's constants under this variant (keys as declared: names or sympy symbols)."""
        out = dict(declared)
        names = {str(k): k for k in declared}
        for name, factor in self.scale.items():
            if name not in names:
                raise InputError(f"falsifier {self.name}: the check declares no constant {name!r} "
                                 f"(its constants: {sorted(names) or 'none'})")
            key = names[name]
            out[key] = _times(declared[key], factor)
        for name, value in self.constants.items():
            key = names.get(name, name)
            out[key] = value
        return out

    # -- relation
    def relation_for(self, relation: str) -> str:
        """The relation under this variant: tightened (``strict``, or ``>``/``<`` in the same
        direction), or a correction's relation when it has the same direction."""
        if self.relation is None or relation == "report":
            return relation
        if self.relation == "strict":
            return _STRICT[relation]
        same_direction = {">": (">", ">="), ">=": (">", ">="), "<": ("<", "<="), "<=": ("<", "<=")}
        if relation in same_direction.get(self.relation, ()):
            return self.relation
        return relation

    # -- hypothesis
    def hypothesis_for(self, hypothesis):
        if self.drop is None:
            return hypothesis
        return drop_conjunct(hypothesis, self.drop)

    # -- expressions
    def expr(self, e):
        """``e`` with the correction's symbol replacements applied (constants are handled where they
        are substituted)."""
        if not self.replace or not isinstance(e, sp.Basic):
            return e
        rep = {_sym(k, e): sp.sympify(v) for k, v in self.replace.items()}
        return e.xreplace({k: v for k, v in rep.items() if k is not None})


def _sym(key, *exprs):
    """``key`` itself if it is a sympy object, else the free symbol named ``key`` in ``exprs``."""
    if isinstance(key, sp.Basic):
        return key
    for e in exprs:
        for s in getattr(e, "free_symbols", ()):
            if s.name == str(key):
                return s
    return None


def _times(value, factor: Fraction):
    if isinstance(value, sp.Basic):
        return value * sp.Rational(factor.numerator, factor.denominator)
    if isinstance(value, (int, Fraction)):
        return Fraction(value) * factor
    if isinstance(value, float):
        return value * float(factor)
    return exactify(value) * sp.Rational(factor.numerator, factor.denominator)


def conjunct_texts(hypothesis) -> list[str]:
    """The conjuncts of a sympy hypothesis, as text (what a ``drop`` falsifier names)."""
    if hypothesis is True or hypothesis is None or callable(hypothesis) and not isinstance(hypothesis, sp.Basic):
        return []
    h = sp.sympify(hypothesis)
    parts = h.args if isinstance(h, sp.And) else (h,)
    return [str(a) for a in parts]


def drop_conjunct(hypothesis, which: str):
    """``hypothesis`` without the conjunct whose text is ``which`` (``"*"``: all of it)."""
    if which == "*":
        return True
    if callable(hypothesis) and not isinstance(hypothesis, sp.Basic):
        raise InputError(f"cannot drop {which!r} from a hypothesis written as Python code; "
                         f"declare the hypothesis as a sympy expression")
    h = sp.sympify(hypothesis)
    parts = list(h.args) if isinstance(h, sp.And) else [h]
    keep = [a for a in parts if str(a) != which]
    if len(keep) == len(parts):
        raise InputError(f"no hypothesis conjunct {which!r}; the conjuncts are {[str(a) for a in parts]}")
    return sp.And(*keep) if keep else True


def from_falsifier(f: Falsifier) -> Variant:
    if f.change == "scale":
        return Variant(f.name, scale={f.target: f.factor}, stop_early=True)
    if f.change == "relation":
        return Variant(f.name, relation=f.target, stop_early=True)
    if f.change == "offset":
        return Variant(f.name, offset=f.factor, stop_early=True)
    return Variant(f.name, drop=f.target, stop_early=True)


def from_correction(c: Correction, check_constants: Mapping[str, Any] | None = None) -> Variant:
    """The correction as a variant, after checking that its edit has the declared kind."""
    _check_kind(c, check_constants or {})
    return Variant(f"correction ({c.kind})", constants=dict(c.constants), relation=c.relation,
                   replace=dict(c.replace))


def _check_kind(c: Correction, declared: Mapping[str, Any]) -> None:
    """Refuse an edit that is not of its declared kind (a fitted number, a new constant...)."""
    names = {str(k): v for k, v in declared.items()}
    if c.kind in ("constant_inverted", "sign") and c.constants:
        for name, new in c.constants.items():
            if name not in names:
                continue  # a constant of another check of the claim; checked there
            old = sp.nsimplify(exactify(names[name]))
            new_ = sp.nsimplify(exactify(new))
            want = 1 / old if c.kind == "constant_inverted" else -old
            if sp.simplify(new_ - want) != 0:
                raise InputError(f"correction {c.kind}: {name} = {new} is not {want} "
                                 f"({'the reciprocal' if c.kind == 'constant_inverted' else 'the negative'} "
                                 f"of the printed {old})")
    if c.kind == "strictness" and c.relation not in (">", ">=", "<", "<="):
        raise InputError(f"correction strictness: relation must be one of >, >=, <, <= (got {c.relation!r})")
    if c.kind == "index" and c.constants:
        for name, new in c.constants.items():
            if name in names and abs(sp.nsimplify(exactify(new)) - sp.nsimplify(exactify(names[name]))) != 1:
                raise InputError(f"correction index: {name} = {new} is not the printed {names[name]} "
                                 f"shifted by one")
    if c.kind == "index":
        for k, v in c.replace.items():
            k_, v_ = sp.sympify(k), sp.sympify(v)
            if not (k_.is_Symbol and sp.simplify(v_ - k_) in (1, -1)):
                raise InputError(f"correction index: {k} -> {v} is not an index shifted by one")
    if c.kind == "symbol":
        for k, v in c.replace.items():
            if not (sp.sympify(k).is_Symbol and sp.sympify(v).is_Symbol):
                raise InputError(f"correction symbol: {k} -> {v} must replace a symbol by a symbol")
    if c.kind == "sign" and c.replace:
        for k, v in c.replace.items():
            if sp.simplify(sp.sympify(v) + sp.sympify(k)) != 0:
                raise InputError(f"correction sign: {v} is not -({k})")
    if c.kind == "log_base":
        bad = [k for k in c.constants if k not in ("log_base",)]
        if bad or not c.constants:
            raise InputError("correction log_base: set only the reading parameter log_base")


#: symbolic check kinds an offset falsifier applies to (lhs == rhs, after a substitution or not)
OFFSET_KINDS = ("identity", "substitution")


def apply_to_check(check, v: Variant):
    """A copy of a Bound/Certify/Symbolic check with the variant applied (a ComputedCheck is
    returned as is: its constants and relations change at run time)."""
    if v.offset is not None and not (isinstance(check, SymbolicCheck) and check.kind in OFFSET_KINDS):
        raise InputError(f"falsifier {v.name}: an offset applies to a symbolic identity or substitution "
                         f"check, not to {check.name!r}; scale a constant or tighten the relation instead")
    if isinstance(check, BoundCheck):
        return dataclasses.replace(
            check, bound=v.expr(sp.sympify(check.bound)), relation=v.relation_for(check.relation),
            hypothesis=v.expr(v.hypothesis_for(check.hypothesis)) if not callable(check.hypothesis)
            or isinstance(check.hypothesis, sp.Basic) else v.hypothesis_for(check.hypothesis),
            constants=v.constants_for(check.constants),
            args={k: v.expr(a) for k, a in check.args.items()})
    if isinstance(check, CertifyCheck):
        consts = v.constants_for(check.constants)
        subs = {_sym(k, sp.sympify(check.lhs), sp.sympify(check.rhs)): exactify(val)
                for k, val in consts.items()}
        subs = {k: val for k, val in subs.items() if k is not None}
        return dataclasses.replace(
            check, lhs=v.expr(sp.sympify(check.lhs).xreplace(subs)),
            rhs=v.expr(sp.sympify(check.rhs).xreplace(subs)), relation=v.relation_for(check.relation),
            constants={})
    if isinstance(check, SymbolicCheck):
        consts = v.constants_for(check.constants)
        lhs, rhs = sp.sympify(check.lhs), sp.sympify(check.rhs)
        subs = {_sym(k, lhs, rhs): exactify(val)
                for k, val in consts.items()}
        subs = {k: val for k, val in subs.items() if k is not None}
        rhs = v.expr(rhs.xreplace(subs))
        if v.offset is not None:
            rhs = rhs + sp.Rational(v.offset.numerator, v.offset.denominator)
        return dataclasses.replace(check, lhs=v.expr(lhs.xreplace(subs)), rhs=rhs, constants={})
    if isinstance(check, GapCheck):
        return dataclasses.replace(check, implication=apply_to_check(check.implication, v),
                                   used=apply_to_check(check.used, v))
    if isinstance(check, ComputedCheck):
        return check
    raise TypeError(f"cannot apply a variant to {type(check).__name__}")
