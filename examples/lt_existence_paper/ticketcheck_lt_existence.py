"""`lt_existence` -- the public LT-existence experiment (RelationalML) as a ticketcheck paper plugin.

Source: repository ``RelationalML/LT-existence``, ``main_ssa_stats.py`` and its stored statistics
``Subset_sum_stats/subset_stats_n_15_sub_15_eps_0.01`` (protocol and counts: ticketcheck's
``shared/spec/experiments.md`` §2). Protocol: n = 15 samples uniform on [-1, 1] (variant "L+1";
"2L": each sample the product of two independent uniforms), a target uniform on [-1, 1], subsets
tried by increasing size 0..14 (the script never tries the full set), the first within eps = 0.01
(closed) stops; an instance fails when none is found. Observables ``lt_existence.*`` of ticketcheck.

Claims:

* ``exp1`` -- "L+1": 404 failures in 100,000 instances (mean error 0.00545, mean size 2.30);
* ``exp2`` -- "2L": failure rate 3.55 % of 100,000 instances.

  Each failure count is compared with ours (at least the published 100,000 instances, more with
  ``--trials``) through two Clopper-Pearson intervals at family-wise level 0.01 over the two
  published rates (``ticketcheck.bounds.published``): ``violated`` only if they are disjoint. The
  published count is a declared constant; the falsifiers double and halve it.
* ``claim1`` -- DELIBERATELY FALSE (a demonstration): "fewer than 0.0404 % of the targets are
  missed", ten times below the published rate. It is a bound on the observable
  ``lt_existence.failure``, so the harness finds it violated by computing the failure rate; the
  text does not say whether "within 0.01" is strict: both readings are checked.

Loaded with ``ticketcheck review --claims examples/lt_existence_paper/ticketcheck_lt_existence.py``
or, once the package is installed (``pip install -e examples/lt_existence_paper``), through its
entry point of group ``ticketcheck.papers``.
"""
from __future__ import annotations

from fractions import Fraction

import sympy as sp

from ticketcheck.bounds.claim import (BoundCheck, Claim, ComputedCheck, Comparison, Falsifier, Param,
                                      Reading)
from ticketcheck.bounds.published import compare_published, count_from_percent, published_comparison
from ticketcheck.bounds.registry import register, register_paper
from ticketcheck.errors import InputError

PAPER = register_paper(
    "lt_existence",
    "LT-existence (RelationalML): success rate of random subset sum with continuous samples",
    citation="github.com/RelationalML/LT-existence, main_ssa_stats.py, "
             "Subset_sum_stats/subset_stats_n_15_sub_15_eps_0.01",
    api=(1, 1))

SRC = "RelationalML/LT-existence, Subset_sum_stats/subset_stats_n_15_sub_15_eps_0.01"
#: the experiment's protocol (arguments of the ``lt_existence.*`` observables), per variant
PROTOCOL = {"n": 15, "eps": Fraction(1, 100), "max_size": 14, "lo": -1, "hi": 1, "closed": 1}
PUBLISHED_INSTANCES = 100_000
PUBLISHED_FAILURES = {"L+1": 404, "2L": count_from_percent("3.55", PUBLISHED_INSTANCES)}
PUBLISHED_MEANS = {"mean_error": Fraction("0.00545"), "mean_size": Fraction("2.30")}
#: the published rates compared (Bonferroni family) and the family-wise level
FAMILY, ALPHA = len(PUBLISHED_FAILURES), 0.01

PARAMS = (Param("variant", "choice", choices=("L+1", "2L"), doc="sample law", tex=r"\text{variant}"),)


def _instances(ctx) -> int:
    """Our number of instances: the run's trials, at least the published 100,000."""
    return max(ctx.trials, PUBLISHED_INSTANCES)


def _count(value, what: str) -> int:
    q = Fraction(value)
    if q.denominator != 1 or q < 0:
        raise InputError(f"{what} = {value}: a count of instances must be a whole number")
    return int(q)


