"""What a computed check sees of the run: the grid point and the runner's services.

A :class:`~ticketcheck.bounds.claim.ComputedCheck` function receives a :class:`CheckContext`
instead of importing the runner (design.md, "Layers"). It reads the point like a dict
(``ctx["M"]``, ``ctx.get("t", 0)``) and asks the context for everything else:

* ``ctx.observe(name, **args)`` -> ``(value, method)``: an observable under the run's budget and
  seed (exact when affordable, else Monte Carlo; the one chooser, :func:`ticketcheck.observables.evaluate`);
* ``ctx.holds(hypothesis, point=None)``: a sympy hypothesis decided exactly at a point;
* ``ctx.evaluate(expr, point=None, precision=170)``: a sympy expression as a Fraction or an arb ball;
* ``ctx.compare(lhs, relation, rhs, label, **kw)``: a labelled :class:`Comparison` at the point;
* ``ctx.constant(name)``: a constant declared in the check's ``constants`` (a falsifier or a
  correction may have changed it: read constants through the context, never from a module global);
* ``ctx.seed``, ``ctx.trials``, ``ctx.budget``; ``ctx.replace(seed=...)`` for a derived stream.
"""
from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any, Iterator

import sympy as sp

from ticketcheck import observables
from ticketcheck.arb_eval import evaluate as _evaluate
from ticketcheck.bounds.claim import Comparison
from ticketcheck.errors import InputError
from ticketcheck.numbers import compare

__all__ = ["CheckContext", "eval_hypothesis", "eval_exact"]


def eval_exact(expr, params: Mapping) -> Any:
    """An argument expression at ``params`` as an int/Fraction (an arb ball if irrational)."""
    if not isinstance(expr, sp.Basic):
        return expr
    v = _evaluate(expr, params)
    if isinstance(v, Fraction) and v.denominator == 1:
        return v.numerator
    return v


def eval_hypothesis(h, params: Mapping) -> bool:
    """A hypothesis (sympy relational/boolean, a Python predicate on the point, or True) decided
    exactly at ``params``; a relation the balls cannot decide raises :class:`InputError`."""
    if h is True or h is None:
        return True
    if callable(h) and not isinstance(h, sp.Basic):
        return bool(h(params))
    h = sp.sympify(h)
    if h in (sp.true, True):
        return True
    if h in (sp.false, False):
        return False
    if isinstance(h, sp.And):
        return all(eval_hypothesis(a, params) for a in h.args)
    if isinstance(h, sp.Or):
        return any(eval_hypothesis(a, params) for a in h.args)
    if isinstance(h, sp.Not):
        return not eval_hypothesis(h.args[0], params)
    if isinstance(h, sp.core.relational.Relational):
        lhs, rhs = _evaluate(h.lhs, params), _evaluate(h.rhs, params)
        if h.rel_op == "!=":
            return compare(lhs, rhs, "==") is False
        res = compare(lhs, rhs, h.rel_op)
        if res is None:
            raise InputError(f"hypothesis {h} cannot be decided at {dict(params)}")
        return res
    raise InputError(f"cannot evaluate hypothesis {h!r}")


class CheckContext(Mapping):
    """The grid point of a computed check (read-only mapping) plus the runner's services."""

    def __init__(self, params: Mapping[str, Any], *, seed: int = 12345, trials: int = 20000,
                 budget: float = 2.0, constants: Mapping[str, Any] | None = None,
                 constants_read: set | None = None, observer=None):
        self._params = dict(params)
        self.seed = int(seed)
        self.trials = int(trials)
        self.budget = float(budget)
        self._constants = dict(constants or {})
        #: names of the constants the check read (a falsifier of a constant never read cannot fire)
        self.constants_read = constants_read if constants_read is not None else set()
        #: ``observer(name, args, budget=, trials=, seed=) -> (value, method)``: the runner's (it
        #: checks exact values against Monte Carlo on an overlap band); default the plain chooser
        self._observer = observer or observables.evaluate

    # -- the point, read like a dict
    def __getitem__(self, key: str) -> Any:
        return self._params[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._params)

    def __len__(self) -> int:
        return len(self._params)

    def __repr__(self) -> str:
        return (f"CheckContext({self._params!r}, seed={self.seed}, trials={self.trials}, "
                f"budget={self.budget:g})")

    @property
    def params(self) -> dict:
        """The grid point (a copy)."""
        return dict(self._params)

    def replace(self, *, seed: int | None = None, trials: int | None = None,
                budget: float | None = None, **params) -> "CheckContext":
        """A context with some services or point values changed (e.g. a derived seed)."""
        return CheckContext({**self._params, **params},
                            seed=self.seed if seed is None else seed,
                            trials=self.trials if trials is None else trials,
                            budget=self.budget if budget is None else budget,
                            constants=self._constants, constants_read=self.constants_read,
                            observer=self._observer)

    def constant(self, name: str):
        """The value of the check's declared constant ``name`` for this run."""
        try:
            value = self._constants[name]
        except KeyError:
            raise InputError(f"the check reads constant {name!r} but declares only "
                             f"{sorted(self._constants) or 'none'}; add it to the check's constants") from None
        self.constants_read.add(name)
        return value

    # -- services
    def observe(self, name: str, **args):
        """``(value, method)`` of observable ``name``: exact under the budget, else Monte Carlo."""
        return self._observer(name, args, budget=self.budget, trials=self.trials, seed=self.seed)

    def holds(self, hypothesis, point: Mapping | None = None) -> bool:
        """The hypothesis decided exactly at ``point`` (default: this grid point)."""
        return eval_hypothesis(hypothesis, self._params if point is None else point)

    def evaluate(self, expr, point: Mapping | None = None, precision: int = 170):
        """``expr`` at ``point`` (default: this grid point): a Fraction, or an arb ball with a
        relative radius below 2^-precision where the function is well conditioned."""
        return _evaluate(expr, self._params if point is None else point, target_bits=precision,
                         max_prec=max(8192, 4 * precision))

    def compare(self, lhs, relation: str, rhs, label: str = "", **kw) -> Comparison:
        """A labelled comparison ``lhs relation rhs`` at this point (``kw``: Comparison fields such
        as ``params`` additions, ``kind``, ``info``, ``rhs_expr``)."""
        extra = kw.pop("params", {})
        return Comparison({**self._params, **extra}, lhs, rhs, relation, label=label, **kw)
