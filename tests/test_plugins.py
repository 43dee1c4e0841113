"""A paper is a plugin (issue 14, item 1): paper keys come from what is registered; a plugin file
(``--claims PATH.py``) or an installed package (entry point group ``ticketcheck.papers``) declares
its key, title and claims with the seed papers' declarations; its errors are one line naming the
file; ``review --jobs 2`` and spawned workers run its claims; the example package
``examples/lt_existence_paper`` is installed (into a temporary directory) and reviewed from fresh
processes, and its deliberately false claim is found violated."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ticketcheck.bounds import plugins
from ticketcheck.bounds import registry as R
from ticketcheck.bounds.claim import DECLARATION_API_VERSION
from ticketcheck.errors import PluginError
from ticketcheck.harness.runner import RunOptions, run_claim

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "lt_existence_paper"
EXAMPLE_FILE = EXAMPLE / "ticketcheck_lt_existence.py"
SEEDS = ["unified", "sparsity", "kumar_natale", "slides", "pensia_rebuttal"]


@pytest.fixture
def isolated(monkeypatch):
    """The registry as the seed papers leave it, restored after the test (plugins loaded in this
    process must not leak into other tests of the same worker)."""
    R._load()
    for name in ("_CLAIMS", "_PAPERS"):
        monkeypatch.setattr(R, name, dict(getattr(R, name)))
    monkeypatch.setattr(R, "_PAPER_READINGS", {k: list(v) for k, v in R._PAPER_READINGS.items()})
    monkeypatch.setattr(R, "_PENDING", list(R._PENDING))
    monkeypatch.setattr(plugins, "_LOADED", dict(plugins._LOADED))
    return R


HEADER = f"""\
from fractions import Fraction
import sympy as sp
from ticketcheck.bounds.claim import (BoundCheck, Claim, ComputedCheck, Correction, Falsifier,
                                      Inherit, Reading)
from ticketcheck.bounds.registry import attach, declare_readings, register, register_paper
"""


def plugin(tmp_path: Path, body: str, name: str = "my_paper.py") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + textwrap.dedent(body))
    return path


# A plugin that uses every kind of declaration the seed papers use; all exact, fast.
FULL = """
PAPER = register_paper("mine", "My own paper", citation="arXiv:0000.00000", api=(1, 1))
n, c = sp.symbols("n c", positive=True)

# P(some subset of n samples uniform on {-1, 0, 1} sums to 1) = 1 - (2/3)^n exactly: >= holds
# with equality; c doubled breaks it (an automatic falsifier), so the check can fail
THM1 = Claim(id="mine.thm1", title="hitting 1", source="Thm 1", statement="P >= 1 - (1 - c/3)^n",
             methods=("EXACT",), hypothesis=sp.Ge(n, 1), depends_on=("unified.lemma4",),
             checks=[BoundCheck(name="single_target", observable="rssp.single_target",
                                bound=1 - (1 - c / 3) ** n, relation=">=", constants={c: 1},
                                grid={"M": [1], "n": [1, 2, 3], "delta": [0], "z": [1]})])


def rounding(ctx):
    for label, half in (("floor", 2), ("ceil", 3)):
        yield ctx.compare(half, "<=", ctx.constant("two"), label="M/2 rounded <= 2",
                          params={"rounding": label})


def strict(ctx):
    yield ctx.compare(2, "<", ctx.constant("two"), label="2 < 2")


register(
    THM1,
    Claim(id="mine.step1", title="a step", source="proof of Thm 1", statement="step",
          methods=("EXACT",), inherits=(Inherit("mine.thm1"),),
          checks=[BoundCheck(name="step", observable="rssp.single_target", bound=1 - (1 - c / 3) ** n,
                             relation=">=", constants={c: 1},
                             grid={"M": [1], "n": [0, 2], "delta": [0], "z": [1]})]),
    Claim(id="mine.lemma1", title="M/2 rounded", source="Lemma 1", statement="M/2 <= 2 for M = 5",
          methods=("ARITH",), readings=(Reading("rounding", {"floor": "floor", "ceil": "ceil"}),),
          checks=[ComputedCheck("rounding", rounding, grid={}, constants={"two": 2},
                                falsifiers=[Falsifier.tighten("strict")])]),
    Claim(id="mine.cor1", title="a strictness typo", source="Cor 1", statement="2 < 2",
          methods=("ARITH",),
          checks=[ComputedCheck("strict", strict, grid={}, constants={"two": 2})],
          correction=Correction(kind="strictness", statement="2 <= 2", source="Cor 1 proof",
                                relation="<=")),
)
attach("mine.thm1", BoundCheck(name="single_target_n4", observable="rssp.single_target",
                               bound=1 - (1 - c / 3) ** n, relation=">=", constants={c: 1},
                               grid={"M": [1], "n": [4], "delta": [0], "z": [1]}))
