"""Benchmark: meet-in-the-middle vs enumerating all C(n, k) subsets (RFSS, sparsity paper §3).

n = 30, k = 10, eps = 0.01, Uniform[-1,1] samples; both searches answer the same questions on the same
samples in one run: the single-target event ``min |Sigma_S - z| < eps`` and the all-targets event
(every z in [-sqrt k, sqrt k] within eps). Prints times and the speed-up ratios.
"""
from __future__ import annotations

import math
import time

import numpy as np

from ticketcheck.montecarlo.rfss import draw_samples, parse_dist, seed_u64
from ticketcheck.montecarlo.rfss_mitm import brute_covers, brute_min_dist, mitm_covers, mitm_min_dist


def main(n: int = 30, k: int = 10, eps: float = 0.01, samples: int = 3, seed: int = 2024) -> dict:
    code, p, oc, op = parse_dist("uniform")
    xs = [draw_samples(seed_u64(seed), t, n, code, p, oc, op) for t in range(samples)]
    r = math.sqrt(k)
    # warm-up (compilation) on a small instance
    small = xs[0][:12].copy()
    mitm_min_dist(small, 4, 0.0); brute_min_dist(small, 4, 0.0)
    mitm_covers(small, 4, 0.3, -2.0, 2.0); brute_covers(small, 4, 0.3, -2.0, 2.0)
    zs = [0.0, r / 2, r]
    t_ms = t_bs = t_mc = t_bc = 0.0
    agree = True
    for x in xs:
        for z in zs:
            t0 = time.perf_counter(); a = mitm_min_dist(x, k, z); t_ms += time.perf_counter() - t0
            t0 = time.perf_counter(); b = brute_min_dist(x, k, z); t_bs += time.perf_counter() - t0
            agree &= abs(a - b) < 1e-9
        t0 = time.perf_counter(); c = mitm_covers(x, k, eps, -r, r); t_mc += time.perf_counter() - t0
        t0 = time.perf_counter(); d = brute_covers(x, k, eps, -r, r); t_bc += time.perf_counter() - t0
        agree &= (c == d)
    res = {"n": n, "k": k, "eps": eps, "subsets": math.comb(n, k), "samples": samples,
           "single_target_mitm_s": t_ms / (samples * len(zs)),
           "single_target_brute_s": t_bs / (samples * len(zs)),
           "all_targets_mitm_s": t_mc / samples, "all_targets_brute_s": t_bc / samples,
           "agree": bool(agree)}
    res["single_target_ratio"] = res["single_target_brute_s"] / res["single_target_mitm_s"]
    res["all_targets_ratio"] = res["all_targets_brute_s"] / res["all_targets_mitm_s"]
    print(f"RFSS n={n} k={k} eps={eps}: C(n,k)={res['subsets']} subsets, {samples} samples, answers agree: {agree}")
    print(f"  single target: meet-in-the-middle {res['single_target_mitm_s']*1e3:.3f} ms, "
          f"enumeration {res['single_target_brute_s']*1e3:.1f} ms  -> ratio {res['single_target_ratio']:.0f}x")
    print(f"  all targets:   meet-in-the-middle {res['all_targets_mitm_s']*1e3:.3f} ms, "
          f"enumeration+sort {res['all_targets_brute_s']*1e3:.1f} ms  -> ratio {res['all_targets_ratio']:.0f}x")
    return res


if __name__ == "__main__":
    main()
