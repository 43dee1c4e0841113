"""The verdict machinery on synthetic claims whose answers are known by construction."""
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

from ticketcheck.bounds.claim import (BoundCheck, Claim, Comparison, ComputedCheck, EmpiricalConstant,
                                      Falsifier)
from ticketcheck import observables
from ticketcheck.errors import InputError
from ticketcheck.harness.runner import RunOptions, run_claim
from ticketcheck.harness.verdict import aggregate, compare, decide_point, holm
from ticketcheck.montecarlo.estimate import Estimate, clopper_pearson

p_sym, n_sym, c_sym = sp.symbols("p n c", positive=True)


def _coin_exact(p, n):
    """P(at least one head in n tosses of a p-coin) = 1 - (1-p)^n, exactly."""
    return 1 - (1 - Fraction(p)) ** n


def _coin_mc(p, n, trials, seed):
    rng = np.random.default_rng(seed)
    heads = (rng.random((trials, n)) < float(p)).any(axis=1).sum()
    return Estimate(int(heads), trials, seed)


observables.register(observables.Observable(
    name="synthetic.coin", params=("p", "n"), exact=_coin_exact, montecarlo=_coin_mc,
    cost=lambda p, n: 0.0 if n <= 30 else 1e9))


def claim(bound, relation=">=", hyp=True, grid=None, empirical=(), falsifiers=(Falsifier.tighten(),),
          constants=None):
    return Claim(id="unified.synthetic", title="t", source="test", statement="s", methods=("EXACT",),
                 checks=[BoundCheck(name="main", observable="synthetic.coin", bound=bound,
                                    relation=relation, grid=grid or {"p": [Fraction(1, 2)], "n": [1, 2, 3]},
                                    hypothesis=hyp, empirical=empirical, falsifiers=falsifiers,
                                    constants=constants or {})])


def test_true_claim_holds_exactly():
    res = run_claim(claim(1 - (1 - p_sym) ** n_sym))  # equality: holds with slack 0
    assert res["verdict"] == "holds"
    assert res["min_slack"] == 0.0
    chk = res["results"][0]
    # the tightened relation (>) fails at the first point: the check could have failed
    assert chk["falsifiers"][0]["verdict"] == "violated" and chk["falsifiers"][0]["witness"] == "p=1/2;n=1"
    assert res["evidence"] == "exact_grid" and res["evidence_text"] == "exact on n <= 3"
    assert res["falsifiable_checks"] == 1


def test_a_check_that_cannot_fail_is_measured_not_holds():
    # a lower bound far below the truth, whose only falsifier (the tightened relation) cannot fire
    res = run_claim(claim((1 - (1 - p_sym) ** n_sym) / 2))
    assert res["verdict"] == "measured" and res["evidence"] is None
    assert "could not have failed" in res["results"][0]["reason"]
    # a constant the bound declares: halving it (3/2 -> 3/4) breaks the bound, so the check is judged
    c = sp.Symbol("c", positive=True)
    res = run_claim(claim((1 - (1 - p_sym) ** n_sym) / c, constants={c: Fraction(3, 2)}, falsifiers=()))
    assert res["verdict"] == "holds"
    fired = [f for f in res["results"][0]["falsifiers"] if f["verdict"] == "violated"]
    assert fired and fired[0]["name"] == "c x 1/2"


def test_zero_decided_points_is_never_holds():
    res = run_claim(claim(1 - (1 - p_sym) ** n_sym, hyp=sp.Gt(n_sym, 10)))
    assert res["verdict"] == "out_of_scope" and "outside the hypotheses" in res["reason"]
    empty = Claim(id="unified.synthetic_empty", title="t", source="s", statement="s", methods=("EXACT",),
                  checks=[BoundCheck(name="main", observable="synthetic.coin", bound=p_sym, relation=">=",
                                     grid=lambda: [], falsifiers=(Falsifier.tighten(),))])
    res = run_claim(empty)
    assert res["verdict"] == "inconclusive" and "empty grid" in res["reason"]


