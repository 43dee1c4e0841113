"""The registry of claims. Paper modules (any module under ``bounds/`` other than the core ones)
call :func:`register` at import; :func:`attach` adds a check to a claim declared elsewhere (e.g. a
construction check added to ``sparsity.thm3`` by the SLTH module). Everything is imported lazily.
"""
from __future__ import annotations

import importlib
import pkgutil
import sys
from difflib import get_close_matches

from ticketcheck import bounds
from ticketcheck.bounds.claim import Check, Claim, Reading

_CORE = {"claim", "registry", "symbols", "arb_eval"}
_CLAIMS: dict[str, Claim] = {}
_PENDING: list[tuple[str, Check]] = []
_ORPHANS: list[tuple[str, str]] = []
_PAPER_READINGS: dict[str, list[Reading]] = {}
#: claim id -> the modules that declared it or attached a check to it (the review's cache keys a
#: claim's result by the code of these modules and of what they import)
_DECLARED_IN: dict[str, list[str]] = {}
_loaded = False

PAPERS = {
    "unified": "A unified framework for quantized and continuous strong lottery tickets",
    "sparsity": "On the Sparsity of the Strong Lottery Ticket Hypothesis (Natale et al., 2024)",
    "kumar_natale": "Kumar & Natale, Quantization vs Pruning (seed README sample)",
    "slides": "E. Natale, On the Random Subset Sum Problem and Neural Networks (slides, 2023)",
    "pensia_rebuttal": "Rebuttal letter for Pensia et al., NeurIPS 2020",
}


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
    module = _caller_module()
    for c in claims:
        if c.id in _CLAIMS:
            raise ValueError(f"claim {c.id} registered twice")
        if c.paper not in PAPERS:
            raise ValueError(f"claim {c.id}: unknown paper key {c.paper!r}")
        _CLAIMS[c.id] = c
        _declared(c.id, module)


def declare_readings(paper: str, *readings: Reading) -> None:
    """Readings the paper leaves open everywhere (e.g. `unified`'s unqualified log): they apply to
    every claim of the paper whose checks have the reading's parameter."""
    _PAPER_READINGS.setdefault(paper, []).extend(readings)


def paper_readings(paper: str) -> list[Reading]:
    _load()
    return list(_PAPER_READINGS.get(paper, []))


def attach(claim_id: str, check: Check) -> None:
    """Add ``check`` to claim ``claim_id`` (applied once every module is imported)."""
    _declared(claim_id, _caller_module())
    _PENDING.append((claim_id, check))


def declaring_modules(claim_id: str) -> list[str]:
    """The modules that registered claim ``claim_id`` or attached a check to it."""
    _load()
    return list(_DECLARED_IN.get(claim_id, []))


def _load() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    for mod in pkgutil.walk_packages(bounds.__path__, prefix="ticketcheck.bounds."):
        if mod.name.split(".")[-1] in _CORE:
            continue
        importlib.import_module(mod.name)
    for cid, check in _PENDING:
        if cid not in _CLAIMS:
            _ORPHANS.append((cid, getattr(check, "name", "?")))
            continue
        _CLAIMS[cid].checks.append(check)
    _PENDING.clear()


def orphan_attachments() -> list[tuple[str, str]]:
    """Checks attached to ids that no module registered (a test asserts there are none)."""
    _load()
    return list(_ORPHANS)


def all_claims(paper: str | None = None) -> list[Claim]:
    _load()
    if paper is not None and paper not in PAPERS:
        from ticketcheck.errors import InputError
        raise InputError(f"unknown paper {paper!r}; use one of: {', '.join(PAPERS)}")
    out = [c for c in _CLAIMS.values() if paper is None or c.paper == paper]
    return sorted(out, key=lambda c: (list(PAPERS).index(c.paper), _natural_key(c.id)))


def get_claim(claim_id: str) -> Claim:
    _load()
    if claim_id in _CLAIMS:
        return _CLAIMS[claim_id]
    from ticketcheck.errors import UnknownClaimError
    near = get_close_matches(claim_id, list(_CLAIMS), n=3)
    hint = f"; did you mean {', '.join(near)}?" if near else "; run `ticketcheck list` for the ids"
    raise UnknownClaimError(f"unknown claim id {claim_id!r}{hint}")


def _natural_key(s: str):
    import re
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", s)]
