// Marks the editor page interactive: performance.now() when <netpad-editor> fires
// netpad-editor-load (its board drawn, taking input). ?figure=40 gives it a 40-element figure
// first: 12 points, 10 segments, 6 midpoints, 4 circles, 4 lines through points, 2 polygons,
// 2 angles — what a worked construction in a lesson holds.
(function () {
  var el = document.getElementById('editor');
  if (new URLSearchParams(location.search).get('figure') === '40') {
    var elements = [];
    var names = 'ABCDEFGHIJKL'.split('');
    names.forEach(function (n, i) {
      elements.push({ id: n, type: 'point', x: Math.round(6 * Math.cos(i / 2) * 100) / 100, y: Math.round(4 * Math.sin(i / 1.7) * 100) / 100 });
    });
    for (var i = 0; i < 10; i++) elements.push({ id: 's' + i, type: 'segment', points: [names[i], names[i + 1]] });
    for (var j = 0; j < 6; j++) elements.push({ id: 'M' + j, type: 'midpoint', of: 's' + j });
    for (var k = 0; k < 4; k++) elements.push({ id: 'c' + k, type: 'circle', center: names[k], through: 'M' + k });
    for (var m = 0; m < 4; m++) elements.push({ id: 'l' + m, type: 'line', points: ['M' + m, names[m + 6]] });
    elements.push({ id: 'poly1', type: 'polygon', points: ['A', 'B', 'C'] });
    elements.push({ id: 'poly2', type: 'polygon', points: ['G', 'H', 'I', 'J'] });
    elements.push({ id: 'alpha', type: 'angle', points: ['A', 'B', 'C'] });
    elements.push({ id: 'beta', type: 'angle', points: ['G', 'H', 'I'] });
    el.document = { format: 'netpad-figure', version: 1, title: 'bench', board: { boundingBox: [-8, 6, 8, -6], axis: true, grid: true }, elements: elements };
  }
  el.addEventListener('netpad-editor-load', function (e) {
    window.__bench = { interactive: performance.now(), boards: el.shadowRoot.querySelectorAll('.board-host svg').length, elements: e.detail.elements };
  }, { once: true });
})();
