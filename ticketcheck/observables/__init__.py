"""Registry of observables: a name -> its exact and Monte Carlo implementations and exact cost.

A family module in this package (``rssp.py``, ``rfss.py``, ...) calls :func:`register` at import; all
modules of the package are imported on first lookup. exact/ and montecarlo/ stay free of any claim
knowledge; this is the only place that names their functions.
"""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from typing import Any, Callable, Literal

from ticketcheck.errors import InputError

__all__ = ["Observable", "register", "get", "all_observables"]


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
