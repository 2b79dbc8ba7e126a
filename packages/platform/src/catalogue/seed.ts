import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { pickText, validateFigure, type FigureDocument } from '@netpad/figure';
import { nowIso, type Db } from '../db/open';
import { rebuildSearchIndex } from './search';
import { applyCurriculum, checkCurriculum, type Curriculum } from './curriculum';

const TOPICS = [
  { id: 'topic:functions', zh: '函数', en: 'Functions' },
  { id: 'topic:geometry', zh: '几何', en: 'Geometry' },
  { id: 'topic:zhongkao', zh: '中考真题', en: 'Senior-high entrance exam problems' },
  { id: 'topic:gaokao', zh: '高考真题', en: 'College entrance exam problems' },
] as const;

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
 * Fills a catalogue: the figures, their places in each textbook edition (the curriculum, checked
 * first: a figure in no book and not marked beyond the syllabus stops the seed) and in the
 * topics. Idempotent: figures already present are kept as they are.
 */
export function seedCatalogue(db: Db, figures: readonly SeedFigure[], curriculum: Curriculum): { figures: number; nodes: number } {
  const problems = checkCurriculum(curriculum, new Set(figures.map((f) => f.id)));
  if (problems.length) throw new Error(`the seed curriculum has ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  const insertTopic = `INSERT OR IGNORE INTO dimension_nodes (id, dimension, level, parent_id, name_zh, name_en, position) VALUES (?, 'topic', 'topic', NULL, ?, ?, ?)`;
  const insertFigure = `INSERT OR IGNORE INTO figures (id, title_zh, title_en, description_zh, description_en, stage, grade, free, document, etag, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
  const link = `INSERT OR IGNORE INTO figure_nodes (figure_id, node_id) VALUES (?, ?)`;
  let nodes = 0;
  db.write(() => {
    TOPICS.forEach((t, i) => (nodes += db.run(insertTopic, t.id, t.zh, t.en, i).changes));
    for (const { id, document } of figures) {
      const meta = document.meta ?? {};
      const stage = meta.stage ?? 'junior';
      const grade = meta.grade ?? (stage === 'primary' ? 3 : stage === 'junior' ? 8 : 10);
      const now = nowIso();
      const text = JSON.stringify(document);
      const free = stage === 'primary' || FREE_SHOWCASE.has(id) ? 1 : 0;
      db.run(
        insertFigure,
        id,
        pickText(document.title, 'zh-CN'),
        pickText(document.title, 'en'),
        pickText(document.description, 'zh-CN'),
        pickText(document.description, 'en'),
        stage,
        grade,
        free,
        text,
        etagOf(text),
        now,
        now,
      );
      const hasGraph = document.elements.some((el) => el.type === 'functiongraph' || el.type === 'curve');
      db.run(link, id, hasGraph ? 'topic:functions' : 'topic:geometry');
      if (stage === 'junior' && grade >= 9) db.run(link, id, 'topic:zhongkao');
      if (stage === 'senior' && grade >= 11) db.run(link, id, 'topic:gaokao');
    }
    nodes += applyCurriculum(db, curriculum).nodes;
  });
  rebuildSearchIndex(db);
  return { figures: figures.length, nodes };
}
