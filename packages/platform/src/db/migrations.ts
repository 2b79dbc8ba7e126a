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
  `
  CREATE TABLE offers (
    id TEXT PRIMARY KEY,
    object_type TEXT NOT NULL CHECK (object_type IN ('figure', 'node')),
    object_id TEXT NOT NULL,
    actions TEXT NOT NULL,
    period_days INTEGER NOT NULL CHECK (period_days > 0),
    price INTEGER NOT NULL CHECK (price >= 0),
    title_zh TEXT NOT NULL,
    title_en TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1
  );
  CREATE INDEX offers_object ON offers(object_type, object_id);

  CREATE TABLE wallets (
    user_id TEXT PRIMARY KEY,
    balance INTEGER NOT NULL CHECK (balance >= 0)
  );

  CREATE TABLE orders (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    offer_id TEXT NOT NULL REFERENCES offers(id),
    price INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'paid')),
    idempotency_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    grant_id INTEGER,
    created_at TEXT NOT NULL,
    paid_at TEXT
  );
  CREATE UNIQUE INDEX orders_idempotency ON orders(user_id, idempotency_key);
  CREATE INDEX orders_user ON orders(user_id, created_at);

  CREATE TABLE ledger (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id TEXT NOT NULL,
    amount INTEGER NOT NULL,
    balance_after INTEGER NOT NULL CHECK (balance_after >= 0),
    kind TEXT NOT NULL CHECK (kind IN ('credit', 'purchase')),
    order_id TEXT,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
  );
  CREATE INDEX ledger_user ON ledger(user_id, id);

  CREATE TABLE space_figures (
    id TEXT PRIMARY KEY,
    owner_id TEXT NOT NULL,
    title TEXT NOT NULL,
    document TEXT NOT NULL,
    version INTEGER NOT NULL,
    source_figure_id TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX space_figures_owner ON space_figures(owner_id, updated_at);
  `,
  // Expired authorization-server rows are swept on a schedule (maintenance.ts).
  `
  CREATE INDEX oidc_models_expires ON oidc_models(expires_at) WHERE expires_at IS NOT NULL;
  `,
  // Catalogue search (catalogue/search.ts): titles, descriptions and catalogue places, trigram-indexed.
  `
  CREATE VIRTUAL TABLE figure_text USING fts5(figure_id UNINDEXED, title, places, description, tokenize = 'trigram');
  `,
  // The developer portal (developers/): apps owned by a user, several keys per app (rotation
  // with a grace period), suspension by operators, an audit log, and calls per app and day.
  `
  ALTER TABLE apps ADD COLUMN owner_id TEXT;
  ALTER TABLE apps ADD COLUMN description TEXT NOT NULL DEFAULT '';
  ALTER TABLE apps ADD COLUMN suspended_at TEXT;
  ALTER TABLE apps ADD COLUMN suspended_reason TEXT NOT NULL DEFAULT '';
  CREATE INDEX apps_owner ON apps(owner_id);
  ALTER TABLE users ADD COLUMN role TEXT NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'operator'));

  CREATE TABLE app_keys (
    id TEXT PRIMARY KEY,
    client_id TEXT NOT NULL REFERENCES apps(client_id) ON DELETE CASCADE,
    hash TEXT NOT NULL UNIQUE,
    hint TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT,
    revoked_at TEXT,
    last_used_at TEXT
  );
  CREATE INDEX app_keys_client ON app_keys(client_id);
  INSERT INTO app_keys (id, client_id, hash, hint, created_at)
    SELECT 'key_' || lower(hex(randomblob(8))), client_id, secret_hash, '', created_at FROM apps WHERE secret_hash IS NOT NULL;

  CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    client_id TEXT,
    detail TEXT NOT NULL DEFAULT '{}'
  );
  CREATE INDEX audit_log_client ON audit_log(client_id, id);
  CREATE INDEX audit_log_actor ON audit_log(actor, action, at);

  CREATE TABLE usage_daily (
    client_id TEXT NOT NULL,
    day TEXT NOT NULL,
    calls INTEGER NOT NULL,
    errors INTEGER NOT NULL,
    total_ms REAL NOT NULL,
    PRIMARY KEY (client_id, day)
  );
  `,
  // Textbook volumes (八年级上册 / 下册, 必修第一册 …) between edition and chapter, and each
  // curriculum node's stage, grade, edition and volume kept on it, so a search for
  // "人教版 八年级上册" is one lookup. SQLite cannot widen a CHECK in place: the two tables are
  // rebuilt, the child (figure_nodes) dropped before its parent so no cascade fires.
  `
  CREATE TABLE dimension_nodes_v6 (
    id TEXT PRIMARY KEY,
    dimension TEXT NOT NULL CHECK (dimension IN ('curriculum', 'topic')),
    level TEXT NOT NULL CHECK (level IN ('stage', 'grade', 'edition', 'volume', 'chapter', 'point', 'topic')),
    parent_id TEXT REFERENCES dimension_nodes_v6(id),
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    stage TEXT,
    grade INTEGER,
    edition TEXT,
    volume TEXT
  );
  WITH RECURSIVE walk(id, stage, grade, edition) AS (
    SELECT id, substr(id, 7), NULL, NULL FROM dimension_nodes WHERE level = 'stage'
    UNION ALL
    SELECT n.id, w.stage,
           CASE WHEN n.level = 'grade' THEN CAST(substr(n.id, 7) AS INTEGER) ELSE w.grade END,
           CASE WHEN n.level = 'edition' THEN substr(n.id, 9, instr(substr(n.id, 9), ':') - 1) ELSE w.edition END
      FROM dimension_nodes n JOIN walk w ON n.parent_id = w.id
  )
  INSERT INTO dimension_nodes_v6 (id, dimension, level, parent_id, name_zh, name_en, position, stage, grade, edition)
    SELECT d.id, d.dimension, d.level, d.parent_id, d.name_zh, d.name_en, d.position, w.stage, w.grade, w.edition
      FROM dimension_nodes d LEFT JOIN walk w ON w.id = d.id
     ORDER BY CASE d.level WHEN 'stage' THEN 0 WHEN 'grade' THEN 1 WHEN 'edition' THEN 2 WHEN 'chapter' THEN 3 ELSE 4 END;
  CREATE TABLE figure_nodes_v6 (
    figure_id TEXT NOT NULL REFERENCES figures(id) ON DELETE CASCADE,
    node_id TEXT NOT NULL REFERENCES dimension_nodes_v6(id) ON DELETE CASCADE,
    PRIMARY KEY (figure_id, node_id)
  );
  INSERT INTO figure_nodes_v6 (figure_id, node_id) SELECT figure_id, node_id FROM figure_nodes;
  DROP TABLE figure_nodes;
  DROP TABLE dimension_nodes;
  ALTER TABLE dimension_nodes_v6 RENAME TO dimension_nodes;
  ALTER TABLE figure_nodes_v6 RENAME TO figure_nodes;
  CREATE INDEX dimension_nodes_parent ON dimension_nodes(parent_id);
  CREATE INDEX dimension_nodes_place ON dimension_nodes(grade, edition, volume) WHERE dimension = 'curriculum';
  CREATE INDEX figure_nodes_node ON figure_nodes(node_id);
  `,
];
