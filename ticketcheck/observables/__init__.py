"""Registry of observables: a name -> its exact and Monte Carlo implementations and exact cost.

A family module in this package (``rssp.py``, ``rfss.py``, ...) calls :func:`register` at import; all
family modules of the package are imported on first lookup (helper modules, named ``_*.py``, are
not: they register nothing). exact/ and montecarlo/ stay free of any claim
knowledge; this is the only place that names their functions.
"""
from __future__ import annotations

import importlib
import pkgutil
import sys
from dataclasses import dataclass, field
from difflib import get_close_matches
from typing import Any, Callable, Literal

from ticketcheck.errors import InputError, TooLargeError, require_int

__all__ = ["Observable", "register", "get", "all_observables", "describe", "evaluate", "exact_value",
           "observe"]


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
    #: the module that registered it (its docstring states the family's conventions)
    module: str = ""

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
    if not obs.module:
        obs.module = sys._getframe(1).f_globals.get("__name__", "")
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
    except (KeyError, TypeError):
        near = get_close_matches(str(name), list(_REGISTRY), n=3, cutoff=0.6)
        hint = f"did you mean {', '.join(near)}? " if near else ""
        raise InputError(f"unknown observable {name!r}; {hint}use one of the "
                         f"{len(_REGISTRY)} that `ticketcheck observables` lists") from None


def all_observables() -> dict[str, Observable]:
    _load()
    return dict(_REGISTRY)


def describe(prefix: str | None = None) -> list[dict]:
    """Every observable (whose name starts with ``prefix``), sorted by name, as plain data: name,
    family, parameters, kind, a one-line doc, whether it has exact and Monte Carlo
    implementations, its LaTeX, and the conventions of its family (its module's docstring: sample
    laws, tolerances, what is counted). ``ticketcheck observables [--json]`` prints this."""
    import inspect
    every = sorted(all_observables().values(), key=lambda o: o.name)
    obs = every
    if prefix:
        obs = [o for o in every if o.name == prefix or o.name.startswith(prefix.rstrip(".") + ".")]
        if not obs:
            families = sorted({o.name.split(".", 1)[0] for o in every})
            near = get_close_matches(prefix, families + [o.name for o in every], n=3, cutoff=0.6)
            hint = f"did you mean {', '.join(near)}? " if near else ""
            raise InputError(f"no observable or family {prefix!r}; {hint}families: {', '.join(families)}")
    out = []
    for o in obs:
        mod = sys.modules.get(o.module)
        out.append({"name": o.name, "family": o.name.split(".", 1)[0], "params": list(o.params),
                    "kind": o.kind, "doc": " ".join(o.doc.split()),
                    "exact": o.exact is not None, "montecarlo": o.montecarlo is not None,
                    "tex": o.tex, "module": o.module,
                    "conventions": inspect.cleandoc(mod.__doc__) if mod is not None and mod.__doc__ else ""})
    return out


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


METHODS = ("exact", "montecarlo", "auto")


def observe(name: str, method: str = "auto", *, trials: int = 20000, seed: int = 12345,
            budget: float = 2.0, **params):
    """Evaluate one observable from a notebook or a plugin: a Fraction (``method="exact"``), an
    Estimate with its Clopper-Pearson interval (``"montecarlo"``, ``trials`` trials from ``seed``),
    or whichever :func:`evaluate` chooses under ``budget`` seconds (``"auto"``). ``params`` are the
    observable's parameters (``ticketcheck observables`` lists them). Every error is one line
    (:class:`InputError`, :class:`TooLargeError` when an exact value would exceed ``budget``).

    >>> observe("rssp.single_target", M=1, n=2, delta=0, z=1)
    Fraction(5, 9)
    """
    obs = get(name)
    if method not in METHODS:
        raise InputError(f"method must be 'exact', 'montecarlo' or 'auto', not {method!r}")
    call = f"observe({name!r}, ...)"
    unknown = [p for p in params if p not in obs.params]
    if unknown:
        raise InputError(f"{call}: unexpected parameter{'s' if len(unknown) > 1 else ''} "
                         f"{', '.join(unknown)}; {name} takes {', '.join(obs.params)}")
    missing = [p for p in obs.params if p not in params]
    if missing:
        raise InputError(f"{call}: missing {', '.join(missing)}; {name} takes {', '.join(obs.params)} "
                         f"(e.g. {missing[0]}=...)")
    trials = require_int("trials", trials, 1, hint="Monte Carlo trials")
    seed = require_int("seed", seed, 0, hint="the Monte Carlo seed")
    if isinstance(budget, bool) or not isinstance(budget, (int, float)) or not budget > 0:
        raise InputError(f"budget must be a positive number of seconds, got {budget!r}")
    if method == "exact" and obs.exact is None:
        raise InputError(f"observable {name} has no exact implementation; use method='montecarlo' "
                         f"(or 'auto')")
    if method == "montecarlo" and obs.montecarlo is None:
        raise InputError(f"observable {name} has no Monte Carlo implementation; use method='exact' "
                         f"(or 'auto')")
    obs.check_args(params)
    if method == "exact":
        cost = obs.exact_cost(params)
        if cost > budget:
            raise TooLargeError(f"{call}: the exact value needs ~{cost:.3g}s, over budget={budget:g}s; "
                                f"pass a larger budget=..., or method='montecarlo'")
        return obs.exact(**params)
    if method == "montecarlo":
        return obs.montecarlo(**params, trials=trials, seed=seed)
    return evaluate(name, params, budget=budget, trials=trials, seed=seed)[0]
