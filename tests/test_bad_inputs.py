"""Bad input across the command line and the Python API (issue 12, "Done when").

Each case checks its exact exit status (or exception class), that the error is ONE line naming the
bad value and saying what to do instead, that there is no traceback, and that no verdict is
printed where none was earned.
"""
import json
import re
import sys
from pathlib import Path

import pytest
import sympy as sp

import ticketcheck
from ticketcheck.errors import InputError, MissingDependencyError, TicketcheckError, UnknownClaimError
from ticketcheck.harness.cli import main
from ticketcheck.harness.testing import ClaimFailed, assert_claim_holds, user_claim

#: a hint of what to do instead: every message has one of these words
TO_DO = re.compile(r"\b(give|use|choose|write|create|add|rerun|wait|restrict|list|narrow|run|install|"
                   r"see|free|check|leave|define|set|close)\b|did you mean|e\.g\.|one of|known:|"
                   r"must be an integer in", re.I)
VERDICT_WORDS = re.compile(r"\b(ok|VIOLATED|holds|violated|inconclusive|vacuous|measured|REC)\b")

MC = "montecarlo: chunked trials, runs over a day refused with the estimate (mc developer)"

LEMMA4 = "M=1;Delta=0;beta=1/16;t=5"


def _results(tmp: Path, doc) -> Path:
    d = tmp / "rev"
    d.mkdir(exist_ok=True)
    (d / "results.json").write_text(doc if isinstance(doc, str) else json.dumps(doc))
    return d


GOOD_DOC = {"schema_version": 1, "tool": "ticketcheck", "version": "0", "claims": []}

