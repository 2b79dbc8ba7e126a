import type { Db, Param } from '../db/open';

/**
 * Catalogue search: "反比例函数 八年级", "人教版 三角形外心", "勾股定理", "circumcircle".
 *
 * - A term that names a stage, a grade, a textbook edition or a volume filters by it (八年级, 初二,
 *   高中, 人教版, 上册, 必修第一册, grade 8); it may stand inside a longer word (人教版三角形,
 *   八年级上册). Filters together name one place: "北师大版 八年级上册" is that book, not any
 *   北师大版 book and any 八年级上册.
 * - Every other term must match a figure's title, description or catalogue places (chapters,
 *   knowledge points, topics). Chinese has no spaces between words, and a reader's wording
 *   differs from the book's (三角形外心 for 三角形的外心), so a Chinese term matches when most
 *   of its two-character pieces occur; a Latin term matches as a case-insensitive substring.
 * - Candidates come from an FTS5 trigram index (a term of 3 or more characters) or LIKE (1–2
 *   characters); the ranking is done on the candidates: title over places over description.
 */

export interface SearchFilters {
  stage?: 'primary' | 'junior' | 'senior';
  grade?: number;
  /** Edition keys (rj, bsd, xj). */
  edition?: string;
  /** Volume keys (a = 上册, b = 下册, bx1 … xb3: the senior-high books). */
  volume?: string;
}

export interface SearchPlan {
  terms: string[];
  filters: SearchFilters;
  /** The words that were read as filters, as written. */
  understood: { word: string; filter: keyof SearchFilters; value: string | number }[];
}

const CN_DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

/** Words that name a filter, longest first so 十一年级 is not read as 一年级. */
type FilterWord = { word: string; filter: keyof SearchFilters; value: string | number };
const VOCABULARY: FilterWord[] = (<FilterWord[]>[
  ...CN_DIGITS.slice(1).map((d, i) => ({ word: `${d}年级`, filter: 'grade' as const, value: i + 1 })),
  ...['一', '二', '三'].map((d, i) => ({ word: `初${d}`, filter: 'grade' as const, value: 7 + i })),
  ...['一', '二', '三'].map((d, i) => ({ word: `高${d}`, filter: 'grade' as const, value: 10 + i })),
  { word: '小学', filter: 'stage', value: 'primary' },
  { word: '初中', filter: 'stage', value: 'junior' },
  { word: '高中', filter: 'stage', value: 'senior' },
  { word: '人教版', filter: 'edition', value: 'rj' },
  { word: '人教A版', filter: 'edition', value: 'rj' },
  { word: '上册', filter: 'volume', value: 'a' },
  { word: '下册', filter: 'volume', value: 'b' },
  ...['一', '二'].flatMap((d, i) => [
    { word: `必修第${d}册`, filter: 'volume' as const, value: `bx${i + 1}` },
    { word: `必修${d}`, filter: 'volume' as const, value: `bx${i + 1}` },
  ]),
  ...['一', '二', '三'].flatMap((d, i) => [
    { word: `选择性必修第${d}册`, filter: 'volume' as const, value: `xb${i + 1}` },
    { word: `选择性必修${d}`, filter: 'volume' as const, value: `xb${i + 1}` },
    { word: `选必${d}`, filter: 'volume' as const, value: `xb${i + 1}` },
  ]),
  { word: '北师大版', filter: 'edition', value: 'bsd' },
  { word: '湘教版', filter: 'edition', value: 'xj' },
  { word: '人教', filter: 'edition', value: 'rj' },
  { word: '北师大', filter: 'edition', value: 'bsd' },
  { word: '湘教', filter: 'edition', value: 'xj' },
]).sort((a, b) => b.word.length - a.word.length);

const LATIN_FILTERS: Record<string, { filter: keyof SearchFilters; value: string }> = {
  primary: { filter: 'stage', value: 'primary' },
  junior: { filter: 'stage', value: 'junior' },
  senior: { filter: 'stage', value: 'senior' },
};

