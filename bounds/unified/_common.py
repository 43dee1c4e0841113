"""Compatibility import for ``slth_symbolic.py`` (``exact_case_comparisons``): the shared
declarations of the `unified` paper now live in :mod:`ticketcheck.bounds.unified.constants` and
Table 1's exact-representation cross-check in :mod:`ticketcheck.bounds.unified.related_work`.
New code imports from those modules; this file goes once the SLTH modules import from them."""
from ticketcheck.bounds.unified.constants import *  # noqa: F401,F403
from ticketcheck.bounds.unified.related_work import exact_case_comparisons  # noqa: F401
