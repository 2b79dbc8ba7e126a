/**
 * netpad-platform: serve the platform, and manage its store by hand.
 *
 *   netpad-platform serve [--port 4000] [--db data/netpad.db] [--base-url URL] [--demo] [--trust-proxy LIST]
 *   netpad-platform migrate | seed
 *   netpad-platform apps create <client-id> --name NAME (--public --redirect-uri URL | --confidential) [--origin ORIGIN]
 *   netpad-platform apps list | apps add-origin <client-id> <origin> | apps remove-origin <client-id> <origin>
 *   netpad-platform apps remove <client-id> | apps suspend <client-id> --reason TEXT | apps resume <client-id>
 *   netpad-platform apps rotate-key <client-id> [--grace SECONDS]
 *   netpad-platform users create <username> --password PW [--name NAME] [--operator]
 *   netpad-platform users role <username> operator|user
 *   netpad-platform grants add --app ID|--user USERNAME --figure ID|--node ID --actions view,edit [--until ISO]
 *   netpad-platform grants revoke <grant-id>
 *   netpad-platform wallet credit <username> <amount>
 *   netpad-platform keys rotate | keys retire <kid>
 */
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { createPlatform, type RateLimits } from './server';
import { openDatabase, migrate, nowIso } from './db/open';
import { seedDemo, seedCurriculumFile } from './seed';
import { applyCurriculum, checkCurriculum, readCurriculum } from './catalogue/curriculum';
import { rebuildSearchIndex } from './catalogue/search';
import { repoRoot } from './paths';
import { addOrigin, createApp, listApps, removeApp, removeOrigin, resumeApp, rotateKey, suspendApp } from './auth/apps';
import { audit } from './developers/audit';
import { MAX_GRACE_SECONDS } from './developers/routes';
import { WEB_CLIENT_ID } from './embed/routes';
import { addSigningKey, storePepper } from './auth/keys';
import { hashPassword } from './auth/secrets';
import { addGrant, revokeGrant, ACTIONS, type Action } from './entitlements';
import { creditWallet, MAX_AMOUNT } from './commerce';

const USAGE = `Usage: netpad-platform <command>

  serve [--port N] [--host H] [--db FILE] [--base-url URL] [--demo] [--trust-proxy LIST] [--quiet]
                              start the platform (creates and migrates the store);
                              --demo seeds the demo catalogue and accounts (public passwords:
                              for trying out only) and points the demo apps at --base-url;
                              --trust-proxy 127.0.0.1,10.0.0.0/8 believes X-Forwarded-For from
                              those proxies; --rate-limit app=0,user=12000 sets per-minute limits
                              (app, user, writes, anonymous, pages, authorization, sign-in; 0 = off);
                              logs one JSON line per request unless --quiet
  migrate [--db FILE]         bring the store's schema up to date
  seed [--db FILE]            add the demo catalogue, users and apps to an empty store
  apps create <id> --name N (--public --redirect-uri URL... | --confidential) [--origin O...]
  apps list
  apps add-origin <id> <origin> | apps remove-origin <id> <origin>
  apps remove <id>            delete an app: its key stops working, its grants are revoked
  apps suspend <id> --reason TEXT | apps resume <id>
                              stop (or restart) an app's keys, tokens and sites at once
  apps rotate-key <id> [--grace SECONDS]
                              a new key for a server app; the old ones work --grace more
                              seconds (default 86400, 0 = stop now)
  users create <username> --password P [--name N] [--operator]
  users role <username> operator|user
                              operators suspend apps and read the audit log in /developers/
  grants add (--app ID | --user USERNAME) (--figure ID | --node ID) --actions view[,edit,save_as] [--until ISO-DATE]
  grants revoke <grant-id>
  wallet credit <username> <amount>
  catalogue apply-curriculum [FILE]
                              place the catalogue's figures in the textbook editions FILE lays
                              out (default: the seed's curriculum.json); checked first, idempotent
  keys rotate                 add a new signing key (used from the next start; old keys stay published)
  keys retire <kid>           stop publishing a key (after the tokens it signed have expired)

The store defaults to $NETPAD_DB or data/netpad.db in the current folder.`;


function fail(message: string): never {
  console.error(`netpad-platform: ${message}\n\n${USAGE}`);
  process.exit(2);
}

