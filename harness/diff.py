"""``ticketcheck diff OLD NEW``: two results files compared claim by claim.

What a user runs between two versions of a paper or of the tool, and what shows "identical
results" after a change. Each side is a ``results.json`` or the directory of a review; both are
validated against the results schema. Reported: claims added and removed, verdict changes
old -> new, and for every claim whose record differs otherwise (exact values, bounds, estimates,
intervals, slacks, counterexamples, notes, ...) the first differing path and the number of
differences; differences outside the claims (options, figures, completeness) likewise.

Ignored everywhere: timing and provenance fields (:data:`IGNORED_KEYS`: ``seconds`` and
``*_seconds``, ``cached``, ``elapsed``, ``date``, ``version``, the cache's code keys) and the values
of points that measure this machine's speed (``info.is_timing``: ``unified.exp4``). Numbers are
compared exactly (two NaN are equal).

Exit status: 0 identical, 1 different, 2 bad input (a missing, corrupt or foreign file).
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any, Iterator

from ticketcheck.results_schema import TIMING_KEYS as IGNORED_KEYS
from ticketcheck.results_schema import is_timing_key as is_ignored
from ticketcheck.results_schema import is_timing_point, without_timing

__all__ = ["IGNORED_KEYS", "is_ignored", "differences", "ClaimChange", "ResultsDiff", "diff_documents",
           "diff_files"]

_MISSING = object()


def _same(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return type(a) is type(b) and a == b or (isinstance(a, (int, float)) and isinstance(b, (int, float))
                                              and not isinstance(a, bool) and not isinstance(b, bool)
                                              and a == b)


def _item_label(i: int, item) -> str:
    if isinstance(item, dict) and isinstance(item.get("name"), str):
        return f"[{item['name']}]"
    return f"[{i}]"


def differences(a, b, path: str = "") -> Iterator[tuple[str, Any, Any]]:
    """``(path, old, new)`` for every differing leaf, depth first in the old document's order;
    a value missing on one side is ``<absent>``. A point measuring this machine's speed
    (``info.is_timing``) is compared by what identifies it, not by its value."""
    if is_timing_point(a) and is_timing_point(b):
        a, b = without_timing(a), without_timing(b)
    if isinstance(a, dict) and isinstance(b, dict):
        for k in list(a) + [k for k in b if k not in a]:
            if is_ignored(k):
                continue
            yield from differences(a.get(k, _MISSING), b.get(k, _MISSING), f"{path}.{k}" if path else k)
    elif isinstance(a, list) and isinstance(b, list):
        for i in range(max(len(a), len(b))):
            x = a[i] if i < len(a) else _MISSING
            y = b[i] if i < len(b) else _MISSING
            yield from differences(x, y, path + _item_label(i, x if x is not _MISSING else y))
    elif not _same(a, b):
        yield path, a, b


def _show(v) -> str:
    if v is _MISSING:
        return "<absent>"
    text = json.dumps(v, default=str)
    return text if len(text) <= 80 else text[:77] + "..."


def _point_at(record: dict, path: str) -> str:
    """``at M=1, t=3`` when ``path`` goes through a point of ``record``."""
    import re
    m = re.match(r"results\[(.+?)\]\.points\[(\d+)\]", path)
    if not m:
        return ""
    for r in record.get("results") or []:
        if r.get("name") == m.group(1) or str(record["results"].index(r)) == m.group(1):
            pts = r.get("points") or []
            i = int(m.group(2))
            if i < len(pts) and isinstance(pts[i].get("params"), dict):
                return " (at " + ", ".join(f"{k}={v}" for k, v in pts[i]["params"].items()) + ")"
    return ""


@dataclass
class ClaimChange:
    """A claim whose record differs: its first differing path and how many leaves differ."""

    id: str
    path: str
    old: Any
    new: Any
    n_differences: int
    where: str = ""

    def to_json(self) -> dict:
        return {"id": self.id, "path": self.path, "old": None if self.old is _MISSING else self.old,
                "new": None if self.new is _MISSING else self.new, "n_differences": self.n_differences,
                "where": self.where or None}


@dataclass
class ResultsDiff:
    n_old: int
    n_new: int
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    verdicts: list[tuple[str, str, str]] = field(default_factory=list)
    changed: list[ClaimChange] = field(default_factory=list)
    document: list[tuple[str, Any, Any]] = field(default_factory=list)
    n_document: int = 0

    @property
    def identical(self) -> bool:
        return not (self.added or self.removed or self.verdicts or self.changed or self.document)

    def lines(self, old_name: str = "OLD", new_name: str = "NEW") -> list[str]:
        out = [f"ticketcheck diff {old_name} ({self.n_old} claims) {new_name} ({self.n_new} claims)"]
        if self.identical:
            out.append(f"identical: {self.n_new} claims, timing aside")
            return out
        if self.added:
            out.append(f"added ({len(self.added)}): {', '.join(self.added)}")
        if self.removed:
            out.append(f"removed ({len(self.removed)}): {', '.join(self.removed)}")
        if self.verdicts:
            out.append(f"verdict changed ({len(self.verdicts)}):")
            out += [f"  {cid}: {old} -> {new}" for cid, old, new in self.verdicts]
        if self.changed:
            out.append(f"values changed ({len(self.changed)} claims; first differing path):")
            for c in self.changed:
                out.append(f"  {c.id}: {c.path}{c.where}: {_show(c.old)} -> {_show(c.new)}"
                           + (f" ({c.n_differences} differences)" if c.n_differences > 1 else ""))
        if self.document:
            out.append(f"outside the claims ({self.n_document} differences):")
            out += [f"  {p}: {_show(a)} -> {_show(b)}" for p, a, b in self.document]
        return out

    def to_json(self) -> dict:
        return {"identical": self.identical, "claims": {"old": self.n_old, "new": self.n_new},
                "added": self.added, "removed": self.removed,
                "verdict_changes": [{"id": i, "old": a, "new": b} for i, a, b in self.verdicts],
                "changed": [c.to_json() for c in self.changed],
                "document": [{"path": p, "old": None if a is _MISSING else a,
                              "new": None if b is _MISSING else b} for p, a, b in self.document],
                "n_document_differences": self.n_document}


def diff_documents(old: dict, new: dict, max_document: int = 20) -> ResultsDiff:
    """Compare two results documents (already validated)."""
    a = {c["id"]: c for c in old.get("claims") or []}
    b = {c["id"]: c for c in new.get("claims") or []}
    d = ResultsDiff(len(a), len(b))
    d.added = [i for i in b if i not in a]
    d.removed = [i for i in a if i not in b]
    for cid in (i for i in a if i in b):
        x, y = a[cid], b[cid]
        if x.get("verdict") != y.get("verdict"):
            d.verdicts.append((cid, x.get("verdict"), y.get("verdict")))
        first, n = None, 0
        for item in differences(x, y):
            if item[0] == "verdict":
                continue
            first = first or item
            n += 1
        if first is not None:
            d.changed.append(ClaimChange(cid, first[0], first[1], first[2], n, _point_at(x, first[0])))
    head_a = {k: v for k, v in old.items() if k != "claims"}
    head_b = {k: v for k, v in new.items() if k != "claims"}
    for item in differences(head_a, head_b):
        d.n_document += 1
        if len(d.document) < max_document:
            d.document.append(item)
    return d


def diff_files(old_path, new_path) -> ResultsDiff:
    """Read, validate and compare two results files (or review directories)."""
    from ticketcheck.files import read_results
    return diff_documents(read_results(old_path, "OLD"), read_results(new_path, "NEW"))
