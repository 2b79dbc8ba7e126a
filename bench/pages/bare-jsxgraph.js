// examples/figures/hyperbola-rectangle.json drawn by hand with JSXGraph's API: slider k,
// y = k/x, the glider P on it, M and N on the axes, the rectangle OMPN and the live texts.
// Board options as Netpad's renderer sets them (SVG, no navigation, text as SVG text), so the
// two pages draw the same picture. Marks itself interactive once the board is built.
/* global JXG */
(function () {
  JXG.Options.text.display = 'internal';
  var board = JXG.JSXGraph.initBoard('box', {
    renderer: 'svg',
    boundingBox: [-1, 9, 10.5, -1],
    keepAspectRatio: false,
    axis: true,
    grid: false,
    showNavigation: false,
    showCopyright: false,
    showInfobox: false,
    zoom: { enabled: false, wheel: false },
    pan: { enabled: true, needTwoFingers: true, needShift: true },
    resize: { enabled: false },
  });
  var k = board.create('slider', [[5, 8.3], [8.5, 8.3], [1, 3, 8]], { name: 'k', snapWidth: 0.5, digits: 2 });
  var hyp = board.create('functiongraph', [function (x) { return k.Value() / x; }, 0.05, 10], {
    strokeColor: '#1e88e5', strokeWidth: 3, fixed: true,
  });
  var O = board.create('point', [0, 0], { name: 'O', fixed: true, color: '#455a64', size: 2 });
  var P = board.create('glider', [2, 1.5, hyp], { name: 'P', color: '#e53935', size: 5 });
  var M = board.create('point', [function () { return P.X(); }, 0], { name: 'M', fixed: true, color: '#455a64', size: 3 });
  var N = board.create('point', [0, function () { return P.Y(); }], { name: 'N', fixed: true, color: '#455a64', size: 3 });
  var rect = board.create('polygon', [O, M, P, N], {
    fillColor: '#fb8c00', fillOpacity: 0.3, fixed: true,
    borders: { strokeColor: '#fb8c00', strokeWidth: 2, fixed: true },
  });
  board.create('text', [4.6, 7.3, function () { return 'k = ' + k.Value().toFixed(1); }], { fontSize: 18, fixed: true });
  board.create('text', [4.6, 6.5, function () {
    return '矩形 OMPN 的面积 S = ' + P.X().toFixed(2) + ' × ' + P.Y().toFixed(2) + ' = ' + rect.Area().toFixed(2);
  }], { fontSize: 16, fixed: true });
  board.create('text', [4.6, 5.7, '无论 P 在哪里，S 都等于 k'], { fontSize: 15, fixed: true });
  window.__bench = { interactive: performance.now(), boards: document.querySelectorAll('#box svg').length };
})();
