"""The results schema: ``results.json`` (and each cached claim) is validated against the JSON Schema
shipped with the package (``ticketcheck/schema/results.schema.json``).

Validation runs the schema compiled by ``fastjsonschema`` (twenty times faster than ``jsonschema``
on a review's results: every cached claim is validated whenever it is read); ``jsonschema`` then
words the messages of what is invalid.

``SCHEMA_VERSION`` is written into every results file; a reader (``ticketcheck report``, ``diff``,
the cache) refuses a file of another major version with a one-line message.
"""
from __future__ import annotations

import functools
import json
from importlib import resources

from ticketcheck.errors import InputError

SCHEMA_VERSION = 1

__all__ = ["SCHEMA_VERSION", "schema", "claim_errors", "claim_is_valid", "document_errors", "validate_document",
           "TIMING_KEYS", "is_timing_key", "is_timing_point", "without_timing", "content_hash"]

#: fields that hold timing or provenance, not results (``time``: a certificate's seconds): ``ticketcheck diff`` ignores them and the
#: content hash of a results document (which keys its rendered reports) leaves them out
TIMING_KEYS = frozenset({"seconds", "time", "cached", "elapsed", "date", "version", "cache_key", "code_key"})


def is_timing_key(key: str) -> bool:
    """A timing or provenance field (:data:`TIMING_KEYS`, ``*_seconds``, ``seconds_*``)."""
    return key in TIMING_KEYS or key.endswith("_seconds") or key.startswith("seconds_")


#: a point whose ``info`` has ``"is_timing": true`` measures this machine's speed (``unified.exp4``):
#: its value is a timing, so only what identifies the point is compared
TIMING_POINT_KEYS = ("params", "relation", "label", "method", "verdict")


def is_timing_point(obj) -> bool:
    """A point record that measures this machine's speed (``info.is_timing``)."""
    return isinstance(obj, dict) and isinstance(obj.get("info"), dict) and obj["info"].get("is_timing") is True


def without_timing(obj):
    """``obj`` (parsed JSON) without its timing and provenance fields, at every depth."""
    if is_timing_point(obj):
        return {k: without_timing(obj[k]) for k in TIMING_POINT_KEYS if k in obj}
    if isinstance(obj, dict):  # keys are strings once read back; a fresh record may hold ints
        return {k: without_timing(v) for k, v in obj.items() if not (isinstance(k, str) and is_timing_key(k))}
    if isinstance(obj, list):
        return [without_timing(v) for v in obj]
    return obj


def content_hash(doc) -> str:
    """Hash of what a results document shows, timing and provenance aside."""
    import hashlib
    # not sort_keys: a fresh record may mix int and str keys; key order survives a JSON round trip
    text = json.dumps(without_timing(doc), default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:24]


@functools.lru_cache(maxsize=1)
def schema() -> dict:
    """The JSON Schema (a dict)."""
    return json.loads(resources.files("ticketcheck").joinpath("schema/results.schema.json").read_text())


@functools.lru_cache(maxsize=4)
def _validator(part: str):
    import jsonschema
    s = schema()
    if part == "document":
        return jsonschema.Draft202012Validator(s)
    sub = {"$defs": s["$defs"], **s["$defs"][part]}
    return jsonschema.Draft202012Validator(sub)


def _no_fetch(uri: str):
    """fastjsonschema's handler for remote ``$ref`` URIs: the schema's own ``$id`` is this file, any
    other is refused (validation never opens a connection; machines without a network hang on it)."""
    s = schema()
    if uri.split("#")[0] == s["$id"]:
        return s
    raise InputError(f"the results schema refers to {uri}, which is not part of it; reinstall ticketcheck")


@functools.lru_cache(maxsize=4)
def _compiled(part: str):
    import fastjsonschema
    s = schema()
    sub = s if part == "document" else {"$id": s["$id"], "$defs": s["$defs"], **s["$defs"][part]}
    return fastjsonschema.compile(sub, handlers={"https": _no_fetch, "http": _no_fetch})


def _valid(part: str, obj) -> bool:
    import fastjsonschema
    try:
        _compiled(part)(obj)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def claim_is_valid(record) -> bool:
    """Whether one claim record follows the schema (fast; :func:`claim_errors` says why not)."""
    return isinstance(record, dict) and _valid("claim", record)


def _messages(validator, obj, limit: int) -> list[str]:
    out = []
    for err in validator.iter_errors(obj):
        where = "/".join(str(p) for p in err.absolute_path) or "(top)"
        out.append(f"{where}: {err.message[:200]}")
        if len(out) >= limit:
            break
    return out


def claim_errors(record: dict, limit: int = 5) -> list[str]:
    """Schema violations of one claim record (empty list: valid)."""
    if not isinstance(record, dict):
        return ["a claim record must be a JSON object"]
    if _valid("claim", record):
        return []
    return _messages(_validator("claim"), record, limit) or ["does not follow the claim schema"]


def document_errors(doc: dict, limit: int = 5) -> list[str]:
    """Schema violations of a whole results document (empty list: valid)."""
    if not isinstance(doc, dict):
        return ["a results file must hold a JSON object"]
    if _valid("document", doc):
        return []
    return _messages(_validator("document"), doc, limit) or ["does not follow the results schema"]


def validate_document(doc, path: str = "results.json") -> dict:
    """``doc`` if it is a results document of this schema version, else :class:`InputError`."""
    if not isinstance(doc, dict) or doc.get("tool") != "ticketcheck" or "claims" not in doc:
        raise InputError(f"{path} is not a ticketcheck results file; give the results.json a review wrote")
    version = doc.get("schema_version")
    if version != SCHEMA_VERSION:
        raise InputError(f"{path} has results schema version {version!r}, this ticketcheck reads "
                         f"version {SCHEMA_VERSION}; rerun the review with this version")
    errs = document_errors(doc, limit=3)
    if errs:
        raise InputError(f"{path} does not follow the results schema ({'; '.join(errs)}); rerun the review")
    return doc
