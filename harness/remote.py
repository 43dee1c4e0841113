"""Running a claim in a worker that shares no memory with the caller (a spawned process, a Dask
worker): the plugin files travel as paths, the worker imports them and finds the claim by id.

    from ticketcheck.bounds.plugins import files
    from ticketcheck.harness.remote import run_claim_in_worker
    future = client.submit(run_claim_in_worker, "my_paper.thm1", files(), RunOptions(quick=True))

Seed papers and installed plugins (entry points) load themselves in the worker; plugin files must
exist at the same paths there (a shared file system, or ``client.upload_file`` first). The result is
the same dict as ``run_claim``'s: every Monte Carlo stream depends only on the run's seed, the claim,
the check and the point, not on the process that computes it.
"""
from __future__ import annotations

import dataclasses
from typing import Sequence

from ticketcheck.harness.options import RunOptions

__all__ = ["run_claim_in_worker"]


def run_claim_in_worker(claim_id: str, plugin_files: Sequence[str] = (),
                        opts: RunOptions | None = None) -> dict:
    """Import ``plugin_files`` (already loaded ones are skipped), then run claim ``claim_id``."""
    from ticketcheck.bounds.plugins import load_files
    from ticketcheck.bounds.registry import get_claim
    from ticketcheck.harness.runner import run_claim
    load_files(plugin_files)
    opts = dataclasses.replace(opts, progress=None) if opts is not None else RunOptions()
    return run_claim(get_claim(claim_id), opts)
