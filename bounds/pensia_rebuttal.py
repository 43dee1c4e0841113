"""`pensia_rebuttal` -- rebuttal letter for Pensia et al., "Optimal lottery tickets via SubsetSum"
(NeurIPS 2020), seed 004 (claims.md §5). Line numbers are the letter's.

The numbers are taken from the quoted text at run time (regular expressions over the verbatim
quotes below), so the arithmetic checks compute from what the letter prints:

* ``claim1`` ARITH: four scores "(7 7 7 6)" and four reviewer labels (R1, R2, R3, R5 in the letter).
* ``exp1`` ARITH: "∼3.5 million out of ∼8.3 million" vs "∼44.69% sparsity", with the interval of
  ratios allowed by rounding both counts to the nearest 0.1 million, for both meanings of
  "sparsity" (fraction kept, fraction removed; claims.md Convention 4); "97.17% test set
  accuracy" on MNIST's 10,000 test images must be a whole number of images.
  ``published_log`` (ARITH): the letter's numbers against the published run's log
  (experiments.md §1: 3,725,871 of 8,337,000 coefficients kept, 397,000 weights, n = 21): each
  printed count must be the log's count rounded to the printed digit, 44.69 % the log's ratio
  rounded to 0.01 %, and 8,337,000 = n x 397,000 with n = int(3 round(log2 100)).
  ``pensia_protocol``: the published protocol (:mod:`montecarlo.pensia_protocol`: n coefficients
  per weight uniform on [min w, max w], one vector per output row, nearest subset sum, closed
  tolerance 0.01) run on networks the toolkit trains on scikit-learn's digits; our kept fraction
  (interval over rows), failures and time per weight are *reported* next to the log's 44.69 % and
  the letter's 3.5/8.3, not judged (a different network and data set). ``digits_reproduction`` is
  the two-random-layer construction (:mod:`montecarlo.digits`), a different experiment.
* ``exp2`` ARITH: "∼0.5 million of ∼2 million ... ∼25% sparsity", same rounding analysis.
* ``claim4`` SYM: from a parameter lower bound ``d^2 log(1/eps)`` to the width lower bound of a
  depth-L network (``(L-2) w^2 + 2 d w`` parameters): ``w_min ~ d sqrt(log(1/eps)/(L-2))``.
* ``claim2``, ``claim3``, ``claim5``, ``claim6``, ``claim7``: REC (verbatim).
"""
from __future__ import annotations

import re
from fractions import Fraction
from typing import Iterator

import sympy as sp

from ticketcheck.bounds.claim import Claim, Comparison, ComputedCheck, SymbolicCheck
from ticketcheck.bounds.registry import register

SRC = "Rebuttal letter for Pensia et al., NeurIPS 2020 (seed 004)"
MNIST_TEST_IMAGES = 10_000      # the standard MNIST test set (the letter: "test set accuracy", MNIST)

Q_SCORES = ("We are encouraged by the universally positive scores (7 7 7 6) and that all the "
            "reviewers appreciated the paper for the following: (i) theoretical contributions "
            "(R1,R2,R3,R5), (ii) advancing our understanding of the LTH (R2,R3), (iii) novel "
            "connection to SubSetSum(R3,R5), (iv) clear exposition (R1,R2,R3,R5), and (v) relation "
            "with prior work (R1,R2,R3,R5). Moreover, R3 thinks this connection with SubsetSum can "
            "be applicable in other areas.")
Q_EXP1 = ("For a two-layer fully-connected network, our SubsetSum approximation utilized ∼ 3.5 "
          "million out of ∼ 8.3 million coefficients in total. Thus, the approximated network "
          "achieved 97.17% test set accuracy with ∼ 44.69% sparsity.")
Q_EXP2 = ("On the other hand, one of our networks resulting from edge-popup achieved a 97.53% test "
          "set accuracy by retaining ∼ 0.5 million of ∼ 2 million parameters, thus giving ∼ 25% "
          "sparsity, but on a much smaller network.")
Q_CLAIM4 = ("our lower bound controls the number of parameters and thus is valid for any depth and "
            "architecture. In particular, for constant depth greater than 2, we directly obtain "
            "d sqrt(log 1/ε) lower bound on width.")

_NUM = r"(\d+(?:\.\d+)?)"


def _dec(s: str) -> Fraction:
    return Fraction(s)