def test_tightness_near_one_uses_the_failure_probabilities():
    from ticketcheck.harness.judge import tightness
    # true failure 1e-70, bound's failure 1e-35: tightness 1/2, although the slack is ~1e-35
    t, why = tightness(1 - Fraction(1, 10 ** 70), 1 - Fraction(1, 10 ** 35), ">=", "probability")
    assert abs(t - 0.5) < 1e-12 and "failure" in why
    t, why = tightness(Fraction(1), 1 - Fraction(1, 10 ** 35), ">=", "probability")
    assert t is None and "0" in why
    t, _ = tightness(Fraction(1, 2), Fraction(1, 4), ">=", "probability")
    assert t == 0.5


def test_false_claim_is_violated_with_smallest_counterexample():
    res = run_claim(claim(1 - (1 - p_sym) ** (n_sym + 1)))
    assert res["verdict"] == "violated"
    assert res["counterexample"]["params"] == {"p": "1/2", "n": 1}
    assert "--grid 'p=1/2;n=1'" in res["counterexample"]["replay"]


def test_vacuous_bound():
    res = run_claim(claim(-n_sym))
    assert res["verdict"] == "vacuous"


def test_monte_carlo_inconclusive_and_violated():
    # n = 40 is over the exact budget: Monte Carlo decides.
    grid = {"p": [Fraction(1, 50)], "n": [40]}
    true_p = 1 - (1 - 1 / 50) ** 40  # 0.5543
    opts = RunOptions(trials=2000, seed=7)
    res = run_claim(claim(sp.Rational(true_p) + sp.Rational(1, 10**4), grid=grid), opts)
    assert res["verdict"] == "inconclusive"  # bound just above the truth: cannot be decided
    res = run_claim(claim(sp.Rational(7, 10), grid=grid), opts)
    assert res["verdict"] == "violated"
    pt = res["results"][0]["points"][0]
    assert pt["method"] == "montecarlo" and pt["ci"][1] < 0.7


def test_holm_needs_correction():
    ds = [decide_point(Estimate(45, 100), Fraction(6, 10), ">=", "probability") for _ in range(1)]
    assert ds[0].verdict == "violated?"
    holm(ds, n_tests=1000)
    assert ds[0].verdict == "inconclusive"  # p ~ 0.002 is not significant among 1000 tests


def test_empirical_constant_bisection():
    # claim: P >= 1 - (1-p)^(n/c) holds iff c >= 1, so the smallest constant is 1.
    ec = EmpiricalConstant(symbol=c_sym, search=(Fraction(1, 10), 4), claim_gets_weaker="up")
    res = run_claim(claim(1 - (1 - p_sym) ** (n_sym / c_sym), empirical=[ec]))
    val = res["results"][0]["empirical_constants"][0]["value"]
    assert abs(val - 1.0) < 1e-9


def test_computed_check_and_aggregate():
    def compute(params):
        yield Comparison(params={}, lhs=Fraction(1, 3), rhs=sp.Rational(1, 3), relation=">=")
    c = Claim(id="unified.synthetic2", title="t", source="s", statement="s", methods=("SYM",),
              checks=[ComputedCheck(name="c", compute=lambda p: [Comparison({}, Fraction(1, 3), Fraction(1, 3), ">=")],
                                    grid={"x": [1]}, falsifiers=(Falsifier.tighten(),))])
    assert run_claim(c)["verdict"] == "holds"
    assert aggregate(["holds", "vacuous", "out_of_scope"]) == "holds"
    assert aggregate(["vacuous", "out_of_scope"]) == "vacuous"
    assert aggregate([]) == "recorded"


def test_tiny_and_huge_numbers_are_not_rounded():
    from ticketcheck.arb_eval import evaluate
    tiny = evaluate(sp.exp(-900), {})
    assert compare(tiny, 0, ">") is True
    assert compare(Fraction(0), tiny, "<") is True
    almost = evaluate(1 - sp.exp(-sp.Integer(69)), {})  # 1 - 1e-30
    assert compare(almost, 1, "<") is True
    # exp(-69) = 1.08e-30, so 1 - exp(-69) lies just below 1 - 1e-30: decided, not rounded
    assert compare(Fraction(10**30 - 1, 10**30), almost, ">") is True


def test_clopper_pearson_known_values():
    lo, hi = clopper_pearson(0, 10, 0.95)
    assert lo == 0 and abs(hi - 0.3084971) < 1e-6
    lo, hi = clopper_pearson(5, 10, 0.95)
    assert abs(lo - 0.1870860) < 1e-6 and abs(hi - 0.8129140) < 1e-6


