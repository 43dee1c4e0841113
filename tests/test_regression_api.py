"""The regression-test API (harness.testing, harness.pytest_plugin): a true user claim passes, a
deliberately false one fails with its smallest counterexample and a replay command that works."""
import subprocess
import sys
import textwrap
from fractions import Fraction
from pathlib import Path

import pytest
import sympy as sp

from ticketcheck.errors import InputError
from ticketcheck.harness.testing import ClaimFailed, assert_claim_holds, check_claim, user_claim

sys.path.insert(0, str(Path(__file__).parent))
from _report_samples import _register  # noqa: E402  (registers the "sample.coin" observable)

_register()
p, n = sp.symbols("p n", positive=True)
ROOT = Path(__file__).resolve().parent.parent

TRUE_CLAIM = user_claim("mine.coin_true", observable="sample.coin", bound=1 - (1 - p) ** n,
                        grid={"p": [Fraction(1, 4), Fraction(1, 2)], "n": range(1, 6)})
FALSE_CLAIM = user_claim("mine.coin_false", observable="sample.coin", bound=1 - (1 - p) ** (n + 1),
                         grid={"p": [Fraction(1, 2), Fraction(1, 4)], "n": range(3, 0, -1)})


def test_true_user_claim_holds_with_exact_slack_zero():
    res = assert_claim_holds(TRUE_CLAIM)
    assert res["verdict"] == "holds" and res["min_slack"] == 0.0  # the bound is the exact value


def test_false_user_claim_fails_with_smallest_counterexample_and_replay():
    with pytest.raises(ClaimFailed) as ei:
        assert_claim_holds(FALSE_CLAIM)
    msg = str(ei.value)
    # P(head in 1 toss of a 1/4-coin) = 1/4 < 1 - (3/4)^2 = 7/16: the smallest failing point
    assert "claim VIOLATED" in msg
    assert "smallest counterexample: p=1/4, n=1" in msg
    assert "true value 1/4 (exact)" in msg and "bound 7/16" in msg
    assert "replay: python -m ticketcheck.harness.testing" in msg and "--grid 'p=1/4;n=1'" in msg
    assert ei.value.result["verdict"] == "violated"


def test_grid_override_and_check_claim():
    res = check_claim(FALSE_CLAIM, grid={"p": [Fraction(1, 2)], "n": [2]})
    pts = res["results"][0]["points"]
    assert [pt["params"] for pt in pts] == [{"p": "1/2", "n": 2}]
    assert pts[0]["exact"] == "3/4" and pts[0]["bound_text"] == "7/8"


def test_registered_claim_by_id_uses_catalogue_replay():
    from ticketcheck.bounds.claim import Claim
    import ticketcheck.harness.testing as T
    c = Claim(id="unified.synthetic_regression", title="t", source="test", statement="s", methods=("EXACT",),
              checks=FALSE_CLAIM.checks)
    T.USER_CLAIMS[c.id] = (c, None)  # as if registered: replay is the ticketcheck command
    try:
        with pytest.raises(ClaimFailed, match=r"replay: ticketcheck check unified.synthetic_regression "
                                              r"--check user --grid 'p=1/4;n=1'"):
            assert_claim_holds(c.id)
    finally:
        del T.USER_CLAIMS[c.id]


def test_bad_user_claims_are_one_line_input_errors():
    with pytest.raises(InputError, match="unknown observable"):
        user_claim("mine.x", observable="no.such", bound=0, grid={"n": [1]})
    with pytest.raises(InputError, match="needs p"):
        user_claim("mine.x", observable="sample.coin", bound=0, grid={"n": [1]})
    with pytest.raises(InputError, match="relation"):
        user_claim("mine.x", observable="sample.coin", bound=0, relation="=>", grid={"n": [1], "p": [1]})


USER_FILE = '''
import sympy as sp
from fractions import Fraction
import pytest
import numpy as np
from ticketcheck import observables
from ticketcheck.harness.testing import user_claim, assert_claim_holds
from ticketcheck.montecarlo.estimate import Estimate

def exact(p, n):
    return 1 - (1 - Fraction(p)) ** n

try:
    observables.get("usertest.coin")
except Exception:
    observables.register(observables.Observable(name="usertest.coin", params=("p", "n"), exact=exact))

p, n = sp.symbols("p n", positive=True)
WRONG = user_claim("mine.wrong", observable="usertest.coin", bound=1 - (1 - p) ** (n + 1),
                   grid={"p": [Fraction(1, 3)], "n": [1, 2, 3]})

def test_wrong():
    assert_claim_holds(WRONG)

@pytest.mark.ticketcheck_claim("mine.wrong", grid="p=1/3;n=2")
def test_marker():
    pass
'''


def test_false_claim_in_a_user_pytest_file_fails_and_replays(tmp_path):
    f = tmp_path / "test_user_wrong.py"
    f.write_text(textwrap.dedent(USER_FILE))
    r = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist",
                        str(f)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    out = r.stdout + r.stderr
    assert r.returncode == 1, out
    assert "2 failed" in out
    assert "smallest counterexample: p=1/3, n=1" in out
    assert "smallest counterexample: p=1/3, n=2" in out  # the marker's own grid
    line = next(l for l in out.splitlines() if "replay: python -m ticketcheck.harness.testing" in l and "n=1" in l)
    cmd = line.split("replay: ", 1)[1].strip()
    rr = subprocess.run(cmd.replace("python", sys.executable, 1), shell=True, cwd=ROOT,
                        capture_output=True, text=True, timeout=120)
    assert rr.returncode == 1, rr.stdout + rr.stderr  # the replay shows the violation again
    assert "mine.wrong: VIOLATED" in rr.stdout and "1/3" in rr.stdout
