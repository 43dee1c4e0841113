"""Helpers of the sparsity tests: run a check's pieces the way the harness does (declared constants
substituted, computed checks given a context with their constants)."""
from ticketcheck.harness.context import CheckContext
from ticketcheck.harness.variants import Variant, apply_to_check


def declared(check):
    """A certify/symbolic check with its declared constants substituted (what the runner does)."""
    return apply_to_check(check, Variant("declared constants")) if getattr(check, "constants", None) else check


def ctx_for(check, point, **kw):
    """The context a computed check receives at ``point`` (its declared constants; ``constants=``
    overrides them, e.g. a correction's value)."""
    consts = dict(getattr(check, "constants", {}) or {})
    consts.update(kw.pop("constants", {}))
    return CheckContext(point, constants=consts, **kw)


def records(check, point, **kw):
    return list(check.compute(ctx_for(check, point, **kw)))


def check_named(claim_id, name):
    from ticketcheck.bounds.registry import get_claim
    return next(c for c in get_claim(claim_id).checks if c.name == name)
