import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { addGrant, revokeGrant, entitlementsFor, openDatabase, seedDemo, type Db, type Principal } from '@netpad/platform';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const DAY = 86400_000;

describe('entitlements: the union rule', () => {
  let db: Db;
  before(async () => {
    db = openDatabase(':memory:');
    await seedDemo(db, { repoRoot });
    const iso = (ms: number) => new Date(Date.now() + ms).toISOString();
    const grant = (subjectType: 'app' | 'user', subjectId: string, objectType: 'figure' | 'node', objectId: string, actions: ('view' | 'edit' | 'save_as')[], validUntil: string | null = null, validFrom: string | null = null) =>
      addGrant(db, { subjectType, subjectId, objectType, objectId, actions, validUntil, validFrom, source: 'test' });
    grant('app', 'app-a', 'figure', 'linear-function', ['view']);
    grant('app', 'app-a', 'node', 'stage:senior', ['view'], iso(30 * DAY));
    grant('user', 'u1', 'figure', 'linear-function', ['edit']);
    grant('user', 'u1', 'node', 'edition:rj:9', ['view', 'save_as'], iso(10 * DAY));
    grant('user', 'u1', 'figure', 'triangle-centres', ['edit'], iso(-DAY)); // expired
    grant('user', 'u1', 'figure', 'quadratic-roots', ['view'], null, iso(DAY)); // not yet valid
    const revoked = grant('user', 'u2', 'figure', 'linear-function', ['view', 'edit']);
    revokeGrant(db, revoked);
    grant('user', 'u2', 'node', 'topic:functions', ['view']);
  });
  after(() => db.close());

  const rights = (p: Principal, id: string) => entitlementsFor(db, p, [id]).get(id)!;
  const cases: [string, Principal, string, string[], string[]][] = [
    // name, principal, figure, expected actions, expected via
    ['anonymous, free primary figure', {}, 'rectangle-area', ['view'], ['free']],
    ['anonymous, free showcase figure', {}, 'hyperbola-rectangle', ['view'], ['free']],
    ['anonymous, paid figure', {}, 'linear-function', [], []],
    ['unknown app, paid figure', { clientId: 'nobody' }, 'linear-function', [], []],
    ['app figure grant', { clientId: 'app-a' }, 'linear-function', ['view'], ['app']],
    ['app node grant (stage) reaches a senior figure', { clientId: 'app-a' }, 'sine-wave', ['view'], ['free', 'app']],
    ['app node grant does not reach another stage', { clientId: 'app-a' }, 'triangle-centres', [], []],
    ['app node grant, senior paid figure', { clientId: 'app-a' }, 'unit-circle', ['view'], ['app']],
    ['seeded demo-textbook junior grant', { clientId: 'demo-textbook' }, 'triangle-centres', ['view'], ['app']],
    ['seeded demo-textbook grant does not reach senior', { clientId: 'demo-textbook' }, 'unit-circle', [], []],
    ['user figure grant alone', { userId: 'u1' }, 'linear-function', ['edit'], ['user']],
    ['union of app and user grants', { clientId: 'app-a', userId: 'u1' }, 'linear-function', ['view', 'edit'], ['app', 'user']],
    ['user node grant (edition:rj:9) reaches a grade-9 figure', { userId: 'u1' }, 'inscribed-angle', ['view', 'save_as'], ['free', 'user']],
    ['user edition grant does not reach another edition only', { userId: 'u1' }, 'parabola-vertex', ['view', 'save_as'], ['user']],
    ['user edition grant does not reach grade 8', { userId: 'u1' }, 'linear-function', ['edit'], ['user']],
    ['expired user grant gives nothing', { userId: 'u1' }, 'triangle-centres', ['view', 'save_as'], ['user']],
    ['not-yet-valid grant gives nothing', { userId: 'u1' }, 'quadratic-roots', ['view', 'save_as'], ['user']],
    ['revoked grant gives nothing', { userId: 'u2' }, 'linear-function', ['view'], ['user']],
    ['topic grant reaches a function figure', { userId: 'u2' }, 'exp-log-inverse', ['view'], ['user']],
    ['topic grant does not reach a geometry figure', { userId: 'u2' }, 'triangle-midline', [], []],
    ['user token of another app keeps the user rights', { clientId: 'nobody', userId: 'u2' }, 'exp-log-inverse', ['view'], ['user']],
    ['free tier and user grant add up', { userId: 'u2' }, 'sine-wave', ['view'], ['free', 'user']],
    ['app and user grants on different nodes add up', { clientId: 'demo-textbook', userId: 'u2' }, 'linear-function', ['view'], ['app', 'user']],
    ['user rights do not leak to another user', { userId: 'u2' }, 'inscribed-angle', ['view'], ['free']],
    ['app rights do not leak to another app', { clientId: 'app-b' }, 'unit-circle', [], []],
    ['three sources at once', { clientId: 'app-a', userId: 'u2' }, 'sine-wave', ['view'], ['free', 'app', 'user']],
  ];

  for (const [name, principal, figure, actions, via] of cases) {
    it(name, () => {
      const e = rights(principal, figure);
      assert.deepEqual(e.actions, actions, `actions of ${figure}`);
      assert.deepEqual([...e.via].sort(), [...via].sort(), `via of ${figure}`);
    });
  }

  it(`has at least 25 cases (${cases.length})`, () => assert.ok(cases.length >= 25));

  it('reports when rights end: the latest expiry, or null when one never ends', () => {
    const limited = rights({ clientId: 'app-a' }, 'unit-circle');
    assert.ok(limited.expiresAt && Date.parse(limited.expiresAt) > Date.now() + 29 * DAY);
    assert.equal(rights({ clientId: 'app-a' }, 'linear-function').expiresAt, null);
    assert.equal(rights({}, 'linear-function').expiresAt, null);
  });

  it('refuses grants on objects that do not exist and actions that are not actions', () => {
    assert.throws(() => addGrant(db, { subjectType: 'app', subjectId: 'x', objectType: 'node', objectId: 'chapter:nope', actions: ['view'], source: 't' }), /no node/);
    assert.throws(() => addGrant(db, { subjectType: 'app', subjectId: 'x', objectType: 'figure', objectId: 'linear-function', actions: ['delete' as 'view'], source: 't' }), /actions/);
  });

  it('answers for many figures in one query', () => {
    const ids = (db.all('SELECT id FROM figures') as { id: string }[]).map((r) => r.id);
    const all = entitlementsFor(db, { clientId: 'app-a', userId: 'u1' }, ids);
    assert.equal(all.size, ids.length);
  });
});