def test_bad_grid_is_one_line_error():
    from ticketcheck.harness.grid import parse_grid
    with pytest.raises(InputError):
        parse_grid("M=")
    with pytest.raises(InputError):
        parse_grid("M 3")
    with pytest.raises(InputError):
        parse_grid("M=5..1")
    # log bases are read as the claims' grids hold them (bounds.symbols.LOG): ln -> E, log2 -> 2
    import sympy as sp
    assert parse_grid("M=1..3;beta=1/16;b=ln,log2") == {"M": [1, 2, 3], "beta": [Fraction(1, 16)],
                                                         "b": [sp.E, sp.Integer(2)]}


def test_tie_at_working_precision_is_refined():
    # n = 1000 coins of p = 1: the exact value is 1; the bound 1 - exp(-400) differs from 1 by far
    # less than the default ~170 relative bits, so the bound is re-evaluated with tighter balls
    res = run_claim(claim(1 - sp.exp(-400 * n_sym / 1000), grid={"p": [1], "n": [1000]}),
                    RunOptions(budget=1e9))
    assert res["results"][0]["points"][0]["verdict"] == "holds"
    # the truth is 1 here: no falsifier of this bound can fire, so the check is not judged
    assert res["verdict"] == "measured"
    res = run_claim(claim(1 - sp.exp(-400 * n_sym / 1000), relation="<=", grid={"p": [1], "n": [1000]}),
                    RunOptions(budget=1e9))
    assert res["verdict"] == "violated"
    res = run_claim(claim(1 + sp.exp(-400 * n_sym / 1000), relation=">=", grid={"p": [1], "n": [1000]}),
                    RunOptions(budget=1e9))
    assert res["verdict"] == "violated"


def test_counterexample_prefers_the_concrete_sub_point_of_a_grid_point():
    from ticketcheck.harness.runner import smallest_counterexample
    count = {"params": {"M_max": 2000, "domain": "x"}, "verdict": "violated", "value": 99.0}
    concrete = {"params": {"M_max": 2000, "domain": "x", "M": 2, "Delta": 1, "t": 1},
                "grid_params": {"M_max": 2000, "domain": "x"}, "verdict": "violated", "value": 1.2}
    other_grid = {"params": {"M_max": 4000, "domain": "x"}, "verdict": "violated", "value": 7.0}
    ce = smallest_counterexample([{"name": "c", "points": [other_grid, count, concrete]}])
    assert ce["params"] == concrete["params"]
    ce = smallest_counterexample([{"name": "c", "points": [other_grid, count]}])
    assert ce["params"] == count["params"]


def test_reported_comparisons_are_measured_not_judged():
    def compute(ctx):
        yield Comparison({"x": 1}, Fraction(1, 3), Fraction(1, 2), "report", label="shown, not judged")
    c = Claim(id="unified.synthetic_measured", title="t", source="s", statement="s", methods=("MC",),
              checks=[ComputedCheck("m", compute, grid=lambda: [{}])])
    res = run_claim(c)
    assert res["verdict"] == "measured" and res["results"][0]["points"][0]["slack"] is None
    assert aggregate(["measured", "holds"]) == "holds"
    assert aggregate(["measured", "violated"]) == "violated"
    assert aggregate(["measured", "out_of_scope"]) == "measured"


# ---------------------------------------------------------------- readings, inheritance, corrections, gaps

def _coin_claim(bound, grid, *, readings=(), correction=None, hypothesis=True, inherits=(), cid="unified.synthetic",
                constants=None, falsifiers=(Falsifier.tighten(),), relation=">="):
    from ticketcheck.bounds.claim import Claim
    return Claim(id=cid, title="t", source="test", statement="s", methods=("EXACT",),
                 checks=[BoundCheck(name="main", observable="synthetic.coin", bound=bound, relation=relation,
                                    grid=grid, constants=constants or {}, falsifiers=falsifiers)],
                 readings=tuple(readings), correction=correction, hypothesis=hypothesis,
                 inherits=tuple(inherits))


