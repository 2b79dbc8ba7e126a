// The three figures of the per-update benchmark drawn by hand with JSXGraph's API, as a page
// author without Netpad would: hyperbola-rectangle, triangle-centres and sine-wave from
// examples/figures, with the same board options, objects and live texts as Netpad's renderer
// draws them. Each returns the objects the benchmark moves.
/* global JXG */
(function () {
  JXG.Options.text.display = 'internal';
  function board(box, bbox, axis, keepAspectRatio) {
    return JXG.JSXGraph.initBoard(box, {
      renderer: 'svg', boundingBox: bbox, keepAspectRatio: keepAspectRatio, axis: axis, grid: false,
      showNavigation: false, showCopyright: false, showInfobox: false,
      zoom: { enabled: false, wheel: false }, pan: { enabled: true, needTwoFingers: true, needShift: true }, resize: { enabled: false },
    });
  }
  function dist(p, q) { return Math.hypot(p.X() - q.X(), p.Y() - q.Y()); }
  function text(b, x, y, f, size) { return b.create('text', [x, y, f], { fontSize: size, fixed: true }); }

  var FIGURES = {
    'hyperbola-rectangle': function (box) {
      var b = board(box, [-1, 9, 10.5, -1], true, false);
      var k = b.create('slider', [[5, 8.3], [8.5, 8.3], [1, 3, 8]], { name: 'k', snapWidth: 0.5, digits: 2 });
      var hyp = b.create('functiongraph', [function (x) { return k.Value() / x; }, 0.05, 10], { strokeColor: '#1e88e5', strokeWidth: 3, fixed: true });
      var O = b.create('point', [0, 0], { name: 'O', fixed: true, color: '#455a64', size: 2 });
      var P = b.create('glider', [2, 1.5, hyp], { name: 'P', color: '#e53935', size: 5 });
      var M = b.create('point', [function () { return P.X(); }, 0], { name: 'M', fixed: true, color: '#455a64', size: 3 });
      var N = b.create('point', [0, function () { return P.Y(); }], { name: 'N', fixed: true, color: '#455a64', size: 3 });
      var rect = b.create('polygon', [O, M, P, N], { fillColor: '#fb8c00', fillOpacity: 0.3, fixed: true, borders: { strokeColor: '#fb8c00', strokeWidth: 2, fixed: true } });
      text(b, 4.6, 7.3, function () { return 'k = ' + k.Value().toFixed(1); }, 18);
      text(b, 4.6, 6.5, function () { return '矩形 OMPN 的面积 S = ' + P.X().toFixed(2) + ' × ' + P.Y().toFixed(2) + ' = ' + rect.Area().toFixed(2); }, 16);
      text(b, 4.6, 5.7, '无论 P 在哪里，S 都等于 k', 15);
      return { board: b, objects: { k: k, P: P } };
    },
    'triangle-centres': function (box) {
      var b = board(box, [-7.5, 6, 8.5, -6.5], false, true);
      var A = b.create('point', [-4, -2], { name: 'A', color: '#455a64', size: 4 });
      var B = b.create('point', [4, -2], { name: 'B', color: '#455a64', size: 4 });
      var C = b.create('point', [2.5, 1.5], { name: 'C', color: '#455a64', size: 4 });
      var tri = b.create('polygon', [A, B, C], { fillColor: '#9e9e9e', fillOpacity: 0.06, fixed: true, vertices: { visible: false }, borders: { strokeColor: '#9e9e9e', strokeWidth: 1, fixed: true } });
      var sAB = b.create('segment', [A, B], { strokeColor: '#455a64', strokeWidth: 2, fixed: true });
      var sBC = b.create('segment', [B, C], { strokeColor: '#455a64', strokeWidth: 2, fixed: true });
      var sCA = b.create('segment', [C, A], { strokeColor: '#455a64', strokeWidth: 2, fixed: true });
      var mid = function (p, q) { return b.create('midpoint', [p, q], { withLabel: false, color: '#fb8c00', size: 2, fixed: true }); };
      var Mab = mid(A, B), Mbc = mid(B, C), Mca = mid(C, A);
      var pAB = b.create('perpendicular', [sAB, Mab], { visible: false, point: { visible: false } });
      var pBC = b.create('perpendicular', [sBC, Mbc], { visible: false, point: { visible: false } });
      var O = b.create('intersection', [pAB, pBC, 0], { name: 'O 外心', color: '#1e88e5', size: 4, fixed: true });
      var cc = b.create('circle', [O, A], { strokeColor: '#1e88e5', strokeWidth: 2, fixed: true });
      var median = function (p, q) { return b.create('segment', [p, q], { strokeColor: '#fb8c00', strokeWidth: 1, dash: 2, fixed: true }); };
      median(A, Mbc); median(B, Mca); median(C, Mab);
      var G = b.create('point', [function () { return (A.X() + B.X() + C.X()) / 3; }, function () { return (A.Y() + B.Y() + C.Y()) / 3; }], { name: 'G 重心', color: '#fb8c00', size: 4, fixed: true });
      var bA = b.create('bisector', [B, A, C], { visible: false, point: { visible: false } });
      var bB = b.create('bisector', [A, B, C], { visible: false, point: { visible: false } });
      var I = b.create('intersection', [bA, bB, 0], { name: 'I 内心', color: '#43a047', size: 4, fixed: true });
      var ic = b.create('circle', [I, function () { return 2 * tri.Area() / (dist(A, B) + dist(B, C) + dist(C, A)); }], { strokeColor: '#43a047', strokeWidth: 2, fixed: true });
      var alt = function (l, p) { return b.create('perpendicular', [l, p], { strokeColor: '#e53935', strokeWidth: 1, dash: 2, fixed: true, point: { visible: false } }); };
      var hA = alt(sBC, A), hB = alt(sCA, B);
      alt(sAB, C);
      var H = b.create('intersection', [hA, hB, 0], { name: 'H 垂心', color: '#e53935', size: 4, fixed: true });
      b.create('line', [O, H], { strokeColor: '#8e24aa', strokeWidth: 3, fixed: true });
      text(b, -7.2, 5.5, '紫色直线：欧拉线', 15);
      text(b, -7.2, 4.8, function () { return 'OG = ' + dist(O, G).toFixed(2) + '，GH = ' + dist(G, H).toFixed(2) + '，GH ÷ OG = ' + (dist(G, H) / dist(O, G)).toFixed(2); }, 14);
      text(b, -7.2, 4.1, function () { return '外接圆半径 R = ' + cc.Radius().toFixed(2) + '，内切圆半径 r = ' + ic.Radius().toFixed(2); }, 14);
      return { board: b, objects: { A: A } };
    },
    'sine-wave': function (box) {
      var b = board(box, [-7.5, 7, 7.5, -4], true, false);
      var A = b.create('slider', [[-7, 6.3], [-3.5, 6.3], [0.5, 2, 3]], { name: 'A', snapWidth: 0.1, digits: 2 });
      var w = b.create('slider', [[-7, 5.6], [-3.5, 5.6], [0.5, 1, 4]], { name: 'ω', snapWidth: 0.1, digits: 2 });
      var p = b.create('slider', [[-7, 4.9], [-3.5, 4.9], [-3.14, 0.5, 3.14]], { name: 'φ', snapWidth: 0.01, digits: 2 });
      b.create('functiongraph', [function (x) { return Math.sin(x); }], { strokeColor: '#9e9e9e', strokeWidth: 2, dash: 2, fixed: true });
      b.create('functiongraph', [function (x) { return A.Value() * Math.sin(w.Value() * x + p.Value()); }], { strokeColor: '#1e88e5', strokeWidth: 3, fixed: true });
      b.create('point', [function () { return -p.Value() / w.Value(); }, 0], { withLabel: false, color: '#e53935', size: 4, fixed: true });
      b.create('point', [function () { return (Math.PI / 2 - p.Value()) / w.Value(); }, function () { return A.Value(); }], { withLabel: false, color: '#e53935', size: 4, fixed: true });
      text(b, 0.5, 6.4, function () { return 'y = ' + A.Value().toFixed(1) + ' sin(' + w.Value().toFixed(1) + 'x + (' + p.Value().toFixed(2) + '))'; }, 18);
      text(b, 0.5, 5.6, function () { return '振幅 A = ' + A.Value().toFixed(1) + '，周期 T = 2π/ω = ' + (2 * Math.PI / w.Value()).toFixed(2); }, 15);
      text(b, 0.5, 4.9, function () { return '初相 φ = ' + p.Value().toFixed(2); }, 15);
      text(b, 0.5, 4.2, function () { return '由 y = A sin ωx 向左平移 φ/ω = ' + (p.Value() / w.Value()).toFixed(2) + '（负数表示向右）'; }, 14);
      return { board: b, objects: { p: p } };
    },
  };
  window.__bareFigures = FIGURES;
})();
