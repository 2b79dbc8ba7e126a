import { join } from 'node:path';
import type { Db } from './db/open';
import { nowIso } from './db/open';
import { readSeedFigures, seedCatalogue } from './catalogue/seed';
import { readCurriculum } from './catalogue/curriculum';
import { createApp, findApp } from './auth/apps';
import { storePepper } from './auth/keys';
import { hashPassword } from './auth/secrets';
import { addGrant } from './entitlements';
import { addOffer, creditWallet } from './commerce';

/** Where examples/lesson-platform serves its pages by default (beside a platform on localhost:4000). */
export const LESSON_PLATFORM_ORIGIN = 'http://localhost:4100';
/** The port of the example lesson platform and of the add-in's dev server, beside the platform. */
const LESSON_PORT = 4100;
const ADDIN_PORT = 3000;

/**
 * Every origin and redirect of the demo apps, derived from the platform's base URL: the demo
 * pages are the platform's own, the lesson platform and the add-in run on the same host.
 */
export function demoOrigins(baseUrl = 'http://localhost:4000') {
  const base = new URL(baseUrl);
  const platform = base.origin;
  // URL.hostname keeps an IPv6 address in its brackets.
  const lesson = `${base.protocol}//${base.hostname}:${LESSON_PORT}`;
  const addin = `https://${base.hostname}:${ADDIN_PORT}`;
  return {
    platform,
    lesson,
    addin,
    blogRedirects: ['/examples/blog/signed-in.html', '/examples/account/', '/examples/sdk/callback.html', '/examples/sdk/dialog-callback.html', '/examples/sdk/redirect.html'].map((p) => `${platform}${p}`),
    addinRedirects: [`${addin}/dialog/signed-in.html`],
  };
}

/** Where each seed figure sits in the textbook editions. */
export const seedCurriculumFile = (repoRoot: string): string => join(repoRoot, 'packages/platform/seed/curriculum.json');

/** Whether this store holds the demo accounts, whose credentials are public. */
export function hasDemoData(db: Db): boolean {
  return db.one(`SELECT 1 FROM settings WHERE key = 'demo'`) !== undefined || db.one(`SELECT 1 FROM users WHERE id = 'usr_teacher'`) !== undefined;
}

/** Points the demo apps at this base URL (a store seeded under another address follows it). */
function pointDemoAppsAt(db: Db, baseUrl?: string): void {
  const o = demoOrigins(baseUrl);
  const set = 'UPDATE apps SET origins = ?, redirect_uris = ? WHERE client_id = ?';
  db.run(set, JSON.stringify([o.platform]), JSON.stringify(o.blogRedirects), 'demo-blog');
  db.run(set, JSON.stringify([o.platform, o.lesson]), '[]', 'demo-textbook');
  db.run(set, JSON.stringify([o.addin]), JSON.stringify(o.addinRedirects), 'demo-office');
}

/** Paid figures the demo teacher holds: one current right, one that ended a month ago. */
export const DEMO_TEACHER_FIGURES = { owned: 'ellipse-foci', expired: 'law-of-sines' } as const;

/** Demo wallet balances, in the platform's virtual currency (NPC). */
export const DEMO_WALLETS = { usr_teacher: 500, usr_student: 20 } as const;

export const DEMO_USERS = [
  { id: 'usr_teacher', username: 'teacher', password: 'teacher-demo', displayName: '王老师 (teacher)' },
  { id: 'usr_student', username: 'student', password: 'student-demo', displayName: '李同学 (student)' },
  { id: 'usr_operator', username: 'operator', password: 'operator-demo', displayName: '平台运营 (operator)', role: 'operator' },
] as const;

export const DEMO_TEXTBOOK_KEY = 'demo-textbook-key';

/**
 * The demo store: the catalogue (examples/figures and packages/platform/seed/figures), the demo
 * users and apps, and the app grants, so every path can be tried by hand. Runs only on an empty
 * store; the demo key is fixed here and nowhere else.
 */
