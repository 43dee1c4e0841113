"""Checks of Lueker's theorem on the continuous random subset sum, shared by `unified.thm1`
(targets [-1/2, 1/2]) and the `slides` claims (targets [-1, 1]); the computation is
:mod:`montecarlo.lueker` (exact coverage test per sample, hitting times in n).

"n > C log(1/eps) => with probability >= 1 - eps every z in [lo, hi] has |sum_S X - z| <= eps" has
an existential C, so the checks report, per eps = 2^-j:

* ``n_hat`` (first n with estimated P >= 1 - eps), ``n_lo`` (first n whose 99% Clopper-Pearson
  interval reaches 1 - eps: the data cannot exclude it), ``n_hi`` (first n whose whole interval is
  >= 1 - eps: the data prove it), and the implied C = n / log(1/eps) in ln and log2;
* the empirical constant: the smallest C with "n > C log(1/eps) => P >= 1 - eps" on every tested
  eps and every tested n, i.e. max_eps (n_c - 1)/log(1/eps), with n_c = n_hi (proved) or n_lo;
* a prediction test (the part that can fail): the largest implied C = n_hi/log(1/eps) over the
  larger eps values predicts n = floor(C log(1/eps)) + 1 for each smaller eps; on fresh samples P
  there is compared with 1 - eps (fails if the n needed grows faster than C log(1/eps)).
"""
from __future__ import annotations

import math
from fractions import Fraction
from typing import Iterator

import numpy as np

from ticketcheck.bounds.claim import Comparison, ComputedCheck

N_MAX = 22          # horizon of the per-eps curves
N_LIMIT = 24        # largest n of the prediction test (2^24 subset sums)
BASES = (("ln", math.log), ("log2", math.log2))


def eps_of(j: int) -> Fraction:
    return Fraction(1, 1 << int(j))


def _seed(ctx, salt: int) -> int:
    return (ctx.seed * 1000003 + salt) % (1 << 62)


def curve(lo, hi, closed: bool, j: int, trials: int, seed: int, n_max: int = N_MAX, targets=()):
    """(counts of the interval event by n, [counts per target], seed) from one kernel pass."""
    from ticketcheck.montecarlo.lueker import counts_by_n, hit_times
    ht = hit_times(n_max, eps_of(j), lo, hi, closed, trials, seed, targets=tuple(targets))
    return counts_by_n(ht[:, 0], n_max), [counts_by_n(ht[:, 1 + q], n_max)
                                          for q in range(len(targets))]


def thresholds_n(counts, trials: int, level: Fraction) -> dict:
    """n_hat, n_lo, n_hi (None when not reached by n_max) for the event P >= level."""
    from ticketcheck.montecarlo.estimate import clopper_pearson
    lv = float(level)
    out = {"n_hat": None, "n_lo": None, "n_hi": None}
    for n, c in enumerate(counts):
        a, b = clopper_pearson(int(c), trials, 0.99)
        if out["n_hat"] is None and Fraction(int(c), trials) >= level:
            out["n_hat"] = n
        if out["n_lo"] is None and b >= lv:
            out["n_lo"] = n
        if out["n_hi"] is None and a >= lv:
            out["n_hi"] = n
    return out


def implied_constants(ns: dict, j: int) -> dict:
    """C = n / log(1/eps) for n in (n_hat, n_lo, n_hi), both bases."""
    out = {}
    for base, lg in BASES:
        L = lg(1 << j)
        for key in ("n_hat", "n_lo", "n_hi"):
            if ns[key] is not None:
                out[f"C_{base}_{key[2:]}"] = round(ns[key] / L, 4)
    return out


def _estimate(counts, n: int, trials: int, seed: int):
    from ticketcheck.montecarlo.estimate import Estimate
    return Estimate(int(counts[min(n, len(counts) - 1)]), trials, seed)


