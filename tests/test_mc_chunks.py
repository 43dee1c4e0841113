"""Chunked Monte Carlo (montecarlo/chunks.py): for every counting kernel, any split of the trials,
any chunk size and any numba thread count give the same counts; per-trial outputs honour
``first``; Estimates of adjacent ranges add up exactly; progress, refusal of runs over a day, bad
ranges, memory independent of the trials, Ctrl-C between chunks (KeyboardInterrupt, never
SystemError)."""
from __future__ import annotations

import random
import signal
import subprocess
import sys
import time

import numba
import numpy as np
import pytest

from ticketcheck.errors import InputError, TooLargeError
from ticketcheck.montecarlo import chunks as C
from ticketcheck.montecarlo import continuous_target as CT
from ticketcheck.montecarlo import figure1 as G
from ticketcheck.montecarlo import lueker as L
from ticketcheck.montecarlo import npp as NPP
from ticketcheck.montecarlo import rfss as F
from ticketcheck.montecarlo import rfss_pairs as P
from ticketcheck.montecarlo import rssp as R
from ticketcheck.montecarlo import rssp_nonzero as NZ
from ticketcheck.montecarlo import slth as S
from ticketcheck.montecarlo.estimate import Estimate
from ticketcheck.montecarlo.rssp_reference import py_samples


def _vec(x):
    """Counts as a tuple of ints (an Estimate's successes, or an array of counts)."""
    if isinstance(x, Estimate):
        return (x.successes,)
    return tuple(int(v) for v in np.ravel(x))


def _pick(d: dict, *keys):
    return [d[k] for k in keys]


# name -> (trials, count(trials, first, chunk)); parameters chosen so that counts are far from 0
# and from the number of trials (a wrong split would show)
KERNELS = {
    "rssp.single_target": (3000, lambda n, a, c: R.rssp_single_target(20, 10, 1, 7, n, 3, first=a, chunk=c)),
    "rssp.tau_event": (1500, lambda n, a, c: R.rssp_tau_event(4, 5, 1, n, 3, first=a, chunk=c)),
    "rssp.all_covered": (1500, lambda n, a, c: R.rssp_all_covered(4, 6, 1, n, 3, first=a, chunk=c)),
    "rssp.tau1_event": (1500, lambda n, a, c: R.rssp_tau1_event(4, 2, 1, n, 3, first=a, chunk=c)),
    "rssp.tau2_event": (1500, lambda n, a, c: R.rssp_tau2_event(3, 2, 1, "prose", n, 3, first=a, chunk=c)),
    "rssp.sum_event": (1500, lambda n, a, c: R.rssp_tau1_tau2_sum_event(3, 4, 1, "prose", n, 3, first=a,
                                                                        chunk=c)),
    "rssp.half_event": (1500, lambda n, a, c: R.rssp_half_event(3, 7, 1, "prose", n, 3, first=a, chunk=c)),
    "rssp.curve": (2000, lambda n, a, c: R.rssp_single_target_curve(30, 12, 0, 5, n, 4, first=a, chunk=c)),
    "lueker.hit_counts": (400, lambda n, a, c: L.hit_counts(8, "1/8", -1, 1, True, n, 3, targets=("1/2",),
                                                            first=a, chunk=c)),
    "lueker.coverage": (400, lambda n, a, c: L.coverage(8, "1/8", -1, 1, False, n, 3, first=a, chunk=c)),
    "rfss.continuous_single": (1500, lambda n, a, c: F.continuous_single_target(
        8, 3, 0.05, 0.2, "mixture:1/2:normal:2", n, 7, first=a, chunk=c)),
    "rfss.continuous_all": (600, lambda n, a, c: F.continuous_all_targets(10, 3, 0.25, "uniform", n, 7,
                                                                          first=a, chunk=c)),
    "rfss.any_subset": (600, lambda n, a, c: F.any_subset_covers(8, 0.1, "D", n, 7, first=a, chunk=c)),
    "rfss.discrete_single": (1500, lambda n, a, c: F.rfss_single_target(3, 6, 2, 1, 2, n, 7, first=a,
                                                                        chunk=c)),
    "rfss.discrete_all": (1500, lambda n, a, c: F.rfss_all_targets(2, 5, 2, 1, n, 7, first=a, chunk=c)),
    "rfss_pairs.moments": (500, lambda n, a, c: _pick(P.subset_count_moments(
        7, 3, 0.1, 0.3, n, 7, first=a, chunk=c), "sum_y", "sum_y2", "positive")),
    "rfss_pairs.overlap": (1500, lambda n, a, c: _pick(P.overlap_pair(4, 2, 0.2, 0.1, n, 7, first=a, chunk=c),
                                                       "H", "H2", "both")),
    "slth.layer_success": (800, lambda n, a, c: S.layer_success(1, 4, True, 1, 1, 8, 1, n, 5, first=a,
                                                                chunk=c)),
    "rssp_nonzero.single_target": (1500, lambda n, a, c: NZ.rssp_nonzero_single_target(
        5, 6, 0, 7, n, 3, first=a, chunk=c)),
    "npp.counts": (1500, lambda n, a, c: _npp(NPP.npp_counts(6, 9, NPP.PERFECT, n, 3, first=a, cap=3,
                                                           chunk=c))),
    "continuous_target.run": (400, lambda n, a, c: CT.run(8, "1/32", n, 3, chunk=c, first=a).stats),
}