def failure_rate_vs_published(ctx):
    """Our failure count against the published one: the separation of the two Clopper-Pearson
    intervals (> 0: disjoint at the family-wise level)."""
    variant = ctx["variant"]
    ours, _ = ctx.replace(trials=_instances(ctx)).observe("lt_existence.failure", variant=variant,
                                                          **PROTOCOL)
    theirs = _count(ctx.constant("published_failures"), "published_failures")
    pc = compare_published(ours.successes, ours.trials, theirs, PUBLISHED_INSTANCES, alpha=ALPHA,
                           family=FAMILY)
    yield published_comparison(pc, f"failure rate ({variant}) vs {theirs:,} / {PUBLISHED_INSTANCES:,}",
                               params=ctx.params)


def published_means(ctx):
    """The script's mean error and mean size (over all instances) beside the published ones:
    reported, not judged (published without an interval)."""
    run = ctx.replace(trials=_instances(ctx))
    for name, published in PUBLISHED_MEANS.items():
        ours, _ = run.observe(f"lt_existence.{name}", variant=ctx["variant"], **PROTOCOL)
        yield ctx.compare(ours, "report", published, label=f"{name.replace('_', ' ')}: ours vs published",
                          kind="real")


def _published_check(variant: str, with_means: bool) -> list:
    checks = [ComputedCheck(
        name="published_failure_rate", compute=failure_rate_vs_published, grid={"variant": [variant]},
        constants={"published_failures": PUBLISHED_FAILURES[variant]},
        falsifiers=[Falsifier.scale("published_failures", 2, doc="twice the published failures"),
                    Falsifier.scale("published_failures", Fraction(1, 2), doc="half of them")],
        doc="two Clopper-Pearson intervals, disjoint only if the failure rates differ")]
    if with_means:
        checks.append(ComputedCheck(name="published_means", compute=published_means,
                                    grid={"variant": [variant]},
                                    doc="mean error and mean size, reported beside the published ones"))
    return checks


rate = sp.Symbol("r", positive=True)

register(
    Claim(id="lt_existence.exp1", title="failure rate, uniform samples (L+1)", source=SRC,
          statement="n = 15 samples uniform on [-1, 1], a target uniform on [-1, 1], subsets of size "
                    "0..14 by increasing size, eps = 0.01: 404 failures in 100,000 instances; mean "
                    "error 0.00545, mean size 2.30",
          methods=("MC",), params=PARAMS, constants={"published_failures": 404},
          constants_kind="explicit", checks=_published_check("L+1", with_means=True),
          notes="Compared through two Clopper-Pearson intervals at family-wise level 0.01 over the "
                "two published rates; our instances: the run's trials, at least 100,000."),
    Claim(id="lt_existence.exp2", title="failure rate, products of two uniforms (2L)", source=SRC,
          statement="each sample the product of two independent uniforms on [-1, 1], else as exp1: "
                    "failure rate 3.55 % of 100,000 instances",
          methods=("MC",), params=PARAMS, constants={"published_failures": PUBLISHED_FAILURES["2L"]},
          constants_kind="explicit", checks=_published_check("2L", with_means=False)),
    Claim(id="lt_existence.claim1", title="DELIBERATELY FALSE: a failure rate ten times too small",
          source="this plugin (a demonstration, not the repository's)",
          statement="with n = 15 uniform samples, a uniform target on [-1, 1] is missed (no subset of "
                    "size <= 14 within 0.01) with probability at most 0.0404 %",
          methods=("MC",), constants={"r": "404/1000000"}, constants_kind="explicit",
          readings=(Reading("closed", {"|sum - z| <= eps": 1, "|sum - z| < eps": 0},
                            source="'within 0.01' does not say whether the tolerance is strict"),),
          checks=[BoundCheck(
              name="failure_rate_bound", observable="lt_existence.failure", bound=rate,
              relation="<=", constants={rate: Fraction(404, 1_000_000)},
              grid={**{k: [v] for k, v in PROTOCOL.items()}, "variant": ["L+1"], "closed": [1, 0]},
              lhs_tex=r"P(\text{no subset of size} \le 14 \text{ within } 0.01 \text{ of } z)",
              doc="the published 0.404 % divided by ten")],
          notes="A deliberately false claim: the harness must find it violated by computing the "
                "failure rate (its Monte Carlo interval lies above 0.0404 %)."),
)