# (id, argv (a function of tmp_path for file cases), exit status, text the error line must name)
CLI_CASES = [
    ("unknown_claim", ["check", "unified.no_such_claim"], 2, "unified.no_such_claim"),
    ("unknown_claim_no_dot", ["check", "nonsense"], 2, "nonsense"),
    ("unknown_paper_list", ["list", "--paper", "nopaper"], 2, "nopaper"),
    ("unknown_paper_review", lambda t: ["review", "--paper", "nopaper", "--out", str(t / "o")], 2, "nopaper"),
    ("missing_claim_id", ["check"], 2, "claim_id"),
    ("unknown_command", ["frobnicate"], 2, "frobnicate"),
    ("unknown_option", ["check", "unified.lemma4", "--frob"], 2, "--frob"),
    ("unknown_check", ["check", "unified.lemma4", "--check", "nosuch"], 2, "nosuch"),
    ("grid_negative_M", ["check", "unified.lemma4", "--grid", "M=-1;Delta=0;beta=1/16;t=5"], 2, "M = -1"),
    # Delta <= M is one of Lemma 4's hypotheses: the point is out of scope (no verdict earned: exit 1)
    ("grid_Delta_above_M", ["check", "unified.lemma4", "--grid", "M=2;Delta=3;beta=1/16;t_from=1;T=5"], 1,
     "out of scope"),
    ("grid_beta_out_of_range", ["check", "unified.lemma4", "--grid", "M=2;Delta=0;beta=1/4;t=5"], 2, "beta"),
    ("grid_float_for_int", ["check", "unified.lemma4", "--grid", "M=1.5;Delta=0;beta=1/16;t=5"], 2, "3/2"),
    ("grid_too_large", ["check", "unified.lemma4", "--grid", "M=1..99999999;t=1..5"], 2, "1..99999999"),
    ("grid_empty_value", ["check", "unified.lemma4", "--grid", "M="], 2, "empty value"),
    ("grid_no_equals", ["check", "unified.lemma4", "--grid", "M"], 2, "'M'"),
    ("grid_no_name", ["check", "unified.lemma4", "--grid", "=3"], 2, "''"),
    ("grid_open_range", ["check", "unified.lemma4", "--grid", "M=1.."], 2, "1.."),
    ("grid_letters_range", ["check", "unified.lemma4", "--grid", "M=a..b"], 2, "a..b"),
    ("grid_reversed_range", ["check", "unified.lemma4", "--grid", "M=3..1"], 2, "3..1"),
    ("grid_zero_step", ["check", "unified.lemma4", "--grid", "M=1..3:0"], 2, "1..3:0"),
    ("grid_two_dots", ["check", "unified.lemma4", "--grid", "M=1.2.3"], 2, "1.2.3"),
    ("grid_unbalanced_quote", ["check", "unified.lemma4", "--grid", 'M="1'], 2, "quote"),
    ("grid_twice", ["check", "unified.lemma4", "--grid", "M=1;M=2"], 2, "M twice"),
    ("grid_unknown_parameter", ["check", "unified.lemma4", "--grid", "Q=1"], 2, "Q"),
    ("grid_only_separators", ["check", "unified.lemma4", "--grid", ";;"], 2, "empty --grid"),
    ("grid_bad_name", ["check", "unified.lemma4", "--grid", "M-1=3"], 2, "M-1"),
    ("trials_zero", ["check", "unified.lemma4", "--trials", "0"], 2, "not 0"),
    ("trials_negative", ["check", "unified.lemma4", "--trials", "-5"], 2, "-5"),
    ("trials_fraction", ["check", "unified.lemma4", "--trials", "1.5e0"], 2, "1.5e0"),
    ("trials_word", ["check", "unified.lemma4", "--trials", "many"], 2, "many"),
    ("trials_nan", ["check", "unified.lemma4", "--trials", "nan"], 2, "nan"),
    ("trials_inf", ["check", "unified.lemma4", "--trials", "inf"], 2, "inf"),
    ("trials_beyond_int64", ["check", "unified.lemma4", "--trials", "1e400"], 2, "too large"),
    ("seed_negative", ["check", "unified.lemma4", "--seed", "-1"], 2, "-1"),
    ("seed_too_large", ["check", "unified.lemma4", "--seed", "1e30"], 2, "too large"),
    ("seed_fraction", ["check", "unified.lemma4", "--seed", "0.5"], 2, "0.5"),
    ("budget_zero", ["check", "unified.lemma4", "--budget", "0"], 2, "not 0"),
    ("budget_negative", ["check", "unified.lemma4", "--budget", "-1"], 2, "-1"),
    ("budget_nan", ["check", "unified.lemma4", "--budget", "nan"], 2, "nan"),
    ("budget_inf", ["check", "unified.lemma4", "--budget", "inf"], 2, "inf"),
    ("budget_word", ["check", "unified.lemma4", "--budget", "lots"], 2, "lots"),
    ("jobs_negative", lambda t: ["review", "--jobs", "-1", "--out", str(t / "o")], 2, "-1"),
    ("jobs_huge", lambda t: ["review", "--jobs", "1000", "--out", str(t / "o")], 2, "1000"),
    ("jobs_word", lambda t: ["review", "--jobs", "x", "--out", str(t / "o")], 2, "'x'"),
    ("claim_timeout_negative", lambda t: ["review", "--claim-timeout", "-1", "--out", str(t / "o")], 2, "-1"),
    ("claim_timeout_nan", lambda t: ["review", "--claim-timeout", "nan", "--out", str(t / "o")], 2, "nan"),
    ("out_is_a_file", lambda t: ["review", "--paper", "slides", "--out", str(_results(t, "{}") / "results.json")],
     2, "results.json is a file"),
    ("out_parent_missing", lambda t: ["review", "--paper", "slides", "--out", str(t / "no" / "such")], 2,
     "does not exist"),
    ("report_missing_dir", lambda t: ["report", str(t / "nothing")], 2, "nothing"),
    ("report_dir_is_a_file", lambda t: ["report", str(_results(t, "{}") / "results.json")], 2, "is a file"),
    ("report_no_results", lambda t: ["report", str(t)], 2, "holds no results.json"),
    ("report_corrupt_results", lambda t: ["report", str(_results(t, '{"schema_version": 1, "cla'))], 2,
     "not valid JSON"),
    ("report_other_schema", lambda t: ["report", str(_results(t, {**GOOD_DOC, "schema_version": 99}))], 2,
     "version 99"),
    ("report_not_results", lambda t: ["report", str(_results(t, [1, 2]))], 2, "not a ticketcheck results file"),
    ("report_off_schema", lambda t: ["report", str(_results(t, {**GOOD_DOC, "claims": [{"id": "x"}]}))], 2,
     "does not follow the results schema"),
    ("report_no_argument", ["report"], 2, "dir"),
    ("diff_missing_file", lambda t: ["diff", str(t / "a.json"), str(t / "b.json")], 2, "a.json"),
    ("diff_not_json", lambda t: ["diff", str(_results(t, "not json") / "results.json"), str(t)], 2,
     "not valid JSON"),
    ("diff_other_schema", lambda t: ["diff", str(_results(t, {**GOOD_DOC, "schema_version": 0})), str(t)], 2,
     "version 0"),
    ("diff_one_argument", ["diff", "results"], 2, "new"),
    ("bench_no_match", ["bench", "--only", "nosuch"], 2, "nosuch"),
    ("zero_tested_points", ["check", "unified.claim1", "--grid", "M=40;Delta=1;t=60"], 1, "inconclusive"),
    # a tiny budget: the exact values the check compares are not computed, nothing is decided, and
    # the claim says so (no unearned "ok"; the claim is violated on its own grid)
    ("tiny_budget", ["check", "unified.claim1", "--grid", "M=4;Delta=2;t=12", "--budget", "1e-9"], 1,
     "inconclusive"),
    ("trials_1e13", ["check", "unified.lemma6", "--quick", "--trials", "1e13"], 2, "10000000000000"),
]


