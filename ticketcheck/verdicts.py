"""The verdict vocabulary (design.md, "Verdicts"): the one place that names verdicts, evidence kinds,
severities and proof statuses, their order, their short marks and the exit status of ``check``.

Everything that prints, counts, aggregates or validates verdicts imports these names.
"""
from __future__ import annotations

#: point and check verdicts
HOLDS = "holds"
VIOLATED = "violated"
GAP = "gap"
VACUOUS = "vacuous"
INCONCLUSIVE = "inconclusive"
MEASURED = "measured"
OUT_OF_SCOPE = "out_of_scope"
RECORDED = "recorded"
ERROR = "error"

#: every verdict a claim, check or point may carry (``violated?``, a Monte Carlo candidate before
#: the Holm correction, never leaves the engine)
VERDICTS = (ERROR, VIOLATED, GAP, INCONCLUSIVE, HOLDS, VACUOUS, MEASURED, OUT_OF_SCOPE, RECORDED)

#: a claim's verdict is the most severe of its judged checks' in this order (design.md)
SEVERITY_ORDER = (ERROR, VIOLATED, GAP, INCONCLUSIVE, HOLDS, VACUOUS)

#: verdicts that judge (a check whose points are only these kinds decided something)
JUDGED = frozenset({VIOLATED, GAP, HOLDS, VACUOUS, INCONCLUSIVE})

#: evidence behind a verdict, strongest first; a claim's evidence is its weakest judged check's
EVIDENCE = ("certified", "exhaustive", "exact_grid", "mc_grid", "none")

#: severity of a violated claim (computed from a declared correction)
SEVERITIES = ("substantive", "typo")

#: proof status of a theorem, lemma or corollary (computed from ``depends_on``)
PROOF_STATUSES = ("no_refuted_step", "typos_only", "gaps", "broken")

#: short marks for terminal lines
MARK = {HOLDS: "ok", VIOLATED: "VIOLATED", GAP: "GAP", VACUOUS: "vacuous",
        INCONCLUSIVE: "inconclusive", OUT_OF_SCOPE: "out of scope", RECORDED: "REC",
        ERROR: "ERROR", MEASURED: "measured"}

#: exit status of ``ticketcheck check`` by claim verdict (2: usage/bad input, 130: interrupted)
EXIT_STATUS = {HOLDS: 0, MEASURED: 0, RECORDED: 0, VACUOUS: 0, OUT_OF_SCOPE: 1,
               VIOLATED: 1, GAP: 1, INCONCLUSIVE: 1, ERROR: 1}
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


def most_severe(verdicts) -> str | None:
    """The first of :data:`SEVERITY_ORDER` present in ``verdicts`` (None if none is)."""
    present = set(verdicts)
    for v in SEVERITY_ORDER:
        if v in present:
            return v
    return None


def weakest_evidence(kinds) -> str:
    """The weakest of the evidence kinds given (``"none"`` for an empty list)."""
    kinds = [k for k in kinds if k]
    if not kinds:
        return "none"
    return max(kinds, key=EVIDENCE.index)
