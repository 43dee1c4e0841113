"""``ticketcheck diff OLD NEW``: claim by claim, timing aside; exit 0 identical, 1 different, 2 bad."""
import copy
import json

import pytest

from ticketcheck.harness.cli import main
from ticketcheck.harness.diff import diff_documents, differences


def _point(t, exact, verdict="holds"):
    return {"check": "c", "params": {"M": 1, "t": t}, "relation": ">=", "verdict": verdict,
            "exact": exact, "bound": 0.25, "slack": 0.1, "seconds_per_point": 0.5}


DOC = {"schema_version": 1, "tool": "ticketcheck", "version": "0.2.0", "complete": True, "seconds": 12.5,
       "options": {"seed": 1, "version": "0.2.0"}, "figures": {},
       "claims": [
           {"id": "unified.a", "paper": "unified", "verdict": "holds", "seconds": 1.0, "cached": True,
            "results": [{"name": "c", "type": "bound", "verdict": "holds",
                         "certificate": {"time": 0.2, "boxes": 4},
                         "points": [_point(1, "1/3"), _point(2, "1/2")]}],
            "counterexample": None},
           {"id": "unified.b", "paper": "unified", "verdict": "violated", "seconds": 2.0,
            "results": [], "counterexample": {"params": {"M": 2}, "exact": "2/3"}},
       ]}


def _write(tmp_path, name, doc):
    p = tmp_path / name
    p.write_text(json.dumps(doc))
    return str(p)


def test_identical_up_to_timing(tmp_path, capsys):
    new = copy.deepcopy(DOC)
    new["seconds"] = 99.0
    new["version"] = "9.9"
    new["claims"][0]["seconds"] = 7.0
    new["claims"][0].pop("cached")
    new["claims"][0]["results"][0]["certificate"]["time"] = 3.0
    new["claims"][0]["results"][0]["points"][0]["seconds_per_point"] = 9.0
    code = main(["diff", _write(tmp_path, "a.json", DOC), _write(tmp_path, "b.json", new)])
    out = capsys.readouterr().out
    assert code == 0 and "identical: 2 claims, timing aside" in out


def test_verdicts_values_added_removed(tmp_path, capsys):
    new = copy.deepcopy(DOC)
    new["claims"][0]["verdict"] = "violated"
    new["claims"][0]["results"][0]["points"][1]["exact"] = "2/5"
    new["claims"][0]["results"][0]["points"][1]["verdict"] = "violated"
    new["claims"][1]["id"] = "unified.c"
    code = main(["diff", _write(tmp_path, "a.json", DOC), _write(tmp_path, "b.json", new)])
    out = capsys.readouterr().out
    assert code == 1
    assert "added (1): unified.c" in out and "removed (1): unified.b" in out
    assert "  unified.a: holds -> violated" in out
    assert ('  unified.a: results[c].points[1].verdict (at M=1, t=2): "holds" -> "violated" '
            '(2 differences)') in out


def test_json_output_and_the_first_differing_path(tmp_path, capsys):
    new = copy.deepcopy(DOC)
    new["claims"][1]["counterexample"]["exact"] = "3/4"
    new["options"]["seed"] = 2
    code = main(["diff", "--json", _write(tmp_path, "a.json", DOC), _write(tmp_path, "b.json", new)])
    d = json.loads(capsys.readouterr().out)
    assert code == 1 and d["identical"] is False and d["verdict_changes"] == []
    assert d["changed"] == [{"id": "unified.b", "path": "counterexample.exact", "old": "2/3", "new": "3/4",
                             "n_differences": 1, "where": None}]
    assert d["document"] == [{"path": "options.seed", "old": 1, "new": 2}]


def test_a_directory_is_read_as_its_results_json(tmp_path, capsys):
    for d in ("x", "y"):
        (tmp_path / d).mkdir()
        _write(tmp_path / d, "results.json", DOC)
    assert main(["diff", str(tmp_path / "x"), str(tmp_path / "y")]) == 0


def test_differences_walks_lists_dicts_and_absent_values():
    from ticketcheck.harness.diff import _MISSING
    a = {"x": [1, 2, {"y": float("nan")}], "z": 1, "n": 1}
    b = {"x": [1, 3, {"y": float("nan")}, 4], "w": 2, "n": 1.0}
    assert list(differences(a, b)) == [("x[1]", 2, 3), ("x[3]", _MISSING, 4), ("z", 1, _MISSING),
                                       ("w", _MISSING, 2)]  # nan == nan, 1 == 1.0


def test_diff_of_a_document_with_itself_is_empty():
    d = diff_documents(DOC, copy.deepcopy(DOC))
    assert d.identical and d.lines()[-1] == "identical: 2 claims, timing aside"


@pytest.mark.parametrize("bad", ["missing", "list", "version"])
def test_bad_files_exit_2(tmp_path, capsys, bad):
    path = {"missing": str(tmp_path / "none.json"), "list": _write(tmp_path, "l.json", [1]),
            "version": _write(tmp_path, "v.json", {**DOC, "schema_version": 2})}[bad]
    assert main(["diff", path, _write(tmp_path, "a.json", DOC)]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_content_hash_of_a_fresh_record_equals_that_of_its_json():
    """A record fresh from the engine may hold int keys and Fractions; its content hash (which keys
    the rendered reports) is the one of the same record read back from results.json (a full review
    crashed here: 'int' object has no attribute 'endswith')."""
    from fractions import Fraction
    from ticketcheck.results_schema import content_hash
    fresh = {"claims": [{"id": "u.a", "seconds": 1.5, "info": {1: Fraction(1, 3), "k": (1, 2)}}], "seconds": 2}
    read_back = json.loads(json.dumps(fresh, default=str))
    assert content_hash(fresh) == content_hash(read_back)
    assert content_hash({**fresh, "seconds": 9}) == content_hash(fresh)
    assert content_hash({"claims": [{"id": "u.b"}]}) != content_hash(fresh)


def test_a_timing_point_compares_by_what_identifies_it():
    """A point measuring this machine's speed (``info.is_timing``, e.g. ``unified.exp4``) differs
    between two runs in its value and everything derived from it: only its identity is compared.
    Any other point's value still counts."""
    def doc(value, timing=True):
        p = {"params": {"n": 50}, "relation": "report", "verdict": "reported", "value": value,
             "info": {"is_timing": timing, "instances_per_second": 1 / value}}
        return {**DOC, "claims": [{"id": "unified.exp4", "verdict": "measured",
                                   "results": [{"name": "local_timing", "points": [p]}]}]}
    assert list(differences(doc(2.1e-7), doc(2.5e-7))) == []
    assert [path for path, _, _ in differences(doc(2.1e-7, timing=False), doc(2.5e-7, timing=False))] == [
        "claims[0].results[local_timing].points[0].value",
        "claims[0].results[local_timing].points[0].info.instances_per_second"]
