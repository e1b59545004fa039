import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, SAMPLES, SHARED_SCHEMAS, tiss, VALID, tempDir } from './helpers.js';

/**
 * Issue 9, items 11-13, 20, 21: the command line on inputs that are not what they claim, numbers that
 * are not numbers, outputs that close or fill up. Each case ends in a Portuguese message or a finding,
 * with exit 2 where the input or the usage is wrong, never a hang, a stack trace or an endless read.
 */
const dir = tempDir('tiss-cli-rob-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const lote = join(VALID, 'lote-consulta.xml');
const json = join(SAMPLES, 'generate', 'lote-consulta.json');
const NO_STACK = /\n\s+at |node:internal|TypeError|ReferenceError|erro interno/;
const sh = (script: string, timeout = 30_000) => spawnSync('bash', ['-c', script], { cwd: ROOT, encoding: 'utf8', timeout, env: { ...process.env, NO_COLOR: '1' } });

function expectUsage(r: ReturnType<typeof tiss>, text: RegExp): void {
  expect(r.status, r.stderr).toBe(2);
  expect(r.stderr).toMatch(text);
  expect(r.stderr).not.toMatch(NO_STACK);
}

describe('inputs that are not regular files are refused, never read forever', () => {
  const fifo = join(dir, 'f.xml');
  spawnSync('mkfifo', [fifo]);

  it.each([
    ['validate', ['validate', fifo]],
    ['report', ['report', fifo]],
    ['hash', ['hash', fifo]],
    ['parse', ['parse', fifo]],
    ['generate', ['generate', fifo, '--dry-run']],
  ])('a FIFO given to %s (before: hung forever)', (_cmd, args) => {
    const r = tiss(args);
    expect(r.error, 'timed out').toBeUndefined();
    expect(r.status).toBe(2);
    expect(r.stdout + r.stderr).toMatch(/pipe nomeado \(FIFO\)/);
    expect(r.stderr).not.toMatch(NO_STACK);
  });

  it.each([['validate'], ['hash'], ['parse']])('/dev/zero given to %s (before: grew until killed)', (cmd) => {
    const r = tiss([cmd, '/dev/zero']);
    expect(r.status).toBe(2);
    expect(r.stdout + r.stderr).toMatch(/dispositivo de caracteres/);
  });

  it('a config that is /dev/zero, a FIFO or a folder', () => {
    expectUsage(tiss(['validate', '-c', '/dev/zero', lote]), /configuração \/dev\/zero é um dispositivo/);
    expectUsage(tiss(['validate', '-c', fifo, lote]), /FIFO/);
    expectUsage(tiss(['validate', '-c', dir, lote]), /é uma pasta/);
  });

  it('standard input is bounded by --max-size (yes | tiss generate - … before: grew until killed)', () => {
    const r = sh(`yes | node bin/tiss.js generate - --dry-run --max-size 1MB`);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/entrada padrão tem mais que 1,0 MB \(--max-size\)/);
    const v = sh(`yes | node bin/tiss.js validate - --max-size 1MB`);
    expect(v.status).toBe(2);
    expect(v.stderr).toMatch(/entrada padrão tem mais que 1,0 MB/);
  });

  it('a glob or folder walk stops at its limit instead of growing', () => {
    const r = tiss(['validate', '/**/*.xml'], { env: { TISS_TEST_MAX_ENTRIES: '5000' } });
    expectUsage(r, /O padrão \/\*\*\/\*\.xml percorre mais de 5\.000 entradas/);
    const big = join(dir, 'muitos');
    mkdirSync(big);
    for (let i = 0; i < 60; i++) writeFileSync(join(big, `n${i}.txt`), '');
    expectUsage(tiss(['validate', big], { env: { TISS_TEST_MAX_ENTRIES: '50' } }), /A pasta .* percorre mais de 50 entradas/);
  });

  it('--max-size reports the real size, also for a file the workers skip (before: "tem 1,0 KB")', () => {
    for (const jobs of ['1', '2']) {
      const r = tiss(['validate', '-f', 'json', '--jobs', jobs, '--max-size', '1KB', lote, join(VALID, 'cancela-guia.xml')]);
      const f = JSON.parse(r.stdout).files[0].findings[0];
      expect(f.code).toBe('TISS-INPUT-TOO-LARGE');
      expect(f.message).toMatch(/O arquivo tem 6,\d KB, acima do limite de 1,0 KB/);
    }
  });
});

