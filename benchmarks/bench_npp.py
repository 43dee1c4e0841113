"""Benchmark: number partitioning (npp.md), Monte Carlo throughput and the reach of the exact DP.

Measures, in one run of this script:
  1. Monte Carlo (montecarlo.npp, meet in the middle) instances per second for the perfect
     partition at n = 20, 25, 30 with M = 2^n (kappa = 1), all threads and 1 thread, after a warm-up
     (compilation excluded), median of 3 repeats;
  2. the exact DP (exact.npp, P(perfect partition), multisets of {1..M}^n) for M = 2^n and for the
     BCP window's M = 2^(n - log2(n)/2) (lambda = 0): seconds per n, up to the largest n that
     finishes within 10 s (a run whose cost model predicts more than 40 s is not started; the
     prediction is printed instead);
  3. the exact first moment (inclusion-exclusion) at n = 32, 64, 128 with M = 2^n.
Prints a table; exits 0 (no assertion on speed: the machine is shared and noisy).
"""
from __future__ import annotations

import math
import statistics
import time

import numba

from ticketcheck.exact import npp as ex
from ticketcheck.montecarlo import npp as mc

LIMIT = 10.0


def mc_rate(n: int, trials: int) -> float:
    runs = []
    for k in range(3):
        t0 = time.perf_counter()
        mc.npp_counts(2 ** n, n, mc.PERFECT, trials, seed=100 + k)
        runs.append(trials / (time.perf_counter() - t0))
    return statistics.median(runs)


def exact_reach(label: str, M_of) -> None:
    print(f"\nexact DP, P(perfect partition), {label}")
    print(f"{'n':>3} {'M':>10} {'multisets':>12} {'predicted s':>12} {'measured s':>11}")
    for n in range(2, 12):
        M = M_of(n)
        pred = ex.cost(M, n, counts=False)
        if pred > 4 * LIMIT:
            print(f"{n:>3} {M:>10} {math.comb(n + M - 1, n):>12.3g} {pred:>12.3g} {'not run':>11}")
            break
        ex._exists_table.cache_clear()
        t0 = time.perf_counter()
        ex.npp_perfect_probability(M, n)
        sec = time.perf_counter() - t0
        print(f"{n:>3} {M:>10} {math.comb(n + M - 1, n):>12.3g} {pred:>12.3g} {sec:>11.3f}")
        if sec > LIMIT:
            break


def main() -> None:
    threads = numba.get_num_threads()
    mc.npp_counts(2 ** 20, 20, mc.PERFECT, 200, seed=1)             # warm-up: compile / load cache
    print(f"Monte Carlo, perfect partition, M = 2^n (instances per second; {threads} threads / 1)")
    print(f"{'n':>3} {'all threads':>12} {'1 thread':>10}")
    for n, trials in ((20, 100_000), (25, 20_000), (30, 4_000)):
        numba.set_num_threads(threads)
        all_t = mc_rate(n, trials)
        numba.set_num_threads(1)
        one = mc_rate(n, max(trials // 4, 500))
        numba.set_num_threads(threads)
        print(f"{n:>3} {all_t:>12.0f} {one:>10.0f}")
    exact_reach("M = 2^n", lambda n: 2 ** n)
    exact_reach("M = round(2^(n - log2(n)/2)) (BCP window, lambda = 0)",
                lambda n: round(2 ** (n - math.log2(n) / 2)))
    print("\nexact first moment E[# perfect] (inclusion-exclusion), M = 2^n")
    for n in (32, 64, 128):
        t0 = time.perf_counter()
        ex.npp_expected_perfect(2 ** n, n)
        print(f"  n = {n:>3}: {time.perf_counter() - t0:.3f} s (predicted {ex.expected_cost(2 ** n, n):.3g} s)")


if __name__ == "__main__":
    main()
