"""``ticketcheck.observe`` on known values (hand values and brute force), reproducible Monte Carlo
with intervals that contain the exact value, its one-line errors; ``ticketcheck observables
[--json]`` lists every registered observable with its parameters, implementations and conventions."""
from __future__ import annotations

import itertools
import json
from fractions import Fraction

import pytest

import ticketcheck
from ticketcheck.errors import InputError, TooLargeError
from ticketcheck.harness.cli import main
from ticketcheck.montecarlo.estimate import Estimate
from ticketcheck.observables import all_observables, describe, observe


def brute_single_target(M: int, n: int, delta: int, z: int) -> Fraction:
    """P(some subset of n samples uniform on {-M..M} sums to within delta of z), by enumeration."""
    hits, values = 0, range(-M, M + 1)
    for xs in itertools.product(values, repeat=n):
        sums = {sum(s) for k in range(n + 1) for s in itertools.combinations(xs, k)}
        hits += any(abs(s - z) <= delta for s in sums)
    return Fraction(hits, len(values) ** n)


def brute_perfect_partition(M: int, n: int) -> Fraction:
    """P(min over sign vectors of |sigma.X| equals the parity of sum X), X uniform on {1..M}^n."""
    good, total = 0, 0
    for xs in itertools.product(range(1, M + 1), repeat=n):
        best = min(abs(sum(s * x for s, x in zip(signs, xs)))
                   for signs in itertools.product((1, -1), repeat=n))
        good += best == sum(xs) % 2
        total += 1
    return Fraction(good, total)


def test_the_facade_is_the_observables_function():
    assert ticketcheck.observe is observe


@pytest.mark.parametrize("name,params,value", [
    ("rssp.single_target", dict(M=1, n=1, delta=0, z=1), Fraction(1, 3)),      # X_1 = 1
    ("rssp.single_target", dict(M=1, n=2, delta=0, z=1), Fraction(5, 9)),      # some X_i = 1
    ("rssp.single_target", dict(M=2, n=3, delta=0, z=1), brute_single_target(2, 3, 0, 1)),
    ("rssp.single_target", dict(M=2, n=2, delta=1, z=2), brute_single_target(2, 2, 1, 2)),
    ("irwin_hall.cdf", dict(x=0, n=3), Fraction(1, 2)),                         # symmetry
    ("irwin_hall.cdf", dict(x=Fraction(1, 2), n=1), Fraction(3, 4)),
    ("irwin_hall.density", dict(x=0, n=2), Fraction(1, 2)),                     # triangle on [-2, 2]
    ("npp.perfect_partition", dict(M=3, n=3, parity="any"), brute_perfect_partition(3, 3)),
])
def test_exact_values_are_the_known_ones(name, params, value):
    assert observe(name, "exact", **params) == value
    assert observe(name, **params) == value            # "auto" picks exact when it is cheap


def test_monte_carlo_is_reproducible_and_its_interval_holds_the_exact_value():
    p = dict(M=2, n=3, delta=0, z=1)
    exact = observe("rssp.single_target", "exact", **p)
    a = observe("rssp.single_target", "montecarlo", trials=20000, seed=7, **p)
    b = observe("rssp.single_target", "montecarlo", trials=20000, seed=7, **p)
    c = observe("rssp.single_target", "montecarlo", trials=20000, seed=8, **p)
    assert isinstance(a, Estimate) and a.trials == 20000
    assert (a.successes, a.lo, a.hi) == (b.successes, b.lo, b.hi) and c.successes != a.successes
    assert a.lo <= exact <= a.hi
    # "auto" over a budget the exact value does not fit: the Monte Carlo estimate of that seed,
    # even right after the exact value was computed (the choice does not depend on a memo)
    observe("rssp.single_target", "exact", **dict(M=3, n=5, delta=0, z=2))
    q = dict(M=3, n=5, delta=0, z=2)
    auto = observe("rssp.single_target", trials=4000, seed=7, budget=1e-12, **q)
    assert isinstance(auto, Estimate)
    assert auto.successes == observe("rssp.single_target", "montecarlo", trials=4000, seed=7, **q).successes
    # an observable with Monte Carlo only: "auto" gives its estimate
    lt = observe("lt_existence.failure", trials=20000, seed=3, n=15, eps="1/100", max_size=14,
                 variant="L+1", lo=-1, hi=1, closed=1)
    assert isinstance(lt, Estimate) and 0.002 < lt.value < 0.007 and lt.lo < lt.value < lt.hi


