// A real WordPress for the e2e tests: Debian's `wordpress` package (/usr/share/wordpress) on PHP's
// built-in web server, with its own MariaDB, all in a temporary folder on free loopback ports.
// Nothing global is read or changed: Debian's wp-config.php (which reads /etc/wordpress) is
// replaced by one of ours in a document root that links to the package's files.
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { freePort } from '../../packages/platform/test/helpers.ts';

const WORDPRESS = '/usr/share/wordpress';

interface Tools {
  php: string;
  mariadbd: string;
  installDb: string;
}

/** An executable on PATH or in the sbin folders (not on every user's PATH), or undefined. */
function findCommand(...names: string[]): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/local/sbin', '/usr/sbin', '/sbin'].filter(Boolean);
  for (const name of names) {
    for (const dir of dirs) {
      const path = join(dir, name);
      try {
        accessSync(path, constants.X_OK);
        return path;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/** Debian ships the default theme in a package of its own (a Recommends of `wordpress`). */
function hasTheme(): boolean {
  try {
    return readdirSync(join(WORDPRESS, 'wp-content', 'themes')).some((name) => existsSync(join(WORDPRESS, 'wp-content', 'themes', name, 'style.css')));
  } catch {
    return false;
  }
}

function findTools(): { tools: Tools } | { missing: string } {
  const php = findCommand('php');
  const mariadbd = findCommand('mariadbd', 'mysqld');
  const installDb = findCommand('mariadb-install-db', 'mysql_install_db');
  const lacking: string[] = [];
  if (!php) lacking.push('php (php-cli)');
  else if (spawnSync(php, ['-r', 'exit(extension_loaded("mysqli") ? 0 : 1);']).status !== 0) lacking.push("PHP's mysqli extension (php-mysql)");
  if (!mariadbd || !installDb) lacking.push('mariadbd or mysqld with mariadb-install-db (mariadb-server)');
  if (!existsSync(join(WORDPRESS, 'wp-settings.php'))) lacking.push(`${WORDPRESS} (wordpress)`);
  else if (!hasTheme()) lacking.push(`a theme in ${WORDPRESS}/wp-content/themes (wordpress-theme-*)`);
  if (!php || !mariadbd || !installDb || lacking.length) return { missing: `missing ${lacking.join(', ')}` };
  return { tools: { php, mariadbd, installDb } };
}

let found: ReturnType<typeof findTools> | undefined;

/** What this machine lacks to run a real WordPress (as one sentence), or undefined. */
export function missingForWordPress(): string | undefined {
  found ??= findTools();
  return 'missing' in found ? found.missing : undefined;
}

/** A PHP single-quoted string literal. */
function php(value: string): string {
  return `'${value.replace(/[\\']/g, '\\$&')}'`;
}

/** A server started in its own process group, with what it printed (for error messages). */
interface Daemon {
  /** Resolves once it printed its "ready" line; rejects with its output if it exits first. */
  ready: Promise<void>;
  output: () => string;
  /** Ends its process group and waits for it to exit. */
  stop: () => Promise<void>;
}

/** How long a server may take to say it is ready before the test gives up on it (a bound, not a wait). */
const START_LIMIT_MS = 60_000;

/**
 * Runs "$@" in this shell's process group and ends it with the group's SIGTERM, or when the
 * test process ends however it ends (even killed, or interrupted under `node --test`, which does
 * not run exit handlers): a watcher reads the pipe the test process holds, and EOF stops the
 * server. The shell exits only after the server did.
 */
const WATCHDOG = `exec 3<&0 </dev/null
"$@" 3<&- &
server=$!
(while read -r _; do :; done; kill -TERM "$server" 2>/dev/null) <&3 3<&- &
watcher=$!
exec 3<&-
trap 'kill -TERM "$server" 2>/dev/null' TERM INT HUP
wait "$server"; status=$?
while kill -0 "$server" 2>/dev/null; do wait "$server"; status=$?; done
kill "$watcher" 2>/dev/null
exit "$status"`;

/**
 * Starts a server in a process group of its own. It is ready when it says so (mariadbd's "ready
 * for connections", PHP's "Development Server … started"): an event, not a guess at how long
 * it takes.
 */
function startDaemon(name: string, command: string, args: string[], readyLine: RegExp): Daemon {
  const child = spawn('sh', ['-c', WATCHDOG, name, command, ...args], { detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
  const ready = new Promise<void>((resolve, reject) => {
    let started = false;
    const limit = setTimeout(() => reject(new Error(`${name} did not say it was ready within ${START_LIMIT_MS / 1000} s:\n${output}`)), START_LIMIT_MS);
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
      if (!started && readyLine.test(output)) {
        started = true;
        clearTimeout(limit);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('error', (error) => {
      clearTimeout(limit);
      reject(new Error(`${name} did not start: ${error.message}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(limit);
      if (!started) reject(new Error(`${name} exited (${signal ?? code}) before it was ready:\n${output}`));
    });
  });
  ready.catch(() => {}); // awaited by the caller; this keeps an early exit from going unhandled
  return {
    ready,
    output: () => output,
    stop: async () => {
      if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          // already gone
        }
      }
      await exited;
      child.stdin!.destroy();
    },
  };
}

/** Runs a program to its end; resolves with its standard output, rejects with everything it said. */
function run(command: string, args: string[], cwd?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${stdout}\n${stderr}`))));
  });
}

export interface WordPressPost {
  title: string;
  content: string;
}

export interface WordPressSite {
  /** The blog's address (WP_HOME), `http://localhost:<port>`: another site than the platform. */
  origin: string;
  /** Each published post's address, in the order given. */
  posts: string[];
  /** What PHP's web server printed (its request log and PHP's errors), for failure messages. */
  log: () => string;
  close: () => Promise<void>;
}

/**
 * Installs a fresh WordPress with the given published posts and serves it. `reach` is an
 * origin on loopback WordPress's HTTP API must be allowed to fetch from (the platform): core
 * refuses loopback addresses and ports other than 80, 443 and 8080 in wp_safe_remote_get(),
 * which oEmbed discovery uses. That allowance is the only thing the test's mu-plugin does;
 * finding the provider is left to WordPress's own discovery.
 */
export async function startWordPress(options: { reach: string; posts: WordPressPost[] }): Promise<WordPressSite> {
  found ??= findTools();
  if ('missing' in found) throw new Error(`A real WordPress ${found.missing}`);
  const tools = found.tools;
  const root = await mkdtemp(join(tmpdir(), 'netpad-wordpress-'));
  const cleanups: (() => Promise<void>)[] = [() => rm(root, { recursive: true, force: true })];
  const close = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  try {
    // MariaDB: a data folder of its own, run as the current user (root only when the test is
    // root, which mariadbd allows when told so); --no-defaults keeps /etc/mysql out of it.
    const dbPort = await freePort();
    const data = join(root, 'mysql');
    const asUser = process.getuid?.() === 0 ? ['--user=root'] : [];
    await run(tools.installDb, ['--no-defaults', `--datadir=${data}`, '--auth-root-authentication-method=normal', '--skip-test-db', ...asUser]);
    const init = join(root, 'init.sql');
    await writeFile(
      init,
      `CREATE DATABASE wordpress CHARACTER SET utf8mb4;
CREATE USER 'wordpress'@'127.0.0.1' IDENTIFIED BY 'wordpress';
GRANT ALL ON wordpress.* TO 'wordpress'@'127.0.0.1';
`,
    );
    const mariadb = startDaemon(
      'mariadbd',
      tools.mariadbd,
      [
        '--no-defaults',
        ...asUser,
        `--datadir=${data}`,
        `--socket=${join(root, 'mysql.sock')}`,
        `--pid-file=${join(root, 'mysql.pid')}`,
        `--port=${dbPort}`,
        '--skip-networking=0',
        '--bind-address=127.0.0.1',
        `--init-file=${init}`,
        '--innodb-buffer-pool-size=16M',
        '--skip-log-bin',
      ],
      /ready for connections/,
    );
    cleanups.push(mariadb.stop);
    await mariadb.ready;

    // The document root: the package's code, linked; our wp-config.php; a wp-content of our own.
    // The top-level scripts are copied, not linked, because PHP resolves links in __DIR__, and
    // wp-load.php would then find Debian's wp-config.php beside the original.
    const webPort = await freePort();
    const origin = `http://localhost:${webPort}`;
    const docroot = join(root, 'www');
    await mkdir(join(docroot, 'wp-content', 'mu-plugins'), { recursive: true });
    for (const entry of await readdir(WORDPRESS, { withFileTypes: true })) {
      if (entry.isFile() && entry.name.endsWith('.php') && entry.name !== 'wp-config.php') await copyFile(join(WORDPRESS, entry.name), join(docroot, entry.name));
    }
    await symlink(join(WORDPRESS, 'wp-admin'), join(docroot, 'wp-admin'));
    await symlink(join(WORDPRESS, 'wp-includes'), join(docroot, 'wp-includes'));
    await symlink(join(WORDPRESS, 'wp-content', 'themes'), join(docroot, 'wp-content', 'themes'));
    await symlink(join(WORDPRESS, 'wp-content', 'plugins'), join(docroot, 'wp-content', 'plugins'));
    const salts = ['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT']
      .map((name) => `define(${php(name)}, ${php(randomBytes(32).toString('base64'))});`)
      .join('\n');
    await writeFile(
      join(docroot, 'wp-config.php'),
      `<?php
define('DB_NAME', 'wordpress');
define('DB_USER', 'wordpress');
define('DB_PASSWORD', 'wordpress');
define('DB_HOST', ${php(`127.0.0.1:${dbPort}`)});
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
${salts}
define('WP_HOME', ${php(origin)});
define('WP_SITEURL', ${php(origin)});
define('WP_CONTENT_DIR', ${php(join(docroot, 'wp-content'))});
define('WP_CONTENT_URL', ${php(`${origin}/wp-content`)});
// No calls home (there is no network), no cron requests to itself, no updates.
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('WP_ACCESSIBLE_HOSTS', ${php(new URL(options.reach).hostname)});
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_DEBUG', false);
$table_prefix = 'wp_';
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
`,
    );
    const reach = new URL(options.reach);
    await writeFile(
      join(docroot, 'wp-content', 'mu-plugins', 'netpad-test-loopback.php'),
      `<?php
// Test configuration only: the platform runs on loopback, which wp_safe_remote_get() refuses
// (a loopback host, a port other than 80, 443 and 8080). Nothing here names it as a provider.
add_filter('http_request_host_is_external', function ($external, $host) {
  return $external || $host === ${php(reach.hostname)};
}, 10, 2);
add_filter('http_allowed_safe_ports', function ($ports) {
  $ports[] = ${Number(reach.port)};
  return $ports;
});
`,
    );

    // Install as the web installer would (wp_install), then publish the posts as the admin.
    const site = join(root, 'site.json');
    await writeFile(site, JSON.stringify({ docroot, posts: options.posts }));
    const installer = join(root, 'install.php');
    await writeFile(
      installer,
      `<?php
$site = json_decode(file_get_contents($argv[1]), true);
define('WP_INSTALLING', true);
// No mail server here: the installer's "your new site" mail goes nowhere.
function wp_mail() { return true; }
require $site['docroot'] . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
$installed = wp_install('Netpad test blog', 'admin', 'admin@example.org', true, '', wp_generate_password(24));
// The release's default theme, or whichever one the system has.
if (!wp_get_theme()->exists()) switch_theme(array_key_first(wp_get_themes()));
wp_set_current_user($installed['user_id']);
$posts = [];
foreach ($site['posts'] as $post) {
  $id = wp_insert_post(['post_title' => $post['title'], 'post_content' => $post['content'], 'post_status' => 'publish', 'post_author' => $installed['user_id']], true);
  if (is_wp_error($id)) { fwrite(STDERR, $id->get_error_message() . "\\n"); exit(1); }
  $posts[] = get_permalink($id);
}
echo "\\n", json_encode(['posts' => $posts]), "\\n";
`,
    );
    const installed = JSON.parse((await run(tools.php, [installer, site], root)).trim().split('\n').pop()!) as { posts: string[] };

    const web = startDaemon(
      'php -S',
      tools.php,
      ['-d', 'display_errors=0', '-d', 'log_errors=1', '-S', `127.0.0.1:${webPort}`, '-t', docroot],
      /Development Server \(http:\/\/127\.0\.0\.1:\d+\) started/,
    );
    cleanups.push(web.stop);
    await web.ready;
    return { origin, posts: installed.posts, log: web.output, close };
  } catch (error) {
    await close();
    throw error;
  }
}
