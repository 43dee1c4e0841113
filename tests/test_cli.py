"""The command line: one-line errors for bad input, JSON output with design.md's keys."""
import json

import pytest

from ticketcheck.harness.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("argv", [
    ["check", "unified.no_such_claim"],
    ["check", "nonsense"],
    ["list", "--paper", "nopaper"],
    ["check"],
    ["frobnicate"],
    ["check", "unified.lemma4", "--grid", "M=-1;Delta=0;beta=1/16;t=5"],          # negative M
    ["check", "unified.lemma4", "--grid", "M=2;Delta=3;beta=1/16;t=5"],           # Delta > M
    ["check", "unified.lemma4", "--grid", "M=2;Delta=0;beta=1/4;t=5"],            # beta >= 1/8
    ["check", "unified.lemma4", "--grid", "M=1..99999999;t=1..5"],                # grid too large
    ["check", "unified.lemma4", "--grid", "M="],                                  # malformed grid
    ["review", "--paper", "nopaper"],
])
def test_bad_input_is_one_line(capsys, argv):
    code, out, err = run(capsys, *argv)
    assert code == 2
    lines = [l for l in err.splitlines() if l.strip()]
    assert len(lines) == 1 and lines[0].startswith("ticketcheck: error:"), err


def test_list_json(capsys):
    code, out, err = run(capsys, "list", "--json")
    assert code == 0
    data = json.loads(out)
    assert isinstance(data, list)
    for row in data:
        assert {"id", "title", "source", "status"} <= set(row)


def test_a_bug_is_reported_in_one_line_not_a_traceback(capsys, monkeypatch):
    import ticketcheck.harness.cli as cli

    def boom(args):
        raise RuntimeError("kaboom")
    monkeypatch.delenv("TICKETCHECK_DEBUG", raising=False)
    monkeypatch.setattr(cli, "cmd_list", boom)
    code, out, err = run(capsys, "list")
    lines = [l for l in err.splitlines() if l.strip()]
    assert code == 3 and len(lines) == 1
    assert lines[0].startswith("ticketcheck: internal error: RuntimeError: kaboom")
