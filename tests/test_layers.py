"""The package structure: one import namespace, one-way layers that cannot pass vacuously.

Run from a temporary directory: from the repository root Python would find the top-level folders
(``exact/``, ...) directly, and import-linter would see only the ``ticketcheck/`` folder.
"""
from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DIRS = {"ticketcheck": "ticketcheck", "ticketcheck.bounds": "bounds", "ticketcheck.exact": "exact",
                "ticketcheck.montecarlo": "montecarlo", "ticketcheck.harness": "harness",
                "ticketcheck.reports": "reports"}


def _run(code: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-P", "-c", code], cwd=cwd, capture_output=True, text=True,
                          timeout=300)


def _package_files() -> list[Path]:
    files = []
    for folder in PACKAGE_DIRS.values():
        files += [p for p in (ROOT / folder).rglob("*.py") if "__pycache__" not in p.parts]
    return files


def test_pyproject_maps_every_package_folder():
    cfg = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert cfg["package-dir"] == PACKAGE_DIRS
    folders = {p.parent for p in _package_files() if p.name == "__init__.py"}
    expected = set()
    for f in folders:
        top = f.relative_to(ROOT).parts
        prefix = next(k for k, v in PACKAGE_DIRS.items() if v == top[0])
        expected.add(".".join([prefix, *top[1:]]))
    assert set(cfg["packages"]) == expected


def test_import_ticketcheck_works_and_the_folders_are_not_top_level_packages(tmp_path):
    r = _run("import ticketcheck, ticketcheck.harness.cli, ticketcheck.exact.rssp\n"
             "import importlib.util as u\n"
             "print([n for n in ('exact', 'bounds', 'montecarlo', 'harness', 'reports') if u.find_spec(n)])",
             tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "[]"


def test_the_core_imports_without_the_engine(tmp_path):
    r = _run("import sys, ticketcheck.errors, ticketcheck.verdicts\n"
             "heavy = [m for m in sys.modules if m.split('.')[0] in ('sympy', 'numba') or "
             "m.startswith(('ticketcheck.harness', 'ticketcheck.bounds'))]\n"
             "print(heavy)", tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "[]"


def test_the_import_graph_sees_every_module(tmp_path):
    r = _run("import grimp; g = grimp.build_graph('ticketcheck'); print(len(g.modules))", tmp_path)
    assert r.returncode == 0, r.stderr
    # every .py file is a module (packages' __init__.py count once, as the package)
    assert int(r.stdout) == len(_package_files())


def test_the_layer_contracts_hold(tmp_path):
    lint = Path(sys.executable).parent / "lint-imports"
    r = subprocess.run([str(lint), "--no-cache", str(ROOT / "pyproject.toml")], cwd=tmp_path,
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-2000:]
    assert "4 kept, 0 broken" in r.stdout


def test_the_results_schema_defines_each_record_once():
    """Claims, checks, points and falsifiers are defined once in $defs and referenced: an inline copy
    goes stale when the definition is extended (a falsifier verdict null was once refused that way)."""
    import json
    s = json.loads((ROOT / "ticketcheck" / "schema" / "results.schema.json").read_text())
    d = s["$defs"]
    assert d["claim"]["properties"]["results"]["items"] == {"$ref": "#/$defs/check"}
    assert d["check"]["properties"]["points"]["items"] == {"$ref": "#/$defs/point"}
    assert d["check"]["properties"]["falsifiers"]["items"] == {"$ref": "#/$defs/falsifier"}
    assert s["properties"]["claims"]["items"] == {"$ref": "#/$defs/claim"}
