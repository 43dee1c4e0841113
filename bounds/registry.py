"""The registry of papers and claims.

A paper is declared by :func:`register_paper` (its key, the part of a claim id before the first
dot, and its title) in its own module, before its claims; :func:`register` adds claims of a declared
paper; :func:`attach` adds a check to a claim declared elsewhere (e.g. a construction check added
to ``sparsity.thm3`` by the SLTH module); :func:`declare_readings` declares a paper's readings.

Where papers come from (imported on first use, in this order):

1. the seed papers: every module under ``bounds/`` other than the core ones;
2. installed plugins: the entry points of group ``ticketcheck.papers`` (skipped when the
   environment sets ``TICKETCHECK_NO_PLUGINS=1``);
3. plugin files given with ``--claims PATH.py`` (:func:`ticketcheck.bounds.plugins.load_files`).

A plugin (2, 3) uses the same declarations as the seed papers; it declares the declaration API it
is written for (``register_paper(..., api=(1, 1))``), registers claims of its own papers only, and
may not reuse a key or an id. Its errors are :class:`~ticketcheck.errors.PluginError` (one line
naming the file). Papers are listed in the catalogue's order (seed papers, ``order``), then plugins
in the order they were loaded.
"""
from __future__ import annotations

import contextlib
import importlib
import pkgutil
import re
import sys
from dataclasses import dataclass
from difflib import get_close_matches

from ticketcheck.bounds.claim import DECLARATION_API_VERSION, Check, Claim, Reading
from ticketcheck.errors import InputError, PluginError

__all__ = ["Paper", "register_paper", "register", "attach", "declare_readings", "papers", "get_paper",
           "all_claims", "get_claim", "paper_readings", "orphan_attachments", "declaring_modules"]

_CORE = {"claim", "registry", "plugins", "symbols", "arb_eval"}
_KEY = re.compile(r"[a-z][a-z0-9_]*")
_CLAIMS: dict[str, Claim] = {}
_PAPERS: dict[str, "Paper"] = {}
#: (claim id, check, origin of the module that attached it: "" for the package's own)
_PENDING: list[tuple[str, Check, str]] = []
_ORPHANS: list[tuple[str, str]] = []
_PAPER_READINGS: dict[str, list[Reading]] = {}
#: claim id -> the modules that declared it or attached a check to it (the review's cache keys a
#: claim's result by the code of these modules and of what they import)
_DECLARED_IN: dict[str, list[str]] = {}
#: the plugin being imported (a :class:`ticketcheck.bounds.plugins.Source`), innermost last
_LOADING: list = []
_loaded = False
_BROKEN: PluginError | None = None


@dataclass(frozen=True)
class Paper:
    """A declared paper. ``origin`` is empty for the package's own (seed) papers, else where the
    plugin came from (``plugin file x.py``, ``entry point 'k' of dist (module)``); ``file`` is the
    plugin's module file (its fingerprint invalidates cached results; a worker imports it)."""

    key: str
    title: str
    citation: str = ""
    #: position among the seed papers (the catalogue's section); plugins come after, in load order
    order: int | None = None
    module: str = ""
    origin: str = ""
    file: str = ""
    #: the declaration API the plugin was written for
    api: tuple[int, int] | None = None
    seq: int = 0

    @property
    def is_seed(self) -> bool:
        return not self.origin


# ------------------------------------------------------------------ who is declaring

def _owner() -> tuple[str, str, str]:
    """(origin, module, file) of the code calling the registry: origin ``""`` for the package's
    own modules; the plugin being loaded; else the calling module (a notebook, a script)."""
    frame = sys._getframe(1)
    while frame is not None and frame.f_globals.get("__name__") == __name__:
        frame = frame.f_back
    mod = frame.f_globals.get("__name__", "") if frame is not None else ""
    if mod == "ticketcheck" or mod.startswith("ticketcheck."):
        return "", mod, ""
    if _LOADING:
        src = _LOADING[-1]
        return src.origin, mod, src.file
    return f"module {mod}", mod, (frame.f_globals.get("__file__") or "") if frame is not None else ""


def _fail(origin: str, message: str) -> Exception:
    """A declaration error: a bug of the package (ValueError) for its own modules; for a plugin a
    :class:`PluginError` (the loader prefixes the file and line; outside a loader, the module)."""
    if not origin:
        return ValueError(message)
    return PluginError(message if _LOADING else f"{origin}: {message}")


