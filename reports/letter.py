"""The referee letter of each paper (issue 10, item 4) as data; ``latex.py`` and ``html.py`` lay it out.

Everything comes from ``results.json``: which claims each section lists, and in what order, from the
review's ``referee`` block (``harness.referee.letter_model``: substantive problems ranked by role,
theorem > lemma/corollary > proof step > experiment/arithmetic); the statement, its LaTeX, the
witness sentence, the declared correction, the proof status and what a failure breaks from each
claim. Nothing is judged or re-ordered here. Two layout decisions only:

* a variant (``variant_of``) listed in the same section as the statement it varies is folded into
  that statement's item ("its variants ... are in this section too") instead of a second item;
* :class:`Limits` cut a letter to its page budget (at most 4 pages): the first ``full_items`` items
  of each section are shown in full (statement, witness, what it breaks), the rest in one line each
  with a pointer to the appendix; long statements are clipped (never inside a formula).
"""
from __future__ import annotations

from dataclasses import dataclass

from ticketcheck.reports import analysis as A
from ticketcheck.reports.texify import clip_prose

#: the letter's sections after the main results table, in the order shown
SECTIONS = (
    ("substantive", "Substantive problems"),
    ("typos", "Typos: the printed form fails, the intended form holds"),
    ("gaps", "Gaps: the proof uses more than the cited result gives"),
    ("reading_dependent", "Claims that depend on the reading of the notation"),
    ("vacuous_ranges", "Vacuous ranges"),
)
PROOF_WORDS = {"broken": "broken", "gaps": "gaps", "typos_only": "typos only",
               "no_refuted_step": "no refuted step"}


@dataclass(frozen=True)
class Limits:
    """How much of a letter is shown in full (the rest: one line per item)."""

    full_items: int | None = None   #: per section; None = every item
    statement_chars: int = 600      #: statement of a problem item
    main_statement_chars: int = 300  #: statement in the main results table


#: tried in turn until every letter fits its page budget (``latex.fit_letters``)
STAGES = (Limits(None, 600, 300), Limits(8, 360, 200), Limits(5, 240, 150), Limits(3, 160, 110),
          Limits(1, 120, 80), Limits(0, 100, 60))
#: without TeX (nothing to measure): a letter that fits 4 pages on the seed papers
DEFAULT_LIMITS = STAGES[2]
MAX_LETTER_PAGES = 4


def check_of(claim: dict, name: str | None) -> dict | None:
    return next((c for c in A.checks_of(claim) if c.get("name") == name), None) if name else None


def comparison_of(claim: dict) -> dict | None:
    """The stored LaTeX (lhs, relation, rhs, hypotheses) of the check the claim's counterexample comes
    from, else of its first judged check that has one, else of any check that has one."""
    ce = claim.get("counterexample") or {}
    cands = [check_of(claim, ce.get("check"))] + \
        [c for c in A.checks_of(claim) if c.get("judged")] + A.checks_of(claim)
    for chk in cands:
        tex = (chk or {}).get("latex") or {}
        if tex.get("lhs") and tex.get("rhs"):
            return {k: tex.get(k) or "" for k in ("lhs", "relation", "rhs", "hypotheses")}
    return None


def _sentence(ce: dict | None) -> str | None:
    """A counterexample's stored witness sentence, else its stored numbers in one line."""
    if not ce:
        return None
    return ce.get("witness") or A.counterexample_sentence({"counterexample": ce})


def intended_of(claim: dict) -> dict | None:
    c = claim.get("correction")
    if not isinstance(c, dict) or not c.get("statement"):
        return None
    return {"kind": c.get("kind"), "statement": c.get("statement"), "latex": c.get("latex"),
            "source": c.get("source"), "verdict": c.get("verdict"),
            "evidence_text": c.get("evidence_text"), "note": c.get("note"),
            "witness": c.get("witness") or _sentence(c.get("counterexample"))}


def readings_of(claim: dict) -> list[dict]:
    out = []
    for r in claim.get("readings") or []:
        if isinstance(r, dict):
            out.append({"param": r.get("param"), "label": r.get("label"), "verdict": r.get("verdict"),
                        "witness": r.get("witness") or _sentence(r.get("counterexample"))})
    return out


def _vacuous(claim: dict) -> list[dict]:
    out = []
    for chk in A.checks_of(claim):
        st = A._vacuous_start(chk)
        if st and (chk.get("verdict") == "vacuous" or st.get("where") == "beyond"):
            out.append({"check": chk.get("name", "?"), "sentence": A.vacuous_sentence({"start": st})})
    return out


