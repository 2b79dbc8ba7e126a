import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { PosterPool } from '../catalogue/posters';
import type { Db, Param } from '../db/open';
import { entitlementsFor, type Action, type Entitlement } from '../entitlements';
import type { VerifiedToken } from '../auth/verify';
import { badRequest, notFound, ProblemError } from './problem';
import { offersForFigure } from '../commerce';
import { candidateClause, matchRanges, placementClause, planSearch, scoreFigure, type SearchFilters } from '../catalogue/search';

export interface CatalogueDeps {
  db: Db;
  /** The verified token of a request, or undefined for an anonymous one (throws for a bad token). */
  principal: (request: FastifyRequest) => Promise<VerifiedToken | undefined>;
  /** The `WWW-Authenticate` challenge for this API. */
  challenge: (error?: string, description?: string) => string;
  /** Where posters are drawn (a worker thread). */
  posters: PosterPool;
}

interface FigureRow {
  id: string;
  title_zh: string;
  title_en: string;
  description_zh: string;
  description_en: string;
  stage: string | null;
  grade: number | null;
  free: number;
  etag: string;
  updated_at: string;
}

interface NodeRow {
  id: string;
  dimension: string;
  level: string;
  parent_id: string | null;
  name_zh: string;
  name_en: string;
}

const ID = /^[a-z0-9][a-z0-9-]{0,80}$/;
const NODE_ID = /^[a-z]+:[A-Za-z0-9:_-]{1,120}$/;
const PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;
const MAX_QUERY = 100;

function figureJson(row: FigureRow, nodes: string[], entitlement: Entitlement) {
  return {
    id: row.id,
    title: { 'zh-CN': row.title_zh, en: row.title_en },
    description: { 'zh-CN': row.description_zh, en: row.description_en },
    stage: row.stage,
    grade: row.grade,
    free: row.free === 1,
    nodes,
    updatedAt: row.updated_at,
    links: { document: `/v1/figures/${row.id}/document`, poster: `/v1/figures/${row.id}/poster.svg`, page: `/figures/${row.id}` },
    entitlement,
  };
}

/** Search results are ranked, not ordered by id: their cursor is a position. */
function encodeOffset(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}
function decodeOffset(cursor: string): number {
  try {
    const { offset } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { offset?: unknown };
    if (typeof offset === 'number' && Number.isSafeInteger(offset) && offset >= 0 && offset <= SEARCH_CANDIDATES) return offset;
  } catch {
    // fall through to the error below
  }
  throw badRequest('cursor is not one this search returned', { parameter: 'cursor' });
}

/** How many figures one search ranks at most; a query that broad gets a broad answer. */
const SEARCH_CANDIDATES = 2000;

function encodeCursor(id: string): string {
  return Buffer.from(JSON.stringify({ after: id })).toString('base64url');
}
function decodeCursor(cursor: string): string {
  try {
    const { after } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown };
    if (typeof after === 'string' && ID.test(after)) return after;
  } catch {
    // fall through to the error below
  }
  throw badRequest('The cursor is not one this API gave out', { parameter: 'cursor' });
}

/** `%`, `_` and `\` are LIKE wildcards; a search for them means the characters themselves. */