declare_readings("mine", Reading("log_base", {"ln": "ln", "log2": "log2"}))
"""


# ---------------------------------------------------------------- paper keys from registration

def test_the_seed_papers_declare_themselves_in_the_catalogue_order():
    papers = R.papers()
    assert list(papers)[:5] == SEEDS
    assert all(papers[k].is_seed and papers[k].origin == "" for k in SEEDS)
    # each seed paper is declared by its own module
    assert papers["unified"].module == "ticketcheck.bounds.unified"
    assert papers["slides"].module == "ticketcheck.bounds.slides"
    assert papers["sparsity"].title == "On the Sparsity of the Strong Lottery Ticket Hypothesis (Natale et al., 2024)"
    # claims come in the papers' order; every claim's paper is declared
    order = [c.paper for c in R.all_claims()]
    assert order == sorted(order, key=list(papers).index)
    assert set(order) <= set(papers) and not hasattr(R, "PAPERS")


def test_unknown_paper_and_claim_errors_name_the_registered_papers():
    from ticketcheck.errors import InputError, UnknownClaimError
    with pytest.raises(InputError, match=r"unknown paper 'unifed'; did you mean unified\?.*--claims"):
        R.all_claims("unifed")
    with pytest.raises(UnknownClaimError, match=r"no paper 'mine' is registered .*--claims FILE.py"):
        R.get_claim("mine.thm1")


def test_the_review_stores_the_registered_titles(tmp_path, isolated):
    from ticketcheck.harness.review import _papers_json
    plugins.load_file(plugin(tmp_path, FULL))
    doc = _papers_json([{"paper": "mine"}, {"paper": "slides"}], {"mine": 1.0, "slides": 2.0})
    assert list(doc) == ["slides", "mine"]                       # the registry's order
    assert doc["slides"] == {"title": R.get_paper("slides").title, "claims": 1, "seconds": 2.0}
    assert doc["mine"]["title"] == "My own paper"
    assert doc["mine"]["origin"] == f"plugin file {tmp_path / 'my_paper.py'}"


# ---------------------------------------------------------------- a plugin file

def test_a_plugin_file_uses_every_declaration(tmp_path, isolated):
    path = plugin(tmp_path, FULL)
    assert plugins.load_file(path) == ["mine"]
    assert plugins.load_file(path) == []                          # loaded once
    assert [c.id for c in R.all_claims("mine")] == ["mine.cor1", "mine.lemma1", "mine.step1", "mine.thm1"]
    paper = R.get_paper("mine")
    assert (paper.title, paper.api, paper.citation) == ("My own paper", (1, 1), "arXiv:0000.00000")
    assert list(R.papers())[-1] == "mine" and plugins.files() == [str(path.resolve())]

    thm1 = run_claim(R.get_claim("mine.thm1"))
    assert [r["name"] for r in thm1["results"]] == ["single_target", "single_target_n4"]  # attach
    assert thm1["verdict"] == "holds" and thm1["evidence"] == "exact_grid"
    assert ("c x 2", "violated") in [(f["name"], f["verdict"]) for f in thm1["results"][0]["falsifiers"]]
    step = run_claim(R.get_claim("mine.step1"))                  # n = 0 is outside mine.thm1's n >= 1
    assert [p["verdict"] for p in step["results"][0]["points"]] == ["out_of_scope", "holds"]
    lemma = run_claim(R.get_claim("mine.lemma1"))                # the floor reading holds
    assert lemma["verdict"] == "holds"
    assert {it["label"]: it["verdict"] for it in lemma["readings"]} == {"floor": "holds", "ceil": "violated"}
    cor = run_claim(R.get_claim("mine.cor1"))
    assert (cor["verdict"], cor["severity"]) == ("violated", "typo")
    assert cor["counterexample"]["replay"].startswith(f"ticketcheck check mine.cor1 --claims {path} ")
    assert R.paper_readings("mine")[0].param == "log_base"


def test_a_plugin_claims_replay_command_names_its_file(tmp_path, isolated):
    from ticketcheck.harness.options import replay_command
    path = plugin(tmp_path, FULL)
    plugins.load_file(path)
    cmd = replay_command("mine.cor1", "strict", {"n": 1}, RunOptions())
    assert cmd.startswith(f"ticketcheck check mine.cor1 --claims {path} --check strict")
    assert "--claims" not in replay_command("slides.thm1", None, {}, RunOptions())


def test_editing_a_plugin_changes_the_cache_key_of_its_claims(tmp_path, isolated):
    from ticketcheck.harness.review import cache_key
    path = plugin(tmp_path, FULL)
    plugins.load_file(path)
    claim = R.get_claim("mine.thm1")
    before = cache_key(claim, RunOptions())
    path.write_text(path.read_text() + "\n# edited\n")
    assert cache_key(claim, RunOptions()) != before
    assert plugins.fingerprint("slides.thm1") == ""


API = f"{DECLARATION_API_VERSION[0]}.{DECLARATION_API_VERSION[1]}"

BAD = [
    ("import error", 'import no_such_module_xyz\nregister_paper("bad", "t", api=(1, 1))\n', 6,
     "the plugin cannot import: No module named 'no_such_module_xyz'; install what it needs"),
    ("syntax error", 'register_paper("bad", "t", api=(1, 1)\n', None, "syntax error"),
    ("raises", 'register_paper("bad", "t", api=(1, 1))\nx = 1 / 0\n', 7,
     "the plugin raised ZeroDivisionError: division by zero; fix the plugin"),
    ("no paper", "x = 1\n", None, f"declares no paper; call register_paper(key, title, api={DECLARATION_API_VERSION})"),
    ("seed key", 'register_paper("unified", "mine", api=(1, 1))\n', 6,
     "paper key 'unified' clashes with a seed paper of ticketcheck"),
    ("bad key", 'register_paper("My Paper", "t", api=(1, 1))\n', 6, "paper key 'My Paper': use lower-case"),
    ("no api", 'register_paper("bad", "t")\n', 6,
     f"declare the declaration API the plugin is written for: register_paper(key, title, api={DECLARATION_API_VERSION})"),
    ("major", 'register_paper("bad", "t", api=(2, 0))\n', 6,
     f"written for declaration API 2.x, but this ticketcheck provides {API}: install a ticketcheck"),
    ("minor", 'register_paper("bad", "t", api=(1, 99))\n', 6,
     f"needs declaration API 1.99, but this ticketcheck provides {API}: upgrade ticketcheck"),
    ("undeclared paper", 'register_paper("bad", "t", api=(1, 1))\n'
                         'register(Claim(id="other.thm1", title="t", source="s", statement="s", methods=("REC",)))\n',
     7, "claim other.thm1: paper 'other' is not declared; call register_paper('other', title, ...)"),
    ("seed paper's claim", 'register_paper("bad", "t", api=(1, 1))\n'
                           'register(Claim(id="slides.thm9", title="t", source="s", statement="s", methods=("REC",)))\n',
     7, "claim slides.thm9: paper 'slides' is declared by ticketcheck (a seed paper); a plugin registers"),
    ("duplicate id", 'register_paper("bad", "t", api=(1, 1))\n'
                     'C = Claim(id="bad.thm1", title="t", source="s", statement="s", methods=("REC",))\n'
                     'register(C)\nregister(C)\n', 9, "claim id 'bad.thm1' is registered twice"),
    ("foreign attach", 'register_paper("bad", "t", api=(1, 1))\nattach("slides.thm1", None)\n', None,
     "attach('slides.thm1', ...): no claim slides.thm1 among this plugin's claims"),
    ("unknown reference", 'register_paper("bad", "t", api=(1, 1))\n'
                          'register(Claim(id="bad.step1", title="t", source="s", statement="s", methods=("REC",),\n'
                          '               inherits=(Inherit("bad.thm7"),)))\n', None,
     "claim bad.step1: inherits names 'bad.thm7', which no paper registers"),
]


@pytest.mark.parametrize("what,body,line,message", BAD, ids=[b[0] for b in BAD])
def test_a_bad_plugin_is_one_line_naming_the_file_and_changes_nothing(tmp_path, isolated, what, body,
                                                                      line, message):
    path = plugin(tmp_path, body, name="bad_paper.py")
    before = (dict(R._CLAIMS), dict(R._PAPERS), list(R._PENDING))
    with pytest.raises(PluginError) as info:
        plugins.load_file(path)
    text = str(info.value)
    assert "\n" not in text and message in text, text
    assert text.startswith(f"{path}:{line}: " if line else f"{path}"), text
    assert (dict(R._CLAIMS), dict(R._PAPERS), list(R._PENDING)) == before
    assert str(path.resolve()) not in plugins._LOADED


def test_a_second_plugin_may_not_reuse_a_plugins_key(tmp_path, isolated):
    plugins.load_file(plugin(tmp_path, FULL))
    other = plugin(tmp_path, 'register_paper("mine", "Another", api=(1, 1))\n', name="other.py")
    with pytest.raises(PluginError, match=r"paper key 'mine' is already declared by plugin file .*my_paper.py"):
        plugins.load_file(other)


@pytest.mark.parametrize("argv,message", [
    (["list", "--claims", "nope.py"], "--claims nope.py: no such file"),
    (["list", "--claims", "pyproject.toml"], "give a Python file (PATH.py)"),
])
def test_cli_claims_errors_exit_2_with_one_line(capsys, argv, message):
    from ticketcheck.harness.cli import main
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and message in err, err


def test_cli_bad_plugin_exits_2_with_one_line(tmp_path, isolated, capsys):
    from ticketcheck.harness.cli import main
    path = plugin(tmp_path, 'register_paper("unified", "mine", api=(1, 1))\n', name="clash.py")
    assert main(["review", "--claims", str(path), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (f"ticketcheck: error: {path}:6: paper key 'unified' clashes with a seed paper of "
                   f"ticketcheck ('A unified framework for quantized and continuous strong lottery "
                   f"tickets'); choose another key")


# ---------------------------------------------------------------- workers

def test_a_spawned_worker_imports_the_plugin_file_and_runs_the_claim(tmp_path):
    """A fresh interpreter (as a Dask worker): the file's path travels, not the claim."""
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor
    from ticketcheck.harness.remote import run_claim_in_worker
    path = plugin(tmp_path, FULL)
    with ProcessPoolExecutor(1, mp_context=mp.get_context("spawn")) as ex:
        res = ex.submit(run_claim_in_worker, "mine.cor1", [str(path)], RunOptions()).result(timeout=120)
    assert (res["id"], res["verdict"], res["severity"]) == ("mine.cor1", "violated", "typo")


