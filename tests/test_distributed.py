"""Distributed runs (harness/distributed.py, harness/workunits.py): the same results as one process.

* without a cluster: any split of a grid into segments, and of a Monte Carlo estimate into trial
  chunks, gives the serial run's records and counts bit for bit (the work units run in-process);
  arb balls travel exactly; the single-machine path imports nothing of Dask;
* on a real cluster: a scheduler and two workers started as separate processes on 127.0.0.1
  (free ports, no dashboard), killed at teardown; ``ticketcheck check/review --scheduler`` and
  ``run_claim_on`` give the serial results (``ticketcheck diff``) with tasks on both workers; a
  claim loaded from a user's file is imported by path on the workers; a worker killed while it
  holds an unfinished task does not change the results (Dask reschedules the task).
"""
from __future__ import annotations

import dataclasses
import json
import os
import pickle
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ticketcheck.harness.checks import CheckRun
from ticketcheck.harness.diff import differences
from ticketcheck.harness.options import RunOptions
from ticketcheck.harness.runner import run_claim
from ticketcheck.harness.workunits import (ClaimRef, EstimateRequest, SegmentTask, add_chunks,
                                           check_path, chunk_task, claim_ref, segment_task,
                                           trial_chunks)

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import _dask_claims  # noqa: E402  (a user's claims file: shipped to the workers by path)

dd = pytest.importorskip("dask.distributed")
BIN = Path(sys.executable).parent
MC_OPTS = dict(budget=1e-9, trials=8000)       # every point of the user claim by Monte Carlo


def _same(a: dict, b: dict) -> list:
    """Differences between two claim records, timing fields aside (``ticketcheck diff``'s rule)."""
    return list(differences(a, b))


# ------------------------------------------------------------------ any split, in process

class SplitExecutor:
    """An executor that cuts every grid at random places and runs the work units here (what
    DaskExecutor does on a cluster): long estimates as trial chunks, deferred points run again."""

    def __init__(self, claim, rng: random.Random, trials_per_task: int):
        self.claim, self.rng, self.tpt = claim, rng, trials_per_task
        self.ref = ClaimRef(claim.id, claim=claim)
        self.chunks = 0

    def map_points(self, run, check, variant, n):
        cuts = sorted(self.rng.sample(range(1, n), min(n - 1, self.rng.randint(0, 4)))) if n > 1 else []
        path = check_path(run.claim, check)
        opts = dataclasses.replace(run.opts, executor=None, progress=None)
        out = []
        for a, b in zip([0, *cuts], [*cuts, n]):
            requests, chunks = [], []
            while True:
                seg = segment_task(SegmentTask(self.ref, path, variant, opts, a, b, self.tpt, 1,
                                               tuple(requests)), {}, *chunks)
                out.append(seg)
                if seg.stopped:
                    return out
                if seg.deferred is None:
                    break
                new = [chunk_task(seg.deferred, f, c) for f, c in trial_chunks(seg.deferred.trials, self.tpt)]
                self.chunks += len(new)
                requests.append((seg.deferred, len(new)))
                chunks += new
                a = seg.stop
        return out

    def run_engine(self, run, check, variant):
        from ticketcheck.harness.checks import run_engine_check
        return run_engine_check(CheckRun(run.claim, dataclasses.replace(run.opts, executor=None),
                                         run.scope), check, variant)


@pytest.mark.parametrize("seed", [1, 2])
def test_any_split_of_grid_and_trials_gives_the_serial_result(seed):
    claim = _dask_claims.ONE_SAMPLE
    serial = run_claim(claim, RunOptions(**MC_OPTS))
    ex = SplitExecutor(claim, random.Random(seed), trials_per_task=3001)
    split = run_claim(claim, RunOptions(**MC_OPTS, executor=ex))
    assert ex.chunks >= 3 * 12            # every point's 8000 trials came as 3 chunks
    assert serial["verdict"] == "holds" and serial["falsifiable_checks"] == 1
    assert _same(serial, split) == []


