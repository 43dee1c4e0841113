"""LaTeX of the `unified` statements, copied from the claim catalogue (claims.md §1) by
``scripts/unified_statements_tex.py``; shown typeset in the reports (``Claim.latex``)."""

STATEMENTS_TEX = {'unified.cite1': '"any feed-forward network of depth $\\ell$ and width $d$ can be approximated by '
                  'pruning a random network of depth $2\\ell$ and width $\\mathcal '
                  'O(d^5\\ell^2)$."',
 'unified.cite2': '"improved this to $\\mathcal O(d\\log(d\\ell))$".',
 'unified.cite3': '"a depth-$(\\ell+1)$ network suffices to approximate a depth-$\\ell$ target, '
                  'with certain trade-offs in the width."',
 'unified.cite4': '"a network of width $d$ and depth $\\ell$ can be approximated within error '
                  '$\\epsilon$ by a binary network of width $\\mathcal O(\\ell '
                  'd^{3/2}/\\epsilon+\\ell d\\log(\\ell d/\\epsilon))$ and depth $2\\ell$."',
 'unified.cite5': '"binary networks of depth $\\Theta(\\ell\\log(d\\ell/\\epsilon))$ and width '
                  '$\\Theta(d\\log^2(d\\ell/\\epsilon))$ suffice."',
 'unified.cite6': '"obtaining bounds for the exact representation of a quantized target network. A '
                  'key limitation of such analysis is that it yields only an inverse-polynomial '
                  'decay of the failure probability"; "only provided an estimate of the '
                  'probability of finding an exact subnetwork"; overparameterization '
                  '"$\\log(\\frac1\\delta+1)$" (§4.1); "mixed-precision assumptions, where neuron '
                  'activations are also discretized" (§4.2); "characterized the optimal trade-off '
                  'between overparameterization and weight precision" (§2).; cross-reference '
                  '`kumar_natale.*`.',
 'unified.cite7': '"inverse-exponential decay of previous SLTH results in the continuous setting '
                  '(Pensia et al., 2020; Orseau et al., 2020)".',
 'unified.cite8': 'Zhou et al. 2019, Ramanujan et al. 2020, Wang et al. 2019 (empirical strong '
                  'tickets); Frankle & Carbin 2019 (LTH); Burkholz 2022b (CNNs), Ferbach et al. '
                  '2022 (equivariant); Han et al. 2015 (quantization without loss of accuracy); '
                  'Hwang et al. 2024 (quantized universal approximation); Cunha et al. 2023 '
                  '(elementary proof of Lueker\'s theorem; "Previous work on SLTH (Cunha et al., '
                  '2023) explicitly construct this sparse network for a given target network by '
                  'solving many of these independent random subset sum problems", App. E); Lueker '
                  '1982/1998, Borst et al. 2023 (RSSP); Borgs et al. 2001 (NPP).',
 'unified.claim1': '"we are interested in the time at which $v_t$ reaches $2M+1-\\Delta$, since '
                   'this marks the point where the entire set $\\{-M,\\dots,M\\}$ can be '
                   '$\\Delta$-approximated."',
 'unified.claim2': '"consider a mixed-precision network as in Kumar & Natale (2025), where '
                   'activations in even-numbered layers have precision $\\delta$ and those in '
                   'odd-numbered layers have precision $\\delta^2$. Under this setup, Lemmas 1, 7, '
                   'and 8 remain valid." (no statement to test beyond rerunning the Lemma 1 '
                   'checker with rounded activations, optional).',
 'unified.claim3': '"According to Theorem 3, the task of approximating a given target network by '
                   'pruning a large network is equivalent to solving a collection of independent '
                   'random subset sum problems."',
 'unified.claim4': '"in Diffenderfer & Kailkhura (2021); Sreenivasan et al. (2022), only the '
                   'larger network is quantized, and only to the binary case rather than arbitrary '
                   'precision"; "Works in which the required overparameterization is already '
                   'polynomial (as opposed to logarithmic) such as Malach et al. (2020) and '
                   'Diffenderfer & Kailkhura (2021) are therefore marked with a cross in the last '
                   'column."',
 'unified.claim5': '"exponential improvement over previous results" (failure probability); '
                   '"failure probability … decays exponentially with overparameterization — a '
                   'substantial improvement over the inverse-polynomial guarantees in prior work"; '
                   '"strengthen previous probabilistic guarantees from inverse-polynomial to '
                   'exponential decay"; continuous-approximate and quantized-exact results "arise '
                   'as special cases in the limit of our results". (the limit parts are tested in '
                   '`unified.eq4`).',
 'unified.claim6': '"The SSP is a classical NP-complete problem (Garey & Johnson, 1979)".',
 'unified.claim7': '"The analysis in Appendix A shows that $v_t$ grows quickly to $M+1$ and then '
                   'slowly rises to $2M+1$." (App. A: "It turns out that $v_t$ grows quickly to '
                   '$M+1$ and then slowly rises to $2M+1$.")',
 'unified.def1': '"Consider the set of random variables $X_1,\\dots,X_n$ sampled uniformly from '
                 '$\\{-M,\\dots,M\\}$ for some positive integer $M$ and target '
                 '$z\\in\\{-M,\\dots,M\\}$. Let $\\Delta\\in\\mathbb N\\cup\\{0\\}$ be given. The '
                 'RSSP is the problem of finding a subset $S\\subseteq[n]$ such that '
                 '$|\\sum_{i\\in S}X_i-z|\\le\\Delta$."',
 'unified.def10': '"For any integers $d_0,\\dots,d_\\ell>0$ let $\\mathcal F_{d_0,\\dots,d_\\ell}$ '
                  'be the class of $\\ell$-layer neural networks $f:\\mathbb R^{d_0}\\to\\mathbb '
                  'R^{d_\\ell}$, $f(\\mathbf x):=\\mathbf W_\\ell\\sigma(\\mathbf '
                  'W_{\\ell-1}\\cdots\\sigma(\\mathbf W_1\\mathbf x))$ (Eq. (3)), where $\\mathbf '
                  'W_i\\in S_\\delta^{d_i\\times d_{i-1}}$." $d=\\max\\{d_1,\\dots,d_\\ell\\}$ '
                  '($d_0$ not included). $\\sigma$ = ReLU. No norm constraint on $\\mathbf W_i$ '
                  'beyond entries in $S_\\delta$.',
 'unified.def11': '"we define $\\log\\frac{\\frac1\\delta+1}{\\Delta+1}$ as the '
                  'overparameterization factor." (Eq. (4).)',
 'unified.def2': '$f_t:\\mathbb Z\\to\\{0,1\\}$, $f_t(z)=\\mathbb I\\{\\exists '
                 'S\\subseteq[t]:|\\sum_{i\\in S}X_i-z|\\le\\Delta\\}$, "with $f_t(0)=1$ by '
                 'definition". $t\\in\\mathbb N$.',
 'unified.def3': '$v_t=\\sum_{i=-M}^{M}f_t(i)$.',
 'unified.def4': '"We denote by $\\tau$ the first time that the process $v_t$ reaches at least '
                 '$2M+1-\\Delta$."',
 'unified.def5': '$\\tau_1=\\min\\{t\\ge0: v_t>M+1\\}$ (strict $>$).',
 'unified.def6': '$w_t=(2M+1)-v_{\\tau_1+t}$ (App. A writes $v_{t+\\tau_1}$).',
 'unified.def7': '"Let $\\tau_2$ the first time that $w_t$ gets smaller than or equal to '
                 '$2M-\\Delta+1$, that is $\\tau_2=\\min\\{t\\ge0: w_t\\le 2M-\\Delta+1\\}$."',
 'unified.def7.prose': '"the second half of the process: from the moment the volume reaches $M+1$ '
                       'up to the time it gets to $2M-\\Delta+1$" (and §3: "the volume grows from '
                       '$M+1$ to $2M-\\Delta+1$").',
 'unified.def8': '"Define $\\tau=\\tau_1+\\tau_2$, the first time at which the process $v_t$ '
                 'reaches at least $2M+1-d$." [the symbol $d$ here is written as printed; in '
                 'context it stands where $\\Delta$ would be expected].',
 'unified.def9': '"$S_\\delta:=\\{-1,-1+\\delta,-1+2\\delta,\\dots,1\\}$, where $\\delta=2^{-k}$ '
                 'for some $k\\in\\mathbb N$. A real number $b$ is said to have precision '
                 '$\\delta$ if $b\\in S_\\delta$." $S_\\delta^d$ = $d$-fold Cartesian product.',
 'unified.eq1': '$f_{t+1}(z)=f_t(z)+(1-f_t(z))\\,f_t(z-X_{t+1})$ for all $z\\in\\mathbb Z$.',
 'unified.eq10': 'union bound: probability '
                 '$1-\\sum_{i=0}^{\\ell-1}4d_id_{i+1}\\exp\\left(-\\frac{1}{\\kappa '
                 "n}\\left(n-C'\\log\\frac{\\frac1\\delta+1}{\\Delta+1}\\right)^2\\right)$.",
 'unified.eq2': '$\\mathbb E(v_{t+1}\\mid X_1,\\dots,X_t)\\ge '
                'v_t+\\frac{v_t}{4}\\left(1-\\frac{v_t}{2M}\\right)$. ("This is explicitly shown '
                'in Lemma 2, Appendix A.")',
 'unified.eq4': '(a) "an error $\\epsilon$ in the continuous setting corresponds to an error '
                '$\\Delta\\cdot\\delta$ in the quantized setting." (b) '
                '$\\log\\frac{\\frac1\\delta+1}{\\Delta+1}=\\log\\frac{\\frac1\\delta+1}{\\frac\\epsilon\\delta+1}=\\log\\frac{1+\\delta}{\\epsilon+\\delta}$. '
                '(c) "In the limit $\\delta\\to0$ … the overparameterization factor reduces to '
                '$\\log\\frac1\\epsilon$, matching … Pensia et al. (2020); Orseau et al. (2020)." '
                '(d) "setting $\\Delta=0$ … yields $\\log(\\frac1\\delta+1)$, which aligns with '
                'the overparameterization in Kumar & Natale (2025)."',
 'unified.eq5': '"for $t\\in\\mathbb N$, $\\mathbb P(\\tau_1\\ge t)\\le\\mathbb '
                'P\\left(\\sum_{i=1}^{i^*}Y_i\\ge t\\right)$" with $Y_i$ i.i.d. '
                '$\\mathrm{Geom}(p_\\beta)$.',
 'unified.eq6': '"Using $2M+1-w_t=v_{t+\\tau_1}>M+1$ to Lemma 5, we get $\\mathbb E(w_{t+1}\\mid '
                'X_1,\\dots,X_{t+\\tau_1})\\le\\frac78w_t$."',
 'unified.eq7': '$\\mathbb P(\\tau\\le t)\\ge '
                '1-\\exp\\left(-\\frac{p_\\beta^2}{t}\\left(t-\\frac{2}{p_\\beta}\\left\\lceil\\frac{\\log\\frac{M+1}{2\\Delta+1}}{\\log(1+\\beta)}\\right\\rceil\\right)^2\\right)-\\frac{1}{2M+1-\\Delta}\\left(\\frac78\\right)^{t/2}=1-\\exp\\left(-\\frac{1}{15^2t}\\left(t-30\\left\\lceil\\frac{\\log\\frac{M+1}{2\\Delta+1}}{\\log\\frac{17}{16}}\\right\\rceil\\right)^2\\right)-\\frac{1}{2M+1-\\Delta}\\left(\\frac78\\right)^{t/2}$. '
                '(The printed ceiling brackets are partly rendered as square brackets; read them '
                'as ceilings, as in Lemma 4.)',
 'unified.eq7.main_text': '$\\mathbb P(\\tau\\le t)=\\mathbb P(\\tau_1+\\tau_2\\le t)\\ge '
                          '1-\\exp\\!\\left(-\\frac{1}{15^2t}\\left(t-30\\left\\lceil\\frac{\\log\\frac{M+1}{2\\Delta+1}}{\\log\\frac{17}{16}}\\right\\rceil\\right)^2\\right)-\\frac{1}{2M+1-\\Delta}\\left(\\frac78\\right)^{t/2}\\ge '
                          '1-2\\exp\\!\\left[-\\frac{1}{\\kappa '
                          "t}\\left(t-C'\\log\\frac{M+1}{\\Delta+1}\\right)^2\\right]$.",
 'unified.eq8': 'with the probability of Lemma 8, "$\\sup_{\\mathbf w\\in '
                'S_\\delta^{d_{i+1}\\times d_i}}\\exists\\mathbf S_{2i},\\mathbf '
                'S_{2i-1}:\\sup_{\\mathbf x:\\|\\mathbf x\\|\\le1}\\|\\mathbf W_i\\mathbf '
                'x-(\\mathbf M_{2i}\\odot\\mathbf S_{2i})\\sigma((\\mathbf S_{2i}\\odot\\mathbf '
                'M_{2i-1})\\mathbf x)\\|<\\frac{\\varepsilon}{2\\ell}$" ["the $\\delta$ is chosen '
                'such that the following event holds"].',
 'unified.eq9': '"As ReLU is 1-Lipschitz, the above event implies $\\sup_{\\mathbf '
                'w}\\exists\\mathbf S_{2i},\\mathbf S_{2i-1}:\\sup_{\\|\\mathbf '
                'x\\|\\le1}\\|\\sigma(\\mathbf W_i\\mathbf x)-\\sigma((\\mathbf '
                'M_{2i}\\odot\\mathbf S_{2i})\\sigma((\\mathbf M_{2i-1}\\odot\\mathbf '
                'S_{2i-1})\\mathbf x))\\|<\\frac{\\varepsilon}{2\\ell}$."',
 'unified.exp1': '"a set of integers $X_1,\\dots,X_n$ sampled uniformly from the set '
                 '$\\{-M,\\dots,M\\}$. We focus on the case of exact representation, i.e., '
                 '$\\Delta=0$, which corresponds to the hardest scenario (allowing a tolerance '
                 'generally makes the problem easier). We solve the subset sum problem for a '
                 'target value $z=42$ … This procedure is repeated multiple times to estimate the '
                 'probability that a randomly sampled instance is solvable."',
 'unified.exp2': '"According to Theorem 2, the probability of successfully solving the subset sum '
                 'problem should be close to 1 whenever $n>C\\log(M+1)$. By analyzing the plots, '
                 'one can estimate that $C\\approx1.4$ (See Figure 1)."',
 'unified.exp3': '"ResNet-50, which has 23 million ($2.3\\times10^7$) parameters, and let each '
                 'weight be stored using an FP8 (8-bit floating-point) format. In this setting, '
                 '$M=2^7$, and thus $n>C\\log(2^7)$ is sufficient according to our theory."',
 'unified.exp4': '"the average time to solve a single random subset sum instance with $n=50$ and '
                 '$M=128$ is approximately $7\\times10^{-5}$ seconds (averaged over $10^5$ '
                 'trials)."',
 'unified.exp5': '"solving $2.3\\times10^7$ such instances would require roughly 27 minutes, '
                 'without any parallelization."',
 'unified.figure1': '"Left: Probability of solving a Random subset sum problem as a function of '
                    '$n$ for several values of $M$ for target $z=42$. The probability was computed '
                    'over 20000 trials. $n_c$ is the value of $n$ after which probability is '
                    'greater than 0.99. Right: $n_c$ vs $\\log M$ with a linear fit to determine '
                    'the constant $C$."',
 'unified.fn1': '"The target network is merely a proof artifact and is not known in practice; in '
                'fact, identifying such a network is NP-hard."',
 'unified.lemma1': '"Let $\\epsilon$ be any real number in $(0,1)$ and '
                   '$\\delta=\\epsilon/2\\Delta$, where $\\Delta\\in\\mathbb Z^+$. Let $g:\\mathbb '
                   'R\\to\\mathbb R$ be a randomly initialized network of the form $g(x)=\\mathbf '
                   'v^T\\sigma(\\mathbf ux)$, where $\\mathbf v,\\mathbf u\\in S_\\delta^{2n}$ '
                   "with $n\\ge C\\log\\frac{\\frac1\\delta+1}{\\Delta+1}$, and all $v_i,u_i$'s "
                   'are drawn i.i.d. uniformly from $S_\\delta$. Then with probability at least '
                   '$1-4\\exp\\left(-\\frac{1}{\\kappa '
                   "n}\\left(n-C'\\log\\frac{\\frac1\\delta+1}{\\Delta+1}\\right)^2\\right)$, we "
                   'have for any $w\\in S_\\delta$: $\\exists\\mathbf s,\\mathbf '
                   "s'\\in\\{0,1\\}^{2n}:\\sup_{x:|x|\\le1}|wx-(\\mathbf v\\odot\\mathbf "
                   's)^T\\sigma((\\mathbf u\\odot\\mathbf s\')(x))|\\le\\epsilon$."',
 'unified.lemma2': '"For all $0\\le t\\le n$, it holds that $\\mathbb E(v_{t+1}\\mid '
                   'X_1,\\dots,X_t)\\ge v_t+\\frac{v_t}{4}\\left(1-\\frac{v_t}{2M}\\right)$."',
 'unified.lemma2.as_used_in_lemma3': '$\\mathbb P(\\tilde v\\ge '
                                     'v_t(1+\\beta)\\mid\\cdot)\\ge\\frac{\\mathbb E[v_t\\mid '
                                     'X_{1..t},t\\le\\tau_1]-v_t(1-\\beta)}{2v_t-v_t(1-\\beta)}\\ge\\frac{\\frac98v_t-v_t(1+\\beta)}{2v_t-v_t(1+\\beta)}=\\frac{\\frac98-(1+\\beta)}{1-\\beta}=1-\\frac{7}{8(1-\\beta)}$. '
                                     'The implicit input is $\\mathbb E[\\tilde '
                                     'v\\mid\\cdot]\\ge\\frac98 v_t$ for $t<\\tau_1$.',
 'unified.lemma2.as_used_in_lemma5': '$\\mathbb E(v_{t+\\tau_1+1}\\mid '
                                     'X_1,\\dots,X_{t+\\tau_1})\\ge '
                                     'v_{t+\\tau_1}\\left(1+\\frac14\\left(1-\\frac{v_{t+\\tau_1}}{2M+1}\\right)\\right)$. '
                                     'The denominator is $2M+1$, where `unified.lemma2` has $2M$.',
 'unified.lemma2.main_text': '$\\mathbb E(v_{t+1}\\mid X_1,\\dots,X_t)\\ge '
                             'v_t+\\frac{v_t}{4}\\left(1-\\frac{v_t}{2M}\\right)$. ("This is '
                             'explicitly shown in Lemma 2, Appendix A.")',
 'unified.lemma3': '"Given $\\beta\\in(0,1/8)$, let $p_\\beta=1-\\frac{7}{8(1-\\beta)}$. For all '
                   'integers $0\\le t<\\tau_1$ it holds that $\\mathbb P(v_{t+1}\\ge '
                   'v_t(1+\\beta)\\mid X_1,\\dots,X_t,\\ t\\le\\tau_1)\\ge p_\\beta$."',
 'unified.lemma3.main_text': '"$\\mathbb P(v_{t+1}\\ge v_t(1+\\beta)\\mid '
                             'X_1,\\dots,X_t,t\\le\\tau_1)\\ge 1-\\frac{7}{8(1+\\beta)}$, for any '
                             '$\\beta\\in(0,1/8)$." For $\\beta=1/16$ this equals $3/17$. Check it '
                             'with the same checker and the RHS $1-\\frac{7}{8(1+\\beta)}$.',
 'unified.lemma4': '"Let $t$ be an integer and given $\\beta\\in(0,1/8)$, let '
                   '$p_\\beta=1-\\frac{1}{8(1+\\beta)}$ and '
                   '$i^*=\\left\\lceil\\frac{\\log\\frac{M+1}{2\\Delta+1}}{\\log(1+\\beta)}\\right\\rceil$. '
                   'If $t\\ge i^*/p_\\beta$, then $\\mathbb P(\\tau_1\\le t)\\ge '
                   '1-\\exp\\!\\left(-\\frac{2p_\\beta^2}{t}\\left(t-\\frac{i^*}{p_\\beta}\\right)^2\\right)$."',
 'unified.lemma4.as_used_in_thm4': 'the same inequality applied at time $t/2$ with $\\beta=1/16$ '
                                   "and $p_\\beta=1-\\frac{7}{8(1-\\beta)}=\\frac1{15}$ (Lemma 3's "
                                   '$p_\\beta$): $\\mathbb P(\\tau_1\\le t/2)\\ge '
                                   '1-\\exp\\!\\left(-\\frac{p_\\beta^2}{t}\\left(t-\\frac{2}{p_\\beta}\\left\\lceil\\frac{\\log\\frac{M+1}{2\\Delta+1}}{\\log(1+\\beta)}\\right\\rceil\\right)^2\\right)$. '
                                   'Stated assumption: '
                                   '"$t\\ge\\frac{1}{p_\\beta}\\lceil\\cdot\\rceil$". Check:/ of '
                                   '$P(\\tau_1\\le \\lfloor t/2\\rfloor)$ vs RHS. Also: that '
                                   "substituting $t\\to t/2$ in Lemma 4's form gives exactly this "
                                   'expression, and that the stated assumption '
                                   "$t\\ge\\frac1{p_\\beta}\\lceil\\cdot\\rceil$ matches Lemma 4's "
                                   'hypothesis at time $t/2$ (which reads $t/2\\ge i^*/p_\\beta$).',
 'unified.lemma4.main_text': '"$\\mathbb P(\\tau_1\\le t)\\ge '
                             '1-\\exp\\!\\left(-\\frac{2p_\\beta^2}{t}\\left(t-\\frac{i^*}{p_\\beta}\\right)^2\\right)$ '
                             'if '
                             '$t\\ge\\frac{1}{1-\\frac{1}{8(1+\\beta)}}\\left\\lceil\\frac{\\log\\frac{M+1}{2\\Delta+1}}{\\log(1+\\beta)}\\right\\rceil$." '
                             '($p_\\beta$ is not defined in §3; the threshold matches '
                             '$p_\\beta=1-\\frac1{8(1+\\beta)}$.) Check it with the same checker.',
 'unified.lemma5': '"For all $t\\ge0$, $\\mathbb E(w_{t+1}\\mid X_1,\\dots,X_{t+\\tau_1})\\le '
                   'w_t\\left(1-\\frac14\\left(1-\\frac{w_t}{2M+1}\\right)\\right)$."',
 'unified.lemma5.main_text': '"For all $t\\ge0$, $\\mathbb E(w_{t+1}\\mid '
                             'X_1,\\dots,X_{t+\\tau_1})\\le '
                             'w_t\\left(1-\\frac14\\left(1-\\frac{w_t}{2M+1}\\right)\\right)$."',
 'unified.lemma6': '"For all $t>0$, $\\mathbb P(\\tau_2\\le t)\\ge '
                   '1-\\frac{1}{2M+1-\\Delta}\\left(\\frac78\\right)^t$."',
 'unified.lemma6.main_text': '"For all $t>0$, $\\mathbb P(\\tau_2\\le t)\\ge '
                             '1-\\frac{1}{2M+1-\\Delta}\\left(\\frac78\\right)^t$."',
 'unified.lemma7': '"Let $d$ be some positive integer, $\\epsilon\\in(0,1)$ and '
                   '$\\delta=\\epsilon/2\\Delta d$ where $\\Delta\\in\\mathbb Z^+$. Consider a '
                   'randomly initialized neural network $g(\\mathbf x)=\\mathbf '
                   'v^T\\sigma(\\mathbf M\\mathbf x)$ with $\\mathbf x\\in\\mathbb R^d$ such that '
                   '$\\mathbf M\\in S_\\delta^{C\\log(\\frac{\\frac1\\delta+1}{\\Delta+1})\\times '
                   'd}$ and $\\mathbf v\\in '
                   'S_\\delta^{C\\log(\\frac{\\frac1\\delta+1}{\\Delta+1})}$, where each weight is '
                   'initialized independently from the uniform distribution over $S_\\delta$. Let '
                   '$\\hat g(\\mathbf x)=(\\mathbf s\\odot\\mathbf v)^T\\sigma((\\mathbf '
                   'T\\odot\\mathbf M)\\mathbf x)$ … If $f_{\\mathbf w}(\\mathbf x)=\\mathbf '
                   'w^T\\mathbf x$, $\\mathbf w\\in S_\\delta^d$, '
                   '$n>C\\log(\\frac{\\frac1\\delta+1}{\\Delta+1})$, then with probability at '
                   'least $1-4d\\exp\\left(-\\frac{1}{\\kappa '
                   "n}\\left(n-C'\\log(\\frac{\\frac1\\delta+1}{\\Delta+1})\\right)^2\\right)$, we "
                   'have for any $\\mathbf w\\in S_\\delta^d$: $\\exists\\mathbf s,\\mathbf '
                   'T:\\sup_{\\|\\mathbf x\\|_\\infty\\le1}|f_{\\mathbf w}(\\mathbf x)-\\hat '
                   'g(\\mathbf x)|<\\epsilon$."',
 'unified.lemma8': '"Let $d_1,d_2$ be some positive integers, $\\varepsilon\\in(0,1)$ and '
                   '$\\delta=\\varepsilon/2\\Delta d_1d_2$ where $\\Delta\\in\\mathbb Z^+$. '
                   'Consider a randomly initialized two-layer neural network $g(x)=\\mathbf '
                   'N\\sigma(\\mathbf M\\mathbf x)$ with $\\mathbf x\\in\\mathbb R^{d_1}$ such '
                   'that $\\mathbf N$ has dimension $d_2\\times '
                   'Cd_1\\log(\\frac{\\frac1\\delta+1}{\\Delta+1})$ and $\\mathbf M$ has dimension '
                   '$Cd_1\\log(\\frac{\\frac1\\delta+1}{\\Delta+1})\\times d_1$ … Let $\\hat '
                   'g(x)=(\\mathbf S\\odot\\mathbf N)^T\\sigma((\\mathbf T\\odot\\mathbf M)x)$ … '
                   'If $f_{\\mathbf W}(x)=\\mathbf Wx$ is the linear (single-layered) network, '
                   'where $\\mathbf W\\in S_\\delta^{d_1\\times d_2}$, '
                   '$n>C\\log\\frac{\\frac1\\delta+1}{\\Delta+1}$, then with probability at least '
                   '$1-4d_1d_2\\exp\\left(-\\frac{1}{\\kappa '
                   "n}\\left(n-C'\\log\\frac{\\frac1\\delta+1}{\\Delta+1}\\right)^2\\right)$, we "
                   'have for any $\\mathbf W\\in S_\\delta^{d_1\\times d_2}$: $\\exists\\mathbf '
                   'S,\\mathbf T:\\sup_{\\mathbf W\\in S_\\delta^{d_1\\times '
                   'd_2}}\\sup_{x:\\|x\\|_\\infty\\le1}\\|f_{\\mathbf W}(x)-\\hat g(\\mathbf '
                   'x)\\|<\\varepsilon$."',
 'unified.model1': '$X_1,\\dots,X_n$ i.i.d. uniform on the integers $\\{-M,-M+1,\\dots,M\\}$ (2M+1 '
                   'values, 0 included), $M$ a positive integer.',
 'unified.model2': '$S_\\delta=\\{-1,-1+\\delta,\\dots,1\\}$ with $\\delta=2^{-k}$, $k\\in\\mathbb '
                   'N$. So $|S_\\delta|=2/\\delta+1$, and $S_\\delta$ is '
                   '$\\delta\\cdot\\{-1/\\delta,\\dots,1/\\delta\\}$, i.e. $M=1/\\delta$ in units '
                   'of $\\delta$.',
 'unified.model3': '$X_i$ i.i.d. $U[-1,1]$. Success: for all $z\\in[-\\tfrac12,\\tfrac12]$ '
                   'simultaneously $\\exists S\\subseteq[n]$ with $|\\sum_{S}X_i-z|\\le\\epsilon$ '
                   '(non-strict).',
 'unified.model4': '$X_i$ uniform on $\\{-M..M\\}$, $\\Delta=0$, single target $z=42$. Success: '
                   '$\\exists S$ with $\\sum_S X_i=42$. 20000 trials per $(M,n)$.',
 'unified.remark1': '"the requirement of uniformly distributed weights can be removed via a '
                    'standard rejection sampling argument Lueker (1998). Moreover, the restriction '
                    'to ReLU activations can also be relaxed, as shown in Burkholz (2022a)."',
 'unified.step_appF_mix': '$Y$ on $\\mathcal Y=\\{y_1..y_M\\}$ with pmf $p_i>0$, '
                          '$p_{\\min}=\\min_ip_i$, $U\\sim\\mathrm{Unif}(\\mathcal Y)$, '
                          '$\\alpha:=Mp_{\\min}$ "which satisfies $\\alpha\\le1$", '
                          '$g_i:=\\frac{p_i-\\alpha/M}{1-\\alpha}=\\frac{p_i-p_{\\min}}{1-Mp_{\\min}}$, '
                          '$B\\sim\\mathrm{Bernoulli}(\\alpha)$ independent. Then $Y\\overset '
                          'd=BU+(1-B)G$, i.e. $\\mathbb P(Y=y_i)=\\alpha\\frac1M+(1-\\alpha)g_i$.',
 'unified.step_lemma1_1': '"Let $\\mathbf a^+=\\max\\{0,\\mathbf a\\}$ … Then $\\mathbf a^+$ '
                          'contains $n$ i.i.d. random variables uniformly distributed over non '
                          'negative entries of $S_\\delta$." (Step 3 has the mirror claim for '
                          '$\\mathbf c^-=\\min\\{0,\\mathbf c\\}$, "uniformly distributed over non '
                          'positive entries of $S_\\delta$".)',
 'unified.step_lemma1_2': '(a) "solving the Subset Sum Problem in an integer setting where numbers '
                          'are sampled from $\\{-M,\\dots,M\\}$ and solving it when numbers are '
                          'sampled from $\\{-1,\\dots,\\delta,2\\delta,\\dots,1\\}$ is equivalent: '
                          'the only difference is a scaling factor." (b) "the numbers '
                          '$\\{Z_i\\}_i$ [$Z_i=b_ia_i^+$] are of precision $\\delta^2$, and they '
                          'are not uniformly distributed." (c) "for $n$ large enough, a constant '
                          'fraction of these samples is uniformly distributed (Theorem 5, Appendix '
                          'F)." (d) "Hence by Theorem 2, as long as $n\\ge '
                          'C\\log\\frac{\\frac1\\delta+1}{\\Delta+1}$, with probability at least '
                          '$1-2\\exp\\left(-\\frac{1}{\\kappa '
                          'n}\\left(n-C\\log\\frac{\\frac1\\delta+1}{\\Delta+1}\\right)^2\\right)$, '
                          'we can choose a subset of $\\{Z_i\\}$ such that $\\forall w\\in '
                          'S_\\delta,\\ |w-\\mathbf b^T(\\mathbf s_1\\odot\\mathbf '
                          'a^+)|<\\Delta\\delta$." (e) "Hence $\\forall w\\in S_\\delta,\\ '
                          '\\sup_{x\\in[-1,1]}|\\sigma(wx)-\\mathbf b^T\\sigma((\\mathbf '
                          's_1\\odot\\mathbf a^+)x)|<\\Delta\\delta$."',
 'unified.step_lemma1_4': '"Applying Theorem 2 again, with $n\\ge '
                          'C\\log\\frac{\\frac1\\delta+1}{\\Delta+1}$, with probability at least '
                          '$1-2\\exp(\\cdots)$, there exists $\\mathbf s_2\\in\\{0,1\\}^n$ such '
                          'that $\\forall w\\in S_\\delta,\\ '
                          '\\sup_{x\\in[-1,1]}|-\\sigma(-wx)-\\mathbf d^T\\sigma((\\mathbf '
                          's_2\\odot\\mathbf c^-)x)|<\\Delta\\delta$."',
 'unified.step_lemma1_5': 'union bound gives probability $\\ge1-4\\exp\\left(-\\frac{1}{\\kappa '
                          "n}\\left(n-C'\\log\\frac{\\frac1\\delta+1}{\\Delta+1}\\right)^2\\right)$ "
                          "(constant renamed $C\\to C'$). Then $\\inf_{\\mathbf "
                          's}\\sup_{|x|\\le1}|wx-(\\mathbf v\\odot\\mathbf s)^T\\sigma((\\mathbf '
                          'u\\odot\\mathbf s\')x)|\\le\\dots\\le 2\\Delta\\delta$, "Since '
                          '$\\delta=\\varepsilon/2\\Delta$, the result follows."',
 'unified.step_lemma1_dec': 'with $\\mathbf v=[\\mathbf b;\\mathbf d]$, $\\mathbf u=[\\mathbf '
                            'a;\\mathbf c]$, $\\mathbf s=[\\mathbf s_1;\\mathbf s_2]$, $\\mathbf '
                            "s'=[\\mathbf s'_1;\\mathbf s'_2]$, $\\mathbf a,\\mathbf b,\\mathbf "
                            'c,\\mathbf d\\in S_\\delta^n$: $(\\mathbf v\\odot\\mathbf '
                            "s)^T\\sigma((\\mathbf u\\odot\\mathbf s')x)=(\\mathbf b\\odot\\mathbf "
                            "s_1)^T\\sigma(\\mathbf a\\odot\\mathbf s'_1x)+(\\mathbf "
                            "d\\odot\\mathbf s_2)^T\\sigma(\\mathbf c\\odot\\mathbf s'_2x)$. Also "
                            '$wx=\\sigma(wx)-\\sigma(-wx)$.',
 'unified.step_lemma2_a': '$\\mathbb E(v_{t+1}\\mid '
                          'X_{1..t})=v_t+\\frac{1}{2M+1}\\sum_{i=-M}^{M}(1-f_t(i))\\sum_{k=i-M}^{i+M}f_t(k)$.',
 'unified.step_lemma2_b': '$\\mathbb E(v_{t+1}\\mid\\cdot)\\ge '
                          'v_t+\\frac{1}{2M+1}\\sum_{i=-M/2+\\mu}^{M/2+\\mu}\\big((1-f_t(i))\\sum_{k=-M/2+\\mu}^{M/2+\\mu}f_t(k)\\big)$ '
                          '"for some $\\mu\\in\\{-M/2,\\dots,M/2\\}$ (by range restriction)". And '
                          '"$\\exists\\mu^*\\in\\{-M/2,\\dots,M/2\\}$ such that '
                          '$\\sum_{k=-M/2+\\mu^*}^{M/2+\\mu^*}f_t(k)\\ge v_t/2$."',
 'unified.step_lemma2_c': '$\\mathbb E(v_{t+1}\\mid\\cdot)\\ge '
                          'v_t+\\frac{1}{2M}\\frac{v_t}{2}\\sum_{i=-M/2+\\mu^*}^{M/2+\\mu^*}(1-f_t(i))\\ge '
                          'v_t+\\frac{v_t}{4}\\left(1-\\frac{v_t}{2M}\\right)$.',
 'unified.step_lemma3_rm': '"for any random variable $X$ such that $0\\le X\\le b$ and $0\\le '
                           'a\\le\\mathbb E[X]$, we have $\\mathbb P(X\\ge a)\\ge\\frac{\\mathbb '
                           'E[X]-a}{b-a}$."',
 'unified.step_lemma3_tilde': '$\\tilde '
                              'v=\\sum_{i=-M}^{M}(f_t(i)+(1-f_t(i))f_t(i-X_{t+1}))\\mathbb '
                              'I_{\\{-M,\\dots,M\\}}$. "Clearly $\\tilde v\\le v_{t+1}$ and '
                              '$\\tilde v\\le 2v_t$. The bound in Lemma 2 also holds for $\\tilde '
                              'v$."',
 'unified.step_lemma4_gb': '"$\\mathbb P(\\sum_{i=1}^{i^*}Y_i\\le t)=\\mathbb P(B_t\\ge i^*)$", '
                           '$B_t\\sim\\mathrm{Bin}(t,p_\\beta)$. Used as "$\\mathbb P(\\sum '
                           'Y_i\\ge t)\\le\\mathbb P(B_t\\le i^*)$".',
 'unified.step_lemma4_h': '"for all $\\lambda\\ge0$, $\\mathbb P(B_t\\le '
                          'tp_\\beta-\\lambda)\\le\\exp(-2\\lambda^2/t)$. Setting '
                          '$tp_\\beta-\\lambda=i^*$: $\\mathbb P(\\sum Y_i\\ge t)\\le\\mathbb '
                          'P(B_t\\le '
                          'i^*)\\le\\exp(-\\frac2t(tp_\\beta-i^*)^2)=\\exp(-\\frac{2p_\\beta^2}{t}(t-\\frac{i^*}{p_\\beta})^2)$, '
                          'which holds as long as $t\\ge\\frac{1}{p_\\beta}\\lceil\\cdot\\rceil$."',
 'unified.step_lemma4_istar': '$I_0=\\{1,\\dots,2\\Delta+1\\}$, '
                              '$I_i=\\{\\lfloor(2\\Delta+1)(1+\\beta)^{i-1}\\rfloor,\\dots,\\lfloor(2\\Delta+1)(1+\\beta)^{i}\\rfloor\\}$, '
                              '$I_{i^*}=\\{\\lfloor(2\\Delta+1)(1+\\beta)^{i^*-1}\\rfloor,\\dots,M+1\\}$, '
                              '"where $i^*$ is the smallest integer for which '
                              '$\\lfloor(2\\Delta+1)(1+\\beta)^{i^*}\\rfloor\\ge M+1\\implies '
                              'i^*=\\lceil\\log\\frac{M+1}{2\\Delta+1}/\\log(1+\\beta)\\rceil$". '
                              'The intervals partition "the domain $\\{0,\\dots,M\\}$".',
 'unified.step_lemma6_e': '"$\\mathbb E[w_t]=\\mathbb E[\\mathbb E(w_{t+1}\\mid '
                          'X_1,\\dots,X_{t+\\tau_1})]\\le\\frac78\\mathbb E[w_{t-1}]$, which, by '
                          'recursion, yields $\\mathbb E[w_t]\\le(\\frac78)^t\\mathbb '
                          'E[w_0]\\le\\frac12(\\frac78)^t$." [indices as printed]',
 'unified.step_lemma6_m': '"$\\mathbb P(\\tau_2\\ge t)\\le\\mathbb P(w_t\\ge '
                          '2M+1-\\Delta)\\le\\frac{\\mathbb '
                          'E[w_t]}{2M+1-\\Delta}\\le\\frac{1}{2M+1-\\Delta}(\\frac78)^t$."',
 'unified.step_thm3_err': "$\\|\\mathbf x_{i+1}-\\mathbf x'_{i+1}\\|\\le\\|\\mathbf x_i-\\mathbf "
                          "x'_i\\|+\\|\\mathbf W_i\\mathbf x'_i-\\mathbf M'_{2i}\\sigma(\\mathbf "
                          "M'_{2i-1}\\mathbf x'_i)\\|<\\|\\mathbf x_i-\\mathbf "
                          "x'_i\\|+(1+\\frac\\varepsilon{2\\ell})^{i-1}\\frac\\varepsilon{2\\ell}$. "
                          'Unrolled: $\\|\\mathbf x_\\ell-\\mathbf '
                          "x'_\\ell\\|\\le\\sum_{i=1}^{\\ell-1}(1+\\frac\\varepsilon{2\\ell})^{i-1}\\frac\\varepsilon{2\\ell}$. "
                          'Uses $\\|\\sigma(\\mathbf W_i\\mathbf x_i)-\\sigma(\\mathbf W_i\\mathbf '
                          "x'_i)\\|\\le\\|\\mathbf x_i-\\mathbf x'_i\\|$.",
 'unified.step_thm3_final': '"with probability at least $1-\\varepsilon$, $\\|f(\\mathbf '
                            'x)-g(\\mathbf '
                            'x)\\|\\le\\dots\\le\\sum_{i=1}^\\ell(1+\\frac\\varepsilon{2\\ell})^{i-1}\\frac\\varepsilon{2\\ell}=(1+\\frac\\varepsilon{2\\ell})^\\ell-1<e^{\\varepsilon/2}-1<\\varepsilon$ '
                            '(since $\\varepsilon<1$)." Then: "Now simply using the definition of '
                            '$n$ in Equation 10 gives the required result."',
 'unified.step_thm3_norm': '"Because the input $\\mathbf x$ has $\\|\\mathbf x\\|\\le1$, Equation '
                           '9 also states that $\\|\\mathbf '
                           'x\'_i\\|\\le(1+\\frac{\\varepsilon}{2\\ell})^{i-1}$": '
                           "$\\|\\sigma(\\mathbf W_i\\mathbf x'_i)-\\mathbf "
                           "x'_{i+1}\\|\\le\\|\\mathbf x'_i\\|\\frac\\varepsilon{2\\ell}$, and "
                           "$\\|\\mathbf x'_{i+1}\\|\\le\\|\\mathbf "
                           "x'_i\\|\\frac\\varepsilon{2\\ell}+\\|\\sigma(\\mathbf W_i\\mathbf "
                           "x'_i)\\|\\le\\|\\mathbf x'_i\\|\\frac\\varepsilon{2\\ell}+\\|\\mathbf "
                           "W_i\\mathbf x'_i\\|\\le\\|\\mathbf "
                           "x'_i\\|\\frac\\varepsilon{2\\ell}+\\|\\mathbf x'_i\\|$.",
 'unified.step_thm4_comb': '$\\exp\\left[-\\frac{p_\\beta^2}{t}\\left(t-\\frac{2}{p_\\beta}\\lceil\\cdot\\rceil\\right)^2\\right]+\\frac{1}{2M+1-\\Delta}\\left(\\frac78\\right)^{t/2}\\le '
                           '2\\exp\\left[-\\frac{1}{15^2t}\\left(t-\\frac{60}{\\log\\frac{17}{16}}\\log\\frac{M+1}{\\Delta+1}\\right)^2\\right]$.',
 'unified.step_thm4_e1': '"Now take '
                         '$t\\ge\\frac{60}{\\log\\frac{17}{16}}\\log\\frac{M+1}{2\\Delta+1}$, it '
                         'follows that '
                         '$\\exp\\left(-\\frac{1}{15^2t}\\left(t-30\\left\\lceil\\frac{\\log\\frac{M+1}{2\\Delta+1}}{\\log\\frac{17}{16}}\\right\\rceil\\right)^2\\right)\\le\\exp\\left(-\\frac{1}{15^2t}\\left(t-\\frac{60}{\\log\\frac{17}{16}}\\log\\frac{M+1}{\\Delta+1}\\right)^2\\right)$."',
 'unified.step_thm4_e2': '$\\frac{1}{2M+1-\\Delta}(\\frac78)^{t/2}=\\exp[\\log\\frac{1}{2M+1-\\Delta}-\\frac '
                         't2\\log\\frac87]\\le\\exp[\\log\\frac{M+1}{\\Delta+1}-\\frac '
                         't{15}]=\\exp\\left[-\\frac1{15}\\frac{1}{t-15\\log\\frac{M+1}{\\Delta+1}}\\left(t-15\\log\\frac{M+1}{\\Delta+1}\\right)^2\\right]$.',
 'unified.step_thm4_e3': '$\\exp\\left[-\\frac1{15}\\frac{(t-15L)^2}{t-15L}\\right]\\le\\exp\\left[-\\frac{1}{15t}(t-15L)^2\\right]\\le\\exp\\left[-\\frac{1}{15^2t}\\left(t-\\frac{60}{\\log\\frac{17}{16}}L\\right)^2\\right]$ '
                         'with $L=\\log\\frac{M+1}{\\Delta+1}$.',
 'unified.step_thm4_p': '"Let $\\beta=\\frac1{16}$ and '
                        '$p_\\beta=1-\\frac{7}{8(1-\\beta)}=\\frac1{15}$." Hence '
                        '$p_\\beta^2=1/15^2$, $2/p_\\beta=30$, '
                        '$\\log(1+\\beta)=\\log\\frac{17}{16}$.',
 'unified.step_thm4_union': '$\\mathbb P(\\tau_1+\\tau_2\\le t)\\ge\\mathbb P(\\tau_1\\le '
                            't/2,\\tau_2\\le t/2)\\ge\\mathbb P(\\tau_1\\le t/2)+\\mathbb '
                            'P(\\tau_2\\le t/2)-1$ ("by the union bound").',
 'unified.table1': 'columns (Quantized, Approx., Exact Representation, Exponential Probability): '
                   'Malach et al. (2020) X ✓ X X; Pensia et al. (2020) X ✓ X ✓; Orseau et al. '
                   '(2020) X ✓ X ✓; Diffenderfer & Kailkhura (2021) ✓ ✓ X X; Kumar & Natale (2025) '
                   '✓ X ✓ X; Ours ✓ ✓ ✓ ✓.',
 'unified.thm1': '"Consider $X_1,\\dots,X_n$ sampled uniformly from $U[-1,1]$. If '
                 '$n>C\\log(1/\\epsilon)$, then with probability at least $1-\\epsilon$, for any '
                 '$z\\in[-\\tfrac12,\\tfrac12]$, there exists $S\\subseteq[n]$ such that '
                 '$|\\sum_{i\\in S}X_i-z|\\le\\epsilon$."',
 'unified.thm2': '"Let $\\Delta\\in\\{0,\\dots,M\\}$. There exist constants $C>0$ and $\\kappa>0$ '
                 'such that for every $t\\ge C\\log\\frac{M+1}{\\Delta+1}$, it holds that '
                 '$\\mathbb P(\\tau\\le t)\\ge 1-2\\exp\\!\\left[-\\frac{1}{\\kappa '
                 't}\\left(t-C\\log\\frac{M+1}{\\Delta+1}\\right)^2\\right]$."',
 'unified.thm2.as_used_in_lemma1': "Theorem 2's conclusion, in the units of $S_\\delta$ (with "
                                   '$M\\leftrightarrow 1/\\delta$), gives a strict tolerance '
                                   '$<\\Delta\\delta$ for all $w\\in S_\\delta$ with probability '
                                   '$\\ge1-2\\exp(-\\frac1{\\kappa '
                                   'n}(n-C\\log\\frac{1/\\delta+1}{\\Delta+1})^2)$, for samples '
                                   '$Z_i$ of precision $\\delta^2$. (Theorem 2 itself: samples '
                                   'uniform on the full grid $\\{-M..M\\}$, tolerance '
                                   '$\\le\\Delta$ in grid units.)',
 'unified.thm3': '"Let $d_0,\\dots,d_\\ell$ be any integers greater than 0, $\\epsilon$ be any '
                 'real number in $(0,1)$ and $\\delta=\\epsilon/2\\Delta N_T$ where '
                 '$N_T=\\sum_{i=1}^{\\ell}d_{i-1}d_i$ and $\\Delta\\in\\mathbb Z^+$. Consider a '
                 'randomly initialized $2\\ell$-layered neural network $g(\\mathbf x)=\\mathbf '
                 'M_{2\\ell}\\sigma(\\mathbf M_{2\\ell-1}\\cdots\\sigma(\\mathbf M_1\\mathbf x))$, '
                 'where every weight is drawn uniformly from $S_\\delta$. Let '
                 '$n>\\log\\frac{\\frac1\\delta+1}{\\Delta+1}$. Assume $\\mathbf M_{2i}$ has '
                 'dimension $d_i\\times Cd_{i-1}n$, and $\\mathbf M_{2i-1}$ has dimension '
                 '$Cd_{i-1}n\\times d_{i-1}$. Then, with probability at least '
                 "$1-4d^2\\ell\\exp(-C'n)$, for every $f\\in\\mathcal F_{d_0,\\dots,d_\\ell}$ it "
                 'holds $\\min_{\\mathbf S_i\\in\\{0,1\\}^{d_i\\times '
                 'd_{i-1}}}\\sup_{\\|f(\\mathbf x)-(\\mathbf S_{2\\ell}\\odot\\mathbf '
                 'M_{2\\ell})\\sigma((\\mathbf S_{2\\ell}\\odot\\mathbf '
                 'M_{2\\ell})\\cdots\\sigma((\\mathbf S_1\\odot\\mathbf M_1)\\mathbf '
                 'x))\\|}\\le\\epsilon$." [extraction: the domain of the sup is missing and the '
                 "norm expression is printed as the sup's subscript; the second mask factor is "
                 'printed as $\\mathbf S_{2\\ell}\\odot\\mathbf M_{2\\ell}$, where $2\\ell-1$ '
                 'might be expected.]',
 'unified.thm3.informal': '"With high probability, a depth-$2\\ell$ randomly-initialized network '
                          '$N_{in}$ of width $\\mathcal O(d\\log(1/\\delta))$ whose weights are '
                          'represented using $\\log1/\\delta$ bits of precision can be pruned to '
                          '$\\epsilon$ approximate any target network $N_t$ with $\\ell$ layers of '
                          'width at most $d$."',
 'unified.thm4': '"Let $\\Delta\\in\\{0,\\dots,M\\}$. There exist constants $C\'>0$ and '
                 "$\\kappa>0$ such that for every $t\\ge C'\\log\\frac{M+1}{\\Delta+1}$, it holds "
                 'that $\\mathbb P(\\tau\\le t)\\ge 1-2\\exp\\left[-\\frac{1}{\\kappa '
                 't}\\left(t-C\'\\log\\frac{M+1}{\\Delta+1}\\right)^2\\right]$." Proof ends: "The '
                 'required result now follows by putting $\\kappa=15^2$ and '
                 '$C\'=60/\\log(17/16)$."',
 'unified.thm5': '"For $n$ large enough, a constant fraction $\\alpha/2=(Mp_{\\min})/2$ of '
                 "$X_i$'s are uniformly distributed with probability at least "
                 '$1-\\exp(-n(Mp_{\\min})^2/2)$." Proof: $S=\\sum B_i$, $\\mathbb '
                 'P(S\\le\\frac{n\\alpha}2)\\le\\exp(-\\frac{2t^2}{n})=\\exp(-\\frac{n\\alpha^2}2)$ '
                 'with $t=n\\alpha/2$ (Hoeffding).'}
