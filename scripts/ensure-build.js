#!/usr/bin/env node
// Builds dist/ before the README's run command (`npm run tiss`, its `pretiss`) when it is missing or older
// than the sources: in a fresh clone `npm ci` builds nothing (the build runs on `prepack` and `pretest`,
// never on install), and bin/tiss.js runs dist/. The build's own output goes to stderr, so that
// `npm run -s tiss -- generate … --stdout > lote.xml` writes only the message into the file.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = [join(root, 'dist', 'index.js'), join(root, 'dist', 'bundle', 'tiss.js'), join(root, 'dist', 'bundle', 'worker.js')];
const sources = [join(root, 'src'), join(root, 'tsconfig.build.json'), join(root, 'scripts', 'bundle-cli.js')];

const mtime = (path) => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
};
const newest = (path) => {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return readdirSync(path).reduce((m, name) => Math.max(m, newest(join(path, name))), s.mtimeMs);
};

const times = built.map(mtime);
const stale = times.includes(null) || Math.max(...sources.map(newest)) > Math.min(...times);
if (stale) {
  console.error('tiss: compilando dist/ (npm run build)…');
  const r = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'build'], { cwd: root, stdio: ['ignore', 2, 2], shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
