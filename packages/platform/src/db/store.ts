import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';

/** A value a query may bind: what both SQLite and PostgreSQL take without conversion. */
export type Param = string | number | bigint | null | Uint8Array;

/** What a write reports: rows it changed and, for an INSERT, the new row's id. */
export interface RunResult {
  changes: number;
  lastId: number;
}

/**
 * The platform's only door to its data. Domain modules say what they want in SQL through these
 * few calls, never through a driver's API, so a second backend (PostgreSQL) can stand behind the
 * same seam without touching them.
 */
export interface Store {
  /** The first row of a query, or `undefined`. */
  one<T = Record<string, unknown>>(sql: string, ...params: Param[]): T | undefined;
  /** Every row of a query. */
  all<T = Record<string, unknown>>(sql: string, ...params: Param[]): T[];
  /** A statement that writes. */
  run(sql: string, ...params: Param[]): RunResult;
  /** Several statements without parameters (migrations). */
  exec(sql: string): void;
  /**
   * Runs `work` in one write transaction and commits what it did, or rolls all of it back when it
   * throws. The write lock is taken at the start, so two such transactions never interleave
   * their reads and writes; a nested call is a savepoint of the outer one.
   */
  write<T>(work: () => T): T;
  /** The schema version the migrations have reached. */
  schemaVersion(): number;
  setSchemaVersion(version: number): void;
  close(): void;
}

/** How many distinct SQL texts keep a prepared statement; the platform's own stay far below. */
const STATEMENT_CACHE = 512;

/** Rows come back as null-prototype objects; callers and tests expect ordinary ones. */
const plain = <T>(row: unknown): T => (row === undefined ? (undefined as T) : ({ ...(row as object) } as T));

/** The embedded store: one SQLite file through Node's built-in `node:sqlite`. */
export class SqliteStore implements Store {
  readonly #db: DatabaseSync;
  readonly #statements = new Map<string, StatementSync>();
  #depth = 0;

  constructor(file: string, { busyTimeoutMs = 5000 }: { busyTimeoutMs?: number } = {}) {
    this.#db = new DatabaseSync(file, { timeout: busyTimeoutMs });
    // WAL lets readers (every API request) go on while a writer (an order) commits.
    this.#db.exec('PRAGMA journal_mode = WAL');
    this.#db.exec('PRAGMA foreign_keys = ON');
    this.#db.exec(`PRAGMA busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
  }

  #statement(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (statement) {
      // Refresh its place so the cache drops the least recently used text first.
      this.#statements.delete(sql);
    } else {
      statement = this.#db.prepare(sql);
      if (this.#statements.size >= STATEMENT_CACHE) this.#statements.delete(this.#statements.keys().next().value!);
    }
    this.#statements.set(sql, statement);
    return statement;
  }

  one<T>(sql: string, ...params: Param[]): T | undefined {
    return plain<T | undefined>(this.#statement(sql).get(...(params as SQLInputValue[])));
  }

  all<T>(sql: string, ...params: Param[]): T[] {
    return this.#statement(sql)
      .all(...(params as SQLInputValue[]))
      .map((row) => plain<T>(row));
  }

  run(sql: string, ...params: Param[]): RunResult {
    const info = this.#statement(sql).run(...(params as SQLInputValue[]));
    return { changes: Number(info.changes), lastId: Number(info.lastInsertRowid) };
  }

  exec(sql: string): void {
    this.#db.exec(sql);
  }

  write<T>(work: () => T): T {
    const outer = this.#depth === 0;
    const savepoint = `sp_${this.#depth}`;
    this.#db.exec(outer ? 'BEGIN IMMEDIATE' : `SAVEPOINT ${savepoint}`);
    this.#depth++;
    try {
      const result = work();
      if (result instanceof Promise) throw new TypeError('a write transaction must not await: its lock would be held across the event loop');
      this.#depth--;
      this.#db.exec(outer ? 'COMMIT' : `RELEASE ${savepoint}`);
      return result;
    } catch (error) {
      this.#depth--;
      if (outer) {
        if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
      } else {
        this.#db.exec(`ROLLBACK TO ${savepoint}`);
        this.#db.exec(`RELEASE ${savepoint}`);
      }
      throw error;
    }
  }

  schemaVersion(): number {
    return Number((this.#db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version);
  }

  setSchemaVersion(version: number): void {
    if (!Number.isInteger(version) || version < 0) throw new RangeError(`bad schema version ${version}`);
    this.#db.exec(`PRAGMA user_version = ${version}`);
  }

  close(): void {
    this.#statements.clear();
    if (this.#db.isOpen) this.#db.close();
  }
}
