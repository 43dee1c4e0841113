"""Replay commands: the ``--grid`` of a replay reads back as the very grid point it came from (same
parameters, same Monte Carlo seed), for odd values and for every grid point of every registered
claim (quick and full grids)."""
import shlex
import time
from fractions import Fraction

import pytest
import sympy as sp

from ticketcheck.errors import InputError
from ticketcheck.harness.grid import grid_text, parse_grid
from ticketcheck.harness.runner import RunOptions, _check_points, point_seed, replay_command


def test_odd_values_round_trip_through_the_shell():
    point = {"basis": "S3-{I,J}", "widths": "2-3-1", "domain": "C'L2", "states": "v<=M+1_or_t=tau1",
             "beta": Fraction(1, 16), "M": 3, "log_base": sp.E, "base2": sp.Integer(2), "name": "ln_x"}
    text = shlex.split(shlex.quote(grid_text(point)))[0]
    back = {k: v[0] for k, v in parse_grid(text).items()}
    assert back == point
    assert point_seed(7, "a.b", "c", back) == point_seed(7, "a.b", "c", point)


def test_log_bases_as_the_readme_writes_them():
    assert parse_grid("log_base=ln,log2")["log_base"] == [sp.E, sp.Integer(2)]


@pytest.mark.parametrize("bad", ["M=1.2.3", "M=1e", 'M="a', "M=", "M 3"])
def test_malformed_grids_are_one_line_input_errors(bad):
    with pytest.raises(InputError):
        parse_grid(bad)


def test_every_grid_point_of_every_claim_replays_to_itself():
    from ticketcheck.bounds.registry import all_claims
    t0 = time.time()
    n = 0
    for claim in all_claims():
        for check in claim.checks:
            if not hasattr(check, "grid"):
                continue  # certify/symbolic checks replay without --grid
            for quick in (False, True):
                for point in _check_points(check, RunOptions(quick=quick)):
                    argv = shlex.split(replay_command(claim.id, check.name, point, RunOptions(quick=quick)))
                    grid = argv[argv.index("--grid") + 1] if "--grid" in argv else None
                    (again,) = _check_points(check, RunOptions(grid=grid, check=check.name,
                                                               quick="--quick" in argv))
                    assert point_seed(1, claim.id, check.name, again) == \
                        point_seed(1, claim.id, check.name, point), (claim.id, check.name, grid)
                    n += 1
    assert n > 0 and time.time() - t0 < 60
