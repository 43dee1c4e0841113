"""Every id of the claim catalogue is registered verbatim; no check is attached to a missing id."""
import re
from pathlib import Path

import pytest

from ticketcheck.bounds.registry import all_claims, orphan_attachments

CATALOG = Path(__file__).resolve().parents[2] / "shared" / "spec" / "claims.md"
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