def per_eps_check(name: str, lo: str, hi: str, closed: bool, js, quick_js, trials: int,
                  quick_trials: int, what: str) -> ComputedCheck:
    """One point per eps = 2^-j: P at n_max vs 1 - eps, with n_c and implied C as info."""
    def compute(ctx) -> Iterator[Comparison]:
        j, T = int(ctx["j"]), int(ctx["trials"])
        seed = _seed(ctx, j)
        counts, _ = curve(ctx["lo"], ctx["hi"], bool(ctx["closed"]), j, T, seed)
        level = 1 - eps_of(j)
        ns = thresholds_n(counts, T, level)
        info = {**ns, **implied_constants(ns, j), "eps": f"1/{1 << j}", "trials": T, "seed": seed,
                "n_max": N_MAX, "targets": f"[{ctx['lo']}, {ctx['hi']}]",
                "tolerance": "<= eps" if ctx["closed"] else "< eps",
                "P_by_n": [round(int(c) / T, 5) for c in counts]}
        yield Comparison({"eps": f"1/{1 << j}", "n": N_MAX}, _estimate(counts, N_MAX, T, seed),
                         level, ">=", kind="probability",
                         label=f"P({what}) at n = n_max = {N_MAX} vs 1 - eps (a finite C exists on "
                               f"the tested range iff the whole interval clears 1 - eps)", info=info)

    def grid(jj, T):
        return lambda: [{"lo": lo, "hi": hi, "closed": int(closed), "j": j, "trials": T} for j in jj]
    return ComputedCheck(name, compute, grid(js, trials), quick_grid=grid(quick_js, quick_trials),
                         doc=f"smallest n with P({what}) >= 1 - eps, eps = 2^-j, and the implied C")


def prediction_check(name: str, lo: str, hi: str, closed: bool, fit_max: int, test_max: int,
                     trials: int, quick: tuple, what: str) -> ComputedCheck:
    """C = max n_hi/log(1/eps) over eps = 2^-j, j = 2..fit_max, predicts n for each j in
    fit_max+1..test_max; fresh samples decide P(predicted n) >= 1 - eps. Info: the empirical
    constant over all j = 2..test_max."""
    def compute(ctx) -> Iterator[Comparison]:
        T = int(ctx["trials"])
        fit = list(range(2, int(ctx["fit_max"]) + 1))
        tests = list(range(int(ctx["fit_max"]) + 1, int(ctx["test_max"]) + 1))
        rows, need = [], {}
        for j in fit + tests:
            counts, _ = curve(ctx["lo"], ctx["hi"], bool(ctx["closed"]), j, T, _seed(ctx, 100 + j))
            ns = thresholds_n(counts, T, 1 - eps_of(j))
            rows.append({"j": j, **ns})
            need[j] = ns
        emp = {}
        for base, lg in BASES:
            for key in ("n_hi", "n_lo"):
                vals = [(need[j][key] - 1) / lg(1 << j) for j in need if need[j][key] is not None]
                ok = all(need[j][key] is not None for j in need)
                emp[f"C_empirical_{base}_{key[2:]}"] = round(max(vals), 4) if vals and ok else None
        missing = [j for j in fit if need[j]["n_hi"] is None]
        info = {"fit_eps": [f"1/{1 << j}" for j in fit], "per_eps": rows, "trials": T,
                "empirical_constant": emp,
                "empirical_constant_doc": "smallest C with 'n > C log(1/eps) => P >= 1 - eps' on "
                                          "every tested eps and n <= n_max: max (n_c - 1)/log(1/eps), "
                                          "n_c = n_hi (proved by the CI) or n_lo (not excluded)"}
        if missing:
            yield Comparison({}, None, 1 - eps_of(fit[-1]), ">=", kind="probability", info=info,
                             label=f"n_hi not reached by n_max for j = {missing}: no constant to fit")
            return
        # the implied C = n_hi / log(1/eps) of the fit set (max); n = floor(C log(1/eps)) + 1 does
        # not depend on the base (C scales with it): ln is used
        C = max(need[j]["n_hi"] / math.log(1 << j) for j in fit)
        info["C_fit"] = {"ln": round(C, 4), "log2": round(C * math.log(2), 4)}
        for j in tests:
            n = math.floor(C * math.log(1 << j)) + 1
            seed = _seed(ctx, 200 + j)
            if n > N_LIMIT:
                yield Comparison({"eps": f"1/{1 << j}", "n": n}, None, 1 - eps_of(j), ">=",
                                 kind="probability", label=f"predicted n = {n} exceeds {N_LIMIT}, "
                                                           f"the largest n the kernel enumerates",
                                 info=info)
                continue
            counts, _ = curve(ctx["lo"], ctx["hi"], bool(ctx["closed"]), j, T, seed, n_max=n)
            yield Comparison({"eps": f"1/{1 << j}", "n": n}, _estimate(counts, n, T, seed),
                             1 - eps_of(j), ">=", kind="probability",
                             label=f"P({what}) at n = floor(C ln(1/eps)) + 1, C = {C:.4f} (ln) = "
                                   f"{C * math.log(2):.4f} (log2) fitted on the larger eps, fresh "
                                   f"samples, vs 1 - eps", info=info)

    def grid(fj, tj, T):
        return lambda: [{"lo": lo, "hi": hi, "closed": int(closed), "fit_max": fj, "test_max": tj,
                         "trials": T}]
    return ComputedCheck(name, compute, grid(fit_max, test_max, trials), quick_grid=grid(*quick),
                         doc="out-of-sample test of a single constant C across eps")


