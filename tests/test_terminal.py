"""The terminal (issue 10, item 8): what ``check`` prints first, exit statuses from the verdict
vocabulary, out-of-scope rows behind -v, NO_COLOR and non-terminals, the review's progress lines,
``ticketcheck report`` and ``ticketcheck bench``."""
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import ticketcheck.harness.runner as runner
from ticketcheck.harness.cli import main
from ticketcheck.harness.terminal import ReviewProgress, print_claim_result
from ticketcheck.verdicts import EXIT_STATUS, VERDICTS

ROOT = Path(__file__).resolve().parent.parent


def _record(verdict: str) -> dict:
    pts = [{"check": "c", "params": {"M": m}, "relation": ">=", "verdict": v, "exact": e, "bound": 0.5,
            "bound_text": "1/2", "slack": s, "method": "exact"}
           for m, v, e, s in [(0, "out_of_scope", None, None), (1, "holds", "2/3", 0.17), (2, verdict, "1/3", -0.17)]]
    return {"id": "unified.x", "source": "§1 Lemma 9", "statement": "P(X) >= 1/2 for all M.",
            "verdict": verdict, "evidence": "exact_grid", "counts": {"out_of_scope": 1, "holds": 1, verdict: 1},
            "results": [{"name": "c", "verdict": verdict, "points": pts}],
            "counterexample": ({"check": "c", "params": {"M": 2}, "exact": "1/3", "value": 1 / 3,
                                "bound_text": "1/2", "bound": 0.5, "slack": -1 / 6,
                                "replay": "ticketcheck check unified.x --grid M=2"}
                               if verdict == "violated" else None)}


@pytest.mark.parametrize("verdict", [v for v in VERDICTS if v != "out_of_scope"] + ["out_of_scope"])
def test_check_exit_status_comes_from_the_verdict_vocabulary(verdict, monkeypatch, capsys):
    import ticketcheck.bounds.registry as R
    monkeypatch.setattr(R, "get_claim", lambda cid: object())
    monkeypatch.setattr(runner, "run_claim", lambda claim, opts: _record(verdict))
    assert main(["check", "unified.x"]) == EXIT_STATUS[verdict]
    assert main(["check", "unified.x", "--json"]) == EXIT_STATUS[verdict]
    capsys.readouterr()


