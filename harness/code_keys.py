"""What a claim's result depends on, as code: the import graph of the package's own files.

The review caches a claim's result under a key made of the claim, the run's options and the *code
key* of the modules the result depends on (issue 12, "Lost time and disk"):

* the modules that declare the claim or attach a check to it
  (:func:`ticketcheck.bounds.registry.declaring_modules`) and the modules of the functions its checks
  hold (a computed check's ``compute``, a grid or hypothesis given as a function);
* the engine: every module of ``harness/`` except the application (:data:`APPLICATION_MODULES`:
  command line, review, storage, terminal, ...);
* everything those modules import, transitively, read from the source (imports inside functions
  count too; importing ``a.b.c`` runs ``a`` and ``a.b`` as well). A package whose
  ``__init__`` imports its own submodules at run time (``pkgutil.iter_modules(__path__)``, as
  ``ticketcheck.observables`` does) depends on all of them.

So a change to ``bounds/sparsity/*.py`` leaves the ``unified`` claims cached, a change to
``exact/rssp.py`` recomputes every claim that reaches it through the imports (the engine reaches
every observable, hence every exact and Monte Carlo module), and a change to the engine recomputes
everything. The graph is over this package only; third-party code is keyed by the package version.
"""
from __future__ import annotations

import functools
import hashlib
import pkgutil
import re
from pathlib import Path

__all__ = ["APPLICATION_MODULES", "module_files", "import_graph", "dependencies", "claim_modules",
           "engine_modules", "code_key", "claim_code_key"]

ROOT_PACKAGE = "ticketcheck"

#: modules of harness/ that run the application around the engine: they never change a result
APPLICATION_MODULES = frozenset(f"{ROOT_PACKAGE}.harness.{m}" for m in (
    "api", "cli", "code_keys", "entry", "diff", "pytest_plugin", "review", "storage", "terminal", "testing",
    "user_options"))


@functools.lru_cache(maxsize=1)
def module_files() -> dict[str, Path]:
    """Every module of the package, by dotted name, with its source file (packages by their
    ``__init__.py``), found on the file system from the package's ``__path__`` (nothing imported)."""
    import ticketcheck
    out: dict[str, Path] = {ROOT_PACKAGE: Path(ticketcheck.__file__)}

    def walk(name: str, dirs: list[Path]) -> None:
        for info in pkgutil.iter_modules([str(d) for d in dirs]):
            sub = f"{name}.{info.name}"
            if sub in out or info.name == ROOT_PACKAGE:  # a source checkout puts the repository,
                continue                                 # with the package's own folder, on __path__
            if info.ispkg:
                where = [d / info.name for d in dirs if (d / info.name / "__init__.py").is_file()]
                out[sub] = where[0] / "__init__.py"
                walk(sub, where)
            else:
                out[sub] = next(d / f"{info.name}.py" for d in dirs if (d / f"{info.name}.py").is_file())
    walk(ROOT_PACKAGE, [Path(d) for d in ticketcheck.__path__])
    return out


def _resolve(module: str, is_package: bool, level: int, target: str | None) -> str:
    """The absolute name of a (possibly relative) import in ``module``."""
    if level == 0:
        return target or ""
    base = module.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (level - 1)]
    return ".".join(base + ([target] if target else []))


_FROM = re.compile(r"^[ \t]*from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n#]*)", re.M)
_IMPORT = re.compile(r"^[ \t]*import[ \t]+([^\n#]+)", re.M)
_LOADS_SUBMODULES = re.compile(r"(iter_modules|walk_packages)\(\s*__path__")


def _imports_of(module: str, path: Path, known: frozenset[str]) -> set[str]:
    """Modules of the package that ``module`` imports anywhere in its source (also inside
    functions). Read with regular expressions, not a parser (ten times faster): an import statement
    quoted in a docstring counts too, which can only make a key change more often, never less."""
    src = path.read_text(encoding="utf-8", errors="replace")
    is_package = path.name == "__init__.py"
    found: set[str] = set()

    def add(name: str) -> None:
        parts = name.split(".")
        for i in range(1, len(parts) + 1):  # importing a.b.c runs a and a.b too
            prefix = ".".join(parts[:i])
            if prefix in known:
                found.add(prefix)

    for m in _IMPORT.finditer(src):
        for item in m.group(1).replace("\\", " ").split(","):
            words = item.split()
            if words:
                add(words[0])
    for m in _FROM.finditer(src):
        target = m.group(1)
        level = len(target) - len(target.lstrip("."))
        base = _resolve(module, is_package, level, target.lstrip(".") or None)
        add(base)
        for item in m.group(2).strip().strip("()").replace("\\", " ").split(","):
            words = item.split()
            if words and f"{base}.{words[0]}" in known:  # ``from pkg import submodule``
                add(f"{base}.{words[0]}")
    if is_package and _LOADS_SUBMODULES.search(src):  # imports its submodules at run time
        found.update(m for m in known if m.startswith(module + "."))
    found.discard(module)
    return found


@functools.lru_cache(maxsize=1)
def import_graph() -> dict[str, frozenset[str]]:
    """``{module: modules of the package it imports}`` for every module of the package."""
    files = module_files()
    known = frozenset(files)
    return {m: frozenset(_imports_of(m, p, known)) for m, p in files.items()}


def dependencies(modules) -> frozenset[str]:
    """``modules`` and every module of the package they import, transitively."""
    graph = import_graph()
    seen: set[str] = set()
    todo = [m for m in modules if m in graph]
    while todo:
        m = todo.pop()
        if m in seen:
            continue
        seen.add(m)
        todo.extend(graph[m] - seen)
    return frozenset(seen)


def engine_modules() -> frozenset[str]:
    """The harness engine: every module of ``harness/`` that is not the application."""
    prefix = f"{ROOT_PACKAGE}.harness"
    return frozenset(m for m in module_files()
                     if (m == prefix or m.startswith(prefix + ".")) and m not in APPLICATION_MODULES)


def claim_modules(claim) -> set[str]:
    """The modules that declare ``claim``, attach checks to it, or define the functions its checks
    hold."""
    from ticketcheck.bounds import registry
    mods = set(registry.declaring_modules(claim.id))
    for check in claim.checks:
        mods.add(type(check).__module__)
        for value in vars(check).values():
            mod = getattr(value, "__module__", None) if callable(value) else None
            if isinstance(mod, str) and mod.startswith(ROOT_PACKAGE + "."):
                mods.add(mod)
    return mods


@functools.lru_cache(maxsize=None)
def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def code_key(modules) -> str:
    """Hash of the source of ``modules`` and of everything they import (see the module doc)."""
    files = module_files()
    h = hashlib.sha256()
    for m in sorted(dependencies(modules)):
        h.update(f"{m}\0{_file_digest(files[m])}\n".encode())
    return h.hexdigest()[:20]


def claim_code_key(claim) -> str:
    """The code key of one claim: its own modules and the engine, with their imports."""
    return code_key(claim_modules(claim) | engine_modules())
