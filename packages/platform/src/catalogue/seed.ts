import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { pickText, validateFigure, type FigureDocument } from '@netpad/figure';
import { nowIso, type Db } from '../db/open';
import { rebuildSearchIndex } from './search';

/** Textbook editions every grade of the seed catalogue is organised by. */
export const EDITIONS = [
  { key: 'rj', zh: '人教版', en: 'PEP edition' },
  { key: 'bsd', zh: '北师大版', en: 'BNU edition' },
  { key: 'xj', zh: '湘教版', en: 'Hunan edition' },
] as const;

const STAGES = {
  primary: { zh: '小学', en: 'Primary school', position: 1 },
  junior: { zh: '初中', en: 'Junior high school', position: 2 },
  senior: { zh: '高中', en: 'Senior high school', position: 3 },
} as const;

const TOPICS = [
  { id: 'topic:functions', zh: '函数', en: 'Functions' },
  { id: 'topic:geometry', zh: '几何', en: 'Geometry' },
  { id: 'topic:zhongkao', zh: '中考真题', en: 'Senior-high entrance exam problems' },
  { id: 'topic:gaokao', zh: '高考真题', en: 'College entrance exam problems' },
] as const;

/** Short stable ids for names that are Chinese text. */
const slug = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 10);

const CN_NUMBERS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
function gradeName(grade: number): { zh: string; en: string } {
  // Grades 7–12 are 初一…高三 in everyday speech; the catalogue keeps the official 年级 names.
  return { zh: `${CN_NUMBERS[grade]}年级`, en: `Grade ${grade}` };
}

export interface SeedFigure {
  id: string;
  document: FigureDocument;
}

/** Reads every valid figure document in the given folders; an invalid one stops the seed. */
export function readSeedFigures(dirs: readonly string[]): SeedFigure[] {
  const out: SeedFigure[] = [];
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).sort()) {
      if (!file.endsWith('.json') || file === 'index.json') continue;
      const doc: unknown = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      const result = validateFigure(doc);
      if (!result.ok) throw new Error(`seed figure ${file} is invalid: ${result.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);
      out.push({ id: file.replace(/\.json$/, ''), document: result.document });
    }
  }
  return out;
}

/** Figures anyone may view without signing in: the primary-school ones and a few showcases. */
const FREE_SHOWCASE = new Set(['hyperbola-rectangle', 'pythagoras', 'sine-wave', 'inscribed-angle']);

export function etagOf(document: string): string {
  return `"${createHash('sha256').update(document).digest('base64url').slice(0, 27)}"`;
}

/**
 * Fills an empty catalogue: the dimension trees (stage › grade › edition › chapter › knowledge
 * point; topics) and the figures placed in them. Idempotent: figures and nodes already present
 * are kept as they are.
 */
export function seedCatalogue(db: Db, figures: readonly SeedFigure[]): { figures: number; nodes: number } {
  const insertNode = `INSERT OR IGNORE INTO dimension_nodes (id, dimension, level, parent_id, name_zh, name_en, position) VALUES (?, ?, ?, ?, ?, ?, ?)`;
  const insertFigure = `INSERT OR IGNORE INTO figures (id, title_zh, title_en, description_zh, description_en, stage, grade, free, document, etag, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
  const link = `INSERT OR IGNORE INTO figure_nodes (figure_id, node_id) VALUES (?, ?)`;
  let nodes = 0;
  const node = (id: string, dimension: string, level: string, parent: string | null, zh: string, en: string, position = 0): string => {
    nodes += db.run(insertNode, id, dimension, level, parent, zh, en, position).changes;
    return id;
  };

  db.write(() => {
    TOPICS.forEach((t, i) => node(t.id, 'topic', 'topic', null, t.zh, t.en, i));
    for (const { id, document } of figures) {
      const meta = document.meta ?? {};
      const stageKey = meta.stage ?? 'junior';
      const stage = STAGES[stageKey];
      const grade = meta.grade ?? (stageKey === 'primary' ? 3 : stageKey === 'junior' ? 8 : 10);
      const topics = meta.topics?.length ? meta.topics : [pickText(document.title, 'zh-CN')];
      const chapter = topics[0]!;
      const point = topics[1] ?? topics[0]!;
      const stageId = node(`stage:${stageKey}`, 'curriculum', 'stage', null, stage.zh, stage.en, stage.position);
      const g = gradeName(grade);
      const gradeId = node(`grade:${grade}`, 'curriculum', 'grade', stageId, g.zh, g.en, grade);
      const now = nowIso();
      const text = JSON.stringify(document);
      const free = stageKey === 'primary' || FREE_SHOWCASE.has(id) ? 1 : 0;
      db.run(
        insertFigure,
        id,
        pickText(document.title, 'zh-CN'),
        pickText(document.title, 'en'),
        pickText(document.description, 'zh-CN'),
        pickText(document.description, 'en'),
        stageKey,
        grade,
        free,
        text,
        etagOf(text),
        now,
        now,
      );
      EDITIONS.forEach((e, i) => {
        const editionId = node(`edition:${e.key}:${grade}`, 'curriculum', 'edition', gradeId, e.zh, e.en, i);
        const chapterId = node(`chapter:${e.key}:${grade}:${slug(chapter)}`, 'curriculum', 'chapter', editionId, chapter, chapter);
        const pointId = node(`point:${e.key}:${grade}:${slug(chapter + '/' + point)}`, 'curriculum', 'point', chapterId, point, point);
        db.run(link, id, pointId);
      });
      const hasGraph = document.elements.some((el) => el.type === 'functiongraph' || el.type === 'curve');
      db.run(link, id, hasGraph ? 'topic:functions' : 'topic:geometry');
      if (stageKey === 'junior' && grade >= 9) db.run(link, id, 'topic:zhongkao');
      if (stageKey === 'senior' && grade >= 11) db.run(link, id, 'topic:gaokao');
    }
  });
  rebuildSearchIndex(db);
  return { figures: figures.length, nodes };
}
