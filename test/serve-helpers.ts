import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './helpers.js';

/** A `tiss serve` started for a test on a free loopback port, with what it wrote on stderr. */
export interface Server {
  child: ChildProcess;
  url: string;
  stderr: () => string;
}

export async function startServe(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Server> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'tiss.js'), 'serve', '--port', '0', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve não iniciou: ${err}`)), 15_000);
    const poll = setInterval(() => {
      const m = /ouvindo em (\S+)/.exec(err);
      if (m) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve(m[1]!);
      }
    }, 20);
    child.once('exit', (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`serve saiu (${code}): ${err}`));
    });
  });
  return { child, url, stderr: () => err };
}

/** SIGTERM, and the exit code (0 after a graceful shutdown). */
export async function stopServe(s: Server): Promise<number | null> {
  if (s.child.exitCode !== null) return s.child.exitCode;
  const exited = new Promise<number | null>((r) => s.child.once('exit', (code) => r(code)));
  s.child.kill('SIGTERM');
  return exited;
}
