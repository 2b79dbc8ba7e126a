import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { Db } from '../db/open';

/**
 * The curriculum dimension: where figures sit in each textbook edition, as real books are laid
 * out — stage › grade › edition › volume (八年级上册) › chapter › section. The layout is data
 * (`packages/platform/seed/curriculum.json`), checked here before anything is written, so an
 * editor of that file gets every mistake named at once.
 */

export type Stage = 'primary' | 'junior' | 'senior';
type Name = [zh: string, en: string];

export interface CurriculumSection {
  name: Name;
  figures: string[];
}
export interface CurriculumChapter {
  name: Name;
  sections: CurriculumSection[];
}
export interface CurriculumBook {
  grade: number;
  volume: string;
  chapters: CurriculumChapter[];
}
export interface CurriculumEdition {
  key: string;
  /** The edition's name in each stage it covers (人教版 in junior high, 人教A版 in senior high). */
  names: Partial<Record<Stage, Name>>;
  books: CurriculumBook[];
}
export interface Curriculum {
  editions: CurriculumEdition[];
  /** Figures no edition teaches (left out of the current syllabus): under the enrichment topic. */
  beyondSyllabus?: string[];
}

export const STAGES: Record<Stage, { zh: string; en: string; position: number; grades: readonly number[] }> = {
  primary: { zh: '小学', en: 'Primary school', position: 1, grades: [1, 2, 3, 4, 5, 6] },
  junior: { zh: '初中', en: 'Junior high school', position: 2, grades: [7, 8, 9] },
  senior: { zh: '高中', en: 'Senior high school', position: 3, grades: [10, 11, 12] },
};

export const stageOfGrade = (grade: number): Stage => (grade <= 6 ? 'primary' : grade <= 9 ? 'junior' : 'senior');

const CN_NUMBERS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

export function gradeName(grade: number): { zh: string; en: string } {
  // Grades 7–12 are 初一…高三 in everyday speech; the catalogue keeps the official 年级 names.
  return { zh: `${CN_NUMBERS[grade]}年级`, en: `Grade ${grade}` };
}

/**
 * The volumes a grade's textbook comes in. Compulsory-education books are 上册 and 下册 for each
 * grade; senior-high books (2019 editions) are numbered across the stage, not per grade.
 */
export const VOLUMES = {
  a: { zh: (g: number) => `${gradeName(g).zh}上册`, en: (g: number) => `${gradeName(g).en}, volume 1`, stages: ['primary', 'junior'] },
  b: { zh: (g: number) => `${gradeName(g).zh}下册`, en: (g: number) => `${gradeName(g).en}, volume 2`, stages: ['primary', 'junior'] },
  bx1: { zh: () => '必修 第一册', en: () => 'Compulsory, book 1', stages: ['senior'] },
  bx2: { zh: () => '必修 第二册', en: () => 'Compulsory, book 2', stages: ['senior'] },
  xb1: { zh: () => '选择性必修 第一册', en: () => 'Elective compulsory, book 1', stages: ['senior'] },
  xb2: { zh: () => '选择性必修 第二册', en: () => 'Elective compulsory, book 2', stages: ['senior'] },
  xb3: { zh: () => '选择性必修 第三册', en: () => 'Elective compulsory, book 3', stages: ['senior'] },
} as const satisfies Record<string, { zh: (g: number) => string; en: (g: number) => string; stages: readonly Stage[] }>;
export type VolumeKey = keyof typeof VOLUMES;
const VOLUME_ORDER = Object.keys(VOLUMES) as VolumeKey[];

/** The topic that holds figures beyond the syllabus. */
export const ENRICHMENT_TOPIC = { id: 'topic:enrichment', zh: '拓展与先修', en: 'Enrichment and beyond the syllabus' } as const;

/** Short stable ids for names that are Chinese text. */
export const slug = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 10);

