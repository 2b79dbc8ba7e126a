import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatabaseSync } from 'node:sqlite';
import { checkCurriculum, MIGRATIONS, openDatabase, readCurriculum, type Curriculum } from '@netpad/platform';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const seedFile = join(root, 'packages/platform/seed/curriculum.json');
const figureIds = new Set(
  ['examples/figures', 'packages/platform/seed/figures'].flatMap((d) =>
    readdirSync(join(root, d))
      .filter((f) => f.endsWith('.json') && f !== 'index.json')
      .map((f) => f.replace(/\.json$/, '')),
  ),
);

const book = (over: Record<string, unknown> = {}) => ({
  grade: 8,
  volume: 'a',
  chapters: [{ name: ['第一章 勾股定理', 'Chapter 1'], sections: [{ name: ['1.1 探索勾股定理', '1.1 Exploring'], figures: ['pythagoras'] }] }],
  ...over,
});
const curriculum = (books: unknown[], names: Record<string, unknown> = { junior: ['北师大版', 'BNU edition'] }): Curriculum =>
  ({ editions: [{ key: 'bsd', names, books }] }) as unknown as Curriculum;

describe('the curriculum: each edition its own books', () => {
  it('the seed curriculum places every seed figure (or says it is beyond the syllabus), without a problem', () => {
    assert.deepEqual(checkCurriculum(readCurriculum(seedFile), figureIds), []);
  });

  it('names every mistake in a curriculum, with where it is', () => {
    const only = new Set(['pythagoras', 'linear-function']);
    const problems = (c: Curriculum) => checkCurriculum(c, only, { everyFigurePlaced: false });
    assert.deepEqual(problems(curriculum([book()])), []);
    assert.match(problems(curriculum([book({ grade: 13 })]))[0]!, /editions\[0\]\.books\[0\]\.grade is a whole number from 1 to 12/);
    assert.match(problems(curriculum([book({ volume: 'bx1' })]))[0]!, /volume "bx1" is not a junior volume/);
    assert.match(problems(curriculum([book({ grade: 10, volume: 'a' })])).join('\n'), /no name for senior[\s\S]*"a" is not a senior volume/);
    assert.match(problems(curriculum([book({ volume: 'c' })]))[0]!, /volume is one of a, b, bx1/);
    assert.match(problems(curriculum([book(), book()]))[0]!, /grade 8 volume a appears twice/);
    const badFigure = book({ chapters: [{ name: ['第一章', 'One'], sections: [{ name: ['1.1', '1.1'], figures: ['no-such-figure'] }] }] });
    assert.match(problems(curriculum([badFigure]))[0]!, /chapters\[0\]\.sections\[0\]: no figure "no-such-figure"/);
    const twice = book({ chapters: [0, 1].map(() => ({ name: ['第一章', 'One'], sections: [{ name: ['1.1', '1.1'], figures: [] }] })) });
    assert.match(problems(curriculum([twice]))[0]!, /"第一章" appears twice in this book/);
    assert.match(problems(curriculum([book()], { junior: '北师大版' }))[0]!, /names\.junior is \["中文名", "English name"\]/);
    assert.match(problems(curriculum([book()], { college: ['x', 'y'], junior: ['a', 'b'] }))[0]!, /names\.college is not a stage/);
    assert.deepEqual(checkCurriculum({ nope: 1 }, only), ['the curriculum is an object with an "editions" list']);
    // Every figure placed, unless the check is told not to ask.
    assert.deepEqual(checkCurriculum(curriculum([book()]), only), ['figure "linear-function" is in no book and not in beyondSyllabus']);
    assert.deepEqual(checkCurriculum({ ...curriculum([book()]), beyondSyllabus: ['linear-function'] }, only), []);
    assert.match(checkCurriculum({ ...curriculum([book()]), beyondSyllabus: ['pythagoras', 'linear-function'] }, only)[0]!, /"pythagoras" is placed in a book too/);
  });
});

