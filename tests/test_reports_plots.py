"""Plots of a check (reports/plots.py, issue 10 item 6) on constructed points with known shapes:
what is drawn (lines per combination of the other parameters, markers only where x has no order,
the second panel), what is not (facts, integer identities, mixed comparisons), the legend (built
from the varying parameters, never cut), the y-range (robust to one extreme point), the violations
(marked without hiding the point) and the tail view."""
from fractions import Fraction

import matplotlib.pyplot as plt
import pytest

from ticketcheck.reports.plots import BAD, _tail_view, check_plot, draw, no_plot_reason, robust_limits


def _pt(params, value, bound, verdict="holds", **kw):
    return {"params": params, "kind": kw.pop("kind", "probability"), "relation": kw.pop("relation", ">="),
            "method": "exact", "exact": str(Fraction(value).limit_denominator(10 ** 6)),
            "exact_float": float(value), "bound": float(bound), "verdict": verdict, **kw}


def _grid(violate_at=None):
    """P(head in n tosses) = 1 - (1-p)^n against 1 - (1-p)^n / 2 - 1/4, p in {1/4, 1/2}, n = 1..6."""
    pts = []
    for p in (Fraction(1, 4), Fraction(1, 2)):
        for n in range(1, 7):
            v, b = 1 - (1 - p) ** n, 1 - (1 - p) ** n / 2 - Fraction(1, 4)
            bad = (str(p), n) == violate_at
            pts.append(_pt({"p": str(p), "n": n}, v, b + (1 if bad else 0), "violated" if bad else "holds"))
    return pts


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def _solid_lines(ax):
    return [ln for ln in ax.get_lines() if ln.get_linestyle() == "-" and len(set(ln.get_xdata())) > 1]


def test_one_line_per_combination_of_the_other_parameters():
    fig = draw({"name": "c", "points": _grid()}, "t")
    top, bottom = fig.axes[:2]
    solid = _solid_lines(top)
    assert len(solid) == 2  # the true value for p = 1/4 and for p = 1/2, never joined across p
    for ln in solid:
        assert list(ln.get_xdata()) == [1, 2, 3, 4, 5, 6]
    dashed = [ln for ln in top.get_lines() if ln.get_linestyle() == "--"]
    assert len(dashed) == 2  # the bound, one per combination
    # second panel: true value / bound (no tightness stored) with the reference line at 1
    assert bottom.get_ylabel() == "true value / bound"
    assert any(list(ln.get_ydata()) == [1, 1] for ln in bottom.get_lines())


def test_markers_only_where_x_has_no_order():
    pts = [_pt({"result": r}, 0.5, 0.25 + i / 10, kind="real", relation="<=") for i, r in
           enumerate(["Eq. 4", "Lemma 2", "Table 1"])]
    fig = draw({"name": "c", "points": pts}, "t")
    assert _solid_lines(fig.axes[0]) == []
    assert [t.get_text() for t in fig.axes[-1].get_xticklabels()] == ["Eq. 4", "Lemma 2", "Table 1"]


def test_no_plot_for_facts_integer_identities_or_mixed_comparisons():
    fact = [_pt({"n": n}, 1, 1, kind="fact") for n in range(3)]
    ident = [dict(_pt({"n": n}, n, n, kind="real", relation="=="), exact=str(n), bound_text=str(n)) for n in range(4)]
    mixed = [_pt({"n": 1}, 0.5, 0.4), _pt({"n": 2}, 0.5, 0.4, relation="<=")]
    assert no_plot_reason(fact) == "a yes/no fact" and check_plot({"points": fact}) is None
    assert no_plot_reason(ident) == "an integer-valued identity" and check_plot({"points": ident}) is None
    assert no_plot_reason(mixed) == "comparisons of different quantities" and check_plot({"points": mixed}) is None
    rational = [dict(p, exact=f"{p['params']['n']}/3") for p in ident]  # not integer-valued: drawn
    assert no_plot_reason(rational) is None and check_plot({"points": rational})[:4] == b"\x89PNG"