def test_check_prints_the_summary_first_then_the_table_without_out_of_scope_rows():
    out = io.StringIO()
    print_claim_result(_record("violated"), out=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "unified.x: VIOLATED (evidence: exact grid)   §1 Lemma 9"
    assert lines[1] == "  points: 1 violated, 1 holds, 1 out of scope (out-of-scope rows hidden; -v shows them)"
    assert lines[2] == "  statement: P(X) >= 1/2 for all M."
    assert lines[3].startswith("  smallest counterexample [c]: at M=2 true value 1/3 vs bound 1/2")
    assert lines[4] == "  replay: ticketcheck check unified.x --grid M=2"
    assert lines[5] == "  check c: VIOLATED"
    table = lines[6:]
    assert table[0].split() == ["M", "value", "ci/exact", "bound", "slack", "verdict"]
    assert [row.split()[0] for row in table[1:]] == ["1", "2"]  # the out-of-scope M=0 is hidden
    assert all(row == row.rstrip() and "\x1b" not in row for row in lines)  # plain: no colour, no blanks
    verbose = io.StringIO()
    print_claim_result(_record("violated"), verbose=True, out=verbose)
    assert [row.split()[0] for row in verbose.getvalue().splitlines()[7:]] == ["0", "1", "2"]


class _Tty(io.StringIO):
    def isatty(self):
        return True


def test_colour_on_a_terminal_and_none_with_no_color(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    import re
    colour = re.compile(r"\x1b\[[0-9;]*(3[0-7]|9[0-7])[;m]")  # foreground colours (bold stays)
    tty = _Tty()
    print_claim_result(_record("violated"), out=tty)
    assert colour.search(tty.getvalue())
    monkeypatch.setenv("NO_COLOR", "1")
    plain = _Tty()
    print_claim_result(_record("violated"), out=plain)
    assert not colour.search(plain.getvalue()) and "VIOLATED" in plain.getvalue()


def test_review_progress_is_plain_lines_off_a_terminal():
    err = io.StringIO()
    p = ReviewProgress(2, err, lines=True)
    p.status("unified.x [c] point 1/5")
    p.done({"id": "unified.x", "verdict": "holds", "seconds": 0.5})
    p.done({"id": "unified.y", "verdict": "error", "seconds": 1, "error": "ZeroDivisionError: x"})
    p.stop()
    lines = err.getvalue().splitlines()
    assert [ln.split(" (")[0] for ln in lines] == ["[1/2] unified.x: ok", "[2/2] unified.y: ERROR"]
    assert lines[1].endswith("ZeroDivisionError: x") and "\x1b" not in err.getvalue() and "\r" not in err.getvalue()


def test_review_progress_bar_with_eta_on_a_terminal(monkeypatch):
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv("NO_COLOR", raising=False)
    tty = _Tty()
    p = ReviewProgress(4, tty, lines=False)
    p.start("unified.x")
    p.done({"id": "unified.x", "verdict": "holds", "seconds": 0.5})
    p._bar.refresh()
    text = tty.getvalue()
    p.stop()
    assert "1/4" in text and "ETA" in text and "unified.x" in text


def test_bench_passes_its_own_arguments_to_the_scripts(capsys):
    """Known bug: every script received ticketcheck's argv ('bench --only ...') and crashed."""
    code = main(["bench", "--only", "exact_rssp", "--", "--M", "1", "--limit", "0.5"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert out.startswith("== bench_exact_rssp.py") and "\n  1  " in out


def _review_dir(tmp_path) -> Path:
    sys.path.insert(0, str(Path(__file__).parent))
    import _report_samples as RS
    d = tmp_path / "rev"
    d.mkdir()
    doc = {"schema_version": 1, "tool": "ticketcheck", "version": "0", "complete": True,
           "options": {"quick": True}, "figures": {}, "claims": RS.sample_results()}
    (d / "results.json").write_text(json.dumps(doc, default=str))
    return d


def test_report_renders_once_and_again_only_when_the_results_change(tmp_path, capsys):
    d = _review_dir(tmp_path)
    assert main(["report", str(d), "--no-pdf"]) == 0
    assert "wrote " in capsys.readouterr().out and (d / "report.html").exists()
    assert main(["report", str(d), "--no-pdf"]) == 0
    assert "reports unchanged" in capsys.readouterr().out
    doc = json.loads((d / "results.json").read_text())
    doc["seconds"] = 123.0  # timing only: still unchanged
    (d / "results.json").write_text(json.dumps(doc))
    assert main(["report", str(d), "--no-pdf"]) == 0
    assert "reports unchanged" in capsys.readouterr().out
    doc["claims"][0]["notes"] = "changed"
    (d / "results.json").write_text(json.dumps(doc))
    assert main(["report", str(d), "--no-pdf"]) == 0
    assert "wrote " in capsys.readouterr().out


def test_without_tex_the_report_says_so_in_one_line(tmp_path):
    """`pip install` without TeX: HTML and LaTeX are written, one line says the PDF needs TeX."""
    d = _review_dir(tmp_path)
    bindir = tmp_path / "bin"
    bindir.mkdir()
    env = {**os.environ, "PATH": str(bindir)}  # no pdflatex on the PATH
    r = subprocess.run([sys.executable, "-m", "ticketcheck.reports", str(d)], capture_output=True, text=True,
                       env=env, timeout=300, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    notes = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert notes == ["reports: report.pdf needs TeX (pdflatex not found; `bash scripts/setup.sh` installs it); "
                     "wrote the HTML and LaTeX reports"]
    assert (d / "report.html").exists() and not (d / "report.pdf").exists()
    assert f"wrote {d / 'report.html'}" in r.stdout


def test_ctrl_c_inside_a_kernel_is_exit_130_in_one_line(monkeypatch, capsys):
    """Ctrl-C inside a numba kernel surfaces as SystemError with the interrupt as its context: the
    command stops with 130, not 'internal error ... this is a bug'."""
    import ticketcheck.bounds.registry as R
    monkeypatch.setattr(R, "get_claim", lambda cid: object())

    def kernel(claim, opts):
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt:
            raise SystemError("<numba dispatcher> returned a result with an exception set")
    monkeypatch.setattr(runner, "run_claim", kernel)
    assert main(["check", "unified.x"]) == 130
    err = [ln for ln in capsys.readouterr().err.splitlines() if ln.strip()]
    assert err == ["ticketcheck: interrupted"]


def test_observables_lists_names_and_parameters(capsys):
    assert main(["observables", "--json"]) == 0
    rows = {r["name"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["rssp.single_target"]["params"] == ["M", "n", "delta", "z"]
    assert rows["rssp.single_target"]["exact"] is True and rows["rssp.single_target"]["montecarlo"] is True