def _api(origin: str, api) -> tuple[int, int]:
    have = ".".join(map(str, DECLARATION_API_VERSION))
    if api is None:
        raise _fail(origin, f"declare the declaration API the plugin is written for: "
                            f"register_paper(key, title, api=({DECLARATION_API_VERSION[0]}, "
                            f"{DECLARATION_API_VERSION[1]})) (docs/declaring-claims.md)")
    parts = (api,) if isinstance(api, int) else tuple(api) if isinstance(api, (tuple, list)) else None
    if (not parts or len(parts) > 2 or any(isinstance(p, bool) or not isinstance(p, int) or p < 0
                                           for p in parts)):
        raise _fail(origin, f"api={api!r}: give the declaration API as (major, minor), e.g. api=(1, 1)")
    major, minor = (*parts, 0)[:2]
    if major != DECLARATION_API_VERSION[0]:
        raise _fail(origin, f"written for declaration API {major}.x, but this ticketcheck provides {have}: "
                            f"install a ticketcheck with API {major}.x or port the plugin "
                            f"(docs/declaring-claims.md lists the changes)")
    if minor > DECLARATION_API_VERSION[1]:
        raise _fail(origin, f"needs declaration API {major}.{minor}, but this ticketcheck provides {have}: "
                            f"upgrade ticketcheck")
    return major, minor


# ------------------------------------------------------------------ declarations

def register_paper(key: str, title: str, *, citation: str = "", api=None,
                   order: int | None = None) -> Paper:
    """Declare paper ``key`` (claim ids ``key.<kind><number>``) with its ``title`` before its claims.

    ``api``: the declaration API ``(major, minor)`` a plugin is written for (required of plugins: a
    different major version, or a newer minor one, is refused with a one-line error); ``citation``:
    where the text is; ``order``: the seed papers' position (their catalogue section)."""
    origin, module, file = _owner()
    if not isinstance(key, str) or not _KEY.fullmatch(key):
        raise _fail(origin, f"paper key {key!r}: use lower-case letters, digits and _, starting with "
                            f"a letter (e.g. 'my_paper'); claim ids are '<key>.<kind><number>'")
    if not isinstance(title, str) or not title.strip():
        raise _fail(origin, f"paper {key!r}: give it a title (register_paper({key!r}, 'Title ...'))")
    old = _PAPERS.get(key)
    if old is not None:
        if old.module == module and old.title == title and old.origin == origin:
            return old                    # the same module executed again (a reload)
        if old.is_seed:
            raise _fail(origin, f"paper key {key!r} clashes with a seed paper of ticketcheck "
                                f"({old.title!r}); choose another key")
        raise _fail(origin, f"paper key {key!r} is already declared by {old.origin}; choose another "
                            f"key (or load that plugin only once)")
    version = _api(origin, api) if origin else (tuple(api) if api else None)
    paper = Paper(key=key, title=title.strip(), citation=citation, order=order, module=module,
                  origin=origin, file=file, api=version, seq=len(_PAPERS))
    _PAPERS[key] = paper
    return paper


def _caller_module() -> str | None:
    """The module whose import is running the caller (the first module-level frame up the stack:
    a helper that registers claims for a paper module names that module, not itself)."""
    frame = sys._getframe(2)
    while frame is not None and frame.f_code.co_name != "<module>":
        frame = frame.f_back
    return frame.f_globals.get("__name__") if frame is not None else None


def _declared(claim_id: str, module: str | None) -> None:
    mods = _DECLARED_IN.setdefault(claim_id, [])
    if module and module not in mods:
        mods.append(module)


def register(*claims: Claim) -> None:
    """Register claims of declared papers (a plugin: of its own papers)."""
    origin = _owner()[0]
    module = _caller_module()
    for c in claims:
        if not isinstance(c, Claim):
            raise _fail(origin, f"register() takes Claim records, got {type(c).__name__}")
        if c.id in _CLAIMS:
            first = _PAPERS[_CLAIMS[c.id].paper].origin or "ticketcheck"
            raise _fail(origin, f"claim id {c.id!r} is registered twice (first by {first}); give it "
                                f"another id")
        p = _PAPERS.get(c.paper)
        if p is None:
            raise _fail(origin, f"claim {c.id}: paper {c.paper!r} is not declared; call "
                                f"register_paper({c.paper!r}, title, ...) before its claims")
        if p.origin != origin:
            by = p.origin or "ticketcheck (a seed paper)"
            raise _fail(origin, f"claim {c.id}: paper {c.paper!r} is declared by {by}; a plugin "
                                f"registers claims of its own papers (use a key of your own)")
        _CLAIMS[c.id] = c
        _declared(c.id, module)


def declare_readings(paper: str, *readings: Reading) -> None:
    """Readings the paper leaves open everywhere (e.g. `unified`'s unqualified log): they apply to
    every claim of the paper whose checks have the reading's parameter."""
    origin = _owner()[0]
    p = _PAPERS.get(paper)
    if p is None or p.origin != origin:
        raise _fail(origin, f"declare_readings({paper!r}, ...): declare the paper first "
                            f"(register_paper), and only readings of your own papers")
    _PAPER_READINGS.setdefault(paper, []).extend(readings)


def paper_readings(paper: str) -> list[Reading]:
    _load()
    return list(_PAPER_READINGS.get(paper, []))