def _half_unit(s: str) -> Fraction:
    """Half of the last printed digit: '3.5' -> 1/20 (rounding to the nearest 0.1)."""
    decimals = len(s.split(".")[1]) if "." in s else 0
    return Fraction(1, 2 * 10 ** decimals)


def scores_and_labels(ctx) -> Iterator[Comparison]:
    """claim1: the four scores and the four reviewer labels of the letter."""
    scores = [int(v) for v in re.search(r"\((\d(?: \d)+)\)", Q_SCORES).group(1).split()]
    labels = sorted(set(re.findall(r"R\d", Q_SCORES)), key=lambda r: int(r[1:]))
    info = {"scores": scores, "labels": labels}
    yield Comparison({}, len(scores), len(labels), "==",
                     label="number of scores quoted vs number of distinct reviewer labels", info=info)
    yield Comparison({}, min(scores), 6, ">=",
                     label="lowest score vs 6 ('marginally above the acceptance threshold' on the "
                           "NeurIPS 2020 1-10 scale): 'universally positive'", info=info)


def _ratio_interval(num: str, den: str) -> tuple[Fraction, Fraction]:
    a, b = _dec(num), _dec(den)
    ha, hb = _half_unit(num), _half_unit(den)
    return (a - ha) / (b + hb), (a + ha) / (b - hb)


def _sparsity_checks(quote: str, count_re: str, pct_re: str, acc_re: str,
                     kept_only: bool) -> Iterator[Comparison]:
    m = re.search(count_re, quote)
    num, den = m.group(1), m.group(2)
    pct = _dec(re.search(pct_re, quote).group(1)) / 100
    acc = _dec(re.search(acc_re, quote).group(1)) / 100
    lo, hi = _ratio_interval(num, den)
    kept = _dec(num) / _dec(den)
    info = {"counts_million": [num, den], "kept_ratio": float(kept), "removed_ratio": float(1 - kept),
            "kept_interval": [float(lo), float(hi)], "removed_interval": [float(1 - hi), float(1 - lo)],
            "quoted_percent": float(pct * 100),
            "kept_count_implied_by_percent_million": float(pct * _dec(den)),
            "total_implied_by_percent_million": float(_dec(num) / pct)}
    readings = [("kept", lo, hi)] + ([] if kept_only else [("removed", 1 - hi, 1 - lo)])
    # The counts are printed with '∼' (rounded): the quoted percentage is compared with the interval
    # of ratios the rounding allows, not with the ratio of the rounded counts itself (info).
    for name, a, b in readings:
        yield Comparison({"reading": name}, pct, a, ">=",
                         label=f"quoted 'sparsity' vs the smallest {name} fraction allowed by rounding "
                               f"both counts to the printed digit", info=info)
        yield Comparison({"reading": name}, pct, b, "<=",
                         label=f"quoted 'sparsity' vs the largest {name} fraction allowed by rounding",
                         info=info)
    images = acc * MNIST_TEST_IMAGES
    yield Comparison({"reading": "accuracy"}, images, int(images), "==",
                     label=f"quoted accuracy x {MNIST_TEST_IMAGES} MNIST test images vs a whole "
                           f"number of correctly classified images",
                     info={"accuracy": float(acc)})


def exp1_arith(ctx) -> Iterator[Comparison]:
    yield from _sparsity_checks(Q_EXP1, rf"∼ {_NUM} million out of ∼ {_NUM} million",
                                rf"∼ {_NUM}% sparsity", rf"{_NUM}% test set accuracy", False)


def exp2_arith(ctx) -> Iterator[Comparison]:
    yield from _sparsity_checks(Q_EXP2, rf"retaining ∼ {_NUM} million of ∼ {_NUM} million",
                                rf"∼ {_NUM}% sparsity", rf"{_NUM}% test set accuracy", True)
    a = re.search(rf"∼ {_NUM} million of ∼ {_NUM} million", Q_EXP2).group(2)
    b = re.search(rf"out of ∼ {_NUM} million", Q_EXP1).group(1)
    yield Comparison({"reading": "size"}, _dec(a), _dec(b), "<",
                     label="edge-popup network size vs the SubsetSum network (millions of "
                           "parameters): 'a much smaller network'")