const EDITION_KEY = /^[a-z]{1,12}$/;
const isName = (v: unknown): v is Name => Array.isArray(v) && v.length === 2 && v.every((s) => typeof s === 'string' && s.trim() !== '' && s.length <= 120);

/**
 * Checks a curriculum against the figures it places. Returns every problem found, each naming
 * where it is (`editions[1].books[3].chapters[0]`); an empty list means it may be applied.
 */
export function checkCurriculum(
  data: unknown,
  figureIds: ReadonlySet<string>,
  {
    everyFigurePlaced = true,
    /** Whether a figure the store does not hold is a mistake (the seed: yes; applying to a store that holds fewer: no). */
    figuresMustExist = true,
  } = {},
): string[] {
  const errors: string[] = [];
  const placed = new Set<string>();
  if (typeof data !== 'object' || data === null || !Array.isArray((data as Curriculum).editions)) return ['the curriculum is an object with an "editions" list'];
  const c = data as Curriculum;
  const keys = new Set<string>();
  c.editions.forEach((e, i) => {
    const at = `editions[${i}]`;
    if (typeof e?.key !== 'string' || !EDITION_KEY.test(e.key)) errors.push(`${at}.key is 1–12 lowercase letters`);
    else if (keys.has(e.key)) errors.push(`${at}.key "${e.key}" appears twice`);
    else keys.add(e.key);
    const names = e?.names ?? {};
    for (const [stage, name] of Object.entries(names)) {
      if (!(stage in STAGES)) errors.push(`${at}.names.${stage} is not a stage (primary, junior, senior)`);
      else if (!isName(name)) errors.push(`${at}.names.${stage} is ["中文名", "English name"]`);
    }
    if (!Array.isArray(e?.books)) {
      errors.push(`${at}.books is a list`);
      return;
    }
    const books = new Set<string>();
    e.books.forEach((b, j) => {
      const bat = `${at}.books[${j}]`;
      if (!Number.isInteger(b?.grade) || b.grade < 1 || b.grade > 12) {
        errors.push(`${bat}.grade is a whole number from 1 to 12`);
        return;
      }
      const stage = stageOfGrade(b.grade);
      if (!(stage in names)) errors.push(`${bat}: the edition has no name for ${stage} (names.${stage})`);
      const volume = VOLUMES[b.volume as VolumeKey];
      if (!volume) errors.push(`${bat}.volume is one of ${VOLUME_ORDER.join(', ')}`);
      else if (!(volume.stages as readonly Stage[]).includes(stage)) errors.push(`${bat}.volume "${b.volume}" is not a ${stage} volume`);
      if (books.has(`${b.grade}:${b.volume}`)) errors.push(`${bat}: grade ${b.grade} volume ${b.volume} appears twice`);
      books.add(`${b.grade}:${b.volume}`);
      if (!Array.isArray(b.chapters) || b.chapters.length === 0) {
        errors.push(`${bat}.chapters is a non-empty list`);
        return;
      }
      const chapterNames = new Set<string>();
      b.chapters.forEach((ch, k) => {
        const cat = `${bat}.chapters[${k}]`;
        if (!isName(ch?.name)) errors.push(`${cat}.name is ["中文名", "English name"]`);
        else if (chapterNames.has(ch.name[0])) errors.push(`${cat}: "${ch.name[0]}" appears twice in this book`);
        else chapterNames.add(ch.name[0]);
        if (!Array.isArray(ch?.sections) || ch.sections.length === 0) {
          errors.push(`${cat}.sections is a non-empty list`);
          return;
        }
        const sectionNames = new Set<string>();
        ch.sections.forEach((s, m) => {
          const sat = `${cat}.sections[${m}]`;
          if (!isName(s?.name)) errors.push(`${sat}.name is ["中文名", "English name"]`);
          else if (sectionNames.has(s.name[0])) errors.push(`${sat}: "${s.name[0]}" appears twice in this chapter`);
          else sectionNames.add(s.name[0]);
          if (!Array.isArray(s?.figures)) errors.push(`${sat}.figures is a list of figure ids`);
          else
            for (const id of s.figures) {
              if (figuresMustExist && !figureIds.has(id)) errors.push(`${sat}: no figure "${id}" in the catalogue`);
              placed.add(id);
            }
        });
      });
    });
  });
  const beyond = c.beyondSyllabus ?? [];
  if (!Array.isArray(beyond)) errors.push('beyondSyllabus is a list of figure ids');
  else
    for (const id of beyond) {
      if (figuresMustExist && !figureIds.has(id)) errors.push(`beyondSyllabus: no figure "${id}" in the catalogue`);
      if (placed.has(id)) errors.push(`beyondSyllabus: "${id}" is placed in a book too`);
    }
  if (everyFigurePlaced) {
    for (const id of figureIds) if (!placed.has(id) && !beyond.includes(id)) errors.push(`figure "${id}" is in no book and not in beyondSyllabus`);
  }
  return errors;
}

