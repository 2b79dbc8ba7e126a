/**
 * Tests only (served by `startAddinServer({ testing: true })`): the content page with the fake
 * Office host, configured by the query string, at `window.netpadFakeHost`.
 *   ?view=read|edit  &locale=en  &office=no  &dialog=window|manual|<error code>
 * Saved settings live in localStorage (`netpad-fake-office`), so a reload reopens "the deck".
 */
import { loadConfig } from '../config';
import { startContent } from '../content';
import { FakeOfficeHost } from '../host/fake';

const base = new URL('./', import.meta.url).href;
const params = new URLSearchParams(location.search);
const dialog = params.get('dialog') ?? 'window';
const host = new FakeOfficeHost({
  storageKey: 'netpad-fake-office',
  view: params.get('view') === 'read' ? 'read' : 'edit',
  locale: params.get('locale') ?? 'zh-CN',
  inOffice: params.get('office') !== 'no',
  dialog: dialog === 'window' || dialog === 'manual' ? dialog : Number(dialog),
});
const page = await startContent({ host, root: document.getElementById('app')!, addinBase: base, config: () => loadConfig(base) });
Object.assign(window, { netpadFakeHost: host, netpadContent: page });
document.documentElement.dataset.ready = 'true';