def item(claim: dict, limits: Limits) -> dict:
    """One claim as the letter shows it."""
    ce = claim.get("counterexample") or {}
    return {
        "id": claim["id"], "title": claim.get("title") or "", "role": claim.get("role") or "claim",
        "source": claim.get("source") or "", "verdict": claim.get("verdict") or "recorded",
        "severity": claim.get("severity"), "evidence_text": claim.get("evidence_text"),
        "reason": claim.get("reason") or "",
        "statement": clip_prose(claim.get("statement"), limits.statement_chars),
        "statement_latex": (claim.get("latex") or {}).get("statement"),
        "comparison": comparison_of(claim),
        "witness": claim.get("witness") or _sentence(ce),
        "replay": ce.get("replay"),
        "intended": intended_of(claim),
        "breaks": claim.get("breaks"),
        "readings": readings_of(claim),
        "vacuous": _vacuous(claim),
        "also": [],
    }


def main_row(claim: dict, limits: Limits) -> dict:
    return {"id": claim["id"], "title": claim.get("title") or "", "role": claim.get("role") or "claim",
            "source": claim.get("source") or "", "verdict": claim.get("verdict") or "recorded",
            "severity": claim.get("severity"), "evidence_text": claim.get("evidence_text"),
            "statement": clip_prose(claim.get("statement"), limits.main_statement_chars),
            "statement_latex": (claim.get("latex") or {}).get("statement"),
            "tightness": claim.get("tightness"), "tightness_note": claim.get("tightness_note"),
            "proof": claim.get("proof") or None}


def _fold_variants(ids: list[str], by_id: dict) -> list[tuple[str, list[str]]]:
    """``[(id, [variants folded into it])]``: a variant listed after its statement joins its item."""
    out: list[tuple[str, list[str]]] = []
    pos: dict[str, int] = {}
    for cid in ids:
        root = (by_id.get(cid) or {}).get("variant_of")
        if root in pos:
            out[pos[root]][1].append(cid)
            continue
        pos[cid] = len(out)
        out.append((cid, []))
    return out


def letter(paper: str, claims: list[dict], referee: dict | None, title: str,
           limits: Limits = DEFAULT_LIMITS) -> dict:
    """The letter of one paper: overview counts, main results rows, then one list per section of
    :data:`SECTIONS`, each entry ``{"full": bool, **item}``."""
    by_id = {c["id"]: c for c in claims}
    counts: dict[str, int] = {}
    for c in claims:
        counts[c.get("verdict") or "recorded"] = counts.get(c.get("verdict") or "recorded", 0) + 1
    severities = {s: sum(1 for c in claims if c.get("severity") == s) for s in ("substantive", "typo")}
    out = {"paper": paper, "title": title, "n": len(claims), "counts": counts, "severities": severities,
           "missing": referee is None, "main_results": [], "sections": [], "broken_proofs": []}
    if referee is None:
        return out
    known = [cid for cid in referee.get("main_results") or [] if cid in by_id]
    out["main_results"] = [main_row(by_id[cid], limits) for cid in known]
    for key, heading in SECTIONS:
        entries = []
        for k, (cid, also) in enumerate(_fold_variants(
                [i for i in referee.get(key) or [] if i in by_id], by_id)):
            it = item(by_id[cid], limits)
            it["also"] = also
            it["full"] = limits.full_items is None or k < limits.full_items
            entries.append(it)
        out["sections"].append({"key": key, "heading": heading, "items": entries})
    shown = set(known)
    out["broken_proofs"] = [main_row(by_id[cid], limits) for cid in referee.get("broken_proofs") or []
                            if cid in by_id and cid not in shown]
    return out


def letters(claims: list[dict], doc: dict | None, limits: dict[str, Limits] | None = None) -> list[dict]:
    """One letter per paper, in the order of the papers in ``claims``."""
    doc = doc if isinstance(doc, dict) else {}
    referee = doc.get("referee") if isinstance(doc.get("referee"), dict) else None
    titles = A.stored_titles(doc)
    papers = list(dict.fromkeys(A.paper_of(c) for c in claims))
    out = []
    for p in papers:
        mine = [c for c in claims if A.paper_of(c) == p]
        ref = referee.get(p) if referee is not None else None
        if referee is not None and ref is None:
            ref = {}
        out.append(letter(p, mine, ref, titles.get(p) or p,
                          (limits or {}).get(p, DEFAULT_LIMITS)))
    return out


def overview_counts(lt: dict) -> list[tuple[str, int]]:
    """``[(words, count)]`` for the letter's first line, most severe first."""
    c = lt["counts"]
    out = []
    for v in A.VERDICT_ORDER:
        if c.get(v):
            out.append((v.replace("_", " "), c[v]))
    return out


def proof_text(proof: dict | None) -> tuple[str, list[str]]:
    """(status words, the ids it rests on to show): broken at the leaves' substantive violations,
    gaps at the gap verdicts, typos only at the typo-level ones."""
    if not proof:
        return "", []
    st = proof.get("status") or ""
    ids = {"broken": proof.get("broken_at"), "gaps": proof.get("gaps_at"),
           "typos_only": proof.get("typos_at")}.get(st) or []
    return PROOF_WORDS.get(st, st.replace("_", " ")), list(ids)