def _npp(c):
    return [*c.instances, *c.solvable, *c.sum_z, *c.sum_z2, *c.hist[0], *c.hist[1]]


@pytest.mark.parametrize("name", sorted(KERNELS))
def test_any_split_any_chunk_any_thread_count_gives_the_same_counts(name):
    trials, count = KERNELS[name]
    rng = random.Random(name)
    whole = _vec(count(trials, 0, None))
    assert any(whole) and whole != (0,)
    for _ in range(3):
        a = rng.randint(1, trials - 1)
        left = _vec(count(a, 0, rng.randint(1, 300)))
        right = _vec(count(trials - a, a, rng.choice([None, rng.randint(1, 300)])))
        assert tuple(x + y for x, y in zip(left, right)) == whole, (name, a)
    old = numba.get_num_threads()
    try:
        numba.set_num_threads(1)
        one = _vec(count(trials, 0, rng.randint(1, 500)))
    finally:
        numba.set_num_threads(old)
    assert one == whole


def test_per_trial_outputs_honour_first():
    a, n = 37, 120
    full = R.rssp_single_target_hit_times(30, 12, 0, 5, n, 4)
    assert np.array_equal(R.rssp_single_target_hit_times(30, 12, 0, 5, n - a, 4, first=a), full[a:])
    t1, t2 = R.rssp_two_phase_times(4, 1, 9, 6, 9, n, 2)
    u1, u2 = R.rssp_two_phase_times(4, 1, 9, 6, 9, n - a, 2, first=a)
    assert np.array_equal(u1, t1[a:]) and np.array_equal(u2, t2[a:])
    v = R.rssp_volume_paths(4, 9, 1, n, 2)
    assert np.array_equal(R.rssp_volume_paths(4, 9, 1, n - a, 2, first=a), v[a:])
    assert np.array_equal(R.rssp_paths(4, 9, 1, n - a, 2, first=a)["v"], v[a:])
    assert R.rssp_samples(7, 6, 10, 1, first=a).tolist() == py_samples(7, 6, 10, 1, first=a)
    h = L.hit_times(8, "1/8", -1, 1, True, n, 3, targets=("1/2",))
    assert np.array_equal(L.hit_times(8, "1/8", -1, 1, True, n - a, 3, targets=("1/2",), first=a), h[a:])
    assert np.array_equal(L.samples(5, 4, 9, first=a), L.samples(5, a + 4, 9)[a:])
    res = S.layer_residuals(2, 2, 1, 6, 1, 50, 7)
    assert np.array_equal(S.layer_residuals(2, 2, 1, 6, 1, 20, 7, first=30), res[30:])
    ts, ta = G.hitting_times(64, 20, 42, n, 5)
    us, ua = G.hitting_times(64, 20, 42, n - a, 5, first=a)
    assert np.array_equal(us, ts[a:]) and np.array_equal(ua, ta[a:])