export function readCurriculum(file: string): Curriculum {
  return JSON.parse(readFileSync(file, 'utf8')) as Curriculum;
}

/** Node ids: stable across runs, readable, and telling where a node sits. */
export const curriculumIds = {
  stage: (s: Stage) => `stage:${s}`,
  grade: (g: number) => `grade:${g}`,
  edition: (e: string, g: number) => `edition:${e}:${g}`,
  volume: (e: string, g: number, v: string) => `volume:${e}:${g}:${v}`,
  chapter: (e: string, g: number, v: string, chapter: string) => `chapter:${e}:${g}:${v}:${slug(chapter)}`,
  section: (e: string, g: number, v: string, chapter: string, section: string) => `point:${e}:${g}:${v}:${slug(`${chapter}/${section}`)}`,
};

/**
 * Writes a checked curriculum into the store: its nodes (inserted, or renamed and moved when
 * they exist) and its figures' places in the books. Figures the store does not hold are skipped;
 * other places (topics, an operator's own nodes) are left alone. Idempotent.
 */
export function applyCurriculum(db: Db, c: Curriculum): { nodes: number; placements: number } {
  const upsert = `INSERT INTO dimension_nodes (id, dimension, level, parent_id, name_zh, name_en, position, stage, grade, edition, volume)
    VALUES (?, 'curriculum', ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET parent_id = excluded.parent_id, name_zh = excluded.name_zh, name_en = excluded.name_en, position = excluded.position,
      stage = excluded.stage, grade = excluded.grade, edition = excluded.edition, volume = excluded.volume, level = excluded.level`;
  const link = 'INSERT OR IGNORE INTO figure_nodes (figure_id, node_id) VALUES (?, ?)';
  const known = new Set(db.all<{ id: string }>('SELECT id FROM figures').map((r) => r.id));
  const written = new Set<string>();
  let placements = 0;
  const node = (id: string, level: string, parent: string | null, zh: string, en: string, position: number, stage: Stage, grade: number | null, edition: string | null, volume: string | null) => {
    if (!written.has(id)) db.run(upsert, id, level, parent, zh, en, position, stage, grade, edition, volume);
    written.add(id);
    return id;
  };
  db.write(() => {
    c.editions.forEach((e, editionIndex) => {
      const books = [...e.books].sort((x, y) => x.grade - y.grade || VOLUME_ORDER.indexOf(x.volume as VolumeKey) - VOLUME_ORDER.indexOf(y.volume as VolumeKey));
      for (const b of books) {
        const stage = stageOfGrade(b.grade);
        const s = STAGES[stage];
        const [editionZh, editionEn] = e.names[stage]!;
        const g = gradeName(b.grade);
        const volume = VOLUMES[b.volume as VolumeKey];
        const stageId = node(curriculumIds.stage(stage), 'stage', null, s.zh, s.en, s.position, stage, null, null, null);
        const gradeId = node(curriculumIds.grade(b.grade), 'grade', stageId, g.zh, g.en, b.grade, stage, b.grade, null, null);
        const editionId = node(curriculumIds.edition(e.key, b.grade), 'edition', gradeId, editionZh, editionEn, editionIndex, stage, b.grade, e.key, null);
        const volumeId = node(
          curriculumIds.volume(e.key, b.grade, b.volume),
          'volume',
          editionId,
          volume.zh(b.grade),
          volume.en(b.grade),
          VOLUME_ORDER.indexOf(b.volume as VolumeKey),
          stage,
          b.grade,
          e.key,
          b.volume,
        );
        b.chapters.forEach((ch, chapterIndex) => {
          const chapterId = node(curriculumIds.chapter(e.key, b.grade, b.volume, ch.name[0]), 'chapter', volumeId, ch.name[0], ch.name[1], chapterIndex, stage, b.grade, e.key, b.volume);
          ch.sections.forEach((sec, sectionIndex) => {
            const sectionId = node(
              curriculumIds.section(e.key, b.grade, b.volume, ch.name[0], sec.name[0]),
              'point',
              chapterId,
              sec.name[0],
              sec.name[1],
              sectionIndex,
              stage,
              b.grade,
              e.key,
              b.volume,
            );
            for (const id of sec.figures) if (known.has(id)) placements += db.run(link, id, sectionId).changes;
          });
        });
      }
    });
    const beyond = (c.beyondSyllabus ?? []).filter((id) => known.has(id));
    if (beyond.length) {
      db.run(
        `INSERT OR IGNORE INTO dimension_nodes (id, dimension, level, parent_id, name_zh, name_en, position) VALUES (?, 'topic', 'topic', NULL, ?, ?, 100)`,
        ENRICHMENT_TOPIC.id,
        ENRICHMENT_TOPIC.zh,
        ENRICHMENT_TOPIC.en,
      );
      for (const id of beyond) placements += db.run(link, id, ENRICHMENT_TOPIC.id).changes;
    }
  });
  return { nodes: written.size, placements };
}

