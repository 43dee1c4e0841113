"""The command line: one-line errors for bad input, JSON output with design.md's keys."""
import json

import pytest

from harness.cli import main


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
