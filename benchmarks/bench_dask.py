"""Benchmark: Monte Carlo and a full review on a local Dask cluster (harness/distributed.py).

Measures, in one run of this script (the machine is shared: every ratio compares runs made here,
one after the other):
  1. a 2x10^8-trial single-target estimate (n = 14, M = 128, z = 42, Delta = 0, seed 7), one numba
     thread per worker, in chunks of 10^7 trials (20 tasks):
       - plain: one process, one numba thread, no Dask (``montecarlo.rssp_single_target``);
       - a local cluster of 1 worker and of 2 workers (``distributed.estimate_on``), after a
         warm-up that loads the kernels in the workers (cluster start-up excluded);
     the success counts must be equal; prints the speed-up of 2 workers vs 1 (target >= 1.7 on 2
     cores) and Dask's overhead, 1 worker vs plain (target <= 10 %);
  2. memory per worker: the peak RSS of the single worker of a fresh cluster after 2x10^7 trials
     and after 2x10^8 (the same: chunks are bounded, nothing is kept per trial);
  3. a review with ``--dask 2`` against ``--jobs 2`` (``--review full``, the default, or ``quick``;
     ``none`` skips it): results.json identical timing aside (compared claim by claim with
     ``ticketcheck diff``'s rule) and the wall time of each.
Exits 1 when the success counts or the review results differ (never on speed).

    .venv/bin/python benchmarks/bench_dask.py [--trials 2e8] [--repeats 2] [--review full|quick|none]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

M, N, Z, DELTA, SEED = 128, 14, 42, 0, 7
PER_TASK = 10**7


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _best(fn, repeats: int):
    """The smallest wall time of ``repeats`` runs (the least disturbed by a shared machine's load)
    and the results (all equal)."""
    times, outs = [], []
    for _ in range(repeats):
        t0 = time.perf_counter()
        outs.append(fn())
        times.append(time.perf_counter() - t0)
    assert all(o.successes == outs[0].successes for o in outs)
    return min(times), outs[0]


def plain(trials: int, repeats: int):
    import numba
    from ticketcheck.montecarlo import rssp as R
    numba.set_num_threads(1)
    R.rssp_single_target(M, N, DELTA, Z, 10_000, SEED)              # warm-up: load the kernel
    return _best(lambda: R.rssp_single_target(M, N, DELTA, Z, trials, SEED), repeats)


def on_cluster(workers: int, trials: int, repeats: int = 1):
    """(best seconds, estimate, peak RSS of each worker in MB) on a fresh local cluster."""
    from ticketcheck.harness.distributed import DaskOptions, dask_client, estimate_on
    options = DaskOptions(trials_per_task=PER_TASK, numba_threads=1)
    args = dict(M=M, n=N, delta=DELTA, z=Z)
    with dask_client(workers=workers) as client:
        client.wait_for_workers(workers)
        warm = DaskOptions(trials_per_task=10_000)
        estimate_on(client, "rssp.single_target", trials=10_000 * workers, seed=SEED + 1, options=warm, **args)
        seconds, est = _best(lambda: estimate_on(client, "rssp.single_target", trials=trials, seed=SEED,
                                                 options=options, **args), repeats)
        rss = client.run(_peak_rss_mb)
    return seconds, est, sorted(rss.values())


def review(flags: list[str], out: Path, quick: bool) -> float:
    cmd = [str(Path(sys.executable).parent / "ticketcheck"), "review", "--out", str(out), "--no-reports",
           "--no-cache", *(["--quick"] if quick else []), *flags]
    t0 = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    if p.returncode != 0:
        sys.exit(f"{' '.join(cmd)} exited {p.returncode}: {p.stderr[-2000:]}")
    return seconds


def compare_reviews(a: Path, b: Path) -> list[str]:
    """Claim-by-claim differences of two results.json, timing fields aside (ticketcheck diff's
    rule; its command also validates the schema, which every claim does not follow on main)."""
    from ticketcheck.harness.diff import differences
    da = json.loads((a / "results.json").read_text())
    db = json.loads((b / "results.json").read_text())
    ca = {c["id"]: c for c in da["claims"]}
    cb = {c["id"]: c for c in db["claims"]}
    out = [f"claims only in one: {sorted(set(ca) ^ set(cb))}"] if set(ca) != set(cb) else []
    for cid in ca:
        if cid in cb:
            out += [f"{cid}: {path}: {x!r} != {y!r}" for path, x, y in differences(ca[cid], cb[cid])][:3]
    out += [f"figures: {p}" for p, _, _ in differences(da.get("figures"), db.get("figures"))][:3]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--trials", type=float, default=2e8)
    ap.add_argument("--review", choices=("full", "quick", "none"), default="full")
    ap.add_argument("--repeats", type=int, default=2, help="runs per configuration (best is kept)")
    a = ap.parse_args()
    trials = int(a.trials)
    ok = True
    print(f"1. single target n={N}, M={M}, z={Z}, Delta={DELTA}: {trials:.0e} trials, chunks of "
          f"{PER_TASK:.0e}, one numba thread per worker ({os.cpu_count()} cores, shared; best of "
          f"{a.repeats}; load average before: {os.getloadavg()[0]:.1f})")
    t_plain, e_plain = plain(trials, a.repeats)
    t1, e1, rss1 = on_cluster(1, trials, a.repeats)
    t2, e2, rss2 = on_cluster(2, trials, a.repeats)
    same = e_plain.successes == e1.successes == e2.successes and e_plain.trials == e1.trials == e2.trials
    ok &= same
    print(f"   plain, 1 process, 1 thread : {t_plain:7.1f} s   successes {e_plain.successes}")
    print(f"   Dask, 1 worker             : {t1:7.1f} s   successes {e1.successes}")
    print(f"   Dask, 2 workers            : {t2:7.1f} s   successes {e2.successes}")
    print(f"   success counts equal: {same}")
    print(f"   speed-up 2 workers vs 1: {t1 / t2:.2f}x (target >= 1.7)")
    print(f"   Dask overhead, 1 worker vs plain: {100 * (t1 / t_plain - 1):+.1f} % (target <= 10 %)")
    small = trials // 10
    _, _, rss_small = on_cluster(1, small)
    print(f"2. peak RSS of a worker: {rss_small[0]:.0f} MB after {small:.0e} trials, {rss1[0]:.0f} MB after "
          f"{trials:.0e} (2 workers: {', '.join(f'{r:.0f}' for r in rss2)} MB)")
    if a.review != "none":
        quick = a.review == "quick"
        with tempfile.TemporaryDirectory() as tmp:
            tj = review(["--jobs", "2"], Path(tmp) / "jobs", quick)
            td = review(["--dask", "2"], Path(tmp) / "dask", quick)
            diffs = compare_reviews(Path(tmp) / "jobs", Path(tmp) / "dask")
        ok &= not diffs
        print(f"3. {a.review} review: --jobs 2 {tj:.1f} s, --dask 2 {td:.1f} s (ratio {td / tj:.2f}); "
              f"results.json identical timing aside: {not diffs}")
        for line in diffs[:20]:
            print("   " + line)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
