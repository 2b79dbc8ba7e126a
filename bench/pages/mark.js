// Marks the embed pages interactive: performance.now() (time origin = navigation start) when
// the element fires netpad-load. A classic script after the element, so it listens before the
// deferred module bundle runs.
(function () {
  var el = document.getElementById('figure');
  el.addEventListener('netpad-load', function () {
    window.__bench = { interactive: performance.now(), status: el.status, boards: el.shadowRoot.querySelectorAll('svg').length };
  }, { once: true });
  el.addEventListener('netpad-error', function (e) {
    window.__bench = { error: (e.detail && (e.detail.kind + ': ' + e.detail.message)) || 'netpad-error' };
  }, { once: true });
})();