def digits_reproduction(ctx) -> Iterator[Comparison]:
    """The rebuttal's measurement, redone on scikit-learn's digits (see montecarlo.digits)."""
    from ticketcheck.montecarlo.digits import run
    r = run(hidden=int(ctx["hidden"]), n=int(ctx["n"]), tol=float(Fraction(ctx["tol"])),
            seed=ctx.seed % 1000, max_iter=int(ctx.get("max_iter", 300)),
            scale=float(Fraction(ctx.get("scale", 1))))
    yield Comparison({}, r["target_vs_sklearn_disagreements"], 0, "==",
                     label="test predictions of the bias-free rewritten target vs the trained "
                           "sklearn network (disagreements)", info=r)
    yield Comparison({}, r["max_bound_minus_error"], 0.0, ">=",
                     label="min over test points of (error bound propagated from the per-weight "
                           "residuals - measured ||f(x) - g(x)||), floats", info=r)
    yield Comparison({}, r["prediction_agreement"], r["agreement_guaranteed_by_bound"], ">=",
                     label="test points where pruned and target predict the same class vs those "
                           "where the target's top-2 margin exceeds twice the error bound", info=r)


def _published():
    from ticketcheck.montecarlo.pensia_protocol import PUBLISHED, coefficients_per_weight
    return PUBLISHED, coefficients_per_weight


def _rounds_to(count: int, printed: str, scale: int) -> tuple[Fraction, Fraction]:
    """``(|count/scale - printed|, half a unit of the printed digit)``: the count rounds to the
    printed value iff the first is <= the second."""
    return abs(Fraction(count, scale) - _dec(printed)), _half_unit(printed)


def exp1_published_log(ctx) -> Iterator[Comparison]:
    """The letter's numbers vs the published run's log (experiments.md §1), exact."""
    pub, n_of = _published()
    m = re.search(rf"∼ {_NUM} million out of ∼ {_NUM} million", Q_EXP1)
    kept_txt, total_txt = m.group(1), m.group(2)
    pct_txt = re.search(rf"∼ {_NUM}% sparsity", Q_EXP1).group(1)
    info = {"log_kept": pub["kept"], "log_coefficients": pub["coefficients"],
            "log_weights": pub["weights"], "log_ratio": pub["kept"] / pub["coefficients"],
            "letter_counts_million": [kept_txt, total_txt], "letter_percent": pct_txt}
    for txt, count, what in ((kept_txt, pub["kept"], "kept"),
                             (total_txt, pub["coefficients"], "total")):
        d, half = _rounds_to(count, txt, 10 ** 6)
        yield Comparison({"reading": what}, d, half, "<=",
                         label=f"|log's {what} count {count:,} in millions - the letter's ∼{txt}| vs "
                               f"half a unit of the printed digit (the count rounds to ∼{txt})",
                         info=info)
    d, half = _rounds_to(pub["kept"] * 100, pct_txt, pub["coefficients"])
    yield Comparison({"reading": "percent"}, d, half, "<=",
                     label=f"|log's kept/total in percent - the letter's {pct_txt}%| vs half a unit of "
                           f"the printed digit", info=info)
    n = n_of(pub["eps"], pub["c"])
    yield Comparison({"reading": "denominator"}, pub["coefficients"], n * pub["weights"], "==",
                     label=f"log's total coefficients vs n x weights, n = int(c round(log2(1/eps))) "
                           f"= {n} for c = {pub['c']}, eps = {pub['eps']}", info=info)


def _protocol_network(ctx):
    """The target named by the grid point: ``digits`` (the bias-free 65-h-10 target of
    montecarlo.digits) or ``digits_784_500_10`` (the published shape, digits upsampled to 28x28)."""
    from ticketcheck.montecarlo import digits
    seed = ctx.seed % 1000
    if ctx["network"] == "digits":
        t = digits.train_target(int(ctx["hidden"]), seed, int(ctx.get("max_iter", 300)))
        return t.layers, None
    if ctx["network"] == "digits_784_500_10":
        m = digits.train_mnist_shape(int(ctx.get("hidden", 500)), seed, int(ctx.get("max_iter", 30)))
        return m.weights, m
    raise ValueError(f"unknown network {ctx['network']!r}")


