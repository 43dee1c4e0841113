"""One plot per check: the comparison the claim makes, against the parameter that varies most
(issue 10, item 6). Drawn from the stored points only.

* Top panel: the true value (exact: filled circles; Monte Carlo: open squares with the
  Clopper-Pearson interval as a band; an enclosure: a vertical bar from ``value_lo`` to ``value_hi``)
  and the bound (dashed, same colour). One line per combination of the other parameters that vary
  (never a line joining unrelated grid points); markers only where the x-parameter has no order or
  repeats within a combination.
* Bottom panel: the stored tightness (1 = exact) when the points carry it, else the ratio
  true value / bound, else the slack; with the reference line where the claim turns false.
* Violations are marked by a red ring around the point and a red segment from the true value to
  the bound: the curve stays visible. The x-range where the bound is vacuous is shaded.
* y-ranges come from the data, ignoring a lone extreme point (drawn as a triangle on the edge).
* The legend is built from the parameters that vary (their names as the paper writes them), wrapped,
  never truncated; the fixed parameters go under the title.
* No plot for yes/no facts, integer-valued identities, or checks comparing different quantities
  (mixed relations or kinds): their table says it all.
* Tail view: lower bounds on probabilities within 1e-2 of 1 are drawn as log10 failure
  probabilities (a linear [0, 1] axis shows nothing there).

Returns PNG bytes (the HTML inlines them, the LaTeX includes the same files), or None.
"""
from __future__ import annotations

import functools
import io
import math
import textwrap
from collections import OrderedDict

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

from ticketcheck.reports.analysis import point_value, points_of  # noqa: E402

MAX_SERIES = 8
X_PREFERENCE = ("t", "n", "k", "M", "m", "d", "eps", "epsilon", "delta", "Delta")
WIDTH = 8.6  # inches; the axes' height is fixed, the legend adds its own below
COLORS = ("#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf", "#e377c2", "#7f7f7f")
BAD = "#d62728"
LEGEND_WIDTH = 56  # characters per legend line (wrapped, never cut)


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
    """The numeric parameter with the most distinct values (ties: t, n, k, M, ...)."""
    distinct: dict[str, set] = {}
    numeric: dict[str, bool] = {}
    for p in points:
        for k, v in (p.get("params") or {}).items():
            f = _num(v)
            numeric[k] = numeric.get(k, True) and f is not None
            distinct.setdefault(k, set()).add(f if f is not None else str(v))
    cands = [(len(s), -(X_PREFERENCE.index(k) if k in X_PREFERENCE else 99), k)
             for k, s in distinct.items() if len(s) >= 2 and numeric[k]]
    return max(cands)[2] if cands else None


def _varying(points: list[dict]) -> tuple[list[str], dict]:
    """(names of the parameters that take several values, {name: value} of those that do not)."""
    values: "OrderedDict[str, list]" = OrderedDict()
    for p in points:
        for k, v in (p.get("params") or {}).items():
            vals = values.setdefault(k, [])
            if str(v) not in vals:
                vals.append(str(v))
    return [k for k, v in values.items() if len(v) > 1], {k: v[0] for k, v in values.items() if len(v) == 1}


def _is_int_text(x) -> bool:
    if isinstance(x, bool):
        return False
    if isinstance(x, int):
        return True
    if isinstance(x, float):
        return x.is_integer()
    return isinstance(x, str) and x.lstrip("-").isdigit()


def no_plot_reason(points: list[dict]) -> str | None:
    """Why a check's points get a table and no plot (None: they get a plot)."""
    if any(p.get("kind") == "fact" for p in points):
        return "a yes/no fact"
    if len({p.get("relation") for p in points if p.get("relation")}) > 1 or len({p.get("kind") for p in points}) > 1:
        return "comparisons of different quantities"
    if all(p.get("relation") == "==" for p in points) and all(
            _is_int_text(p["exact"] if p.get("exact") is not None else p.get("value")) and
            _is_int_text(p.get("bound_text") if p.get("bound_text") is not None else p.get("bound"))
            for p in points):
        return "an integer-valued identity"
    return None


