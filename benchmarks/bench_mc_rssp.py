"""Benchmark: single-target RSSP instances per second (n=50, M=128, z=42, Delta=0; `unified` App. E).

Measures, in one run of this script:
  1. the numba bitset kernel (montecarlo.rssp), all threads and 1 thread, after a warm-up call
     (so compilation is excluded), median of 3 repeats;
  2. a plain-Python set DP (``reachable |= {s + x for s in reachable}`` with early exit, samples from
     ``random.Random``) on fewer instances, and the speed ratio;
  3. the paper's figure (App. E: "approximately 7e-5 seconds" per instance, 1e5 trials) vs ours.
Also times the Figure 1 workload at its largest M (2^13, 20000 trials, one path per trial).
Prints a table; exits 0 (no assertion on speed: the machine is shared and noisy).
"""
from __future__ import annotations

import platform
import random
import statistics
import time

import numba

from ticketcheck.montecarlo.rssp import rssp_single_target_curve, rssp_single_target_time

M, N, Z, DELTA = 128, 50, 42, 0
PAPER_SECONDS = 7e-5


def python_set_dp(trials: int, seed: int) -> tuple[float, int]:
    """Seconds and successes of ``trials`` instances solved with Python sets (early exit)."""
    rng = random.Random(seed)
    ok = 0
    t0 = time.perf_counter()
    for _ in range(trials):
        reachable = {0}
        for _ in range(N):
            x = rng.randint(-M, M)
            reachable = reachable | {s + x for s in reachable}
            if Z in reachable:
                ok += 1
                break
    return time.perf_counter() - t0, ok


def cpu_name() -> str:
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def main() -> None:
    threads = numba.get_num_threads()
    trials = 2_000_000
    rssp_single_target_time(M, N, DELTA, Z, 10_000, 1)            # warm-up: compile / load cache
    runs = [rssp_single_target_time(M, N, DELTA, Z, trials, 7 + k, warmup=False) for k in range(3)]
    rate_all = statistics.median(r["instances_per_second"] for r in runs)
    numba.set_num_threads(1)
    try:
        runs1 = [rssp_single_target_time(M, N, DELTA, Z, trials // 2, 17 + k, warmup=False)
                 for k in range(3)]
    finally:
        numba.set_num_threads(threads)
    rate_one = statistics.median(r["instances_per_second"] for r in runs1)
    py_trials = 2000
    py_sec, py_ok = python_set_dp(py_trials, 3)
    py_rate = py_trials / py_sec

    t0 = time.perf_counter()
    curve = rssp_single_target_curve(2**13, 60, 0, Z, 20_000, 5)
    fig_sec = time.perf_counter() - t0

    print(f"RSSP single target, n={N}, M={M}, z={Z}, Delta={DELTA}   [{cpu_name()}; "
          f"{threads} numba threads; compile excluded by a warm-up call]")
    rows = [
        ("numba bitset kernel, all threads", f"{rate_all:,.0f}", f"{1 / rate_all:.2e}",
         f"{trials:,} x3, median"),
        ("numba bitset kernel, 1 thread", f"{rate_one:,.0f}", f"{1 / rate_one:.2e}",
         f"{trials // 2:,} x3, median"),
        ("plain Python set DP, 1 thread", f"{py_rate:,.0f}", f"{1 / py_rate:.2e}",
         f"{py_trials:,}"),
        ("paper (App. E)", f"{1 / PAPER_SECONDS:,.0f}", f"{PAPER_SECONDS:.2e}", "1e5 (as stated)"),
    ]
    w = max(len(r[0]) for r in rows)
    print(f"{'method':<{w}}  {'instances/s':>14}  {'s/instance':>10}  instances")
    for r in rows:
        print(f"{r[0]:<{w}}  {r[1]:>14}  {r[2]:>10}  {r[3]}")
    print(f"speed-up over Python set DP: {rate_all / py_rate:,.0f}x (all threads), "
          f"{rate_one / py_rate:,.0f}x (1 thread vs 1 thread)")
    print(f"speed-up over the paper's 7e-5 s/instance: {rate_all * PAPER_SECONDS:,.0f}x "
          f"(different hardware and unknown implementation)")
    print(f"success rate: numba {runs[0]['successes'] / trials:.5f}, Python {py_ok / py_trials:.4f} "
          "(both ~1 at n=50)")
    print(f"Figure 1 workload, M=2^13, n=0..60, 20,000 paths: {fig_sec:.2f} s "
          f"(P(success) at n=60: {curve[-1] / 20000:.4f})")


if __name__ == "__main__":
    main()
