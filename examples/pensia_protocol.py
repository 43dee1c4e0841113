"""Pensia et al.'s published subset-sum experiment on your own network (or one trained here).

Protocol (``montecarlo.pensia_protocol``; shared/spec/experiments.md §1): per target weight
n = int(c round(log2(1/eps))) coefficients (21 for c = 3, eps = 0.01) uniform on [min w, max w] of
the whole network, one coefficient vector per output row, the nearest subset sum, a weight fails
when it is farther than eps. Prints failures, the kept fraction kept/total coefficients (99 %
interval over rows) and the time per weight, next to the published 3,725,871 of 8,337,000
(44.69 %), 0 failures and 0.1946 s per weight.

Weights file (``montecarlo.weights_file``): ``.npz`` with one array per layer in order, or ``.npy``
with one 2-d matrix (a single layer) or a 3-d stack; rows = outputs (d_out x d_in, PyTorch's
``nn.Linear.weight``); ``--transpose`` for d_in x d_out (scikit-learn ``coefs_``, Keras).
A pickled ``.npy`` list of layers loads only with ``--allow-pickle`` (it runs code from the file).

    .venv/bin/python examples/pensia_protocol.py --weights net.npz [--transpose] [--json]
    .venv/bin/python examples/pensia_protocol.py --network digits_784_500_10
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ticketcheck.errors import TicketcheckError  # noqa: E402
from ticketcheck.montecarlo.pensia_protocol import PUBLISHED, run_protocol  # noqa: E402
from ticketcheck.montecarlo.subset_solver import NEAREST, RULES  # noqa: E402


def load(a) -> list:
    from ticketcheck.montecarlo import digits
    from ticketcheck.montecarlo.weights_file import load_weights
    if a.weights:
        return load_weights(a.weights, transpose=a.transpose, allow_pickle=a.allow_pickle)
    if a.network == "digits":
        return digits.train_target(32, a.seed).layers
    return digits.train_mnist_shape(500, a.seed).weights


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--weights", help=".npy or .npz file of weight matrices (see the module doc)")
    ap.add_argument("--transpose", action="store_true", help="matrices are d_in x d_out")
    ap.add_argument("--allow-pickle", action="store_true", help="load a pickled .npy list (trusted files only)")
    ap.add_argument("--network", choices=("digits", "digits_784_500_10"), default="digits",
                    help="network trained here when no --weights is given")
    ap.add_argument("--eps", default="0.01")
    ap.add_argument("--c", default="3")
    ap.add_argument("--rule", choices=RULES, default=NEAREST)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    try:
        r = run_protocol(load(a), a.eps, a.c, seed=a.seed, rule=a.rule)
    except TicketcheckError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    if a.json:
        print(json.dumps(r.to_json(), indent=1))
        return 0
    k = r.kept_fraction
    lo, hi = k.interval()
    pub = PUBLISHED
    print(f"layers {[list(s) for s in r.shapes]}, {r.weights:,} weights, n = {r.n} coefficients per "
          f"weight uniform on [{r.weight_range[0]:.6g}, {r.weight_range[1]:.6g}], rule {r.rule}")
    print(f"failures (|w - s| > {r.eps}): {r.failures} of {r.weights:,}; largest error {r.max_error:.3g}")
    print(f"kept {r.kept:,} of {r.coefficients:,} coefficients = {100 * k.value:.2f} % "
          f"(99 % interval over {k.rows} rows: {100 * lo:.2f}-{100 * hi:.2f} %)")
    print(f"time {r.seconds:.2f} s = {r.seconds_per_weight * 1e6:.2f} us per weight")
    print(f"published: {pub['kept']:,} of {pub['coefficients']:,} = "
          f"{100 * pub['kept'] / pub['coefficients']:.2f} %, {pub['failures']} failures, "
          f"{float(pub['seconds']) / pub['weights']:.4f} s per weight (36 cores, MIP)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