def test_split_catalogue_claims_with_falsifiers_gap_parts_and_engines():
    from ticketcheck.bounds.registry import get_claim
    for cid in ("unified.step_lemma6_m", "kumar_natale.phase_transition", "sparsity.eq5"):
        claim = get_claim(cid)
        serial = run_claim(claim, RunOptions(quick=True))
        split = run_claim(claim, RunOptions(quick=True, executor=SplitExecutor(claim, random.Random(3), 10**7)))
        assert _same(serial, split) == [], cid


def test_chunks_add_up_to_the_unsplit_estimate_bit_for_bit():
    from ticketcheck import observables
    req = EstimateRequest("rssp.single_target", (("M", 5), ("delta", 0), ("n", 6), ("z", 3)), 99, 100_003)
    whole = observables.get(req.observable).montecarlo(M=5, n=6, delta=0, z=3, trials=100_003, seed=99)
    for per in (100_003, 50_000, 7_919, 1):
        if per == 1:   # a chunk of one trial each would be 10^5 tasks: check the first 300 only
            head = sum(chunk_task(req, f, 1).successes for f in range(300))
            assert head == observables.get(req.observable).montecarlo(
                M=5, n=6, delta=0, z=3, trials=300, seed=99).successes
            continue
        parts = [chunk_task(req, f, c) for f, c in trial_chunks(req.trials, per)]
        total = add_chunks(req, parts)
        assert (total.successes, total.trials, total.first, total.seed) == \
               (whole.successes, whole.trials, 0, 99)
        assert total.to_json() == whole.to_json()


def test_arb_balls_travel_exactly():
    from flint import arb, ctx
    rng = random.Random(5)
    old = ctx.prec
    try:
        for prec in (53, 680, 10880):
            ctx.prec = prec
            for _ in range(300):
                x = (arb(rng.randint(1, 10**9)) / rng.randint(1, 10**9)).exp() * arb(2) ** rng.randint(-500, 500)
                for y in (x, arb(rng.randint(-10**6, 10**6), arb(2) ** rng.randint(-80, 3)), arb(7)):
                    z = pickle.loads(pickle.dumps(y))
                    assert (z.mid().man_exp(), z.rad().man_exp()) == (y.mid().man_exp(), y.rad().man_exp())
    finally:
        ctx.prec = old


def test_claim_references():
    from ticketcheck.bounds.registry import get_claim
    cat = get_claim("unified.lemma4")
    assert claim_ref(cat) == ClaimRef("unified.lemma4")          # found by id on a worker
    user = claim_ref(_dask_claims.ONE_SAMPLE)                      # its file travels by path
    assert user.claim is None and user.files[0][0] == str(HERE / "_dask_claims.py")
    changed = dataclasses.replace(cat, title="a changed copy")
    assert claim_ref(changed).claim is changed                     # not findable by id: by value


