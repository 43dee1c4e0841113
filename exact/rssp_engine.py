"""State-merging enumeration of the discrete RSSP process (``unified`` §3 Def. 1-3, Eq. (1); App. A).

The process state at time ``s`` is the indicator ``f_s`` itself, stored as a Python ``int`` bitset.
Because ``f_s(z) = 1`` iff some subset sum lies in ``[z - Delta, z + Delta]``, ``f_s`` is the set of
subset sums dilated by ``Delta``, ``f_0`` is the interval ``[-Delta, Delta]``, and Eq. (1)
``f_{s+1}(z) = f_s(z) + (1 - f_s(z)) f_s(z - X_{s+1})`` is the bitset update ``f | (f << X)``.

Speed-ups (all exact):

* **merging** -- sequences that reach the same (truncated) state are merged; a state carries the
  integer number of sequences in ``{-M..M}^s`` that reach it;
* **window truncation** -- to know ``f_T`` on ``[-R, R]`` one needs ``f_s`` only on
  ``[-(R + (T-s) M), R + (T-s) M]``; and ``f_s`` vanishes outside ``[-sM - Delta, sM + Delta]``.
  At time ``s`` the state is therefore kept on the window of half-width
  ``W_s = min(sM + Delta, R + (T - s) M)`` (bit ``i`` <-> ``z = i - W_s``);
* **mirror symmetry** -- ``X -> -X`` maps the paths to a state onto the paths to its mirror image,
  so a state and its mirror are stored once (the smaller bitset), with the summed count.  Counts of
  a state and of its mirror are equal, so each orientation carries half of a class count.

Everything here is counting in integers; callers divide by ``(2M+1)^s``.
"""
from __future__ import annotations

from fractions import Fraction

__all__ = ["window", "mirror", "canon", "popcount", "step_states", "volume_tables",
           "tau2_joint", "final_tables_with_prev"]


def window(M: int, delta: int, s: int, horizon: int, R: int) -> int:
    """Half-width of the window on which ``f_s`` is kept for knowing ``f_horizon`` on [-R, R]."""
    return min(s * M + delta, R + (horizon - s) * M)


def popcount(g: int) -> int:
    return g.bit_count()


_MIRROR_CACHE: dict[tuple[int, int], int] = {}


def mirror(g: int, width: int) -> int:
    """Bit reversal of ``g`` on ``width`` bits (the state of ``-X``: z -> -z)."""
    return int(format(g, f"0{width}b")[::-1], 2)


def canon(g: int, width: int) -> int:
    """Canonical representative of the class {g, mirror(g)}."""
    m = int(format(g, f"0{width}b")[::-1], 2)
    return g if g <= m else m


def center_volume(g: int, W: int, M: int) -> int:
    """``v = sum_{i=-M}^{M} f(i)`` for a state ``g`` kept on the window of half-width ``W >= M``."""
    if W <= M:  # the window lies inside [-M, M]
        return g.bit_count()
    return ((g >> (W - M)) & ((1 << (2 * M + 1)) - 1)).bit_count()


def step_states(states: dict, M: int, W: int, W_new: int) -> dict:
    """One step of the chain: every state (canonical bitset on half-width ``W``) and every
    ``x in {-M..M}``; result on half-width ``W_new`` (``W_new <= W + M``), canonical, merged."""
    out: dict[int, int] = {}
    width_new = 2 * W_new + 1
    mask = (1 << width_new) - 1
    drop = W + M - W_new  # from coordinates of half-width W+M down to W_new
    get = out.get
    xs = range(-M, M + 1)
    for g, c in states.items():
        h = g << M  # coordinates of half-width W + M: no bit is lost by shifts of |x| <= M
        for x in xs:
            if x >= 0:
                g2 = h | (h << x)
            else:
                g2 = h | (h >> -x)
            g2 = (g2 >> drop) & mask
            m = int(format(g2, f"0{width_new}b")[::-1], 2)
            if m < g2:
                g2 = m
            out[g2] = get(g2, 0) + c
    return out


def initial_state(delta: int) -> int:
    """``f_0`` on the window of half-width ``Delta``: the interval [-Delta, Delta]."""
    return (1 << (2 * delta + 1)) - 1


def project(g: int, W: int, R: int) -> int:
    """The state on half-width ``W`` re-expressed on [-R, R] (restricted if R < W, zero-padded
    if R > W: used only when the window holds the whole support)."""
    if R >= W:
        return g << (R - W)
    return (g >> (W - R)) & ((1 << (2 * R + 1)) - 1)


def volume_tables(M: int, T: int, delta: int, progress=None) -> list[dict[int, int]]:
    """For s = 0..T: dict canonical(f_s restricted to [-M, M]) -> number of sequences in
    ``{-M..M}^s`` reaching it.  One pass with horizon T (windows for knowing f_T on [-M, M])."""
    R = M
    W = window(M, delta, 0, T, R)
    states = {initial_state(delta): 1}
    tables = []
    width_c = 2 * M + 1
    for s in range(T + 1):
        if s > 0:
            W_new = window(M, delta, s, T, R)
            states = step_states(states, M, W, W_new)
            W = W_new
        tab: dict[int, int] = {}
        for g, c in states.items():
            p = canon(project(g, W, M), width_c)
            tab[p] = tab.get(p, 0) + c
        tables.append(tab)
        if progress:
            progress(s, len(states))
    return tables


