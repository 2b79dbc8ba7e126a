import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { planSearch } from '@netpad/platform';
import { startPlatform, type Running } from './helpers.ts';

interface Hit {
  id: string;
  title: { 'zh-CN': string; en: string };
  highlights: { title: { 'zh-CN': [number, number][]; en: [number, number][] } };
}
interface Answer {
  items: Hit[];
  next: string | null;
  query: { terms: string[]; filters: Record<string, unknown>; relaxed: string[] };
}

describe('catalogue search that finds', () => {
  let run: Running;
  before(async () => {
    run = await startPlatform();
  });
  after(() => run.close());
  const search = async (q: string, extra = '') => (await (await fetch(`${run.url}/v1/figures?q=${encodeURIComponent(q)}${extra}`)).json()) as Answer;

  for (const [q, first] of [
    ['反比例函数 八年级', 'hyperbola-rectangle'],
    ['人教版 三角形外心', 'triangle-centres'],
    ['勾股定理', 'pythagoras'],
    ['circumcircle', 'law-of-sines'],
    ['Pythagorean', 'pythagoras'],
    ['外心', 'triangle-centres'],
  ] as const) {
    it(`finds ${first} first for "${q}"`, async () => {
      const answer = await search(q);
      assert.equal(answer.items[0]?.id, first, JSON.stringify(answer.items.map((i) => i.id)));
    });
  }

  it('reads stage, grade and edition words as filters, even inside a word', () => {
    assert.deepEqual(planSearch('人教版三角形 八年级'), {
      terms: ['三角形'],
      filters: { edition: 'rj', grade: 8 },
      understood: [
        { word: '人教版', filter: 'edition', value: 'rj' },
        { word: '八年级', filter: 'grade', value: 8 },
      ],
    });
    assert.deepEqual(planSearch('十一年级 数列').filters, { grade: 11 });
    assert.deepEqual(planSearch('初二 勾股').filters, { grade: 8 });
    assert.deepEqual(planSearch('grade 9 triangle'), { terms: ['triangle'], filters: { grade: 9 }, understood: [{ word: 'grade 9', filter: 'grade', value: 9 }] });
    assert.deepEqual(planSearch('高中 junior').filters, { stage: 'junior' });
    assert.deepEqual(planSearch('北师大版八年级上册 勾股'), {
      terms: ['勾股'],
      filters: { edition: 'bsd', grade: 8, volume: 'a' },
      understood: [
        { word: '北师大版', filter: 'edition', value: 'bsd' },
        { word: '八年级', filter: 'grade', value: 8 },
        { word: '上册', filter: 'volume', value: 'a' },
      ],
    });
    assert.deepEqual(planSearch('选择性必修第一册 椭圆').filters, { volume: 'xb1' });
    assert.deepEqual(planSearch('必修第二册 向量').filters, { volume: 'bx2' });
    assert.deepEqual(planSearch('人教A版 选必二').filters, { edition: 'rj', volume: 'xb2' });
  });

  it('reads edition, grade and volume together as one book', async () => {
    const ids = async (q: string) => (await search(q, '&limit=100')).items.map((i) => i.id);
    // 勾股定理 is in 北师大版 八年级上册 but 人教版 八年级下册.
    assert.ok((await ids('北师大版 八年级上册 勾股定理')).includes('pythagoras'));
    assert.deepEqual((await search('人教版 八年级上册 勾股定理')).query.relaxed, ['人教版', '八年级', '上册']);
    assert.ok((await ids('人教版 八年级下册 勾股定理')).includes('pythagoras'));
    // Not "any 人教版 book and any 八年级上册": isosceles triangles are 人教版 八上 but 北师大版 八下.
    const rjUpper = await ids('人教版 八年级上册 三角形');
    assert.ok(rjUpper.includes('isosceles-triangle'), JSON.stringify(rjUpper));
    // Not in that book: the search says it looked elsewhere.
    assert.deepEqual((await search('北师大版 八年级上册 等腰三角形')).query.relaxed, ['北师大版', '八年级', '上册']);
    assert.ok((await ids('北师大版 八年级下册 等腰三角形')).includes('isosceles-triangle'));
    assert.equal((await search('选择性必修第一册 椭圆')).items[0]?.id, 'ellipse-foci');
  });

  it('filters by the grade a query names, and says when it had to drop it', async () => {
    const grade9 = await search('三角形 九年级');
    assert.ok(grade9.items.length > 0);
    assert.deepEqual(grade9.query.filters, { grade: 9 });
    assert.deepEqual(grade9.query.relaxed, []);
    // There is no inverse-proportion figure in grade 8: the search says it looked in every grade.
    assert.deepEqual((await search('反比例函数 八年级')).query.relaxed, ['八年级']);
    // An explicit parameter is never relaxed.
    assert.equal((await search('反比例函数', '&grade=8')).items.length, 0);
  });

  it('ranks title matches first and gives the places to highlight, as ranges (never HTML)', async () => {
    const answer = await search('勾股定理');
    const hit = answer.items[0]!;
    assert.deepEqual(hit.highlights.title['zh-CN'], [[0, 4]]);
    assert.equal(hit.title['zh-CN'].slice(0, 4), '勾股定理');
  });

  it('finds one-character and two-character terms too', async () => {
    const circle = await search('圆');
    assert.ok(circle.items.some((i) => i.id === 'circle-area'));
    assert.ok(circle.items.every((i) => i.title['zh-CN'].includes('圆') || i.id), 'every hit has the term somewhere');
  });

  it('pages through ranked results with its own cursor, and refuses a forged one', async () => {
    const first = await search('三角形', '&limit=2');
    assert.equal(first.items.length, 2);
    assert.ok(first.next);
    const second = await search('三角形', `&limit=2&cursor=${first.next}`);
    assert.ok(second.items.length > 0);
    assert.ok(!second.items.some((i) => first.items.some((f) => f.id === i.id)), 'no figure twice');
    const forged = await fetch(`${run.url}/v1/figures?q=x&cursor=${Buffer.from('{"offset":-1}').toString('base64url')}`);
    assert.equal(forged.status, 400);
  });

  it('answers a query that matches nothing with an empty list, and odd input without an error', async () => {
    assert.deepEqual((await search('zzqqxx')).items, []);
    for (const q of ['"', '*', 'AND OR NOT', '%_\\\\', '"三角形"', ')))(((']) {
      const res = await fetch(`${run.url}/v1/figures?q=${encodeURIComponent(q)}`);
      assert.equal(res.status, 200, q);
    }
  });
});
