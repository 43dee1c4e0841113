"""Reach of the exact discrete-RSSP enumerator (exact/rssp.py, ``unified`` §3 / App. A).

For each M, runs the law of v_n (Delta = 0) for growing n -- one fresh, un-memoised pass per n --
and prints the largest n finished within the per-M time limit, the seconds it took, the number of
merged states, and the cost model's estimate for it.  Prints measured numbers; asserts nothing.

    .venv/bin/python benchmarks/bench_exact_rssp.py [--limit SECONDS] [--M 2,3,5,8]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from exact import rssp  # noqa: E402
from exact import rssp_engine as eng  # noqa: E402


def one_pass(M: int, n: int, delta: int = 0) -> tuple[float, int]:
    """Seconds and total number of merged states of one volume pass with horizon n."""
    total = [0]
    t0 = time.perf_counter()
    tables = eng.volume_tables(M, n, delta, progress=lambda s, k: total.__setitem__(0, total[0] + k))
    sum(tables[n].values())
    return time.perf_counter() - t0, total[0]


def reach(M: int, limit: float) -> dict:
    """Largest n whose pass finished, growing n while the cumulative time stays within ``limit``
    and the next pass is predicted (from the growth of the last two) to fit as well."""
    spent, n, best, last = 0.0, 1, None, None
    while True:
        sec, states = one_pass(M, n)
        spent += sec
        if spent > limit:
            break
        best = {"M": M, "n": n, "seconds": sec, "states": states,
                "estimate": rssp.cost(M, n, 0)}
        ratio = sec / last if last else 2.0
        last = sec
        step = 1 if n < 8 else max(1, n // 8)
        if spent + sec * max(ratio, 1.0) ** step > limit:
            # try single steps near the limit
            step = 1
            if spent + sec * max(ratio, 1.0) > limit:
                break
        n += step
    return best or {"M": M, "n": 0, "seconds": 0.0, "states": 1, "estimate": 0.0}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=float, default=60.0, help="seconds per M (default 60)")
    ap.add_argument("--M", default="2,3,5,8", help="comma-separated values of M")
    args = ap.parse_args(argv)
    print(f"exact RSSP volume law (Delta=0): largest n within {args.limit:g}s per M")
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