describe('names and paths', () => {
  it('a Latin-1 file name is read, given directly or inside a folder (before: "arquivo não encontrado")', () => {
    const sub = join(dir, 'latin1');
    mkdirSync(sub);
    const name = Buffer.concat([Buffer.from(`${sub}/lote-mar`), Buffer.from([0xe7]), Buffer.from('o.xml')]);
    copyFileSync(lote, name);
    const direct = spawnSync('bash', ['-c', `node bin/tiss.js validate -f summary "$(printf '${sub}/lote-mar\\xe7o.xml')"`], { cwd: ROOT, encoding: 'utf8' });
    expect(direct.status, direct.stdout + direct.stderr).toBe(0);
    expect(direct.stdout).toContain('lote-março.xml');
    const walked = tiss(['validate', '-f', 'summary', sub]);
    expect(walked.status, walked.stdout).toBe(0);
    expect(walked.stdout).toMatch(/VALIDO .*lote-março\.xml/);
  });

  it('a symlink loop and a name too long are explained in Portuguese', () => {
    symlinkSync(join(dir, 'loop-b'), join(dir, 'loop-a'));
    symlinkSync(join(dir, 'loop-a'), join(dir, 'loop-b'));
    const loop = tiss(['validate', join(dir, 'loop-a')]);
    expect(loop.status).toBe(2);
    expect(loop.stdout).toMatch(/laço de links simbólicos/);
    const long = tiss(['validate', join(dir, 'x'.repeat(300))]);
    expect(long.status).toBe(2);
    expect(long.stdout).toMatch(/longo demais/);
  });

  it.skipIf(process.getuid?.() !== 0)('a folder without permission (run as another user): its reason, exit 2, the rest checked', () => {
    const top = join(dir, 'perm');
    mkdirSync(join(top, 'fechada'), { recursive: true });
    copyFileSync(lote, join(top, 'a.xml'));
    copyFileSync(lote, join(top, 'fechada', 'b.xml'));
    chmodSync(dir, 0o755);
    chmodSync(top, 0o755);
    chmodSync(join(top, 'a.xml'), 0o644);
    chmodSync(join(top, 'fechada'), 0o700);
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'tiss.js'), 'validate', '-f', 'summary', top], { encoding: 'utf8', uid: 65534, gid: 65534, env: { ...process.env, NO_COLOR: '1', HOME: '/tmp', TISS_SCHEMAS_DIR: SHARED_SCHEMAS } });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stdout).toMatch(/VALIDO .*a\.xml/);
    expect(r.stdout).toMatch(/ILEGIVEL.*fechada.*sem permissão/);
    expect(r.stderr).not.toMatch(NO_STACK);
  });
});

describe('numeric options are checked (before: --jobs abc validated nothing and exited 0)', () => {
  it.each([['--jobs', 'abc'], ['--jobs', '0'], ['--jobs', '-1'], ['--jobs', '1.5'], ['--max-warnings', 'abc'], ['--max-warnings', '-3'], ['--max-memory', 'muito'], ['--max-size', 'grande']])('validate %s %s', (opt, value) => {
    expectUsage(tiss(['validate', `${opt}=${value}`, lote]), new RegExp(opt));
  });

  it('report checks them too; --jobs above 4 × the cores is lowered, with a note', () => {
    expectUsage(tiss(['report', '--jobs', 'abc', lote]), /--jobs precisa de um número inteiro/);
    const r = tiss(['validate', '--jobs', '500', lote]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/--jobs 500 reduzido para \d+/);
  });
});