def inclusion_violations(ht: np.ndarray) -> int:
    """Number of (trial, target) pairs where the whole interval is covered (column 0: hit time,
    -1 = never) but the target (columns 1..) is not covered by then: must be 0, since covering every
    z of the interval covers each tested z in it (coverage only grows with n)."""
    a, z = ht[:, :1], ht[:, 1:]
    return int(np.count_nonzero((a >= 0) & ((z < 0) | (z > a))))


def readings_check(name: str, lo: str, hi: str, closed: bool, targets, js, quick_js, trials: int,
                   quick_trials: int) -> ComputedCheck:
    """The two quantifier readings on the same samples (`slides.model` vs `slides.model.per_z`):
    "one event, every z covered" vs "for each z, P(z covered) >= 1 - eps" at the tested z's.

    The slide asks *for which n* the statement holds (the answer, Lueker's n = O(log 1/eps), is
    `slides.thm1`); it does not say that the two readings need the same n, so their n's are reported
    (info), not compared with each other as if the slide claimed so. The comparison made is the one
    the model itself implies on every sample: "every z in [lo, hi] covered at n" includes "z covered
    at n" for each tested z, i.e. per trial hit time(z) <= hit time(all z)."""
    def compute(ctx) -> Iterator[Comparison]:
        from ticketcheck.montecarlo.lueker import counts_by_n, hit_times
        j, T = int(ctx["j"]), int(ctx["trials"])
        seed = _seed(ctx, 300 + j)
        level = 1 - eps_of(j)
        ht = hit_times(N_MAX, eps_of(j), ctx["lo"], ctx["hi"], bool(ctx["closed"]), T, seed,
                       targets=tuple(targets))
        all_c = counts_by_n(ht[:, 0], N_MAX)
        per = [counts_by_n(ht[:, 1 + q], N_MAX) for q in range(len(targets))]
        ns_all = thresholds_n(all_c, T, level)
        ns_z = [thresholds_n(c, T, level) for c in per]
        n_per_z = (None if any(s["n_hi"] is None for s in ns_z) else max(s["n_hi"] for s in ns_z))
        info = {"eps": f"1/{1 << j}", "trials": T, "seed": seed, "targets": [str(z) for z in targets],
                "n_all_z": ns_all, "n_per_z": {str(z): s for z, s in zip(targets, ns_z)},
                "P_all_by_n": [round(int(c) / T, 5) for c in all_c],
                "min_z_P_by_n": [round(min(int(c[n]) for c in per) / T, 5) for n in range(N_MAX + 1)]}
        if n_per_z is not None:
            info["P_all_z_at_the_per_z_n"] = _estimate(all_c, n_per_z, T, seed).to_json()
            info["finding"] = ("the n at which every tested z has P(z covered) >= 1 - eps (CI-proved) "
                               f"is {n_per_z}; the one-event reading needs n_hi = {ns_all['n_hi']} "
                               "(not a claim of the slide: reported, not compared)")
        bad = inclusion_violations(ht)
        yield Comparison({"eps": f"1/{1 << j}"}, bad, 0, "==",
                         label="(trial, tested z) pairs where every z in the interval is covered at n but "
                               "z itself is not (the one-event reading implies the per-z one, same "
                               "samples)", info=info)

    def grid(jj, T):
        return lambda: [{"lo": lo, "hi": hi, "closed": int(closed), "j": j, "trials": T} for j in jj]
    return ComputedCheck(name, compute, grid(js, trials), quick_grid=grid(quick_js, quick_trials),
                         doc="all-z vs per-z reading of the RSSP statement on the same samples")
