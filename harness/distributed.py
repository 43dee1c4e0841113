"""Beyond one machine: claims, grid segments and Monte Carlo trial chunks as tasks on a Dask cluster
(``dask.distributed``), with the same results as a single-process run.

How a run is split (the tasks are :mod:`ticketcheck.harness.workunits`):

* **claims** run side by side: each claim's driver (``run_claim``, on the client, in a thread)
  decides its checks exactly as a single-process run does -- Holm's correction over a check's Monte
  Carlo points, falsifiers, readings, corrections, the smallest counterexample, empirical constants
  fitted over the whole grid -- from results it gathers; the drivers take turns computing (one at a
  time, :meth:`RunState.waiting`) and overlap their waiting;
* a check's **grid** is cut into contiguous segments, one task each (:class:`DaskExecutor`:
  ``tasks_per_grid``, by default four per worker thread); a falsifier run stops at its first
  violated point as on one machine (later segments are cancelled and dropped);
* a **Monte Carlo estimate** longer than ``trials_per_task`` trials is cut into trial chunks
  ``[first, first + count)``, one task each, whose success counts add up to the unsplit run's (the
  segment that needs it runs again with the sum);
* certify/symbolic checks are one task each.

Nothing here is imported by a single-machine run: ``ticketcheck review`` / ``check`` import it only
with ``--scheduler ADDRESS`` (an existing ``dask scheduler``) or ``--dask N`` (a local cluster of N
worker processes on 127.0.0.1, dashboard off); ``ticketcheck.check(..., client=)`` and
``ticketcheck.review(..., client=)`` take a ``dask.distributed.Client``.

Ctrl-C cancels every future of the run; the review keeps its finished claims (exit 130). The
review's per-claim time limit counts the claim's wall time, with at most one claim in flight per
worker thread (plus one).
"""
from __future__ import annotations

import contextlib
import dataclasses
import logging
import queue
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Callable

from ticketcheck.errors import InputError, MissingDependencyError
from ticketcheck.harness.checks import CheckRun, Segment, run_engine_check, run_segment
from ticketcheck.harness.options import RunOptions
from ticketcheck.harness.workunits import (TRIALS_PER_TASK, SegmentTask, check_path, chunk_task,
                                           claim_ref, engine_task, segment_task, trial_chunks)

__all__ = ["DaskOptions", "DaskExecutor", "RunState", "dask_client", "run_claim_on", "run_claims",
           "estimate_on", "tasks_text"]


@dataclass(frozen=True)
class DaskOptions:
    """How a run is cut into tasks. ``tasks_per_grid``: segments per check grid (None: four per
    worker thread); ``trials_per_task``: the longest Monte Carlo chunk; ``numba_threads``: numba
    threads per task (1: one task per worker thread)."""

    tasks_per_grid: int | None = None
    trials_per_task: int = TRIALS_PER_TASK
    numba_threads: int = 1

    def __post_init__(self):
        from ticketcheck.harness.user_options import count
        if self.tasks_per_grid is not None:
            count(self.tasks_per_grid, "tasks per grid")
        count(self.trials_per_task, "trials per task")
        count(self.numba_threads, "numba threads")


def _import_dask():
    try:
        import dask.distributed as dd
    except ImportError:
        raise MissingDependencyError("running on a Dask cluster needs dask.distributed: pip install "
                                     "'ticketcheck[dask]' (or run without --dask/--scheduler)") from None
    return dd


# ------------------------------------------------------------------ the run's futures

