"""Papers from outside the package: plugin files and installed plugin packages.

A plugin is a Python module that declares a paper with the same declarations as the seed papers
(``register_paper(key, title, api=(1, 1))`` first, then ``register(Claim(...), ...)``; falsifiers,
readings, corrections, inherits all work: docs/declaring-claims.md). It is found

* by path: ``ticketcheck list|check|review --claims PATH.py`` (several allowed), or
  :func:`load_files` from Python; the file is imported under a module name derived from its
  absolute path (its directory is appended to ``sys.path`` so that it may import modules beside it);
* installed: an entry point of group ``ticketcheck.papers`` in the package's pyproject,
  ``[project.entry-points."ticketcheck.papers"] my_paper = "my_module"``; the registry imports every
  such module on first use (``TICKETCHECK_NO_PLUGINS=1`` skips them).

A file that is already loaded (by path, or as the module of an installed entry point: an editable
install of the same file) is not imported twice. An error while importing a plugin (an exception, a
syntax error, a missing module, a duplicate id, a key that clashes with another paper, a claim of a
paper it did not declare, an attachment to a claim it does not own, a declaration API it does not
match, a reference to an unknown claim) undoes everything the plugin declared and raises
:class:`~ticketcheck.errors.PluginError`: one line naming the file (and line) and what to do.
``TICKETCHECK_DEBUG=1`` raises the original exception instead.

Workers. Forked workers (``review --jobs N``) inherit the loaded registry. A worker that shares no
memory with the caller (a spawned process, a Dask worker) gets the plugin *files* (:func:`files`,
absolute paths), imports them with :func:`load_files` and finds claims by id;
:func:`ticketcheck.harness.remote.run_claim_in_worker` does both. The paths must exist on the worker
(a shared file system, or ship the file first, e.g. Dask's ``client.upload_file``); installed plugins
must be installed there too.
"""
from __future__ import annotations

import hashlib
import importlib
import importlib.util
import os
import re
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from ticketcheck.bounds import registry
from ticketcheck.bounds.claim import DECLARATION_API_VERSION
from ticketcheck.errors import PluginError

__all__ = ["GROUP", "Source", "load_files", "load_file", "load_entry_points", "files",
           "fingerprint", "replay_args", "entry_points_enabled"]

#: the entry point group of installed paper plugins
GROUP = "ticketcheck.papers"


@dataclass(frozen=True)
class Source:
    """Where a plugin comes from: ``kind`` ``"file"`` or ``"entry_point"``; ``origin`` names it in
    messages; ``file`` is its module file (absolute); ``given`` the path as given (replay)."""

    kind: str
    origin: str
    file: str
    given: str


#: absolute module file -> its source, for every plugin imported in this process
_LOADED: dict[str, Source] = {}


def entry_points_enabled() -> bool:
    return os.environ.get("TICKETCHECK_NO_PLUGINS", "").strip() in ("", "0")


def _where(src: Source, exc: BaseException) -> str:
    """``file:line`` of the innermost traceback frame inside the plugin (its file or package)."""
    if isinstance(exc, SyntaxError) and exc.filename:
        return f"{exc.filename}:{exc.lineno}"
    root = Path(src.file)
    inside = (lambda f: Path(f).parent == root.parent) if root.name == "__init__.py" else \
        (lambda f: f == str(root))
    line = None
    for fr in traceback.extract_tb(exc.__traceback__):
        if inside(fr.filename):
            line = (fr.filename, fr.lineno)
    shown = src.given if src.kind == "file" else src.file
    if line is None:
        return shown
    return f"{shown if line[0] == src.file else line[0]}:{line[1]}"


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def _import(src: Source, run: Callable[[], None]) -> list[str]:
    """Import one plugin inside a registry transaction; return the paper keys it declared."""
    before = set(registry._PAPERS)
    claims_before = set(registry._CLAIMS)
    try:
        with registry._loading(src):
            try:
                run()
                registry._apply_pending(src.origin)
                new = [k for k in registry._PAPERS if k not in before]
                if not new:
                    raise PluginError(f"declares no paper; call register_paper(key, title, "
                                      f"api={DECLARATION_API_VERSION}) before its claims "
                                      f"(docs/declaring-claims.md)")
                _check_references([c for cid, c in registry._CLAIMS.items() if cid not in claims_before])
            except BaseException:
                _LOADED.pop(src.file, None)
                raise
    except Exception as e:
        if os.environ.get("TICKETCHECK_DEBUG"):
            raise
        raise PluginError(_message(src, e)) from e
    return [k for k in registry._PAPERS if k not in before]


def _message(src: Source, e: BaseException) -> str:
    """One line: where (file:line, and the entry point), what went wrong, what to do."""
    where = _where(src, e) if src.kind == "file" else f"{_where(src, e)} ({src.origin})"
    if isinstance(e, PluginError):
        what = _one_line(e)
    elif isinstance(e, SyntaxError):
        what = f"syntax error: {e.msg}; fix the file"
    elif isinstance(e, ImportError):
        what = (f"the plugin cannot import: {_one_line(e)}; install what it needs (pip install ...) "
                f"or fix the import")
    else:
        what = (f"the plugin raised {type(e).__name__}: {_one_line(e)}; fix the plugin "
                f"(TICKETCHECK_DEBUG=1 shows the traceback)")
    return f"{where}: {what}{_remedy(src)}"