export function registerCatalogue(app: FastifyInstance, deps: CatalogueDeps): void {
  const { db } = deps;
  const nodesOf = 'SELECT node_id FROM figure_nodes WHERE figure_id = ? ORDER BY node_id';
  // Everything but the document, which only the document route reads.
  const figureById = 'SELECT id, title_zh, title_en, description_zh, description_en, stage, grade, free, etag, updated_at FROM figures WHERE id = ?';
  const documentById = 'SELECT document FROM figures WHERE id = ?';

  const loadFigure = (id: string): FigureRow => {
    if (!ID.test(id)) throw notFound(`No figure "${id}"`);
    const row = db.one(figureById, id) as FigureRow | undefined;
    if (!row) throw notFound(`No figure "${id}"`);
    return row;
  };

  app.get('/v1/dimensions', async () => {
    const rows = db.all('SELECT id, dimension, level, parent_id, name_zh, name_en FROM dimension_nodes ORDER BY position, id') as NodeRow[];
    type Tree = { id: string; level: string; name: Record<string, string>; children: Tree[] };
    const byId = new Map<string, Tree>();
    for (const r of rows) byId.set(r.id, { id: r.id, level: r.level, name: { 'zh-CN': r.name_zh, en: r.name_en }, children: [] });
    const roots: Record<string, Tree[]> = { curriculum: [], topic: [] };
    for (const r of rows) {
      const node = byId.get(r.id)!;
      if (r.parent_id && byId.has(r.parent_id)) byId.get(r.parent_id)!.children.push(node);
      else roots[r.dimension]!.push(node);
    }
    return { curriculum: roots.curriculum, topics: roots.topic };
  });

  app.get('/v1/figures', async (request) => {
    const query = request.query as Record<string, unknown>;
    const known = ['stage', 'grade', 'edition', 'volume', 'chapter', 'topic', 'node', 'q', 'cursor', 'limit'];
    for (const key of Object.keys(query)) if (!known.includes(key)) throw badRequest(`Unknown parameter "${key}"`, { parameter: key });
    for (const [key, value] of Object.entries(query)) if (typeof value !== 'string') throw badRequest(`"${key}" may be given once`, { parameter: key });
    const q = query as Record<string, string | undefined>;

    const where: string[] = [];
    const params: Param[] = [];
    // stage and grade: where the figure sits in any edition's books (a grade-4 figure of one
    // edition may be grade 5 in another).
    const placed: SearchFilters = {};
    if (q.stage !== undefined) {
      if (!['primary', 'junior', 'senior'].includes(q.stage)) throw badRequest('stage is one of primary, junior, senior', { parameter: 'stage' });
      placed.stage = q.stage as SearchFilters['stage'];
    }
    if (q.grade !== undefined) {
      const grade = Number(q.grade);
      if (!Number.isInteger(grade) || grade < 1 || grade > 12) throw badRequest('grade is a whole number from 1 to 12', { parameter: 'grade' });
      placed.grade = grade;
    }

    // A node filter matches figures placed anywhere below that node.
    for (const key of ['edition', 'volume', 'chapter', 'topic', 'node'] as const) {
      const value = q[key];
      if (value === undefined) continue;
      if (!NODE_ID.test(value)) throw badRequest(`${key} must be a catalogue node id (see /v1/dimensions)`, { parameter: key });
      where.push(`f.id IN (
        WITH RECURSIVE down(id) AS (SELECT ? UNION SELECT n.id FROM dimension_nodes n JOIN down ON n.parent_id = down.id)
        SELECT fn.figure_id FROM figure_nodes fn JOIN down ON fn.node_id = down.id)`);
      params.push(value);
    }
    let limit = PAGE_SIZE;
    if (q.limit !== undefined) {
      limit = Number(q.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) throw badRequest(`limit is a whole number from 1 to ${MAX_PAGE_SIZE}`, { parameter: 'limit' });
    }
    const token = await deps.principal(request);
    const itemOf = (r: FigureRow, rights: Map<string, Entitlement>) => figureJson(r, (db.all(nodesOf, r.id) as { node_id: string }[]).map((n) => n.node_id), rights.get(r.id)!);

    const text = q.q?.trim() ?? '';
    if (text.length > MAX_QUERY) throw badRequest(`q is at most ${MAX_QUERY} characters`, { parameter: 'q' });
    if (text) return search(text, where, params, placed, q.cursor, limit, token, itemOf);
    const placement = placementClause(placed);
    if (placement) {
      where.push(placement.sql);
      params.push(...placement.params);
    }

    if (q.cursor !== undefined) {
      where.push('f.id > ?');
      params.push(decodeCursor(q.cursor));
    }
    const rows = db
      .all(`SELECT f.* FROM figures f ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY f.id LIMIT ?`, ...params, limit + 1) as FigureRow[];
    const page = rows.slice(0, limit);
    const rights = entitlementsFor(db, token ?? {}, page.map((r) => r.id));
    return {
      items: page.map((r) => itemOf(r, rights)),
      next: rows.length > limit ? encodeCursor(page[page.length - 1]!.id) : null,
    };
  });

  /**
   * `q`: filters read from the query (stage, grade, edition) plus ranked text terms, with the
   * places of each match for highlighting. When the filters the query named leave nothing, the
   * search runs without them and says which it dropped (`relaxed`), rather than answer empty.
   */
  function search(
    text: string,
    where: readonly string[],
    params: readonly Param[],
    /** Stage and grade the request's parameters asked for: they hold even when the query's are dropped. */
    placed: SearchFilters,
    cursor: string | undefined,
    limit: number,
    token: VerifiedToken | undefined,
    itemOf: (r: FigureRow, rights: Map<string, Entitlement>) => ReturnType<typeof figureJson>,
  ) {
    const plan = planSearch(text);
    const offset = cursor === undefined ? 0 : decodeOffset(cursor);
    const run = (filters: SearchFilters) => {
      const w = [...where];
      const p: Param[] = [...params];
      const placement = placementClause({ ...filters, ...placed });
      if (placement) {
        w.push(placement.sql);
        p.push(...placement.params);
      }
      for (const c of candidateClause(plan.terms)) {
        w.push(c.sql);
        p.push(...c.params);
      }
      const rows = db.all<FigureRow & { t_title: string; t_places: string; t_description: string }>(
        `SELECT f.*, t.title AS t_title, t.places AS t_places, t.description AS t_description
           FROM figures f JOIN figure_text t ON t.figure_id = f.id
           ${w.length ? `WHERE ${w.join(' AND ')}` : ''} ORDER BY f.id LIMIT ${SEARCH_CANDIDATES}`,
        ...p,
      );
      return rows
        .map((r) => ({ row: r, score: plan.terms.length ? scoreFigure(plan.terms, { id: r.id, title: r.t_title, places: r.t_places, description: r.t_description }) : 0 }))
        .filter((x): x is { row: typeof x.row; score: number } => x.score !== undefined)
        .sort((a, b) => b.score - a.score || (a.row.id < b.row.id ? -1 : 1));
    };
    let relaxed: string[] = [];
    let ranked = run(plan.filters);
    if (ranked.length === 0 && plan.understood.length && plan.terms.length) {
      ranked = run({});
      relaxed = plan.understood.map((u) => u.word);
    }
    const page = ranked.slice(offset, offset + limit);
    const rights = entitlementsFor(db, token ?? {}, page.map((x) => x.row.id));
    return {
      items: page.map(({ row }) => ({
        ...itemOf(row, rights),
        highlights: {
          title: { 'zh-CN': matchRanges(plan.terms, row.title_zh), en: matchRanges(plan.terms, row.title_en) },
          description: { 'zh-CN': matchRanges(plan.terms, row.description_zh), en: matchRanges(plan.terms, row.description_en) },
        },
      })),
      next: offset + limit < ranked.length ? encodeOffset(offset + limit) : null,
      query: { terms: plan.terms, filters: plan.filters, relaxed },
    };
  }

  app.get('/v1/figures/:id', async (request) => {
    const row = loadFigure((request.params as { id: string }).id);
    const token = await deps.principal(request);
    const rights = entitlementsFor(db, token ?? {}, [row.id]);
    return figureJson(row, (db.all(nodesOf, row.id) as { node_id: string }[]).map((n) => n.node_id), rights.get(row.id)!);
  });

  /** 401 without a token, 403 with one that lacks the action: the SDK signs in only for the first. */
  const requireAction = (token: VerifiedToken | undefined, entitlement: Entitlement, figureId: string, action: Action) => {
    if (entitlement.actions.includes(action)) return;
    if (!token) {
      throw new ProblemError(401, 'sign_in_required', 'Sign-in required', `Figure "${figureId}" is not free: a token entitled to view it is needed.`, {}, {
        'www-authenticate': deps.challenge(),
      });
    }
    // Offers are for people: an app (a vendor's backend) licenses figures for its readers from
    // the platform's operator, which the problem says instead of offering a wallet purchase.
    const forUser = token.userId !== undefined;
    throw new ProblemError(403, 'insufficient_entitlement', 'Insufficient entitlement', `This token may not ${action} figure "${figureId}".`, {
      figure: figureId,
      missing: [action],
      entitlement,
      offers: forUser ? offersForFigure(db, figureId).filter((o) => o.actions.includes(action)) : [],
      ...(forUser ? {} : { licensing: 'An app gets rights for its readers as grants from the platform operator (netpad-platform grants add --app …); see the platform README, "Entitlements".' }),
    });
  };

  app.get('/v1/figures/:id/document', async (request, reply) => {
    const row = loadFigure((request.params as { id: string }).id);
    const token = await deps.principal(request);
    const entitlement = entitlementsFor(db, token ?? {}, [row.id]).get(row.id)!;
    requireAction(token, entitlement, row.id, 'view');
    const vary = reply.getHeader('vary');
    reply.header('etag', row.etag).header('cache-control', 'private, no-cache').header('vary', vary ? `${vary}, Authorization` : 'Authorization');
    reply.header('netpad-entitlement', JSON.stringify(entitlement));
    const inm = request.headers['if-none-match'];
    if (inm && inm.split(',').some((t) => t.trim() === row.etag || t.trim() === `W/${row.etag}`)) return reply.code(304).send();
    return reply.type('application/json; charset=utf-8').send((db.one(documentById, row.id) as { document: string }).document);
  });

  // Posters are previews: public, cached, redrawn when the figure changes (its ETag).
  const posterRow = 'SELECT etag, svg FROM posters WHERE figure_id = ?';
  const savePoster = 'INSERT OR REPLACE INTO posters (figure_id, etag, svg) VALUES (?, ?, ?)';
  const drawing = new Map<string, Promise<string>>();
  app.get('/v1/figures/:id/poster.svg', async (request, reply) => {
    const row = loadFigure((request.params as { id: string }).id);
    const etag = row.etag;
    reply.header('etag', etag).header('cache-control', 'public, max-age=300');
    const inm = request.headers['if-none-match'];
    if (inm && inm.split(',').some((t) => t.trim() === etag)) return reply.code(304).send();
    const cached = db.one(posterRow, row.id) as { etag: string; svg: string } | undefined;
    let svg = cached?.svg;
    if (!cached || cached.etag !== etag) {
      const key = `${row.id}@${etag}`;
      if (!drawing.has(key)) {
        const doc: unknown = JSON.parse((db.one(documentById, row.id) as { document: string }).document);
        drawing.set(
          key,
          // Drawn in a worker thread; a document that fails validation has no poster: say so
          // instead of failing (500).
          deps.posters
            .draw(doc)
            .catch((err: unknown) => {
              throw new ProblemError(422, 'invalid_document', 'Invalid figure document', `The figure "${row.id}" cannot be drawn: ${err instanceof Error ? err.message : String(err)}`);
            })
            .then(
            (out) => {
              db.run(savePoster, row.id, etag, out);
              drawing.delete(key);
              return out;
            },
            (err: unknown) => {
              drawing.delete(key);
              throw err;
            },
          ),
        );
      }
      svg = await drawing.get(key)!;
    }
    return reply.type('image/svg+xml').header('x-content-type-options', 'nosniff').header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'").send(svg);
  });

  app.post('/v1/entitlements/check', async (request) => {
    const body = request.body as { ids?: unknown } | undefined;
    const ids = body?.ids;
    if (!Array.isArray(ids) || ids.length === 0 || ids.length > 100 || !ids.every((id) => typeof id === 'string')) {
      throw badRequest('The body must be {"ids": [...]} with 1 to 100 figure ids', { parameter: 'ids' });
    }
    const unique = [...new Set(ids as string[])];
    const bad = unique.find((id) => !ID.test(id));
    if (bad !== undefined) throw badRequest(`"${bad}" is not a figure id`, { parameter: 'ids' });
    const token = await deps.principal(request);
    const rights = entitlementsFor(db, token ?? {}, unique);
    const entitlements: Record<string, Entitlement | null> = {};
    for (const id of unique) entitlements[id] = rights.get(id) ?? null;
    return { entitlements };
  });
}
