"""Figure 1 of `unified` (Appendix E): the plot, drawn from the data the review stored
(``results.json`` ``figures["unified.figure1"]``, computed by :mod:`ticketcheck.bounds.unified.figure1`:
curves, 99% bands, n_c table, fits, constants). Nothing is computed here."""
from __future__ import annotations

import math

import numpy as np


def plot_pngs(data: dict) -> list[bytes]:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    trials = data["trials"]
    level, paper_c, z = data["level"], data["paper_C"], data["z"]
    cmap = plt.get_cmap("viridis")
    curves = data["curves"]
    fig, axes = plt.subplots(1, 3, figsize=(13, 3.9), dpi=100)
    n_hi = 1
    for ev, ax, title in (("single", axes[0], f"P(some subset sums to {z})"),
                          ("all", axes[1], "P(every target in {-M..M} covered)")):
        for i, cv in enumerate(curves):
            col = cmap(i / max(1, len(curves) - 1))
            c = np.array(cv[ev])
            ns = np.arange(len(c))
            p = c / trials
            ci = np.array(cv[f"ci_{ev}"], float)
            ax.fill_between(ns, ci[:, 0], ci[:, 1], color=col, alpha=0.3, lw=0)
            ls = "-" if cv["j"] in (data.get("paper_exponents") or []) else ":"
            ax.plot(ns, p, ls, color=col, lw=1.3, label=f"M=2^{cv['j']}")
            last = int(np.argmax(c >= trials)) if (c >= trials).any() else len(c) - 1
            n_hi = max(n_hi, last + 2)
        ax.axhline(level, color="k", lw=0.7, ls="--")
        ax.set_xlabel("n")
        ax.set_ylabel("probability")
        ax.set_title(title, fontsize=10)
        ax.grid(alpha=0.3)
    for ax in axes[:2]:
        ax.set_xlim(0, min(n_hi, data["n_max"]))
    axes[0].legend(fontsize=7, loc="lower right")
    ax = axes[2]
    for ev, mk, lab in (("single", "o", "target 42"), ("all", "s", "all targets")):
        pts = [(r["log2M"], r[f"nc_{ev}"]) for r in data["table"] if isinstance(r[f"nc_{ev}"], int)]
        if not pts:
            continue
        x = np.array([a for a, _ in pts], float)
        y = np.array([b for _, b in pts], float)
        ax.plot(x, y, mk, label=f"n_c, {lab}")
        fit = next((f for f in data["fits"] if f["event"].startswith(lab.split()[0]) and f["base"] == "log2"
                    and f["model"] == "n_c = C log M + b"), None)
        if fit:
            xx = np.linspace(min(x) - 0.5, max(x) + 0.5, 20)
            ax.plot(xx, fit["C"] * xx + fit["b"], "-", lw=1,
                    label=f"fit: {fit['C']:.2f} log2 M + {fit['b']:.1f} (= {fit['C'] * math.log2(math.e):.2f} ln M + ...)")
    xx = np.linspace(6.5, max(r["log2M"] for r in data["table"]) + 0.5, 20)
    ax.plot(xx, paper_c * xx * math.log(2), "k--", lw=0.8, label=f"paper: {paper_c} ln M")
    ax.plot(xx, paper_c * xx, "k:", lw=0.8, label=f"{paper_c} log2 M")
    ax.set_xlabel("log2 M")
    ax.set_ylabel("n_c  (P > 0.99)")
    ax.set_title("n_c against log M", fontsize=10)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=6.5, loc="lower right")
    fig.tight_layout()
    from ticketcheck.reports.plots import png_bytes
    return [png_bytes(fig)]
