/**
 * The content add-in's page: the live figure on the slide.
 *
 * - read view (slide show, reading view): the stored copy only — no network, never a dialog;
 *   after the stored entitlement expires, its poster and how to renew.
 * - edit view: sign-in (Office dialog), the picker, insert, and every drag saved into the slide.
 * - outside Office: says that it runs in PowerPoint.
 */
import type { FigureState } from '@netpad/figure';
import { pickText } from '@netpad/figure';
import { renderValidFigure, type FigureHandle } from '@netpad/figure/render';
import { NetpadClient, UserSession, type DimensionNode, type FigureSummary } from '@netpad/sdk';
import { addinUrls, type AddinConfig } from './config';
import { h } from './dom';
import type { OfficeHost, OfficeView } from './host/types';
import { formatDate, localeOf, translator, type Locale } from './i18n';
import { dialogNavigator, type DialogNavigator } from './sign-in';
import { clearStored, describeEntitlement, isExpired, posterSource, readStored, writeStored, type StoredFigure } from './stored';

export interface ContentOptions {
  host: OfficeHost;
  root: HTMLElement;
  /** The add-in's base URL (the folder of content.html). */
  addinBase: string;
  /** The platform and client id; loaded only when the edit view needs them. */
  config: () => Promise<AddinConfig>;
  /** Milliseconds to wait after the last change before saving the state (default 250). */
  saveDelay?: number;
  now?: () => Date;
}

export interface ContentPage {
  /** What is on screen: `outside`, `read-figure`, `read-poster`, `read-empty`, `edit-figure`, `edit-poster`, `picker`, `error`. */
  readonly mode: string;
  readonly figure: FigureHandle | undefined;
  readonly signedIn: boolean;
  /** Why each dialog message that was not the sign-in's answer was ignored (e.g. a wrong origin). */
  readonly ignoredDialogMessages: readonly string[];
  destroy(): void;
}

interface Platform {
  client: NetpadClient;
  user: UserSession;
  navigator: DialogNavigator;
}

