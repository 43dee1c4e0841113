"""Registry of observables: a name -> its exact and Monte Carlo implementations and exact cost.

A family module in this package (``rssp.py``, ``rfss.py``, ...) calls :func:`register` at import; all
family modules of the package are imported on first lookup (helper modules, named ``_*.py``, are
not: they register nothing). exact/ and montecarlo/ stay free of any claim
knowledge; this is the only place that names their functions.
"""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from typing import Any, Callable, Literal

from ticketcheck.errors import InputError, TooLargeError

__all__ = ["Observable", "register", "get", "all_observables", "evaluate", "exact_value", "observe"]


@dataclass
class Observable:
    """``exact(**args) -> Fraction|int``; ``montecarlo(**args, trials, seed) -> Estimate``;
    ``cost(**args) -> float`` estimated seconds of the exact computation; ``validate(**args)`` raises
    :class:`InputError` with a one-line message for bad input."""

    name: str
    params: tuple[str, ...]
    exact: Callable[..., Any] | None = None
    montecarlo: Callable[..., Any] | None = None
    cost: Callable[..., float] | None = None
    validate: Callable[..., None] | None = None
    kind: Literal["probability", "real"] = "probability"
    doc: str = ""
    extra: dict = field(default_factory=dict)
    #: the quantity as a paper writes it, in LaTeX, with ``@name@`` where an argument's LaTeX goes
    #: (``P(\\tau_1 \\le @t@)``): what a counterexample shows instead of the observable's name
    tex: str = ""

    def latex(self, arg_tex: dict[str, str]) -> str:
        """The quantity typeset, each ``@name@`` replaced by its argument's LaTeX."""
        if not self.tex:
            return r"\mathrm{" + self.name.replace("_", r"\_") + "}(" + ", ".join(
                arg_tex.get(p, p) for p in self.params) + ")"
        out = self.tex
        for p in self.params:
            out = out.replace(f"@{p}@", arg_tex.get(p, p))
        return out

    def check_args(self, args: dict) -> None:
        missing = [p for p in self.params if p not in args]
        if missing:
            raise InputError(f"observable {self.name} needs {', '.join(missing)}; "
                             f"give them in the grid (e.g. --grid '{missing[0]}=...')")
        if self.validate is not None:
            self.validate(**{p: args[p] for p in self.params})

    def exact_cost(self, args: dict) -> float:
        if self.exact is None:
            return float("inf")
        if self.cost is None:
            return 0.0
        return float(self.cost(**{p: args[p] for p in self.params}))


_REGISTRY: dict[str, Observable] = {}
_loaded = False


def register(obs: Observable) -> Observable:
    if obs.name in _REGISTRY and _REGISTRY[obs.name] is not obs:
        raise ValueError(f"observable {obs.name} registered twice")
    _REGISTRY[obs.name] = obs
    return obs


def _load() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    for mod in pkgutil.iter_modules(__path__):
        if not mod.name.startswith("_"):        # helper modules (``_*.py``) register nothing
            importlib.import_module(f"{__name__}.{mod.name}")


def get(name: str) -> Observable:
    _load()
    try:
        return _REGISTRY[name]
    except KeyError:
        raise InputError(f"unknown observable {name!r}; known: {', '.join(sorted(_REGISTRY))}") from None


def all_observables() -> dict[str, Observable]:
    _load()
    return dict(_REGISTRY)


def evaluate(name: str, args: dict, *, budget: float, trials: int, seed: int):
    """The one exact-vs-Monte-Carlo choice: ``(value, method)`` for observable ``name`` at ``args``.

    Exact (an int/Fraction) when an exact implementation exists and its estimated cost fits
    ``budget`` seconds (an exact implementation that still finds the case too large falls back to
    Monte Carlo); otherwise a Monte Carlo :class:`~ticketcheck.montecarlo.estimate.Estimate` with
    ``trials`` trials from ``seed``. Without a Monte Carlo kernel an over-budget point raises
    :class:`TooLargeError` naming the cost and what to do.
    """
    obs = get(name)
    obs.check_args(args)
    cost = obs.exact_cost(args)
    if obs.exact is not None and cost <= budget:
        try:
            return obs.exact(**args), "exact"
        except TooLargeError:
            if obs.montecarlo is None:
                raise
    if obs.montecarlo is not None:
        return obs.montecarlo(**args, trials=int(trials), seed=int(seed)), "montecarlo"
    raise TooLargeError(f"{obs.name}{args}: exact enumeration over budget (~{cost:.3g}s > {budget}s) "
                        f"and no Monte Carlo kernel; use smaller parameters or a larger --budget")


def exact_value(name: str, **args):
    """Exact value of observable ``name`` (raises :class:`InputError` if it has no exact
    implementation)."""
    obs = get(name)
    obs.check_args(args)
    if obs.exact is None:
        raise InputError(f"observable {name} has no exact implementation; use method='montecarlo'")
    return obs.exact(**args)


def observe(name: str, method: str = "auto", *, trials: int = 20000, seed: int = 12345,
            budget: float = 2.0, **params):
    """Evaluate one observable from a notebook or a plugin: a Fraction (``method="exact"``), an
    Estimate (``"montecarlo"``), or whichever :func:`evaluate` chooses under ``budget`` (``"auto"``).

    >>> observe("rssp.single_target", M=2, n=3, delta=0, z=1)          # doctest: +SKIP
    Fraction(...)
    """
    if method == "exact":
        return exact_value(name, **params)
    if method == "montecarlo":
        obs = get(name)
        obs.check_args(params)
        if obs.montecarlo is None:
            raise InputError(f"observable {name} has no Monte Carlo implementation; use method='exact'")
        return obs.montecarlo(**params, trials=int(trials), seed=int(seed))
    if method != "auto":
        raise InputError(f"method must be 'exact', 'montecarlo' or 'auto', not {method!r}")
    return evaluate(name, params, budget=budget, trials=trials, seed=seed)[0]