def tau2_joint(M: int, delta: int, K: int, s_max: int) -> dict:
    """Joint law of (tau1, tau2_prose) on {tau1 <= K}, for tau2 <= s_max.

    tau1 = min{t: v_t > M+1}; tau2 (prose reading of ``unified.def7``) = min{s >= 0:
    v_{tau1+s} >= 2M+1-Delta}.  Paths are followed up to time K while tau1 has not happened
    ("pre" phase, mass P(tau1 > K) is dropped at time K and returned as ``tail``); from tau1 on they
    are followed ``s_max`` more steps ("post" phase, keyed by the elapsed time c = t - tau1), on the
    window needed for the remaining ``s_max - c`` steps.  Post states with v = 2M+1 are absorbed
    (w = 0 forever).

    Returns Fractions: ``hit[c] = P(tau1 <= K, tau2 <= c)``, ``w_sum[c] = E[w_c ; tau1 <= K]``,
    ``tau1_le[k] = P(tau1 <= k)`` for k <= K, ``tail = P(tau1 > K)``.
    """
    base = 2 * M + 1
    thr = 2 * M + 1 - delta
    T_pre = K + s_max
    hit_num = [Fraction(0)] * (s_max + 1)
    absorbed = [Fraction(0)] * (s_max + 1)
    w_num = [Fraction(0)] * (s_max + 1)
    tau1_le = [Fraction(0)] * (K + 1)
    full = (1 << base) - 1

    def post_window(u: int, c: int) -> int:
        return window(M, delta, u, u + (s_max - c), M)

    W_pre = window(M, delta, 0, T_pre, M)
    pre = {initial_state(delta): 1}
    post: dict[int, dict[int, int]] = {}  # c -> {state: count}, states on post_window(u, c)
    tail = Fraction(0)
    u = 0
    while True:
        denom = base ** u
        # move pre states that just passed M+1 to the post phase (c = 0)
        if u <= K:
            moved = 0
            newpost0 = post.setdefault(0, {})
            Wp = post_window(u, 0)
            keep = {}
            for g, c in pre.items():
                if center_volume(g, W_pre, M) > M + 1:
                    q = canon(project(g, W_pre, Wp), 2 * Wp + 1)
                    newpost0[q] = newpost0.get(q, 0) + c
                    moved += c
                else:
                    keep[g] = c
            pre = keep
            tau1_le[u] = (tau1_le[u - 1] if u else Fraction(0)) + Fraction(moved, denom)
            if not newpost0:
                del post[0]
        # record post statistics at this global time
        for c, sts in list(post.items()):
            Wc = post_window(u, c)
            hn = wn = ab = 0
            live = {}
            for g, cnt in sts.items():
                v = center_volume(g, Wc, M)
                if v >= thr:
                    hn += cnt
                wn += cnt * (base - v)
                if v == base:
                    ab += cnt
                elif c < s_max:
                    live[g] = cnt
            hit_num[c] += Fraction(hn, denom)
            w_num[c] += Fraction(wn, denom)
            absorbed[c] += Fraction(ab, denom)
            if live:
                post[c] = live
            else:
                del post[c]
        if u == K:
            tail = Fraction(sum(pre.values()), denom)
            pre = {}
        if not pre and not post:
            break
        # advance one step
        newpost: dict[int, dict[int, int]] = {}
        for c, sts in post.items():
            newpost[c + 1] = step_states(sts, M, post_window(u, c), post_window(u + 1, c + 1))
        post = newpost
        if pre:
            W_new = window(M, delta, u + 1, T_pre, M)
            pre = step_states(pre, M, W_pre, W_new)
            W_pre = W_new
        u += 1
    hit = []
    acc = Fraction(0)
    for c in range(s_max + 1):
        hit.append(hit_num[c] + acc)  # live states with v >= thr at c, plus earlier absorptions
        acc += absorbed[c]
    del full
    return {"hit": hit, "w_sum": w_num, "tau1_le": tau1_le, "tail": tail}


def final_tables_with_prev(M: int, t: int, delta: int, R: int) -> dict[tuple[int, int], int]:
    """Dict (canonical f_t on [-R, R], v_{t-1}) -> count, for the state tables (v_{-1} := -1)."""
    if t == 0:
        W0 = window(M, delta, 0, 0, R)
        g = project(initial_state(delta), W0, R)
        return {(canon(g, 2 * R + 1), -1): 1}
    W = window(M, delta, 0, t, R)
    states = {initial_state(delta): 1}
    for s in range(1, t):
        W_new = window(M, delta, s, t, R)
        states = step_states(states, M, W, W_new)
        W = W_new
    # last step by hand, keeping v_{t-1} (mirror-invariant) in the key
    out: dict[tuple[int, int], int] = {}
    W_new = window(M, delta, t, t, R)
    for g, c in states.items():
        pv = center_volume(g, W, M)
        for g2, c2 in step_states({g: c}, M, W, W_new).items():
            gg = project(g2, W_new, R)
            key = (canon(gg, 2 * R + 1), pv)
            out[key] = out.get(key, 0) + c2
    return out