const MAX_TERMS = 8;

/** Reads a query into its filters and its text terms. */
export function planSearch(query: string): SearchPlan {
  const plan: SearchPlan = { terms: [], filters: {}, understood: [] };
  const set = (word: string, filter: keyof SearchFilters, value: string | number) => {
    (plan.filters as Record<string, string | number>)[filter] = value;
    plan.understood.push({ word, filter, value });
  };
  // "grade 8", "Grade 11"
  const rest = query.replace(/\bgrade\s*(\d{1,2})\b/gi, (whole, n: string) => {
    const grade = Number(n);
    if (grade >= 1 && grade <= 12) {
      set(whole, 'grade', grade);
      return ' ';
    }
    return whole;
  });
  for (const token of rest.split(/[\s\u3000,，、;；]+/).filter(Boolean)) {
    const latin = LATIN_FILTERS[token.toLowerCase()];
    if (latin) {
      set(token, latin.filter, latin.value);
      continue;
    }
    // Filter words inside a token (人教版三角形) are cut out; what is left is text.
    let pieces = [token];
    for (const v of VOCABULARY) {
      pieces = pieces.flatMap((p) => {
        if (!p.includes(v.word)) return [p];
        set(v.word, v.filter, v.value);
        return p.split(v.word);
      });
    }
    for (const p of pieces.map((x) => x.trim()).filter(Boolean)) if (plan.terms.length < MAX_TERMS) plan.terms.push(p);
  }
  return plan;
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const bigrams = (term: string) => {
  const chars = [...term];
  if (chars.length < 2) return chars;
  return chars.slice(0, -1).map((c, i) => c + chars[i + 1]);
};

/** The searchable text of one figure. */
export interface FigureText {
  id: string;
  title: string;
  places: string;
  description: string;
}

/** How well one term matches a text: the share of its pieces found (Chinese), or 0/1 (Latin). */
function coverage(term: string, text: string): number {
  const lower = text.toLowerCase();
  const t = term.toLowerCase();
  if (lower.includes(t)) return 1;
  if (!CJK.test(term) || [...term].length < 3) return 0;
  const pieces = bigrams(term);
  return pieces.filter((p) => lower.includes(p)).length / pieces.length;
}

/** A term counts as found in a figure at this share of its two-character pieces. */
const ENOUGH = 0.6;
const WEIGHTS = { title: 3, places: 2, description: 1 } as const;

/** Scores a figure against the terms; undefined when some term is not found at all. */
export function scoreFigure(terms: readonly string[], figure: FigureText): number | undefined {
  let score = 0;
  for (const term of terms) {
    let best = 0;
    for (const field of ['title', 'places', 'description'] as const) {
      const c = coverage(term, figure[field]);
      if (c >= ENOUGH) best = Math.max(best, WEIGHTS[field] * c);
    }
    if (best === 0) return undefined;
    score += best;
  }
  // A title that is the query itself comes first.
  if (terms.length && figure.title.split('\n').some((t) => t.trim().toLowerCase() === terms.join(' ').toLowerCase())) score += 10;
  return score;
}

/** Where each term occurs in a text: [start, end) UTF-16 offsets, merged, for highlighting. */
export function matchRanges(terms: readonly string[], text: string): [number, number][] {
  const lower = text.toLowerCase();
  const ranges: [number, number][] = [];
  for (const term of terms) {
    const needles = lower.includes(term.toLowerCase()) ? [term.toLowerCase()] : CJK.test(term) ? bigrams(term) : [];
    for (const needle of needles) {
      for (let at = lower.indexOf(needle); at >= 0 && needle; at = lower.indexOf(needle, at + needle.length)) ranges.push([at, at + needle.length]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/**
 * Figures placed in the books the filters name, as SQL on `f` (figures): every filter holds for
 * one and the same place. A figure in no book (beyond the syllabus) still answers to its own
 * stage and grade when no edition or volume is asked for.
 */
export function placementClause(filters: SearchFilters): { sql: string; params: Param[] } | undefined {
  const conditions: string[] = [];
  const params: Param[] = [];
  for (const key of ['stage', 'grade', 'edition', 'volume'] as const) {
    const value = filters[key];
    if (value === undefined) continue;
    conditions.push(`n.${key} = ?`);
    params.push(value);
  }
  if (!conditions.length) return undefined;
  const inBooks = `SELECT 1 FROM figure_nodes fn JOIN dimension_nodes n ON n.id = fn.node_id WHERE fn.figure_id = f.id AND n.dimension = 'curriculum'`;
  let sql = `EXISTS (${inBooks} AND ${conditions.join(' AND ')})`;
  if (filters.edition === undefined && filters.volume === undefined) {
    const own: string[] = [];
    if (filters.stage !== undefined) {
      own.push('f.stage = ?');
      params.push(filters.stage);
    }
    if (filters.grade !== undefined) {
      own.push('f.grade = ?');
      params.push(filters.grade);
    }
    sql = `(${sql} OR (NOT EXISTS (${inBooks}) AND ${own.join(' AND ')}))`;
  }
  return { sql, params };
}

/** Rebuilds the search index from the catalogue (after seeding; on start when it is stale). */
export function rebuildSearchIndex(db: Db): number {
  return db.write(() => {
    db.run('DELETE FROM figure_text');
    // Places: each section a figure sits in and its chapter, its topics, and the knowledge
    // points the document names (meta.topics), which section titles often leave out.
    const rows = db.all<{ id: string; title: string; description: string; places: string | null; points: string | null }>(
      `SELECT f.id, f.title_zh || char(10) || f.title_en AS title, f.description_zh || char(10) || f.description_en AS description,
              (SELECT group_concat(n.name_zh || char(10) || n.name_en, char(10)) FROM figure_nodes fn
                 JOIN dimension_nodes n ON n.id = fn.node_id OR n.id = (SELECT parent_id FROM dimension_nodes WHERE id = fn.node_id AND level = 'point')
                WHERE fn.figure_id = f.id) AS places,
              (SELECT group_concat(value, char(10)) FROM json_each(f.document, '$.meta.topics')) AS points
         FROM figures f`,
    );
    for (const r of rows) db.run('INSERT INTO figure_text (figure_id, title, places, description) VALUES (?, ?, ?, ?)', r.id, r.title, [r.points, r.places].filter(Boolean).join('\n'), r.description);
    return rows.length;
  });
}

/** Brings the index up to date when the catalogue changed without it (an older store). */
export function ensureSearchIndex(db: Db): void {
  const { figures, indexed } = db.one<{ figures: number; indexed: number }>('SELECT (SELECT count(*) FROM figures) AS figures, (SELECT count(*) FROM figure_text) AS indexed')!;
  if (figures !== indexed) rebuildSearchIndex(db);
}

const ftsPhrase = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * The ids of figures that may match every term (a superset: scoreFigure decides), as SQL for
 * `f.id IN (…)` with its parameters.
 */
export function candidateClause(terms: readonly string[]): { sql: string; params: string[] }[] {
  return terms.map((term) => {
    const chars = [...term];
    if (chars.length >= 3) {
      // Any of the term's trigrams (a reader's wording may differ from the book's).
      const grams = new Set(chars.slice(0, -2).map((_, i) => chars.slice(i, i + 3).join('')));
      return { sql: `f.id IN (SELECT figure_id FROM figure_text WHERE figure_text MATCH ?)`, params: [[...grams].map(ftsPhrase).join(' OR ')] };
    }
    const like = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return { sql: `f.id IN (SELECT figure_id FROM figure_text WHERE title LIKE ? ESCAPE '\\' OR places LIKE ? ESCAPE '\\' OR description LIKE ? ESCAPE '\\')`, params: [like, like, like] };
  });
}
