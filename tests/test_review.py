"""``ticketcheck review``: a raising claim gets the verdict ``error`` and the review goes on; results
are cached by claim/parameters/method/seed/version; Ctrl-C keeps the finished claims; progress and
terminal summary; replay commands of ComputedCheck sub-points are accepted by the CLI; engine fixes
(huge exact rationals, slack precision)."""
import io
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from fractions import Fraction
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import _review_samples as S  # noqa: E402

from ticketcheck.harness.cli import main as cli_main  # noqa: E402
from ticketcheck.harness.review import cache_key, review  # noqa: E402
from ticketcheck.harness.runner import RunOptions, run_claim  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def samples(monkeypatch):
    import ticketcheck.bounds.registry as R
    claims = S.install(monkeypatch)
    monkeypatch.setitem(R._CLAIMS, "unified.sample_violated", claims[2])
    return claims


def test_error_verdict_progress_summary_and_cache(samples, tmp_path, capsys):
    err = io.StringIO()
    assert review(None, tmp_path, RunOptions(), write_reports=False, stream=err) == 0
    doc = json.loads((tmp_path / "results.json").read_text())
    assert doc["complete"] is True and [c["verdict"] for c in doc["claims"]] == ["holds", "error", "violated"]
    bad = doc["claims"][1]
    # one line, the exception type first; the traceback is in errors.log
    assert bad["error"] == ("ZeroDivisionError: division by zero in the sample check "
                            "(second line of the message)")
    assert "Traceback" in (tmp_path / "errors.log").read_text()
    assert doc["papers"]["unified"]["claims"] == 3
    # progress: one line per claim in the full review
    lines = err.getvalue().splitlines()
    assert [ln.split(":")[0] for ln in lines] == ["[1/3] unified.sample_ok", "[2/3] unified.sample_error",
                                                 "[3/3] unified.sample_violated"]
    assert "ERROR" in lines[1] and "VIOLATED" in lines[2]
    out = capsys.readouterr().out
    assert "unified.sample_violated [substantive]: At $n = 2$, $t = 1$: the true value is 1, while the bound is 2" in out
    assert "replay: ticketcheck check unified.sample_violated --check main --grid n=2" in out
    assert "failed to run" in out and "unified.sample_error: ZeroDivisionError" in out
    assert S.CALLS == {"unified.sample_ok": 1, "unified.sample_error": 1, "unified.sample_violated": 2}

    # second run: the two finished claims come from the cache, the error is retried
    review(None, tmp_path, RunOptions(), write_reports=False, stream=io.StringIO())
    doc2 = json.loads((tmp_path / "results.json").read_text())
    assert [c.get("cached", False) for c in doc2["claims"]] == [True, False, True]
    assert S.CALLS == {"unified.sample_ok": 1, "unified.sample_error": 2, "unified.sample_violated": 2}
    assert doc2["claims"][2]["results"] == doc["claims"][2]["results"]
    # --no-cache recomputes
    review(None, tmp_path, RunOptions(), use_cache=False, write_reports=False, stream=io.StringIO())
    assert S.CALLS["unified.sample_ok"] == 2


def test_quick_review_prints_no_line_per_claim_but_the_summary(samples, tmp_path, capsys):
    err = io.StringIO()
    review(None, tmp_path, RunOptions(quick=True), write_reports=False, stream=err)
    assert "[1/3]" not in err.getvalue() and "[2/3] unified.sample_error" in err.getvalue()  # errors only
    out = capsys.readouterr().out
    assert out.startswith("ticketcheck review --quick: 3 claims in ")
    assert "verdicts: 1 violated, 1 error, 1 holds" in out


def test_cache_key_depends_on_claim_parameters_method_seed():
    c = S.sample_claims()[0]
    base = cache_key(c, RunOptions())
    variants = [RunOptions(seed=1), RunOptions(trials=10), RunOptions(quick=True), RunOptions(grid="n=2"),
                RunOptions(check="main"), RunOptions(budget=9.0)]
    keys = {cache_key(c, o) for o in variants}
    assert base not in keys and len(keys) == len(variants)
    assert cache_key(S.sample_claims()[1], RunOptions()) != base
    assert cache_key(c, RunOptions()) == base


