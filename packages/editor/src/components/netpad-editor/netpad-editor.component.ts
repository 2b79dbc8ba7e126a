import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { FigureDocument, FigureElement } from '@netpad/figure';
import type { FigureHandle, renderValidFigure } from '@netpad/figure/render';
import { blankDocument, categoryIn, checked, deleteElements, elementById, renameElement, setValues, updateElement, addElements, type ElementPatch } from '../../model/document';
import { EditRefusedError, NameError } from '../../model/errors';
import { History } from '../../model/history';
import { draftNameKind, nextName } from '../../model/names';
import { dependentsOf } from '../../model/references';
import { definitionText, type Draft } from '../../input/commands';
import { InputError, runInput, sliderFor } from '../../input/run';
import { BASIC_TOOLS, findTool, TOOLS, type ToolDefinition } from '../../tools/catalogue';
import { ToolSession } from '../../tools/session';
import { CURSOR_ID, ghostable, ghostDocument } from '../../tools/ghost';
import { editorLang, TEXT, type EditorLang } from '../../internal/i18n';
import { styles } from './netpad-editor.styles';

/** Detail of `netpad-editor-change`: the document after the step, and what the step was. */
export interface NetpadEditorChangeDetail {
  readonly document: FigureDocument;
  readonly label: string;
}
/** Detail of `netpad-editor-select`: the selected object's name, or null. */
export interface NetpadEditorSelectDetail {
  readonly id: string | null;
}

type Renderer = { renderValidFigure: typeof renderValidFigure };
let rendererModule: Promise<Renderer> | undefined;
/** The renderer (JSXGraph) loads with the first editor on a page, not with the page. */
const loadRenderer = () => (rendererModule ??= import('@netpad/figure/render'));

const DASH = { solid: undefined, dashed: 2, dotted: 1 } as const;

/**
 * `<netpad-editor>`: the construction tool teachers build figures with — tools on a board, an
 * input line, the object list, undo and redo. Every edit is a step on a figure document
 * (@netpad/figure's format), validated before it is taken; the board is always drawn from the
 * document.
 *
 * @summary The Netpad construction editor.
 *
 * @event netpad-editor-load - When the board is first drawn and the editor takes input: `{ elements }` (how many the figure has).
 * @event netpad-editor-change - After every step (a tool, a command, a drag, an undo): `{ document, label }`.
 * @event netpad-editor-select - When an object is selected in the list or on the board: `{ id }` (null for none).
 *
 * @csspart base - The editor's frame.
 * @csspart toolbar - The tool buttons, undo and redo.
 * @csspart board - The construction board.
 * @csspart objects - The object list (the construction steps, in order).
 * @csspart prompt - What the current tool asks for.
 * @csspart input - The input line with its error.
 *
 * @cssproperty --netpad-editor-accent - Colour of the selected tool and object. Default `#1e88e5`.
 * @cssproperty --netpad-editor-aspect-ratio - Aspect ratio of the board. Default `4 / 3`.
 * @cssproperty --netpad-editor-font - Font family. Default the system UI font.
 */
export default class NetpadEditor extends LitElement {
  static override styles = styles;

  /** The figure being edited. Setting it starts a new history (no undo across documents). */
  @property({ attribute: false })
  get document(): FigureDocument {
    return this.#history.document;
  }
  set document(doc: FigureDocument) {
    const old = this.#history.document;
    this.#history.reset(checked(doc));
    this.#session?.cancel();
    this.requestUpdate('document', old);
  }

  /** Shows the figure and its objects, with no tools and no edits. */
  @property({ type: Boolean, reflect: true }) readonly = false;

  /**
   * Which tools show (ids: move, point, intersect, midpoint, segment, line, ray, vector, polygon,
   * perpendicular, parallel, angle-bisector, circle, circle3, ellipse, angle,
   * perpendicular-bisector, regular-polygon, semicircle, sector, parabola, hyperbola, reflect,
   * rotate, translate, dilate, circle-tangents, checkbox, locus, segment-length, compass,
   * angle-size, circle-radius, arc, function-tangent, function, distance, area, slope, slider,
   * text), as a list or the attribute `tools="move point segment"`. Default: those of `level`.
   */
  @property({
    converter: {
      fromAttribute: (v: string | null) => (v ? v.split(/[\s,]+/).filter(Boolean) : undefined),
      toAttribute: (v: string[] | undefined) => v?.join(' '),
    },
  })
  tools: string[] | undefined;

  /**
   * Which tools show when `tools` is not set, as GeoGebra's levels: `basic` (move, point,
   * segment, line, polygon, circle: a first lesson, a phone) or `standard` (every tool; default).
   */
  @property({ reflect: true }) level: 'basic' | 'standard' = 'standard';