def test_counting_kernels_agree_with_the_per_trial_kernels():
    hits = R.rssp_single_target_hit_times(30, 12, 0, 5, 2000, 4)
    assert R.rssp_single_target(30, 12, 0, 5, 2000, 4, chunk=123).successes == int((hits >= 0).sum())
    curve = R.rssp_single_target_curve(30, 12, 0, 5, 2000, 4)
    assert curve.tolist() == G.curve_counts(hits, 12)
    h = L.hit_times(8, "1/8", -1, 1, True, 300, 3, targets=("1/2",))
    c = L.hit_counts(8, "1/8", -1, 1, True, 300, 3, targets=("1/2",), chunk=17)
    assert np.array_equal(c, np.stack([L.counts_by_n(h[:, q], 8) for q in range(2)]))


def test_estimates_of_adjacent_ranges_add_up():
    whole = R.rssp_single_target(20, 10, 1, 7, 1000, 3)
    a = R.rssp_single_target(20, 10, 1, 7, 400, 3)
    b = R.rssp_single_target(20, 10, 1, 7, 600, 3, first=400)
    assert b.first == 400 and b.to_json()["first"] == 400 and "first" not in a.to_json()
    assert a + b == whole and b + a == whole and sum([a, b]) == whole
    assert whole.interval() == (a + b).interval()
    assert Estimate.from_counts(b.successes, 600, 3, first=400) == b
    with pytest.raises(InputError, match="not adjacent"):
        a + R.rssp_single_target(20, 10, 1, 7, 600, 3, first=401)
    with pytest.raises(InputError, match="different streams"):
        a + R.rssp_single_target(20, 10, 1, 7, 600, 4, first=400)
    with pytest.raises(InputError):
        Estimate.from_counts(5, 4)


def test_progress_reports_every_chunk_and_chunks_tile_the_range():
    seen, calls = [], []

    def count(start, n):
        calls.append((start, n))
        return np.array([n, 2 * n], dtype=np.int64)

    out = C.run_chunks(count, 10_000, 5, chunk=999, progress=lambda d, t, eta: seen.append((d, t, eta)))
    assert out.tolist() == [10_000, 20_000]
    assert calls[0] == (5, 0)                                   # warm-up call runs nothing
    starts = [s for s, n in calls[1:]]
    assert starts == [5 + 999 * i for i in range(11)] and sum(n for _, n in calls[1:]) == 10_000
    assert [d for d, _, _ in seen] == [min(999 * (i + 1), 10_000) for i in range(11)]
    assert all(t == 10_000 and eta >= 0 for _, t, eta in seen) and seen[-1][2] == 0


def test_adaptive_chunks_grow_geometrically_and_stay_bounded():
    sizes = []
    C.run_chunks(lambda s, n: (sizes.append(n), n)[1], 10**9)
    assert sizes[0] == 0 and sizes[1] == 1 and sum(sizes) == 10**9
    assert all(b <= a * C.MAX_GROWTH for a, b in zip(sizes[1:], sizes[2:-1]))
    assert max(sizes) <= C.MAX_CHUNK


def test_runs_longer_than_a_day_are_refused_with_the_estimate():
    t0 = time.perf_counter()
    with pytest.raises(TooLargeError, match=r"would take about .* trials/s measured") as e:
        R.rssp_single_target(20, 10, 1, 7, 10**15, 3)
    assert "\n" not in str(e.value) and time.perf_counter() - t0 < 10

    def slow(start, n):
        time.sleep(0.06 * n)
        return n
    with pytest.raises(TooLargeError, match=r"about 1[67]\.\d h"):
        C.run_chunks(slow, 10**6, max_seconds=3600)


