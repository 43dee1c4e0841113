"""Monte Carlo estimates (numba kernels) of the observables; every estimate has a Clopper-Pearson CI.

Public API (design.md): ``rssp_single_target(M, n, delta, z, trials, seed) -> Estimate`` and the
functions re-exported below. Kernels are reproducible: the stream of trial ``i`` is derived from
``(seed, i)`` only, so the numbers do not depend on the thread count or on how the trials are
split into chunks (:mod:`montecarlo.chunks`). Importing the package first chooses a numba cache
directory that works on a read-only install (:mod:`montecarlo.numba_cache`).
"""
from ticketcheck.montecarlo import numba_cache as _numba_cache

NUMBA_CACHE = _numba_cache.configure()   # before any kernel module is compiled

from ticketcheck.montecarlo.estimate import Estimate, MeanEstimate, clopper_pearson  # noqa: E402,F401
from ticketcheck.montecarlo.rssp import *  # noqa: E402,F401,F403
