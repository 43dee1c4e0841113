"""The review's storage (issue 12, "Lost time and disk"): a journal of finished claims, results.json
assembled once, a cache keyed by the import graph, and entries that are never trusted blindly."""
import io
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import _review_samples as S  # noqa: E402

from ticketcheck.harness import code_keys  # noqa: E402
from ticketcheck.harness import storage  # noqa: E402
from ticketcheck.harness.review import cache_key, run_review  # noqa: E402
from ticketcheck.harness.runner import RunOptions  # noqa: E402
from ticketcheck.harness.storage import Journal  # noqa: E402


@pytest.fixture
def samples(monkeypatch):
    return S.install(monkeypatch)


def _review(out, **kw):
    return run_review(None, out, RunOptions(quick=True), write_reports=False, stream=io.StringIO(),
                      stdout=io.StringIO(), **kw)


RECORD = {"id": "unified.x", "paper": "unified", "verdict": "holds", "results": []}


# ------------------------------------------------------------------ the journal

def test_journal_appends_one_sealed_line_per_entry_and_reads_them_back(tmp_path):
    j = Journal(tmp_path)
    j.append("k1", "claim", "unified.x", "s1", RECORD)
    j.append("k2", "claim", "unified.y", "s2", {**RECORD, "id": "unified.y"})
    lines = (tmp_path / "journal.jsonl").read_text().splitlines()
    assert len(lines) == 2 and all(json.loads(line)["record"]["paper"] == "unified" for line in lines)
    again = Journal(tmp_path)
    assert set(again.entries) == {"k1", "k2"} and again.rejected == 0
    assert again.get("k2").record["id"] == "unified.y"


