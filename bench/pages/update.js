// Drives one figure of the per-update benchmark (bench/run.mjs, section 5). Both variants end in
// the same window.__bench: { ready, update(i), target() }:
//   update(i)  one synchronous change and redraw: the figure's slider (or, without one, its
//              point) set to the i-th of a few values, as setValue does it;
//   target()   where the dragged object is on the page (client coordinates), for a real drag.
(function () {
  var params = new URLSearchParams(location.search);
  var variant = params.get('variant');
  var figure = params.get('figure');
  /** What each figure changes: a slider and its values, or a point and its positions; and what a drag takes. */
  var PLAN = {
    'hyperbola-rectangle': { slider: 'k', values: [2, 5, 3.5, 7, 4.5, 6], drag: 'P' },
    'triangle-centres': { point: 'A', values: [[-4, -2], [-3.5, -2.6], [-4.4, -1.5], [-3.8, -2.2]], drag: 'A' },
    'sine-wave': { slider: 'p', values: [0.5, 1.2, -0.7, 2.1, -1.9, 0.1], drag: 'p' },
  };
  var plan = PLAN[figure];
  var id = plan.slider || plan.point;
  var fail = function (message) { window.__bench = { error: message }; };

  var load = window.__loadScript;

  if (variant === 'netpad') {
    window.addEventListener('DOMContentLoaded', function () {
      var el = document.createElement('netpad-embed');
      // The example's own file: paid figures (the triangle) have no public document URL.
      el.setAttribute('src', '/examples/figures/' + figure + '.json');
      el.setAttribute('loading', 'eager');
      el.setAttribute('aspect-ratio', '1');
      document.getElementById('slot').replaceWith(el);
      el.addEventListener('netpad-error', function (e) { fail(e.detail.kind + ': ' + e.detail.message); }, { once: true });
      el.addEventListener('netpad-load', function () {
        window.__bench = {
          ready: true,
          update: function (i) { el.setValue(id, plan.values[i % plan.values.length]); },
          target: function () {
            var node = el.shadowRoot.querySelector('[id$="_np_' + plan.drag + '"]');
            var r = node.getBoundingClientRect();
            return [r.left + r.width / 2, r.top + r.height / 2];
          },
        };
      }, { once: true });
      load('/lib/embed/netpad-embed.js', true).catch(function (err) { fail(err.message); });
    });
  } else {
    window.addEventListener('DOMContentLoaded', function () {
      load('/bench/jsxgraph/jsxgraphcore.js')
        .then(function () { return load('./bare-update-figures.js'); })
        .then(function () {
          var drawn = window.__bareFigures[figure]('slot');
          var o = drawn.objects[id];
          var move = plan.slider
            ? function (v) { o.setValue(v); }
            : function (v) { o.setPosition(window.JXG.COORDS_BY_USER, v); };
          window.__bench = {
            ready: true,
            update: function (i) { move(plan.values[i % plan.values.length]); drawn.board.update(); },
            target: function () {
              var r = drawn.objects[plan.drag].rendNode.getBoundingClientRect();
              return [r.left + r.width / 2, r.top + r.height / 2];
            },
          };
        })
        .catch(function (err) { fail(err.message); });
    });
  }
})();
