"""Work units of a distributed run: what one task computes, named by plain data, and how a worker
finds the claim again (:mod:`ticketcheck.harness.distributed` submits them).

Three kinds of task:

* a **segment** (:func:`segment_task`): the points ``[start, stop)`` of one check's grid, under a
  variant (falsifier, correction) or none -- the map step of :mod:`ticketcheck.harness.checks`
  (every point's seed is a function of the run seed, the claim, the check and the point, so a
  segment gives the same records wherever it runs);
* a **trial chunk** (:func:`chunk_task`): the trials ``[first, first + count)`` of one Monte Carlo
  estimate (trial ``i``'s random stream depends only on ``(seed, i)``, :mod:`ticketcheck.montecarlo.chunks`,
  so the success counts of the chunks add up to the unsplit run's, bit for bit);
* an **engine check** (:func:`engine_task`): one certify/symbolic check.

A task names its claim by a :class:`ClaimRef`: the claim id, plus the files of the modules that
declared it when they are not part of the package (claims loaded from a user's file). A worker looks
the id up in its own registry (the package's papers and installed plugins load there as on the
client); an id it does not know makes it import the shipped files **by path** (the same path as on
the client, whose content must match: a shared file system, or the same checkout at the same place)
and look again. A claim that has no id to find it by (built in a notebook, or a changed copy of a
catalogue claim) travels by value (cloudpickle).

A point whose Monte Carlo estimate is longer than ``trials_per_task`` is not computed inside the
segment: the worker's chooser (:class:`ChunkingChooser`) ends the segment before that point with a
request (:class:`EstimateRequest`); the driver computes the estimate as trial chunks and runs the
rest of the segment again with the sum.

Flint's ``arb`` balls do not pickle; :func:`_reduce_arb` sends one exactly (midpoint and radius).
"""
from __future__ import annotations

import collections
import copyreg
import functools
import hashlib
import importlib.util
import inspect
import socket
import sys
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from flint import arb, arf

from ticketcheck import observables
from ticketcheck.errors import InputError, UnknownClaimError
from ticketcheck.harness.checks import CheckRun, Deferred, Segment, run_engine_check, run_segment
from ticketcheck.harness.options import RunOptions
from ticketcheck.harness.scope import Scope

__all__ = ["ClaimRef", "claim_ref", "resolve_claim", "check_path", "resolve_check", "SegmentTask",
           "EstimateRequest", "ChunkingChooser", "segment_task", "chunk_task", "engine_task",
           "add_chunks", "trial_chunks", "TRIALS_PER_TASK"]

#: a Monte Carlo estimate longer than this is split into trial chunks of at most this many trials
TRIALS_PER_TASK = 10_000_000

#: tasks this process ran, by kind (``client.run`` reads it: which workers did the work)
TASKS_RUN: collections.Counter = collections.Counter()


# ------------------------------------------------------------------ claims

@dataclass(frozen=True)
class ClaimRef:
    """How a worker finds a claim: its id, the user files that declare it (path, sha256), or the
    claim itself (``claim``) when it has no id to be found by."""

    id: str
    files: tuple[tuple[str, str], ...] = ()
    claim: Any = None


