"""ticketcheck: check the theorems of Random Subset Sum / Strong Lottery Ticket papers.

The package root is the lowest layer (errors, exact/interval number comparisons, the verdict
vocabulary) plus a public facade whose names are imported lazily, on first use, so that
``import ticketcheck.errors`` does not load the engine (sympy, numba, the claims):

>>> import ticketcheck
>>> res = ticketcheck.check("unified.lemma4", grid="M=1;Delta=0;beta=1/16;t=1..20")  # doctest: +SKIP
>>> res.verdict, res.counterexample                                                   # doctest: +SKIP

Subpackages (the repository's top-level folders, see pyproject's ``package-dir``): ``exact``,
``montecarlo`` (computations from plain parameters), ``observables`` (named random quantities and
the exact-vs-Monte-Carlo choice), ``bounds`` (the papers' claims), ``harness`` (engine and
application), ``reports`` (rendering of results files).
"""
from __future__ import annotations

import importlib
import os as _os

# Run from a source checkout that is not installed (or with the checkout's folder first on
# sys.path, as ``python -m pytest`` does): the subpackages live in the repository's top-level
# folders, mapped by pyproject's ``package-dir``. Make them importable as ``ticketcheck.<name>``.
_here = _os.path.dirname(_os.path.abspath(__file__))
_repo = _os.path.dirname(_here)
if (not _os.path.isdir(_os.path.join(_here, "harness"))
        and _os.path.isfile(_os.path.join(_repo, "harness", "__init__.py"))
        and _os.path.isfile(_os.path.join(_repo, "pyproject.toml"))):
    __path__.append(_repo)  # type: ignore[name-defined]  # noqa: F821

#: public name -> (module, attribute); resolved on first access by :func:`__getattr__`
_FACADE = {
    "check": ("ticketcheck.harness.api", "check"),
    "review": ("ticketcheck.harness.api", "review"),
    "Result": ("ticketcheck.harness.api", "Result"),
    "user_claim": ("ticketcheck.harness.testing", "user_claim"),
    "assert_claim_holds": ("ticketcheck.harness.testing", "assert_claim_holds"),
    "observe": ("ticketcheck.observables", "observe"),
    "Estimate": ("ticketcheck.montecarlo.estimate", "Estimate"),
    "TicketcheckError": ("ticketcheck.errors", "TicketcheckError"),
    "InputError": ("ticketcheck.errors", "InputError"),
}

__all__ = sorted([*_FACADE, "__version__"])


def __getattr__(name: str):
    if name == "__version__":
        from ticketcheck.version import __version__
        return __version__
    try:
        module, attr = _FACADE[name]
    except KeyError:
        raise AttributeError(f"module 'ticketcheck' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), attr)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(__all__))