def test_the_legend_is_built_from_the_varying_parameters_and_never_cut():
    long = "the second inequality of the proof of Lemma 6, in the prose reading, at its last step"
    pts = []
    for s in ("short", long):
        for t in range(1, 5):
            pts.append(_pt({"Delta": 1, "reading": s, "t": t}, Fraction(1, t + 1), Fraction(1, t + 2)))
    fig = draw({"name": "c", "points": pts}, "title", names={"Delta": r"\Delta", "t": "t"})
    texts = [t.get_text() for t in fig.legends[0].get_texts()]
    flat = [t.replace("\n", " ") for t in texts]
    assert f"reading = {long}" in flat and "reading = short" in flat
    assert all(len(line) <= 60 for t in texts for line in t.split("\n"))  # wrapped, not cut
    # the fixed parameter goes under the title, with the paper's symbol
    assert r"fixed: $\Delta$ = 1" in fig.axes[0].get_title()
    assert fig.axes[-1].get_xlabel() == "$t$"


def test_the_y_range_ignores_one_extreme_point():
    assert robust_limits([0.1, 0.2, 0.3, 0.4, 0.5, 1e6])[1] < 1
    assert robust_limits([0.1, 0.2, 0.3, 0.4, 0.5, 0.6])[1] > 0.6  # no outlier: the whole range
    pts = _grid()
    pts[3] = dict(pts[3], bound=1e6)
    fig = draw({"name": "c", "points": pts}, "t")
    top = fig.axes[0]
    assert top.get_ylim()[1] < 2 and top.get_yscale() == "linear"
    # the clipped point is drawn as a triangle on the edge, and said so in the legend
    assert any(ln.get_marker() == "^" for ln in top.get_lines())
    assert "off the y-range" in [t.get_text() for t in fig.legends[0].get_texts()]


def test_violations_are_marked_without_hiding_the_point():
    fig = draw({"name": "c", "points": _grid(violate_at=("1/2", 3))}, "t")
    top = fig.axes[0]
    rings = [ln for ln in top.get_lines() if ln.get_color() == BAD and ln.get_marker() == "o"]
    (ring,) = rings
    assert ring.get_markerfacecolor() == "none"  # hollow: the point inside stays visible
    assert list(ring.get_xdata()) == [3] and list(ring.get_ydata()) == [pytest.approx(7 / 8)]
    # the true value is still drawn on its line, and a segment joins it to the bound
    assert any(3 in list(ln.get_xdata()) and ln.get_color() != BAD for ln in _solid_lines(top))
    seg = [ln for ln in top.get_lines() if ln.get_color() == BAD and ln.get_linestyle() == "-"]
    assert len(seg) == 1 and list(seg[0].get_xdata()) == [3, 3]
    assert any(ln.get_color() == BAD for ln in fig.axes[1].get_lines())  # marked in the second panel too


def test_the_second_panel_shows_the_stored_tightness():
    pts = [dict(p, tightness=0.5 + i / 20) for i, p in enumerate(_grid())]
    fig = draw({"name": "c", "points": pts}, "t")
    assert fig.axes[1].get_ylabel() == "tightness (1 = exact)"


def test_tail_bounds_are_drawn_as_failure_probabilities_on_a_log_axis():
    # a lower bound on a probability within 1e-2 of 1, exact values 1 - 10^-40 ... (beyond floats)
    from ticketcheck.harness.values import log10_gap_to_one
    pts = []
    for t in range(1, 6):
        v, b = 1 - Fraction(1, 10 ** (40 * t)), 1 - Fraction(1, 10 ** (45 * t))
        pts.append({"params": {"t": t}, "kind": "probability", "relation": ">=", "method": "exact",
                    "exact": f"{v.numerator}/{v.denominator}", "exact_float": 1.0, "bound": 1.0,
                    "verdict": "violated", "tightness": 45 / 40,
                    "log10_gap_to_1": {"value": log10_gap_to_one(v), "bound": log10_gap_to_one(b)}})
    assert pts[2]["log10_gap_to_1"]["value"] == -120.0
    assert _tail_view(pts)
    fig = draw({"name": "c", "points": pts}, "tail")
    assert fig.axes[0].get_ylabel() == "log10(1 - probability)"
    assert sorted(fig.axes[0].get_lines()[0].get_ydata()) == [-200.0, -160.0, -120.0, -80.0, -40.0]
    assert check_plot({"name": "c", "points": pts}, "tail")[:4] == b"\x89PNG"
    far = [dict(p, log10_gap_to_1=None, exact_float=0.5, bound=0.4) for p in pts]
    assert not _tail_view(far)