describe('migration 6: volumes in an older store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'netpad-v6-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every node, place and grant of a version-5 store, fills in where each node sits, and accepts volumes', () => {
    const file = join(dir, 'v5.db');
    const old = new DatabaseSync(file);
    old.exec('PRAGMA foreign_keys = ON');
    for (const m of MIGRATIONS.slice(0, 5)) old.exec(m);
    old.exec('PRAGMA user_version = 5');
    const node = old.prepare('INSERT INTO dimension_nodes (id, dimension, level, parent_id, name_zh, name_en, position) VALUES (?, ?, ?, ?, ?, ?, 0)');
    node.run('stage:junior', 'curriculum', 'stage', null, '初中', 'Junior');
    node.run('grade:8', 'curriculum', 'grade', 'stage:junior', '八年级', 'Grade 8');
    node.run('edition:rj:8', 'curriculum', 'edition', 'grade:8', '人教版', 'PEP');
    node.run('chapter:rj:8:abc', 'curriculum', 'chapter', 'edition:rj:8', '勾股定理', 'Pythagoras');
    node.run('point:rj:8:def', 'curriculum', 'point', 'chapter:rj:8:abc', '勾股定理', 'Pythagoras');
    node.run('topic:geometry', 'topic', 'topic', null, '几何', 'Geometry');
    old
      .prepare(`INSERT INTO figures (id, title_zh, title_en, document, etag, created_at, updated_at) VALUES ('pythagoras', '勾股定理', 'Pythagoras', '{}', '"e"', 'now', 'now')`)
      .run();
    old.exec(`INSERT INTO figure_nodes VALUES ('pythagoras', 'point:rj:8:def'), ('pythagoras', 'topic:geometry')`);
    old.exec(`INSERT INTO grants (subject_type, subject_id, object_type, object_id, actions, source, created_at) VALUES ('user', 'u1', 'node', 'edition:rj:8', '["view"]', 't', 'now')`);
    old.close();

    const db = openDatabase(file);
    assert.equal(db.schemaVersion(), MIGRATIONS.length);
    const nodes = db.all<{ id: string; stage: string | null; grade: number | null; edition: string | null }>('SELECT id, stage, grade, edition FROM dimension_nodes ORDER BY id');
    assert.deepEqual(nodes, [
      { id: 'chapter:rj:8:abc', stage: 'junior', grade: 8, edition: 'rj' },
      { id: 'edition:rj:8', stage: 'junior', grade: 8, edition: 'rj' },
      { id: 'grade:8', stage: 'junior', grade: 8, edition: null },
      { id: 'point:rj:8:def', stage: 'junior', grade: 8, edition: 'rj' },
      { id: 'stage:junior', stage: 'junior', grade: null, edition: null },
      { id: 'topic:geometry', stage: null, grade: null, edition: null },
    ]);
    assert.deepEqual(db.all('SELECT node_id FROM figure_nodes ORDER BY node_id').map((r) => r.node_id), ['point:rj:8:def', 'topic:geometry']);
    assert.equal(db.all('PRAGMA foreign_key_check').length, 0);
    db.run(`INSERT INTO dimension_nodes (id, dimension, level, parent_id, name_zh, name_en) VALUES ('volume:rj:8:a', 'curriculum', 'volume', 'edition:rj:8', '八年级上册', 'Grade 8, volume 1')`);
    assert.throws(() => db.run(`INSERT INTO dimension_nodes (id, dimension, level, name_zh, name_en) VALUES ('x:1', 'curriculum', 'shelf', 'x', 'x')`), /CHECK/);
    // The references still hold: deleting a figure takes its places with it.
    db.run(`DELETE FROM figures WHERE id = 'pythagoras'`);
    assert.equal(db.all('SELECT 1 FROM figure_nodes').length, 0);
    db.close();
  });
});