def exp1_protocol(ctx) -> Iterator[Comparison]:
    """The published protocol on a network trained here; reported next to the published numbers."""
    from ticketcheck.montecarlo.pensia_protocol import run_protocol
    from ticketcheck.montecarlo.subset_solver import GROWING_PREFIX, NEAREST
    pub, _ = _published()
    layers, model = _protocol_network(ctx)
    ours = run_protocol(layers, pub["eps"], pub["c"], seed=ctx.seed, rule=NEAREST)
    other = run_protocol(layers, pub["eps"], pub["c"], seed=ctx.seed, rule=GROWING_PREFIX)
    info = {**ours.to_json(), "published": {k: (str(v) if isinstance(v, Fraction) else v)
                                            for k, v in pub.items()},
            "published_seconds_per_weight": float(pub["seconds"] / pub["weights"]),
            "growing_prefix_rule": other.to_json()}
    if model is not None:
        info["test_accuracy_target"] = model.test_accuracy
        info["test_accuracy_approximated"] = model.accuracy(ours.approx)
    log_ratio = Fraction(pub["kept"], pub["coefficients"])
    yield Comparison({"rule": NEAREST}, ours.kept_fraction, log_ratio, "report",
                     label="our kept/total coefficients (interval over rows) vs the published log's "
                           "3,725,871/8,337,000 (44.69 %)", info=info)
    yield Comparison({"rule": NEAREST}, ours.kept_fraction, Fraction(35, 83), "report",
                     label="our kept/total coefficients vs the letter's ∼3.5/∼8.3 million (42.2 %)",
                     info=info)
    yield Comparison({"rule": NEAREST}, ours.failures, pub["failures"], "report",
                     label="weights farther than eps from their nearest subset sum (ours vs the "
                           "log's 0 of 397,000)", info=info)
    yield Comparison({"rule": GROWING_PREFIX}, other.kept_fraction, log_ratio, "report",
                     label="kept fraction under the construction's rule (first subset within eps "
                           "over growing prefixes), not the protocol's, vs the log's 44.69 %",
                     info=info)


def _claim4_checks():
    m, w, d, u = sp.symbols("m w d u", positive=True)          # m = L - 2, u = log(1/eps)
    w_min = d * (-1 + sp.sqrt(1 + m * u)) / m
    return [
        SymbolicCheck(
            name="width_root", kind="substitution", lhs=m * w ** 2 + 2 * d * w - d ** 2 * u,
            subs={w: w_min}, rhs=0, options={"positive": True},
            doc="w_min = d(sqrt(1 + (L-2) log(1/eps)) - 1)/(L-2) is where a depth-L width-w "
                "fully connected net (d inputs, d outputs: (L-2) w^2 + 2 d w weights) reaches the "
                "parameter lower bound d^2 log(1/eps)"),
        SymbolicCheck(
            name="width_order", kind="limit", lhs=w_min / (d * sp.sqrt(u)), var=u, point=sp.oo,
            rhs=1 / sp.sqrt(m), options={"positive": True},
            doc="w_min / (d sqrt(log 1/eps)) -> 1/sqrt(L-2) as eps -> 0: a d sqrt(log 1/eps) "
                "width lower bound for constant depth L > 2"),
        SymbolicCheck(
            name="depth_two", kind="substitution", lhs=2 * d * w - d ** 2 * u,
            subs={w: d * u / 2}, rhs=0, options={"positive": True},
            doc="depth 2 (L - 2 = 0): 2 d w >= d^2 log(1/eps) gives w >= d log(1/eps)/2, linear "
                "in log(1/eps); the square root needs depth > 2, as the letter says"),
    ]


