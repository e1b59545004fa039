import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, existsSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeLeftovers } from '../src/io/atomic-write.js';
import { INVALID, ROOT, SAMPLES, tiss, VALID, tempDir } from './helpers.js';

/**
 * Issue 9, items 3-6: writing never destroys. Every `-o` and `--write` keeps what the user had: device
 * nodes, symlinks, hard links, modes, owners, edits made meanwhile, the inputs themselves; and leaves no
 * temp file behind, after a signal or (cleaned by the next run) after a kill.
 */
const dir = tempDir('tiss-write-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const BIN = join(ROOT, 'bin', 'tiss.js');
const stale = join(INVALID, 'hash-desatualizado.xml');
const json = join(SAMPLES, 'generate', 'lote-consulta.json');
const isRoot = process.getuid?.() === 0;
let n = 0;
const fresh = (from = stale, name = 'lote.xml'): string => {
  const d = join(dir, `c${n++}`);
  mkdirSync(d);
  const p = join(d, name);
  copyFileSync(from, p);
  return p;
};
const temps = (d: string): string[] => readdirSync(d).filter((f) => f.endsWith('.tmp'));
const untilTemp = (d: string): Promise<void> =>
  new Promise((resolve) => {
    const t = setInterval(() => {
      if (temps(d).length > 0) {
        clearInterval(t);
        resolve();
      }
    }, 5);
  });

describe('targets that are not plain files', () => {
  it.skipIf(!isRoot)('-o /dev/null keeps /dev/null a character device, for every command (before: replaced by a regular file)', () => {
    const runs = [
      ['validate', '-o', '/dev/null', join(VALID, 'lote-consulta.xml')],
      ['report', '-o', '/dev/null', join(VALID, 'lote-consulta.xml')],
      ['parse', join(VALID, 'lote-consulta.xml'), '-o', '/dev/null'],
      ['generate', json, '-o', '/dev/null'],
      ['hash', '--fix', fresh(), '-o', '/dev/null'],
    ];
    for (const args of runs) {
      const r = tiss(args);
      expect(r.status, `${args[0]}: ${r.stderr}`).toBeLessThan(2);
      expect(lstatSync('/dev/null').isCharacterDevice(), args[0]).toBe(true);
    }
  });

  it('a FIFO target is written through, not replaced', async () => {
    const fifo = join(dir, 'saida.fifo');
    spawnSync('mkfifo', [fifo]);
    const reader = spawn('cat', [fifo]);
    let got = '';
    reader.stdout.on('data', (d: Buffer) => (got += d.toString()));
    const r = tiss(['validate', '-f', 'json', '-o', fifo, join(VALID, 'lote-consulta.xml')]);
    await new Promise((ok) => reader.on('close', ok));
    expect(r.status).toBe(0);
    expect(JSON.parse(got).summary.valid).toBe(1);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('a symlink: the file it points at is replaced, the link stays a link', () => {
    const real = fresh();
    const link = join(dir, `link-${n++}.xml`);
    symlinkSync(real, link);
    const r = tiss(['hash', '--fix', '--write', link]);
    expect(r.status, r.stderr).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(tiss(['hash', '--check', real]).status).toBe(0);
    const out = join(dir, `rel-${n++}.json`);
    const target = join(dir, `alvo-${n++}.json`);
    writeFileSync(target, 'antigo');
    symlinkSync(target, out);
    expect(tiss(['validate', '-f', 'json', '-o', out, join(VALID, 'lote-consulta.xml')]).status).toBe(0);
    expect(lstatSync(out).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(target, 'utf8')).summary.valid).toBe(1);
  });

  it('a hard-linked file is refused with an explanation, and both names keep their bytes', () => {
    const a = fresh();
    const b = join(dir, `hard-${n++}.xml`);
    linkSync(a, b);
    const before = readFileSync(a);
    const r = tiss(['hash', '--fix', '--write', a]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/2 nomes \(links físicos\)/);
    expect(r.stderr).toMatch(/-o outro\.xml/);
    expect(readFileSync(a).equals(before)).toBe(true);
    expect(statSync(a).ino).toBe(statSync(b).ino);
  });
});

describe('--fix --write keeps metadata and never loses an edit', () => {
  it.each([0o664, 0o666, 0o600, 0o640])('mode %o is kept under umask 022 (before: 0644)', (mode) => {
    const f = fresh();
    chmodSync(f, mode);
    const r = spawnSync('sh', ['-c', `umask 022; exec "${process.execPath}" "${BIN}" hash --fix --write "${f}"`], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(statSync(f).mode & 0o7777).toBe(mode);
  });

  it.skipIf(!isRoot)('owner and group are kept when run as root (before: root:root)', () => {
    const f = fresh();
    chownSync(f, 1234, 2345);
    expect(tiss(['hash', '--fix', '--write', f]).status).toBe(0);
    expect(statSync(f).uid).toBe(1234);
    expect(statSync(f).gid).toBe(2345);
  });

  it('an edit made while --fix ran is kept, and nothing is written (before: 5 of 5 lost)', async () => {
    for (let i = 0; i < 5; i++) {
      const f = fresh();
      const child = spawn(process.execPath, [BIN, 'hash', '--fix', '--write', f], { env: { ...process.env, TISS_TEST_PAUSE_BEFORE_COMMIT: '700' } });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      // Once the temp file exists (tiss has read the file and waits before the commit), another program saves it.
      await untilTemp(join(f, '..'));
      const edited = Buffer.concat([readFileSync(f), Buffer.from(`<!-- edição ${i} -->\n`)]);
      writeFileSync(f, edited);
      const code = await new Promise<number | null>((r) => child.on('close', r));
      expect(code).toBe(2);
      expect(err).toMatch(/alterado por outro programa/);
      expect(readFileSync(f).equals(edited)).toBe(true);
      expect(temps(join(f, '..'))).toEqual([]);
    }
  }, 60_000);

  it('an edit that keeps size and modification time is still seen (ctime)', async () => {
    const f = fresh();
    const st = statSync(f);
    const child = spawn(process.execPath, [BIN, 'hash', '--fix', '--write', f], { env: { ...process.env, TISS_TEST_PAUSE_BEFORE_COMMIT: '700' } });
    await untilTemp(join(f, '..'));
    const same = readFileSync(f);
    same[same.length - 2] = 0x20; // same size
    writeFileSync(f, same);
    utimesSync(f, st.atime, st.mtime);
    expect(await new Promise((r) => child.on('close', r))).toBe(2);
    expect(readFileSync(f).equals(same)).toBe(true);
  });
});

describe('an output that is one of the inputs is refused, the input byte-identical (before: replaced, exit 0)', () => {
  const cases: [string, (input: string, out: string) => string[], string][] = [
    ['generate', (i, o) => ['generate', i, '-o', o], json],
    ['parse', (i, o) => ['parse', i, '-o', o], join(VALID, 'lote-consulta.xml')],
    ['validate', (i, o) => ['validate', '-o', o, i], join(VALID, 'lote-consulta.xml')],
    ['report', (i, o) => ['report', '-o', o, i], join(VALID, 'lote-consulta.xml')],
    ['hash', (i, o) => ['hash', '--fix', i, '-o', o], stale],
  ];
  it.each(cases)('%s, by the same path and through a symlink', (_cmd, args, from) => {
    const input = fresh(from, from.endsWith('.json') ? 'in.json' : 'in.xml');
    const before = readFileSync(input);
    const same = tiss(args(input, input));
    expect(same.status).toBe(2);
    expect(same.stderr).toMatch(/próprio arquivo de entrada/);
    const link = `${input}.link`;
    symlinkSync(input, link);
    const viaLink = tiss(args(input, link));
    expect(viaLink.status).toBe(2);
    expect(viaLink.stderr).toMatch(/um link para ele/);
    expect(readFileSync(input).equals(before)).toBe(true);
  });

  it('an input found inside a folder counts, and so does the config file', () => {
    const input = fresh(join(VALID, 'lote-consulta.xml'));
    const folder = join(input, '..');
    expect(tiss(['validate', '-o', input, folder]).status).toBe(2);
    const cfg = join(folder, 'tiss.config.json');
    writeFileSync(cfg, '{}');
    const r = tiss(['validate', '-c', cfg, '-o', cfg, input]);
    expect(r.status).toBe(2);
    expect(readFileSync(cfg, 'utf8')).toBe('{}');
  });
});

describe('temp files', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s during a long validate -o leaves no temp file and no partial report (before: a 72 MB .tmp)', async (signal, code) => {
    const d = join(dir, `sig-${n++}`);
    mkdirSync(d);
    for (let i = 0; i < 400; i++) copyFileSync(join(VALID, 'lote-sp-sadt.xml'), join(d, `l${String(i).padStart(3, '0')}.xml`));
    const out = join(dir, `rel-${n++}.json`);
    const child = spawn(process.execPath, [BIN, 'validate', '--jobs', '1', '-f', 'json', '-o', out, d], { stdio: 'ignore' });
    // Wait until the temp file exists (the run is under way), then interrupt.
    await untilTemp(dir);
    child.kill(signal);
    const exit = await new Promise<number | null>((r) => child.on('close', (c) => r(c)));
    expect(exit).toBe(code);
    expect(temps(dir)).toEqual([]);
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it('a leftover of a killed run (dead pid) is removed by the next run; a live one is not', () => {
    const target = fresh();
    const d = join(target, '..');
    const dead = join(d, '.lote.xml.tiss-999999-0a1b2c3d.tmp');
    const mine = join(d, `.lote.xml.tiss-${process.pid}-0a1b2c3d.tmp`);
    const other = join(d, '.outro.xml.tiss-999999-0a1b2c3d.tmp');
    for (const f of [dead, mine, other]) {
      writeFileSync(f, 'x');
      utimesSync(f, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    }
    expect(tiss(['hash', '--fix', '--write', target]).status).toBe(0);
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(mine)).toBe(true); // this test process is alive
    expect(existsSync(other)).toBe(true); // another target's
    expect(removeLeftovers(target)).toEqual([]);
  });

  it('a kill -9 during --fix --write: the file is whole, and the next run cleans the temp', async () => {
    const f = fresh();
    const before = readFileSync(f);
    const child = spawn(process.execPath, [BIN, 'hash', '--fix', '--write', f], { env: { ...process.env, TISS_TEST_PAUSE_BEFORE_COMMIT: '2000' }, stdio: 'ignore' });
    const d = join(f, '..');
    await untilTemp(d);
    child.kill('SIGKILL');
    await new Promise((r) => child.on('close', r));
    expect(readFileSync(f).equals(before)).toBe(true);
    const [left] = temps(d);
    expect(left).toMatch(/^\.lote\.xml\.tiss-\d+-[0-9a-f]{8}\.tmp$/);
    utimesSync(join(d, left!), new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    expect(tiss(['hash', '--fix', '--write', f]).status).toBe(0);
    expect(temps(d)).toEqual([]);
  }, 30_000);
});