class RunState:
    """Every future of one run (so that Ctrl-C cancels them all), the task counts for the progress
    bar, and the stop flag the drivers check while they wait."""

    def __init__(self, client, progress: Callable[[str], None] | None = None):
        self.client = client
        self.progress = progress
        self.lock = threading.Lock()
        self.live: set = set()
        self.submitted = 0
        self.finished = 0
        #: tasks submitted, by function (segment_task, chunk_task, engine_task)
        self.kinds: dict[str, int] = {}
        self.stopped = False
        self._last = 0.0
        #: held by a claim's driver while it computes here (see :meth:`waiting`); None: one driver
        self.serial: threading.Lock | None = None

    @contextlib.contextmanager
    def waiting(self):
        """While a driver waits for its futures, the other drivers may compute. The drivers' own
        work (deciding checks: sympy, arb balls) runs one at a time: flint's working precision
        (``ctx.prec``) is one setting for the whole process, raised and restored around
        computations, so two drivers computing at once could change each other's balls."""
        if self.serial is None:
            yield
            return
        self.serial.release()
        try:
            yield
        finally:
            self.serial.acquire()

    def submit(self, fn, *args):
        if self.stopped:
            raise KeyboardInterrupt("the run was stopped")
        fut = self.client.submit(fn, *args, pure=False)
        with self.lock:
            self.live.add(fut)
            self.submitted += 1
            self.kinds[fn.__name__] = self.kinds.get(fn.__name__, 0) + 1
        fut.add_done_callback(self._done)
        return fut

    def _done(self, fut) -> None:
        with self.lock:
            if fut in self.live:
                self.live.discard(fut)
                self.finished += 1

    def cancel(self, futures) -> None:
        futures = list(futures)
        if futures:
            self.client.cancel(futures)
        with self.lock:
            for f in futures:
                if f in self.live:
                    self.live.discard(f)
                    self.submitted -= 1

    def cancel_all(self) -> None:
        """Stop the run: cancel every future (Ctrl-C)."""
        self.stopped = True
        with self.lock:
            live = list(self.live)
        with contextlib.suppress(Exception):
            self.client.cancel(live, force=True)

    def tick(self, what: str = "") -> None:
        """Report the task counts to ``progress`` (at most about three times a second)."""
        now = time.monotonic()
        if self.progress is None or now - self._last < 0.3:
            return
        self._last = now
        self.progress(f"{what}{': ' if what else ''}{tasks_text(self.finished, self.submitted)}")


def tasks_text(done: int, total: int, width: int = 20) -> str:
    """``[#####.....] 12/40 tasks``."""
    full = int(width * done / total) if total else 0
    return f"[{'#' * full}{'.' * (width - full)}] {done}/{total} tasks"


# ------------------------------------------------------------------ one claim's executor