# ---------------------------------------------------------------- the example package, fresh processes

def _cli(args, env=None, cwd=ROOT, timeout=240):
    exe = Path(sys.executable).with_name("ticketcheck")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "ticketcheck.harness.cli"]
    full_env = {k: v for k, v in os.environ.items() if k != "TICKETCHECK_NO_PLUGINS"}
    full_env.update(env or {})
    return subprocess.run(cmd + list(args), cwd=cwd, env=full_env, capture_output=True, text=True,
                          timeout=timeout)


def _example_verdicts(out: Path) -> dict:
    doc = json.loads((out / "results.json").read_text())
    assert doc["papers"]["lt_existence"]["title"].startswith("LT-existence (RelationalML)")
    return {c["id"]: c for c in doc["claims"]}


def _assert_example_results(claims: dict) -> None:
    assert set(claims) == {"lt_existence.exp1", "lt_existence.exp2", "lt_existence.claim1"}
    for cid in ("lt_existence.exp1", "lt_existence.exp2"):
        rate = next(r for r in claims[cid]["results"] if r["name"] == "published_failure_rate")
        assert rate["verdict"] == "holds", cid
        assert any(f["verdict"] == "violated" for f in rate["falsifiers"]), cid
        ours = rate["points"][0]["info"]["ours"]
        assert ours["n"] >= 100_000
    false = claims["lt_existence.claim1"]
    assert false["verdict"] == "violated"                       # computed, not typed in
    ce = false["counterexample"]
    assert ce["ci"][0] > 10 * 0.000404 / 2 and ce["check"] == "failure_rate_bound"
    assert {it["verdict"] for it in false["readings"]} == {"violated"}


