"""Disk written and time of a review, then of its fully cached rerun (issue 12, "Lost time and disk").

Runs ``ticketcheck review`` twice into a fresh directory (the second run takes every claim from
the journal) and prints, for each run, the wall time, the bytes the review process and its workers
wrote (``/proc/self/io`` ``wchar`` of the main process, which does all the writing of results, plus
the block output of the worker processes), and the size of the output directory.

    python benchmarks/bench_review_storage.py                  # quick review of every paper
    python benchmarks/bench_review_storage.py --full --jobs 2  # the full review (long)
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WRAPPER = r"""
import json, resource, sys
from ticketcheck.harness.cli import main
code = main(sys.argv[1:])
io = dict(line.split(": ") for line in open("/proc/self/io").read().splitlines())
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
print("BENCH-IO " + json.dumps({"code": code, "wchar": int(io["wchar"]), "write_bytes": int(io["write_bytes"]),
                               "children_out_bytes": kids.ru_oublock * 512}), file=sys.stderr)
sys.exit(code)
"""


def _size(d: Path) -> int:
    return sum(p.stat().st_size for p in d.rglob("*") if p.is_file())


def run(argv: list[str]) -> dict:
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-c", WRAPPER, *argv], capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    line = next((ln for ln in r.stderr.splitlines() if ln.startswith("BENCH-IO ")), None)
    if line is None:
        raise SystemExit(f"review failed (exit {r.returncode}):\n{r.stderr[-2000:]}")
    m = {"seconds": round(seconds, 1), **json.loads(line[len("BENCH-IO "):]),
         "last_line": r.stdout.strip().splitlines()[-1] if r.stdout.strip() else ""}
    if m["code"] != 0:
        raise SystemExit(f"review exited with {m['code']}:\n{r.stderr[-2000:]}")
    return m


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--full", action="store_true", help="the full review instead of --quick")
    ap.add_argument("--paper", default=None)
    ap.add_argument("--jobs", default="0")
    ap.add_argument("--reports", action="store_true", help="also render the reports")
    ap.add_argument("--out", default=None, help="output directory (default: a temporary one)")
    a = ap.parse_args(argv)
    out = Path(a.out) if a.out else Path(tempfile.mkdtemp(prefix="bench-review-")) / "out"
    args = ["review", "--out", str(out), "--jobs", a.jobs] + ([] if a.full else ["--quick"])
    args += ["--paper", a.paper] if a.paper else []
    args += [] if a.reports else ["--no-reports"]
    for label in ("first run", "fully cached rerun"):
        m = run(args)
        mb = (m["wchar"] + m["children_out_bytes"]) / 1e6
        print(f"{label}: {m['seconds']} s wall, {mb:.1f} MB written (main process wchar "
              f"{m['wchar'] / 1e6:.1f} MB, workers {m['children_out_bytes'] / 1e6:.1f} MB), output "
              f"directory {_size(out) / 1e6:.1f} MB; {m['last_line']}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