/**
 * Where a figure sits in the books, one entry per section, in the given language: the names from
 * edition down (人教版 › 八年级下册 › 第十七章 勾股定理 › 17.1 勾股定理), in the books' order.
 */
export function textbookPlaces(db: Db, figureId: string, lang: 'zh-CN' | 'en'): string[][] {
  type Row = { id: string; parent_id: string | null; level: string; name_zh: string; name_en: string; position: number; grade: number | null };
  const rows = db.all<Row>(
    `WITH RECURSIVE up(id) AS (
       SELECT node_id FROM figure_nodes WHERE figure_id = ?
       UNION SELECT n.parent_id FROM dimension_nodes n JOIN up ON n.id = up.id WHERE n.parent_id IS NOT NULL)
     SELECT n.id, n.parent_id, n.level, n.name_zh, n.name_en, n.position, n.grade FROM dimension_nodes n JOIN up ON n.id = up.id WHERE n.dimension = 'curriculum'`,
    figureId,
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const shown = new Set(['edition', 'volume', 'chapter', 'point']);
  const places = rows
    .filter((r) => r.level === 'point')
    .map((point) => {
      const chain: Row[] = [];
      for (let n: Row | undefined = point; n && shown.has(n.level); n = n.parent_id ? byId.get(n.parent_id) : undefined) chain.unshift(n);
      return { key: [point.grade ?? 0, ...chain.map((n) => n.position)], names: chain.map((n) => (lang === 'en' ? n.name_en : n.name_zh)) };
    });
  places.sort((a, b) => {
    for (let i = 0; i < Math.max(a.key.length, b.key.length); i++) if ((a.key[i] ?? 0) !== (b.key[i] ?? 0)) return (a.key[i] ?? 0) - (b.key[i] ?? 0);
    return 0;
  });
  return places.map((p) => p.names);
}
