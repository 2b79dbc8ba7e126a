import { expect } from '@esm-bundle/chai';
import { validateFigure, type FigureDocument } from '../index';
import { renderFigure, type FigureHandle } from '../render/index';

/** Every type version 2 added, in one figure. */
const V2: FigureDocument = {
  format: 'netpad-figure',
  version: 2,
  title: 'version 2',
  board: { boundingBox: [-6, 6, 6, -6], axis: true },
  elements: [
    { id: 'O', type: 'point', x: 0, y: 0 },
    { id: 'X', type: 'point', x: 1, y: 0 },
    { id: 'P', type: 'point', x: 1, y: 2 },
    { id: 'Q', type: 'point', x: 2, y: 0 },
    { id: 'axisLine', type: 'line', points: ['O', 'X'] },
    { id: 'k', type: 'slider', min: 0, max: 180, value: 90 },
    { id: 'V1', type: 'point', x: 0, y: -1 },
    { id: 'V2', type: 'point', x: 2, y: 2 },
    { id: 'v', type: 'vector', points: ['V1', 'V2'] },
    { id: 'm', type: 'perpbisector', points: ['O', 'Q'] },
    { id: 'ground', type: 'segment', points: ['O', 'Q'] },
    { id: 'M', type: 'intersection', of: ['m', 'ground'] },
    { id: 'sq', type: 'regularpolygon', points: ['O', 'X'], n: 4 },
    { id: 'hex', type: 'regularpolygon', points: ['O', 'X'], n: 6, fill: false },
    { id: 'half', type: 'semicircle', points: ['O', 'Q'] },
    { id: 'pie', type: 'sector', center: 'O', from: 'Q', to: 'P' },
    { id: 'par', type: 'parabola', focus: 'P', directrix: 'axisLine' },
    { id: 'hyp', type: 'hyperbola', foci: ['O', 'Q'], through: 'P' },
    { id: 'R1', type: 'reflection', of: 'P', about: 'axisLine' },
    { id: 'R2', type: 'reflection', of: 'P', about: 'O' },
    { id: 'R3', type: 'rotation', of: 'X', center: 'O', angle: 'k' },
    { id: 'R4', type: 'translation', of: 'P', by: 'v' },
    { id: 'R5', type: 'dilation', of: 'P', center: 'O', factor: -1.5 },
  ],
};

