"""Options of one run, the seed of each grid point, and the command that replays a point."""
from __future__ import annotations

import shlex
import zlib
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from ticketcheck.harness import grid as gridmod
from ticketcheck.harness.verdict import ALPHA

__all__ = ["RunOptions", "point_seed", "replay_command"]


@dataclass
class RunOptions:
    trials: int = 20000
    seed: int = 12345
    budget: float = 2.0
    confidence: float = 0.99
    alpha: float = ALPHA
    quick: bool = False
    grid: str | None = None
    check: str | None = None
    overlap_points: int = 2
    overlap_trials: int = 4000
    progress: Callable[[str], None] | None = None
    extra: dict = field(default_factory=dict)
    #: where grid segments and engine checks run (``None``: here; a distributed executor of
    #: :mod:`ticketcheck.harness.distributed`); not part of any result or cache key
    executor: Any = None


def point_seed(seed: int, claim_id: str, check: str, params: Mapping) -> int:
    """Seed of one grid point: a function of the run seed, the claim, the check and the params."""
    key = f"{seed}|{claim_id}|{check}|{sorted((k, str(v)) for k, v in params.items())}"
    return zlib.crc32(key.encode()) ^ (seed * 2654435761 % 2**32)


def replay_command(claim_id: str, check: str | None, params: Mapping, opts: RunOptions,
                   method: str | None = None) -> str:
    from ticketcheck.bounds.plugins import replay_args
    parts = [f"ticketcheck check {claim_id}"]
    plugin = replay_args(claim_id)          # a claim of a plugin file: `--claims PATH`
    if plugin:
        parts.append(plugin)
    if check:
        parts.append(f"--check {check}")
    if params:
        parts.append(f"--grid {shlex.quote(gridmod.grid_text(params))}")
        if opts.quick:  # the point's other defaults come from the quick grid
            parts.append("--quick")
    if method == "montecarlo":
        parts.append(f"--seed {opts.seed} --trials {opts.trials}")
    if opts.budget != RunOptions.budget:  # exact-vs-MC choice depends on it
        parts.append(f"--budget {opts.budget:g}")
    return " ".join(parts)
