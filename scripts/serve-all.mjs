// `npm start`: the platform with the examples on :4000 (PORT), and the example vendor's lesson
// platform on :4100 (LESSON_PORT) using it. Ctrl-C stops both.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const port = process.env.PORT ?? '4000';
const platformUrl = process.env.NETPAD_BASE_URL ?? `http://localhost:${port}`;

const children = [
  spawn(process.execPath, ['packages/platform/bin/netpad-platform.js', 'serve', '--demo', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' }),
  spawn(process.execPath, ['examples/lesson-platform/server.mjs', '--platform', platformUrl], { cwd: root, stdio: 'inherit' }),
];
const stop = (signal) => {
  for (const child of children) if (child.exitCode === null) child.kill(signal);
};
process.once('SIGINT', () => stop('SIGINT'));
process.once('SIGTERM', () => stop('SIGTERM'));
// If the platform cannot start (a port in use), stop everything and say so by the exit code.
children[0].once('exit', (code) => {
  stop('SIGTERM');
  process.exitCode = code ?? 1;
});