register(
    Claim(id="pensia_rebuttal.claim1", title="review scores (lines 1-5)", source=SRC,
          statement=Q_SCORES, methods=("REC", "ARITH"),
          checks=[ComputedCheck(name="scores_labels", compute=scores_and_labels, grid={})]),
    Claim(id="pensia_rebuttal.claim2", title="main contribution (lines 6-10)", source=SRC,
          statement="Our main theoretical contribution in this paper is to characterize the required "
                    "over-parameterization (up to logarithmic factors) for fully connected networks, "
                    "offering an exponential improvement in the oveparameterization bounds by "
                    "Malach et al.", methods=("REC",)),
    Claim(id="pensia_rebuttal.claim3", title="existential result (lines 12-20)", source=SRC,
          statement="the connection to the SubsetSum problem is made so we can establish an "
                    "existential rather than an algorithmic result; As optimizing ReLU neural "
                    "network is itself NP-Hard in general, we expect all algorithms to be "
                    "inefficient in the worst case.", methods=("REC",)),
    Claim(id="pensia_rebuttal.exp1", title="SubsetSum network sparsity/accuracy (lines 25-27)",
          source=SRC, statement=Q_EXP1, methods=("ARITH", "REC"),
          notes="'sparsity' is not defined in the letter; both readings (fraction kept, fraction "
                "removed) are tested. Accuracy is REC (no code or data); its arithmetic (a whole "
                "number of the 10,000 MNIST test images) is checked. published_log compares, "
                "exactly, the letter's ∼3.5 and ∼8.3 million and 44.69% with the published run's "
                "log (3,725,871 kept of 8,337,000 = 21 x 397,000; experiments.md §1): each printed "
                "number must be the log's rounded to its last printed digit. pensia_protocol runs "
                "the published protocol (21 coefficients per weight uniform on [min w, max w], one "
                "vector per output row, nearest subset sum, |w - s| <= 0.01) on networks trained "
                "on sklearn's digits and reports our kept fraction (interval over rows) next to "
                "the log's 44.69% and the letter's 3.5/8.3 = 42.2% (not judged: another network), "
                "with the construction's growing-prefix rule for contrast. digits_reproduction is "
                "the two-random-layer construction on digits, not the published protocol.",
          checks=[
              ComputedCheck(name="arithmetic", compute=exp1_arith, grid={}),
              ComputedCheck(name="published_log", compute=exp1_published_log, grid={},
                            doc="the letter's counts and percentage vs the published run's log, "
                                "each rounded to the printed digit"),
              ComputedCheck(
                  name="pensia_protocol", compute=exp1_protocol,
                  grid=lambda: [{"network": "digits", "hidden": 32},
                                {"network": "digits_784_500_10", "hidden": 500, "max_iter": 30}],
                  quick_grid=lambda: [{"network": "digits", "hidden": 16, "max_iter": 80}],
                  doc="Pensia et al.'s published protocol (montecarlo.pensia_protocol) on a digits "
                      "network: kept fraction, failures, time per weight; reported next to the "
                      "published log and the letter"),
              ComputedCheck(
                  name="digits_reproduction", compute=digits_reproduction,
                  grid=lambda: [{"hidden": 32, "n": 21, "tol": "1/100", "scale": 1},
                                {"hidden": 32, "n": 30, "tol": "1/100", "scale": "1/2"}],
                  quick_grid=lambda: [{"hidden": 16, "n": 30, "tol": "1/100", "scale": "1/2",
                                       "max_iter": 80}],
                  doc="train a ReLU target on digits, prune a random Uniform[-1,1] network with "
                      "per-weight subset sums (n samples per half, tolerance tol), measure "
                      "accuracies, error and kept fraction"),
          ]),
    Claim(id="pensia_rebuttal.exp2", title="edge-popup comparison (lines 28-29)", source=SRC,
          statement=Q_EXP2, methods=("ARITH",),
          notes="'retaining ... giving 25% sparsity' fixes the meaning here: fraction kept.",
          checks=[ComputedCheck(name="arithmetic", compute=exp2_arith, grid={})]),
    Claim(id="pensia_rebuttal.claim4", title="lower bound for deeper networks (lines 30-34)",
          source=SRC, statement=Q_CLAIM4, methods=("SYM",),
          notes="Parameter lower bound taken as d^2 log(1/eps) (Pensia et al.'s packing bound, "
                "|P| >= (1/(2 eps))^(d^2), up to constants); depth-L width-w network with d "
                "inputs and outputs has (L-2) w^2 + 2 d w weights.",
          checks=_claim4_checks()),
    Claim(id="pensia_rebuttal.claim5", title="other activations (lines 36-40)", source=SRC,
          statement="the proof strategy works for a general class of Lipschitz activations with a "
                    "slight modification in the architecture ... suppose that every alternate layer "
                    "is linear. The proof then goes through exactly as before by using the Lipschitz "
                    "property in Eq. (13) (Line 468) in Appendix.", methods=("REC",)),
    Claim(id="pensia_rebuttal.claim6", title="datasets/architectures (lines 41-50)", source=SRC,
          statement="'diamond' based architecture inspired by Lueker's random SubsetSum theorem is "
                    "defined only for fully connected layers; A good test set accuracy on MNIST is "
                    "obtainable with both shallow fully connected networks and LeNet5, which has more "
                    "fully connected layers than convolutional layers; deep convolutional networks "
                    "such as ResNet and VGG generally contain up to three fully connected layers.",
          methods=("REC",)),
    Claim(id="pensia_rebuttal.claim7", title="typo acknowledgement (line 11)", source=SRC,
          statement="We thank R3 for pointing out the typo.", methods=("REC",)),
)
