"""Run options given by a user (command line or Python API), checked into a
:class:`~ticketcheck.harness.runner.RunOptions`: every bad value is one
:class:`~ticketcheck.errors.InputError` line naming the value and what to give instead.

* trials: a positive integer, also written in scientific notation (``1e10``, ``2.5e3``), never a
  fraction (``1.5e0``), at most :data:`MAX_TRIALS` (trial indices are 64-bit in the kernels);
* seed: an integer in ``[0, 2^63)``; budget: seconds, finite and positive; jobs: ``0`` (one per
  core, at most 2) to :data:`MAX_JOBS`; claim timeout: seconds, finite and ``>= 0`` (0 = no limit);
* grid: the ``--grid`` mini-language, or (Python) a dict of value lists, each non-empty.
"""
from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any, Mapping

from ticketcheck.errors import InputError

__all__ = ["MAX_TRIALS", "MAX_SEED", "MAX_JOBS", "count", "trials", "seed", "budget", "jobs", "workers",
           "claim_timeout", "grid_text", "run_options"]

MAX_TRIALS = 2 ** 62
MAX_SEED = 2 ** 63 - 1
MAX_JOBS = 64


_EXAMPLE = {"trials": "20000 or 1e6", "seed": "12345", "jobs": "2", "workers": "2"}


def count(value: Any, name: str, maximum: int | None = None, minimum: int = 1) -> int:
    """A whole number from an int, an integral float, or a decimal or scientific string."""
    example = _EXAMPLE.get(name, "10")
    if isinstance(value, bool):
        raise InputError(f"{name} must be an integer, not {value!r}; give e.g. {example}")
    if isinstance(value, int):
        n = value
    else:
        text = str(value).strip()
        try:
            d = Decimal(text.replace("_", "")) if isinstance(value, str) else Decimal(value)
        except (InvalidOperation, ValueError, TypeError):
            raise InputError(f"{name} must be an integer, not {text!r}; give e.g. {example}") from None
        if not d.is_finite():
            raise InputError(f"{name} must be a finite integer, not {text}; give e.g. {example}")
        if d != d.to_integral_value():
            raise InputError(f"{name} must be a whole number, not {text}; give e.g. "
                             f"{int(d.to_integral_value()) or 1}")
        n = int(d)
    if n < minimum:
        raise InputError(f"{name} must be {'positive' if minimum == 1 else f'>= {minimum}'}, not {n}; "
                         f"give e.g. {example}")
    if maximum is not None and n > maximum:
        raise InputError(f"{name} = {n} is too large (at most {maximum}); give a smaller value")
    return n


def trials(value: Any) -> int:
    return count(value, "trials", MAX_TRIALS)


def seed(value: Any) -> int:
    return count(value, "seed", MAX_SEED, minimum=0)


def _seconds(value: Any, name: str) -> float:
    if isinstance(value, bool):
        raise InputError(f"{name} must be a number of seconds, not {value!r}; give e.g. 2.5")
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise InputError(f"{name} must be a number of seconds, not {value!r}; give e.g. 2.5") from None
    if not math.isfinite(x):
        raise InputError(f"{name} must be a finite number of seconds, not {value}; give e.g. 2.5")
    return x


def budget(value: Any) -> float:
    x = _seconds(value, "budget")
    if x <= 0:
        raise InputError(f"budget must be positive (seconds an exact point may take), not {value}; "
                         f"give e.g. 2")
    return x


def claim_timeout(value: Any) -> float:
    x = _seconds(value, "claim timeout")
    if x < 0:
        raise InputError(f"claim timeout must be >= 0 seconds, not {value}; give e.g. 60 (0 = no limit)")
    return x


def jobs(value: Any) -> int:
    """``0`` means one per core, at most 2."""
    import os
    n = count(value, "jobs", MAX_JOBS, minimum=0)
    return n or min(2, os.cpu_count() or 1)


def workers(value: Any) -> int:
    """Worker processes of a local Dask cluster (``--dask N``): 1 to :data:`MAX_JOBS`."""
    return count(value, "workers", MAX_JOBS)


def _grid_value(v) -> str:
    if isinstance(v, bool):
        raise InputError(f"grid value {v!r} is not a number; give integers, fractions or names")
    if isinstance(v, float):
        if not math.isfinite(v):
            raise InputError(f"grid value {v} is not finite; give integers, fractions or decimals")
        return repr(v)  # read back as the exact decimal the user typed
    if isinstance(v, Fraction):
        return str(v)
    return str(v)


def grid_text(grid: Any) -> str | None:
    """``None``, the ``--grid`` mini-language (checked by the parser), or a dict ``{name: values}``
    written in it (each list of values non-empty)."""
    if grid is None:
        return None
    if isinstance(grid, str):
        from ticketcheck.harness.grid import parse_grid
        parse_grid(grid)  # one-line error now rather than at the first check
        return grid
    if not isinstance(grid, Mapping):
        raise InputError(f"grid must be a string or a dict, not a {type(grid).__name__}; give e.g. "
                         f"'M=1..4;t=10' or {{'M': [1, 2], 't': [10]}}")
    if not grid:
        raise InputError("grid is empty; give at least one parameter, e.g. {'M': [1, 2]}")
    parts = []
    for k, v in grid.items():
        if not isinstance(k, str) or not k.isidentifier():
            raise InputError(f"grid parameter name {k!r} is not a name; use e.g. 'M'")
        vals = list(v) if not isinstance(v, (str, bytes)) and hasattr(v, "__iter__") else [v]
        if not vals:
            raise InputError(f"grid parameter {k} has no values; give at least one (e.g. {{{k!r}: [1]}})")
        parts.append(f"{k}=" + ",".join(_grid_value(x) for x in vals))
    return ";".join(parts)


def run_options(*, trials_=None, seed_=None, budget_=None, quick: bool = False, grid=None,
                check: str | None = None):
    """A :class:`RunOptions` from user values (``None``: the default)."""
    from ticketcheck.harness.runner import RunOptions
    opts = RunOptions()
    if trials_ is not None:
        opts.trials = trials(trials_)
    if seed_ is not None:
        opts.seed = seed(seed_)
    if budget_ is not None:
        opts.budget = budget(budget_)
    if not isinstance(quick, bool):
        raise InputError(f"quick must be True or False, not {quick!r}; give a bool")
    opts.quick = quick
    opts.grid = grid_text(grid)
    if check is not None and not isinstance(check, str):
        raise InputError(f"check must be the name of one check, not {check!r}; give a string (the "
                         f"claim's checks are listed by `ticketcheck list --json`)")
    opts.check = check
    return opts
