"""Every id of the claim catalogue (claims.md, and npp.md for the number-partitioning claims) is
registered verbatim; no check is attached to a missing id."""
import re
from pathlib import Path

import pytest

from ticketcheck.bounds.registry import all_claims, get_claim, orphan_attachments


def _spec_dir() -> Path:
    """``shared/spec`` beside the repository (main checkout: /work/main -> /work/shared; a
    worktree one level deeper: /work/wt/<name> -> /work/shared)."""
    here = Path(__file__).resolve()
    for parent in here.parents[1:]:
        if (parent / "shared" / "spec" / "claims.md").exists():
            return parent / "shared" / "spec"
    return here.parents[2] / "shared" / "spec"


SPEC = _spec_dir()
CATALOG = SPEC / "claims.md"
NPP_SPEC = SPEC / "npp.md"
PAPERS = ("unified", "sparsity", "kumar_natale", "slides", "pensia_rebuttal")


def catalog_ids() -> set[str]:
    text = CATALOG.read_text()
    ids = set()
    for m in re.finditer(r"`((?:%s)\.[A-Za-z0-9_.]+)`" % "|".join(PAPERS), text):
        cid = m.group(1).rstrip(".")
        if cid.endswith("_") or "*" in cid:  # wildcards such as step_appC_*
            continue
        ids.add(cid)
    # ids defined in prose ranges, e.g. "`sparsity.eq15`–`sparsity.eq17`" includes eq16
    if "sparsity.eq15" in ids and "sparsity.eq17" in ids:
        ids.add("sparsity.eq16")
    return ids


@pytest.mark.skipif(not CATALOG.exists(), reason="shared/spec/claims.md not beside the repository")
def test_every_catalogue_id_is_registered():
    have = {c.id for c in all_claims()}
    missing = sorted(catalog_ids() - have)
    assert not missing, f"{len(missing)} catalogue ids not registered: {missing}"


def test_no_orphan_attachments():
    assert orphan_attachments() == []


def test_claim_records_are_complete():
    for c in all_claims():
        assert c.source and c.statement and c.title, c.id
        assert c.methods, c.id
        assert set(c.methods) <= {"SYM", "EXACT", "MC", "NUM", "CERT", "ARITH", "REC"}, c.id
        if c.status == "recorded":
            assert set(c.methods) == {"REC"}, f"{c.id}: methods {c.methods} but no check attached"
            continue
        assert set(c.methods) != {"REC"}, f"{c.id}: has checks but is labelled REC only"
        names = [ch.name for ch in c.checks]
        assert len(names) == len(set(names)), f"{c.id}: duplicate check names {names}"


def npp_ids() -> set[str]:
    """Ids of npp.md: backticked ``paper.name``, and bare backticked names that follow one in a
    comma-separated list (``kumar_natale.lemma1``, ``lemma3``, ... -> kumar_natale.lemma3)."""
    text = NPP_SPEC.read_text()
    ids = set()
    pat = r"`((%s)\.[A-Za-z0-9_]+)`((?:,\s*`[A-Za-z0-9_]+`)*)" % "|".join(PAPERS)
    for m in re.finditer(pat, text):
        ids.add(m.group(1))
        ids.update(f"{m.group(2)}.{bare}" for bare in re.findall(r"`([A-Za-z0-9_]+)`", m.group(3)))
    return ids


@pytest.mark.skipif(not NPP_SPEC.exists(), reason="shared/spec/npp.md not beside the repository")
def test_every_npp_spec_id_is_registered():
    ids = npp_ids()
    assert {"kumar_natale.lemma2", "kumar_natale.phase_transition", "kumar_natale.cite_bcp",
            "kumar_natale.lemma1", "kumar_natale.thm2", "kumar_natale.cor1"} <= ids  # the parser
    have = {c.id for c in all_claims()}
    assert not sorted(ids - have), f"npp.md ids not registered: {sorted(ids - have)}"
    for cid in ("kumar_natale.lemma2", "kumar_natale.phase_transition", "kumar_natale.cite_bcp"):
        assert get_claim(cid).status == "tested", cid
    for cid in sorted(ids - {"kumar_natale.lemma2", "kumar_natale.phase_transition",
                             "kumar_natale.cite_bcp"}):
        c = get_claim(cid)
        assert c.status == "recorded" and "not available" in c.notes, cid
