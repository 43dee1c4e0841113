"""Benchmark: the published experiments as their authors ran them, timed like with like.

1. Pensia et al.'s subset-sum protocol (:mod:`montecarlo.pensia_protocol`; experiments.md §1) on
   a 784-500-10 ReLU network trained here on scikit-learn's digits upsampled to 28 x 28
   (:func:`montecarlo.digits.train_mnist_shape`): the published shape, so the same denominators
   (397,000 weights, 21 coefficients each, 8,337,000 in total), the same protocol (coefficients
   uniform on [min w, max w], one vector per output row, nearest subset sum, |w - s| <= 0.01).
   Published: 77,266.02 s on 36 cores with a MIP solver (0.1946 s per weight). Ours: the exact
   nearest subset sum by meet in the middle, numba threads on this machine; time per weight and
   the ratio, also per core (their 36 against our thread count). The construction's rule (first
   subset within eps over growing prefixes) is timed on the same network for contrast; it is not
   the published protocol (its kept fraction is far lower).
2. The LT-existence failure rate (experiments.md §2; :mod:`montecarlo.continuous_target`) for
   10^6 instances (n = 15, eps = 0.01, sizes 0..14, target uniform on [-1, 1]), timed, with its
   Clopper-Pearson interval, compared with the published 404 / 100,000 through two intervals
   (:func:`bounds.published.compare_published`); ``--full`` adds the "2L" variant (published
   3.55 % of 100,000).

Every timing is taken after a warm-up call (numba compilation / cache load excluded).

    .venv/bin/python benchmarks/bench_pensia_protocol.py [--quick] [--full]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numba  # noqa: E402
import numpy as np  # noqa: E402

from ticketcheck.bounds.published import compare_published, count_from_percent  # noqa: E402
from ticketcheck.montecarlo import continuous_target as lt  # noqa: E402
from ticketcheck.montecarlo.digits import train_mnist_shape, train_target  # noqa: E402
from ticketcheck.montecarlo.pensia_protocol import PUBLISHED, run_protocol  # noqa: E402
from ticketcheck.montecarlo.subset_solver import GROWING_PREFIX, NEAREST  # noqa: E402


def protocol(quick: bool, seed: int = 0) -> dict:
    run_protocol([np.array([[0.1, -0.2], [0.3, 0.05]])], rule=NEAREST)          # warm-up
    run_protocol([np.array([[0.1, -0.2], [0.3, 0.05]])], rule=GROWING_PREFIX)
    if quick:
        layers = train_target(16, seed, 80).layers
        name, acc = "digits 65-17-10 (bias-free, quick)", None
    else:
        model = train_mnist_shape(500, seed)
        layers, name = model.weights, "digits upsampled, 784-500-10"
    ours = run_protocol(layers, PUBLISHED["eps"], PUBLISHED["c"], seed=seed, rule=NEAREST)
    other = run_protocol(layers, PUBLISHED["eps"], PUBLISHED["c"], seed=seed, rule=GROWING_PREFIX)
    if not quick:
        acc = (model.test_accuracy, model.accuracy(ours.approx))
    pub_spw = float(PUBLISHED["seconds"]) / PUBLISHED["weights"]
    threads = numba.get_num_threads()
    res = {"network": name, "threads": threads, "nearest": ours.to_json(),
           "growing_prefix": other.to_json(), "published_seconds_per_weight": pub_spw,
           "ratio_wall": pub_spw / ours.seconds_per_weight,
           "ratio_per_core": (pub_spw * PUBLISHED["cores"]) / (ours.seconds_per_weight * threads),
           "same_denominators": ours.weights == PUBLISHED["weights"]
           and ours.coefficients == PUBLISHED["coefficients"], "accuracy": acc}
    k = ours.kept_fraction
    lo, hi = k.interval()
    print(f"[Pensia protocol] {name}: {ours.weights:,} weights x n = {ours.n} = {ours.coefficients:,} "
          f"coefficients (published: {PUBLISHED['weights']:,} x 21 = {PUBLISHED['coefficients']:,}; "
          f"same denominators: {res['same_denominators']})")
    print(f"  nearest (the protocol): kept {ours.kept:,} = {100 * k.value:.2f} % "
          f"(99 % interval over {k.rows} rows: {100 * lo:.2f}-{100 * hi:.2f} %), failures "
          f"{ours.failures}, max error {ours.max_error:.2e}; published 3,725,871 = 44.69 %, 0 failures")
    print(f"  time: {ours.seconds:.2f} s = {ours.seconds_per_weight * 1e6:.2f} us per weight on "
          f"{threads} threads; published {pub_spw:.4f} s per weight on 36 cores -> "
          f"{res['ratio_wall']:,.0f}x faster wall, {res['ratio_per_core']:,.0f}x per core")
    lo2, hi2 = other.kept_fraction.interval()
    print(f"  growing-prefix rule (not the protocol): kept {100 * other.kept_fraction.value:.2f} % "
          f"({100 * lo2:.2f}-{100 * hi2:.2f} %), failures {other.failures}, "
          f"{other.seconds_per_weight * 1e6:.2f} us per weight")
    if acc:
        print(f"  test accuracy: target {acc[0]:.4f}, approximated weights (same biases) {acc[1]:.4f}")
    return res


def lt_existence(variant: str, trials: int, published_k: int, published_n: int, seed: int = 1) -> dict:
    lt.run(15, "1/100", 1000, seed, variant=variant)                           # warm-up
    t0 = time.perf_counter()
    r = lt.run(15, "1/100", trials, seed, variant=variant)
    dt = time.perf_counter() - t0
    f = r.failure()
    lo, hi = f.interval(0.95)
    pc = compare_published(r.failures, r.trials, published_k, published_n, alpha=0.01)
    me, ms = r.mean_error(), r.mean_size()
    print(f"[LT-existence {variant}] n = 15, eps = 0.01, sizes 0..14: {r.failures:,} failures in "
          f"{r.trials:,} instances = {100 * f.value:.3f} % (95 %: {100 * lo:.3f}-{100 * hi:.3f} %) in "
          f"{dt:.2f} s ({dt / r.trials * 1e6:.2f} us per instance, {numba.get_num_threads()} threads)")
    print(f"  mean error {me.value:.5f} ({me.lo:.5f}-{me.hi:.5f}), mean size {ms.value:.3f} "
          f"({ms.lo:.3f}-{ms.hi:.3f}); vs published {published_k}/{published_n}: {pc.verdict} "
          f"(ours {100 * pc.ours[0]:.3f}-{100 * pc.ours[1]:.3f} %, theirs "
          f"{100 * pc.theirs[0]:.3f}-{100 * pc.theirs[1]:.3f} % at {pc.confidence:.4f} each)")
    return {"variant": variant, "seconds": dt, **r.to_json(), "published": pc.to_json()}


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description="published experiments benchmark")
    ap.add_argument("--quick", action="store_true", help="small digits network, 10^5 LT instances")
    ap.add_argument("--full", action="store_true", help="also the LT-existence 2L variant")
    a, _ = ap.parse_known_args(argv)      # `ticketcheck bench` runs this with its own argv
    res = {"protocol": protocol(a.quick)}
    trials = 10 ** 5 if a.quick else 10 ** 6
    res["lt_L+1"] = lt_existence("L+1", trials, 404, 100_000)
    if a.full:
        res["lt_2L"] = lt_existence("2L", trials, count_from_percent("3.55", 100_000), 100_000)
    return res


if __name__ == "__main__":
    main()