def _case_id(c):
    return c[0] if isinstance(c, tuple) else None


@pytest.mark.parametrize("case", CLI_CASES, ids=_case_id)
def test_cli(case, tmp_path, capsys, monkeypatch):
    name, argv, status, named = case
    monkeypatch.delenv("TICKETCHECK_DEBUG", raising=False)
    argv = argv(tmp_path) if callable(argv) else argv
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code == status, (out[-2000:], err)
    if status == 2:
        lines = [ln for ln in err.splitlines() if ln.strip()]
        assert len(lines) == 1, err
        assert lines[0].startswith("ticketcheck: error:"), err
        assert named in lines[0], lines[0]
        assert TO_DO.search(lines[0]), f"no hint of what to do instead: {lines[0]}"
        assert not VERDICT_WORDS.search(out), out  # no verdict where none was earned
    else:
        assert named in out.splitlines()[0], out  # the verdict comes first
    assert "Traceback" not in out + err


# ------------------------------------------------------------------ the Python API

M, n = sp.symbols("M n", positive=True, integer=True)
GRID = {"M": [1], "n": [1], "delta": [0], "z": [1]}


def _claim(bound, grid=None, **kw):
    return user_claim(f"mine.c{abs(hash((str(bound), str(grid), str(kw)))) % 10**8}", "rssp.single_target",
                      bound, ">=", grid or GRID, **kw)


