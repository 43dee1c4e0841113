"""Figure 1 reproduction (bounds/unified/figure1.py): n_c and fits on known inputs, cache reuse;
the report's plot (reports/figure1.py) drawn from the stored data."""
import math

from ticketcheck.bounds.unified import figure1 as F
from ticketcheck.reports import figure1 as plot


def test_nc_from_counts():
    # P(n) = 0, .5, .99, .995, 1 with 1000 trials: n_c (P > 0.99) = 3
    nc, lo, hi = F._nc([0, 500, 990, 995, 1000], 1000)
    assert nc == 3 and lo <= 3 <= hi


def test_fit_recovers_one_sample_per_doubling():
    data = {"trials": 100, "n_max": 10, "paper_exponents": [7, 8, 9],
            "curves": [{"M": 2 ** j, "j": j,
                        "single": [0] * (j - 3) + [100] * (11 - (j - 3)),
                        "all": [0] * (j - 1) + [100] * (11 - (j - 1))} for j in (7, 8, 9)]}
    a = F.analyse(data)
    ncs = [r["nc_single"] for r in a["table"]]
    assert ncs == [4, 5, 6]
    fit = next(f for f in a["fits"] if f["event"] == "target z=42" and f["base"] == "ln"
               and f["model"] == "n_c = C log M + b")
    assert abs(fit["C"] - 1 / math.log(2)) < 1e-9 and abs(fit["b"] + 3) < 1e-9
    fit2 = next(f for f in a["fits"] if f["event"] == "all targets" and f["base"] == "log2"
                and f["model"] == "n_c = C log M + b")
    assert abs(fit2["C"] - 1) < 1e-9 and abs(fit2["b"] + 1) < 1e-9


def test_compute_is_cached_and_plots(tmp_path):
    d1 = F.compute(tmp_path, quick=True, trials=300)
    assert not d1.get("cached") and len(d1["curves"]) == len(F.QUICK_EXPONENTS)
    for cv in d1["curves"]:
        assert cv["single"] == sorted(cv["single"]) and cv["all"][-1] <= 300
        # covering every target implies covering 42: the all-targets curve lies below
        assert all(a <= s for a, s in zip(cv["all"], cv["single"]))
    d2 = F.compute(tmp_path, quick=True, trials=300)
    assert d2["cached"] and d2["curves"] == d1["curves"]
    (png,) = plot.plot_pngs(d1)
    assert png[:4] == b"\x89PNG"
