"""The ``ticketcheck`` console command (``[project.scripts]``).

It loads the command line (:mod:`ticketcheck.harness.cli`, about 70 ms of imports) inside
``main``, so that Ctrl-C while it is still loading ends like any later interrupt: one line,
``ticketcheck: interrupted``, exit status 130, never a traceback.
"""
from __future__ import annotations

import sys

from ticketcheck.verdicts import EXIT_INTERRUPTED


def main(argv=None) -> int:
    try:
        from ticketcheck.harness.cli import main as cli_main
    except KeyboardInterrupt:
        sys.stderr.write("ticketcheck: interrupted\n")
        return EXIT_INTERRUPTED
    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