describe('format version 2: the new element types', () => {
  let host: HTMLElement;
  let handle: FigureHandle | undefined;
  beforeEach(() => {
    host = document.createElement('div');
    host.style.cssText = 'width: 480px; height: 480px';
    document.body.append(host);
  });
  afterEach(() => {
    handle?.destroy();
    handle = undefined;
    host.remove();
  });

  it('validates a version-2 figure, and refuses its types in a version-1 document, naming the version', () => {
    expect(validateFigure(V2).ok).to.equal(true);
    const v1 = validateFigure({ ...V2, version: 1 });
    expect(v1.ok).to.equal(false);
    if (v1.ok) return;
    const needs = v1.errors.filter((e) => e.code === 'needs_version');
    expect(needs.map((e) => e.path)).to.deep.equal(V2.elements.map((e, i) => [e, i] as const).filter(([e]) => ['perpbisector', 'regularpolygon', 'semicircle', 'sector', 'parabola', 'hyperbola', 'reflection', 'rotation', 'translation', 'dilation'].includes(e.type)).map(([, i]) => `$.elements[${i}].type`));
    expect(needs[0]!.messages['zh-CN']).to.equal('“perpbisector”需要图形格式版本 2：请把 "version" 设为 2。');
  });

  it('draws a locus: the midpoint of A and a point running round a circle traces a circle', () => {
    const doc: FigureDocument = {
      format: 'netpad-figure',
      version: 2,
      title: 'locus',
      board: { boundingBox: [-6, 6, 6, -6] },
      elements: [
        { id: 'O', type: 'point', x: 0, y: 0 },
        { id: 'R', type: 'point', x: 4, y: 0 },
        { id: 'c', type: 'circle', center: 'O', through: 'R' },
        { id: 'G', type: 'glider', on: 'c', x: 4, y: 0 },
        { id: 'A', type: 'point', x: -2, y: 0 },
        { id: 'M', type: 'midpoint', of: ['A', 'G'] },
        { id: 'path', type: 'locus', of: 'M', driver: 'G' },
      ],
    };
    expect(validateFigure(doc).ok).to.equal(true);
    handle = renderFigure(host, doc, { locale: 'en' });
    const d = host.querySelector(`[id$="_np_path"]`)?.getAttribute('d') ?? '';
    // A polyline of many points (200 samples along the circle).
    expect((d.match(/L/g) ?? []).length).to.be.greaterThan(50);
    // The glider is where it was: tracing does not move it.
    expect((handle.getValue('G') as number[]).map((v) => Math.round(v * 1e6) / 1e6 + 0)).to.deep.equal([4, 0]);
    const notGlider = validateFigure({ ...doc, elements: doc.elements.map((e) => (e.id === 'path' ? { ...e, driver: 'A' } : e)) });
    expect(notGlider.ok ? [] : notGlider.errors.map((e) => `${e.path} ${e.code}`)).to.deep.equal(['$.elements[6].driver wrong_reference_kind']);
  });

  it('draws both tangents to a circle from a point outside it, and none from inside', () => {
    const doc: FigureDocument = {
      format: 'netpad-figure',
      version: 2,
      title: 'tangents',
      board: { boundingBox: [-6, 6, 6, -6] },
      elements: [
        { id: 'O', type: 'point', x: 0, y: 0 },
        { id: 'c', type: 'circle', center: 'O', radius: 1 },
        { id: 'P', type: 'point', x: 2, y: 0 },
        { id: 't1', type: 'circletangent', of: 'c', through: 'P' },
        { id: 't2', type: 'circletangent', of: 'c', through: 'P', index: 1 },
        { id: 'T1', type: 'intersection', of: ['t1', 'c'] },
      ],
    };
    expect(validateFigure(doc).ok).to.equal(true);
    handle = renderFigure(host, doc, { locale: 'en' });
    // From (2, 0) to the unit circle the tangents touch at (1/2, ±√3/2): slope ∓1/√3.
    expect(handle.evaluate('slope(t1)')).to.be.closeTo(-1 / Math.sqrt(3), 1e-9);
    expect(handle.evaluate('slope(t2)')).to.be.closeTo(1 / Math.sqrt(3), 1e-9);
    const [tx, ty] = handle.getValue('T1') as [number, number];
    expect(tx).to.be.closeTo(0.5, 1e-6);
    expect(Math.abs(ty)).to.be.closeTo(Math.sqrt(3) / 2, 1e-6);
    handle.setValue('P', [0.5, 0]);
    expect(handle.evaluate('slope(t1)')).to.be.NaN;
  });

  it('shows and hides what a checkbox controls: by click, by keyboard, by state; ☑/☐ as text', async () => {
    const doc: FigureDocument = {
      format: 'netpad-figure',
      version: 2,
      title: 'checkbox',
      board: { boundingBox: [-6, 6, 6, -6] },
      elements: [
        { id: 'A', type: 'point', x: -2, y: 0 },
        { id: 'B', type: 'point', x: 2, y: 0 },
        { id: 'm', type: 'perpbisector', points: ['A', 'B'] },
        { id: 'M', type: 'midpoint', of: ['A', 'B'] },
        { id: 'aux', type: 'checkbox', x: -5, y: 5, text: { 'zh-CN': '显示中垂线', en: 'Show the bisector' }, controls: ['m', 'M'] },
      ],
    };
    expect(validateFigure(doc).ok).to.equal(true);
    handle = renderFigure(host, doc, { locale: 'en' });
    const shown = (id: string) => {
      const node = host.querySelector<SVGElement>(`[id$="_np_${id}"]`);
      return !!node && node.style.visibility !== 'hidden' && node.getAttribute('display') !== 'none' && node.style.display !== 'none';
    };
    const box = host.querySelector<SVGElement>('[id$="_np_aux"]')!;
    expect(box.textContent).to.equal('☐ Show the bisector');
    expect(box.getAttribute('role')).to.equal('checkbox');
    expect(box.getAttribute('aria-checked')).to.equal('false');
    expect([shown('m'), shown('M')]).to.deep.equal([false, false]);
    expect(handle.getState().aux).to.equal(0);
    handle.setValue('aux', 1);
    expect(box.textContent).to.equal('☑ Show the bisector');
    expect([shown('m'), shown('M')]).to.deep.equal([true, true]);
    expect(handle.evaluate('aux * 10')).to.equal(10);
    box.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true }));
    expect(handle.getState().aux).to.equal(0);
    expect(shown('m')).to.equal(false);
    // Something else than elements in its list is refused.
    const bad = validateFigure({ ...doc, elements: doc.elements.map((e) => (e.id === 'aux' ? { ...e, controls: ['nope'] } : e)) });
    expect(bad.ok ? [] : bad.errors.map((e) => `${e.path} ${e.code}`)).to.deep.equal(['$.elements[4].controls[0] dangling_reference']);
  });

  it('lets points leave a trace (a version-2 key on a version-1 type)', () => {
    const doc: FigureDocument = { format: 'netpad-figure', version: 2, title: 'trace', board: { boundingBox: [-6, 6, 6, -6] }, elements: [{ id: 'A', type: 'point', x: 0, y: 0, trace: true }] };
    expect(validateFigure(doc).ok).to.equal(true);
    const v1 = validateFigure({ ...doc, version: 1 });
    expect(v1.ok ? [] : v1.errors.map((e) => `${e.path} ${e.code} ${e.messages.en}`)).to.deep.equal(['$.elements[0].trace needs_version "point.trace" needs format version 2: set "version": 2.']);
    handle = renderFigure(host, doc, { locale: 'en' });
    const before = host.querySelectorAll('svg *').length;
    for (const x of [1, 2, 3]) handle.setValue('A', [x, x / 2]);
    expect(host.querySelectorAll('svg *').length).to.be.greaterThan(before, 'the trail is drawn');
  });

  it('refuses bad keys of the new types', () => {
    const codes = (el: Record<string, unknown>) => {
      const r = validateFigure({ ...V2, elements: [...V2.elements, el] });
      return r.ok ? [] : r.errors.map((e) => `${e.path} ${e.code}`);
    };
    const at = `$.elements[${V2.elements.length}]`;
    expect(codes({ id: 'bad', type: 'regularpolygon', points: ['O', 'X'], n: 2 })).to.deep.equal([`${at}.n out_of_range`]);
    expect(codes({ id: 'bad', type: 'regularpolygon', points: ['O', 'X'], n: 4.5 })).to.deep.equal([`${at}.n wrong_type`]);
    expect(codes({ id: 'bad', type: 'reflection', of: 'P', about: 'half' })).to.deep.equal([`${at}.about wrong_reference_kind`]);
    expect(codes({ id: 'bad', type: 'parabola', focus: 'P', directrix: 'Q' })).to.deep.equal([`${at}.directrix wrong_reference_kind`]);
    expect(codes({ id: 'bad', type: 'rotation', of: 'P', center: 'O', angle: 'nope + 1' })[0]).to.match(/angle (dangling_reference|unknown_name|bad_expression)/);
    expect(codes({ id: 'bad', type: 'dilation', of: 'P', center: 'O' })).to.deep.equal([`${at} missing_key`]);
  });

  it('draws every new type, and the transformed points are where geometry says', () => {
    handle = renderFigure(host, V2, { locale: 'en' });
    const at = (id: string) => (handle!.getValue(id) as [number, number]).map((v) => Math.round(v * 1e6) / 1e6 + 0);
    expect(at('R1')).to.deep.equal([1, -2]); // P reflected in the x-axis
    expect(at('R2')).to.deep.equal([-1, -2]); // P turned half about O
    expect(at('R3')).to.deep.equal([0, 1]); // X rotated 90° about O
    expect(at('R4')).to.deep.equal([3, 5]); // P moved by (2, 3)
    expect(at('R5')).to.deep.equal([-1.5, -3]); // P dilated by −1.5 from O
    expect(at('M')).to.deep.equal([1, 0]); // the perpendicular bisector of OQ crosses it at its midpoint
    expect(handle.evaluate('area(sq)')).to.be.closeTo(1, 1e-9);
    expect(handle.evaluate('area(hex)')).to.be.closeTo((3 * Math.sqrt(3)) / 2, 1e-9);
    for (const id of ['m', 'sq', 'half', 'pie', 'par', 'hyp']) expect(host.querySelector(`[id$="_np_${id}"]`), id).to.not.equal(null);
    // The rotation follows its slider.
    handle.setValue('k', 180);
    expect(at('R3')).to.deep.equal([-1, 0]);
    // …and every image follows its point.
    handle.setValue('P', [2, 1]);
    expect(at('R1')).to.deep.equal([2, -1]);
    expect(at('R4')).to.deep.equal([4, 4]);
  });

  it('transforms whole objects: a segment, a line, a circle and a polygon give images of the same kind, through chains', () => {
    const doc: FigureDocument = {
      ...V2,
      elements: [
        ...V2.elements,
        { id: 'c', type: 'circle', center: 'Q', radius: 1 },
        { id: 'tri', type: 'polygon', points: ['O', 'Q', 'P'] },
        { id: 'segImg', type: 'reflection', of: 'ground', about: 'O' },
        { id: 'lineImg', type: 'rotation', of: 'axisLine', center: 'O', angle: 90 },
        { id: 'cImg', type: 'dilation', of: 'c', center: 'O', factor: -2 },
        { id: 'triImg', type: 'translation', of: 'tri', by: 'v' },
        { id: 'triImg2', type: 'reflection', of: 'triImg', about: 'axisLine' },
        // Images are what their originals are: a glider runs on the segment's image, a crossing is found on the line's.
        { id: 'G', type: 'glider', on: 'segImg', x: -1, y: 0 },
        { id: 'hit', type: 'intersection', of: ['lineImg', 'cImg'] },
        { id: 'areaText', type: 'text', x: 0, y: -5, text: 'area = {area(triImg2)}' },
      ],
    };
    const result = validateFigure(doc);
    expect(result.ok, JSON.stringify(!result.ok && result.errors.map((e) => e.message))).to.equal(true);
    handle = renderFigure(host, doc, { locale: 'en' });
    const round = (v: number) => Math.round(v * 1e6) / 1e6 + 0;
    expect(round(handle.evaluate('length(segImg)') as number)).to.equal(2);
    expect(round(handle.evaluate('area(triImg2)') as number)).to.equal(2); // |OQ| × height of P / 2
    // The circle of radius 1 about (2, 0), dilated by −2 from O: radius 2 about (−4, 0); the y-axis misses it.
    const [gx, gy] = handle.getValue('G') as [number, number];
    expect([round(gx), round(gy)]).to.deep.equal([-1, 0]);
    expect(handle.evaluate('slope(lineImg)')).to.satisfy((m: number) => !Number.isFinite(m) || Math.abs(m) > 1e6, 'the x-axis turned 90° is vertical');
    // Move the original: the polygon's images follow (P to (1, 4) doubles the height).
    handle.setValue('P', [1, 4]);
    expect(round(handle.evaluate('area(triImg2)') as number)).to.equal(4);
    for (const id of ['segImg', 'lineImg', 'cImg', 'triImg', 'triImg2']) expect(host.querySelector(`[id$="_np_${id}"]`), id).to.not.equal(null);
  });

  it('refuses to transform what has no image (a slider, a text) and says what it takes', () => {
    const r = validateFigure({ ...V2, elements: [...V2.elements, { id: 'bad', type: 'reflection', of: 'k', about: 'O' }] });
    expect(r.ok).to.equal(false);
    if (r.ok) return;
    expect(r.errors.map((e) => `${e.path} ${e.code}`)).to.deep.equal([`$.elements[${V2.elements.length}].of wrong_reference_kind`]);
    expect(r.errors[0]!.messages.en).to.contain('a point, line, circle or polygon');
  });
});
