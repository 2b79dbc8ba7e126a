import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { DEMO_TEXTBOOK_KEY } from '@netpad/platform';
import { appToken, startPlatform, type Running } from './helpers.ts';

interface FigureJson {
  id: string;
  title: Record<string, string>;
  free: boolean;
  nodes: string[];
  entitlement: { actions: string[]; via: string[]; expiresAt: string | null };
}

describe('catalogue API', () => {
  let run: Running;
  let textbookToken: string;
  before(async () => {
    run = await startPlatform();
    textbookToken = ((await (await appToken(run.url, 'demo-textbook', DEMO_TEXTBOOK_KEY)).json()) as { access_token: string }).access_token;
  });
  after(() => run.close());

  const get = (path: string, init: RequestInit = {}) => fetch(`${run.url}${path}`, init);
  const json = async <T>(path: string, init: RequestInit = {}) => {
    const res = await get(path, init);
    assert.equal(res.status, 200, `${path}: ${res.status} ${await res.clone().text()}`);
    return (await res.json()) as T;
  };
  const auth = () => ({ headers: { authorization: `Bearer ${textbookToken}` } });

  it('has a seeded catalogue of at least 40 figures placed in every dimension', async () => {
    const all: FigureJson[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: FigureJson[]; next: string | null } = await json(`/v1/figures?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      all.push(...page.items);
      cursor = page.next;
    } while (cursor);
    assert.ok(all.length >= 40, `only ${all.length} figures`);
    assert.equal(new Set(all.map((f) => f.id)).size, all.length, 'a page repeated a figure');
    const dims: { curriculum: { id: string; children: unknown[] }[]; topics: { id: string }[] } = await json('/v1/dimensions');
    assert.deepEqual(dims.curriculum.map((s) => s.id), ['stage:primary', 'stage:junior', 'stage:senior']);
    assert.ok(dims.topics.length >= 4);
    // Every figure sits in a textbook section, or (beyond the syllabus) under the enrichment topic.
    assert.ok(all.every((f) => (f.nodes.some((n) => n.startsWith('point:')) || f.nodes.includes('topic:enrichment')) && f.nodes.some((n) => n.startsWith('topic:'))));
    assert.deepEqual(all.filter((f) => !f.nodes.some((n) => n.startsWith('point:'))).map((f) => f.id).sort(), ['area-function', 'cycloid', 'riemann-sums']);
  });

  it('gives each edition its own books: stage › grade › edition › volume › chapter › section', async () => {
    type Node = { id: string; level: string; name: { 'zh-CN': string; en: string }; children: Node[] };
    const dims: { curriculum: Node[] } = await json('/v1/dimensions');
    const find = (id: string, nodes: Node[] = dims.curriculum): Node | undefined => {
      for (const n of nodes) {
        if (n.id === id) return n;
        const inner = find(id, n.children);
        if (inner) return inner;
      }
      return undefined;
    };
    const grade8 = find('grade:8')!;
    assert.deepEqual(grade8.children.map((e) => e.name['zh-CN']), ['人教版', '北师大版', '湘教版']);
    const rj8 = find('edition:rj:8')!;
    assert.deepEqual(rj8.children.map((v) => [v.level, v.name['zh-CN']]), [['volume', '八年级上册'], ['volume', '八年级下册']]);
    assert.deepEqual(find('volume:rj:8:b')!.children.map((c) => c.name['zh-CN']), ['第十七章 勾股定理', '第十八章 平行四边形', '第十九章 一次函数']);
    assert.deepEqual(find('volume:bsd:8:a')!.children.map((c) => c.name['zh-CN']), ['第一章 勾股定理', '第四章 一次函数', '第五章 二元一次方程组', '第七章 平行线的证明']);
    // Editions per stage: 湘教版 has no primary books; senior high is 人教A版.
    assert.deepEqual(find('grade:4')!.children.map((e) => e.id), ['edition:rj:4', 'edition:bsd:4']);
    assert.equal(find('edition:rj:10')!.name['zh-CN'], '人教A版');
    assert.deepEqual(find('edition:rj:10')!.children.map((v) => v.name['zh-CN']), ['必修 第一册', '必修 第二册']);
    // The same figure sits in different books of different editions.
    const pythagoras: FigureJson = await json('/v1/figures/pythagoras');
    const books = pythagoras.nodes.filter((n) => n.startsWith('point:')).map((n) => n.split(':').slice(1, 4).join(':')).sort();
    assert.deepEqual(books, ['bsd:8:a', 'rj:8:b', 'xj:8:b']);
    const inBook = async (volume: string) => ((await json(`/v1/figures?volume=${volume}&limit=100`)) as { items: FigureJson[] }).items.map((f) => f.id).sort();
    assert.deepEqual(await inBook('volume:rj:9:b'), ['hyperbola-rectangle', 'similar-triangles']);
    assert.ok((await inBook('volume:bsd:9:a')).includes('hyperbola-rectangle'));
    // grade: where a figure sits in any edition (clock-angles is grade 5 in 人教版, grade 4 in 北师大版).
    const grade4: { items: FigureJson[] } = await json('/v1/figures?grade=4&limit=100');
    assert.ok(grade4.items.some((f) => f.id === 'clock-angles'));
    // A figure in no book still answers to its own grade.
    const grade12: { items: FigureJson[] } = await json('/v1/figures?grade=12&limit=100');
    assert.deepEqual(grade12.items.map((f) => f.id), ['cycloid']);
  });

  it('filters by stage, grade, node and text, with the effective entitlement on every item', async () => {
    const junior: { items: FigureJson[] } = await json('/v1/figures?stage=junior&limit=100', auth());
    assert.ok(junior.items.length > 0);
    assert.ok(junior.items.every((f) => f.entitlement.actions.includes('view')), 'demo-textbook holds the junior stage');
    const grade9: { items: FigureJson[] } = await json('/v1/figures?grade=9&limit=100');
    assert.ok(grade9.items.some((f) => f.id === 'hyperbola-rectangle'));
    const edition: { items: FigureJson[] } = await json('/v1/figures?edition=edition:bsd:9&limit=100');
    assert.ok(edition.items.length > 0 && edition.items.every((f) => grade9.items.some((g) => g.id === f.id)));
    const text: { items: FigureJson[] } = await json(`/v1/figures?q=${encodeURIComponent('反比例')}`);
    assert.deepEqual(text.items.map((f) => f.id), ['hyperbola-rectangle']);
    const english: { items: FigureJson[] } = await json('/v1/figures?q=PYTHAGOR');
    assert.ok(english.items.some((f) => f.id === 'pythagoras'));
  });

  it('treats SQL-looking and wildcard searches as text', async () => {
    for (const q of ["' OR 1=1 --", '%', '_', '\\', '"; DROP TABLE figures; --']) {
      const res: { items: FigureJson[] } = await json(`/v1/figures?q=${encodeURIComponent(q)}`);
      assert.deepEqual(res.items, [], q);
    }
    const still: { items: FigureJson[] } = await json('/v1/figures?limit=1');
    assert.equal(still.items.length, 1);
  });

  it('serves a figure document with an ETag and answers a revalidation with 304', async () => {
    const first = await get('/v1/figures/triangle-centres/document', auth());
    assert.equal(first.status, 200);
    const etag = first.headers.get('etag')!;
    assert.match(etag, /^"[\w-]+"$/);
    const doc = (await first.json()) as { format: string };
    assert.equal(doc.format, 'netpad-figure');
    const again = await get('/v1/figures/triangle-centres/document', { headers: { ...auth().headers, 'if-none-match': etag } });
    assert.equal(again.status, 304);
    assert.equal(await again.text(), '');
    const stale = await get('/v1/figures/triangle-centres/document', { headers: { ...auth().headers, 'if-none-match': '"other"' } });
    assert.equal(stale.status, 200);
  });

  it('gives free figures to anyone, and says 401 (sign in) or 403 (not entitled) otherwise', async () => {
    assert.equal((await get('/v1/figures/rectangle-area/document')).status, 200);
    const anonymous = await get('/v1/figures/unit-circle/document');
    assert.equal(anonymous.status, 401);
    assert.match(anonymous.headers.get('www-authenticate') ?? '', /^Bearer realm=/);
    assert.equal(((await anonymous.json()) as { type: string }).type, 'https://netpad.dev/problems/sign_in_required');
    const forbidden = await get('/v1/figures/unit-circle/document', auth());
    assert.equal(forbidden.status, 403);
    const problem = (await forbidden.json()) as { type: string; missing: string[]; status: number };
    assert.equal(problem.type, 'https://netpad.dev/problems/insufficient_entitlement');
    assert.deepEqual(problem.missing, ['view']);
    assert.equal(problem.status, 403);
  });

  it('answers metadata with the effective entitlement, even where the document is refused', async () => {
    const meta: FigureJson = await json('/v1/figures/unit-circle', auth());
    assert.deepEqual(meta.entitlement.actions, []);
    const free: FigureJson = await json('/v1/figures/rectangle-area');
    assert.deepEqual(free.entitlement, { actions: ['view'], expiresAt: null, via: ['free'] });
  });

  it('checks up to 100 figures in one request', async () => {
    const res = await fetch(`${run.url}/v1/entitlements/check`, {
      method: 'POST',
      headers: { ...auth().headers, 'content-type': 'application/json' },
      body: JSON.stringify({ ids: ['triangle-centres', 'unit-circle', 'rectangle-area', 'no-such-figure'] }),
    });
    assert.equal(res.status, 200);
    const { entitlements } = (await res.json()) as { entitlements: Record<string, { actions: string[] } | null> };
    assert.deepEqual(entitlements['triangle-centres']!.actions, ['view']);
    assert.deepEqual(entitlements['unit-circle']!.actions, []);
    assert.deepEqual(entitlements['rectangle-area']!.actions, ['view']);
    assert.equal(entitlements['no-such-figure'], null);
  });

  it('draws posters as SVG, caches them and revalidates with the figure ETag', async () => {
    const res = await get('/v1/figures/pythagoras/poster.svg');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'image/svg+xml');
    const svg = await res.text();
    const parsed = new new JSDOM('').window.DOMParser().parseFromString(svg, 'image/svg+xml');
    assert.equal(parsed.getElementsByTagName('parsererror').length, 0);
    assert.equal(parsed.documentElement.tagName, 'svg');
    const cached = run.platform.db.one(`SELECT etag FROM posters WHERE figure_id = 'pythagoras'`) as { etag: string };
    assert.equal(cached.etag, res.headers.get('etag'));
    const again = await get('/v1/figures/pythagoras/poster.svg', { headers: { 'if-none-match': res.headers.get('etag')! } });
    assert.equal(again.status, 304);
  });

  describe('bad input gets a clean problem, never a 500', () => {
    const cases: [string, string, RequestInit | undefined, number][] = [
      ['unknown figure', '/v1/figures/no-such-figure', undefined, 404],
      ['figure id with path tricks', '/v1/figures/..%2F..%2Fetc%2Fpasswd', undefined, 404],
      ['figure id with SQL', `/v1/figures/${encodeURIComponent("x' OR '1'='1")}/document`, undefined, 404],
      ['unknown poster', '/v1/figures/nope/poster.svg', undefined, 404],
      ['bad stage', '/v1/figures?stage=university', undefined, 400],
      ['bad grade', '/v1/figures?grade=13', undefined, 400],
      ['grade not a number', '/v1/figures?grade=abc', undefined, 400],
      ['repeated parameter', '/v1/figures?stage=junior&stage=senior', undefined, 400],
      ['unknown parameter', '/v1/figures?colour=red', undefined, 400],
      ['forged cursor', '/v1/figures?cursor=bm90LWEtY3Vyc29y', undefined, 400],
      ['cursor not base64 JSON', '/v1/figures?cursor=%%%', undefined, 400],
      ['bad node id', '/v1/figures?node=%3Cscript%3E', undefined, 400],
      ['limit too large', '/v1/figures?limit=1000', undefined, 400],
      ['over-long search', `/v1/figures?q=${'x'.repeat(101)}`, undefined, 400],
      ['check without body', '/v1/entitlements/check', { method: 'POST' }, 400],
      ['check with malformed JSON', '/v1/entitlements/check', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"ids": [' }, 400],
      ['check with a wrong type', '/v1/entitlements/check', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"ids": "all"}' }, 400],
      ['check with 101 ids', '/v1/entitlements/check', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ids: Array.from({ length: 101 }, (_, i) => `f${i}`) }) }, 400],
      ['check with a non-id', '/v1/entitlements/check', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ids: ['<b>'] }) }, 400],
      ['body over the size cap', '/v1/entitlements/check', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ids: ['x'.repeat(100_000)] }) }, 413],
      ['malformed Authorization', '/v1/figures/rectangle-area', { headers: { authorization: 'Basic abc' } }, 401],
      ['unknown route', '/v1/nothing-here', undefined, 404],
    ];
    for (const [name, path, init, status] of cases) {
      it(`${name} → ${status}`, async () => {
        const res = await get(path, init);
        assert.equal(res.status, status, await res.clone().text());
        assert.equal(res.headers.get('content-type'), 'application/problem+json; charset=utf-8');
        const problem = (await res.json()) as { type: string; status: number; title: string };
        assert.equal(problem.status, status);
        assert.match(problem.type, /^https:\/\/netpad\.dev\/problems\//);
      });
    }
  });

  it('sends the strict CSP for the CSP example however its path is written', async () => {
    for (const path of ['/examples/csp/', '/examples//csp/', '/examples/%63sp/', '/examples/csp/index.html']) {
      const res = await get(path);
      assert.equal(res.status, 200, path);
      assert.match(res.headers.get('content-security-policy') ?? '', /script-src 'self'/, path);
      assert.match(res.headers.get('content-security-policy') ?? '', /connect-src 'self'; object-src/, path);
    }
    // The other example pages have their own policy, which allows frames of the platform's own
    // embeds and refuses to be framed by other sites.
    const page = await get('/examples/');
    assert.match(page.headers.get('content-security-policy') ?? '', /frame-ancestors 'self'/);
    assert.match(page.headers.get('content-security-policy') ?? '', /frame-src 'self'/);
    assert.equal(page.headers.get('x-frame-options'), 'SAMEORIGIN');
  });

  it('reports health', async () => {
    // This platform holds the demo accounts, and says so.
    assert.deepEqual(await json('/healthz'), { status: 'ok', demo: true });
  });
});