const RATE_LIMIT_NAMES: Record<string, keyof RateLimits> = {
  app: 'appPerMinute',
  user: 'userPerMinute',
  writes: 'userWritesPerMinute',
  anonymous: 'anonymousPerMinute',
  pages: 'pagesPerMinute',
  authorization: 'authorizationPerMinute',
  'sign-in': 'signInPerMinute',
};

/** `app=0,user=12000` → the limits it names; anything else is a usage error. */
function parseRateLimits(text: string): Partial<RateLimits> {
  const limits: Partial<RateLimits> = {};
  for (const part of text.split(',')) {
    const [name = '', value = ''] = part.split('=').map((p) => p.trim());
    const key = RATE_LIMIT_NAMES[name];
    const n = Number(value);
    if (!key) fail(`--rate-limit: unknown limit "${name}" (one of ${Object.keys(RATE_LIMIT_NAMES).join(', ')})`);
    if (value === '' || !Number.isSafeInteger(n) || n < 0) fail(`--rate-limit: ${name} takes a whole number of requests a minute (0 = off), not "${value}"`);
    limits[key] = n;
  }
  return limits;
}

export async function main(argv: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        db: { type: 'string' },
        'base-url': { type: 'string' },
        quiet: { type: 'boolean' },
        demo: { type: 'boolean' },
        'trust-proxy': { type: 'string' },
        'rate-limit': { type: 'string' },
        name: { type: 'string' },
        public: { type: 'boolean' },
        confidential: { type: 'boolean' },
        'redirect-uri': { type: 'string', multiple: true },
        origin: { type: 'string', multiple: true },
        password: { type: 'string' },
        app: { type: 'string' },
        user: { type: 'string' },
        figure: { type: 'string' },
        node: { type: 'string' },
        actions: { type: 'string' },
        until: { type: 'string' },
        reason: { type: 'string' },
        grace: { type: 'string' },
        operator: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
  const { values, positionals } = parsed;
  const [command, sub, ...rest] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return;
  }
  const dbFile = values.db ?? process.env.NETPAD_DB ?? 'data/netpad.db';

  if (command === 'serve') {
    const port = Number(values.port ?? process.env.PORT ?? 4000);
    if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a port number, not "${values.port}"`);
    const host = values.host ?? process.env.HOST ?? 'localhost';
    const trustProxy = values['trust-proxy'] ?? process.env.NETPAD_TRUST_PROXY;
    let platform;
    try {
      platform = await createPlatform({
        dbFile,
        port,
        baseUrl: values['base-url'] ?? process.env.NETPAD_BASE_URL,
        logger: !values.quiet,
        seed: values.demo === true,
        trustProxy: trustProxy ? trustProxy.split(',').map((p) => p.trim()).filter(Boolean) : undefined,
        rateLimit: values['rate-limit'] ? parseRateLimits(values['rate-limit']) : undefined,
      });
    } catch (err) {
      fail(err instanceof Error ? err.message : String(err));
    }
    await platform.app.listen({ port, host });
    console.log(`Netpad platform: ${platform.baseUrl}/  (the web app; examples at ${platform.baseUrl}/examples/; store: ${dbFile})`);
    if (platform.demo) {
      console.log('Netpad platform: this store holds the DEMO accounts and app key, whose passwords are public (teacher/teacher-demo, demo-textbook-key): for trying out on this machine only.');
    }
    // Posters are drawn on first request (in a worker thread, 100–200 ms each): draw the missing
    // ones now, one at a time, so the first readers of a page with many figures wait less.
    void (async () => {
      const ids = (platform.db.all('SELECT f.id FROM figures f LEFT JOIN posters p ON p.figure_id = f.id AND p.etag = f.etag WHERE p.figure_id IS NULL ORDER BY f.id') as { id: string }[]).map((r) => r.id);
      for (const id of ids) {
        await new Promise((resolve) => setImmediate(resolve));
        await platform.app.inject({ method: 'GET', url: `/v1/figures/${id}/poster.svg` }).catch(() => undefined);
      }
    })();
    const stop = () => void platform.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return;
  }

  const db = openDatabase(dbFile);
  try {
    switch (command) {
      case 'migrate':
        console.log(`applied ${migrate(db)} migration(s); schema version ${db.schemaVersion()}`);
        break;
      case 'seed':
        console.log((await seedDemo(db, { repoRoot: repoRoot(), baseUrl: values['base-url'] ?? process.env.NETPAD_BASE_URL })) ? 'seeded the demo store' : 'the store already has a catalogue; nothing to do');
        break;
      case 'apps': {
        const pepper = storePepper(db);
        if (sub === 'list') {
          for (const app of listApps(db)) console.log(`${app.clientId}\t${app.kind}\t${app.name}\torigins: ${app.origins.join(' ') || '—'}${app.suspendedAt ? `\tSUSPENDED: ${app.suspendedReason}` : ''}`);
        } else if (sub === 'create') {
          const id = rest[0] ?? fail('apps create needs a client id');
          if (!values.name) fail('apps create needs --name');
          if (values.public === values.confidential) fail('say --public or --confidential');
          const { app, key } = createApp(db, pepper, {
            clientId: id,
            name: values.name,
            kind: values.public ? 'public' : 'confidential',
            redirectUris: values['redirect-uri'] ?? [],
            origins: values.origin ?? [],
          });
          audit(db, 'cli', 'app.create', app.clientId, { name: app.name, kind: app.kind, origins: app.origins });
          console.log(`created ${app.kind} app ${app.clientId}`);
          if (key) console.log(`app key (shown once, store it now): ${key}`);
        } else if (sub === 'add-origin') {
          const app = addOrigin(db, rest[0] ?? fail('apps add-origin needs a client id'), rest[1] ?? fail('apps add-origin needs an origin'));
          console.log(`${app.clientId} origins: ${app.origins.join(' ')}`);
        } else if (sub === 'remove-origin') {
          const app = removeOrigin(db, rest[0] ?? fail('apps remove-origin needs a client id'), rest[1] ?? fail('apps remove-origin needs an origin'));
          console.log(`${app.clientId} origins: ${app.origins.join(' ') || '—'}`);
        } else if (sub === 'remove') {
          const id = rest[0] ?? fail('apps remove needs a client id');
          const { grants } = removeApp(db, id, [WEB_CLIENT_ID]);
          audit(db, 'cli', 'app.remove', id, { grantsRevoked: grants });
          console.log(`removed app ${id}; revoked its ${grants} grant(s)`);
        } else if (sub === 'suspend') {
          const id = rest[0] ?? fail('apps suspend needs a client id');
          if (id === WEB_CLIENT_ID) fail(`"${id}" is the platform's own app`);
          const reason = values.reason?.trim() || fail('apps suspend needs --reason (the developer sees it)');
          suspendApp(db, id, reason);
          audit(db, 'cli', 'app.suspend', id, { reason });
          console.log(`suspended ${id}: its keys, tokens and sites stop now`);
        } else if (sub === 'resume') {
          const id = rest[0] ?? fail('apps resume needs a client id');
          resumeApp(db, id);
          audit(db, 'cli', 'app.resume', id);
          console.log(`resumed ${id}`);
        } else if (sub === 'rotate-key') {
          const id = rest[0] ?? fail('apps rotate-key needs a client id');
          const grace = Number(values.grace ?? 86_400);
          if (!Number.isInteger(grace) || grace < 0 || grace > MAX_GRACE_SECONDS) fail(`--grace is a whole number of seconds from 0 to ${MAX_GRACE_SECONDS}`);
          const { key, id: keyId } = rotateKey(db, pepper, id, grace);
          audit(db, 'cli', 'key.rotate', id, { keyId, graceSeconds: grace });
          console.log(`app key (shown once, store it now): ${key}`);
          console.log(grace ? `the old keys keep working for ${grace} s` : 'the old keys stopped');
        } else fail(`unknown apps command "${sub ?? ''}"`);
        break;
      }
      case 'users': {
        if (sub === 'role') {
          const role = rest[1];
          if (role !== 'operator' && role !== 'user') fail('users role <username> operator|user');
          const changed = db.run('UPDATE users SET role = ? WHERE username = ?', role, rest[0] ?? '').changes;
          if (!changed) fail(`no user "${rest[0] ?? ''}"`);
          console.log(`${rest[0]} is now ${role === 'operator' ? 'an operator' : 'a user'}`);
          break;
        }
        if (sub !== 'create') fail(`unknown users command "${sub ?? ''}"`);
        const username = rest[0] ?? fail('users create needs a username');
        if (!values.password || values.password.length < 8) fail('users create needs --password of at least 8 characters');
        const id = `usr_${randomBytes(9).toString('base64url')}`;
        db.run('INSERT INTO users (id, username, password_hash, display_name, created_at, role) VALUES (?, ?, ?, ?, ?, ?)', 
          id,
          username,
          await hashPassword(values.password),
          values.name ?? username,
          nowIso(),
          values.operator ? 'operator' : 'user',
        );
        console.log(`created ${values.operator ? 'operator' : 'user'} ${username} (${id})`);
        break;
      }
      case 'grants': {
        if (sub === 'revoke') {
          const id = Number(rest[0]);
          if (!Number.isInteger(id)) fail('grants revoke needs a grant id');
          console.log(revokeGrant(db, id) ? `revoked grant ${id}` : `no active grant ${id}`);
        } else if (sub === 'add') {
          if (!values.app === !values.user) fail('say --app or --user');
          if (!values.figure === !values.node) fail('say --figure or --node');
          const actions = (values.actions ?? '').split(',').filter(Boolean) as Action[];
          if (!actions.length || actions.some((a) => !ACTIONS.includes(a))) fail(`--actions is a list of ${ACTIONS.join(', ')}`);
          let subjectId = values.app;
          if (values.user) {
            const user = db.one('SELECT id FROM users WHERE username = ?', values.user) as { id: string } | undefined;
            subjectId = user?.id ?? fail(`no user "${values.user}"`);
          }
          const id = addGrant(db, {
            subjectType: values.app ? 'app' : 'user',
            subjectId: subjectId!,
            objectType: values.figure ? 'figure' : 'node',
            objectId: (values.figure ?? values.node)!,
            actions,
            validUntil: values.until ? new Date(values.until).toISOString() : null,
            source: 'admin',
          });
          console.log(`added grant ${id}`);
        } else fail(`unknown grants command "${sub ?? ''}"`);
        break;
      }
      case 'keys': {
        if (sub === 'rotate') {
          console.log(`added signing key ${await addSigningKey(db)}; restart the platform to sign with it`);
        } else if (sub === 'retire') {
          const kid = rest[0] ?? fail('keys retire needs a key id');
          const active = (db.one('SELECT count(*) AS n FROM signing_keys WHERE retired_at IS NULL') as { n: number }).n;
          if (active <= 1) fail('that would leave no signing key: rotate first');
          const changed = db.run('UPDATE signing_keys SET retired_at = ? WHERE kid = ? AND retired_at IS NULL', nowIso(), kid).changes;
          console.log(changed ? `retired key ${kid}` : `no active key ${kid}`);
        } else fail(`unknown keys command "${sub ?? ''}"`);
        break;
      }
      case 'catalogue': {
        if (sub !== 'apply-curriculum') fail(`unknown catalogue command "${sub ?? ''}"`);
        const file = rest[0] ?? seedCurriculumFile(repoRoot());
        let curriculum;
        try {
          curriculum = readCurriculum(file);
        } catch (err) {
          fail(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
        }
        const figures = new Set(db.all<{ id: string }>('SELECT id FROM figures').map((r) => r.id));
        // The store may hold fewer figures than the file places (or more): only names that are
        // wrong in themselves stop it.
        const problems = checkCurriculum(curriculum, figures, { everyFigurePlaced: false, figuresMustExist: false });
        if (problems.length) fail(`${file} has ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
        const { nodes, placements } = applyCurriculum(db, curriculum);
        rebuildSearchIndex(db);
        console.log(`${nodes} catalogue node(s) written, ${placements} new place(s) for figures`);
        break;
      }
      case 'wallet': {
        if (sub !== 'credit') fail(`unknown wallet command "${sub ?? ''}"`);
        const user = db.one('SELECT id FROM users WHERE username = ?', rest[0] ?? '') as { id: string } | undefined;
        if (!user) fail(`no user "${rest[0] ?? ''}"`);
        const amount = Number(rest[1]);
        if (!Number.isSafeInteger(amount) || amount <= 0 || amount > MAX_AMOUNT) fail(`the amount is a whole number from 1 to ${MAX_AMOUNT}`);
        try {
          console.log(`${rest[0]} now holds ${creditWallet(db, user.id, amount, 'admin credit')} NPC`);
        } catch (err) {
          fail(err instanceof Error ? err.message : String(err));
        }
        break;
      }
      default:
        fail(`unknown command "${command}"`);
    }
  } finally {
    db.close();
  }
}
