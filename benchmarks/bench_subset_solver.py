"""Benchmark: the per-weight subset-sum solver vs enumerating all 2^21 subsets (Pensia's setting,
n = 21 samples per weight, tolerance eps = 0.01), and the time to prune a 784-500-10 target
layer by layer (Pensia et al. report 77,266 s on 36 cores with a MIP solver for their MNIST run).

Two families of instances, same samples for every method in one run:
* ``uniform``: 21 samples Uniform[-1, 1] (every sample nonzero);
* ``pensia``: 21 products b * a^+ (a, b Uniform[-1, 1]): Pensia's pre-processed samples (law D of
  `sparsity` Lemma 2, about half of them 0).
Targets Uniform[-1, 1]. Methods (single thread unless stated):
* enumeration in Gray-code order (one add per subset, all 2^21 subsets, nearest sum);
* blocked enumeration (2^11 high subsets x a table of 2^10 low sums; all 2^21 subsets);
* meet in the middle, exact nearest sum (:func:`montecarlo.subset_solver.mitm_nearest`);
* the construction's solver (``solve_within``: nearest sum over growing prefixes, first one within
  eps), per problem and in the parallel batch API (all threads); it receives the nonzero samples
  only (zero samples never change a sum; the construction passes only the kept units).
Answers are compared (exact nearest: equal distances; tolerance solver: within eps exactly when
the enumeration's nearest sum is). The batch answers are compared across thread counts.

    .venv/bin/python benchmarks/bench_subset_solver.py [--quick]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numba  # noqa: E402

from ticketcheck.montecarlo.pensia import prune_layer_blocks  # noqa: E402
from ticketcheck.montecarlo.subset_solver import (_brute_blocked, _brute_nearest, _mitm_nearest,  # noqa: E402
                                      _solve, _workspace, solve_batch)


def instances(kind: str, m: int, n: int, rng: np.random.Generator):
    """Samples (m x n), targets, and the number of nonzero samples per row (nonzero first: the
    construction hands the solver only the units its pre-processing keeps)."""
    if kind == "uniform":
        X = rng.uniform(-1.0, 1.0, (m, n))
    else:
        a, b = rng.uniform(-1.0, 1.0, (m, n)), rng.uniform(-1.0, 1.0, (m, n))
        X = np.where(a > 0, a * b, 0.0)
        X = np.take_along_axis(X, np.argsort(X == 0, axis=1, kind="stable"), axis=1)
    return X, rng.uniform(-1.0, 1.0, m), (X != 0).sum(axis=1).astype(np.int64)


def _time(fn, *args, reps=1):
    t0 = time.perf_counter()
    for _ in range(reps):
        out = fn(*args)
    return (time.perf_counter() - t0) / reps, out


def solver_ratio(kind: str, n: int = 21, eps: float = 0.01, brute: int = 4, fast: int = 20000,
                 seed: int = 2024) -> dict:
    rng = np.random.default_rng(seed)
    X, Z, C = instances(kind, fast, n, rng)
    # warm-up (compilation / cache load) on small instances
    _brute_nearest(X[0, :8].copy(), 0.1); _brute_blocked(X[0, :12].copy(), 0.1)
    _mitm_nearest(X[0].copy(), 0.1)
    bs, bm = _workspace(n)
    _solve(X[0].copy(), n, 0.1, eps, True, -1, 8, bs, bm)
    solve_batch(X[:4], C[:4], Z[:4], eps)
    t_gray = t_block = 0.0
    agree = True
    dists = []
    for p in range(brute):
        x = X[p].copy()
        dt, (s, _) = _time(_brute_nearest, x, Z[p]); t_gray += dt
        dt, (d2, _) = _time(_brute_blocked, x, Z[p]); t_block += dt
        d1 = abs(s - Z[p])
        agree &= abs(d1 - d2) <= 1e-12
        dists.append(d1)
    t_gray /= brute
    t_block /= brute
    t0 = time.perf_counter()
    for p in range(brute):
        s, _ = _mitm_nearest(X[p].copy(), Z[p])
        agree &= abs(abs(s - Z[p]) - dists[p]) <= 1e-12
    reps = 200
    t0 = time.perf_counter()
    for r in range(reps):
        _mitm_nearest(X[r % fast], Z[r % fast])
    t_mitm = (time.perf_counter() - t0) / reps
    # tolerance solver, one thread, per problem
    t0 = time.perf_counter()
    for p in range(fast):
        _solve(X[p], C[p], Z[p], eps, True, -1, 8, bs, bm)
    t_tol = (time.perf_counter() - t0) / fast
    for p in range(brute):
        _, _, ok = _solve(X[p], C[p], Z[p], eps, True, -1, 8, bs, bm)
        agree &= ok == (dists[p] < eps)
    # batch API: one thread, then all threads (same answers)
    threads = numba.get_num_threads()
    numba.set_num_threads(1)
    t1, (s1, m1, o1) = _time(solve_batch, X, C, Z, eps)
    numba.set_num_threads(threads)
    tN, (sN, mN, oN) = _time(solve_batch, X, C, Z, eps)
    same = bool(np.array_equal(m1, mN) and np.array_equal(s1, sN) and np.array_equal(o1, oN))
    sizes = np.array([bin(int(v)).count("1") for v in mN[oN]])
    return {"kind": kind, "n": n, "eps": eps, "subsets": 2 ** n, "agree": bool(agree),
            "gray_s": t_gray, "blocked_s": t_block, "mitm_exact_s": t_mitm,
            "tol_solver_s": t_tol, "batch_1thread_s": t1 / fast, "batch_s": tN / fast,
            "threads": threads, "batch_same_across_threads": same,
            "within_eps": float(oN.mean()), "mean_subset_size": float(sizes.mean()),
            "mean_nonzero_samples": float(C.mean()),
            "ratio_gray_vs_tol": t_gray / t_tol, "ratio_blocked_vs_tol": t_block / t_tol,
            "ratio_gray_vs_mitm_exact": t_gray / t_mitm,
            "ratio_gray_vs_batch": t_gray / (tN / fast)}


def prune_784_500_10(n: int = 21, eps: float = 0.01, seed: int = 7) -> dict:
    """Layer-by-layer pruning of a 784-500-10 target with weights Uniform[-1, 1]."""
    rng = np.random.default_rng(seed)
    layers = [rng.uniform(-1.0, 1.0, (500, 784)), rng.uniform(-1.0, 1.0, (10, 500))]
    prune_layer_blocks(layers[1][:2, :8], n, eps, rng)          # warm-up
    out = []
    t0 = time.perf_counter()
    for W in layers:
        t1 = time.perf_counter()
        r = prune_layer_blocks(W, n, eps, rng)
        r["seconds"] = time.perf_counter() - t1
        out.append(r)
    total = time.perf_counter() - t0
    return {"layers": out, "seconds": total, "threads": numba.get_num_threads(),
            "problems": sum(r["problems"] for r in out),
            "surviving": sum(r["surviving"] for r in out), "total": sum(r["total"] for r in out)}


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description="subset-sum solver benchmark")
    ap.add_argument("--quick", action="store_true", help="fewer instances, skip the 784-500-10 run")
    a, _ = ap.parse_known_args(argv)      # `ticketcheck bench` runs this with its own argv
    res = {}
    for kind in ("uniform", "pensia"):
        r = solver_ratio(kind, brute=2 if a.quick else 4, fast=2000 if a.quick else 20000)
        res[kind] = r
        print(f"[{kind}] n={r['n']} eps={r['eps']} ({r['mean_nonzero_samples']:.1f} nonzero samples "
              f"on average): all {r['subsets']} subsets enumerated; answers agree: "
              f"{r['agree']}; batch identical with 1 and {r['threads']} threads: "
              f"{r['batch_same_across_threads']}")
        print(f"  enumeration (Gray code)   {r['gray_s'] * 1e3:9.3f} ms per weight")
        print(f"  enumeration (blocked)     {r['blocked_s'] * 1e3:9.3f} ms per weight")
        print(f"  meet in the middle, exact {r['mitm_exact_s'] * 1e6:9.2f} us per weight  "
              f"-> {r['ratio_gray_vs_mitm_exact']:7.0f}x vs Gray enumeration")
        print(f"  tolerance solver, 1 thread{r['tol_solver_s'] * 1e6:9.2f} us per weight  "
              f"-> {r['ratio_gray_vs_tol']:7.0f}x vs Gray, {r['ratio_blocked_vs_tol']:6.0f}x vs blocked")
        print(f"  batch API, {r['threads']} threads     {r['batch_s'] * 1e6:9.2f} us per weight  "
              f"-> {r['ratio_gray_vs_batch']:7.0f}x vs Gray  (within eps: {r['within_eps']:.4f}, "
              f"mean subset size {r['mean_subset_size']:.2f})")
    if not a.quick:
        p = prune_784_500_10()
        res["prune_784_500_10"] = p
        print(f"784-500-10 target, n=21 per half, eps=0.01, {p['threads']} threads: "
              f"{p['problems']} subset-sum problems in {p['seconds']:.1f} s "
              f"(layer 1: {p['layers'][0]['seconds']:.1f} s, layer 2: {p['layers'][1]['seconds']:.2f} s); "
              f"kept {p['surviving']} of {p['total']} random weights "
              f"({100 * p['surviving'] / p['total']:.2f}%); weights within eps: "
              f"{p['layers'][0]['within_tol']:.3f}, {p['layers'][1]['within_tol']:.3f} "
              f"(reference: 77,266 s on 36 cores with a MIP solver)")
    return res


if __name__ == "__main__":
    main()
