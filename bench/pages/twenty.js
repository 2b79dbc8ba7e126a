// Twenty hyperbola figures on one page (bench/run.mjs, section 2: "20 figures"). window.__bench
// = { interactive, boards } once every figure this variant builds is live: all twenty for the
// eager variants, those near the viewport for netpad-lazy.
(function () {
  var variant = new URLSearchParams(location.search).get('variant');
  var COUNT = 20;
  var load = window.__loadScript;
  window.addEventListener('DOMContentLoaded', function () {
    var main = document.getElementById('main');
    if (variant === 'bare') {
      for (var i = 0; i < COUNT; i++) {
        var box = document.createElement('div');
        box.id = 'box' + i;
        box.className = 'figure jxgbox';
        main.appendChild(box);
      }
      load('/bench/jsxgraph/jsxgraphcore.js').then(function () {
        return load('./bare-update-figures.js');
      }).then(function () {
        for (var j = 0; j < COUNT; j++) window.__bareFigures['hyperbola-rectangle']('box' + j);
        window.__bench = { interactive: performance.now(), boards: document.querySelectorAll('.jxgbox svg').length };
      }).catch(function (err) { window.__bench = { error: err.message }; });
      return;
    }
    var lazy = variant === 'netpad-lazy';
    var els = [];
    for (var k = 0; k < COUNT; k++) {
      var el = document.createElement('netpad-embed');
      el.setAttribute('src', '/examples/figures/hyperbola-rectangle.json');
      el.setAttribute('loading', lazy ? 'lazy' : 'eager');
      main.appendChild(el);
      els.push(el);
    }
    var expected = lazy ? els.filter(function (e) { return e.getBoundingClientRect().top < innerHeight + 200; }).length : COUNT;
    var loaded = 0;
    els.forEach(function (e) {
      e.addEventListener('netpad-load', function () {
        if (++loaded === expected) window.__bench = { interactive: performance.now(), boards: loaded };
      }, { once: true });
      e.addEventListener('netpad-error', function (ev) { window.__bench = { error: ev.detail.kind + ': ' + ev.detail.message }; }, { once: true });
    });
    load('/lib/embed/netpad-embed.js', true).catch(function (err) { window.__bench = { error: err.message }; });
  });
})();
