"""The LT-existence experiment (RelationalML) as its authors ran it, against their published counts.

n = 15 samples (variant "L+1": uniform on [-1, 1]; "2L": products of two uniforms), a target
uniform on [-1, 1], subsets tried by increasing size up to 14 (the script never tries the full set),
the first within eps = 0.01 stops (``montecarlo.continuous_target``, observables
``lt_existence.*``). The failure rate is compared with the published 404 / 100,000 ("L+1") and
3.55 % of 100,000 ("2L") through two Clopper-Pearson intervals at family-wise level 0.01
(``bounds.published.compare_published``): ``violated`` only if they are disjoint.

    .venv/bin/python examples/lt_existence.py [--trials 1000000] [--seed 1] [--json]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ticketcheck.bounds.published import compare_published, count_from_percent  # noqa: E402
from ticketcheck.observables import observe  # noqa: E402

PUBLISHED = {"L+1": (404, 100_000, 0.00545, 2.30),
             "2L": (count_from_percent("3.55", 100_000), 100_000, None, None)}


def main(argv=None) -> list[dict]:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--trials", type=int, default=10 ** 6)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    rows = []
    for variant, (k, n, err, size) in PUBLISHED.items():
        p = dict(n=15, eps="1/100", max_size=14, variant=variant, lo=-1, hi=1, closed=1)
        f = observe("lt_existence.failure", "montecarlo", trials=a.trials, seed=a.seed, **p)
        me = observe("lt_existence.mean_error", "montecarlo", trials=a.trials, seed=a.seed, **p)
        ms = observe("lt_existence.mean_size", "montecarlo", trials=a.trials, seed=a.seed, **p)
        pc = compare_published(f.successes, f.trials, k, n, alpha=0.01, family=len(PUBLISHED))
        rows.append({"variant": variant, "failure": f.to_json(), "mean_error": me.to_json(),
                     "mean_size": ms.to_json(), "published": pc.to_json(),
                     "published_mean_error": err, "published_mean_size": size})
        if not a.json:
            print(f"{variant:>3}: failures {f.successes:,}/{f.trials:,} = {100 * f.value:.3f} % "
                  f"[{100 * pc.ours[0]:.3f}, {100 * pc.ours[1]:.3f}] vs published {k}/{n} "
                  f"[{100 * pc.theirs[0]:.3f}, {100 * pc.theirs[1]:.3f}] -> {pc.verdict}; "
                  f"mean error {me.value:.5f} [{me.lo:.5f}, {me.hi:.5f}] (published {err}), "
                  f"mean size {ms.value:.3f} [{ms.lo:.3f}, {ms.hi:.3f}] (published {size})")
    if a.json:
        print(json.dumps(rows, indent=1))
    return rows


if __name__ == "__main__":
    main()
