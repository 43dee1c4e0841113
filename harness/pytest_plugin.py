"""pytest plugin of ticketcheck (entry point ``pytest11: ticketcheck``): claims in your own suite.

* options ``--ticketcheck-trials N``, ``--ticketcheck-seed S``, ``--ticketcheck-full`` (full grids
  instead of the claims' quick grids) set the defaults of :mod:`harness.testing`;
* fixture ``ticketcheck``: ``ticketcheck.assert_holds(claim_or_id, grid=..., ...)``,
  ``ticketcheck.check(...)`` (result dict, no assertion), ``ticketcheck.user_claim(...)``;
* marker ``@pytest.mark.ticketcheck_claim("unified.lemma4", grid="M=1..2;t=1..20")``: the test
  checks that claim (its body runs afterwards with the result in ``request.node.ticketcheck_result``).

A failing claim fails the test with the smallest counterexample and the replay command (the
regression-test API itself lives in :mod:`harness.testing`).
"""
from __future__ import annotations

import pytest


def pytest_addoption(parser):
    g = parser.getgroup("ticketcheck", "ticketcheck claim checks")
    g.addoption("--ticketcheck-trials", type=int, default=None,
                help="Monte Carlo trials per point for claim checks (default 2000)")
    g.addoption("--ticketcheck-seed", type=int, default=None, help="Monte Carlo seed for claim checks")
    g.addoption("--ticketcheck-full", action="store_true", default=False,
                help="check claims on their full grids instead of their quick grids")


def pytest_configure(config):
    config.addinivalue_line("markers", "ticketcheck_claim(claim_id, grid=None, **options): the test "
                                       "asserts that the claim holds (harness.testing.assert_claim_holds)")
    from ticketcheck.harness import testing
    if config.getoption("--ticketcheck-trials", None):
        testing.DEFAULTS["trials"] = config.getoption("--ticketcheck-trials")
    if config.getoption("--ticketcheck-seed", None) is not None:
        testing.DEFAULTS["seed"] = config.getoption("--ticketcheck-seed")
    if config.getoption("--ticketcheck-full", False):
        testing.DEFAULTS["quick"] = False


class _Fixture:
    """What the ``ticketcheck`` fixture returns."""

    def __init__(self):
        from ticketcheck.harness import testing
        self._t = testing

    def assert_holds(self, claim_or_id, grid=None, **kw):
        return self._t.assert_claim_holds(claim_or_id, grid, **kw)

    def check(self, claim_or_id, grid=None, **kw):
        return self._t.check_claim(claim_or_id, grid, **kw)

    def user_claim(self, *a, **kw):
        return self._t.user_claim(*a, **kw)


@pytest.fixture
def ticketcheck():
    return _Fixture()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_call(item):
    m = item.get_closest_marker("ticketcheck_claim")
    if m is None or not m.args:
        return
    from ticketcheck.harness.testing import assert_claim_holds
    item.ticketcheck_result = assert_claim_holds(m.args[0], m.kwargs.get("grid"),
                                                 **{k: v for k, v in m.kwargs.items() if k != "grid"})