  /** Language of the editor (zh-CN or en); by default the page's, Chinese unless it says English. */
  @property({ reflect: true }) override lang = '';

  @state() private activeTool = 'move';
  @state() private selected: string | null = null;
  @state() private inputError: InputError | undefined;
  @state() private confirmDelete: { id: string; dependents: string[] } | undefined;
  @state() private renaming: { id: string; error?: string } | undefined;
  @state() private announcement = '';
  @state() private playback: number | undefined;
  @state() private preview: { from: [number, number]; to: [number, number]; kind: 'line' | 'circle' | 'polyline'; points: [number, number][] } | undefined;
  @state() private boardReady = false;
  @state() private toolParameter: number | undefined;
  @state() private toolText: string | undefined;

  @query('.board-host') private boardHost!: HTMLDivElement;
  @query('.input-line input') private inputField!: HTMLInputElement;

  #history = new History(blankDocument());
  #session: ToolSession | undefined;
  #handle: FigureHandle | undefined;
  #drawn: FigureDocument | undefined;
  #renderer: Renderer | undefined;
  /** The live preview's own figure (see #moveGhost). */
  #ghost: { key: string; doc: FigureDocument; host: HTMLDivElement; handle: FigureHandle } | undefined;
  #pointerDown: { x: number; y: number; id: number } | undefined;
  #pickPoints: [number, number][] = [];

  private get t() {
    return TEXT[this.language];
  }
  private get language(): EditorLang {
    return editorLang(this.lang || this.closest('[lang]')?.getAttribute('lang') || globalThis.document?.documentElement.lang);
  }

  /** Whether there is a step to undo. */
  get canUndo(): boolean {
    return this.#history.canUndo;
  }
  /** Whether there is a step to redo. */
  get canRedo(): boolean {
    return this.#history.canRedo;
  }

  /** Takes back the last step. */
  undo(): void {
    const undone = this.#history.undo();
    if (!undone) return;
    this.#afterHistoryMove(this.t.undone(undone.label), undone.label);
  }

  /** Does again the step undo took back. */
  redo(): void {
    const redone = this.#history.redo();
    if (!redone) return;
    this.#afterHistoryMove(this.t.redone(redone.label), redone.label);
  }

  /**
   * Runs what the input line runs (`Segment(A, B)`, `圆(A, B, C)`, `f(x) = x^2`) as one step.
   * Resolves to the names of the objects it made; rejects with an `InputError` (with `position`
   * and `messages`) and changes nothing when the line is wrong.
   */
  async runCommand(text: string): Promise<string[]> {
    if (this.readonly) throw new Error(this.t.readonly);
    const result = runInput(this.document, text, this.language);
    this.#commit(result.document, result.label);
    this.#announceCreated(result.created);
    return [...result.created];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.#onKeydown);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.#onKeydown);
    this.#clearGhost();
    this.#handle?.destroy();
    this.#handle = undefined;
    this.#drawn = undefined;
  }