def test_single_machine_path_imports_no_dask(tmp_path):
    code = ("import sys; from ticketcheck.harness.cli import main; "
            "rc = main(['check', 'kumar_natale.phase_transition', '--quick', '--json']); "
            "assert not [m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')], 'dask imported'; "
            "print('rc', rc)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert out.returncode == 0, out.stderr[-500:]
    assert "rc 0" in out.stdout


def test_cluster_options_are_checked():
    from ticketcheck.harness.cli import main
    assert main(["check", "slides.thm1", "--dask", "0"]) == 2
    assert main(["check", "slides.thm1", "--dask", "2", "--scheduler", "tcp://127.0.0.1:1"]) == 2
    assert main(["check", "slides.thm1", "--trials-per-task", "1e6"]) == 2     # without a cluster
    import dask
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        assert main(["check", "slides.thm1", "--scheduler", "tcp://127.0.0.1:9"]) == 2  # nobody there
    from ticketcheck.harness import user_options
    assert user_options.trials("1e10") == 10**10
    import ticketcheck
    from ticketcheck.errors import InputError
    with pytest.raises(InputError, match="dask.distributed.Client"):
        ticketcheck.check("slides.thm1", client="tcp://127.0.0.1:8786")


# ------------------------------------------------------------------ a real cluster

def _spawn(args, log: Path) -> subprocess.Popen:
    return subprocess.Popen(args, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True,
                            env={**os.environ, "NUMBA_NUM_THREADS": "1"})


def _kill(p: subprocess.Popen) -> None:
    try:
        os.killpg(p.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    p.wait(10)


class Cluster:
    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.procs: list[subprocess.Popen] = []
        sched_file = tmp / "scheduler.json"
        self.procs.append(_spawn([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", "0",
                                  "--no-dashboard", "--scheduler-file", str(sched_file)], tmp / "scheduler.log"))
        deadline = time.monotonic() + 60
        while not sched_file.exists() or not sched_file.read_text().strip():
            assert time.monotonic() < deadline, (tmp / "scheduler.log").read_text()[-2000:]
            time.sleep(0.1)
        self.address = json.loads(sched_file.read_text())["address"]
        self.workers = [self.add_worker(f"w{i}") for i in range(2)]
        self.client = dd.Client(self.address, timeout="30s")
        self.client.wait_for_workers(2, timeout=60)

    def add_worker(self, name: str) -> subprocess.Popen:
        p = _spawn([str(BIN / "dask"), "worker", self.address, "--nthreads", "1", "--no-nanny",
                    "--no-dashboard", "--host", "127.0.0.1", "--name", name], self.tmp / f"{name}.log")
        self.procs.append(p)
        return p

    def tasks_by_worker(self) -> dict:
        from ticketcheck.harness import workunits
        return self.client.run(lambda: dict(workunits.TASKS_RUN))

    def close(self) -> None:
        try:
            self.client.close()
        finally:
            for p in reversed(self.procs):
                _kill(p)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    c = Cluster(tmp_path_factory.mktemp("dask"))
    try:
        yield c
    finally:
        c.close()


def _cli(*args, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "ticketcheck"), *args], capture_output=True, text=True, cwd=cwd,
                          timeout=300)


def test_check_through_scheduler_equals_serial_and_uses_both_workers(cluster, tmp_path):
    before = cluster.tasks_by_worker()
    out = _cli("check", "unified.step_lemma6_m", "--quick", "--json", "--scheduler", cluster.address)
    assert out.returncode == 1, out.stderr[-1000:]                 # violated (exit status 1)
    from ticketcheck.bounds.registry import get_claim
    serial = run_claim(get_claim("unified.step_lemma6_m"), RunOptions(quick=True))
    assert _same(serial, json.loads(out.stdout)) == []
    after = cluster.tasks_by_worker()
    ran = {w: after[w].get("segment", 0) - before.get(w, {}).get("segment", 0) for w in after}
    assert len(ran) == 2 and all(n > 0 for n in ran.values()), ran


def test_review_on_the_cluster_equals_serial_review(cluster, tmp_path):
    """``ticketcheck.review(..., client=)`` against the command line's serial review: ``ticketcheck
    diff`` finds them identical."""
    import ticketcheck
    a = _cli("review", "--paper", "slides", "--quick", "--no-reports", "--out", str(tmp_path / "serial"),
             "--jobs", "1")
    assert a.returncode == 0, a.stderr[-1000:]
    rev = ticketcheck.review(paper="slides", quick=True, out=tmp_path / "dask", reports=False,
                             client=cluster.client)
    assert len(rev) == 10
    d = _cli("diff", str(tmp_path / "serial"), str(tmp_path / "dask"))
    assert d.returncode == 0, d.stdout[-2000:]