def _digest(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _main_file() -> str | None:
    f = getattr(sys.modules.get("__main__"), "__file__", None)
    return str(Path(f).resolve()) if f else None


def _user_claims() -> dict:
    """Claims made with ``ticketcheck.user_claim`` in this process (none if the module that makes
    them, the application's ``harness.testing``, was never imported: not imported from here)."""
    return getattr(sys.modules.get("ticketcheck.harness.testing"), "USER_CLAIMS", {})


def claim_ref(claim) -> ClaimRef:
    """The reference a task carries for ``claim`` (client side)."""
    from ticketcheck.bounds.registry import declaring_modules, get_claim
    user = _user_claims().get(claim.id)
    if user is not None and user[0] is claim:
        file = user[1]
        if file and Path(file).is_file() and str(Path(file).resolve()) != _main_file():
            return ClaimRef(claim.id, ((str(Path(file).resolve()), _digest(file)),))
        return ClaimRef(claim.id, claim=claim)       # made in a script or a notebook: by value
    try:
        registered = get_claim(claim.id)
    except UnknownClaimError:
        registered = None
    if registered is not claim:
        return ClaimRef(claim.id, claim=claim)
    files = []
    for name in declaring_modules(claim.id):
        if name.startswith("ticketcheck."):
            continue
        file = getattr(sys.modules.get(name), "__file__", None)
        if not file or not Path(file).is_file():    # a module a worker cannot import: by value
            return ClaimRef(claim.id, claim=claim)
        if str(Path(file).resolve()) == _main_file():
            return ClaimRef(claim.id, claim=claim)
        files.append((str(Path(file).resolve()), _digest(file)))
    return ClaimRef(claim.id, tuple(files))


_LOADED: dict[str, str] = {}          # path -> digest of the user files imported by this process


def load_claim_file(path: str, digest: str) -> None:
    """Import a user's claims file by path, once per process; one-line errors when the worker
    does not have it (or has another version)."""
    if _LOADED.get(path) == digest:
        return
    host = socket.gethostname()
    p = Path(path)
    if not p.is_file():
        raise InputError(f"claims file {path} is not on worker host {host}: put it at the same path "
                         f"on every worker (a shared file system), or install it as a plugin package")
    if _digest(path) != digest:
        raise InputError(f"claims file {path} on worker host {host} differs from the client's copy; "
                         f"give every worker the same file")
    name = f"ticketcheck_claims_{p.stem}_{digest[:10]}"
    spec = importlib.util.spec_from_file_location(name, p)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    _LOADED[path] = digest


def _lookup(claim_id: str):
    from ticketcheck.bounds.registry import get_claim
    user = _user_claims().get(claim_id)
    if user is not None:
        return user[0]
    try:
        return get_claim(claim_id)
    except UnknownClaimError:
        return None


def resolve_claim(ref: ClaimRef):
    """The claim a reference names (worker side)."""
    if ref.claim is not None:
        return ref.claim
    found = _lookup(ref.id)
    if found is None:
        for path, digest in ref.files:
            load_claim_file(path, digest)
        found = _lookup(ref.id)
    if found is None:
        where = f" after importing {', '.join(p for p, _ in ref.files)}" if ref.files else ""
        raise InputError(f"claim {ref.id} is unknown on worker host {socket.gethostname()}{where}; "
                         f"install the same ticketcheck (and plugins) on every worker")
    return found


def check_path(claim, check) -> tuple | None:
    """Where ``check`` sits in ``claim``: ``(index, name)`` or ``(index, name, part)`` for a gap
    check's implication/used form; None when the check is not one of the claim's."""
    from ticketcheck.bounds.claim import GapCheck
    for i, c in enumerate(claim.checks):
        if c is check:
            return (i, c.name)
        if isinstance(c, GapCheck):
            for part in ("implication", "used"):
                if getattr(c, part) is check:
                    return (i, c.name, part)
    return None


def resolve_check(claim, path: tuple):
    c = claim.checks[path[0]]
    if c.name != path[1]:
        raise InputError(f"{claim.id}: check {path[0]} is {c.name!r} on this worker, not {path[1]!r}; "
                         f"every worker needs the same version of the claim")
    return getattr(c, path[2]) if len(path) > 2 else c


_SCOPES: dict[tuple, Scope] = {}


def _run_for(ref: ClaimRef, opts: RunOptions, memo: dict, evaluate=None) -> CheckRun:
    claim = resolve_claim(ref)
    key = (ref.id, ref.files)
    scope = _SCOPES.get(key) if ref.claim is None else None
    if scope is None:
        scope = Scope(claim)
        if ref.claim is None:
            _SCOPES[key] = scope
    return CheckRun(claim, opts, scope, dict(memo), evaluate)


def _start(kind: str, numba_threads: int) -> None:
    """A task starts: counted, with ``numba_threads`` numba threads (1 by default: one task per
    worker thread)."""
    TASKS_RUN[kind] += 1
    _numba_threads(numba_threads)


def _numba_threads(n: int) -> None:
    import numba
    numba.set_num_threads(max(1, min(int(n), numba.config.NUMBA_NUM_THREADS)))


# ------------------------------------------------------------------ Monte Carlo chunks

@dataclass(frozen=True)
class EstimateRequest:
    """One Monte Carlo estimate to compute as trial chunks: observable, arguments, seed, trials."""

    observable: str
    args: tuple
    seed: int
    trials: int

    @property
    def key(self) -> tuple:
        return (self.observable, tuple((k, str(v)) for k, v in self.args), self.seed, self.trials)


@functools.lru_cache(maxsize=None)
def _takes_first(fn) -> bool:
    try:
        return "first" in inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False


def _plain(v) -> bool:
    return isinstance(v, (int, Fraction, str)) and not isinstance(v, bool)


def trial_chunks(trials: int, per_task: int) -> list[tuple[int, int]]:
    """``[(first, count), ...]`` covering ``[0, trials)`` in chunks of at most ``per_task``."""
    return [(f, min(per_task, trials - f)) for f in range(0, trials, per_task)]


def add_chunks(request: EstimateRequest, chunks: list):
    """The estimate of the whole range from its chunks (their sum: same successes as the unsplit
    run); a kernel whose chunks do not add up (conditioned counts, extra fields) is run unsplit."""
    from ticketcheck.montecarlo.estimate import Estimate
    if chunks and all(type(c) is Estimate and not c.extra for c in chunks):
        total = sum(chunks[1:], chunks[0])
        if total.first == 0 and total.trials == request.trials:
            return total
    obs = observables.get(request.observable)
    return obs.montecarlo(**dict(request.args), trials=request.trials, seed=request.seed)


class ChunkingChooser:
    """The exact-vs-Monte-Carlo chooser of a worker: :func:`ticketcheck.observables.evaluate`, except
    that a Monte Carlo estimate longer than ``trials_per_task`` (of an observable whose kernel takes
    ``first``) comes from ``prefetched`` or ends the segment with a request (:class:`Deferred`)."""

    def __init__(self, prefetched: dict, trials_per_task: int):
        self.prefetched = prefetched
        self.trials_per_task = trials_per_task

    def __call__(self, name: str, args: dict, *, budget: float, trials: int, seed: int):
        obs = observables.get(name)
        if (trials > self.trials_per_task and obs.montecarlo is not None
                and _takes_first(obs.montecarlo) and all(_plain(v) for v in args.values())):
            obs.check_args(args)
            if not (obs.exact is not None and obs.exact_cost(args) <= budget):
                req = EstimateRequest(name, tuple(sorted(args.items())), int(seed), int(trials))
                if req.key in self.prefetched:
                    return self.prefetched[req.key], "montecarlo"
                raise Deferred(req)
        return observables.evaluate(name, args, budget=budget, trials=trials, seed=seed)


# ------------------------------------------------------------------ tasks

@dataclass(frozen=True)
class SegmentTask:
    """One stretch ``[start, stop)`` of a check's grid under ``variant`` (None: the check itself)."""

    claim: ClaimRef
    path: tuple
    variant: Any
    opts: RunOptions
    start: int
    stop: int
    trials_per_task: int = TRIALS_PER_TASK
    numba_threads: int = 1
    requests: tuple = field(default=())      # (EstimateRequest, number of chunks), in argument order


def segment_task(task: SegmentTask, memo: dict, *chunks) -> Segment:
    """Run a segment; ``chunks`` are the trial chunks of ``task.requests``, in order."""
    _start("segment", task.numba_threads)
    prefetched, pos = {}, 0
    for req, n in task.requests:
        prefetched[req.key] = add_chunks(req, list(chunks[pos:pos + n]))
        pos += n
    run = _run_for(task.claim, task.opts, memo, ChunkingChooser(prefetched, task.trials_per_task))
    check = resolve_check(run.claim, task.path)
    return run_segment(run, check, task.variant, task.start, task.stop)


def chunk_task(request: EstimateRequest, first: int, count: int, numba_threads: int = 1):
    """The trials ``[first, first + count)`` of a requested estimate."""
    _start("chunk", numba_threads)
    obs = observables.get(request.observable)
    return obs.montecarlo(**dict(request.args), trials=count, seed=request.seed, first=first)


def engine_task(ref: ClaimRef, path: tuple, variant, opts: RunOptions, numba_threads: int = 1) -> dict:
    """One certify/symbolic check."""
    _start("engine", numba_threads)
    run = _run_for(ref, opts, {})
    return run_engine_check(run, resolve_check(run.claim, path), variant)


# ------------------------------------------------------------------ exact transport of arb balls

_MAG_BITS = 30      # flint's mag_t mantissa: a ball's radius has at most this many bits


def _arb_from(mid: tuple, rad: tuple | None, special: str | None = None) -> arb:
    if special is not None:
        return arb(special)
    return arb(arf(mid)) if rad is None else arb(arf(mid), arf(rad))


def _reduce_arb(x: arb):
    """``x`` as (midpoint, radius) exactly. Flint rounds a radius given as an arf up by one unit of
    its 30-bit mantissa, so the radius travels one unit below its value (checked on the spot)."""
    if not x.is_finite():
        return _arb_from, (None, None, x.str(radius=True))
    m, e = (int(t) for t in x.mid().man_exp())
    rm, re_ = (int(t) for t in x.rad().man_exp())
    if rm == 0:
        return _arb_from, ((m, e), None)
    shift = _MAG_BITS - rm.bit_length()
    rm, re_ = rm << shift, re_ - shift
    below = ((1 << _MAG_BITS) - 1, re_ - 1) if rm == 1 << (_MAG_BITS - 1) else (rm - 1, re_)
    y = _arb_from((m, e), below)
    if y.rad().man_exp() != x.rad().man_exp() or y.mid().man_exp() != x.mid().man_exp():
        raise ValueError(f"cannot send the ball {x} exactly")
    return _arb_from, ((m, e), below)


copyreg.pickle(arb, _reduce_arb)
