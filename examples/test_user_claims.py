"""Example: ticketcheck claims in your own pytest suite (run by CI: pytest's testpaths include
``examples``). Copy this file next to your tests and edit it.

Run it:            .venv/bin/python -m pytest examples -q
More trials:       .venv/bin/python -m pytest examples -q --ticketcheck-trials 20000
A failing claim prints the smallest counterexample and a replay command, e.g.
    python -m ticketcheck.harness.testing examples/test_user_claims.py mine.one_sample_hits --grid 'M=2;n=1;delta=0;z=1' ...
"""
import pytest
import sympy as sp

from ticketcheck.harness.testing import assert_claim_holds, user_claim

M, n = sp.symbols("M n", positive=True, integer=True)

# Your own bound, over a registered observable (harness.observables: rssp.single_target is
# P(exists S subset [n]: |sum_S X_i - z| <= delta), X_i uniform on {-M..M}; unified, Definition 1).
# With delta = 0 and z != 0 the target is reached as soon as one sample equals z, so
#     P >= 1 - (1 - 1/(2M+1))^n.
# Define user claims at module level: the replay command imports this file to find them again.
ONE_SAMPLE_HITS = user_claim(
    "mine.one_sample_hits",
    observable="rssp.single_target",
    bound=1 - (1 - 1 / (2 * M + 1)) ** n,
    relation=">=",
    grid={"M": [2, 3, 5], "n": range(1, 9), "delta": [0], "z": [1, 2]},
    statement=r"$P(\exists S: \sum_S X_i = z) \ge 1-(1-\frac{1}{2M+1})^n$ for $z \ne 0$",
)


def test_my_bound_holds():
    res = assert_claim_holds(ONE_SAMPLE_HITS)
    assert res["verdict"] == "holds"
    # every point was decided exactly (small M, n): the harness used exact rationals
    assert all(p["method"] == "exact" for p in res["results"][0]["points"])


def test_my_bound_on_a_grid_of_my_choice():
    # the same claim on other parameters: Monte Carlo takes over where exact is too costly
    assert_claim_holds(ONE_SAMPLE_HITS, grid={"M": [7], "n": [3, 6], "delta": [0], "z": [3]})


def test_with_the_fixture(ticketcheck):
    # the plugin's fixture applies --ticketcheck-trials / --ticketcheck-seed
    ticketcheck.assert_holds(ONE_SAMPLE_HITS, grid="M=2;n=1..4;delta=0;z=2")