def test_a_claim_is_violated_only_when_every_reading_fails():
    from ticketcheck.bounds.claim import Reading
    b = sp.Symbol("b", positive=True)
    # P(head in n tosses) >= 1 - (1-p)^(n log(b) / log(2)): exact for b = 2, false for b = e (the
    # exponent n / ln 2 > n makes the bound larger than the truth)
    bound = 1 - (1 - p_sym) ** (n_sym * sp.log(b) / sp.log(2))
    grid = {"p": [Fraction(1, 2)], "n": [1, 2], "b": [sp.E, sp.Integer(2)]}
    rd = Reading("b", {"ln": sp.E, "log2": sp.Integer(2)}, source="unqualified log")
    res = run_claim(_coin_claim(bound, grid, readings=[rd]))
    by = {it["label"]: it["verdict"] for it in res["readings"]}
    assert by == {"ln": "violated", "log2": "holds"}
    assert res["verdict"] == "holds" and "violated under b=ln" in res["reason"]
    assert res["counterexample"] is None       # the failure is reported with its reading
    only_ln = {"p": [Fraction(1, 2)], "n": [1, 2], "b": [sp.E]}
    assert run_claim(_coin_claim(bound, only_ln, readings=[rd]))["verdict"] == "violated"


def test_a_step_is_judged_only_inside_the_hypotheses_it_inherits():
    from ticketcheck.bounds import registry
    from ticketcheck.bounds.claim import Claim, Inherit
    parent = Claim(id="unified.synthetic_parent", title="t", source="s", statement="s", methods=("REC",),
                   hypothesis=sp.Ge(n_sym, 4))
    registry._load()
    registry._CLAIMS[parent.id] = parent
    try:
        # false for every n (bound above the truth), but the step is used at n/2 with n/2 >= 4
        bound = 1 - (1 - p_sym) ** (n_sym + 1)
        step = _coin_claim(bound, {"p": [Fraction(1, 2)], "n": [2, 4, 8, 9]},
                           inherits=[Inherit(parent.id, {"n": n_sym / 2})], cid="unified.synthetic_step")
        res = run_claim(step)
        pts = res["results"][0]["points"]
        assert [p["verdict"] for p in pts] == ["out_of_scope", "out_of_scope", "violated", "violated"]
        assert "outside the hypotheses of unified.synthetic_parent" in pts[0]["note"]
        assert res["counterexample"]["params"]["n"] == 8
    finally:
        del registry._CLAIMS[parent.id]


def test_a_violation_whose_declared_correction_holds_is_a_typo():
    from ticketcheck.bounds.claim import Correction
    k = sp.Symbol("k", positive=True)
    # printed: P >= 1 - (1-p)^(k n) with k = 2 (a constant printed inverted; the intended k is 1/2)
    bound = 1 - (1 - p_sym) ** (k * n_sym)
    grid = {"p": [Fraction(1, 2)], "n": [1, 2, 3]}
    fix = Correction("constant_inverted", "P >= 1 - (1-p)^(n/2)", "§2, the exponent defined there",
                     constants={"k": Fraction(1, 2)})
    res = run_claim(_coin_claim(bound, grid, constants={k: 2}, correction=fix))
    assert res["verdict"] == "violated" and res["severity"] == "typo"
    assert res["correction"]["verdict"] == "holds" and res["correction"]["evidence"] == "exact_grid"
    wrong = Correction("constant_inverted", "P >= 1 - (1-p)^(3n)", "nowhere", constants={"k": 3})
    res = run_claim(_coin_claim(bound, grid, constants={k: 2}, correction=wrong))
    assert res["severity"] == "substantive" and res["correction"]["verdict"] == "error"
    assert "is not 1/2" in res["correction"]["note"]


def test_a_proof_that_uses_more_than_the_cited_result_gives_is_a_gap():
    from ticketcheck.bounds.claim import Claim, GapCheck
    used = BoundCheck("used", "synthetic.coin", 1 - (1 - p_sym) ** n_sym, ">=",
                      grid={"p": [Fraction(1, 2)], "n": [1, 2]}, falsifiers=(Falsifier.tighten(),))
    # the cited result gives (1 - (1-p)^n)/2, which does not imply the used form (the implication
    # "cited >= used" fails), while the used form itself is true
    def implication(ctx):
        n, p = ctx["n"], Fraction(1, 2)
        yield ctx.compare((1 - (1 - p) ** n) / 2, ">=", 1 - (1 - p) ** n, "cited bound >= used bound")
    imp = ComputedCheck("cited_implies_used", implication, grid={"n": [1, 2]})
    c = Claim(id="unified.synthetic_gap", title="t", source="s", statement="s", methods=("EXACT",),
              checks=[GapCheck("lemma_as_used", implication=imp, used=used)])
    res = run_claim(c)
    assert res["verdict"] == "gap" and "cited result does not give" in res["results"][0]["reason"]