export async function seedDemo(db: Db, { repoRoot, baseUrl }: { repoRoot: string; baseUrl?: string }): Promise<boolean> {
  const o = demoOrigins(baseUrl);
  const origins = [o.platform];
  const empty = !(db.one('SELECT 1 FROM figures LIMIT 1'));
  if (!empty) {
    if (hasDemoData(db)) db.write(() => pointDemoAppsAt(db, baseUrl));
    return false;
  }
  const figures = readSeedFigures([join(repoRoot, 'examples/figures'), join(repoRoot, 'packages/platform/seed/figures')]);
  seedCatalogue(db, figures, readCurriculum(seedCurriculumFile(repoRoot)));
  const pepper = storePepper(db);
  const hashes = await Promise.all(DEMO_USERS.map((u) => hashPassword(u.password)));
  db.write(() => {
    const insertUser = 'INSERT OR IGNORE INTO users (id, username, password_hash, display_name, created_at, role) VALUES (?, ?, ?, ?, ?, ?)';
    DEMO_USERS.forEach((u, i) => db.run(insertUser, u.id, u.username, hashes[i]!, u.displayName, nowIso(), 'role' in u ? u.role : 'user'));
    if (!findApp(db, 'demo-blog')) {
      createApp(db, pepper, {
        clientId: 'demo-blog',
        name: 'Demo blog',
        kind: 'public',
        origins,
        redirectUris: o.blogRedirects,
      });
    }
    if (!findApp(db, 'demo-textbook')) {
      // Its lesson platform (examples/lesson-platform) runs on :4100 and calls the API from there.
      createApp(db, pepper, { clientId: 'demo-textbook', name: 'Demo e-textbook', kind: 'confidential', origins: [...origins, o.lesson], key: DEMO_TEXTBOOK_KEY });
      // The e-textbook vendor bought the junior-high catalogue for a year, for all its readers.
      addGrant(db, {
        subjectType: 'app',
        subjectId: 'demo-textbook',
        objectType: 'node',
        objectId: 'stage:junior',
        actions: ['view'],
        validUntil: new Date(Date.now() + 365 * 86400_000).toISOString(),
        source: 'seed',
      });
    }
    // The teacher owns one paid figure outright (edit and save-as too), and one right has lapsed:
    // the blog and e-textbook examples show a figure that opens and one that needs renewing.
    addGrant(db, {
      subjectType: 'user',
      subjectId: 'usr_teacher',
      objectType: 'figure',
      objectId: DEMO_TEACHER_FIGURES.owned,
      actions: ['view', 'edit', 'save_as'],
      validUntil: new Date(Date.now() + 365 * 86400_000).toISOString(),
      source: 'seed',
    });
    addGrant(db, {
      subjectType: 'user',
      subjectId: 'usr_teacher',
      objectType: 'figure',
      objectId: DEMO_TEACHER_FIGURES.expired,
      actions: ['view'],
      validFrom: new Date(Date.now() - 60 * 86400_000).toISOString(),
      validUntil: new Date(Date.now() - 30 * 86400_000).toISOString(),
      source: 'seed',
    });
    // Offers: every paid figure alone for a month, and whole stages for a year.
    const paid = db.all('SELECT id, title_zh, title_en FROM figures WHERE free = 0 ORDER BY id') as { id: string; title_zh: string; title_en: string }[];
    for (const f of paid) {
      addOffer(db, {
        id: `figure-${f.id}-month`,
        object: { type: 'figure', id: f.id },
        actions: ['view', 'edit', 'save_as'],
        periodDays: 30,
        price: 10,
        title: { 'zh-CN': `${f.title_zh}（30 天，可编辑、可另存）`, en: `${f.title_en} (30 days, edit and save as)` },
      });
    }
    for (const [stage, zh, en] of [['junior', '初中', 'junior high'], ['senior', '高中', 'senior high']] as const) {
      addOffer(db, {
        id: `stage-${stage}-year`,
        object: { type: 'node', id: `stage:${stage}` },
        actions: ['view'],
        periodDays: 365,
        price: 200,
        title: { 'zh-CN': `${zh}全部图形（一年，仅查看）`, en: `All ${en} figures (one year, view)` },
      });
    }
    for (const [userId, amount] of Object.entries(DEMO_WALLETS)) creditWallet(db, userId, amount, 'demo seed');
    if (!findApp(db, 'demo-office')) {
      createApp(db, pepper, {
        clientId: 'demo-office',
        name: 'Demo PowerPoint add-in',
        kind: 'public',
        origins: [o.addin],
        redirectUris: o.addinRedirects,
      });
    }
    db.run(`INSERT OR REPLACE INTO settings (key, value) VALUES ('demo', ?)`, nowIso());
  });
  return true;
}