def attach(claim_id: str, check: Check) -> None:
    """Add ``check`` to claim ``claim_id`` (applied once the declaring modules are imported)."""
    _declared(claim_id, _caller_module())
    _PENDING.append((claim_id, check, _owner()[0]))


def declaring_modules(claim_id: str) -> list[str]:
    """The modules that registered claim ``claim_id`` or attached a check to it."""
    _load()
    return list(_DECLARED_IN.get(claim_id, []))


def _apply_pending(origin: str) -> None:
    """Attach the pending checks declared by ``origin`` (the seed modules: ``""``). Seed orphans
    are kept for :func:`orphan_attachments`; a plugin's are an error."""
    keep = []
    for cid, check, by in _PENDING:
        if by != origin:
            keep.append((cid, check, by))
            continue
        claim = _CLAIMS.get(cid)
        if claim is None or (origin and _PAPERS[claim.paper].origin != origin):
            if not origin:
                _ORPHANS.append((cid, getattr(check, "name", "?")))
                continue
            raise _fail(origin, f"attach({cid!r}, ...): no claim {cid} among this plugin's claims; "
                                f"register it first (a plugin attaches checks to its own claims)")
        claim.checks.append(check)
    _PENDING[:] = keep


@contextlib.contextmanager
def _loading(source):
    """Declarations made inside belong to plugin ``source``; on an error every one is undone."""
    snap = (dict(_CLAIMS), dict(_PAPERS), list(_PENDING),
            {k: list(v) for k, v in _PAPER_READINGS.items()},
            {cid: list(c.checks) for cid, c in _CLAIMS.items()})
    _LOADING.append(source)
    try:
        yield
    except BaseException:
        for live, saved in zip((_CLAIMS, _PAPERS, _PAPER_READINGS), (snap[0], snap[1], snap[3])):
            live.clear()
            live.update(saved)
        _PENDING[:] = snap[2]
        for cid, checks in snap[4].items():
            _CLAIMS[cid].checks[:] = checks
        raise
    finally:
        _LOADING.pop()


# ------------------------------------------------------------------ loading and lookup

def _load() -> None:
    global _loaded, _BROKEN
    if _loaded:
        if _BROKEN is not None:
            raise _BROKEN
        return
    _loaded = True
    bounds = importlib.import_module("ticketcheck.bounds")
    for mod in pkgutil.walk_packages(bounds.__path__, prefix="ticketcheck.bounds."):
        if mod.name.split(".")[-1] in _CORE:
            continue
        importlib.import_module(mod.name)
    _apply_pending("")
    from ticketcheck.bounds import plugins
    if plugins.entry_points_enabled():
        try:
            plugins.load_entry_points()
        except PluginError as e:
            _BROKEN = e
            raise


def orphan_attachments() -> list[tuple[str, str]]:
    """Checks attached to ids that no module registered (a test asserts there are none)."""
    _load()
    return list(_ORPHANS)


def _rank(p: Paper) -> tuple:
    return (0, p.order, p.seq) if p.is_seed and p.order is not None else (1, p.seq)


def papers() -> dict[str, Paper]:
    """Every declared paper, by key, in the catalogue's order then the plugins' load order."""
    _load()
    return {p.key: p for p in sorted(_PAPERS.values(), key=_rank)}


def get_paper(key: str) -> Paper:
    """The declared paper ``key`` (an :class:`InputError` naming the known keys otherwise)."""
    _load()
    if key in _PAPERS:
        return _PAPERS[key]
    near = get_close_matches(key, list(_PAPERS), n=3)
    hint = f"did you mean {', '.join(near)}? " if near else ""
    raise InputError(f"unknown paper {key!r}; {hint}known: {', '.join(papers())} (a plugin's paper: "
                     f"load it with --claims FILE.py or install its package)")


def all_claims(paper: str | None = None) -> list[Claim]:
    _load()
    if paper is not None:
        get_paper(paper)                   # an InputError for an unknown key
    order = {k: i for i, k in enumerate(papers())}
    out = [c for c in _CLAIMS.values() if paper is None or c.paper == paper]
    return sorted(out, key=lambda c: (order[c.paper], _natural_key(c.id)))


def get_claim(claim_id: str) -> Claim:
    _load()
    if claim_id in _CLAIMS:
        return _CLAIMS[claim_id]
    from ticketcheck.errors import UnknownClaimError
    key = claim_id.split(".", 1)[0]
    if key not in _PAPERS:
        raise UnknownClaimError(f"unknown claim id {claim_id!r}: no paper {key!r} is registered "
                                f"(known: {', '.join(papers())}); load a plugin's paper with "
                                f"--claims FILE.py or install its package")
    near = get_close_matches(claim_id, list(_CLAIMS), n=3)
    hint = f"; did you mean {', '.join(near)}?" if near else "; run `ticketcheck list` for the ids"
    raise UnknownClaimError(f"unknown claim id {claim_id!r}{hint}")


def _natural_key(s: str):
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", s)]