@pytest.mark.parametrize("kw, err", [
    (dict(trials=0), InputError), (dict(trials=10, first=-1), InputError),
    (dict(trials=10, first=True), InputError), (dict(trials=2.5), InputError),
    (dict(trials=10, chunk=0), InputError), (dict(trials=10, first=2**62), TooLargeError),
])
def test_bad_ranges_are_one_line_errors(kw, err):
    with pytest.raises(err) as e:
        C.run_chunks(lambda s, n: n, **kw)
    assert "\n" not in str(e.value)
    with pytest.raises(err):
        R.rssp_single_target(20, 10, 1, 7, kw["trials"], 3, first=kw.get("first", 0), chunk=kw.get("chunk"))


def test_per_trial_outputs_are_bounded():
    with pytest.raises(TooLargeError, match="counting function"):
        R.rssp_single_target_hit_times(20, 10, 1, 7, C.MAX_PER_TRIAL_VALUES + 1, 3)
    with pytest.raises(TooLargeError, match="counting function"):
        R.rssp_volume_paths(4, 99, 1, C.MAX_PER_TRIAL_VALUES // 50, 3)


def _run(code: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout)


def test_memory_does_not_grow_with_the_trials():
    """Peak RSS of 10^7 trials of the cheapest kernel vs 10^4 trials (a per-trial array, as the
    kernels had before chunking, would add 80 MB)."""
    code = ("import resource, sys\n"
            "from ticketcheck.montecarlo import rssp as R\n"
            "R.rssp_single_target(1, 1, 0, 1, 10**4, 1)\n"
            "base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
            "e = R.rssp_single_target(1, 1, 0, 1, int(sys.argv[1]), 1)\n"
            "print(base, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, e.successes)\n")
    r = subprocess.run([sys.executable, "-c", code, str(10**7)], capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0, r.stderr
    base, peak, succ = map(int, r.stdout.split())
    assert peak - base < 30_000                                     # kB
    assert abs(succ / 10**7 - 1 / 3) < 1e-3                        # P(X_1 = 1) = 1/3 for M = 1


SIGINT_CHILD = """
import signal, sys
signal.signal(signal.SIGINT, signal.default_int_handler)   # as in an interactive Python
from ticketcheck.montecarlo import rssp as R
from ticketcheck.montecarlo import rssp_nonzero as NZ
R.rssp_single_target(64, 20, 0, 42, 1000, 1)               # compile outside the timed part
print("ready", flush=True)
try:
    R.rssp_single_target(64, 20, 0, 42, 10**10, 1)
except KeyboardInterrupt as e:
    again = R.rssp_single_target(64, 20, 0, 42, e.done, 1).successes
    restored = signal.getsignal(signal.SIGINT) is signal.default_int_handler
    print("interrupted", e.done, e.done - int(e.partial[0]), again, restored, flush=True)
    raise
"""


def test_ctrl_c_stops_between_chunks_with_keyboard_interrupt_not_system_error():
    p = subprocess.Popen([sys.executable, "-c", SIGINT_CHILD], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    try:
        assert p.stdout.readline().strip() == "ready"
        time.sleep(1.0)
        p.send_signal(signal.SIGINT)
        out, err = p.communicate(timeout=60)
    finally:
        p.kill()
    assert "SystemError" not in err
    assert "KeyboardInterrupt: interrupted after" in err
    assert p.returncode in (-signal.SIGINT, 130)          # exits like Ctrl-C
    word, done, partial, again, restored = out.split()
    assert word == "interrupted" and int(done) > 0 and restored == "True"
    assert int(partial) == int(again)        # what finished is kept, and is the first `done` trials
