"""compare_published (bounds.published): two Clopper-Pearson intervals, violated only when they are
disjoint at the family-wise level; hand values from the closed forms of the k = 0 and k = n ends."""
from __future__ import annotations

import pytest

from ticketcheck.bounds.published import compare_published, count_from_percent, published_comparison
from ticketcheck.errors import InputError
from ticketcheck.harness.verdict import decide_point


def test_all_or_nothing_counts_closed_form():
    """Each interval has confidence 1 - alpha/(2 m) (m = family), so each end uses a = alpha/(4 m):
    0 of n gives [0, 1 - a^(1/n)], n of n gives [a^(1/n), 1]. They are disjoint iff a^(1/n) > 1/2,
    i.e. n > log2(4 m / alpha): for alpha = 0.01, m = 1 (log2 400 = 8.6) from n = 9 on."""
    assert compare_published(0, 8, 8, 8).verdict == "holds"
    pc = compare_published(0, 9, 9, 9)
    assert pc.verdict == "violated"
    a = (0.01 / 4) ** (1 / 9)
    assert pc.ours == pytest.approx((0.0, 1 - a)) and pc.theirs == pytest.approx((a, 1.0))
    assert pc.separation == pytest.approx(2 * a - 1)
    # two published figures (family = 2): n > log2(800) = 9.6
    assert compare_published(0, 9, 9, 9, family=2).verdict == "holds"
    assert compare_published(0, 10, 10, 10, family=2).verdict == "violated"


def test_published_lt_existence_figures():
    pc = compare_published(4113, 1_000_000, 404, 100_000, alpha=0.05)
    assert pc.verdict == "holds"
    # experiments.md: 404/100,000 has the 95 % interval 0.366-0.445 %
    assert compare_published(404, 100_000, 404, 100_000, alpha=0.10).ours == pytest.approx(
        (0.00366, 0.00445), abs=5e-6)
    assert count_from_percent("3.55", 100_000) == 3550
    assert compare_published(3479, 100_000, 3550, 100_000).verdict == "holds"
    assert compare_published(2000, 100_000, 3550, 100_000).verdict == "violated"


def test_the_harness_judges_the_comparison_the_same_way():
    for ours, theirs, expect in [((0, 8), (8, 8), "holds"), ((0, 9), (9, 9), "violated"),
                                 ((404, 100_000), (4089, 1_000_000), "holds")]:
        pc = compare_published(*ours, *theirs)
        c = published_comparison(pc, "failure rate", {"variant": "L+1"})
        assert pc.verdict == expect == decide_point(c.lhs, c.rhs, c.relation, c.kind).verdict
        assert c.info["theirs"]["k"] == theirs[0]


def test_bad_input_one_line():
    for call, msg in [(lambda: compare_published(5, 4, 1, 10), "0 <= k <= n"),
                      (lambda: compare_published(1, 10, 1, 0), "n >= 1"),
                      (lambda: compare_published(1, 10, 1, 10, alpha=1.5), "alpha"),
                      (lambda: compare_published(1, 10, 1, 10, family=0), "family"),
                      (lambda: compare_published(1.5, 10, 1, 10), "whole number"),
                      (lambda: count_from_percent("3.555", 1000), "not a whole count")]:
        with pytest.raises(InputError, match=msg) as e:
            call()
        assert "\n" not in str(e.value)
