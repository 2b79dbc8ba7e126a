import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS } from './migrations';
import { SqliteStore, type Store } from './store';

export type { Store, Param, RunResult } from './store';
/** The store as the platform's modules see it. */
export type Db = Store;

/** Opens (creating if needed) the embedded store and brings its schema up to date. */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new SqliteStore(file);
  migrate(db);
  return db;
}

/** Applies the migrations this store has not seen yet, each in its own transaction. */
export function migrate(db: Db): number {
  const current = db.schemaVersion();
  if (current > MIGRATIONS.length) {
    throw new Error(`this store has schema version ${current}, newer than this platform knows (${MIGRATIONS.length}): run a newer platform`);
  }
  let applied = 0;
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.write(() => {
      db.exec(MIGRATIONS[version]!);
      db.setSchemaVersion(version + 1);
    });
    applied++;
  }
  return applied;
}

export const nowIso = (): string => new Date().toISOString();
