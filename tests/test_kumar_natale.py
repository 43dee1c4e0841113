"""`kumar_natale` number-partitioning claims (npp.md): Lemma 2 on every instance with n <= 6,
M <= 4, two implementations of its check compared, wrong variants found, and the harness verdicts
of the three tested claims (quick grids)."""
from __future__ import annotations

import itertools
from fractions import Fraction

import pytest

from ticketcheck.bounds import kumar_natale_checks as kc
from ticketcheck.bounds.registry import get_claim
from ticketcheck.harness.context import CheckContext
from ticketcheck.harness.runner import RunOptions, run_claim

KEYS = ("subset_not_partition", "partition_not_subset", "both", "npp_x_not_abs", "npp_abs_not_x")


@pytest.mark.parametrize("law", kc.LAWS)
def test_lemma2_holds_on_every_instance_up_to_n6_M4(law):
    for n in range(1, 7):
        for M in range(1, 5):
            c = kc.lemma2_mismatch_counts(n, M, law)
            assert c["instances"] == len(kc.law_values(M, law)) ** n
            assert (c["subset_not_partition"], c["partition_not_subset"]) == (0, 0), (n, M)
            assert (c["npp_x_not_abs"], c["npp_abs_not_x"]) == (0, 0), (n, M)
            assert c["both"] >= c["instances"]          # t = 0 (empty set) at least


def _per_instance_totals(n, M, law, target=kc.printed_target):
    total = dict.fromkeys(KEYS, 0)
    for xs in itertools.product(kc.law_values(M, law), repeat=n):
        c = kc.lemma2_instance_mismatches(list(xs), target)
        for k in KEYS:
            total[k] += c[k]
    return total


WRONG = {"|Lambda - t|": lambda lam, t: abs(lam - t), "|Lambda - 2t| + 2": lambda lam, t: abs(lam - 2 * t) + 2}


@pytest.mark.parametrize("n,M,law", [(2, 3, "nonzero"), (3, 2, "with_zero"), (4, 2, "nonzero")])
def test_vectorised_and_set_based_lemma2_counts_agree(n, M, law):
    vec = kc.lemma2_mismatch_counts(n, M, law)
    assert {k: vec[k] for k in KEYS} == _per_instance_totals(n, M, law)
    for name, target in WRONG.items():          # wrong variants: found by both implementations
        bad = kc.lemma2_mismatch_counts(n, M, law, target)
        assert {k: bad[k] for k in KEYS} == _per_instance_totals(n, M, law, target)
        assert bad["subset_not_partition"] + bad["partition_not_subset"] > 0, name


def test_lemma2_by_hand():
    # X = (3, -1), Lambda = 2: subset sums {0, 3, -1, 2}; signed sums {2, 4, -4, -2}
    # t = 3: |Lambda - 2t| = 4 is a discrepancy; t = 1: |2 - 2| = 0 is not, and 1 is no subset sum
    c = kc.lemma2_instance_mismatches([3, -1])
    assert c["both"] == 4 and c["subset_not_partition"] == c["partition_not_subset"] == 0


def test_exact_first_moment_grows_only_where_its_leading_order_does():
    """Why the phase-transition trend check judges from n >= 1/(2(1-kappa) ln 2): at kappa = 0.99
    the exact first moment still decreases at n = 16..64 (a check from n = 8 would fail)."""
    from ticketcheck.exact.npp import npp_expected_perfect
    k = Fraction(99, 100)
    es = [npp_expected_perfect(kc.kappa_M(n, k), n, "even") for n in (16, 32, 64)]
    assert es[0] > es[1] > es[2]
    assert kc.increasing_from(k) > 64
    ctx = CheckContext({"kappa": k, "parity": "even", "n_max": 128}, seed=1, trials=100, budget=20,
                       constants={"kappa_c": 1})
    comps = list(kc.first_moment_trend_compute(ctx))
    judged = [c for c in comps if c.relation != "report"]
    assert [c.params["n"] for c in judged] == [128] and judged[0].relation == ">"
    assert judged[0].lhs > judged[0].rhs


@pytest.mark.parametrize("claim_id", ["kumar_natale.lemma2", "kumar_natale.phase_transition",
                                      "kumar_natale.cite_bcp"])
def test_every_declared_falsifier_fires_on_the_quick_grid(claim_id):
    from ticketcheck.harness.checks import CheckRun
    from ticketcheck.harness.runner import run_falsifier
    from ticketcheck.harness.scope import Scope
    claim = get_claim(claim_id)
    run = CheckRun(claim, RunOptions(quick=True, trials=2000, overlap_points=0), Scope(claim))
    declared = [(c, f) for c in claim.checks for f in c.falsifiers]
    assert declared
    for check, f in declared:
        r = run_falsifier(run, check, f)
        assert r["verdict"] == "violated" and r["in_hypotheses"], (check.name, f.name, r.get("note"))


def _run(claim_id: str) -> dict:
    return run_claim(get_claim(claim_id), RunOptions(quick=True, trials=4000, seed=5))


def _verdicts(res: dict) -> dict:
    return {ch["name"]: ch["verdict"] for ch in res["results"]}


def test_lemma2_claim_holds():
    assert _verdicts(_run("kumar_natale.lemma2")) == {
        "exhaustive": "holds", "random_instances": "holds", "probability_two_ways": "holds"}


def test_phase_transition_claim():
    res = _run("kumar_natale.phase_transition")
    assert _verdicts(res) == {"first_moment_trend": "holds", "probability_curves": "measured"}


def test_bcp_claim_reports_per_parity():
    res = _run("kumar_natale.cite_bcp")
    assert _verdicts(res) == {"first_moment": "holds", "limit_law": "measured", "replication": "measured"}
    for name in ("limit_law", "replication"):
        pts = next(ch for ch in res["results"] if ch["name"] == name)["points"]
        assert sorted(p["params"]["parity"] for p in pts) == ["even", "odd"]
        for p in pts:
            assert p["info"]["conditioning_instances"] < 4000 and p["ci"] is not None
