/**
 * The copy of a figure a slide carries in its settings: enough to present it with no network
 * until the entitlement it was inserted with runs out.
 */
import { validateFigure, type FigureDocument, type FigureState } from '@netpad/figure';
import type { OfficeHost } from './host/types';
import { formatDate, type Locale, type Translate } from './i18n';

/** The one settings key the add-in uses. */
export const SETTINGS_KEY = 'netpad.figure';

export interface StoredFigure {
  v: 1;
  /** A catalogue id, or `space:<id>` for a figure from the user's own space. */
  id: string;
  document: FigureDocument;
  state: FigureState;
  entitlement: { actions: string[]; expiresAt: string | null };
  /** The platform's SVG poster at insert time: shown once the entitlement has expired. */
  poster: string | null;
  insertedAt: string;
  /** For a figure of the user's space: the version (ETag) this copy was read at, for If-Match. */
  etag?: string;
}

export type StoredRead = { ok: true; figure: StoredFigure } | { ok: false; reason: 'none' } | { ok: false; reason: 'invalid'; detail: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads and checks the stored figure: a document that does not validate is never drawn. */
export function readStored(host: OfficeHost): StoredRead {
  const raw = host.getSetting(SETTINGS_KEY);
  if (raw === undefined || raw === null) return { ok: false, reason: 'none' };
  if (!isRecord(raw) || raw.v !== 1 || typeof raw.id !== 'string' || !isRecord(raw.entitlement)) return { ok: false, reason: 'invalid', detail: 'unknown format' };
  const result = validateFigure(raw.document);
  if (!result.ok) return { ok: false, reason: 'invalid', detail: result.errors.map((e) => `${e.path} ${e.code}`).join('; ') };
  const expiresAt = raw.entitlement.expiresAt;
  const actions = Array.isArray(raw.entitlement.actions) ? raw.entitlement.actions.filter((a): a is string => typeof a === 'string') : [];
  return {
    ok: true,
    figure: {
      v: 1,
      id: raw.id,
      document: result.document,
      state: isRecord(raw.state) ? (raw.state as FigureState) : {},
      entitlement: { actions, expiresAt: typeof expiresAt === 'string' ? expiresAt : null },
      poster: typeof raw.poster === 'string' ? raw.poster : null,
      insertedAt: typeof raw.insertedAt === 'string' ? raw.insertedAt : '',
      ...(typeof raw.etag === 'string' ? { etag: raw.etag } : {}),
    },
  };
}

export async function writeStored(host: OfficeHost, figure: StoredFigure): Promise<void> {
  host.setSetting(SETTINGS_KEY, figure);
  await host.saveSettings();
}

export async function clearStored(host: OfficeHost): Promise<void> {
  host.removeSetting(SETTINGS_KEY);
  await host.saveSettings();
}

/** Whether the stored entitlement has run out (`null` never does). */
export function isExpired(figure: Pick<StoredFigure, 'entitlement'>, now: Date = new Date()): boolean {
  const at = figure.entitlement.expiresAt;
  return at !== null && !(Date.parse(at) > now.getTime());
}

/** The entitlement in plain words: "free", "view only", "editable", "expires on …". */
export function describeEntitlement(entitlement: { actions: readonly string[]; expiresAt: string | null; via?: readonly string[]; expired?: string }, t: Translate, locale: Locale): string {
  const actions = entitlement.actions;
  if (!actions.includes('view')) {
    return entitlement.expired ? t('expiredOn', { date: formatDate(entitlement.expired, locale) }) : t('noAccess');
  }
  const parts: string[] = [];
  if (entitlement.via?.includes('free') && !actions.includes('edit')) parts.push(t('free'));
  parts.push(actions.includes('edit') ? t('editable') : t('viewOnly'));
  if (entitlement.expiresAt) parts.push(t('expiresOn', { date: formatDate(entitlement.expiresAt, locale) }));
  return parts.join(' · ');
}

/** An SVG poster as an image source: shown by <img>, which never runs scripts in it. */
export function posterSource(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
