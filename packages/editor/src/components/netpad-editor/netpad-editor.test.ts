import { expect } from '@esm-bundle/chai';
import { executeServerCommand, sendKeys, sendMouse, resetMouse } from '@web/test-runner-commands';
import { validateFigure, type FigureDocument } from '@netpad/figure';
import '../../netpad-editor';
import type NetpadEditor from './netpad-editor.component';
import type { NetpadEditorChangeDetail } from './netpad-editor.component';
import { CIRCUMCIRCLE_AND_CENTROID } from '../../../test/fixtures';
import { blankDocument } from '../../model/document';

const nextFrame = () => new Promise((r) => requestAnimationFrame(() => r(undefined)));

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (check()) return;
    await nextFrame();
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function mount(attrs: Record<string, string> = {}, doc?: FigureDocument): Promise<NetpadEditor> {
  const el = document.createElement('netpad-editor');
  el.style.width = '900px';
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (doc) el.document = doc;
  document.body.append(el);
  await el.updateComplete;
  await until(() => !!el.shadowRoot!.querySelector('.board-host svg'), 'the board');
  return el;
}

const $ = <T extends Element = HTMLElement>(el: NetpadEditor, selector: string) => el.shadowRoot!.querySelector<T>(selector)!;

/** Where a figure point is on the page (the blank board shows x −8…8, y −6…6, aspect kept). */
function screen(el: NetpadEditor, x: number, y: number): [number, number] {
  const rect = $(el, '.board-host').getBoundingClientRect();
  const [xmin, ymax, xmax, ymin] = el.document.board.boundingBox;
  return [Math.round(rect.left + ((x - xmin) / (xmax - xmin)) * rect.width), Math.round(rect.top + ((ymax - y) / (ymax - ymin)) * rect.height)];
}

const center = (node: Element): [number, number] => {
  const r = node.getBoundingClientRect();
  return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];
};

async function click([x, y]: [number, number]): Promise<void> {
  await sendMouse({ type: 'click', position: [x, y] });
}

async function tap([x, y]: [number, number]): Promise<void> {
  await executeServerCommand('netpad-touch-tap', { position: [x, y] });
}

/** Built by pointer, the centroid gets the next free name (F); the input line names it G. */
const BY_POINTER = CIRCUMCIRCLE_AND_CENTROID.map((e) => (e.id === 'G' ? { ...e, id: 'F' } : e));

/** The clicks (or taps) that build the triangle with its circumcircle and its centroid. */
async function buildByPointer(el: NetpadEditor, press: (p: [number, number]) => Promise<void>): Promise<void> {
  const tool = async (id: string) => {
    await press(center($(el, `.tools button[data-tool="${id}"]`)));
    await el.updateComplete;
  };
  const at = async (x: number, y: number) => {
    await press(screen(el, x, y));
    await el.updateComplete;
  };
  await tool('point');
  await at(-3, -2);
  await at(4, -1);
  await at(1, 4);
  await tool('polygon');
  await at(-3, -2);
  await at(4, -1);
  await at(1, 4);
  await at(-3, -2);
  await tool('circle3');
  await at(-3, -2);
  await at(4, -1);
  await at(1, 4);
  await tool('midpoint');
  await at(4, -1);
  await at(1, 4);
  await tool('segment');
  await at(-3, -2);
  await at(2.5, 1.5);
  await tool('midpoint');
  await at(1, 4);
  await at(-3, -2);
  await tool('segment');
  await at(4, -1);
  await at(-1, 1);
  await tool('intersect');
  // On a (A to D) and on b (B to E), away from every other line and the circle.
  await at(-1.35, -0.95);
  await at(2.5, -0.4);
}

