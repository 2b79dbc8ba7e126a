import { validateFigure } from '@netpad/figure';
const base = () => ({ format: 'netpad-figure', version: 1, title: 'x', board: { boundingBox: [-5, 5, 5, -5] }, elements: [{ id: 'k', type: 'slider', min: 0, max: 5, value: 1 }] });
const docs = {
  dangling: (() => { const d = base(); for (let i = 0; i < 127; i++) d.elements.push({ id: `t${i}`, type: 'text', x: 0, y: 0, text: '{a}'.repeat(666) }); return d; })(),
  valid: (() => { const d = base(); for (let i = 0; i < 127; i++) d.elements.push({ id: `t${i}`, type: 'text', x: 0, y: 0, text: '{k}'.repeat(666) }); return d; })(),
  longexpr: (() => { const d = base(); const e = Array.from({length: 100}, () => 'sin(k)').join('+').slice(0, 499); for (let i = 0; i < 399; i++) d.elements.push({ id: `p${i}`, type: 'point', x: e, y: e }); return d; })(),
  manyerrors: (() => { const d = base(); for (let i = 0; i < 399; i++) d.elements.push({ id: `p${i}`, type: 'point', x: 'zz', y: 'yy', q1: 1, q2: 2, q3: 3, q4: 4, q5: 5, q6: 6, q7: 7 }); return d; })(),
};
for (const [name, doc] of Object.entries(docs)) {
  const bytes = JSON.stringify(doc).length;
  const times = [];
  for (let i = 0; i < 7; i++) { const t = performance.now(); const r = validateFigure(doc); times.push(performance.now() - t); if (i === 0) console.log(name, bytes, 'errors', r.errors.length, 'total', r.total, JSON.stringify(r.errors).length); }
  times.sort((a, b) => a - b); console.log(name, 'median ms', times[3].toFixed(1), 'max', times[6].toFixed(1));
}
