"""Figure 1 hitting-time kernel (montecarlo/figure1.py) against its pure-Python reference and
against brute-force subset enumeration."""
from itertools import combinations

import numpy as np
import pytest

from ticketcheck.errors import InputError
from ticketcheck.montecarlo.figure1 import (NOT_REACHED, _py_samples, _reference_times, curve_counts,
                                hitting_times)


def _brute_times(xs, z, M):
    """First t at which some subset of xs[:t] sums to z / covers every y in {-M..M}."""
    ts = ta = NOT_REACHED
    for t in range(0, len(xs) + 1):
        sums = {sum(c) for k in range(t + 1) for c in combinations(xs[:t], k)}
        if ts == NOT_REACHED and z in sums:
            ts = t
        if ta == NOT_REACHED and all(y in sums for y in range(-M, M + 1)):
            ta = t
    return ts, ta


@pytest.mark.parametrize("M,z", [(1, 1), (2, -2), (3, 0), (5, 4)])
def test_reference_matches_brute_force(M, z):
    for trial in range(12):
        xs = _py_samples(M, 3, trial, 9)
        assert _reference_times(M, 9, z, 3, trial) == _brute_times(xs, z, M)


@pytest.mark.parametrize("M,n_max,z", [(3, 12, 2), (70, 30, 42), (130, 30, -42), (300, 25, 7)])
def test_kernel_matches_reference(M, n_max, z):
    ts, ta = hitting_times(M, n_max, z, 25, 11)
    for i in range(25):
        assert (int(ts[i]), int(ta[i])) == _reference_times(M, n_max, z, 11, i)


def test_samples_are_uniform_and_reproducible():
    xs = _py_samples(2, 5, 0, 5000)
    assert set(xs) == {-2, -1, 0, 1, 2}
    counts = np.bincount(np.array(xs) + 2)
    assert counts.min() > 900  # 1000 expected each
    a = hitting_times(128, 40, 42, 500, 9)
    b = hitting_times(128, 40, 42, 500, 9)
    assert (a[0] == b[0]).all() and (a[1] == b[1]).all()


def test_curve_counts_is_cumulative():
    assert curve_counts(np.array([0, 2, 2, -1, 5]), 5) == [1, 1, 3, 3, 3, 4]


def test_bad_input():
    with pytest.raises(InputError, match="outside"):
        hitting_times(16, 10, 42, 10, 1)
    with pytest.raises(InputError):
        hitting_times(0, 10, 0, 10, 1)