@pytest.mark.parametrize("damage", ["cut", "edited", "garbage", "verdict5_sealed", "other_schema", "wrong_id"])
def test_a_damaged_or_invalid_entry_is_never_trusted(tmp_path, damage):
    j = Journal(tmp_path)
    j.append("k1", "claim", "unified.x", "s1", RECORD)
    path = tmp_path / "journal.jsonl"
    good = path.read_text()
    if damage == "cut":  # a kill in the middle of the append
        path.write_text(good + good[: len(good) // 2].replace("k1", "k2"))
    elif damage == "edited":  # the verdict changed by hand: the seal no longer matches
        path.write_text(good.replace('"verdict": "holds"', '"verdict": "violated"'))
    elif damage == "garbage":
        path.write_text("{not json\n" + good)
    elif damage == "verdict5_sealed":  # a record off the schema written with a valid seal
        path.write_text(Journal._line("k1", "claim", "unified.x", "s1", json.dumps({**RECORD, "verdict": 5})))
    elif damage == "other_schema":
        path.write_text(good.replace('"schema": 1', '"schema": 99'))
    elif damage == "wrong_id":
        path.write_text(Journal._line("k1", "claim", "unified.x", "s1", json.dumps({**RECORD, "id": "unified.z"})))
    again = Journal(tmp_path)
    if damage in ("cut", "garbage"):
        assert set(again.entries) == {"k1"} and again.rejected == 1
        assert path.read_text().endswith("\n")  # the cut tail is gone: the next append starts clean
    else:
        assert again.entries == {} and again.rejected == 1


def test_an_invalid_record_is_not_written(tmp_path):
    with pytest.raises(ValueError, match="does not follow the results schema"):
        Journal(tmp_path).append("k", "claim", "unified.x", "s", {**RECORD, "verdict": 5})
    assert not (tmp_path / "journal.jsonl").exists()


def test_superseded_entries_are_compacted_away(tmp_path):
    j = Journal(tmp_path)
    for i in range(4):  # the same claim and options under four code keys: the last one counts
        j.append(f"k{i}", "claim", "unified.x", "s", {**RECORD, "notes": str(i)})
    j.append("other", "claim", "unified.y", "s2", {**RECORD, "id": "unified.y"})
    assert set(j.entries) == {"k3", "other"}
    assert j.compact() is True
    again = Journal(tmp_path)
    assert set(again.entries) == {"k3", "other"} and again.get("k3").record["notes"] == "3"
    assert len((tmp_path / "journal.jsonl").read_text().splitlines()) == 2
    assert again.compact() is False  # nothing superseded: no rewrite


def test_two_reviews_cannot_write_into_one_directory(tmp_path):
    from ticketcheck.errors import InputError
    with storage.output_lock(tmp_path):
        with pytest.raises(InputError, match="another ticketcheck review is writing into"):
            with storage.output_lock(tmp_path):
                pass


# ------------------------------------------------------------------ the review on top of it

def test_results_json_is_written_once_and_a_rerun_recomputes_nothing(samples, tmp_path, monkeypatch):
    import ticketcheck.harness.review as review_mod
    writes = []
    real = review_mod.write_atomic
    monkeypatch.setattr(review_mod, "write_atomic", lambda p, t: (writes.append(p.name), real(p, t)))
    first = _review(tmp_path)
    assert writes.count("results.json") == 1  # not once per claim
    assert first.computed == 3 and first.cached == 0
    journal = [json.loads(line) for line in (tmp_path / "journal.jsonl").read_text().splitlines()]
    assert [e["id"] for e in journal if e["kind"] == "claim"] == ["unified.sample_ok", "unified.sample_violated"]
    assert [e["id"] for e in journal if e["kind"] == "figure"] == ["unified.figure1"]  # computed once
    second = _review(tmp_path)
    assert (second.computed, second.cached) == (1, 2)  # the error is retried, the rest comes back
    assert S.CALLS == {"unified.sample_ok": 1, "unified.sample_error": 2, "unified.sample_violated": 2}
    assert len((tmp_path / "journal.jsonl").read_text().splitlines()) == 3  # nothing appended


def test_a_cached_verdict_5_is_recomputed_not_printed(samples, tmp_path):
    _review(tmp_path)
    path = tmp_path / "journal.jsonl"
    lines = path.read_text().splitlines(keepends=True)
    meta = json.loads(lines[0])
    forged = {**meta["record"], "verdict": 5}
    lines[0] = Journal._line(meta["key"], "claim", meta["id"], meta["sig"], json.dumps(forged))
    path.write_text("".join(lines))
    out = io.StringIO()
    run_review(None, tmp_path, RunOptions(quick=True), write_reports=False, stream=io.StringIO(), stdout=out)
    assert S.CALLS["unified.sample_ok"] == 2  # recomputed
    doc = json.loads((tmp_path / "results.json").read_text())
    assert [c["verdict"] for c in doc["claims"]] == ["holds", "error", "violated"]
    assert "5" not in out.getvalue().split("verdicts:")[1].split("\n")[0]


def test_interrupted_review_resumes_from_the_journal(samples, tmp_path, monkeypatch):
    """Ctrl-C after the first claim: results.json holds it (complete: false); the rerun takes it
    from the journal and computes only the rest."""
    import ticketcheck.harness.review as review_mod
    real = review_mod.run_one

    def interrupt_second(claim, opts, timeout=None):
        if claim.id == "unified.sample_error":
            raise KeyboardInterrupt
        return real(claim, opts, timeout)
    monkeypatch.setattr(review_mod, "run_one", interrupt_second)
    outcome = _review(tmp_path)
    assert outcome.exit_status == 130
    doc = json.loads((tmp_path / "results.json").read_text())
    assert doc["complete"] is False and [c["id"] for c in doc["claims"]] == ["unified.sample_ok"]
    monkeypatch.setattr(review_mod, "run_one", real)
    again = _review(tmp_path)
    assert again.exit_status == 0 and (again.computed, again.cached) == (2, 1)
    assert S.CALLS["unified.sample_ok"] == 1


def test_a_systemerror_caused_by_ctrl_c_is_an_interrupt_not_an_error_claim(samples, tmp_path, monkeypatch):
    """A numba kernel stopped by Ctrl-C surfaces as SystemError with the interrupt as context: the
    serial review stops (exit 130) instead of recording the claim as `error`."""
    import ticketcheck.harness.review as review_mod

    def kernel_interrupted(claim, opts):
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt:
            raise SystemError("<numba dispatcher> returned a result with an exception set")
    monkeypatch.setattr(review_mod, "run_claim", kernel_interrupted)
    outcome = _review(tmp_path)
    assert outcome.exit_status == 130 and outcome.results == []
    assert not (tmp_path / "errors.log").exists()


# ------------------------------------------------------------------ the cache key: the import graph

def test_the_import_graph_sees_what_grimp_sees(tmp_path):
    """Every import edge that grimp (import-linter's graph) finds is in ours (ours may hold more:
    parent packages, imports quoted in docstrings)."""
    import subprocess
    code = ("import grimp, json; g = grimp.build_graph('ticketcheck');"
            "print(json.dumps({m: sorted(g.find_modules_directly_imported_by(m)) for m in g.modules}))")
    r = subprocess.run([sys.executable, "-P", "-c", code], cwd=tmp_path, capture_output=True, text=True,
                       timeout=300)
    assert r.returncode == 0, r.stderr
    theirs = json.loads(r.stdout)
    ours = code_keys.import_graph()
    assert set(theirs) == set(ours)
    missing = {m: set(v) - ours[m] - {m} for m, v in theirs.items() if set(v) - ours[m] - {m}}
    assert missing == {}


def _key_with_changed(claim, module: str, monkeypatch) -> str:
    files = code_keys.module_files()
    real = code_keys._file_digest

    def digest(path):
        return "changed" if path == files[module] else real(path)
    with monkeypatch.context() as m:
        m.setattr(code_keys, "_file_digest", digest)
        return code_keys.claim_code_key(claim)


def test_the_cache_key_follows_what_a_claim_imports(monkeypatch):
    from ticketcheck.bounds.registry import get_claim
    unified = get_claim("unified.lemma4")
    sparsity = get_claim("sparsity.cor3")
    base = {c.id: code_keys.claim_code_key(c) for c in (unified, sparsity)}
    # a sparsity module: the unified claim keeps its key, the sparsity claim declared there does not
    assert _key_with_changed(unified, "ticketcheck.bounds.sparsity.lemma2_cor3", monkeypatch) == base[unified.id]
    assert _key_with_changed(sparsity, "ticketcheck.bounds.sparsity.lemma2_cor3", monkeypatch) != base[sparsity.id]
    # exact/rssp.py (reached through the modules and the engine's observables) and the engine: both
    for module in ("ticketcheck.exact.rssp", "ticketcheck.harness.verdict", "ticketcheck.harness.grid"):
        assert _key_with_changed(unified, module, monkeypatch) != base[unified.id]
        assert _key_with_changed(sparsity, module, monkeypatch) != base[sparsity.id]
    # the application (command line, storage) is not part of any result
    for module in ("ticketcheck.harness.cli", "ticketcheck.harness.storage", "ticketcheck.harness.review"):
        assert _key_with_changed(unified, module, monkeypatch) == base[unified.id]


def test_a_unified_module_change_leaves_every_sparsity_claim_cached(monkeypatch):
    from ticketcheck.bounds.registry import all_claims
    claims = all_claims("sparsity")
    before = [code_keys.claim_code_key(c) for c in claims]
    after = [_key_with_changed(c, "ticketcheck.bounds.unified.lemma4", monkeypatch) for c in claims]
    assert before == after


def test_cache_key_changes_with_the_claims_code(samples, monkeypatch):
    c = samples[0]
    base = cache_key(c, RunOptions())
    monkeypatch.setattr(code_keys, "claim_code_key", lambda claim: "another")
    assert cache_key(c, RunOptions()) != base