# ------------------------------------------------------------------ labels

@functools.lru_cache(maxsize=512)
def _mathtext_ok(s: str) -> bool:
    from matplotlib.mathtext import MathTextParser
    try:
        MathTextParser("path").parse(s)
        return True
    except Exception:  # noqa: BLE001 - any parse failure means: show the plain name
        return False


def _plain(s: str) -> str:
    """Text matplotlib must not read as mathtext."""
    return str(s).replace("\\", "\\\\").replace("$", r"\$")


def param_label(name: str, names: dict | None) -> str:
    tex = (names or {}).get(name)
    if tex and _mathtext_ok(f"${tex}$"):
        return f"${tex}$"
    return _plain(name)


def _assignments(params: dict, keys, names) -> str:
    return ", ".join(f"{param_label(k, names)} = {_plain(params.get(k, '?'))}" for k in keys)


def _wrap(s: str, width: int = LEGEND_WIDTH) -> str:
    """Wrap between the ``name = value`` assignments (``, ``), then at spaces outside ``$...$``:
    a formula or an assignment is split only when it alone is wider than the line."""
    units = []
    for a in s.split(", "):
        units += _words(a) if len(a) > width else [a]
    lines, line = [], ""
    for u in units:
        if line and len(line) + 2 + len(u) > width:
            lines.append(line + ("," if not line.endswith(",") else ""))
            line = u
        else:
            line = f"{line}, {u}" if line else u
    lines.append(line)
    return "\n".join(lines).replace(",,", ",")


def _words(s: str) -> list[str]:
    """``s`` split at spaces outside ``$...$``, the pieces packed into lines of ``LEGEND_WIDTH``."""
    words, cur, inside = [], "", False
    for ch in s:
        if ch == "$" and not cur.endswith("\\"):
            inside = not inside
        if ch == " " and not inside:
            words.append(cur)
            cur = ""
        else:
            cur += ch
    words.append(cur)
    out, line = [], ""
    for w in words:
        if line and len(line) + 1 + len(w) > LEGEND_WIDTH:
            out.append(line)
            line = w
        else:
            line = f"{line} {w}" if line else w
    out.append(line)
    return ["\n".join(out)]


# ------------------------------------------------------------------ the plan of a plot

def _series(points, keys, label_varies: bool):
    groups: "OrderedDict[tuple, list]" = OrderedDict()
    for p in points:
        pr = p.get("params") or {}
        key = tuple(str(pr.get(k)) for k in keys) + ((str(p.get("label")),) if label_varies else ())
        groups.setdefault(key, []).append(p)
    ranked = sorted(groups.values(), key=lambda sp: (-any(q.get("verdict") == "violated" for q in sp), -len(sp)))
    return ranked[:MAX_SERIES], max(0, len(groups) - MAX_SERIES)


def _gap(p: dict, side: str):
    g = (p.get("log10_gap_to_1") or {}).get(side)
    if g is not None:
        return g
    v = point_value(p) if side == "value" else _num(p.get("bound"))
    if v is not None and 0 < 1 - v <= 1e-2:
        return math.log10(1 - v)
    return None


