"""Benchmark: the chunked Monte Carlo driver (montecarlo/chunks.py) against one-shot kernels, and
peak memory against the number of trials.

Measures, in one run of this script:
  1. throughput on the same trials (single target, n = 14, M = 128, z = 42, Delta = 0, 10^7
     trials): the chunked driver (``rssp_single_target``: adaptive chunks, Ctrl-C, progress) vs
     the one-shot per-trial kernel (``rssp_single_target_hit_times`` + a count: one int64 per
     trial, as every kernel did before chunking) and vs the counting kernel called once over the
     whole range (no driver). The success counts must be equal. Median of 3 repeats, after a
     warm-up (compilation excluded), all numba threads.
  2. peak memory (``ru_maxrss`` of a fresh process, minus the same process after a 10^4-trial
     warm-up) of 10^7, 10^8 and 10^9 trials of the cheapest single-target kernel (M = 1, n = 1,
     z = 1: one draw per trial), with the time and rate of each. A size whose predicted time
     exceeds ``--max-seconds`` (default 600) is skipped and the rate is printed instead.
Prints a table; exits 0 (no assertion on speed: the machine is shared and noisy).

    .venv/bin/python benchmarks/bench_mc_chunks.py [--max-seconds 600] [--skip-memory]
"""
from __future__ import annotations

import argparse
import platform
import subprocess
import sys
import time

import numba
import numpy as np

from ticketcheck.montecarlo import rssp as R
from ticketcheck.montecarlo.rng import lemire_threshold, seed_u64

M, N, Z, DELTA, SEED = 128, 14, 42, 0, 7
TRIALS = 10**7


def _best_time(fn, repeats: int = 5):
    """Smallest wall and CPU seconds of ``repeats`` runs (the least disturbed by a shared
    machine's load) and the result."""
    wall, cpu, out = [], [], None
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        out = fn()
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return min(wall), min(cpu), out


def one_shot_per_trial() -> int:
    hits = R.rssp_single_target_hit_times(M, N, DELTA, Z, TRIALS, SEED)
    return int(np.count_nonzero(hits >= 0))


def one_shot_counting() -> int:
    nwords, off = R._frame(N * M + DELTA)
    hist = R._single_target_hist(M, N, DELTA, Z, seed_u64(SEED), 0, TRIALS, lemire_threshold(2 * M + 1),
                                 nwords, off, True)
    return TRIALS - int(hist[0])


def chunked() -> int:
    return R.rssp_single_target(M, N, DELTA, Z, TRIALS, SEED).successes


def throughput() -> None:
    print(f"1. throughput, single target n={N}, M={M}, z={Z}, {TRIALS:.0e} trials, "
          f"{numba.get_num_threads()} numba threads (best of 6; CPU = all threads)")
    R.rssp_single_target_hit_times(M, N, DELTA, Z, 1000, SEED + 1)     # warm-ups (compile / load)
    R.rssp_single_target(M, N, DELTA, Z, 1000, SEED + 1)
    rows = [("one-shot per-trial kernel (before)", one_shot_per_trial),
            ("one-shot counting kernel", one_shot_counting),
            ("chunked driver", chunked)]
    results = {}
    for _ in range(2):                       # interleaved, so that load changes hit every row
        for name, fn in rows:
            wall, cpu, succ = _best_time(fn, 3)
            old = results.get(name, (wall, cpu, succ))
            results[name] = (min(wall, old[0]), min(cpu, old[1]), succ)
    bw, bc, _ = results["one-shot per-trial kernel (before)"]
    print(f"   {'':38s} {'wall s':>7s} {'trials/s':>10s} {'speed':>6s} {'CPU s':>7s} {'speed':>6s} "
          f"{'successes':>10s}")
    for name, (wall, cpu, succ) in results.items():
        print(f"   {name:38s} {wall:7.2f} {TRIALS / wall:10.3g} {bw / wall:5.2f}x {cpu:7.2f} "
              f"{bc / cpu:5.2f}x {succ:10d}")
    counts = {succ for _, _, succ in results.values()}
    print(f"   same success count everywhere: {len(counts) == 1}")


MEMORY_CHILD = """
import resource, sys, time
from ticketcheck.montecarlo import rssp as R
R.rssp_single_target(1, 1, 0, 1, 10**4, 1)
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0 = time.perf_counter()
e = R.rssp_single_target(1, 1, 0, 1, int(sys.argv[1]), 1)
sec = time.perf_counter() - t0
print(base, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, sec, e.successes)
"""


def memory(max_seconds: float) -> None:
    print("2. peak memory of the cheapest single-target kernel (M=1, n=1, z=1), fresh process each")
    print(f"   {'trials':>8s} {'seconds':>8s} {'trials/s':>10s} {'RSS after warm-up':>18s} "
          f"{'peak RSS':>9s} {'growth':>8s} {'P(hit)':>8s}")
    rate = None
    for e in (7, 8, 9):
        trials = 10**e
        if rate is not None and trials / rate > max_seconds:
            print(f"   {'1e%d' % e:>8s}  skipped: about {trials / rate:.0f} s at {rate:.3g} trials/s "
                  f"(> --max-seconds {max_seconds:g}); the largest run above shows the memory")
            continue
        r = subprocess.run([sys.executable, "-c", MEMORY_CHILD, str(trials)], capture_output=True,
                           text=True)
        if r.returncode:
            print(f"   {'1e%d' % e:>8s}  failed: {r.stderr.strip().splitlines()[-1]}")
            break
        base, peak, sec, succ = r.stdout.split()
        base, peak, sec, succ = int(base), int(peak), float(sec), int(succ)
        rate = trials / sec
        print(f"   {'1e%d' % e:>8s} {sec:8.1f} {rate:10.3g} {base / 1024:15.0f} MB {peak / 1024:6.0f} MB "
              f"{(peak - base) / 1024:5.0f} MB {succ / trials:8.5f}")
    print("   (a per-trial int64 array, as before chunking, would need 0.08 / 0.8 / 8 GB)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--max-seconds", type=float, default=600.0,
                    help="skip a memory run predicted to take longer than this (default 600)")
    ap.add_argument("--skip-memory", action="store_true")
    args = ap.parse_args()
    print(f"machine: {platform.processor() or platform.machine()}, python {platform.python_version()}, "
          f"numba {numba.__version__}")
    throughput()
    if not args.skip_memory:
        memory(args.max_seconds)


if __name__ == "__main__":
    main()
