"""One plot per check: the bound against the true value over the grid.

Exact points are filled circles, Monte Carlo estimates squares with their Clopper-Pearson interval
as a band, the bound a dashed line of the same colour, violated points a red cross, and the x-range
where the bound is vacuous is shaded grey. Returns PNG bytes (the HTML inlines them as data URIs,
the LaTeX includes the same files), or None when there is nothing to draw.
"""
from __future__ import annotations

import io
import math
from collections import OrderedDict

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from ticketcheck.reports.analysis import point_value, points_of  # noqa: E402

MAX_SERIES = 6
X_PREFERENCE = ("t", "n", "k", "M", "m", "d", "eps", "epsilon", "delta", "Delta")
COLORS = ("#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf")


def _num(v):
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        return float(v) if math.isfinite(float(v)) else None
    if isinstance(v, str):
        try:
            if "/" in v:
                a, b = v.split("/")
                return int(a) / int(b)
            return float(v)
        except (ValueError, ZeroDivisionError):
            return None
    return None


def choose_x(points: list[dict]) -> str | None:
    """The parameter with the most distinct numeric values (ties: t, n, k, M, ...)."""
    distinct: dict[str, set] = {}
    for p in points:
        for k, v in (p.get("params") or {}).items():
            f = _num(v)
            if f is not None:
                distinct.setdefault(k, set()).add(f)
    cands = [(len(s), -(X_PREFERENCE.index(k) if k in X_PREFERENCE else 99), k)
             for k, s in distinct.items() if len(s) >= 2]
    return max(cands)[2] if cands else None


def _series(points, xkey):
    groups: "OrderedDict[str, list]" = OrderedDict()
    for p in points:
        rest = {k: v for k, v in (p.get("params") or {}).items() if k != xkey}
        label = ", ".join(f"{k}={v}" for k, v in rest.items())
        groups.setdefault(label, []).append(p)
    ranked = sorted(groups.items(), key=lambda kv: (-any(q.get("verdict") == "violated" for q in kv[1]),
                                                    -len(kv[1])))
    return ranked[:MAX_SERIES], max(0, len(groups) - MAX_SERIES)


def check_plot(check: dict, title: str = "") -> bytes | None:
    pts = [p for p in points_of(check) if p.get("verdict") != "out_of_scope"]
    pts = [p for p in pts if point_value(p) is not None or _num(p.get("bound")) is not None]
    if len(pts) < 2:
        return None
    xkey = choose_x(pts)
    if xkey is None:
        xs_of = {id(p): float(i) for i, p in enumerate(pts)}
        xlabel = "grid point"
    else:
        xs_of = {id(p): _num((p.get("params") or {}).get(xkey)) for p in pts}
        pts = [p for p in pts if xs_of[id(p)] is not None]
        xlabel = xkey
    if len(pts) < 2:
        return None
    series, hidden = _series(pts, xkey)
    is_prob = all(p.get("kind") == "probability" for p in pts)
    if is_prob and _tail_view(pts):
        return _tail_plot(series, hidden, xs_of, xlabel, title)

    fig, ax = plt.subplots(figsize=(8.0, 3.0), dpi=90)
    allx, ally = [], []
    for si, (label, sp) in enumerate(series):
        color = COLORS[si % len(COLORS)]
        sp = sorted(sp, key=lambda p: xs_of[id(p)])
        xs = [xs_of[id(p)] for p in sp]
        exact = [(xs_of[id(p)], point_value(p)) for p in sp
                 if p.get("method") == "exact" and point_value(p) is not None]
        mc = [p for p in sp if p.get("ci") and point_value(p) is not None]
        other = [(xs_of[id(p)], point_value(p)) for p in sp if p.get("method") not in ("exact",)
                 and not p.get("ci") and point_value(p) is not None]
        lab = label or "value"
        if exact:
            ax.plot([a for a, _ in exact], [b for _, b in exact], "o", ms=4, color=color,
                    label=f"exact {lab}"[:48])
            ally += [b for _, b in exact]
        if mc:
            mx = [xs_of[id(p)] for p in mc]
            lo = [float(p["ci"][0]) for p in mc]
            hi = [float(p["ci"][1]) for p in mc]
            ax.fill_between(mx, lo, hi, color=color, alpha=0.22, lw=0)
            ax.plot(mx, [point_value(p) for p in mc], "s", ms=3.5, color=color, mfc="white",
                    label=f"Monte Carlo {lab}"[:48])
            ally += lo + hi
        if other:
            ax.plot([a for a, _ in other], [b for _, b in other], "D", ms=3.5, color=color,
                    label=f"computed {lab}"[:48])
            ally += [b for _, b in other]
        bx = [(xs_of[id(p)], _num(p.get("bound"))) for p in sp if _num(p.get("bound")) is not None]
        if bx:
            ax.plot([a for a, _ in bx], [b for _, b in bx], "--", lw=1.3, color=color,
                    label=f"bound {lab}"[:48] if len(series) > 1 else "bound")
            ally += [b for _, b in bx]
        bad = [(xs_of[id(p)], point_value(p)) for p in sp if p.get("verdict") == "violated"
               and point_value(p) is not None]
        if bad:
            ax.plot([a for a, _ in bad], [b for _, b in bad], "x", ms=8, mew=2, color="#d62728",
                    label="violated" if si == 0 or not any(
                        h.get_label() == "violated" for h in ax.get_lines()) else None)
        allx += xs
    _shade_vacuous(ax, pts, xs_of)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("probability" if is_prob else "value")
    finite = [y for y in ally if y is not None and math.isfinite(y)]
    if is_prob:  # [0, 1], widened (at most to [-0.5, 1.5]) so that a vacuous bound stays visible
        lo = max(-0.5, min([0.0] + finite) - 0.04)
        hi = min(1.5, max([1.0] + finite) + 0.04)
        ax.set_ylim(lo, hi)
    elif finite and min(finite) > 0 and max(finite) / min(finite) > 1e3:
        ax.set_yscale("log")
    elif finite:
        lo, hi = min(finite), max(finite)
        pad = (hi - lo) * 0.06 or abs(hi) * 0.1 or 1.0
        ax.set_ylim(lo - pad, hi + pad)
    if allx and max(allx) / max(min(allx), 1e-300) > 200 and min(allx) > 0:
        ax.set_xscale("log")
    t = title + (f"  (+{hidden} more series)" if hidden else "")
    if t:
        ax.set_title(t, fontsize=9)
    ax.grid(alpha=0.3)
    handles, labels = ax.get_legend_handles_labels()
    if handles:  # outside the axes, on the right: never hides a point, no "best" search
        ax.legend(fontsize=6.5, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0,
                  framealpha=0.8)
    # fixed margins instead of tight_layout (which draws the figure once more: a third of the time)
    fig.subplots_adjust(left=0.105, right=0.70, bottom=0.15, top=0.90)
    return png_bytes(fig)