def test_a_computed_check_gets_the_exact_vs_monte_carlo_overlap_check_too():
    from ticketcheck.errors import DisagreementError
    from ticketcheck.bounds.claim import Claim

    def compute(ctx):
        value, method = ctx.observe("synthetic.coin", p=Fraction(1, 2), n=ctx["n"])
        yield ctx.compare(value, ">=", Fraction(0), "P(head)")
    c = Claim(id="unified.synthetic_overlap", title="t", source="s", statement="s", methods=("EXACT",),
              checks=[ComputedCheck("c", compute, grid={"n": [1, 2, 3]}, falsifiers=(Falsifier.tighten(),))])
    res = run_claim(c, RunOptions(overlap_points=2, overlap_trials=2000))
    ov = res["results"][0]["overlap"]
    assert len(ov) == 2 and all(o["agree"] for o in ov)
    # an exact implementation that is wrong is caught loudly
    observables.register(observables.Observable(
        name="synthetic.coin_wrong", params=("p", "n"), exact=lambda p, n: Fraction(1, 10),
        montecarlo=_coin_mc, cost=lambda p, n: 0.0))

    def wrong(ctx):
        value, _ = ctx.observe("synthetic.coin_wrong", p=Fraction(1, 2), n=ctx["n"])
        yield ctx.compare(value, ">=", Fraction(0), "P(head)")
    bad = Claim(id="unified.synthetic_overlap2", title="t", source="s", statement="s", methods=("EXACT",),
                checks=[ComputedCheck("c", wrong, grid={"n": [3]}, falsifiers=(Falsifier.tighten(),))])
    with pytest.raises(DisagreementError):
        run_claim(bad, RunOptions(overlap_points=2, overlap_trials=2000))


# ------------------------------------------------------------------ symbolic identities

def _identity_claim(lhs, rhs, kind="identity", falsifiers=()):
    from ticketcheck.bounds.claim import SymbolicCheck
    return Claim(id="unified.synthetic_identity", title="t", source="test", statement="s", methods=("SYM",),
                 checks=[SymbolicCheck("eq", kind, lhs, rhs, falsifiers=falsifiers)])


def test_a_proved_identity_is_judged_through_its_offset_falsifier():
    """(p + n)^2 = p^2 + 2pn + n^2: sympy proves it; its default falsifier (right-hand side + 1)
    must be refuted by the same engine, so the identity is a certified holds."""
    res = run_claim(_identity_claim((p_sym + n_sym) ** 2, p_sym ** 2 + 2 * p_sym * n_sym + n_sym ** 2))
    chk = res["results"][0]
    assert res["verdict"] == "holds" and res["evidence"] == "certified"
    assert [(f["name"], f["verdict"]) for f in chk["falsifiers"]] == [("right-hand side + 1", "violated")]


def test_a_false_identity_is_violated_and_a_self_comparison_is_not_judged():
    res = run_claim(_identity_claim((p_sym + n_sym) ** 2, p_sym ** 2 + n_sym ** 2))
    assert res["verdict"] == "violated"
    # the same expression on both sides: could not have failed, whatever its falsifiers say
    same = run_claim(_identity_claim(p_sym * (n_sym + 1), p_sym * (n_sym + 1)))
    assert same["verdict"] == "measured" and "same expression" in same["results"][0]["reason"]


def test_an_offset_falsifier_is_only_for_identities():
    with pytest.raises(ValueError, match="nonzero"):
        Falsifier.offset(0)
    res = run_claim(claim(1 - (1 - p_sym) ** n_sym, falsifiers=(Falsifier.offset(1),)))
    f = res["results"][0]["falsifiers"][0]
    assert f["verdict"] == "error" and "symbolic identity" in f["note"]