def _remedy(src: Source) -> str:
    if src.kind == "entry_point":
        return (" (or uninstall the package, or set TICKETCHECK_NO_PLUGINS=1 to skip installed "
                "plugins)")
    return ""


def _check_references(claims) -> None:
    """Every claim a plugin's claims name (inherits, depends_on, variant_of) must be registered."""
    for c in claims:
        named = [("inherits", i.claim) for i in c.inherits] + [("depends_on", d) for d in c.depends_on]
        if c.variant_of:
            named.append(("variant_of", c.variant_of))
        for field, cid in named:
            if cid not in registry._CLAIMS:
                raise PluginError(f"claim {c.id}: {field} names {cid!r}, which no paper registers; "
                                  f"register it or correct the id")


def _module_name(path: str) -> str:
    stem = re.sub(r"\W", "_", Path(path).stem)
    return f"ticketcheck_plugin_{stem}_{hashlib.sha1(path.encode()).hexdigest()[:8]}"


def load_file(path: str | os.PathLike) -> list[str]:
    """Import the plugin file ``path``; return the paper keys it declares (``[]`` when that file is
    already loaded)."""
    registry._load()                  # the seed papers and installed plugins come first
    given = os.fspath(path)
    p = Path(given)
    if p.suffix != ".py":
        raise PluginError(f"--claims {given}: give a Python file (PATH.py) that declares a paper "
                          f"(docs/declaring-claims.md)")
    if not p.is_file():
        raise PluginError(f"--claims {given}: no such file")
    file = str(p.resolve())
    if file in _LOADED:
        return []
    src = Source("file", f"plugin file {given}", file, given)
    name = _module_name(file)
    spec = importlib.util.spec_from_file_location(name, file)
    module = importlib.util.module_from_spec(spec)

    def run():
        _LOADED[file] = src
        sys.modules[name] = module    # dataclasses, pickling and imports of the module by name
        if str(p.resolve().parent) not in sys.path:
            sys.path.append(str(p.resolve().parent))
        try:
            spec.loader.exec_module(module)
        except BaseException:
            sys.modules.pop(name, None)
            raise
    return _import(src, run)


def load_files(paths: Iterable[str | os.PathLike]) -> list[str]:
    """:func:`load_file` for each path, in order; the paper keys declared."""
    keys: list[str] = []
    for path in paths or ():
        keys += load_file(path)
    return keys


def load_entry_points() -> list[str]:
    """Import the module of every entry point of group :data:`GROUP` (sorted by name)."""
    from importlib.metadata import entry_points
    keys: list[str] = []
    seen = set()
    for ep in sorted(entry_points(group=GROUP), key=lambda e: (e.name, e.value)):
        if (ep.name, ep.value) in seen:
            continue
        seen.add((ep.name, ep.value))
        dist = getattr(getattr(ep, "dist", None), "name", None) or "an installed package"
        origin = f"entry point {ep.name!r} of {dist} ({ep.value})"
        try:
            spec = importlib.util.find_spec(ep.module)
        except (ImportError, ValueError):
            spec = None
        if spec is None or not spec.origin:
            raise PluginError(f"{origin}: module {ep.module!r} is not importable; reinstall {dist} "
                              f"or uninstall it (or set TICKETCHECK_NO_PLUGINS=1)")
        if spec.origin in _LOADED:
            continue
        src = Source("entry_point", origin, spec.origin, ep.name)

        def run(ep=ep, src=src):
            _LOADED[src.file] = src
            obj = ep.load()
            if ep.attr and callable(obj):
                obj()                    # "module:function": the function registers the paper
        keys += _import(src, run)
    return keys


def files() -> list[str]:
    """Absolute paths of the plugin files loaded by path (what a fresh worker must import)."""
    return [f for f, s in _LOADED.items() if s.kind == "file"]


def _paper_of(claim_id: str):
    p = registry._PAPERS.get(claim_id.split(".", 1)[0])
    return p if p is not None and not p.is_seed else None


def fingerprint(claim_id: str) -> str:
    """Hash of the source of the plugin that declares ``claim_id`` (``""`` for a seed claim): a
    changed plugin invalidates its cached results."""
    p = _paper_of(claim_id)
    if p is None or not p.file:
        return ""
    path = Path(p.file)
    srcs = sorted(path.parent.rglob("*.py")) if path.name == "__init__.py" else [path]
    h = hashlib.sha256()
    for f in srcs:
        try:
            h.update(f.read_bytes())
        except OSError:
            h.update(str(f).encode())
    return h.hexdigest()[:16]


def replay_args(claim_id: str) -> str:
    """``--claims PATH`` when ``claim_id`` comes from a plugin file (a replay command needs it)."""
    p = _paper_of(claim_id)
    src = _LOADED.get(p.file) if p is not None else None
    if src is None or src.kind != "file":
        return ""
    import shlex
    return f"--claims {shlex.quote(src.given)}"