/** Clicks on the editor as a teacher does: a tool's button, a spot of the board, a field of the prompt. */
function clicker(el: NetpadEditor) {
  return {
    tool: async (id: string) => {
      await click(center($(el, `.tools button[data-tool="${id}"]`)));
      await el.updateComplete;
    },
    at: async (x: number, y: number) => {
      await click(screen(el, x, y));
      await el.updateComplete;
    },
    setInput: async (selector: string, value: string) => {
      const input = $<HTMLInputElement>(el, selector);
      input.value = value;
      input.dispatchEvent(new Event('input'));
      await el.updateComplete;
    },
  };
}

describe('<netpad-editor>', () => {
  afterEach(async () => {
    await resetMouse();
    document.querySelectorAll('netpad-editor').forEach((e) => e.remove());
  });

  it('builds a triangle with its circumcircle and centroid by mouse clicks alone', async () => {
    const el = await mount({ lang: 'en' });
    await buildByPointer(el, click);
    expect(el.document.elements).to.deep.equal(BY_POINTER);
    expect(el.canUndo).to.equal(true);
    // The object list shows every step, with its definition.
    const rows = [...el.shadowRoot!.querySelectorAll('.object-list li')].map((li) => li.querySelector('.definition')!.textContent);
    expect(rows).to.deep.equal(['(-3, -2)', '(4, -1)', '(1, 4)', 'Polygon(A, B, C)', 'Circle(A, B, C)', 'Midpoint(B, C)', 'Segment(A, D)', 'Midpoint(C, A)', 'Segment(B, E)', 'Intersect(a, b)']);
    // The centroid is where it should be: ((−3 + 4 + 1) / 3, (−2 − 1 + 4) / 3).
    expect($(el, 'li[data-id="F"] .value').textContent).to.equal('(0.67, 0.33)');
  });

  it('builds the same figure by touch alone', async () => {
    const el = await mount({ lang: 'en' });
    await buildByPointer(el, tap);
    expect(el.document.elements).to.deep.equal(BY_POINTER);
  });

  it('asks a tool for its number beside the prompt: a regular polygon with the sides typed, a rotation by the degrees typed', async () => {
    const el = await mount({ lang: 'en' });
    await click(center($(el, '.tools button[data-tool="regular-polygon"]')));
    await el.updateComplete;
    const sides = $<HTMLInputElement>(el, '.tool-parameter input');
    expect(sides.value).to.equal('5');
    sides.value = '4';
    sides.dispatchEvent(new Event('input'));
    await click(screen(el, 0, 0));
    await el.updateComplete;
    await click(screen(el, 2, 0));
    await el.updateComplete;
    expect(el.document.version).to.equal(2);
    expect(el.document.elements.at(-1)).to.deep.equal({ id: 'poly1', type: 'regularpolygon', points: ['A', 'B'], n: 4 });
    await click(center($(el, '.tools button[data-tool="rotate"]')));
    await el.updateComplete;
    const degrees = $<HTMLInputElement>(el, '.tool-parameter input');
    degrees.value = '45';
    degrees.dispatchEvent(new Event('input'));
    await click(screen(el, 2, 0));
    await el.updateComplete;
    await click(screen(el, 0, 0));
    await el.updateComplete;
    expect(el.document.elements.at(-1)).to.deep.equal({ id: 'C', type: 'rotation', of: 'B', center: 'A', angle: 45 });
    expect($(el, 'li[data-id="C"] .value').textContent).to.equal('(1.41, 1.41)');
  });

  it('has tools made of others: a segment of given length, a compass, an angle of given size, a slider and a live text', async () => {
    const el = await mount({ lang: 'en' });
    const { tool, at, setInput: setParameter } = clicker(el);
    await tool('segment-length');
    await setParameter('.tool-parameter input[name="parameter"]', '4');
    await at(-4, -3);
    expect(el.document.elements).to.deep.equal([
      { id: 'A', type: 'point', x: -4, y: -3 },
      { id: 'B', type: 'point', x: 'A.x + 4', y: 'A.y' },
      { id: 'a', type: 'segment', points: ['A', 'B'] },
    ]);
    await tool('compass');
    await at(-4, -3);
    await at(0, -3);
    await at(3, 3);
    expect(el.document.elements.at(-1)).to.deep.equal({ id: 'c', type: 'circle', center: 'C', radius: 'dist(A, B)' });
    await tool('angle-size');
    await setParameter('.tool-parameter input[name="parameter"]', '60');
    await at(2, 0);
    await at(-2, 0);
    expect(el.document.elements.slice(-4)).to.deep.equal([
      { id: 'D', type: 'point', x: 2, y: 0 },
      { id: 'E', type: 'point', x: -2, y: 0 },
      { id: 'F', type: 'rotation', of: 'D', center: 'E', angle: 60 },
      { id: 'alpha', type: 'angle', points: ['D', 'E', 'F'] },
    ]);
    expect(el.canUndo).to.equal(true);
    await tool('slider');
    await at(-7, 5);
    expect(el.document.elements.at(-1)).to.deep.equal({ id: 'k', type: 'slider', min: -5, max: 5, value: 1, step: 0.1, position: [[-7, 5], [-3, 5]] });
    await tool('text');
    await setParameter('.tool-text input', 'AB = {dist(A, B)}');
    await at(2, 5);
    expect(el.document.elements.at(-1)).to.deep.equal({ id: 'text1', type: 'text', x: 2, y: 5, text: 'AB = {dist(A, B)}' });
    expect(el.shadowRoot!.querySelector('.board-host')!.textContent).to.contain('AB = 4.00');
  });

  it('measures, draws arcs, circles of a given radius, function graphs and their tangents by clicks', async () => {
    const el = await mount({ lang: 'en' });
    const { tool, at, setInput } = clicker(el);
    await tool('circle-radius');
    await setInput('.tool-parameter input[name="parameter"]', '1.5');
    await at(-5, 3);
    expect(el.document.elements).to.deep.equal([
      { id: 'A', type: 'point', x: -5, y: 3 },
      { id: 'c', type: 'circle', center: 'A', radius: 1.5 },
    ]);
    await tool('arc');
    await at(-5, -3);
    await at(-3, -3);
    await at(-5, -1);
    expect(el.document.elements.at(-1)).to.deep.equal({ id: 'd', type: 'arc', center: 'B', from: 'C', to: 'D' });
    await tool('distance');
    await at(-5, -3);
    await at(-3, -3);
    expect(el.document.elements.at(-1)).to.deep.equal({ id: 'text1', type: 'text', x: '(B.x + C.x) / 2', y: '(B.y + C.y) / 2 + 0.4', text: 'BC = {dist(B, C)}' });
    expect($(el, '.board-host').textContent).to.contain('BC = 2.00');
    // …or the length of a segment or circle it is clicked on.
    await at(-5, 4.5);
    expect(el.document.elements.at(-1)).to.deep.include({ id: 'text2', type: 'text', text: { en: 'Length of c = {length(c)}', 'zh-CN': 'c 的长度 = {length(c)}' } });
    expect($(el, '.board-host').textContent).to.contain(`Length of c = ${(3 * Math.PI).toFixed(2)}`);
    await tool('area');
    await at(-5, 4.5); // on the circle of radius 1.5 about A
    expect(el.document.elements.at(-1)).to.include({ id: 'text3', type: 'text' });
    expect($(el, '.board-host').textContent).to.contain(`Area of c = ${(Math.PI * 2.25).toFixed(2)}`);
    await tool('function');
    await setInput('.tool-text input', '0.5*x^2');
    await at(4, 4);
    expect(el.document.elements.at(-1)).to.deep.equal({ id: 'f', type: 'functiongraph', f: '0.5*x^2' });
    await tool('function-tangent');
    await at(2, 2); // on the graph: 0.5 · 2² = 2
    const [contact, tangent] = el.document.elements.slice(-2);
    expect(contact).to.include({ id: 'E', type: 'glider', on: 'f' });
    expect(tangent).to.deep.equal({ id: 'a', type: 'tangent', of: 'f', at: 'E' });
    await tool('slope');
    await at(3, 4); // on the tangent y = 2x − 2
    const slope = Number(/Slope of a = (-?\d+\.\d\d)/.exec($(el, '.board-host').textContent!)?.[1]);
    expect(slope, 'the slope of y = x²/2 at x ≈ 2').to.be.closeTo(2, 0.05);
    expect(validateFigure(el.document).ok).to.equal(true);
  });

  it('reflects a whole polygon by clicks (a click inside picks it): the image is a polygon', async () => {
    const el = await mount({ lang: 'en' });
    await el.runCommand('A = (1, 1)');
    await el.runCommand('B = (4, 1)');
    await el.runCommand('C = (2, 3)');
    await el.runCommand('q = Polygon(A, B, C)');
    await el.runCommand('m = Line((0, -1), (0, 1))');
    await el.updateComplete;
    // (The tool's button lies past the right edge of the test's 800 px viewport: pressed by script.)
    $(el, '.tools button[data-tool="reflect"]').click();
    await el.updateComplete;
    await click(screen(el, 2.5, 1.6)); // inside the triangle, off its sides and vertices
    await el.updateComplete;
    await click(screen(el, 0, 4));
    await el.updateComplete;
    expect(el.document.elements.at(-1)).to.deep.equal({ id: 'poly1', type: 'reflection', of: 'q', about: 'm' });
    expect(el.document.version).to.equal(2);
    expect(el.shadowRoot!.querySelector('[id$="_np_poly1"]'), 'the image is drawn').to.not.equal(null);
  });

  it('shows what a tool will make as the pointer moves (a live preview), and Esc takes it away', async () => {
    const el = await mount({ lang: 'en' });
    await el.runCommand('l = Line((-5, 0), (5, 1))');
    await el.updateComplete;
    const { tool, at } = clicker(el);
    await tool('perpendicular');
    await at(0, 0.5); // on the line: the first pick
    const ghostLine = () => el.shadowRoot!.querySelector('.ghost [id$="_np_np_ghost0"]');
    await sendMouse({ type: 'move', position: screen(el, 2, 4) });
    expect(ghostLine(), 'the perpendicular through the pointer').to.not.equal(null);
    const first = ghostLine()!.getAttribute('x1') ?? ghostLine()!.outerHTML;
    await sendMouse({ type: 'move', position: screen(el, -3, 3) });
    expect(ghostLine()!.getAttribute('x1') ?? ghostLine()!.outerHTML, 'it follows the pointer').to.not.equal(first);
    expect(el.document.elements.map((e) => e.id), 'a preview changes nothing').to.deep.equal(['A', 'B', 'l']);
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.ghost')).to.equal(null);
    // A tool of one step with a number: the segment of given length hangs from the pointer at once.
    await tool('segment-length');
    await sendMouse({ type: 'move', position: screen(el, 1, -3) });
    expect(el.shadowRoot!.querySelector('.ghost [id$="_np_np_ghost1"]'), 'its segment').to.not.equal(null);
    await at(1, -3);
    expect(el.shadowRoot!.querySelector('.ghost'), 'gone once made').to.equal(null);
    expect(el.document.elements.at(-1)).to.deep.include({ type: 'segment' });
  });

  it('makes a checkbox that shows and hides the selected object', async () => {
    const el = await mount({ lang: 'en' });
    await el.runCommand('m = Line((0, 0), (2, 1))');
    await el.updateComplete;
    $(el, 'li[data-id="m"] .name').click();
    await el.updateComplete;
    await click(center($(el, '.tools button[data-tool="checkbox"]')));
    await el.updateComplete;
    const words = $<HTMLInputElement>(el, '.tool-text input');
    words.value = 'Show the line';
    words.dispatchEvent(new Event('input'));
    await click(screen(el, -6, 5));
    await el.updateComplete;
    expect(el.document.elements.at(-1)).to.deep.equal({ id: 'obj1', type: 'checkbox', x: -6, y: 5, text: 'Show the line', value: true, controls: ['m'] });
    expect(el.document.version).to.equal(2);
    // Unticked with Move: the figure records it.
    await click(center($(el, '.tools button[data-tool="move"]')));
    await el.updateComplete;
    const box = el.shadowRoot!.querySelector<SVGElement>('[id$="_np_obj1"]')!;
    await click(center(box));
    await el.updateComplete;
    expect('value' in el.document.elements.at(-1)!).to.equal(false);
  });

  it('takes the crossing of a line and a circle nearer the click', async () => {
    const el = await mount({ lang: 'en' });
    await el.runCommand('c = Circle((0, 0), 3)');
    await el.runCommand('l = Line((-5, 0), (5, 0))');
    await el.updateComplete;
    await click(center($(el, '.tools button[data-tool="intersect"]')));
    await el.updateComplete;
    await click(screen(el, 0, 3));
    await el.updateComplete;
    await click(screen(el, -4, 0));
    await el.updateComplete;
    const lastX = () => Number($(el, `li[data-id="${el.document.elements.at(-1)!.id}"] .value`).textContent!.slice(1).split(',')[0]);
    expect(lastX()).to.equal(-3);
    await click(screen(el, 0, 3));
    await el.updateComplete;
    await click(screen(el, 4, 0));
    await el.updateComplete;
    expect(lastX()).to.equal(3);
  });

  it('draws both tangents to a circle from a point in one step', async () => {
    const el = await mount({ lang: 'en' });
    await el.runCommand('c = Circle((0, 0), 2)');
    await el.updateComplete;
    await click(center($(el, '.tools button[data-tool="circle-tangents"]')));
    await el.updateComplete;
    await click(screen(el, 5, 0));
    await el.updateComplete;
    await click(screen(el, 0, 2));
    await el.updateComplete;
    expect(el.document.elements.slice(-3)).to.deep.equal([
      { id: 'B', type: 'point', x: 5, y: 0 },
      { id: 'a', type: 'circletangent', of: 'c', through: 'B' },
      { id: 'b', type: 'circletangent', of: 'c', through: 'B', index: 1 },
    ]);
    expect(el.document.version).to.equal(2);
    el.undo();
    expect(el.document.elements.map((e) => e.id)).to.deep.equal(['A', 'c', 'B']);
  });

  it('builds it by keyboard alone: one tab stop for the tools, then the input line', async () => {
    const el = await mount({ lang: 'zh-CN' });
    el.focus();
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement?.getAttribute('data-tool')).to.equal('move');
    // Arrows move between tools; the toolbar stays one tab stop.
    await sendKeys({ press: 'ArrowRight' });
    expect(el.shadowRoot!.activeElement?.getAttribute('data-tool')).to.equal('point');
    expect(el.shadowRoot!.querySelectorAll('.tools button[tabindex="0"]').length).to.equal(1);
    await sendKeys({ press: 'Escape' });
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement?.id).to.equal('input');
    for (const line of ['A = (-3, -2)', 'B = (4, -1)', 'C = (1, 4)', '多边形(A, B, C)', '圆(A, B, C)', 'D = 中点(B, C)', '线段(A, D)', 'E = 中点(C, A)', '线段(B, E)', 'G = 交点(a, b)']) {
      await sendKeys({ type: line });
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
    }
    expect(el.document.elements).to.deep.equal(CIRCUMCIRCLE_AND_CENTROID);
    // Each new object is announced.
    expect($(el, '[role="status"]').textContent).to.equal('已创建 G = 交点(a, b)');
  });

  it('shows an input error where it is, changes nothing, and offers a slider for an undefined name', async () => {
    const el = await mount({ lang: 'en' });
    const input = $<HTMLInputElement>(el, '#input');
    input.value = 'Circle(A)';
    $(el, '.input-line button[type="submit"]').click();
    await el.updateComplete;
    expect($(el, '#input-error').textContent).to.match(/There is no command|does not take|not defined/);
    expect(el.document.elements).to.deep.equal([]);
    input.value = 'f(x) = m*x + 1';
    $(el, '.input-line button[type="submit"]').click();
    await el.updateComplete;
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect([input.selectionStart, input.selectionEnd]).to.deep.equal([7, 8]);
    const offer = $(el, '.create-slider');
    expect(offer.textContent!.trim()).to.equal('Create slider m');
    offer.click();
    await el.updateComplete;
    expect(el.document.elements.map((e) => [e.id, e.type])).to.deep.equal([
      ['m', 'slider'],
      ['f', 'functiongraph'],
    ]);
    await el.runCommand('Segment((0, 0), (1, 1))').then((ids) => expect(ids).to.deep.equal(['A', 'B', 'a']));
    let refused: unknown;
    await el.runCommand('Segment(A, Z)').catch((err: unknown) => (refused = err));
    expect((refused as Error).name).to.equal('InputError');
  });

  it('records a drag with Move in the document, and everything built on the point follows', async () => {
    const el = await mount({ lang: 'en' });
    for (const line of ['A = (-2, 0)', 'B = (2, 0)', 'M = Midpoint(A, B)']) await el.runCommand(line);
    await el.updateComplete;
    const changes: NetpadEditorChangeDetail[] = [];
    el.addEventListener('netpad-editor-change', (e) => changes.push(e.detail));
    const [x0, y0] = screen(el, -2, 0);
    const [x1, y1] = screen(el, -2, 4);
    await sendMouse({ type: 'move', position: [x0, y0] });
    await sendMouse({ type: 'down' });
    for (let i = 1; i <= 8; i++) await sendMouse({ type: 'move', position: [x0, Math.round(y0 + ((y1 - y0) * i) / 8)] });
    // The board follows the last move before the button goes up.
    await sendMouse({ type: 'move', position: [x1, y1] });
    await nextFrame();
    await sendMouse({ type: 'up' });
    await el.updateComplete;
    const a = el.document.elements[0] as { x: number; y: number };
    expect(a.x).to.be.closeTo(-2, 0.05);
    expect(a.y).to.be.closeTo(4, 0.2);
    expect(changes.map((c) => c.label)).to.deep.equal(['Move A']);
    expect($(el, 'li[data-id="M"] .value').textContent).to.match(/^\(0, 2(\.\d+)?\)$/);
    el.undo();
    await el.updateComplete;
    expect(el.document.elements[0]).to.deep.include({ x: -2, y: 0 });
  });

  it('moves a point with the arrow keys once it has the focus (Tab reaches it), each key one step', async () => {
    const el = await mount({ lang: 'en' });
    await el.runCommand('A = (0, 0)');
    await el.updateComplete;
    const node = el.shadowRoot!.querySelector<SVGElement>('[id$="_np_A"]')!;
    expect(node.getAttribute('tabindex')).to.equal('0');
    node.focus();
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    const a = el.document.elements[0] as { x: number; y: number };
    expect(a.x).to.be.greaterThan(0);
    expect(a.y).to.be.greaterThan(0);
    expect(el.canUndo).to.equal(true);
    el.undo();
    el.undo();
    expect(el.document.elements[0]).to.deep.include({ x: 0, y: 0 });
  });

  it('undoes and redoes with its buttons and with Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y', async () => {
    const el = await mount({ lang: 'en' });
    await el.runCommand('A = (0, 0)');
    await el.runCommand('B = (1, 0)');
    await el.updateComplete;
    const undo = $<HTMLButtonElement>(el, '.undo');
    const redo = $<HTMLButtonElement>(el, '.redo');
    expect(redo.disabled).to.equal(true);
    expect(undo.title).to.equal('Undo: B = (1, 0)');
    undo.click();
    await el.updateComplete;
    expect(el.document.elements.map((e) => e.id)).to.deep.equal(['A']);
    expect(redo.disabled).to.equal(false);
    redo.click();
    await el.updateComplete;
    expect(el.document.elements.map((e) => e.id)).to.deep.equal(['A', 'B']);
    $<HTMLButtonElement>(el, '.tools button[data-tool="move"]').focus();
    await sendKeys({ press: 'Control+z' });
    await sendKeys({ press: 'Control+z' });
    expect(el.document.elements).to.deep.equal([]);
    await sendKeys({ press: 'Control+Shift+z' });
    await sendKeys({ press: 'Control+y' });
    expect(el.document.elements.map((e) => e.id)).to.deep.equal(['A', 'B']);
  });

  it('renames (references follow) and deletes with what depends on it, after saying what that is', async () => {
    const el = await mount({ lang: 'en' });
    for (const line of ['A = (0, 0)', 'B = (3, 0)', 'Segment(A, B)', 'Midpoint(a)']) await el.runCommand(line);
    await el.updateComplete;
    $(el, 'li[data-id="A"] .rename').click();
    await el.updateComplete;
    const field = $<HTMLInputElement>(el, '.rename-form input');
    field.value = 'B';
    $(el, '.rename-form button[type="submit"]').click();
    await el.updateComplete;
    expect($(el, '.rename-form .error').textContent).to.equal('"B" is already the name of another object.');
    $<HTMLInputElement>(el, '.rename-form input').value = 'P';
    $(el, '.rename-form button[type="submit"]').click();
    await el.updateComplete;
    expect(el.document.elements[2]).to.deep.equal({ id: 'a', type: 'segment', points: ['P', 'B'] });
    $(el, 'li[data-id="B"] .delete').click();
    await el.updateComplete;
    expect($(el, '.confirm p').textContent).to.equal('Deleting B also deletes what is built on it: a, C.');
    expect(el.document.elements).to.have.length(4);
    $(el, '.confirm-delete').click();
    await el.updateComplete;
    expect(el.document.elements.map((e) => e.id)).to.deep.equal(['P']);
    el.undo();
    await el.updateComplete;
    expect(el.document.elements.map((e) => e.id)).to.deep.equal(['P', 'B', 'a', 'C']);
  });

  it('changes style, visibility and label from the object list, and says what is selected', async () => {
    const el = await mount({ lang: 'en' });
    await el.runCommand('Segment((0, 0), (2, 1))');
    await el.updateComplete;
    const selections: (string | null)[] = [];
    el.addEventListener('netpad-editor-select', (e) => selections.push(e.detail.id));
    $(el, 'li[data-id="a"] .name').click();
    await el.updateComplete;
    const dash = $<HTMLSelectElement>(el, '.style select[name="dash"]');
    dash.value = 'dashed';
    dash.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(el.document.elements[2]).to.deep.include({ style: { dash: 2 } });
    // A point's label and whether it is fixed.
    $(el, 'li[data-id="A"] .name').click();
    await el.updateComplete;
    const label = $<HTMLInputElement>(el, 'li[data-id="A"] .style input[name="label"]');
    label.value = '顶点 A';
    label.dispatchEvent(new Event('change'));
    await el.updateComplete;
    const fixed = $<HTMLInputElement>(el, 'li[data-id="A"] .style input[name="fixed"]');
    fixed.click();
    await el.updateComplete;
    expect(el.document.elements[0]).to.deep.include({ label: '顶点 A', fixed: true });
    const trace = $<HTMLInputElement>(el, 'li[data-id="A"] .style input[name="trace"]');
    trace.click();
    await el.updateComplete;
    expect(el.document.elements[0]).to.deep.include({ trace: true });
    expect(el.document.version).to.equal(2, 'a trace needs format version 2');
    expect($<HTMLInputElement>(el, 'li[data-id="A"] .style input[name="fixed"]').checked).to.equal(true);
    const visible = $<HTMLInputElement>(el, 'li[data-id="A"] .visible');
    visible.click();
    await el.updateComplete;
    expect(el.document.elements[0]).to.deep.include({ visible: false });
    expect(selections).to.deep.equal(['a', 'A']);
  });

  it('plays the construction back step by step', async () => {
    const el = await mount({ lang: 'en' });
    for (const line of ['A = (0, 0)', 'B = (3, 0)', 'Segment(A, B)']) await el.runCommand(line);
    await el.updateComplete;
    expect($(el, '.playback .step').textContent).to.equal('Step 3 of 3');
    $(el, '.playback .first').click();
    await el.updateComplete;
    expect($(el, '.playback .step').textContent).to.equal('Step 0 of 3');
    $(el, '.playback .next').click();
    await el.updateComplete;
    expect($(el, '.playback .step').textContent).to.equal('Step 1 of 3');
    // The document is untouched by playback; only the board shows fewer steps.
    expect(el.document.elements).to.have.length(3);
    const drawn = el.shadowRoot!.querySelectorAll('.board-host ellipse, .board-host circle').length;
    $(el, '.playback .last').click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('.board-host ellipse, .board-host circle').length).to.be.greaterThan(drawn);
  });

  it('opens a subset of tools, and is read-only when asked', async () => {
    const el = await mount({ lang: 'en', tools: 'move point segment' });
    const shown = () => [...el.shadowRoot!.querySelectorAll('.tools button')].map((b) => b.getAttribute('data-tool'));
    expect(shown()).to.deep.equal(['move', 'point', 'segment']);
    // GeoGebra's first level, when no list is given.
    el.tools = undefined;
    el.level = 'basic';
    await el.updateComplete;
    expect(shown()).to.deep.equal(['move', 'point', 'segment', 'line', 'polygon', 'circle']);
    el.level = 'standard';
    await el.updateComplete;
    expect(shown().length).to.be.greaterThan(40);
    el.readonly = true;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.tools')).to.equal(null);
    expect(el.shadowRoot!.querySelector('.input-line')).to.equal(null);
    let refused: unknown;
    await el.runCommand('A = (1, 1)').catch((err: unknown) => (refused = err));
    expect(String(refused)).to.match(/read-only/);
  });

  it('says when its board is ready (netpad-editor-load), once', async () => {
    const el = document.createElement('netpad-editor');
    el.document = { ...blankDocument(), elements: [{ id: 'A', type: 'point', x: 1, y: 1 }] };
    const loads: number[] = [];
    el.addEventListener('netpad-editor-load', (e) => loads.push(e.detail.elements));
    document.body.append(el);
    await until(() => loads.length > 0, 'netpad-editor-load');
    expect(loads).to.deep.equal([1]);
    expect(el.shadowRoot!.querySelector('.board-host svg')).to.not.equal(null);
  });

  it('takes a document, refuses an invalid one, and starts a new history', async () => {
    const el = await mount({ lang: 'en' });
    await el.runCommand('A = (1, 1)');
    el.document = { ...blankDocument(), elements: [{ id: 'Q', type: 'point', x: 0, y: 0 }] };
    expect(el.canUndo).to.equal(false);
    expect(() => (el.document = { ...blankDocument(), elements: [{ id: 'a', type: 'segment', points: ['X', 'Y'] }] } as FigureDocument)).to.throw(/no element|not defined|X/);
    expect(el.document.elements.map((e) => e.id)).to.deep.equal(['Q']);
  });

  it('has no accessibility violations (axe), in Chinese and in English', async () => {
    await new Promise<void>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = '/node_modules/axe-core/axe.min.js';
      script.onload = () => resolve();
      script.onerror = () => reject(new Error('axe-core did not load'));
      document.head.append(script);
    });
    type Axe = { run(ctx: Element, opts: object): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> };
    const axe = (window as unknown as { axe: Axe }).axe;
    for (const lang of ['zh-CN', 'en']) {
      const el = await mount({ lang });
      await el.runCommand('Segment((0, 0), (2, 1))');
      await el.updateComplete;
      const result = await axe.run(el, { resultTypes: ['violations'] });
      expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).to.deep.equal([]);
      el.remove();
    }
  });
});
