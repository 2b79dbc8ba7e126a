import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { entitlementsFor, openDatabase } from '@netpad/platform';

const bin = fileURLToPath(new URL('../bin/netpad-platform.js', import.meta.url));

describe('netpad-platform CLI', () => {
  let dir: string;
  let db: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'netpad-cli-'));
    db = join(dir, 'store.db');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const cli = (...args: string[]) => {
    const r = spawnSync(process.execPath, [bin, ...args, '--db', db], { encoding: 'utf8' });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  it('migrates and seeds a new store, once', () => {
    const latest = openDatabase(':memory:').schemaVersion();
    assert.match(cli('migrate').out, new RegExp(`schema version ${latest}\\b`));
    assert.match(cli('seed').out, /seeded the demo store/);
    assert.match(cli('seed').out, /nothing to do/);
  });

  it('suspends, resumes and rotates keys of apps, makes operators, and logs each change', () => {
    assert.match(cli('apps', 'create', 'vendor-s', '--name', 'Vendor S', '--confidential').out, /npk_/);
    const noReason = cli('apps', 'suspend', 'vendor-s');
    assert.equal(noReason.code, 2);
    assert.match(noReason.err, /--reason/);
    assert.match(cli('apps', 'suspend', 'vendor-s', '--reason', 'unpaid invoice').out, /suspended vendor-s/);
    assert.match(cli('apps', 'list').out, /vendor-s\tconfidential\tVendor S\torigins: —\tSUSPENDED: unpaid invoice/);
    assert.equal(cli('apps', 'suspend', 'netpad-web', '--reason', 'x').code, 2);
    assert.match(cli('apps', 'resume', 'vendor-s').out, /resumed vendor-s/);
    const rotated = cli('apps', 'rotate-key', 'vendor-s', '--grace', '0');
    assert.match(rotated.out, /app key \(shown once, store it now\): npk_[\w-]+\nthe old keys stopped/);
    assert.equal(cli('apps', 'rotate-key', 'vendor-s', '--grace', 'soon').code, 2);
    assert.notEqual(cli('apps', 'rotate-key', 'demo-blog').code, 0, 'a public app has no key');
    assert.match(cli('users', 'role', 'student', 'operator').out, /student is now an operator/);
    assert.equal(cli('users', 'role', 'nobody', 'operator').code, 2);
    assert.equal(cli('users', 'role', 'student', 'king').code, 2);
    const store = openDatabase(db);
    const actions = store.all<{ action: string; actor: string }>(`SELECT action, actor FROM audit_log WHERE client_id = 'vendor-s' ORDER BY id`);
    assert.deepEqual(actions.map((a) => `${a.actor} ${a.action}`), ['cli app.create', 'cli app.suspend', 'cli app.resume', 'cli key.rotate']);
    assert.equal(store.one<{ role: string }>(`SELECT role FROM users WHERE username = 'student'`)!.role, 'operator');
    store.close();
  });

  it('creates apps, showing a confidential key once, and lists them', () => {
    const created = cli('apps', 'create', 'vendor-x', '--name', 'Vendor X', '--confidential', '--origin', 'https://books.example');
    assert.equal(created.code, 0, created.err);
    assert.match(created.out, /app key \(shown once, store it now\): npk_/);
    assert.match(cli('apps', 'add-origin', 'vendor-x', 'https://more.example').out, /https:\/\/books\.example https:\/\/more\.example/);
    const list = cli('apps', 'list').out;
    assert.match(list, /vendor-x\tconfidential\tVendor X/);
    assert.match(list, /demo-blog\tpublic/);
    const bad = cli('apps', 'add-origin', 'vendor-x', 'https://x.example/path');
    assert.notEqual(bad.code, 0);

    assert.match(cli('apps', 'remove-origin', 'vendor-x', 'https://books.example').out, /vendor-x origins: https:\/\/more\.example\n/);
    const missing = cli('apps', 'remove-origin', 'vendor-x', 'https://books.example');
    assert.notEqual(missing.code, 0);
    assert.match(missing.err, /has no origin https:\/\/books\.example/);
    // Removing an app revokes its grants and its key.
    assert.equal(cli('grants', 'add', '--app', 'vendor-x', '--figure', 'pythagoras', '--actions', 'view').code, 0);
    assert.match(cli('apps', 'remove', 'vendor-x').out, /removed app vendor-x; revoked its 1 grant\(s\)/);
    assert.doesNotMatch(cli('apps', 'list').out, /vendor-x/);
    assert.notEqual(cli('apps', 'remove', 'vendor-x').code, 0);
    assert.match(cli('apps', 'remove', 'netpad-web').err, /platform's own app/);
  });

  it('adds users, grants and credit, and revokes a grant', () => {
    assert.match(cli('users', 'create', 'zhang', '--password', 'long-enough-pw', '--name', '张老师').out, /created user zhang/);
    const added = cli('grants', 'add', '--user', 'zhang', '--figure', 'unit-circle', '--actions', 'view,edit');
    assert.equal(added.code, 0, added.err);
    const grantId = /added grant (\d+)/.exec(added.out)![1]!;
    const store = openDatabase(db);
    const zhang = (store.one(`SELECT id FROM users WHERE username = 'zhang'`) as { id: string }).id;
    assert.deepEqual(entitlementsFor(store, { userId: zhang }, ['unit-circle']).get('unit-circle')!.actions, ['view', 'edit']);
    assert.match(cli('grants', 'revoke', grantId).out, /revoked grant/);
    assert.deepEqual(entitlementsFor(store, { userId: zhang }, ['unit-circle']).get('unit-circle')!.actions, []);
    assert.match(cli('wallet', 'credit', 'zhang', '50').out, /zhang now holds 50 NPC/);
    // Every amount is bounded: 2^53 + 1 was once stored as 2^53.
    for (const amount of ['9007199254740993', '1000001', '0.5', '0']) {
      const huge = cli('wallet', 'credit', 'zhang', amount);
      assert.equal(huge.code, 2, amount);
      assert.match(huge.err, /whole number from 1 to 1000000/);
    }
    assert.match(cli('wallet', 'credit', 'zhang', '1000000').out, /zhang now holds 1000050 NPC/);
    store.close();
  });

  it('rotates and retires signing keys, never the last one', () => {
    assert.match(cli('keys', 'rotate').out, /added signing key/);
    assert.match(cli('keys', 'rotate').out, /added signing key/);
    const store = openDatabase(db);
    const keys = store.all('SELECT kid FROM signing_keys ORDER BY created_at') as { kid: string }[];
    store.close();
    assert.equal(keys.length, 2);
    assert.match(cli('keys', 'retire', keys[0]!.kid).out, /retired key/);
    const last = openDatabase(db);
    const remaining = last.all('SELECT kid FROM signing_keys WHERE retired_at IS NULL') as { kid: string }[];
    last.close();
    assert.equal(remaining.length, 1);
    assert.notEqual(cli('keys', 'retire', remaining[0]!.kid).code, 0);
  });

  it('explains wrong usage with exit code 2', () => {
    for (const args of [['frobnicate'], ['apps', 'create'], ['grants', 'add', '--app', 'x'], ['users', 'create', 'y', '--password', 'short'], ['wallet', 'credit', 'zhang', '-5']]) {
      const r = cli(...args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, /Usage: netpad-platform/);
    }
  });

  it('applies a curriculum to a store: checked first, idempotent, places what it names', () => {
    const again = cli('catalogue', 'apply-curriculum');
    assert.equal(again.code, 0, again.err);
    assert.match(again.out, /^\d+ catalogue node\(s\) written, 0 new place\(s\) for figures$/m);
    const file = join(dir, 'curriculum.json');
    writeFileSync(file, JSON.stringify({ editions: [{ key: 'hk', names: { junior: ['沪科版', 'Shanghai edition'] }, books: [{ grade: 8, volume: 'b', chapters: [{ name: ['第18章 勾股定理', 'Chapter 18 Pythagoras'], sections: [{ name: ['18.1 勾股定理', '18.1 Pythagoras'], figures: ['pythagoras', 'not-in-this-store'] }] }] }] }] }));
    const added = cli('catalogue', 'apply-curriculum', file);
    assert.equal(added.code, 0, added.err);
    assert.match(added.out, /6 catalogue node\(s\) written, 1 new place\(s\)/);
    const store = openDatabase(db);
    const place = store.one<{ node_id: string }>(`SELECT node_id FROM figure_nodes WHERE figure_id = 'pythagoras' AND node_id LIKE 'point:hk:%'`);
    assert.match(place!.node_id, /^point:hk:8:b:/);
    store.close();
    writeFileSync(file, JSON.stringify({ editions: [{ key: 'hk', names: { junior: ['沪科版', 'x'] }, books: [{ grade: 8, volume: 'bx1', chapters: [] }] }] }));
    const bad = cli('catalogue', 'apply-curriculum', file);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /2 problem\(s\):\n {2}editions\[0\]\.books\[0\]\.volume "bx1" is not a junior volume\n {2}editions\[0\]\.books\[0\]\.chapters is a non-empty list/);
    assert.equal(cli('catalogue', 'apply-curriculum', join(dir, 'missing.json')).code, 2);
  });
});
