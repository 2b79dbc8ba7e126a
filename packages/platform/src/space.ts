import { createHash, randomBytes } from 'node:crypto';
import { validateFigure, pickText, type FigureValidationError } from '@netpad/figure';
import { nowIso, type Db } from './db/open';

export interface SpaceFigure {
  id: string;
  title: string;
  sourceFigureId: string | null;
  createdAt: string;
  updatedAt: string;
  etag: string;
}

interface Row {
  id: string;
  owner_id: string;
  title: string;
  document: string;
  version: number;
  source_figure_id: string | null;
  created_at: string;
  updated_at: string;
}

export class SpaceError extends Error {
  constructor(
    readonly code: 'not_found' | 'invalid_document' | 'precondition_failed' | 'space_full',
    message: string,
    readonly errors: readonly FigureValidationError[] = [],
    readonly total = errors.length,
  ) {
    super(message);
  }
}

/** At most this many figures in one person's space. */
export const SPACE_LIMIT = 500;

/** Strong ETag of a space figure: its version and a hash of its content. */
const etagOf = (r: Pick<Row, 'version' | 'document'>) => `"${r.version}-${createHash('sha256').update(r.document).digest('base64url').slice(0, 16)}"`;

/** If-Match: `*`, or a list of ETags one of which is current (weak ones never match). */
function matches(ifMatch: string, current: string): boolean {
  return ifMatch
    .split(',')
    .map((t) => t.trim())
    .some((t) => t === '*' || t === current);
}

const json = (r: Row): SpaceFigure => ({
  id: r.id,
  title: r.title,
  sourceFigureId: r.source_figure_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  etag: etagOf(r),
});

function checkDocument(document: unknown): { text: string; title: string } {
  const result = validateFigure(document);
  if (!result.ok) throw new SpaceError('invalid_document', 'The figure document is not valid', result.errors, result.total);
  return { text: JSON.stringify(result.document), title: pickText(result.document.title, 'zh-CN') };
}

export function listSpace(db: Db, ownerId: string): SpaceFigure[] {
  return (db.all('SELECT * FROM space_figures WHERE owner_id = ? ORDER BY updated_at DESC, id', ownerId) as Row[]).map(json);
}

export function getSpaceFigure(db: Db, ownerId: string, id: string): { figure: SpaceFigure; document: string } {
  const row = db.one('SELECT * FROM space_figures WHERE id = ? AND owner_id = ?', id, ownerId) as Row | undefined;
  if (!row) throw new SpaceError('not_found', `No figure "${id}" in your space`);
  return { figure: json(row), document: row.document };
}

/** Stores a new figure (validated) in the owner's space. */
export function createSpaceFigure(db: Db, ownerId: string, document: unknown, sourceFigureId: string | null = null): SpaceFigure {
  const { text, title } = checkDocument(document);
  const id = `sf_${randomBytes(12).toString('base64url')}`;
  const now = nowIso();
  return db.write(() => {
    const count = (db.one('SELECT count(*) AS n FROM space_figures WHERE owner_id = ?', ownerId) as { n: number }).n;
    if (count >= SPACE_LIMIT) throw new SpaceError('space_full', `A space holds at most ${SPACE_LIMIT} figures`);
    db.run('INSERT INTO space_figures (id, owner_id, title, document, version, source_figure_id, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?, ?)', id, ownerId, title, text, sourceFigureId, now, now);
    return json(db.one('SELECT * FROM space_figures WHERE id = ?', id) as Row);
  });
}

/**
 * Replaces a figure if it is still the version the writer read (`ifMatch`): of two concurrent
 * writers with the same ETag exactly one wins and the other gets precondition_failed, so no
 * write silently undoes another.
 */
export function updateSpaceFigure(db: Db, ownerId: string, id: string, ifMatch: string, document: unknown): SpaceFigure {
  const { text, title } = checkDocument(document);
  return db.write(() => {
    const row = db.one('SELECT * FROM space_figures WHERE id = ? AND owner_id = ?', id, ownerId) as Row | undefined;
    if (!row) throw new SpaceError('not_found', `No figure "${id}" in your space`);
    if (!matches(ifMatch, etagOf(row))) throw new SpaceError('precondition_failed', 'The figure changed since you read it: reload it, then apply your change again');
    db.run('UPDATE space_figures SET document = ?, title = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?', text, title, nowIso(), id, row.version);
    return json(db.one('SELECT * FROM space_figures WHERE id = ?', id) as Row);
  });
}

export function deleteSpaceFigure(db: Db, ownerId: string, id: string, ifMatch?: string): void {
  db.write(() => {
    const row = db.one('SELECT * FROM space_figures WHERE id = ? AND owner_id = ?', id, ownerId) as Row | undefined;
    if (!row) throw new SpaceError('not_found', `No figure "${id}" in your space`);
    if (ifMatch !== undefined && !matches(ifMatch, etagOf(row))) throw new SpaceError('precondition_failed', 'The figure changed since you read it');
    db.run('DELETE FROM space_figures WHERE id = ?', id);
  });
}
