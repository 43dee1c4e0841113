"""`unified` §3 / App. A / App. E verdicts a referee can sign (issues 9 and 10): one regression test per
verdict the referee pass changed, each with its reason (readings, inherited hypotheses, gaps,
corrections, checks that could not fail)."""
from __future__ import annotations

from fractions import Fraction

from flint import arb

from ticketcheck.bounds.registry import get_claim
from ticketcheck.bounds.unified import second_phase as ph
from ticketcheck.harness.runner import RunOptions, run_claim


def _run(cid, **kw):
    return run_claim(get_claim(cid), RunOptions(**kw))


def _readings(res) -> dict:
    return {it["label"]: it["verdict"] for it in res.get("readings") or []}


def test_figure1_holds_under_the_natural_log_only():
    # 'C ~ 1.4' with an unqualified log: the slope of n_c per unit of ln M is 1/ln 2 = 1.44 (one more
    # sample per doubling of M), per unit of log2 M about 1: holds under ln, fails under log2
    res = _run("unified.figure1", quick=True)
    assert res["verdict"] == "holds"
    assert _readings(res) == {"ln": "holds", "log2": "violated"}
    fits = [p for p in res["results"][0]["points"] if p["params"].get("fit")]
    ln = next(p for p in fits if p["params"]["log_base"] == "ln")
    assert abs(ln["info"]["C"] - 1.44) < 0.1


def test_exp2_threshold_reading_fails_under_both_bases():
    # 'close to 1 whenever n > 1.4 log(M+1)': at n = floor(1.4 log(M+1)) + 1 the success probability
    # is far below 0.99 in ln and in log2: violated under every reading, no correction declared
    res = _run("unified.exp2", quick=True)
    assert res["verdict"] == "violated" and res["severity"] == "substantive"
    assert set(_readings(res).values()) == {"violated"}


def test_lemma4_is_a_typo_for_lemma3s_p_beta():
    # printed p_beta = 1 - 1/(8(1+beta)) fails (M = 1, beta = 1/16, t = 27); with Lemma 3's p_beta
    # (cited in the proof, used by Theorem 4's proof) the statement holds on the same grid
    res = _run("unified.lemma4", grid="M=1;Delta=0;beta=1/16;t_from=1;T=400")
    assert res["verdict"] == "violated" and res["counterexample"]["params"]["t"] == 27
    assert res["severity"] == "typo" and res["correction"]["verdict"] == "holds"


def test_lemma4_as_used_in_thm4_old_counterexample_is_outside_theorem4():
    # M = 2, Delta = 1, t = 1 (i* = 0, P(tau1 <= 0) = 0) lies below t >= C' log(3/2) = 401.3
    res = _run("unified.lemma4.as_used_in_thm4", check="bound_at_t_over_2", grid="M=2;Delta=1;t=1")
    (pt,) = res["results"][0]["points"]
    assert pt["verdict"] == "out_of_scope"
    res = _run("unified.lemma4.as_used_in_thm4", quick=True)
    assert res["verdict"] == "holds"
    by = {r["name"]: r["verdict"] for r in res["results"]}
    assert by["bound_at_t_over_2"] == "measured"       # the bound is far below the truth there


def test_e1_holds_inside_theorem4_and_the_printed_domain_is_reported():
    res = _run("unified.step_thm4_e1", quick=True)
    assert res["verdict"] == "holds"
    pts = {p["params"]["domain"]: p for p in res["results"][1]["points"] if p["label"].startswith("number")}
    assert pts["restricted"]["verdict"] == "holds" and pts["restricted"]["exact"] == "0"
    assert pts["printed"]["verdict"] == "measured" and Fraction(pts["printed"]["exact"]) > 0


def test_lemma2_as_used_is_a_gap_not_a_falsehood():
    # Lemma 3's proof needs E[ṽ] >= (9/8) v_t up to v_t = M+1, Lemma 2 gives it only up to v_t = M;
    # Lemma 5's proof needs the denominator 2M+1, Lemma 2 has 2M: both used forms hold on every state
    for cid in ("unified.lemma2.as_used_in_lemma3", "unified.lemma2.as_used_in_lemma5"):
        res = _run(cid, quick=True)
        assert res["verdict"] == "gap", cid


def test_tilde_holds_under_the_restricted_reading():
    res = _run("unified.step_lemma3_tilde", quick=True)
    assert res["verdict"] == "holds"
    assert _readings(res) == {"restricted": "holds", "literal": "violated"}


def test_tau2_readings_def8_and_lemma6_are_not_violated():
    # the formula reading makes tau2 = 0 (Lemma 6 cannot fail, def8 fails); the prose reading makes
    # tau1 + tau2 = tau an identity (def8 cannot fail, Lemma 6 fails at M = 2, t = 1)
    res = _run("unified.def8", quick=True)
    assert res["verdict"] == "measured" and _readings(res) == {"formula": "violated", "prose": "measured"}
    res = _run("unified.lemma6", quick=True)
    assert res["verdict"] == "measured" and _readings(res) == {"formula": "measured", "prose": "violated"}


def test_eq5_fails_under_every_reading_of_p_beta():
    res = _run("unified.eq5", quick=True)
    assert res["verdict"] == "violated"
    assert set(_readings(res)) == {"lemma3_appendix", "lemma3_main_text", "lemma4"}
    assert set(_readings(res).values()) == {"violated"}


def test_exp3_off_by_one_is_a_typo():
    res = _run("unified.exp3")
    assert res["verdict"] == "violated" and res["severity"] == "typo"
    assert res["counterexample"]["exact"] == "257"


def test_theorem4_with_explicit_constants_is_measured():
    # inside t >= C'L the true failure probability is far below the bound's: no constant scaled by 2
    # makes the bound fail, so the check could not have failed
    res = _run("unified.thm4", quick=True)
    assert res["verdict"] == "measured"
    assert not any(p["verdict"] == "violated" for r in res["results"] for p in r["points"])


def test_a_bracket_is_stored_as_an_interval():
    lo, hi = Fraction(1, 3), Fraction(1, 2)
    b = ph.bracket_value(lo, hi)
    assert isinstance(b, arb) and b.contains(arb(1) / 3) and b.contains(arb(1) / 2)
    assert ph.bracket_value(lo, lo) == lo
    res = _run("unified.lemma6", check="tau2_prose_reading", grid="M=2;Delta=0;method=exact")
    pt = next(p for p in res["results"][0]["points"] if p["params"]["t"] == 1)
    assert pt["exact"] is None and pt["value_lo"] < pt["value_hi"]
