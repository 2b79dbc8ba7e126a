import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { startPlatform, userToken, type Running } from './helpers.ts';

interface SpaceFigure {
  id: string;
  title: string;
  etag: string;
  sourceFigureId: string | null;
}

describe('personal space', () => {
  let run: Running;
  let teacher: string;
  let student: string;
  let doc: Record<string, unknown>;
  before(async () => {
    run = await startPlatform();
    teacher = await userToken(run.url, 'teacher', 'teacher-demo');
    student = await userToken(run.url, 'student', 'student-demo');
    doc = JSON.parse(await readFile(new URL('../../../examples/figures/pythagoras.json', import.meta.url), 'utf8'));
  });
  after(() => run.close());

  const call = (path: string, token: string | undefined, init: RequestInit & { json?: unknown } = {}) => {
    const headers: Record<string, string> = { ...(init.headers as Record<string, string>) };
    if (token) headers.authorization = `Bearer ${token}`;
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    return fetch(`${run.url}${path}`, { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body });
  };

  it('creates, lists, reads, updates with If-Match and deletes a figure', async () => {
    const created = await call('/v1/space/figures', teacher, { method: 'POST', json: { document: doc } });
    assert.equal(created.status, 201);
    const figure = (await created.json()) as SpaceFigure;
    assert.equal(created.headers.get('etag'), figure.etag);
    assert.equal(created.headers.get('location'), `/v1/space/figures/${figure.id}`);
    const list = (await (await call('/v1/space/figures', teacher)).json()) as { items: SpaceFigure[] };
    assert.deepEqual(list.items.map((f) => f.id), [figure.id]);
    assert.deepEqual(((await (await call('/v1/space/figures', student)).json()) as { items: unknown[] }).items, [], 'another user sees nothing');

    const read = await call(`/v1/space/figures/${figure.id}`, teacher);
    assert.deepEqual(await read.json(), doc);
    assert.equal((await call(`/v1/space/figures/${figure.id}`, teacher, { headers: { 'if-none-match': figure.etag } })).status, 304);

    const changed = { ...doc, title: { 'zh-CN': '我的勾股定理', en: 'My Pythagoras' } };
    const updated = await call(`/v1/space/figures/${figure.id}`, teacher, { method: 'PUT', json: changed, headers: { 'if-match': figure.etag } });
    assert.equal(updated.status, 200);
    const after = (await updated.json()) as SpaceFigure;
    assert.equal(after.title, '我的勾股定理');
    assert.notEqual(after.etag, figure.etag);

    assert.equal((await call(`/v1/space/figures/${figure.id}`, student)).status, 404, 'not visible to another user');
    assert.equal((await call(`/v1/space/figures/${figure.id}`, teacher, { method: 'DELETE', headers: { 'if-match': figure.etag } })).status, 412);
    assert.equal((await call(`/v1/space/figures/${figure.id}`, teacher, { method: 'DELETE', headers: { 'if-match': after.etag } })).status, 204);
    assert.equal((await call(`/v1/space/figures/${figure.id}`, teacher)).status, 404);
  });

  it('lets exactly one of two concurrent updates with the same If-Match win; the other gets 412 and nothing is lost', async () => {
    const figure = (await (await call('/v1/space/figures', teacher, { method: 'POST', json: { document: doc } })).json()) as SpaceFigure;
    const a = { ...doc, title: 'Edit A' };
    const b = { ...doc, title: 'Edit B' };
    const [ra, rb] = await Promise.all([
      call(`/v1/space/figures/${figure.id}`, teacher, { method: 'PUT', json: a, headers: { 'if-match': figure.etag } }),
      call(`/v1/space/figures/${figure.id}`, teacher, { method: 'PUT', json: b, headers: { 'if-match': figure.etag } }),
    ]);
    assert.deepEqual([ra.status, rb.status].sort(), [200, 412]);
    const winner = ra.status === 200 ? 'Edit A' : 'Edit B';
    const stored = (await (await call(`/v1/space/figures/${figure.id}`, teacher)).json()) as { title: string };
    assert.equal(stored.title, winner);
    const problem = (await (ra.status === 412 ? ra : rb).json()) as { type: string; detail: string };
    assert.equal(problem.type, 'https://netpad.dev/problems/precondition_failed');
  });

  it('saves a copy of a catalogue figure only with save_as', async () => {
    const refused = await call('/v1/space/figures', student, { method: 'POST', json: { from: 'triangle-centres' } });
    assert.equal(refused.status, 403);
    const problem = (await refused.json()) as { missing: string[]; offers: { id: string }[] };
    assert.deepEqual(problem.missing, ['save_as']);
    assert.deepEqual(problem.offers.map((o) => o.id), ['figure-triangle-centres-month']);

    // Buy it (the teacher has the money), then save a copy.
    const order = (await (await call('/v1/orders', teacher, { method: 'POST', json: { offerId: 'figure-triangle-centres-month' }, headers: { 'idempotency-key': randomUUID() } })).json()) as { id: string };
    assert.equal((await call(`/v1/orders/${order.id}/pay`, teacher, { method: 'POST' })).status, 200);
    const copied = await call('/v1/space/figures', teacher, { method: 'POST', json: { from: 'triangle-centres' } });
    assert.equal(copied.status, 201);
    assert.equal(((await copied.json()) as SpaceFigure).sourceFigureId, 'triangle-centres');
  });

  it('validates documents with @netpad/figure before storing them', async () => {
    const bad = { ...doc, elements: [{ id: 'A', type: 'point', x: 'B.x', y: 0 }] };
    const res = await call('/v1/space/figures', teacher, { method: 'POST', json: { document: bad } });
    assert.equal(res.status, 422);
    const problem = (await res.json()) as { errors: { path: string; code: string }[] };
    assert.deepEqual(problem.errors.map((e) => [e.path, e.code]), [['$.elements[0].x', 'dangling_reference']]);
  });

  it('refuses bad input on every space route', async () => {
    const figure = (await (await call('/v1/space/figures', teacher, { method: 'POST', json: { document: doc } })).json()) as SpaceFigure;
    const cases: [string, Promise<Response>, number][] = [
      ['no token', call('/v1/space/figures', undefined), 401],
      ['neither document nor from', call('/v1/space/figures', teacher, { method: 'POST', json: { title: 'x' } }), 400],
      ['from with a bad id', call('/v1/space/figures', teacher, { method: 'POST', json: { from: '../etc' } }), 400],
      ['from an unknown figure', call('/v1/space/figures', teacher, { method: 'POST', json: { from: 'nope' } }), 404],
      ['a document that is not an object', call('/v1/space/figures', teacher, { method: 'POST', json: { document: 'hello' } }), 422],
      ['malformed JSON', call('/v1/space/figures', teacher, { method: 'POST', body: '{"document": ', headers: { 'content-type': 'application/json' } }), 400],
      ['update without If-Match', call(`/v1/space/figures/${figure.id}`, teacher, { method: 'PUT', json: doc }), 428],
      ['update with a stale If-Match', call(`/v1/space/figures/${figure.id}`, teacher, { method: 'PUT', json: doc, headers: { 'if-match': '"0-stale"' } }), 412],
      ['update with an invalid document', call(`/v1/space/figures/${figure.id}`, teacher, { method: 'PUT', json: { format: 'x' }, headers: { 'if-match': figure.etag } }), 422],
      ['an id of the wrong shape', call('/v1/space/figures/1%20OR%201=1', teacher), 404],
      ['someone else’s figure', call(`/v1/space/figures/${figure.id}`, student, { method: 'PUT', json: doc, headers: { 'if-match': figure.etag } }), 404],
      ['a body over the figure size limit', call('/v1/space/figures', teacher, { method: 'POST', json: { document: { ...doc, description: 'x'.repeat(300_000) } } }), 413],
    ];
    for (const [name, pending, status] of cases) {
      const res = await pending;
      assert.equal(res.status, status, `${name}: ${await res.clone().text()}`);
      assert.equal(res.headers.get('content-type'), 'application/problem+json; charset=utf-8', name);
    }
  });
});
