/* ticketcheck report: typeset the math (bundled KaTeX), load the plots lazily, filter by verdict and
   severity, search. Everything runs locally: no network. */
(function () {
  var errors = [];
  window.addEventListener('error', function (e) { errors.push(String(e.message)); });

  function typeset() {
    var opts = {
        delimiters: [{left: '$$', right: '$$', display: true}, {left: '\\[', right: '\\]', display: true},
                     {left: '$', right: '$', display: false}, {left: '\\(', right: '\\)', display: false}],
        throwOnError: false, ignoredClasses: ['code', 'nomath'],
        macros: {'\\argmax': '\\operatorname*{arg\\,max}', '\\argmin': '\\operatorname*{arg\\,min}'},
        errorCallback: function (msg) { errors.push(msg); }
    };
    /* only the formulas the report marked: a '$' in prose never opens one */
    document.querySelectorAll('.math').forEach(function (el) {
      try { renderMathInElement(el, opts); } catch (e) { errors.push(String(e)); }
    });
  }

  function lazyImages() {
    var imgs = document.querySelectorAll('img[data-src]');
    function show(img) { if (img.dataset.src) { img.src = img.dataset.src; img.removeAttribute('data-src'); } }
    if (!('IntersectionObserver' in window)) { imgs.forEach(show); return; }
    var io = new IntersectionObserver(function (entries) {
      entries.forEach(function (en) { if (en.isIntersecting) { show(en.target); io.unobserve(en.target); } });
    }, {rootMargin: '600px 0px'});
    imgs.forEach(function (img) { io.observe(img); });
  }

  function filters() {
    var search = document.getElementById('search');
    var boxes = document.querySelectorAll('#filters input[type=checkbox]');
    var items = document.querySelectorAll('.filterable');
    var count = document.getElementById('filter-count');
    function wanted(kind) {
      var s = {};
      boxes.forEach(function (b) { if (b.dataset.kind === kind && b.checked) s[b.value] = true; });
      return s;
    }
    function apply() {
      var v = wanted('verdict'), sev = wanted('severity');
      var q = (search && search.value || '').trim().toLowerCase();
      var shown = 0;
      items.forEach(function (el) {
        var ok = v[el.dataset.verdict] && sev[el.dataset.severity || 'none'];
        if (ok && q) ok = el.textContent.toLowerCase().indexOf(q) >= 0;
        el.classList.toggle('filtered-out', !ok);
        if (ok) shown++;
      });
      document.querySelectorAll('#toc [data-target]').forEach(function (li) {
        var t = document.getElementById(li.dataset.target);
        li.classList.toggle('filtered-out', !!t && t.classList.contains('filtered-out'));
      });
      if (count) count.textContent = shown + ' of ' + items.length + ' items shown';
      document.body.setAttribute('data-filter-shown', String(shown));
    }
    /* a filtered view can be shared: report.html?verdict=violated,gap&severity=substantive&q=lemma */
    try {
      var params = new URLSearchParams(window.location.search);
      ['verdict', 'severity'].forEach(function (kind) {
        if (!params.has(kind)) return;
        var on = params.get(kind).split(',');
        boxes.forEach(function (b) { if (b.dataset.kind === kind) b.checked = on.indexOf(b.value) >= 0; });
      });
      if (params.has('q') && search) search.value = params.get('q');
    } catch (e) { /* no URLSearchParams: the unfiltered page */ }
    var timer = null;
    if (search) search.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(apply, 120); });
    boxes.forEach(function (b) { b.addEventListener('change', apply); });
    window.ticketcheckFilter = apply;
    apply();
  }

  function done() {
    typeset();
    lazyImages();
    filters();
    var n = document.querySelectorAll('.katex').length;
    var m = document.querySelectorAll('.math').length;
    var bad = document.querySelectorAll('.katex-error').length;
    document.body.setAttribute('data-katex-count', String(n));
    document.body.setAttribute('data-math-count', String(m));
    document.body.setAttribute('data-katex-errors', String(bad));
    document.body.setAttribute('data-js-errors', String(errors.length));
    document.body.setAttribute('data-render-status', errors.length ? 'errors' : 'ok');
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', done); else done();
})();