  protected override firstUpdated(): void {
    void loadRenderer().then((r) => {
      this.#renderer = r;
      this.boardReady = true;
      this.#draw();
      this.dispatchEvent(new CustomEvent('netpad-editor-load', { detail: { elements: this.document.elements.length }, bubbles: true, composed: true }));
    });
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('document') || changed.has('playback') || changed.has('lang')) this.#draw();
    if (changed.has('readonly') && this.readonly) this.#selectTool('move');
  }

  /** The document the board shows: the whole figure, or its first steps during playback. */
  #shown(): FigureDocument {
    const doc = this.document;
    if (this.playback === undefined) return doc;
    const keep = new Set(doc.elements.slice(0, this.playback).map((e) => e.id));
    // A step shows with everything it needs; later steps stay hidden.
    for (const id of dependentsOf(doc, [...doc.elements.slice(this.playback).map((e) => e.id)])) keep.delete(id);
    const { state: _state, ...rest } = doc;
    return { ...rest, elements: doc.elements.filter((e) => keep.has(e.id)) };
  }

  #draw(): void {
    if (!this.#renderer || !this.boardHost) return;
    const doc = this.#shown();
    if (doc === this.#drawn && this.#handle) return;
    // A point moved with the keyboard keeps the focus across the redraw its move causes.
    const focused = /_np_([A-Za-z_][A-Za-z0-9_]*)$/.exec(this.renderRoot.querySelector('.board-host :focus')?.id ?? '')?.[1];
    this.#handle?.destroy();
    this.#handle = this.#renderer.renderValidFigure(this.boardHost, doc, { locale: this.language, interactive: !this.readonly && this.playback === undefined });
    this.#drawn = doc;
    if (focused) this.boardHost.querySelector<SVGElement>(`[id$="_np_${focused}"]`)?.focus();
  }

  #commit(doc: FigureDocument, label: string): void {
    const old = this.document;
    this.#history.push(doc, label);
    this.requestUpdate('document', old);
    this.dispatchEvent(new CustomEvent<NetpadEditorChangeDetail>('netpad-editor-change', { detail: { document: doc, label }, bubbles: true, composed: true }));
  }

  #afterHistoryMove(announcement: string, label: string): void {
    this.#session?.cancel();
    this.preview = undefined;
    this.#clearGhost();
    this.announcement = announcement;
    if (this.selected && !elementById(this.document, this.selected)) this.#select(null);
    this.requestUpdate('document');
    this.dispatchEvent(new CustomEvent<NetpadEditorChangeDetail>('netpad-editor-change', { detail: { document: this.document, label }, bubbles: true, composed: true }));
  }

  /** "a = Segment(A, B)": how an object is named in announcements and the undo history. */
  #describe(id: string, doc: FigureDocument = this.document): string {
    const el = elementById(doc, id);
    return el ? `${id} = ${definitionText(el, this.language)}` : id;
  }

  #announceCreated(ids: readonly string[]): void {
    this.announcement = this.t.created(ids.map((id) => this.#describe(id)).join('; '));
  }

  #select(id: string | null): void {
    if (this.selected === id) return;
    this.selected = id;
    this.dispatchEvent(new CustomEvent<NetpadEditorSelectDetail>('netpad-editor-select', { detail: { id }, bubbles: true, composed: true }));
  }

  #visibleTools(): ToolDefinition[] {
    const wanted = this.tools ?? (this.level === 'basic' ? BASIC_TOOLS : undefined);
    const list = wanted ? TOOLS.filter((t) => wanted.includes(t.id)) : [...TOOLS];
    return list.length ? list : [findTool('move')!];
  }

  #selectTool(id: string): void {
    this.activeTool = id;
    const tool = findTool(id)!;
    this.toolParameter = tool.parameter?.value;
    this.toolText = tool.textParameter?.value[this.language];
    this.#session = id === 'move' ? undefined : new ToolSession(tool, this.document.board.grid === true, () => this.#parameterValue(tool), () => this.toolText ?? '', () => this.selected ?? undefined);
    this.#pickPoints = [];
    this.preview = undefined;
    this.#clearGhost();
  }

  /** The tool's number as typed, kept within what the tool takes. */
  #parameterValue(tool: ToolDefinition): number {
    const p = tool.parameter;
    if (!p) return 0;
    const v = Number(this.toolParameter);
    return Number.isFinite(v) ? Math.min(p.max, Math.max(p.min, v)) : p.value;
  }

  #onKeydown = (event: KeyboardEvent): void => {
    const inField = event.composedPath()[0] instanceof HTMLInputElement;
    const key = event.key.toLowerCase();
    if ((event.ctrlKey || event.metaKey) && !inField) {
      if (key === 'z' && !event.shiftKey) {
        event.preventDefault();
        this.undo();
      } else if ((key === 'z' && event.shiftKey) || key === 'y') {
        event.preventDefault();
        this.redo();
      }
      return;
    }
    if (event.key === 'Escape') {
      // Esc ends the step under way; again, it goes back to Move.
      if (this.#session?.cancel()) {
        this.#pickPoints = [];
        this.preview = undefined;
        this.#clearGhost();
      } else if (this.activeTool !== 'move') this.#selectTool('move');
      else this.#select(null);
    }
  };

  #onToolbarKeydown(event: KeyboardEvent): void {
    const buttons = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('.tools button[data-tool]')];
    const index = buttons.indexOf(event.composedPath()[0] as HTMLButtonElement);
    if (index < 0) return;
    const next = { ArrowRight: index + 1, ArrowDown: index + 1, ArrowLeft: index - 1, ArrowUp: index - 1, Home: 0, End: buttons.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const target = buttons[(next + buttons.length) % buttons.length]!;
    target.focus();
    this.#selectTool(target.dataset.tool!);
  }

  /** Captured on the way down: the board's own handlers (dragging points) must not hide a click from the tools. */
  #capture = {
    down: { handleEvent: (e: PointerEvent) => this.#onPointerDown(e), capture: true },
    move: { handleEvent: (e: PointerEvent) => this.#onPointerMove(e), capture: true },
    up: { handleEvent: (e: PointerEvent) => this.#onPointerUp(e), capture: true },
  };

  #onPointerDown(event: PointerEvent): void {
    this.#pointerDown = { x: event.clientX, y: event.clientY, id: event.pointerId };
  }

  #onPointerMove(event: PointerEvent): void {
    const tool = this.#session?.tool;
    this.#moveGhost(event.clientX, event.clientY);
    if (!tool?.preview || this.#pickPoints.length === 0) return;
    const rect = this.boardHost.getBoundingClientRect();
    const local = (p: [number, number]): [number, number] => [p[0] - rect.left, p[1] - rect.top];
    this.preview = { kind: tool.preview, from: local(this.#pickPoints[0]!), to: local([event.clientX, event.clientY]), points: this.#pickPoints.map(local) };
  }

  /**
   * The live preview of tools without a shape of their own (a perpendicular, a rotation, a
   * segment of given length…): what the tool would make with the pointer as its last point,
   * drawn faintly over the board in a figure of its own, rebuilt when a pick or the tool's number
   * changes and otherwise only moved.
   */
  #moveGhost(clientX: number, clientY: number): void {
    const session = this.#session;
    if (!session || !this.#handle || !this.#renderer || this.readonly || !ghostable(session.tool, session.picks)) return this.#clearGhost();
    const at = this.#handle.toFigureCoords(clientX, clientY);
    const key = `${session.tool.id} ${session.picks.join(',')} ${this.toolParameter ?? ''} ${this.toolText ?? ''}`;
    if (this.#ghost?.key !== key || this.#ghost.doc !== this.document) {
      this.#clearGhost();
      const ghost = ghostDocument(this.document, session.tool, session.picks, { parameter: this.#parameterValue(session.tool), text: this.toolText ?? '', at, selected: this.selected ?? undefined });
      if (!ghost) return;
      const host = globalThis.document.createElement('div');
      host.className = 'ghost';
      host.setAttribute('aria-hidden', 'true');
      this.boardHost.append(host);
      const handle = this.#renderer.renderValidFigure(host, ghost, { locale: this.language, interactive: false, size: { width: this.boardHost.clientWidth, height: this.boardHost.clientHeight } });
      this.#ghost = { key, doc: this.document, host, handle };
    }
    this.#ghost.handle.setValue(CURSOR_ID, at);
  }

  #clearGhost(): void {
    this.#ghost?.handle.destroy();
    this.#ghost?.host.remove();
    this.#ghost = undefined;
  }

  #onPointerUp(event: PointerEvent): void {
    const down = this.#pointerDown;
    this.#pointerDown = undefined;
    if (!down || down.id !== event.pointerId || !this.#handle || this.readonly || this.playback !== undefined) return;
    if (this.activeTool === 'move') {
      this.#commitDrag();
      const moved = Math.hypot(event.clientX - down.x, event.clientY - down.y) > 4;
      if (!moved) this.#select(this.#handle.elementsAt(event.clientX, event.clientY)[0] ?? null);
      return;
    }
    // A tool takes taps and clicks; a drag with a tool is not a pick.
    if (Math.hypot(event.clientX - down.x, event.clientY - down.y) > 8) return;
    this.#pick(event.clientX, event.clientY);
  }

  /** Arrow keys move the focused point (the board's own keyboard handling): each key is a step. */
  #onBoardKeyup(event: KeyboardEvent): void {
    if (!event.key.startsWith('Arrow') || !this.#handle || this.readonly || this.playback !== undefined) return;
    this.#commitDrag();
  }

  /** A drag with Move changes where points are (or what a slider holds) in the figure itself. */
  #commitDrag(): void {
    const handle = this.#handle!;
    const doc = this.document;
    const values = handle.getState();
    const changed: Record<string, number | [number, number]> = {};
    for (const [id, v] of Object.entries(values)) {
      const el = elementById(doc, id);
      if (!el) continue;
      const now = el.type === 'slider' ? el.value : el.type === 'checkbox' ? (el.value ? 1 : 0) : el.type === 'point' || el.type === 'glider' ? [el.x, el.y] : undefined;
      const same = Array.isArray(v) && Array.isArray(now) ? Math.abs(v[0] - Number(now[0])) < 1e-9 && Math.abs(v[1] - Number(now[1])) < 1e-9 : v === now;
      if (!same) changed[id] = v;
    }
    const ids = Object.keys(changed);
    if (!ids.length) return;
    this.#commit(setValues(doc, changed), this.t.moved(ids.join(', ')));
  }

  #pick(clientX: number, clientY: number): void {
    const session = this.#session;
    const handle = this.#handle;
    if (!session || !handle) return;
    const hit = { ids: handle.elementsAt(clientX, clientY), at: handle.toFigureCoords(clientX, clientY) } as const;
    let outcome = session.pick(this.document, hit);
    if (outcome.kind === 'make-point') {
      const id = this.#add([outcome.draft], hit.at)?.[0];
      if (!id) return;
      outcome = session.tool.id === 'point' ? { kind: 'done', draft: undefined, picks: [id] } : session.accept(id);
    }
    if (outcome.kind === 'picked') {
      this.#pickPoints.push([clientX, clientY]);
    } else if (outcome.kind === 'done') {
      this.#pickPoints = [];
      this.preview = undefined;
      this.#clearGhost();
      const drafts = outcome.draft === undefined ? [] : Array.isArray(outcome.draft) ? (outcome.draft as readonly Draft[]) : [outcome.draft as Draft];
      if (drafts.length) this.#add(drafts, hit.at);
    }
  }

  /**
   * Makes objects as one step (one, or several such as a segment with its far end, where `$0`,
   * `$1`… stand for the names the earlier ones get). A lone crossing of a circle has two points:
   * the one nearer the click is taken. Returns the new names, or undefined when the format
   * refuses the step (and says why).
   */
  #add(drafts: readonly Draft[], at: readonly [number, number]): string[] | undefined {
    const doc = this.document;
    const taken = new Set(doc.elements.map((e) => e.id));
    const ids = drafts.map((d) => {
      const id = nextName(draftNameKind(d, (x) => categoryIn(doc, x)), taken);
      taken.add(id);
      return id;
    });
    const resolve = (v: unknown): unknown => {
      if (typeof v === 'string') return v.replace(/\$(\d+)/g, (whole, i: string) => ids[Number(i)] ?? whole);
      if (Array.isArray(v)) return v.map(resolve);
      return v;
    };
    let elements = drafts.map((d, i) => Object.fromEntries([['id', ids[i]], ...Object.entries(d.element).map(([k, v]) => [k, resolve(v)])]) as unknown as FigureElement);
    try {
      const only = elements.length === 1 ? elements[0]! : undefined;
      if (only?.type === 'intersection') {
        // Both crossings in one off-screen drawing: keep the nearer.
        const alternative = { ...only, id: nextName('other', taken), index: 1 } as FigureElement;
        const [first, second] = this.#probe(addElements(doc, [only, alternative]), [only.id, alternative.id]);
        const distance = (p: [number, number] | undefined) => (p ? Math.hypot(p[0] - at[0], p[1] - at[1]) : Infinity);
        if (distance(second) < distance(first)) elements = [{ ...only, index: 1 } as FigureElement];
      }
      const next = addElements(doc, elements);
      this.#commit(next, this.#describe(ids[ids.length - 1]!, next));
    } catch (err) {
      if (err instanceof EditRefusedError) {
        this.announcement = err.errors[0]?.messages[this.language] ?? err.message;
        return undefined;
      }
      throw err;
    }
    this.#announceCreated(ids);
    // The board is redrawn now, not at the next frame: the next click may pick what this made.
    this.#draw();
    return ids;
  }

  /** Where points of a candidate document would be (drawn off-screen once, then freed). */
  #probe(doc: FigureDocument, ids: readonly string[]): ([number, number] | undefined)[] {
    if (!this.#renderer) return ids.map(() => undefined);
    const host = globalThis.document.createElement('div');
    host.style.cssText = 'position:absolute;left:-10000px;width:400px;height:300px';
    globalThis.document.body.append(host);
    try {
      const handle = this.#renderer.renderValidFigure(host, doc, { interactive: false, size: { width: 400, height: 300 } });
      const values = ids.map((id) => {
        const v = handle.getValue(id);
        return Array.isArray(v) ? v : undefined;
      });
      handle.destroy();
      return values;
    } finally {
      host.remove();
    }
  }

  #onInput(event: Event): void {
    event.preventDefault();
    const text = this.inputField.value;
    try {
      const result = runInput(this.document, text, this.language);
      this.#commit(result.document, result.label);
      this.#announceCreated(result.created);
      this.inputField.value = '';
      this.inputError = undefined;
    } catch (err) {
      if (err instanceof InputError) {
        this.inputError = err;
        this.inputField.setSelectionRange(err.position, Math.max(err.position + 1, err.end));
        return;
      }
      throw err;
    }
  }

  #createSlider(name: string): void {
    this.#commit(sliderFor(this.document, name), `${name} = 1`);
    this.#announceCreated([name]);
    this.inputError = undefined;
    // Run the line again now that its missing name exists.
    this.#onInput(new Event('submit'));
  }

  #askDelete(id: string): void {
    const dependents = dependentsOf(this.document, [id]);
    if (dependents.length === 0) this.#delete(id);
    else this.confirmDelete = { id, dependents };
  }

  #delete(id: string): void {
    const gone = [id, ...dependentsOf(this.document, [id])];
    this.#commit(deleteElements(this.document, [id]), this.t.deleteWhat(id));
    this.announcement = this.t.deleted(gone.join(', '));
    this.confirmDelete = undefined;
    if (this.selected && gone.includes(this.selected)) this.#select(null);
  }

  #rename(from: string, to: string): void {
    try {
      this.#commit(renameElement(this.document, from, to.trim()), this.t.renamed(from, to.trim()));
      this.renaming = undefined;
      if (this.selected === from) this.#select(to.trim());
    } catch (err) {
      if (err instanceof NameError) {
        this.renaming = { id: from, error: this.t.nameErrors[err.code](err.elementName) };
        return;
      }
      throw err;
    }
  }

  #patch(id: string, patch: ElementPatch, label: string): void {
    try {
      this.#commit(updateElement(this.document, id, patch), label);
    } catch (err) {
      if (err instanceof EditRefusedError) this.announcement = err.errors[0]?.messages[this.language] ?? err.message;
      else throw err;
    }
  }

  #valueText(el: FigureElement): string {
    const v = this.#handle?.getValue(el.id);
    if (Array.isArray(v)) return `(${fmt(v[0])}, ${fmt(v[1])})`;
    if (typeof v === 'number') return fmt(v);
    return '';
  }

  protected override render() {
    const t = this.t;
    const doc = this.document;
    const tool = this.#session?.tool;
    const step = this.#session?.step;
    const lang = this.language;
    return html`
      <div part="base" class="base" lang=${lang}>
        ${this.readonly
          ? nothing
          : html`<div part="toolbar" class="toolbar">
              <div class="tools" role="toolbar" aria-label=${t.toolbar} @keydown=${this.#onToolbarKeydown}>
                ${this.#visibleTools().map(
                  (tl) => html`<button
                    type="button"
                    data-tool=${tl.id}
                    tabindex=${tl.id === this.activeTool ? 0 : -1}
                    aria-pressed=${tl.id === this.activeTool ? 'true' : 'false'}
                    title=${tl.label[lang]}
                    @click=${() => this.#selectTool(tl.id)}
                  >
                    <span aria-hidden="true">${tl.glyph}</span><span class="sr-only">${tl.label[lang]}</span>
                  </button>`,
                )}
              </div>
              <div class="history">
                <button type="button" class="undo" ?disabled=${!this.canUndo} title=${this.#history.undoLabel ? t.undoWhat(this.#history.undoLabel) : t.undo} @click=${() => this.undo()}>
                  ${t.undo}
                </button>
                <button type="button" class="redo" ?disabled=${!this.canRedo} title=${this.#history.redoLabel ? t.redoWhat(this.#history.redoLabel) : t.redo} @click=${() => this.redo()}>
                  ${t.redo}
                </button>
              </div>
            </div>`}
        <div class="main">
          <div
            part="board"
            class="board"
            role="application"
            aria-label=${t.board}
            data-tool=${this.activeTool}
            @pointerdown=${this.#capture.down}
            @pointermove=${this.#capture.move}
            @pointerup=${this.#capture.up}
            @keyup=${this.#onBoardKeyup}
          >
            <div class="board-host"></div>
            ${this.boardReady ? nothing : html`<p class="loading">${t.loading}</p>`} ${this.#renderPreview()}
          </div>
          <aside part="objects" class="objects" aria-label=${t.objects}>
            <h2>${t.objects}</h2>
            ${doc.elements.length === 0 ? html`<p class="empty">${t.noObjects}</p>` : nothing}
            <ol class="object-list">
              ${doc.elements.map((el) => this.#renderObject(el))}
            </ol>
            ${this.#renderPlayback()}
          </aside>
        </div>
        ${this.readonly
          ? nothing
          : html`<div class="prompt-row">
                <p part="prompt" class="prompt" aria-live="polite">${tool && step ? `${tool.label[lang]}: ${step.prompt[lang]}` : ''}</p>
                ${tool?.parameter
                  ? html`<label class="tool-parameter"
                      >${tool.parameter.label[lang]}
                      <input
                        type="number"
                        name="parameter"
                        min=${tool.parameter.min}
                        max=${tool.parameter.max}
                        step=${tool.parameter.step}
                        .value=${String(this.toolParameter ?? tool.parameter.value)}
                        @input=${(e: Event) => (this.toolParameter = Number((e.target as HTMLInputElement).value))}
                    /></label>`
                  : nothing}
                ${tool?.textParameter
                  ? html`<label class="tool-parameter tool-text"
                      >${tool.textParameter.label[lang]}
                      <input
                        name="tool-text"
                        autocomplete="off"
                        .value=${this.toolText ?? tool.textParameter.value[lang]}
                        @input=${(e: Event) => (this.toolText = (e.target as HTMLInputElement).value)}
                    /></label>`
                  : nothing}
              </div>
              <form part="input" class="input-line" @submit=${this.#onInput}>
                <label for="input">${t.inputLabel}</label>
                <input
                  id="input"
                  name="input"
                  autocomplete="off"
                  spellcheck="false"
                  placeholder=${t.inputPlaceholder}
                  aria-invalid=${this.inputError ? 'true' : 'false'}
                  aria-describedby="input-error"
                  @input=${() => (this.inputError = undefined)}
                />
                <button type="submit">${t.run}</button>
                <p id="input-error" class="error" role="alert">
                  ${this.inputError ? html`${this.inputError.messages[lang]}` : nothing}
                  ${this.inputError?.missingName
                    ? html`<button type="button" class="create-slider" @click=${() => this.#createSlider(this.inputError!.missingName!)}>
                        ${t.createSlider(this.inputError.missingName)}
                      </button>`
                    : nothing}
                </p>
              </form>`}
        <div class="sr-only" role="status" aria-live="polite">${this.announcement}</div>
      </div>
    `;
  }

  #renderPreview() {
    const p = this.preview;
    if (!p) return nothing;
    const r = Math.hypot(p.to[0] - p.from[0], p.to[1] - p.from[1]);
    const pts = [...p.points, p.to].map((q) => q.join(',')).join(' ');
    return html`<svg class="preview" aria-hidden="true">
      ${p.kind === 'line'
        ? html`<line x1=${p.from[0]} y1=${p.from[1]} x2=${p.to[0]} y2=${p.to[1]}></line>`
        : p.kind === 'circle'
          ? html`<circle cx=${p.from[0]} cy=${p.from[1]} r=${r}></circle>`
          : html`<polyline points=${pts}></polyline>`}
    </svg>`;
  }

  #renderObject(el: FigureElement) {
    const t = this.t;
    const lang = this.language;
    const selected = this.selected === el.id;
    const confirm = this.confirmDelete?.id === el.id ? this.confirmDelete : undefined;
    const renaming = this.renaming?.id === el.id ? this.renaming : undefined;
    return html`<li class=${selected ? 'selected' : ''} data-id=${el.id}>
      <div class="row">
        <input
          type="checkbox"
          class="visible"
          .checked=${el.visible !== false}
          ?disabled=${this.readonly}
          aria-label=${t.show(el.id)}
          @change=${(e: Event) => this.#patch(el.id, { visible: (e.target as HTMLInputElement).checked ? undefined : false }, t.show(el.id))}
        />
        <button type="button" class="name" aria-pressed=${selected ? 'true' : 'false'} @click=${() => this.#select(selected ? null : el.id)}>${el.id}</button>
        <span class="definition">${definitionText(el, lang)}</span>
        <span class="value">${this.#valueText(el)}</span>
        ${this.readonly
          ? nothing
          : html`<button type="button" class="rename" @click=${() => (this.renaming = { id: el.id })} aria-label=${`${t.rename} ${el.id}`}>✎</button>
              <button type="button" class="delete" @click=${() => this.#askDelete(el.id)} aria-label=${t.deleteWhat(el.id)}>🗑</button>`}
      </div>
      ${renaming
        ? html`<form
            class="rename-form"
            @submit=${(e: Event) => {
              e.preventDefault();
              this.#rename(el.id, ((e.target as HTMLFormElement).elements.namedItem('name') as HTMLInputElement).value);
            }}
          >
            <input name="name" .value=${el.id} aria-label=${t.renameTo(el.id)} autocomplete="off" />
            <button type="submit">${t.save}</button>
            <button type="button" @click=${() => (this.renaming = undefined)}>${t.cancel}</button>
            ${renaming.error ? html`<p class="error" role="alert">${renaming.error}</p>` : nothing}
          </form>`
        : nothing}
      ${confirm
        ? html`<div class="confirm" role="alertdialog" aria-label=${t.deleteWhat(el.id)}>
            <p>${t.confirmDelete(el.id, confirm.dependents.join(', '))}</p>
            <button type="button" class="confirm-delete" @click=${() => this.#delete(el.id)}>${t.deleteAll}</button>
            <button type="button" @click=${() => (this.confirmDelete = undefined)}>${t.cancel}</button>
          </div>`
        : nothing}
      ${selected && !this.readonly ? this.#renderStyle(el) : nothing}
    </li>`;
  }

  #renderStyle(el: FigureElement) {
    const t = this.t;
    const style = el.style ?? {};
    const isPoint = categoryIn(this.document, el.id) === 'point';
    const dash = style.dash === undefined ? 'solid' : style.dash === 1 ? 'dotted' : 'dashed';
    return html`<fieldset class="style">
      <legend>${t.styleOf(el.id)}</legend>
      <label>${t.colour} <input type="color" name="color" .value=${style.color ?? '#37474f'} @change=${(e: Event) => this.#patch(el.id, { style: { ...style, color: (e.target as HTMLInputElement).value } }, t.styleOf(el.id))} /></label>
      ${isPoint
        ? html`<label>${t.pointSize}
            <input type="number" name="size" min="1" max="20" .value=${String(style.size ?? 4)} @change=${(e: Event) => this.#patch(el.id, { style: { ...style, size: Number((e.target as HTMLInputElement).value) } }, t.styleOf(el.id))} />
          </label>`
        : html`<label>${t.lineStyle}
            <select
              name="dash"
              @change=${(e: Event) => {
                const v = DASH[(e.target as HTMLSelectElement).value as keyof typeof DASH];
                const { dash: _d, ...rest } = style;
                this.#patch(el.id, { style: v === undefined ? rest : { ...rest, dash: v } }, t.styleOf(el.id));
              }}
            >
              <option value="solid" ?selected=${dash === 'solid'}>${t.solid}</option>
              <option value="dashed" ?selected=${dash === 'dashed'}>${t.dashed}</option>
              <option value="dotted" ?selected=${dash === 'dotted'}>${t.dotted}</option>
            </select>
          </label>`}
      <label
        ><input
          type="checkbox"
          name="showLabel"
          .checked=${el.showLabel ?? isPoint}
          @change=${(e: Event) => this.#patch(el.id, { showLabel: (e.target as HTMLInputElement).checked }, t.styleOf(el.id))}
        />
        ${t.showLabel}</label
      >
      <label
        >${t.label}
        <input
          name="label"
          autocomplete="off"
          maxlength="80"
          .value=${typeof el.label === 'string' ? el.label : ''}
          placeholder=${el.id}
          @change=${(e: Event) => this.#patch(el.id, { label: (e.target as HTMLInputElement).value.trim() || undefined }, t.styleOf(el.id))}
      /></label>
      ${isPoint
        ? html`<label
            ><input
              type="checkbox"
              name="trace"
              .checked=${(el as { trace?: boolean }).trace === true}
              @change=${(e: Event) => this.#patch(el.id, { trace: (e.target as HTMLInputElement).checked || undefined }, t.styleOf(el.id))}
            />
            ${t.trace}</label
          >`
        : nothing}
      ${el.type === 'point' && typeof el.x === 'number' && typeof el.y === 'number'
        ? html`<label
            ><input
              type="checkbox"
              name="fixed"
              .checked=${el.fixed === true}
              @change=${(e: Event) => this.#patch(el.id, { fixed: (e.target as HTMLInputElement).checked || undefined }, t.styleOf(el.id))}
            />
            ${t.fixed}</label
          >`
        : nothing}
    </fieldset>`;
  }

  #renderPlayback() {
    const n = this.document.elements.length;
    if (n === 0) return nothing;
    const t = this.t;
    const k = this.playback ?? n;
    const go = (v: number) => (this.playback = v >= n ? undefined : Math.max(0, v));
    return html`<div class="playback" role="group" aria-label=${t.steps}>
      <button type="button" class="first" aria-label=${t.firstStep} ?disabled=${k === 0} @click=${() => go(0)}>⏮</button>
      <button type="button" class="previous" aria-label=${t.previousStep} ?disabled=${k === 0} @click=${() => go(k - 1)}>◀</button>
      <span class="step" aria-live="polite">${t.stepOf(k, n)}</span>
      <button type="button" class="next" aria-label=${t.nextStep} ?disabled=${k === n} @click=${() => go(k + 1)}>▶</button>
      <button type="button" class="last" aria-label=${t.lastStep} ?disabled=${k === n} @click=${() => go(n)}>⏭</button>
    </div>`;
  }
}

const fmt = (v: number) => (Number.isFinite(v) ? String(Math.round(v * 100) / 100) : '—');
