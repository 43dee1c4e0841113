"""The public Python API: ``ticketcheck.check(...) -> Result``, ``ticketcheck.review(...)``."""
import io
import json
import sys
from fractions import Fraction
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import _review_samples as S  # noqa: E402

import ticketcheck  # noqa: E402
from ticketcheck.harness.api import Result, ReviewResult, load  # noqa: E402
from ticketcheck.harness.testing import user_claim  # noqa: E402

LEMMA4 = "M=2;Delta=0;beta=1/9;t_from=1;T=30"


def test_check_returns_a_result_with_the_verdict_points_and_counterexample():
    res = ticketcheck.check("unified.lemma4", grid=LEMMA4, check="exact")
    assert isinstance(res, Result) and res.id == "unified.lemma4"
    assert res.verdict == "violated"
    ce = res.counterexample
    assert ce["params"]["t"] == 28 and ce["replay"].startswith("ticketcheck check unified.lemma4")
    assert res.evidence == res.record.get("evidence") == "exact_grid"
    pts = res.points
    assert pts and all(p["check"] == "exact" and "params" in p for p in pts)
    assert sum(res.counts.values()) == len(pts)
    # the same as the command line's --json
    assert json.loads(res.to_json())["results"][0]["points"][0]["params"] == pts[0]["params"]


def test_check_a_user_claim_with_exact_values_and_a_dict_grid():
    """P(some subset of one X uniform on {-1,0,1} sums to 1) = 1/3 exactly: >= 1/3 holds, while
    0.33...34 (31 digits, parsed exactly: in double precision it would round below 1/3) fails."""
    grid = {"M": [1], "n": [1], "delta": [0], "z": [1]}
    ok = user_claim("mine.third", "rssp.single_target", "1/3", ">=", grid)
    bad = user_claim("mine.third_plus", "rssp.single_target", "0.3333333333333333333333333333334", ">=", grid)
    assert ticketcheck.check(ok).verdict == "holds"
    res = ticketcheck.check("mine.third_plus", grid={"M": [1], "n": [1]})
    assert res.verdict == "violated" and res.counterexample["exact"] == "1/3"
    assert Fraction(res.points[0]["exact"]) == Fraction(1, 3)


def test_to_dataframe_has_one_row_per_point_and_a_column_per_parameter():
    pd = pytest.importorskip("pandas")
    res = ticketcheck.check("unified.lemma4", grid=LEMMA4, check="exact")
    df = res.to_dataframe()
    assert isinstance(df, pd.DataFrame) and len(df) == len(res.points) > 0
    assert {"check", "param.M", "param.t", "verdict", "exact", "bound"} <= set(df.columns)
    assert list(df["param.t"]) == sorted(df["param.t"])


def test_repr_html_is_a_small_table_with_text_escaped():
    record = {"id": "mine.x", "verdict": "violated", "statement": "a < b & <script>alert(1)</script>",
              "counterexample": {"params": {"M": 1}, "exact": "1/3", "bound_text": "1/2",
                                 "replay": "ticketcheck check 'x<y'"},
              "results": [{"name": "c<1>", "verdict": "violated", "points": [{"verdict": "violated"}]}]}
    html = Result(record)._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html and "a &lt; b &amp;" in html
    assert "c&lt;1&gt;" in html and "x&lt;y" in html
    assert html.count("<table>") == 1 and html.count("<tr>") == 3


def test_result_without_evidence_reads_none():
    assert Result({"id": "a.b", "verdict": "holds", "results": []}).evidence is None


@pytest.fixture
def samples(monkeypatch):
    return S.install(monkeypatch)


def test_review_returns_the_results_and_writes_them(samples, tmp_path, capsys):
    rev = ticketcheck.review(out=tmp_path / "out", quick=True, reports=False)
    assert isinstance(rev, ReviewResult) and rev.complete and len(rev) == 3
    assert rev.verdicts == {"holds": 1, "error": 1, "violated": 1}
    assert rev["unified.sample_violated"].counterexample["params"] == {"n": 2, "t": 1}
    assert capsys.readouterr().out == ""  # quiet unless progress=True
    again = load(tmp_path / "out")
    assert [r.verdict for r in again] == [r.verdict for r in rev]
    assert "<table>" in rev._repr_html_()
    with pytest.raises(KeyError):
        rev["unified.nope"]


def test_review_interrupted_keeps_the_finished_claims_and_raises(samples, tmp_path, monkeypatch):
    import ticketcheck.harness.review as review_mod
    real = review_mod.run_one

    def stop_at_second(claim, opts, timeout=None):
        if claim.id == "unified.sample_error":
            raise KeyboardInterrupt
        return real(claim, opts, timeout)
    monkeypatch.setattr(review_mod, "run_one", stop_at_second)
    with pytest.raises(KeyboardInterrupt, match="1 finished claims kept"):
        ticketcheck.review(out=tmp_path / "out", quick=True, reports=False)
    assert [r.id for r in load(tmp_path / "out")] == ["unified.sample_ok"]
    assert load(tmp_path / "out").complete is False


def test_the_facade_names_the_api():
    assert ticketcheck.check is __import__("ticketcheck.harness.api", fromlist=["check"]).check
    assert ticketcheck.Result is Result
    assert callable(ticketcheck.review)
