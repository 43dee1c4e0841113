"""Pure-Python references for the kernels of :mod:`montecarlo.rssp` (tests replay the same X's).

Everything here follows the definitions of `unified` §3 / App. A literally, with Python sets of
subset sums (no dilation trick, no window pruning): f_t(y) = 1 iff some reachable subset sum s
has |s - y| <= Delta; v_t = #{i in -M..M : f_t(i) = 1}.
"""
from __future__ import annotations

from ticketcheck.montecarlo.rng import py_trial_state, py_uniform_below32

__all__ = ["py_trial_samples", "py_samples", "py_first_hit", "py_volume_path", "py_two_phase", "py_reachable"]


def py_trial_samples(M: int, n: int, seed: int, trial: int) -> list[int]:
    """X_1..X_n of trial ``trial`` (pure Python SplitMix64, the stream of ``montecarlo.rng``)."""
    K = 2 * M + 1
    st = py_trial_state(seed, trial)
    row = []
    for _ in range(n):
        st, u = py_uniform_below32(st, K)
        row.append(u - M)
    return row


def py_samples(M: int, n: int, trials: int, seed: int, first: int = 0) -> list[list[int]]:
    """Same matrix as ``montecarlo.rssp.rssp_samples`` (rows: trials first .. first+trials-1)."""
    return [py_trial_samples(M, n, seed, i) for i in range(first, first + trials)]


def py_reachable(xs) -> set[int]:
    """All subset sums of ``xs`` (empty subset included)."""
    reach = {0}
    for x in xs:
        reach = reach | {s + x for s in reach}
    return reach


def _covered(reach: set[int], y: int, delta: int) -> bool:
    return any(abs(s - y) <= delta for s in reach)


def py_first_hit(xs, M: int, delta: int, z: int) -> int:
    """First t <= len(xs) with f_t(z) = 1, else -1 (set-based DP with early exit)."""
    reach = {0}
    if _covered(reach, z, delta):
        return 0
    for t, x in enumerate(xs, start=1):
        reach = reach | {s + x for s in reach}
        if _covered(reach, z, delta):
            return t
    return -1


def py_volume_path(xs, M: int, delta: int) -> list[int]:
    """[v_0, ..., v_len(xs)] straight from the definition."""
    reach = {0}
    out = [sum(_covered(reach, i, delta) for i in range(-M, M + 1))]
    for x in xs:
        reach = reach | {s + x for s in reach}
        out.append(sum(_covered(reach, i, delta) for i in range(-M, M + 1)))
    return out


def py_two_phase(vpath: list[int], thr1: int, thr2: int) -> tuple[int, int]:
    """(tau1, tau2) on a volume path: first t with v_t >= thr1; first r with v_{tau1+r} >= thr2."""
    tau1 = next((t for t, v in enumerate(vpath) if v >= thr1), -1)
    if tau1 < 0:
        return -1, -1
    tau2 = next((r for r, v in enumerate(vpath[tau1:]) if v >= thr2), -1)
    return tau1, tau2