describe('standard output closed or full', () => {
  it('a closed pipe ends quietly (before: a Node stack trace and exit 1)', () => {
    const r = sh(`set -o pipefail; node bin/tiss.js validate -f json samples/valid samples/invalid | head -c 100 > /dev/null; echo "exit=\${PIPESTATUS[0]}" >&2`);
    expect(r.stderr).toMatch(/exit=141/);
    expect(r.stderr).not.toMatch(/Error|at /);
  });

  it('a full disk is exit 2 with a message; generate --stdout does not claim success (before: "Mensagem gerada")', () => {
    const v = sh('node bin/tiss.js validate samples/valid > /dev/full');
    expect(v.status).toBe(2);
    expect(v.stderr).toMatch(/disco cheio/);
    expect(v.stderr).not.toMatch(NO_STACK);
    const g = sh(`node bin/tiss.js generate ${json} --stdout > /dev/full`);
    expect(g.status).toBe(2);
    expect(g.stderr).toMatch(/disco cheio/);
    expect(g.stderr).not.toMatch(/Mensagem gerada/);
  });
});

describe('usage and I/O errors say what is wrong (before: "erro interno… relate o problema")', () => {
  it('generate and hash option conflicts', () => {
    expectUsage(tiss(['generate', json]), /Diga onde gravar/);
    expectUsage(tiss(['generate', json, '-o', join(dir, 'a.xml'), '--stdout']), /só um entre -o, --stdout e --dry-run/);
    expectUsage(tiss(['hash', '--fix', '--write', lote, '-o', join(dir, 'g.xml')]), /--write .* ou -o/);
  });

  it('hash --fix on UTF-16: the reason, not an internal error', () => {
    const u16 = join(dir, 'u16.xml');
    const text = readFileSync(lote, 'latin1').replace('ISO-8859-1', 'UTF-16').replace(/<ans:hash>[^<]*/, '<ans:hash>0');
    writeFileSync(u16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const r = tiss(['hash', '--fix', '--write', u16]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/não foi alterado: o arquivo está em UTF-16/);
    expect(r.stderr).not.toMatch(NO_STACK);
  });

  it('an invalid config: Portuguese, with line and column (before: English JSON.parse text)', () => {
    const cfg = join(dir, 'ruim.json');
    writeFileSync(cfg, '{\n  "profiles": {\n    "x": { "registroANS": ["346659"], }\n  }\n}\n');
    expectUsage(tiss(['validate', '-c', cfg, lote]), /ruim\.json:3:\d+: a configuração não é JSON válido \(linha 3, coluna \d+\): esperava o nome de um campo/);
  });

  it('a UTF-16 JSON input is called UTF-16 (before: "parece ISO-8859-1")', () => {
    const u16 = join(dir, 'entrada16.json');
    writeFileSync(u16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(readFileSync(json, 'utf8'), 'utf16le')]));
    expectUsage(tiss(['generate', u16, '--dry-run']), /está em UTF-16/);
  });
});

describe('profile patterns run in linear time', () => {
  it('a catastrophic pattern finishes at once on a hostile value (JavaScript regex: minutes)', () => {
    const cfg = join(dir, 'redos.json');
    writeFileSync(cfg, JSON.stringify({ defaults: { fields: { observacao: { pattern: '(a+)+b' } } } }));
    const file = join(dir, 'redos.xml');
    writeFileSync(file, Buffer.from(readFileSync(lote, 'latin1').replace(/<ans:observacao>[^<]*</, `<ans:observacao>${'a'.repeat(40)}!<`), 'latin1'));
    const started = Date.now();
    const r = tiss(['validate', '-f', 'json', '-c', cfg, file]);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(JSON.parse(r.stdout).files[0].findings.map((f: { code: string }) => f.code)).toContain('TISS-PERFIL-CAMPO');
  });

  it('lookaround and backreferences are refused when the config is loaded', () => {
    const cfg = join(dir, 'look.json');
    writeFileSync(cfg, JSON.stringify({ defaults: { fields: { senha: { pattern: '(?=SEN)\\w+' } } } }));
    expectUsage(tiss(['validate', '-c', cfg, lote]), /recurso não permitido \(lookahead/);
  });
});
