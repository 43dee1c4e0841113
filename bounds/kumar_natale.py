"""`kumar_natale` -- Kumar & Natale, "Quantization vs Pruning: Insights from the Strong Lottery
Ticket Hypothesis" (seed 002; claims.md §3).

Seed 002 is a README of an "Arxiv Dataset Agent" whose "File Sample" holds only the title, authors,
abstract and first paragraph of §1; the paper's theorems are not in the seeds. Every claim is
recorded verbatim (``REC``); `unified.cite6` is the second-hand description of its results.
"""
from __future__ import annotations

from ticketcheck.bounds.claim import Claim
from ticketcheck.bounds.registry import register

SRC = "seed 002 (README 'File Sample': abstract and §1)"


def _rec(id_, title, statement, source=SRC, **kw):
    return Claim(id=id_, title=title, source=source, statement=statement, methods=("REC",), **kw)


register(
    _rec("kumar_natale.model", "random model (second-hand)",
         "Not given in the seed. From unified's description (unified.cite6): quantized weights in a "
         "finite grid; exact representation (Delta = 0); 'mixed-precision assumptions' (activations of "
         "even layers of precision delta, odd layers delta^2).",
         source="unified §1, §2, §4.1, §4.2 (second-hand)", notes="Recorded as second-hand."),
    _rec("kumar_natale.claim1", "previous work (abstract)",
         "Previous works demonstrated that extremely low-precision networks, such as binary networks, "
         "can be constructed by pruning large, randomly-initialized networks, and showed that the ratio "
         "between the size of the original and the pruned networks is at most polylogarithmic."),
    _rec("kumar_natale.claim2", "SLTH/RSSP tool (abstract)",
         "The specific pruning method they employed inspired a line of theoretical work known as the "
         "Strong Lottery Ticket Hypothesis (SLTH), which leverages insights from the Random Subset Sum "
         "Problem. However, these results primarily address the continuous setting and cannot be applied "
         "to extend SLTH results to the quantized setting."),
    _rec("kumar_natale.claim3", "method (abstract)",
         "we build on foundational results by Borgs et al. on the Number Partitioning Problem to derive "
         "new theoretical results for the Random Subset Sum Problem in a quantized setting."),
    _rec("kumar_natale.claim4", "exact representation (abstract)",
         "we demonstrate that, in the quantized setting, the analogous class of target discrete neural "
         "networks can be represented exactly"),
    _rec("kumar_natale.claim5", "optimality (abstract)",
         "we prove optimal bounds on the necessary overparameterization of the initial network as a "
         "function of the precision of the target network.",
         notes="Cross-reference: unified.cite6 ('characterized the optimal trade-off between "
               "overparameterization and weight precision'; 'inverse-polynomial decay of the failure "
               "probability'; overparameterization 'log(1/delta + 1)')."),
    _rec("kumar_natale.claim6", "introduction (first paragraph)",
         "recent empirical work shows that aggressive quantization can preserve accuracy even down to "
         "the few bits regime."),
)
