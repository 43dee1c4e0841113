"""Cost model of the exact RSSP enumerator (used by the harness to choose exact vs Monte Carlo).

seconds ~= (total number of merged states over a volume pass) * (2M+1) transitions * SEC_PER_TRANSITION.
The state totals were measured on this machine (Delta = 0, which has the most states) by
``exact.rssp_engine.volume_tables``; between measured horizons the total is interpolated in
log-log, beyond the last one extrapolated with the last log-log slope.  For M beyond the table the
number of multisets (halved by mirror symmetry) bounds the states at each time.
Re-measure with ``benchmarks/bench_exact_rssp.py``.
"""
from __future__ import annotations

import bisect
import math

SEC_PER_TRANSITION = 2.5e-6  # measured 1.0-3.7 us per (state, x) on this machine, load-dependent

# M: [(horizon T, total merged states of the pass with horizon T)]
STATE_TOTALS = {
    1: [
        (1, 3), (2, 6), (3, 10), (4, 15), (5, 22), (6, 30), (7, 40), (8, 52), (11, 101), (14,
        173), (18, 313), (23, 574), (29, 1040), (37, 1980), (47, 3788), (59, 7105), (74, 13428),
        (93, 25735), (117, 49809), (147, 96574), (184, 186030), (231, 362777), (289, 702267)
    ],
    2: [
        (1, 4), (2, 11), (3, 21), (4, 36), (5, 57), (6, 84), (7, 118), (8, 161), (11, 345), (14,
        632), (18, 1213), (23, 2334), (29, 4395), (37, 8653), (47, 17004), (59, 32565), (74,
        62597), (93, 121641), (117, 238091), (147, 465801)
    ],
    3: [
        (1, 5), (2, 19), (3, 42), (4, 81), (5, 143), (6, 232), (7, 347), (8, 502), (11, 1213),
        (14, 2388), (18, 4864), (23, 9783), (29, 19036), (37, 38494), (47, 77188), (59, 150048),
        (74, 291806), (93, 572305)
    ],
    4: [
        (1, 6), (2, 28), (3, 80), (4, 161), (5, 310), (6, 538), (7, 850), (8, 1274), (11, 3420),
        (14, 7209), (18, 15547), (23, 32584), (29, 65248), (37, 134898), (47, 274773), (59,
        540056)
    ],
    5: [
        (1, 7), (2, 39), (3, 141), (4, 325), (5, 689), (6, 1322), (7, 2260), (8, 3581), (11,
        10849), (14, 24833), (18, 57572), (23, 127370)
    ],
    6: [
        (1, 8), (2, 53), (3, 221), (4, 579), (5, 1255), (6, 2551), (7, 4561), (8, 7404), (11,
        23686), (14, 55685), (18, 132675)
    ],
    7: [
        (1, 9), (2, 68), (3, 333), (4, 1051), (5, 2399), (6, 5337), (7, 10421), (8, 17975), (11,
        64829), (14, 164025), (18, 418119)
    ],
    8: [
        (1, 10), (2, 85), (3, 472), (4, 1739), (5, 4212), (6, 9781), (7, 20163), (8, 36129),
        (11, 139431), (14, 366312)
    ],
    9: [
        (1, 11), (2, 105), (3, 652), (4, 2760), (5, 7408), (6, 17710), (7, 38884), (8, 73206),
        (11, 307925)
    ],
    10: [
        (1, 12), (2, 126), (3, 865), (4, 4118), (5, 12187), (6, 29791), (7, 68519), (8, 134058),
        (11, 596398)
    ],
    11: [
        (1, 13), (2, 149), (3, 1127), (4, 6029), (5, 20503), (6, 51691), (7, 126035), (8,
        262370)
    ],
    12: [
        (1, 14), (2, 175), (3, 1436), (4, 8370), (5, 31689), (6, 82128), (7, 204980)
    ],
}


def _multiset_total(M: int, T: int) -> float:
    """sum_{s<=T} (C(s+2M, 2M)/2 + 1) = C(T+2M+1, 2M+1)/2 + T + 1 (float, capped at 1e300)."""
    k = 2 * M + 1
    logc = math.lgamma(T + k + 1) - math.lgamma(k + 1) - math.lgamma(T + 1)
    return math.exp(min(logc, 690.0)) / 2.0 + T + 1.0


def state_total(M: int, T: int) -> float:
    """Estimated total number of merged states of a volume pass with horizon ``T``."""
    if T <= 0:
        return 1.0
    rows = STATE_TOTALS.get(M)
    if rows is None:
        return _multiset_total(M, T)
    Ts = [r[0] for r in rows]
    i = bisect.bisect_left(Ts, T)
    if i < len(rows) and Ts[i] == T:
        return float(rows[i][1])
    if i == 0:
        return float(rows[0][1])
    if i == len(rows):
        (T1, s1), (T2, s2) = rows[-2], rows[-1]
    else:
        (T1, s1), (T2, s2) = rows[i - 1], rows[i]
    slope = math.log(s2 / s1) / math.log(T2 / T1)
    return min(s2 * (T / T2) ** slope, _multiset_total(M, T))


def seconds(M: int, T: int, factor: float = 1.0) -> float:
    """Estimated seconds of a volume pass; ``inf`` when M or T is beyond the float range (M = 10^400
    raised OverflowError in lgamma instead of being priced out of the exact method)."""
    try:
        return factor * state_total(M, T) * (2 * M + 1) * SEC_PER_TRANSITION
    except OverflowError:
        return math.inf