API_CASES = [
    ("check_unknown_id", lambda: ticketcheck.check("unified.nope"), UnknownClaimError, "unified.nope"),
    ("check_unknown_check", lambda: ticketcheck.check("unified.lemma4", check="nope", grid=LEMMA4), InputError,
     "nope"),
    ("check_trials_zero", lambda: ticketcheck.check("unified.lemma4", trials=0), InputError, "trials"),
    ("check_trials_float", lambda: ticketcheck.check("unified.lemma4", trials=1.5), InputError, "1.5"),
    ("check_trials_bool", lambda: ticketcheck.check("unified.lemma4", trials=True), InputError, "True"),
    ("check_trials_string", lambda: ticketcheck.check("unified.lemma4", trials="lots"), InputError, "lots"),
    ("check_seed_negative", lambda: ticketcheck.check("unified.lemma4", seed=-3), InputError, "-3"),
    ("check_budget_nan", lambda: ticketcheck.check("unified.lemma4", budget=float("nan")), InputError, "nan"),
    ("check_budget_tiny_negative", lambda: ticketcheck.check("unified.lemma4", budget=-1e-9), InputError, "-1e-09"),
    ("check_grid_empty_list", lambda: ticketcheck.check("unified.lemma4", grid={"M": []}), InputError,
     "M has no values"),
    ("check_grid_empty_dict", lambda: ticketcheck.check("unified.lemma4", grid={}), InputError, "grid is empty"),
    ("check_grid_wrong_type", lambda: ticketcheck.check("unified.lemma4", grid=5), InputError, "int"),
    ("check_grid_bad_text", lambda: ticketcheck.check("unified.lemma4", grid="M=1..;t=2"), InputError, "1.."),
    ("check_grid_nan_value", lambda: ticketcheck.check("unified.lemma4", grid={"M": [float("nan")]}), InputError,
     "nan"),
    ("check_quick_not_bool", lambda: ticketcheck.check("unified.lemma4", quick="yes"), InputError, "yes"),
    ("check_client", lambda: ticketcheck.check("unified.lemma4", client=object()), InputError, "client"),
    ("review_unknown_paper", lambda: ticketcheck.review(paper="nopaper", out="/tmp"), InputError, "nopaper"),
    ("review_paper_not_str", lambda: ticketcheck.review(paper=3), InputError, "3"),
    ("review_jobs_negative", lambda: ticketcheck.review(paper="slides", jobs=-2), InputError, "-2"),
    ("review_out_none", lambda: ticketcheck.review(paper="slides", out=None), InputError, "None"),
    ("review_timeout_inf", lambda: ticketcheck.review(paper="slides", claim_timeout=float("inf")), InputError,
     "inf"),
    ("user_claim_empty_grid_values", lambda: _claim("1/2", {"M": [1], "n": [], "delta": [0], "z": [1]}),
     InputError, "n has no values"),
    ("user_claim_no_grid", lambda: user_claim("mine.nogrid", "rssp.single_target", "1/2", ">=", {}), InputError,
     "grid"),
    ("user_claim_unknown_observable", lambda: user_claim("mine.obs", "rssp.nope", "1/2", ">=", GRID), InputError,
     "rssp.nope"),
    ("user_claim_bad_relation", lambda: user_claim("mine.rel", "rssp.single_target", "1/2", "=>", GRID),
     InputError, "=>"),
    ("user_claim_missing_parameter", lambda: user_claim("mine.miss", "rssp.single_target", "1/2", ">=",
                                                        {"M": [1], "n": [1], "delta": [0]}), InputError, "z"),
    ("user_claim_id_without_dot", lambda: user_claim("mine", "rssp.single_target", "1/2", ">=", GRID),
     InputError, "'mine'"),
    ("bound_unparsable", lambda: _claim("1 - ("), InputError, "1 - ("),
    ("bound_undefined_symbol", lambda: _claim("1 - q"), InputError, "q"),
    ("bound_python_float", lambda: _claim(0.5), InputError, "0.5"),
    ("bound_nan", lambda: _claim("nan"), InputError, "nan"),
    ("bound_infinity", lambda: _claim(sp.oo), InputError, "oo"),
    ("bound_complex", lambda: _claim(1 + sp.I), InputError, "I"),
    ("bound_relation_given", lambda: _claim("n >= 1"), InputError, "n >= 1"),
    ("bound_pole_at_point", lambda: ticketcheck.check(_claim("1/(n - 1)")), InputError, "1/(n - 1)"),
    ("bound_complex_at_point", lambda: ticketcheck.check(_claim("sqrt(n - 2)")), InputError, "sqrt(n - 2)"),
    ("bound_log_zero_at_point", lambda: ticketcheck.check(_claim("log(n - 1)")), InputError, "log(n - 1)"),
    ("exact_huge_M", lambda: ticketcheck.check(_claim("1/2", {"M": [10 ** 400], "n": [3], "delta": [0], "z": [1]})),
     TicketcheckError, "M = 1000"),
    ("horizon_huge_n", lambda: ticketcheck.check(_claim("1/2", {"M": [3], "n": [10 ** 30], "delta": [0], "z": [1]})),
     TicketcheckError, "bits"),
    ("assert_nothing_in_scope", lambda: assert_claim_holds(_claim("1/2", hypothesis=lambda p: False)),
     ClaimFailed, "nothing was tested"),
    # every point outside the hypotheses: nothing was decided, so no "holds" (out of scope, with why)
    ("user_claim_zero_decided_points", lambda: _raise_unless_out_of_scope(
        ticketcheck.check(_claim("1/2", hypothesis=lambda p: False))), AssertionError, "out_of_scope"),
]


def _raise_unless_out_of_scope(res):
    if res.verdict == "out_of_scope" and "outside the hypotheses" in res.record.get("reason", ""):
        raise AssertionError("out_of_scope: use a grid inside the hypotheses")
    raise AssertionError(f"verdict {res.verdict}")


@pytest.mark.parametrize("case", API_CASES, ids=_case_id)
def test_api(case):
    name, call, exc, named = case
    with pytest.raises(exc) as info:
        call()
    msg = str(info.value)
    if exc is ClaimFailed:
        assert named in msg
        return
    assert "\n" not in msg, msg
    assert named in msg, msg
    assert TO_DO.search(msg), f"no hint of what to do instead: {msg}"


def test_to_dataframe_without_pandas_is_one_line(monkeypatch):
    from ticketcheck.harness.api import Result
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingDependencyError, match=r"pip install 'ticketcheck\[pandas\]'") as info:
        Result({"id": "unified.x", "verdict": "holds", "results": []}).to_dataframe()
    assert isinstance(info.value, ImportError) and "\n" not in str(info.value)


# ------------------------------------------------------------------ cases that once ran for hours

@pytest.mark.parametrize("argv", [
    ["check", "unified.figure1", "--grid", "j_max=40"],
], ids=["figure1_j_max_40"])
def test_cost_guards_refuse_what_cannot_finish(argv, tmp_path):
    import subprocess
    try:
        r = subprocess.run([sys.executable, "-m", "ticketcheck.harness.cli", *argv], capture_output=True,
                           text=True, timeout=60, cwd=tmp_path)
    except subprocess.TimeoutExpired:
        pytest.fail("no cost estimate: still running after 60 s")
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1, r.stderr