def _tail_view(pts) -> bool:
    """Lower bounds on probabilities that are all within 1e-2 of 1 (a tail bound): drawn as
    log10 failure probabilities."""
    if not pts or any(p.get("relation") not in (">=", ">") for p in pts):
        return False
    vals = [_gap(p, "value") for p in pts if p.get("verdict") != "vacuous"]
    bnds = [_gap(p, "bound") for p in pts if p.get("verdict") != "vacuous"]
    known = [g for g in vals + bnds if g is not None]
    return len(known) >= max(2, (len(vals) + len(bnds)) // 2)


def _enclosure(p):
    lo, hi = _num(p.get("value_lo")), _num(p.get("value_hi"))
    return (lo, hi) if lo is not None and hi is not None else None


def _lower_panel(pts) -> tuple[str, str, float, dict] | None:
    """(what, y-label, reference line, {id(point): y}) of the bottom panel."""
    tight = {id(p): p["tightness"] for p in pts if isinstance(p.get("tightness"), (int, float))
             and math.isfinite(p["tightness"])}
    if len(tight) >= max(2, len(pts) // 2):
        return "tightness", "tightness (1 = exact)", 1.0, tight
    ratio = {}
    for p in pts:
        v, b = point_value(p), _num(p.get("bound"))
        if v is not None and b:
            ratio[id(p)] = v / b
    if len(ratio) == len(pts) and (all(r > 0 for r in ratio.values())):
        return "ratio", "true value / bound", 1.0, ratio
    slack = {id(p): float(p["slack"]) for p in pts if isinstance(p.get("slack"), (int, float))
             and math.isfinite(p["slack"])}
    if len(slack) >= 2:
        return "slack", "slack (< 0: violated)", 0.0, slack
    return None


def _trim(v: list[float]) -> tuple[float, float]:
    """(low, high) of sorted ``v`` after dropping a lone extreme point at either end (up to 1 in 20
    points; one that lies farther from the rest than twice the rest's span)."""
    lo, hi = 0, len(v) - 1
    if len(v) >= 5:
        for _ in range(max(1, len(v) // 20)):
            if hi - lo >= 4 and v[hi] - v[hi - 1] > 2 * (v[hi - 1] - v[lo]) and v[hi] > v[hi - 1]:
                hi -= 1
            if hi - lo >= 4 and v[lo + 1] - v[lo] > 2 * (v[hi] - v[lo + 1]) and v[lo + 1] > v[lo]:
                lo += 1
    return v[lo], v[hi]


def robust_limits(values, log: bool = False) -> tuple[float, float] | None:
    """y-limits from the data: the range of the values without a lone extreme point (:func:`_trim`),
    padded. ``log``: the same on log10 of the positive values; limits returned as values."""
    v = sorted(math.log10(x) if log else x for x in values
               if x is not None and math.isfinite(x) and (x > 0 or not log))
    if not v:
        return None
    a, b = _trim(v)
    pad = (b - a) * 0.08 or abs(b) * 0.1 or (0.5 if log else 1.0)
    a, b = a - pad, b + pad
    return (10 ** a, 10 ** b) if log else (a, b)


def _set_limits(ax, ys, allow_log: bool):
    """A log axis when the values (without a lone extreme) span more than 3 decades."""
    pos = [y for y in ys if y is not None and math.isfinite(y)]
    if not pos:
        return
    log = False
    if allow_log and all(y > 0 for y in pos):
        a, b = _trim(sorted(math.log10(y) for y in pos))
        log = b - a > 3
    lim = robust_limits(pos, log=log)
    if log:
        ax.set_yscale("log")
    if lim:
        ax.set_ylim(*lim)


def _edge_marks(ax, xy: list[tuple[float, float]], color):
    """Points outside the y-range: a triangle on the edge where they lie."""
    lo, hi = ax.get_ylim()
    up = [(x, hi) for x, y in xy if y is not None and y > hi]
    down = [(x, lo) for x, y in xy if y is not None and y < lo]
    if up:
        ax.plot(*zip(*up), "^", ms=6, color=color, clip_on=False, zorder=6)
    if down:
        ax.plot(*zip(*down), "v", ms=6, color=color, clip_on=False, zorder=6)
    return bool(up or down)


# ------------------------------------------------------------------ drawing

def check_plot(check: dict, title: str = "", names: dict | None = None) -> bytes | None:
    """The check's plot as PNG bytes, or None (nothing to compare over a varying parameter)."""
    fig = draw(check, title, names)
    return png_bytes(fig) if fig is not None else None


def draw(check: dict, title: str = "", names: dict | None = None):
    """The check's plot as a matplotlib figure (the caller closes it), or None."""
    pts = [p for p in points_of(check) if p.get("verdict") != "out_of_scope"]
    pts = [p for p in pts if point_value(p) is not None or _num(p.get("bound")) is not None
           or _enclosure(p)]
    if len(pts) < 2 or no_plot_reason(pts):
        return None
    xkey = choose_x(pts)
    if xkey is not None:  # points without that parameter belong to another comparison: not drawn
        pts = [p for p in pts if _num((p.get("params") or {}).get(xkey)) is not None]
        if len(pts) < 2:
            return None
    vary, fixed = _varying(pts)
    if xkey is not None:
        xs_of = {id(p): _num((p.get("params") or {}).get(xkey)) for p in pts}
        ticks = None
    elif vary:  # no numeric parameter varies: the first varying one, as categories (no order)
        xkey = vary[0]
        cats = list(dict.fromkeys(str((p.get("params") or {}).get(xkey)) for p in pts))
        xs_of = {id(p): float(cats.index(str((p.get("params") or {}).get(xkey)))) for p in pts}
        ticks = cats
    else:
        return None
    label_varies = len({str(p.get("label")) for p in pts}) > 1
    keys = [k for k in vary if k != xkey]
    series, hidden = _series(pts, keys, label_varies)
    tail = all(p.get("kind") == "probability" for p in pts) and _tail_view(pts)
    lower = _lower_panel(pts)
    if lower is None:
        fig, ax = plt.subplots(figsize=(WIDTH, 2.6), dpi=90)
        axes = [ax]
    else:
        fig, axes = plt.subplots(2, 1, figsize=(WIDTH, 3.9), dpi=90, sharex=True,
                                 gridspec_kw={"height_ratios": [2.2, 1], "hspace": 0.08})
    ax = axes[0]
    top_vals, edge = [], []
    any_mc = any_exact = any_other = any_bad = any_enc = False
    for si, sp in enumerate(series):
        color = COLORS[si % len(COLORS)]
        sp = sorted(sp, key=lambda p: xs_of[id(p)])
        xs = [xs_of[id(p)] for p in sp]
        joined = ticks is None and len(set(xs)) == len(xs)
        ls = "-" if joined else "none"
        if tail:
            val = {id(p): _gap(p, "value") for p in sp}
            bnd = {id(p): _gap(p, "bound") for p in sp}
        else:
            val = {id(p): point_value(p) for p in sp}
            bnd = {id(p): _num(p.get("bound")) for p in sp}
        for method, marker, mfc in (("exact", "o", color), ("mc", "s", "white"), ("other", "D", color)):
            sel = [p for p in sp if val[id(p)] is not None and _method(p) == method]
            if not sel:
                continue
            any_exact |= method == "exact"
            any_mc |= method == "mc"
            any_other |= method == "other"
            ax.plot([xs_of[id(p)] for p in sel], [val[id(p)] for p in sel], marker=marker, ls=ls, lw=1.1,
                    ms=4, color=color, mfc=mfc, zorder=3)
            top_vals += [val[id(p)] for p in sel]
            edge += [(xs_of[id(p)], val[id(p)]) for p in sel]
            if method == "mc" and not tail:
                lo = [_ci(p)[0] for p in sel]
                hi = [_ci(p)[1] for p in sel]
                if joined:
                    ax.fill_between([xs_of[id(p)] for p in sel], lo, hi, color=color, alpha=0.2, lw=0)
                else:
                    ax.vlines([xs_of[id(p)] for p in sel], lo, hi, color=color, alpha=0.5, lw=2)
        enc = [(xs_of[id(p)], _enclosure(p)) for p in sp if _enclosure(p) and not tail]
        if enc:
            any_enc = True
            ax.vlines([x for x, _ in enc], [e[0] for _, e in enc], [e[1] for _, e in enc], color=color, lw=2.5,
                      zorder=3)
            top_vals += [e[0] for _, e in enc] + [e[1] for _, e in enc]
        bx = [(xs_of[id(p)], bnd[id(p)]) for p in sp if bnd[id(p)] is not None]
        if bx:
            if joined:
                ax.plot(*zip(*bx), "--", lw=1.3, color=color, zorder=2)
            else:
                ax.plot(*zip(*bx), "_", ms=12, mew=1.6, color=color, zorder=2)
            top_vals += [b for _, b in bx]
            edge += bx
        bad = [p for p in sp if p.get("verdict") == "violated" and val[id(p)] is not None]
        if bad:
            any_bad = True
            for p in bad:
                if bnd[id(p)] is not None:
                    ax.plot([xs_of[id(p)]] * 2, [val[id(p)], bnd[id(p)]], "-", color=BAD, lw=0.8, alpha=0.35,
                            zorder=1)
            ax.plot([xs_of[id(p)] for p in bad], [val[id(p)] for p in bad], "o", ms=8, mfc="none", mew=1.2,
                    color=BAD, zorder=5)
    ax.set_ylabel("log10(1 - probability)" if tail else
                  ("probability" if all(p.get("kind") == "probability" for p in pts) else "value"))
    _set_limits(ax, top_vals, allow_log=not tail)
    clipped = _edge_marks(ax, edge, "0.35")
    _shade_vacuous(ax, pts, xs_of)
    ax.grid(alpha=0.3)
    if lower is not None:
        what, ylab, ref, ys = lower
        lax = axes[1]
        for si, sp in enumerate(series):
            color = COLORS[si % len(COLORS)]
            sp = sorted((p for p in sp if id(p) in ys), key=lambda p: xs_of[id(p)])
            joined = ticks is None and len({xs_of[id(p)] for p in sp}) == len(sp)
            lax.plot([xs_of[id(p)] for p in sp], [ys[id(p)] for p in sp], marker=".", ms=5,
                     ls="-" if joined else "none", lw=1, color=color)
            bad = [p for p in sp if p.get("verdict") == "violated"]
            if bad:
                lax.plot([xs_of[id(p)] for p in bad], [ys[id(p)] for p in bad], "o", ms=7, mfc="none",
                         mew=1.1, color=BAD, zorder=5)
        lax.axhline(ref, color="k", lw=0.8, ls=":")
        _set_limits(lax, list(ys.values()) + [ref], allow_log=what == "ratio")
        clipped |= _edge_marks(lax, [(xs_of[id(p)], ys[id(p)]) for p in pts if id(p) in ys], "0.35")
        lax.set_ylabel(ylab, fontsize=8)
        lax.grid(alpha=0.3)
        _shade_vacuous(lax, pts, xs_of)
    bottom = axes[-1]
    bottom.set_xlabel(param_label(xkey, names))
    if ticks is not None:
        bottom.set_xticks(range(len(ticks)))
        bottom.set_xticklabels([_plain(t) for t in ticks], fontsize=7, rotation=15 if max(map(len, ticks)) > 8 else 0)
    elif all(x > 0 for x in xs_of.values()) and max(xs_of.values()) / min(xs_of.values()) > 200:
        bottom.set_xscale("log")
    head = _plain(title) + (f"  [tail view: failure probabilities 1 - P]" if tail else "")
    sub = []
    if fixed:
        sub.append("fixed: " + _assignments(fixed, list(fixed), names))
    if hidden:
        sub.append(f"{hidden} more combinations not drawn (in the table and results.json)")
    ax.set_title(head + ("\n" + textwrap.fill("; ".join(sub), 110) if sub else ""), fontsize=8.5)
    handles = _legend(series, keys, label_varies, names, any_exact, any_mc, any_other, any_enc, any_bad,
                      clipped, tail, any(p.get("verdict") == "vacuous" for p in pts))
    _layout(fig, handles, top_in=0.5 if sub else 0.35)
    return fig


def _layout(fig, handles, top_in: float, bottom_in: float = 0.45):
    """The legend under the axes, full width, as tall as its (wrapped) labels need: the figure
    grows by the legend's height, the axes keep theirs."""
    axes_h = fig.get_figheight()
    leg = fig.legend(handles=handles, fontsize=6.5, ncol=2, loc="lower left", bbox_to_anchor=(0.07, 0.0),
                     frameon=False, columnspacing=2.0, handlelength=2.2)
    leg_h = leg.get_window_extent(fig.canvas.get_renderer()).height / fig.dpi
    total = axes_h + top_in + bottom_in + leg_h
    fig.set_figheight(total)
    fig.subplots_adjust(left=0.085, right=0.98, top=1 - top_in / total, bottom=(bottom_in + leg_h) / total)


def _ci(p: dict):
    ci = p.get("ci")
    if isinstance(ci, (list, tuple)) and len(ci) == 2 and _num(ci[0]) is not None and _num(ci[1]) is not None:
        return _num(ci[0]), _num(ci[1])
    return None


def _method(p: dict) -> str:
    if _ci(p):
        return "mc"
    if p.get("method") == "exact" or p.get("exact") is not None:
        return "exact"
    return "other"


def _legend(series, keys, label_varies, names, exact, mc, other, enc, bad, clipped, tail, vacuous) -> list:
    """Styles first (black), then one colour per combination of the varying parameters."""
    h: list = []
    true = "true 1 - P" if tail else "true value"
    if exact:
        h.append(Line2D([], [], marker="o", color="k", ms=4, label=f"{true} (exact)"))
    if mc:
        h.append(Line2D([], [], marker="s", color="k", mfc="white", ms=4,
                        label=f"{true} (Monte Carlo{'' if tail else ', 99% band'})"))
    if other:
        h.append(Line2D([], [], marker="D", color="k", ms=4, label=f"{true} (computed)"))
    if enc:
        h.append(Line2D([], [], color="k", lw=2.5, label="enclosure [lo, hi]"))
    h.append(Line2D([], [], ls="--", color="k", label="bound's 1 - P" if tail else "bound"))
    if bad:
        h.append(Line2D([], [], marker="o", ls="none", mfc="none", mew=1.5, ms=9, color=BAD,
                        label="violated (segment: to the bound)"))
    if clipped:
        h.append(Line2D([], [], marker="^", ls="none", color="0.35", label="off the y-range"))
    if vacuous:
        h.append(Patch(color="0.6", alpha=0.25, lw=0, label="bound vacuous"))
    if len(series) > 1:
        for si, sp in enumerate(series):
            p = sp[0]
            lab = _assignments(p.get("params") or {}, keys, names)
            if label_varies:
                lab = (lab + ": " if lab else "") + _plain(p.get("label") or "")
            h.append(Line2D([], [], color=COLORS[si % len(COLORS)], lw=2, label=_wrap(lab)))
    return h


def png_bytes(fig) -> bytes:
    """The figure as a PNG with a palette of 64 colours, no alpha channel (pdflatex then copies the
    image data as it is instead of splitting off a soft mask and recompressing, 3-4 times faster on
    a long report; the palette makes a plot 3 times smaller than RGB, which keeps the HTML small)."""
    from PIL import Image
    fig.canvas.draw()
    w, h = fig.canvas.get_width_height(physical=True)
    img = Image.frombuffer("RGBA", (w, h), fig.canvas.buffer_rgba(), "raw", "RGBA", 0, 1).convert("RGB")
    plt.close(fig)
    img = img.quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def _shade_vacuous(ax, pts, xs_of):
    state: dict[float, set] = {}
    for p in pts:
        state.setdefault(xs_of[id(p)], set()).add(p.get("verdict") == "vacuous")
    xs = sorted(state)
    if not xs or not any(state[x] == {True} for x in xs):
        return
    gaps = [b - a for a, b in zip(xs, xs[1:])] or [1.0]
    half = min(gaps) / 2
    run_start = prev = None
    for x in xs + [None]:
        is_v = x is not None and state[x] == {True}
        if is_v and run_start is None:
            run_start = x
        if not is_v and run_start is not None:
            ax.axvspan(run_start - half, prev + half, color="0.6", alpha=0.25, lw=0)
            run_start = None
        prev = x
