"""Monte Carlo estimates (numba kernels) of the observables; every estimate has a Clopper-Pearson CI.

Public API (design.md): ``rssp_single_target(M, n, delta, z, trials, seed) -> Estimate`` and the
functions re-exported below. Kernels are reproducible: the stream of trial ``i`` is derived from
``(seed, i)`` only, so the numbers do not depend on the thread count.
"""
from ticketcheck.montecarlo.estimate import Estimate, MeanEstimate, clopper_pearson  # noqa: F401

try:  # the kernels land module by module; the package imports without them
    from ticketcheck.montecarlo.rssp import *  # noqa: F401,F403
except ImportError:  # pragma: no cover
    pass