export async function startContent(options: ContentOptions): Promise<ContentPage> {
  const { host, root } = options;
  const locale: Locale = localeOf(host.locale);
  const t = translator(locale);
  const now = options.now ?? (() => new Date());
  document.documentElement.lang = locale;
  document.title = t('title');

  let mode = '';
  let figure: FigureHandle | undefined;
  let platform: Promise<Platform> | undefined;
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  let pendingSave: (() => Promise<void>) | undefined;
  /** The live figure whose changes go into the slide, and the state last handed to a save. */
  let saving: { stored: StoredFigure; status?: HTMLElement; lastState: string } | undefined;
  let generation = 0;
  const ignoredDialogMessages: string[] = [];

  const setMode = (next: string) => {
    mode = next;
    root.dataset.mode = next;
  };
  const clear = () => {
    // A change of this very frame has not been reported yet (figures report once a frame): read it.
    if (saving && figure) {
      const { stored, status } = saving;
      const state = figure.getState();
      if (JSON.stringify(state) !== saving.lastState) pendingSave = () => saveState(stored, state, status);
    }
    saving = undefined;
    void flushSave();
    figure?.destroy();
    figure = undefined;
    root.replaceChildren();
  };
  const flushSave = async () => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = undefined;
    const save = pendingSave;
    pendingSave = undefined;
    await save?.();
  };

  if (!host.inOffice) {
    setMode('outside');
    root.replaceChildren(h('main', { class: 'outside', role: 'main' }, h('h1', {}, t('title')), h('p', { class: 'notice', role: 'status' }, t('outsideOffice'))));
    return {
      get mode() {
        return mode;
      },
      figure: undefined,
      signedIn: false,
      ignoredDialogMessages,
      destroy: () => root.replaceChildren(),
    };
  }

  const getPlatform = (): Promise<Platform> =>
    (platform ??= options.config().then((config) => {
      const urls = addinUrls(options.addinBase);
      const navigator = dialogNavigator(host, { startUrl: urls.dialogStart, redirectUri: urls.redirectUri, addinOrigin: urls.origin, onIgnored: (why) => ignoredDialogMessages.push(why) });
      // The task pane's header and picker follow a sign-in made in this pane; a sign-in kept
      // from an earlier pane would be used without the header saying so, so none is kept here.
      const user = new UserSession({ platform: config.platform, clientId: config.clientId, redirectUri: urls.redirectUri, locale, navigators: { popup: navigator }, keepSignedIn: false });
      const client = new NetpadClient({ platform: config.platform, clientId: config.clientId, tokenProvider: user });
      return { client, user, navigator };
    }).catch((err: unknown) => {
      // Not cached: the next click tries config.json again (the server may be back).
      platform = undefined;
      throw err;
    }));

  /** A live figure from the stored copy; in edit view every change is saved into the slide. */
  const showFigure = (container: HTMLElement, stored: StoredFigure, save: boolean, status?: HTMLElement) => {
    figure = renderValidFigure(container, stored.document, { locale, state: stored.state, interactive: true });
    if (!save) return;
    const current = (saving = { stored, status, lastState: JSON.stringify(figure.getState()) });
    figure.onChange(({ state }) => {
      current.lastState = JSON.stringify(state);
      pendingSave = () => saveState(stored, state, status);
      if (saveTimer) clearTimeout(saveTimer);
      saveTimer = setTimeout(() => void flushSave(), options.saveDelay ?? 250);
    });
  };
  const saveState = async (stored: StoredFigure, state: FigureState, status?: HTMLElement) => {
    stored.state = state;
    try {
      await writeStored(host, stored);
      if (status) status.textContent = t('saved');
    } catch (err) {
      if (status) status.textContent = t('saveFailed', { reason: reason(err) });
    }
  };

  const posterView = (stored: StoredFigure, notice: string) =>
    h(
      'div',
      { class: 'poster' },
      stored.poster ? h('img', { src: posterSource(stored.poster), alt: pickText(stored.document.title, locale) }) : h('p', { class: 'poster-title' }, pickText(stored.document.title, locale)),
      h('p', { class: 'notice', role: 'status' }, notice),
    );

  // ---- read view: the stored copy only ----
  const renderRead = () => {
    clear();
    const read = readStored(host);
    if (!read.ok) {
      setMode(read.reason === 'none' ? 'read-empty' : 'error');
      root.append(h('p', { class: 'notice', role: 'status' }, read.reason === 'none' ? t('readEmpty') : t('invalidStored', { reason: read.detail })));
      return;
    }
    const stored = read.figure;
    if (isExpired(stored, now())) {
      setMode('read-poster');
      root.append(posterView(stored, t('expiredNotice', { date: formatDate(stored.entitlement.expiresAt!, locale) })));
      return;
    }
    setMode('read-figure');
    const board = h('div', { class: 'figure read' });
    root.append(board);
    showFigure(board, stored, false);
  };

  // ---- edit view ----
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const alert = h('p', { class: 'error', role: 'alert' });
  const signButton = h('button', { type: 'button', class: 'sign-in' }, t('signIn'));
  const who = h('span', { class: 'who' });
  let signedIn = false;
  const showError = (message: string) => {
    alert.textContent = message;
  };

  const signIn = async (): Promise<boolean> => {
    showError('');
    status.textContent = t('signingIn');
    signButton.disabled = true;
    let p: Platform | undefined;
    try {
      p = await getPlatform();
      await p.user.signInPopup();
      signedIn = true;
      who.textContent = t('signedInAs', { user: p.user.subject ?? '' });
      // The teacher's name, not her account id, once the platform says it.
      const named = p;
      void named.client.account.me().then(
        (me) => {
          if (signedIn) who.textContent = t('signedInAs', { user: me.displayName });
        },
        () => undefined,
      );
      signButton.textContent = t('signOut');
      status.textContent = '';
      return true;
    } catch (err) {
      status.textContent = '';
      // No platform (config.json could not load): say why, as any other failure.
      const outcome = p?.navigator.lastOutcome;
      const name = (err as { name?: string }).name;
      const code = (err as { code?: string }).code;
      if (outcome?.kind === 'open-failed') showError(t('signInDialogBlocked', { reason: String(outcome.code || outcome.message) }));
      else if (name === 'PopupClosedError' || code === 'access_denied') showError(t('signInCancelled'));
      else showError(t('signInFailed', { reason: reason(err) }));
      return false;
    } finally {
      signButton.disabled = false;
    }
  };
  const signOut = async () => {
    const p = await getPlatform();
    await p.user.signOut();
    signedIn = false;
    who.textContent = '';
    signButton.textContent = t('signIn');
  };
  signButton.addEventListener('click', () => {
    const gen = generation;
    void (signedIn ? signOut() : signIn()).then(() => {
      if (gen === generation && mode === 'picker') void renderEdit();
    });
  });

  const header = () => h('header', { class: 'bar' }, h('strong', {}, t('title')), who, signButton);

  const renderEdit = async () => {
    clear();
    const gen = ++generation;
    root.append(header(), alert, status);
    const read = readStored(host);
    if (read.ok) {
      const stored = read.figure;
      const renew = h('button', { type: 'button', class: 'renew' }, t('renew'));
      renew.addEventListener('click', () => void renewFigure(stored, renew));
      const change = h('button', { type: 'button', class: 'change' }, t('change'));
      change.addEventListener('click', () => {
        void clearStored(host).then(() => renderEdit());
      });
      const label = h('span', { class: 'entitlement' }, describeEntitlement(stored.entitlement, t, locale));
      if (isExpired(stored, now())) {
        setMode('edit-poster');
        root.append(h('div', { class: 'tools' }, label, renew, change), posterView(stored, t('expiredNotice', { date: formatDate(stored.entitlement.expiresAt!, locale) })));
        return;
      }
      setMode('edit-figure');
      const reset = h('button', { type: 'button', class: 'reset' }, t('reset'));
      reset.addEventListener('click', () => figure?.reset());
      const board = h('div', { class: 'figure' });
      // A right without an end date (a free figure, a lasting grant) has nothing to renew.
      const tools = stored.entitlement.expiresAt === null ? [label, reset, change] : [label, reset, renew, change];
      if (stored.entitlement.actions.includes('edit')) {
        const edit = h('button', { type: 'button', class: 'edit' }, t('editFigure'));
        edit.addEventListener('click', () => void renderEditor(stored));
        tools.splice(1, 0, edit);
      }
      root.append(h('div', { class: 'tools' }, ...tools), board);
      showFigure(board, stored, true, status);
      return;
    }
    if (read.reason === 'invalid') showError(t('invalidStored', { reason: read.detail }));
    setMode('picker');
    const picker = h('section', { class: 'picker' });
    const newFigure = h('button', { type: 'button', class: 'new-figure' }, t('newFigure'));
    newFigure.addEventListener('click', () => void renderEditor(undefined));
    root.append(h('div', { class: 'tools' }, newFigure), picker);
    await renderPicker(picker, gen);
  };

  /**
   * The construction editor in place of the figure (edit view only: the slide show never gets
   * it). Saving writes the slide's copy and the teacher's space: her own figure is updated with
   * If-Match (a conflict keeps both), a catalogue figure she may save as becomes her copy, and a
   * new figure is stored in her space first.
   */
  const renderEditor = async (stored: StoredFigure | undefined) => {
    clear();
    const gen = ++generation;
    setMode('editing');
    status.textContent = t('editorLoading');
    const save = h('button', { type: 'button', class: 'save-edit' }, t('saveEdit'));
    const cancel = h('button', { type: 'button', class: 'cancel-edit' }, t('cancelEdit'));
    const holder = h('div', { class: 'editor' });
    root.append(header(), alert, status, h('div', { class: 'tools' }, save, cancel), holder);
    // Loaded when a teacher asks for it: a slide that only shows figures never downloads it.
    await import('@netpad/editor/netpad-editor.js');
    if (gen !== generation) return;
    const editor = document.createElement('netpad-editor');
    editor.lang = locale;
    if (stored) editor.document = stored.document;
    holder.append(editor);
    status.textContent = '';
    cancel.addEventListener('click', () => void renderEdit());
    save.addEventListener('click', () => void saveEdited(stored, editor.document, save));
  };

  const saveEdited = async (stored: StoredFigure | undefined, document: StoredFigure['document'], button: HTMLButtonElement) => {
    showError('');
    button.disabled = true;
    try {
      const p = await getPlatform();
      const base = stored ?? { v: 1 as const, id: '', document, state: {}, entitlement: { actions: ['view', 'edit', 'save_as'], expiresAt: null }, poster: null, insertedAt: now().toISOString() };
      let next: StoredFigure = { ...base, document, state: {} };
      let message = t('savedInSlide');
      const mine = base.id.startsWith('space:');
      if (mine || !stored || base.entitlement.actions.includes('save_as')) {
        if (!signedIn && !(await signIn())) {
          showError(t('editNeedsSignIn'));
          return;
        }
        message = t('savedToSpace');
        if (mine && base.etag) {
          try {
            const saved = await p.client.space.update(base.id.slice('space:'.length), document, base.etag);
            next = { ...next, etag: saved.etag };
          } catch (err) {
            if ((err as { name?: string }).name !== 'ConflictError') throw err;
            // Saved elsewhere meanwhile: hers goes in as a copy, the other version stays.
            const title = t('conflictTitle', { title: pickText(document.title, locale) });
            const copy = await p.client.space.save({ ...document, title });
            next = { ...next, id: `space:${copy.id}`, document: { ...document, title }, etag: copy.etag };
            message = t('conflictKept', { title });
          }
        } else {
          const saved = await p.client.space.save(document);
          next = { ...next, id: `space:${saved.id}`, entitlement: { actions: ['view', 'edit', 'save_as'], expiresAt: null }, etag: saved.etag };
        }
      }
      await writeStored(host, next);
      await renderEdit();
      status.textContent = message;
      if (figure) await saveState(next, figure.getState());
    } catch (err) {
      showError(errorText(err));
    } finally {
      button.disabled = false;
    }
  };

  const renewFigure = async (stored: StoredFigure, button: HTMLButtonElement) => {
    showError('');
    button.disabled = true;
    status.textContent = t('refreshing');
    try {
      const p = await getPlatform();
      if (!signedIn && !(await signIn())) return;
      const fresh = await fetchFigure(p, stored.id);
      await writeStored(host, { ...fresh, state: stored.state });
      status.textContent = t('saved');
      await renderEdit();
    } catch (err) {
      status.textContent = '';
      showError(errorText(err));
    } finally {
      button.disabled = false;
    }
  };

  const fetchFigure = async (p: Platform, id: string): Promise<StoredFigure> => {
    if (id.startsWith('space:')) {
      const { document, etag } = await p.client.space.get(id.slice('space:'.length));
      return { v: 1, id, document, state: {}, entitlement: { actions: ['view', 'edit', 'save_as'], expiresAt: null }, poster: null, insertedAt: now().toISOString(), etag };
    }
    const { document, entitlement } = await p.client.figures.get(id);
    // no-store: an <img> of the picker may have cached the poster without CORS headers.
    const poster = await fetch(p.client.figures.posterUrl(id), { cache: 'no-store' })
      .then((r) => (r.ok ? r.text() : null))
      .catch(() => null);
    return { v: 1, id, document, state: {}, entitlement: { actions: [...entitlement.actions], expiresAt: entitlement.expiresAt }, poster, insertedAt: now().toISOString() };
  };

  const insert = async (id: string, button: HTMLButtonElement) => {
    showError('');
    button.disabled = true;
    button.textContent = t('inserting');
    try {
      const stored = await fetchFigure(await getPlatform(), id);
      await writeStored(host, stored);
      await renderEdit();
      // The figure's own starting state, as drawn, is the saved state.
      if (figure) await saveState(stored, figure.getState(), status);
    } catch (err) {
      showError(errorText(err));
      button.disabled = false;
      button.textContent = t('insert');
    }
  };

  const errorText = (err: unknown): string => {
    const name = (err as { name?: string }).name;
    if (name === 'NetworkError') return t('networkError', { reason: reason(err) });
    if (name === 'SignInRequiredError' || name === 'InsufficientEntitlementError') return t('noAccess');
    return reason(err);
  };

  // ---- the picker ----
  const renderPicker = async (picker: HTMLElement, gen: number) => {
    const catalogueTab = h('button', { type: 'button', role: 'tab', class: 'tab', 'aria-selected': 'true' }, t('catalogue'));
    const spaceTab = h('button', { type: 'button', role: 'tab', class: 'tab', 'aria-selected': 'false' }, t('mySpace'));
    const body = h('div', { class: 'picker-body' });
    picker.append(h('div', { role: 'tablist', class: 'tabs' }, catalogueTab, spaceTab), body);
    const select = (tab: 'catalogue' | 'space') => {
      catalogueTab.setAttribute('aria-selected', String(tab === 'catalogue'));
      spaceTab.setAttribute('aria-selected', String(tab === 'space'));
      body.replaceChildren();
      return tab === 'catalogue' ? renderCatalogue(body, gen) : renderSpace(body, gen);
    };
    catalogueTab.addEventListener('click', () => void select('catalogue'));
    spaceTab.addEventListener('click', () => void select('space'));
    await select('catalogue');
  };

  const renderCatalogue = async (body: HTMLElement, gen: number) => {
    const tree = h('nav', { class: 'tree', 'aria-label': t('catalogue') });
    const input = h('input', { type: 'search', name: 'q', placeholder: t('searchPlaceholder'), 'aria-label': t('search') });
    const form = h('form', { class: 'search', role: 'search' }, input, h('button', { type: 'submit' }, t('search')));
    const results = h('ul', { class: 'results', 'aria-live': 'polite' });
    body.append(h('div', { class: 'catalogue' }, tree, h('div', { class: 'listing' }, form, results)));
    let filters: { node?: string; q?: string } = {};
    const run = () => void listFigures(results, filters, gen);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      filters = { ...filters, q: input.value.trim() || undefined };
      run();
    });
    const p = await getPlatform().catch((err: unknown) => {
      showError(errorText(err));
      return undefined;
    });
    if (!p) return;
    const choose = (node: string | undefined, button: HTMLButtonElement) => {
      for (const b of tree.querySelectorAll('button[aria-current]')) b.removeAttribute('aria-current');
      button.setAttribute('aria-current', 'true');
      filters = { ...filters, node };
      run();
    };
    const all = h('button', { type: 'button', 'data-node': '', 'aria-current': 'true' }, t('allFigures'));
    all.addEventListener('click', () => choose(undefined, all));
    tree.append(all);
    run();
    try {
      const dims = await p.client.catalog.dimensions();
      if (gen !== generation) return;
      tree.append(treeList([...dims.curriculum, ...dims.topics], choose));
    } catch (err) {
      showError(errorText(err));
    }
  };

  type TreeNode = DimensionNode;
  const treeList = (nodes: TreeNode[], choose: (node: string, button: HTMLButtonElement) => void): HTMLElement =>
    h(
      'ul',
      {},
      ...nodes.map((node) => {
        const button = h('button', { type: 'button', 'data-node': node.id, 'data-level': node.level }, pickText(node.name, locale));
        button.addEventListener('click', () => choose(node.id, button));
        if (!node.children.length) return h('li', {}, button);
        return h('li', {}, h('details', {}, h('summary', {}, button), treeList(node.children, choose)));
      }),
    );

  const listFigures = async (results: HTMLElement, filters: { node?: string; q?: string }, gen: number) => {
    const run = Symbol('run');
    (results as unknown as { run?: symbol }).run = run;
    results.replaceChildren(h('li', { class: 'loading' }, t('loading')));
    try {
      const p = await getPlatform();
      const items: FigureSummary[] = [];
      for await (const item of p.client.catalog.search(filters, { pageSize: 24 })) {
        items.push(item);
        if (items.length >= 24) break;
      }
      if (gen !== generation || (results as unknown as { run?: symbol }).run !== run) return;
      results.replaceChildren(...(items.length ? items.map((item) => figureCard(p, item)) : [h('li', { class: 'empty' }, t('noResults'))]));
    } catch (err) {
      if ((results as unknown as { run?: symbol }).run === run) results.replaceChildren(h('li', { class: 'empty' }, errorText(err)));
    }
  };

  const figureCard = (p: Platform, item: FigureSummary) => {
    const title = item.title[locale] || item.title.en;
    const button = h('button', { type: 'button', class: 'insert' }, t('insert'));
    const viewable = item.entitlement.actions.includes('view');
    button.disabled = !viewable;
    button.addEventListener('click', () => void insert(item.id, button));
    // Not hers yet: where she can get it (the figure's page: price, sign-in, purchase).
    const get = viewable
      ? undefined
      : h('a', { class: 'get', href: new URL(`/figures/${encodeURIComponent(item.id)}?lang=${locale}`, p.client.platform).href, target: '_blank', rel: 'noopener' }, t('getOnNetpad'));
    return h(
      'li',
      { class: 'card', 'data-id': item.id },
      h('img', { src: p.client.figures.posterUrl(item.id), alt: '', loading: 'lazy', width: '160', height: '120' }),
      h('span', { class: 'card-title' }, title),
      h('span', { class: 'entitlement' }, describeEntitlement(item.entitlement, t, locale)),
      button,
      ...(get ? [get] : []),
    );
  };

  const renderSpace = async (body: HTMLElement, gen: number) => {
    if (!signedIn) {
      const button = h('button', { type: 'button' }, t('signIn'));
      button.addEventListener('click', () => {
        void signIn().then((ok) => {
          if (ok && gen === generation) void renderSpace(body, gen);
        });
      });
      body.replaceChildren(h('p', { class: 'notice' }, t('spaceNeedsSignIn')), button);
      return;
    }
    const results = h('ul', { class: 'results' }, h('li', { class: 'loading' }, t('loading')));
    body.replaceChildren(results);
    try {
      const items = await (await getPlatform()).client.space.list();
      if (gen !== generation) return;
      results.replaceChildren(
        ...(items.length
          ? items.map((item) => {
              const button = h('button', { type: 'button', class: 'insert' }, t('insert'));
              button.addEventListener('click', () => void insert(`space:${item.id}`, button));
              return h('li', { class: 'card', 'data-id': `space:${item.id}` }, h('span', { class: 'card-title' }, item.title), h('span', { class: 'entitlement' }, t('editable')), button);
            })
          : [h('li', { class: 'empty' }, t('spaceEmpty'))]),
      );
    } catch (err) {
      results.replaceChildren(h('li', { class: 'empty' }, errorText(err)));
    }
  };

  // ---- views ----
  const show = (view: OfficeView) => {
    generation++;
    if (view === 'read') renderRead();
    else void renderEdit();
  };
  const stop = host.onViewChange(show);
  const flush = () => void flushSave();
  window.addEventListener('pagehide', flush);
  show(await host.getActiveView());

  return {
    get mode() {
      return mode;
    },
    get figure() {
      return figure;
    },
    get signedIn() {
      return signedIn;
    },
    ignoredDialogMessages,
    destroy() {
      stop();
      window.removeEventListener('pagehide', flush);
      clear();
    },
  };
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

