/**
 * The store's schema, as numbered migrations. A new column or table is a new entry at the end;
 * entries already shipped never change, so any older store can be brought up to date.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE dimension_nodes (
    id TEXT PRIMARY KEY,
    dimension TEXT NOT NULL CHECK (dimension IN ('curriculum', 'topic')),
    level TEXT NOT NULL CHECK (level IN ('stage', 'grade', 'edition', 'chapter', 'point', 'topic')),
    parent_id TEXT REFERENCES dimension_nodes(id),
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX dimension_nodes_parent ON dimension_nodes(parent_id);

  CREATE TABLE figures (
    id TEXT PRIMARY KEY,
    title_zh TEXT NOT NULL,
    title_en TEXT NOT NULL,
    description_zh TEXT NOT NULL DEFAULT '',
    description_en TEXT NOT NULL DEFAULT '',
    stage TEXT,
    grade INTEGER,
    free INTEGER NOT NULL DEFAULT 0,
    document TEXT NOT NULL,
    etag TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );

  CREATE TABLE figure_nodes (
    figure_id TEXT NOT NULL REFERENCES figures(id) ON DELETE CASCADE,
    node_id TEXT NOT NULL REFERENCES dimension_nodes(id) ON DELETE CASCADE,
    PRIMARY KEY (figure_id, node_id)
  );
  CREATE INDEX figure_nodes_node ON figure_nodes(node_id);

  CREATE TABLE posters (
    figure_id TEXT PRIMARY KEY REFERENCES figures(id) ON DELETE CASCADE,
    etag TEXT NOT NULL,
    svg TEXT NOT NULL
  );

  CREATE TABLE apps (
    client_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('public', 'confidential')),
    secret_hash TEXT,
    redirect_uris TEXT NOT NULL DEFAULT '[]',
    origins TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL
  );

  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    display_name TEXT NOT NULL,
    created_at TEXT NOT NULL
  );

  CREATE TABLE grants (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    subject_type TEXT NOT NULL CHECK (subject_type IN ('app', 'user')),
    subject_id TEXT NOT NULL,
    object_type TEXT NOT NULL CHECK (object_type IN ('figure', 'node')),
    object_id TEXT NOT NULL,
    actions TEXT NOT NULL,
    valid_from TEXT,
    valid_until TEXT,
    source TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
  );
  CREATE INDEX grants_subject ON grants(subject_type, subject_id);

  CREATE TABLE oidc_models (
    model TEXT NOT NULL,
    id TEXT NOT NULL,
    payload TEXT NOT NULL,
    expires_at INTEGER,
    uid TEXT,
    user_code TEXT,
    grant_id TEXT,
    consumed_at INTEGER,
    PRIMARY KEY (model, id)
  );
  CREATE INDEX oidc_models_uid ON oidc_models(model, uid);
  CREATE INDEX oidc_models_grant ON oidc_models(grant_id);

  CREATE TABLE signing_keys (
    kid TEXT PRIMARY KEY,
    private_jwk TEXT NOT NULL,
    created_at TEXT NOT NULL,
    retired_at TEXT
  );

  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
];