INTERRUPT_SCRIPT = textwrap.dedent('''
    import sys
    sys.path.insert(0, {tests!r})
    import _review_samples as S
    import ticketcheck.bounds.registry as R
    claims = S.sample_claims(with_sleeper=True)
    R.all_claims = lambda paper=None: claims
    from ticketcheck.harness.cli import main
    sys.exit(main(["review", "--out", {out!r}, "--jobs", "{jobs}"]))
''')


@pytest.mark.parametrize("jobs,finished", [(1, ["unified.sample_ok"]),
                                           (2, ["unified.sample_ok", "unified.sample_error",
                                                "unified.sample_violated"])])
def test_ctrl_c_keeps_the_finished_claims(tmp_path, jobs, finished):
    """The second claim sleeps for a minute: Ctrl-C while it runs keeps every finished claim (in
    the claims' order) and names the claim it stopped; worker processes are stopped too."""
    out = tmp_path / "out"
    script = INTERRUPT_SCRIPT.format(tests=str(Path(__file__).parent), out=str(out), jobs=jobs)
    p = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    res = out / "results.json"
    journal = out / "journal.jsonl"
    journaled = [c for c in finished if c != "unified.sample_error"]  # errors are not cached
    t0 = time.time()
    while time.time() - t0 < 60:  # wait until everything but the sleeper is on disk
        if journal.exists() and len(journal.read_text().splitlines()) == len(journaled):
            break
        time.sleep(0.1)
    else:
        p.kill()
        pytest.fail("the finished claims never reached results.json")
    time.sleep(0.3)
    p.send_signal(signal.SIGINT)
    stdout, stderr = p.communicate(timeout=30)
    assert p.returncode == 130, stderr
    doc = json.loads(res.read_text())
    assert doc["complete"] is False and [c["id"] for c in doc["claims"]] == finished
    assert f"interrupted during unified.sample_sleeps; {len(finished)} finished claims kept" in stderr
    assert f"build their reports with `ticketcheck report {out}`" in stderr
    assert "Traceback" not in stderr
    assert not (out / "report.html").exists()


def test_parallel_review_gives_the_same_results(samples, tmp_path):
    review(None, tmp_path / "a", RunOptions(), write_reports=False, stream=io.StringIO(), jobs=1)
    review(None, tmp_path / "b", RunOptions(), write_reports=False, stream=io.StringIO(), jobs=2)
    a, b = (json.loads((tmp_path / d / "results.json").read_text())["claims"] for d in "ab")
    strip = ("seconds",)
    assert [{k: v for k, v in c.items() if k not in strip} for c in a] == \
        [{k: v for k, v in c.items() if k not in strip} for c in b]


def test_replay_of_a_computed_subpoint_uses_the_grid_point(samples, capsys):
    """Known bug: the sub-point parameter t (added by the comparison) went into --grid."""
    res = run_claim(samples[2], RunOptions())
    bad = [p for p in res["results"][0]["points"] if p["verdict"] == "violated"]
    assert bad[0]["params"] == {"n": 2, "t": 1} and bad[0]["grid_params"] == {"n": 2}
    assert bad[0]["replay"] == "ticketcheck check unified.sample_violated --check main --grid n=2"
    assert res["counterexample"]["params"] == {"n": 2, "t": 1}  # the sub-point is still shown
    argv = bad[0]["replay"].split()[1:]
    assert cli_main([a.strip("'") for a in argv]) == 1  # exit status 1: violated
    out = capsys.readouterr().out
    assert "unified.sample_violated: VIOLATED" in out and "at n=2, t=1 true value 1 vs bound 2" in out


def test_replay_keeps_a_non_default_budget():
    res = run_claim(S.sample_claims()[2], RunOptions(budget=0.5))
    assert res["results"][0]["points"][0]["replay"].endswith("--grid n=2 --budget 0.5")


