import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, openDatabase } from '@netpad/platform';

describe('the store (node:sqlite behind the platform seam)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'netpad-store-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('opens a file in WAL mode with foreign keys on, at the latest schema version', () => {
    const db = openDatabase(join(dir, 'a', 'netpad.db'));
    assert.equal(db.one<{ journal_mode: string }>('PRAGMA journal_mode')?.journal_mode, 'wal');
    assert.equal(db.one<{ foreign_keys: number }>('PRAGMA foreign_keys')?.foreign_keys, 1);
    assert.ok(db.schemaVersion() > 0);
    assert.equal(migrate(db), 0, 'a second migrate applies nothing');
    // Rows are ordinary objects (node:sqlite returns null-prototype ones).
    assert.equal(Object.getPrototypeOf(db.one('SELECT 1 AS one')), Object.prototype);
    assert.throws(() => db.run(`INSERT INTO figure_nodes (figure_id, node_id) VALUES ('nope', 'nope')`), /FOREIGN KEY/);
    db.close();
  });

  it('commits a write transaction whole, or rolls all of it back; a nested one is a savepoint', () => {
    const db = openDatabase(':memory:');
    db.run(`INSERT INTO settings (key, value) VALUES ('a', '1')`);
    assert.throws(() =>
      db.write(() => {
        db.run(`UPDATE settings SET value = '2' WHERE key = 'a'`);
        throw new Error('boom');
      }),
    /boom/);
    assert.equal(db.one<{ value: string }>(`SELECT value FROM settings WHERE key = 'a'`)?.value, '1');

    db.write(() => {
      db.run(`UPDATE settings SET value = '3' WHERE key = 'a'`);
      assert.throws(() =>
        db.write(() => {
          db.run(`INSERT INTO settings (key, value) VALUES ('b', '1')`);
          throw new Error('inner');
        }),
      );
    });
    assert.equal(db.one<{ value: string }>(`SELECT value FROM settings WHERE key = 'a'`)?.value, '3');
    assert.equal(db.one(`SELECT value FROM settings WHERE key = 'b'`), undefined);
    assert.throws(() => db.write(() => Promise.resolve(1)), /must not await/);
    assert.equal(db.one<{ value: string }>(`SELECT value FROM settings WHERE key = 'a'`)?.value, '3');
    db.close();
  });

  it('takes the write lock at BEGIN: a second connection cannot start a write meanwhile', () => {
    const file = join(dir, 'lock.db');
    const first = openDatabase(file);
    const second = openDatabase(file);
    first.write(() => {
      first.run(`INSERT INTO settings (key, value) VALUES ('x', '1')`);
      // busy_timeout would wait 5 s for the lock; the assertion only needs the refusal.
      second.exec('PRAGMA busy_timeout = 0');
      assert.throws(() => second.write(() => second.one('SELECT 1')), /locked|busy/i);
      // Readers are not blocked (WAL) and see the last commit, not the write under way.
      assert.equal(second.one(`SELECT value FROM settings WHERE key = 'x'`), undefined);
    });
    assert.equal(second.one<{ value: string }>(`SELECT value FROM settings WHERE key = 'x'`)?.value, '1');
    first.close();
    second.close();
  });

  it('refuses a store written by a newer platform', () => {
    const file = join(dir, 'newer.db');
    const db = openDatabase(file);
    db.setSchemaVersion(db.schemaVersion() + 1);
    db.close();
    assert.throws(() => openDatabase(file), /newer than this platform knows/);
  });
});