def _gap(p: dict, side: str):
    g = (p.get("log10_gap_to_1") or {}).get(side)
    if g is not None:
        return g
    v = point_value(p) if side == "value" else _num(p.get("bound"))
    if v is not None and 0 < 1 - v <= 1e-2:
        return math.log10(1 - v)
    return None


def _tail_view(pts) -> bool:
    """Lower bounds on probabilities that are all within 1e-2 of 1 (a tail bound): a linear [0, 1]
    axis shows nothing there, so the failure probabilities 1 - P are drawn on a log axis instead."""
    if not pts or any(p.get("relation") not in (">=", ">") for p in pts):
        return False
    vals = [_gap(p, "value") for p in pts if p.get("verdict") != "vacuous"]
    bnds = [_gap(p, "bound") for p in pts if p.get("verdict") != "vacuous"]
    known = [g for g in vals + bnds if g is not None]
    return len(known) >= max(2, (len(vals) + len(bnds)) // 2)


def _tail_plot(series, hidden, xs_of, xlabel, title) -> bytes:
    fig, ax = plt.subplots(figsize=(8.0, 3.0), dpi=90)
    for si, (label, sp) in enumerate(series):
        color = COLORS[si % len(COLORS)]
        sp = sorted(sp, key=lambda p: xs_of[id(p)])
        lab = label or "value"
        tv = [(xs_of[id(p)], _gap(p, "value")) for p in sp if _gap(p, "value") is not None]
        bv = [(xs_of[id(p)], _gap(p, "bound")) for p in sp if _gap(p, "bound") is not None]
        if tv:
            ax.plot([a for a, _ in tv], [b for _, b in tv], "o", ms=4, color=color,
                    label=f"true 1-P {lab}"[:48])
        if bv:
            ax.plot([a for a, _ in bv], [b for _, b in bv], "--", lw=1.3, color=color,
                    label=f"bound's 1-P {lab}"[:48] if len(series) > 1 else "bound's 1-P")
        bad = [(xs_of[id(p)], _gap(p, "value")) for p in sp if p.get("verdict") == "violated"
               and _gap(p, "value") is not None]
        if bad:
            ax.plot([a for a, _ in bad], [b for _, b in bad], "x", ms=8, mew=2, color="#d62728",
                    label="violated (true 1-P above the bound's)" if si == 0 else None)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("log10(1 - probability)")
    t = (title + "  [tail view: failure probabilities]" + (f"  (+{hidden} more series)" if hidden else ""))
    ax.set_title(t, fontsize=9)
    ax.grid(alpha=0.3)
    handles, _ = ax.get_legend_handles_labels()
    if handles:
        ax.legend(fontsize=6.5, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0,
                  framealpha=0.8)
    fig.subplots_adjust(left=0.105, right=0.70, bottom=0.15, top=0.90)
    return png_bytes(fig)


def png_bytes(fig) -> bytes:
    """The figure as an RGB PNG (no alpha channel: pdflatex then copies the image data as it is
    instead of splitting off a soft mask and recompressing, 3-4 times faster on a long report)."""
    from PIL import Image
    fig.canvas.draw()
    w, h = fig.canvas.get_width_height(physical=True)
    img = Image.frombuffer("RGBA", (w, h), fig.canvas.buffer_rgba(), "raw", "RGBA", 0, 1).convert("RGB")
    plt.close(fig)
    buf = io.BytesIO()
    img.save(buf, format="PNG", compress_level=6)
    return buf.getvalue()


def _shade_vacuous(ax, pts, xs_of):
    state: dict[float, set] = {}
    for p in pts:
        state.setdefault(xs_of[id(p)], set()).add(p.get("verdict") == "vacuous")
    xs = sorted(state)
    if not xs:
        return
    vac = [x for x in xs if state[x] == {True}]
    if not vac:
        return
    gaps = [b - a for a, b in zip(xs, xs[1:])] or [1.0]
    half = min(gaps) / 2 if gaps else 0.5
    first = True
    run_start = prev = None
    for x in xs + [None]:
        is_v = x is not None and state[x] == {True}
        if is_v and run_start is None:
            run_start = x
        if not is_v and run_start is not None:
            ax.axvspan(run_start - half, prev + half, color="0.6", alpha=0.25, lw=0,
                       label="bound vacuous" if first else None)
            first = False
            run_start = None
        prev = x