def test_huge_exact_rationals_are_written_exactly():
    """Known bug: describe() raised "Exceeds the limit (4300 digits)" (unified.thm2/thm4 crashed)."""
    from flint import fmpz
    from ticketcheck.harness.values import describe
    q = 1 - Fraction(1, 3 ** 20000)  # a 9543-digit denominator
    num, den = describe(q)["exact"].split("/")
    assert len(den) == 9543
    assert Fraction(int(fmpz(num)), int(fmpz(den))) == q


def test_slack_is_computed_at_the_comparison_precision():
    """1 - 2.7e-20 >= 1 - 7e-20 holds; the slack was -1.1e-16 (53-bit rounding), now 4.3e-20."""
    from flint import arb, ctx
    from ticketcheck.harness.verdict import decide_point, slack, to_float
    lhs = Fraction(37252902984619140624, 37252902984619140625)
    old = ctx.prec
    ctx.prec = 256
    rhs = 1 - arb(7) / arb(10) ** 20
    ctx.prec = old
    assert decide_point(lhs, rhs, ">=", "probability").verdict == "holds"
    s = to_float(slack(lhs, rhs, ">="))
    assert abs(s - (7e-20 - 1 / 37252902984619140625)) < 1e-25


def test_a_claim_past_the_time_limit_gets_the_verdict_error_and_the_review_goes_on(monkeypatch, tmp_path):
    import ticketcheck.bounds.registry as R
    claims = S.sample_claims(with_sleeper=True)  # the second one sleeps for a minute
    monkeypatch.setattr(R, "all_claims", lambda paper=None: claims)
    t0 = time.time()
    review(None, tmp_path, RunOptions(quick=True), write_reports=False, stream=io.StringIO(), claim_timeout=0.5)
    assert time.time() - t0 < 30
    doc = json.loads((tmp_path / "results.json").read_text())
    assert [c["verdict"] for c in doc["claims"]] == ["holds", "error", "error", "violated"]
    assert doc["claims"][1]["error"].startswith("TimeoutError: stopped after 0.5s (the review's per-claim limit")
    assert "quick grids are too large" in doc["claims"][1]["error"]


def test_where_a_vacuous_bound_starts_respects_the_hypothesis_and_the_domain():
    """Theorem 4's bound 1 - 2 exp(-(t - C L)^2 / (225 t)), L = log((M+1)/(Delta+1)), is vacuous on
    M=1, Delta=1, t<=10. Pushing M or Delta makes (t - C L)^2 large (bound -> 1) but leaves the
    hypothesis t >= C L (M) or the domain Delta <= M (Delta); pushing t: L = 0, so the bound is
    1 - 2 exp(-t/225) > 0 iff t > 225 ln 2 = 155.96: it starts to say something at t = 156. The
    review stores it with the check; the report only shows it."""
    import sympy as sp
    from ticketcheck.bounds.claim import BoundCheck
    from ticketcheck.harness.vacuity import informative_from
    from ticketcheck.observables import get
    M, D, t = sp.symbols("M Delta t", positive=True, integer=True)
    L = 60 * sp.log((M + 1) / (D + 1)) / sp.log(sp.Rational(17, 16))
    bound = 1 - 2 * sp.exp(-(t - L) ** 2 / (225 * t))
    pts = [{"M": 1, "Delta": 1, "t": tt} for tt in range(1, 11)]
    recs = [{"verdict": "vacuous", "bound": -1 + tt / 1000} for tt in range(1, 11)]
    check = BoundCheck("c", "rssp.tau_event", bound, ">=", grid={}, args={"delta": D}, hypothesis=t >= L)
    got = informative_from(check, get("rssp.tau_event"), bound, pts, recs)
    assert (got["param"], got["value"]) == ("t", 156)
    never = BoundCheck("c", "rssp.tau_event", bound, ">=", grid={}, args={"delta": D},
                       hypothesis=lambda p: False)
    assert informative_from(never, get("rssp.tau_event"), bound, pts, recs) is None