def test_user_file_claim_with_trial_chunks_on_cluster(cluster):
    from ticketcheck.harness.distributed import DaskOptions, RunState, run_claim_on
    claim = _dask_claims.ONE_SAMPLE
    serial = run_claim(claim, RunOptions(**MC_OPTS))
    state = RunState(cluster.client)
    got = run_claim_on(cluster.client, claim, RunOptions(**MC_OPTS),
                       DaskOptions(trials_per_task=2000, tasks_per_grid=5), state=state)
    assert _same(serial, got) == []
    # 8000 trials per point in chunks of 2000; the falsifier runs reuse the estimates
    assert state.kinds["chunk_task"] == 4 * 12
    assert state.kinds["segment_task"] >= 5 + 12
    import ticketcheck
    res = ticketcheck.check(claim, client=cluster.client, **MC_OPTS)
    assert res.verdict == "holds" and _same(serial, res.record) == []
    from ticketcheck.harness.distributed import estimate_on
    est = estimate_on(cluster.client, "rssp.single_target", trials=30_001, seed=4,
                      options=DaskOptions(trials_per_task=7_000), M=6, n=5, delta=0, z=2)
    one = ticketcheck.observe("rssp.single_target", "montecarlo", trials=30_001, seed=4, M=6, n=5, delta=0, z=2)
    assert (est.successes, est.trials, est.seed, est.first) == (one.successes, one.trials, 4, 0)


def test_a_killed_worker_does_not_change_the_results(cluster):
    """A third worker takes tasks; it is killed (SIGKILL) while it holds an unfinished one; the
    scheduler gives its tasks to the others and the run ends with the serial results."""
    from ticketcheck.harness.distributed import DaskOptions, run_claim_on
    claim = _dask_claims.ONE_SAMPLE
    opts = dict(budget=1e-9, trials=400_000)
    serial = run_claim(claim, RunOptions(**opts))
    victim = cluster.add_worker("victim")
    cluster.client.wait_for_workers(3, timeout=60)
    addr = next(a for a, w in cluster.client.scheduler_info()["workers"].items() if w.get("name") == "victim")
    killed = {}

    def killer():
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not killed:
            if cluster.client.processing(workers=[addr]).get(addr):
                os.kill(victim.pid, signal.SIGKILL)
                killed["at"] = time.monotonic()
                return
            time.sleep(0.02)

    import threading
    t = threading.Thread(target=killer)
    t.start()
    got = run_claim_on(cluster.client, claim, RunOptions(**opts),
                       DaskOptions(trials_per_task=50_000, tasks_per_grid=6))
    t.join()
    assert killed, "the victim never held a task"
    assert victim.wait(10) == -signal.SIGKILL
    assert _same(serial, got) == []


def test_ctrl_c_on_a_local_cluster_keeps_finished_claims(tmp_path):
    """``review --dask 2``: Ctrl-C (SIGINT to the whole process group, as a terminal sends it)
    cancels the futures, keeps the finished claims in results.json, exits 130 with one line, and
    leaves no worker process behind."""
    out = tmp_path / "r"
    code = ("import signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler)\n"
            "from ticketcheck.harness.cli import main\n"
            "if __name__ == '__main__':\n"
            f"    sys.exit(main(['review', '--paper', 'unified', '--quick', '--no-reports', '--dask', '2', "
            f"'--out', {str(out)!r}]))\n")
    script = tmp_path / "run.py"
    script.write_text(code)
    p = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True, start_new_session=True)
    journal = out / "journal.jsonl"
    deadline = time.monotonic() + 120
    while not (journal.exists() and journal.read_text().count("\n") >= 2):
        assert p.poll() is None and time.monotonic() < deadline, p.communicate()[1][-2000:]
        time.sleep(0.1)
    os.killpg(p.pid, signal.SIGINT)
    _, err = p.communicate(timeout=60)
    assert p.returncode == 130, err[-2000:]
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("ticketcheck: interrupted"), err[-2000:]
    doc = json.loads((out / "results.json").read_text())
    assert doc["complete"] is False and len(doc["claims"]) >= 2
    deadline = time.monotonic() + 15      # worker processes end within a few seconds
    while True:
        left = subprocess.run(["pgrep", "-a", "-s", str(p.pid)], capture_output=True, text=True).stdout
        if not left.strip() or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert left.strip() == ""