def test_review_of_the_example_plugin_file_with_two_jobs(tmp_path):
    rel = EXAMPLE_FILE.relative_to(ROOT)
    r = _cli(["review", "--claims", str(rel), "--paper", "lt_existence", "--quick", "--jobs", "2",
              "--out", str(tmp_path / "out")])
    assert r.returncode == 0, r.stderr
    claims = _example_verdicts(tmp_path / "out")
    _assert_example_results(claims)
    # the report prints the registered title (the review hands the stored titles to reports/)
    html = (tmp_path / "out" / "report.html").read_text()
    assert "LT-existence (RelationalML): success rate of random subset sum with continuous samples" in html
    assert f"replay: ticketcheck check lt_existence.claim1 --claims {rel} " in r.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The example package installed (pip, offline, no dependencies) into a temporary directory
    put on PYTHONPATH: the venv is left as it is, so no other test sees the plugin."""
    tmp = tmp_path_factory.mktemp("plugin")
    src = tmp / "src"
    shutil.copytree(EXAMPLE, src)                # pip builds in the source tree: build a copy
    target = tmp / "site"
    r = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                        "--no-build-isolation", "--no-index", "--target", str(target), str(src)],
                       capture_output=True, text=True, timeout=240)
    assert r.returncode == 0, ("building the example offline needs setuptools>=68 and wheel in the "
                               "venv: pip install -e '.[test]'\n" + r.stderr[-2000:])
    assert (target / "ticketcheck_lt_existence.py").exists()
    return target


def test_the_installed_entry_point_is_found_by_a_fresh_process(installed, tmp_path):
    env = {"PYTHONPATH": str(installed)}
    listed = _cli(["list", "--paper", "lt_existence"], env=env)
    assert listed.returncode == 0, listed.stderr
    assert [ln.split()[0] for ln in listed.stdout.splitlines()] == [
        "lt_existence.claim1", "lt_existence.exp1", "lt_existence.exp2"]
    # the installed module's file given with --claims as well: imported once
    again = _cli(["list", "--paper", "lt_existence", "--claims", str(installed / "ticketcheck_lt_existence.py")],
                 env=env)
    assert again.returncode == 0 and again.stdout == listed.stdout, again.stderr
    # another copy of the file declares the same key: a clash, one line
    clash = _cli(["list", "--claims", str(EXAMPLE_FILE)], env=env)
    assert clash.returncode == 2
    assert clash.stderr.strip().endswith("paper key 'lt_existence' is already declared by entry point "
                                         "'lt_existence' of ticketcheck-lt-existence "
                                         "(ticketcheck_lt_existence); choose another key (or load that "
                                         "plugin only once)"), clash.stderr
    review = _cli(["review", "--paper", "lt_existence", "--quick", "--no-reports", "--out",
                   str(tmp_path / "out")], env=env)
    assert review.returncode == 0, review.stderr
    _assert_example_results(_example_verdicts(tmp_path / "out"))
    assert "replay: ticketcheck check lt_existence.claim1 --check" in review.stdout  # no --claims


def test_a_broken_installed_plugin_is_one_line_and_can_be_skipped(tmp_path):
    site = tmp_path / "site"
    (site / "broken_paper-0.1.dist-info").mkdir(parents=True)
    (site / "broken_paper-0.1.dist-info" / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: broken-paper\nVersion: 0.1\n")
    (site / "broken_paper-0.1.dist-info" / "entry_points.txt").write_text(
        "[ticketcheck.papers]\nbroken = broken_paper\n")
    (site / "broken_paper.py").write_text("from ticketcheck.bounds.registry import register_paper\n"
                                          "register_paper('broken', 'Broken', api=(9, 0))\n")
    r = _cli(["list", "--paper", "slides"], env={"PYTHONPATH": str(site)})
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"ticketcheck: error: {site / 'broken_paper.py'}:2 "
                                                   f"(entry point 'broken' of broken-paper (broken_paper))")
    assert "written for declaration API 9.x" in lines[0] and "TICKETCHECK_NO_PLUGINS=1" in lines[0]
    skipped = _cli(["list", "--paper", "slides"], env={"PYTHONPATH": str(site), "TICKETCHECK_NO_PLUGINS": "1"})
    assert skipped.returncode == 0 and "slides.thm1" in skipped.stdout