class DaskExecutor:
    """``RunOptions.executor`` of one claim: its grid segments and engine checks as tasks."""

    def __init__(self, state: RunState, claim, options: DaskOptions | None = None, *,
                 deadline: float | None = None, timeout_error: Callable[[], BaseException] | None = None):
        self.state = state
        self.claim = claim
        self.options = options or DaskOptions()
        self.deadline = deadline
        self.timeout_error = timeout_error
        self._ref = None
        #: observable values of each grid segment (check path, start, stop), for the falsifier runs
        self.memo: dict[tuple, dict] = {}

    @property
    def ref(self):
        if self._ref is None:
            self._ref = claim_ref(self.claim)
        return self._ref

    def _threads(self) -> int:
        return sum(self.state.client.nthreads().values()) or 1

    def batches(self, n: int) -> list[tuple[int, int]]:
        """``[start, stop)`` of each segment of an ``n``-point grid."""
        k = self.options.tasks_per_grid or 4 * self._threads()
        k = max(1, min(n, k))
        return [(j * n // k, (j + 1) * n // k) for j in range(k)]

    @staticmethod
    def _task_opts(opts: RunOptions) -> RunOptions:
        return dataclasses.replace(opts, executor=None, progress=None)

    # -- waiting
    def _wait(self, futures) -> list:
        """The futures among ``futures`` that finished (at least one); raises KeyboardInterrupt
        when the run is stopped and the claim's timeout error past its deadline."""
        dd = _import_dask()
        while True:
            if self.state.stopped:
                raise KeyboardInterrupt("the run was stopped")
            if self.deadline is not None and time.monotonic() > self.deadline:
                self.state.cancel(futures)
                raise self.timeout_error()
            self.state.tick(self.claim.id)
            try:
                with self.state.waiting():
                    done, _ = dd.wait(list(futures), timeout=0.25, return_when="FIRST_COMPLETED")
            except TimeoutError:
                continue
            if done:
                return list(done)

    def _result(self, fut, others):
        """A finished future's value; on an error the claim's other futures are cancelled."""
        try:
            return fut.result()
        except BaseException as e:
            self.state.cancel(others)
            if self.state.stopped or type(e).__name__ == "CancelledError":
                raise KeyboardInterrupt("the run was stopped") from None
            raise

    # -- the map step of a check's grid
    def map_points(self, run: CheckRun, check, variant, n: int) -> list[Segment]:
        path = check_path(run.claim, check)
        if path is None:                      # not one of the claim's own checks: here
            return [run_segment(self._local(run), check, variant, 0, n)]
        opts = self._task_opts(run.opts)
        batches = self.batches(n)
        o = self.options
        parts: dict[int, list[Segment]] = {j: [] for j in range(len(batches))}
        live: dict = {}
        first_stop = len(batches)             # a falsifier run needs nothing after this segment

        def submit(j, start, requests, chunks):
            task = SegmentTask(self.ref, path, variant, opts, start, batches[j][1], o.trials_per_task,
                               o.numba_threads, tuple(requests))
            fut = self.state.submit(segment_task, task, self.memo.get((path, *batches[j]), {}), *chunks)
            live[fut] = (j, requests, chunks)

        for j, (a, _) in enumerate(batches):
            submit(j, a, [], [])
        while live:
            for fut in sorted(self._wait(live), key=lambda f: live[f][0]):
                if fut not in live:           # dropped after an earlier segment stopped
                    continue
                j, requests, chunks = live.pop(fut)
                seg = self._result(fut, live)
                parts[j].append(seg)
                if variant is None:
                    self.memo.setdefault((path, *batches[j]), {}).update(seg.memo)
                if seg.stopped:
                    first_stop = min(first_stop, j)
                    self.state.cancel([f for f, (j2, _, _) in live.items() if j2 > j])
                    for f in [f for f, (j2, _, _) in live.items() if j2 > j]:
                        del live[f]
                elif seg.deferred is not None and j <= first_stop:
                    req = seg.deferred
                    new = [self.state.submit(chunk_task, req, first, count, o.numba_threads)
                           for first, count in trial_chunks(req.trials, o.trials_per_task)]
                    submit(j, seg.stop, [*requests, (req, len(new))], [*chunks, *new])
        out = []
        for j in range(min(first_stop + 1, len(batches))):
            out += sorted(parts[j], key=lambda s: s.start)
        return out

    # -- engine checks
    def run_engine(self, run: CheckRun, check, variant) -> dict:
        path = check_path(run.claim, check)
        if path is None:
            return run_engine_check(self._local(run), check, variant)
        fut = self.state.submit(engine_task, self.ref, path, variant, self._task_opts(run.opts),
                                self.options.numba_threads)
        self._wait([fut])
        return self._result(fut, [])

    @staticmethod
    def _local(run: CheckRun) -> CheckRun:
        return CheckRun(run.claim, dataclasses.replace(run.opts, executor=None), run.scope, run.memo,
                        run.evaluate)


# ------------------------------------------------------------------ entry points

def run_claim_on(client, claim, opts: RunOptions, options: DaskOptions | None = None,
                 progress: Callable[[str], None] | None = None, state: RunState | None = None) -> dict:
    """``run_claim`` with its grids, trials and engine checks as tasks on ``client``'s cluster (the
    ``check`` command and ``ticketcheck.check(..., client=)``). Ctrl-C cancels the run's futures.
    ``state``: the run's :class:`RunState` (to read its task counts), by default a new one."""
    from ticketcheck.harness.runner import run_claim
    state = state or RunState(client, progress)
    o = dataclasses.replace(opts, executor=DaskExecutor(state, claim, options))
    try:
        return run_claim(claim, o)
    except BaseException:
        state.cancel_all()
        raise


def run_claims(client, claims, todo, opts: RunOptions, timeout, prog, running: dict, *,
               run_one, timeout_error, options: DaskOptions | None = None):
    """The review's executor on a cluster: yields ``(i, result, traceback)`` for each claim index of
    ``todo`` as claims finish (``run_one(claim, opts, timeout)`` runs each claim's driver in a
    thread of this process; its tasks go to the cluster)."""
    state = RunState(client)
    state.serial = threading.Lock()
    threads = sum(client.nthreads().values()) or 1
    finished: queue.Queue = queue.Queue()
    t_started: dict[int, float] = {}

    def drive(i: int) -> None:
        claim = claims[i]
        if state.stopped:
            return
        running[i] = claim.id
        t_started[i] = time.monotonic()
        deadline = t_started[i] + timeout if timeout else None
        ex = DaskExecutor(state, claim, options, deadline=deadline,
                          timeout_error=lambda: timeout_error(timeout))
        try:
            with state.serial:
                res, tb = run_one(claim, dataclasses.replace(opts, progress=None, executor=ex), timeout)
        except BaseException as e:  # an interrupt (the run was stopped): reported by the main loop
            finished.put((i, None, e))
            return
        finally:
            if not state.stopped:
                running.pop(i, None)
        finished.put((i, (res, tb), None))

    pool = ThreadPoolExecutor(max_workers=max(1, min(len(todo), threads + 1)),
                              thread_name_prefix="ticketcheck-claim")
    try:
        for i in todo:
            pool.submit(drive, i)
        remaining = len(todo)
        while remaining:
            try:
                i, out, exc = finished.get(timeout=0.25)
            except queue.Empty:
                _show_tasks(prog, state, running)
                continue
            remaining -= 1
            if exc is not None:
                raise KeyboardInterrupt(f"interrupted in {claims[i].id}") from exc
            _show_tasks(prog, state, running)
            yield (i, *out)
    except BaseException:
        state.cancel_all()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _show_tasks(prog, state: RunState, running: dict) -> None:
    if hasattr(prog, "tasks"):
        prog.tasks(state.finished, state.submitted)
    prog.status(", ".join(list(running.values())[:3]))


def estimate_on(client, name: str, *, trials, seed: int = 12345, options: DaskOptions | None = None,
                **params):
    """The Monte Carlo estimate of observable ``name`` at ``params`` as trial chunks on ``client``'s
    cluster: the same :class:`~ticketcheck.montecarlo.estimate.Estimate` (successes, trials, seed)
    as ``ticketcheck.observe(name, "montecarlo", trials=..., seed=..., **params)`` on one machine,
    in memory independent of ``trials`` on every worker. Ctrl-C cancels the chunks."""
    from ticketcheck import observables
    from ticketcheck.harness import user_options
    from ticketcheck.harness.workunits import EstimateRequest, _takes_first, add_chunks
    o = options or DaskOptions()
    obs = observables.get(name)
    obs.check_args(params)
    if obs.montecarlo is None or not _takes_first(obs.montecarlo):
        raise InputError(f"observable {name} has no Monte Carlo kernel that runs trial ranges "
                         f"[first, first + n); estimate it on one machine (ticketcheck.observe)")
    req = EstimateRequest(name, tuple(sorted(params.items())), user_options.seed(seed),
                          user_options.trials(trials))
    state = RunState(client)
    futures = [state.submit(chunk_task, req, first, count, o.numba_threads)
               for first, count in trial_chunks(req.trials, o.trials_per_task)]
    try:
        chunks = client.gather(futures)
    except BaseException:
        state.cancel_all()
        raise
    return add_chunks(req, chunks)


# ------------------------------------------------------------------ the cluster

@contextlib.contextmanager
def _sigint_ignored():
    """SIGINT ignored while local worker processes start, so that they inherit the ignoring: Ctrl-C
    reaches the whole process group, and only this process must act on it (cancel, keep results)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, old)


@contextlib.contextmanager
def _quiet_logs(level: int):
    """Dask's own loggers in this process at ``level`` (a connection closed while a cluster shuts
    down is logged with a traceback at INFO level: not for the user's terminal)."""
    log = logging.getLogger("distributed")
    old = log.level
    log.setLevel(level)
    try:
        yield
    finally:
        log.setLevel(old)


@contextlib.contextmanager
def dask_client(scheduler: str | None = None, workers: int | None = None, security=None):
    """See :func:`_dask_client`; Dask's log messages below ERROR are not shown meanwhile."""
    with _quiet_logs(logging.ERROR):
        with _dask_client(scheduler, workers, security) as client:
            yield client


@contextlib.contextmanager
def _dask_client(scheduler: str | None = None, workers: int | None = None, security=None):
    """A ``dask.distributed.Client``: connected to the scheduler at ``scheduler`` (``tcp://host:port``
    or ``tls://host:port``; TLS settings from ``security`` or Dask's configuration
    ``distributed.comm.tls.*``), or to a new local cluster of ``workers`` worker processes (one
    thread each) listening on 127.0.0.1 only, dashboard off. Closed (and the local cluster stopped)
    on exit."""
    if (scheduler is None) == (workers is None):
        raise InputError("give either a scheduler address or a number of local workers")
    dd = _import_dask()
    if scheduler is not None:
        try:
            client = dd.Client(scheduler, security=security)   # distributed.comm.timeouts.connect
        except (OSError, TimeoutError, ValueError) as e:
            raise InputError(f"cannot reach the Dask scheduler at {scheduler} ({type(e).__name__}: "
                             f"{' '.join(str(e).split())[:160]}); start one with `dask scheduler` or "
                             f"use --dask N for a local cluster") from None
        try:
            yield client
        finally:
            with _quiet_logs(logging.CRITICAL):
                client.close()
        return
    with _sigint_ignored():
        # no dashboard; the scheduler's own HTTP endpoints (health, metrics) on a free local port
        cluster = dd.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", scheduler_port=0, dashboard_address=None,
                                  scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                                  silence_logs=logging.ERROR)
    try:
        client = dd.Client(cluster)
        try:
            yield client
        finally:
            with _quiet_logs(logging.CRITICAL):
                client.close()
    finally:
        with _quiet_logs(logging.CRITICAL):
            cluster.close()
