"""Reach of the exact discrete-RSSP enumerator (exact/rssp.py, ``unified`` §3 / App. A).

For each M, runs the law of v_n (Delta = 0) for growing n -- one fresh, un-memoised pass per n --
and prints the largest n finished within the per-M time limit (total time spent on that M), the
seconds of that last pass, its number of merged states, and the cost model's estimate for it.
Prints measured numbers; asserts nothing.

    .venv/bin/python benchmarks/bench_exact_rssp.py [--limit SECONDS] [--M 2,3,5,8]
"""
from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ticketcheck.exact import rssp  # noqa: E402
from ticketcheck.exact import rssp_engine as eng  # noqa: E402


def one_pass(M: int, n: int, delta: int = 0) -> tuple[float, int]:
    """Seconds and total number of merged states of one volume pass with horizon n."""
    total = [0]
    t0 = time.perf_counter()
    tables = eng.volume_tables(M, n, delta, progress=lambda s, k: total.__setitem__(0, total[0] + k))
    sum(tables[n].values())
    return time.perf_counter() - t0, total[0]


def reach(M: int, limit: float) -> dict:
    """Largest n whose pass finished while the total time spent on this M stays within ``limit``:
    n grows by ~25% a step while the next pass, extrapolated log-log from the last two, fits in
    the remaining budget; then single steps."""
    spent, n, best, hist = 0.0, 1, None, []
    while True:
        sec, states = one_pass(M, n)
        spent += sec
        if spent > limit:
            break
        best = {"M": M, "n": n, "seconds": sec, "states": states, "estimate": rssp.cost(M, n, 0)}
        hist.append((n, max(sec, 1e-4)))

        def predict(m):
            if len(hist) < 2:
                return hist[-1][1] * 8
            (n1, s1), (n2, s2) = hist[-2], hist[-1]
            slope = max(math.log(s2 / s1) / math.log(n2 / n1), 1.0) if n2 > n1 else 3.0
            return s2 * (m / n2) ** slope

        nxt = max(n + 1, int(n * 1.25))
        if predict(nxt) > limit - spent:
            nxt = n + 1
            if predict(nxt) > limit - spent:
                break
        n = nxt
    return best or {"M": M, "n": 0, "seconds": 0.0, "states": 1, "estimate": 0.0}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=float, default=60.0, help="seconds per M (default 60)")
    ap.add_argument("--M", default="2,3,5,8", help="comma-separated values of M")
    args = ap.parse_args(argv)
    print(f"exact RSSP volume law (Delta=0): largest n reached within {args.limit:g}s in total "
          f"per M (one fresh pass per n tried); 'seconds' = time of that last pass")
    print(f"{'M':>3} {'n':>5} {'seconds':>9} {'states':>10} {'cost-model':>11}")
    for M in (int(x) for x in args.M.split(",")):
        r = reach(M, args.limit)
        print(f"{r['M']:>3} {r['n']:>5} {r['seconds']:>9.3f} {r['states']:>10} {r['estimate']:>11.3g}",
              flush=True)
    # memoised second call and the tau2 stamped DP, for reference
    t0 = time.perf_counter()
    rssp.rssp_half_event(3, 30, 0, "prose")
    print(f"half_event(M=3, t=30, prose): {time.perf_counter() - t0:.3f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