LT = dict(n=15, eps="1/100", max_size=14, variant="L+1", lo=-1, hi=1, closed=1)


@pytest.mark.parametrize("call,error,message", [
    (lambda: observe("rssp.single_targt", M=1), InputError,
     "unknown observable 'rssp.single_targt'; did you mean rssp.single_target"),
    (lambda: observe("rssp.single_target", M=1, n=2), InputError,
     "observe('rssp.single_target', ...): missing delta, z; rssp.single_target takes M, n, delta, z"),
    (lambda: observe("rssp.single_target", M=1, n=2, delta=0, z=1, Delta=0), InputError,
     "unexpected parameter Delta; rssp.single_target takes M, n, delta, z"),
    (lambda: observe("lt_existence.failure", "exact", **LT), InputError,
     "observable lt_existence.failure has no exact implementation; use method='montecarlo'"),
    (lambda: observe("irwin_hall.cdf", "montecarlo", x=0, n=1), InputError,
     "observable irwin_hall.cdf has no Monte Carlo implementation; use method='exact'"),
    (lambda: observe("rssp.single_target", "fast", M=1, n=2, delta=0, z=1), InputError,
     "method must be 'exact', 'montecarlo' or 'auto', not 'fast'"),
    (lambda: observe("rssp.single_target", "montecarlo", trials=0, M=1, n=2, delta=0, z=1), InputError,
     "trials must be an integer >= 1"),
    (lambda: observe("rssp.single_target", "montecarlo", seed=-1, M=1, n=2, delta=0, z=1), InputError,
     "seed must be an integer >= 0"),
    (lambda: observe("rssp.single_target", M=-1, n=2, delta=0, z=1), InputError, "M must be"),
    (lambda: observe("rssp.single_target", "exact", M=10 ** 6, n=40, delta=0, z=1), TooLargeError,
     "the exact value needs ~"),
])
def test_errors_are_one_line_and_say_what_to_do(call, error, message):
    with pytest.raises(error) as info:
        call()
    assert message in str(info.value) and "\n" not in str(info.value)


def test_observables_json_lists_every_observable(capsys):
    assert main(["observables", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    registry = all_observables()
    assert [r["name"] for r in rows] == sorted(registry)
    for r in rows:
        obs = registry[r["name"]]
        assert r["params"] == list(obs.params) and r["kind"] == obs.kind
        assert (r["exact"], r["montecarlo"]) == (obs.exact is not None, obs.montecarlo is not None)
        if r["module"].startswith("ticketcheck."):        # (tests register observables of their own)
            assert r["doc"] and r["conventions"], r["name"]      # every family states its conventions
    by_name = {r["name"]: r for r in rows}
    assert "**0\nincluded**" in by_name["rssp.single_target"]["conventions"]      # the sample law
    assert (by_name["lt_existence.failure"]["exact"], by_name["lt_existence.failure"]["montecarlo"]) == (False, True)


def test_observables_text_and_prefix(capsys):
    assert main(["observables"]) == 0
    out = capsys.readouterr().out
    for name, obs in all_observables().items():
        assert f"  {name}({', '.join(obs.params)})" in out
    assert "  rssp.single_target(M, n, delta, z)  [exact+montecarlo; probability]" in out
    assert main(["observables", "npp"]) == 0
    out = capsys.readouterr().out
    names = [ln.split("(")[0].strip() for ln in out.splitlines() if ln.startswith("  npp.")]
    assert names == [r["name"] for r in describe("npp")] and "rssp." not in out
    assert main(["observables", "rsp"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("ticketcheck: error: no observable or family 'rsp'; did you mean rssp")
    assert len(err.splitlines()) == 1
