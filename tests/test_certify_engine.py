"""The certification engine (harness.certify) and the symbolic engine (harness.symbolic) on
statements whose truth is known: true inequalities, false ones (the counterexample is re-checked),
tight ones touching at an end point, identities, limits, and random points of certified boxes."""
from fractions import Fraction

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from ticketcheck.arb_eval import evaluate
from ticketcheck.bounds.claim import SymbolicCheck
from ticketcheck.harness.certify import certify
from ticketcheck.harness.symbolic import run_symbolic

x, y = sp.symbols("x y", real=True)


def test_exp_above_tangent_holds_and_touches_at_zero():
    r = certify(sp.exp(x), 1 + x, ">=", {"x": (0, 1)})
    assert r["verdict"] == "holds"            # tight at x = 0: settled by the derivative argument


def test_log1p_below_x_holds():
    r = certify(sp.log(1 + x), x, "<=", {"x": (0, 1)})
    assert r["verdict"] == "holds"


def test_false_inequality_gives_a_rechecked_counterexample():
    # exp(x) <= 1 + x + x^2/4 fails for x near 1: exp(1) = 2.718 > 2.25
    r = certify(sp.exp(x), 1 + x + x ** 2 / 4, "<=", {"x": (0, 1)})
    assert r["verdict"] == "violated"
    pt = {k: Fraction(v) for k, v in r["counterexample"]["params"].items()}
    assert evaluate(sp.exp(x) - 1 - x - x ** 2 / 4, pt) > 0


def test_strict_inequality_fails_at_the_touching_point():
    r = certify(sp.exp(x), 1 + x, ">", {"x": (0, 1)})
    assert r["verdict"] in ("violated", "partially_certified")
    if r["verdict"] == "violated":
        assert Fraction(r["counterexample"]["params"]["x"]) == 0


def test_two_variables_and_an_integer_parameter():
    # two variables touching at a corner; an integer statement (n enumerated exhaustively)
    assert certify(sp.exp(x + y), 1 + x + y, ">=", {"x": (0, 1), "y": (0, 1)})["verdict"] == "holds"
    n = sp.Symbol("n", integer=True, positive=True)
    r = certify(2 ** n, n + 1, ">=", {"n": (0, 60)}, integers=("n",))
    assert r["verdict"] == "holds"
    r = certify(2 ** n, n + 2, ">=", {"n": (0, 60)}, integers=("n",))
    assert r["verdict"] == "violated" and int(r["counterexample"]["params"]["n"]) in (0, 1)


@settings(max_examples=40, deadline=None)
@given(st.fractions(min_value=0, max_value=1), st.fractions(min_value=Fraction(1, 2), max_value=3))
def test_certified_inequalities_hold_at_random_points_of_their_box(px, py):
    for lhs, rhs, rel, box in ((sp.log(1 + x), x, "<=", {"x": (0, 1)}),
                               (sp.exp(x + y), 1 + x + y, ">=", {"x": (0, 1), "y": (Fraction(1, 2), 3)})):
        r = _cached(lhs, rhs, rel, box)
        assert r == "holds"
        pt = {"x": px, "y": py}
        d = evaluate(lhs - rhs, {k: v for k, v in pt.items() if k in box})
        assert (d >= 0) if rel == ">=" else (d <= 0)


_CACHE: dict = {}


def _cached(lhs, rhs, rel, box):
    key = (str(lhs), str(rhs), rel, str(box))
    if key not in _CACHE:
        _CACHE[key] = certify(lhs, rhs, rel, box)["verdict"]
    return _CACHE[key]


def test_touching_along_a_curve_is_never_claimed_beyond_what_was_certified():
    # AM-GM is tight on the whole diagonal x = y: boxes there cannot be decided by interval
    # arithmetic; the engine must say so (partially certified), never "holds" or "violated"
    r = certify((x + y) / 2, sp.sqrt(x * y), ">=", {"x": (1, 4), "y": (1, 4)},
                options={"max_boxes": 2000, "time_limit": 3.0})
    assert r["verdict"] == "partially_certified"


def _sym(kind, lhs, rhs=0, **kw):
    return run_symbolic(SymbolicCheck(name="t", kind=kind, lhs=lhs, rhs=rhs, **kw))


def test_identities_are_proved_or_refuted():
    assert _sym("identity", sp.log(x * y), sp.log(x) + sp.log(y),
                options={"positive": True})["verdict"] == "holds"
    r = _sym("identity", (x + 1) ** 2, x ** 2 + 1, options={"domain": {"x": (1, 3)}})
    assert r["verdict"] == "violated"


def test_limits_and_substitutions():
    d, e = sp.symbols("delta epsilon", positive=True)
    # unified §4.1: log((1/delta + 1)/(eps/delta + 1)) -> log(1/eps) as delta -> 0
    assert _sym("limit", sp.log((1 / d + 1) / (e / d + 1)), sp.log(1 / e), var=d,
                point=0)["verdict"] == "holds"
    assert _sym("limit", sp.log((1 / d + 1) / (e / d + 1)), sp.log(2 / e), var=d,
                point=0)["verdict"] == "violated"
    t = sp.Symbol("t", positive=True)
    assert _sym("substitution", sp.exp(-t ** 2), sp.exp(-t ** 2 / 4), subs={t: t / 2})["verdict"] == "holds"


def test_implication_that_sympy_settles_from_assumptions():
    a = sp.Symbol("a", positive=True)
    r = _sym("implication", a > 0, assumptions=[], options={"domain": {"a": (0, 1)}})
    assert r["verdict"] == "holds"
