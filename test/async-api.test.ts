import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createValidator, sharedValidator, validateAsync, validateFiles, validateFilesIter } from '../src/batch/validator.js';
import { TissError } from '../src/errors.js';
import { validate, type ValidationResult } from '../src/validate/index.js';
import { INVALID, ROOT, VALID, xmlFiles, tempDir } from './helpers.js';

/** The library's async API (issue 13): validate() in the workers of `tiss validate`, same results. */

/** A result without its timing (the one field that differs between two runs). */
const same = (r: ValidationResult): Omit<ValidationResult, 'elapsedMs'> => {
  const { elapsedMs: _, ...rest } = r;
  return rest;
};

const SAMPLES = [...xmlFiles(VALID).map((f) => join(VALID, f)), ...['xsd-data.xml', 'hash-utf8.xml', 'xml-truncado.xml', 'enc-utf16.xml', 'input-vazio.xml', 'msg-versao-3.05.xml'].map((f) => join(INVALID, f))];

describe('validateFiles and validateAsync give validate()’s results', () => {
  const v = createValidator({ jobs: 2 });
  afterAll(() => v.close());

  it('validateFiles, jobs 2: every valid and invalid sample, in input order, each equal to validate(); an unreadable path and a folder are results with TISS-INPUT-UNREADABLE', async () => {
    const paths = [...SAMPLES];
    paths.splice(3, 0, join(ROOT, 'nao-existe.xml'));
    paths.splice(7, 0, VALID);
    const results = await v.validateFiles(paths);
    expect(results.map((r) => r.file)).toEqual(paths);
    for (const [i, path] of paths.entries()) {
      if (i === 3 || i === 7) continue;
      expect(same(results[i]!), path).toEqual(same(validate(readFileSync(path), { file: path })));
    }
    expect(results.filter((r) => r.valid).length).toBe(xmlFiles(VALID).length);
    expect(results[3]).toMatchObject({ valid: false, status: 'invalid', counts: { error: 1, warning: 0, info: 0 } });
    expect(results[3]!.findings.map((f) => [f.code, f.message, f.data])).toEqual([['TISS-INPUT-UNREADABLE', 'Não foi possível ler o arquivo: arquivo não encontrado.', { reason: 'arquivo não encontrado' }]]);
    expect(results[7]!.findings.map((f) => f.code)).toEqual(['TISS-INPUT-UNREADABLE']);
    expect(results[7]!.findings[0]!.message).toMatch(/^Não foi possível ler o arquivo: é uma pasta/);
  });

  it('validateAsync: bytes or text, with validate()’s options, equal to validate()', async () => {
    for (const path of [join(VALID, 'lote-consulta.xml'), join(INVALID, 'xsd-data.xml'), join(INVALID, 'hash-utf8.xml')]) {
      const bytes = readFileSync(path);
      expect(same(await v.validateAsync(bytes, { file: 'a.xml' }))).toEqual(same(validate(bytes, { file: 'a.xml' })));
      const options = { hashEncoding: 'utf-8', schemaVersion: '4.03.00', engine: 'libxml2', rules: { 'TISS-R-CNS-DV': 'off' }, today: '2025-01-31' } as const;
      expect(same(await v.validateAsync(bytes, options))).toEqual(same(validate(bytes, options)));
    }
    const text = readFileSync(join(VALID, 'lote-consulta.xml'), 'latin1');
    const fromText = await v.validateAsync(text);
    expect(same(fromText)).toEqual(same(validate(text)));
    expect(fromText).toMatchObject({ file: '<entrada>', valid: true });
    // A view into a larger buffer: only its bytes are the message.
    const inside = Buffer.concat([Buffer.from('lixo antes'), readFileSync(join(VALID, 'lote-consulta.xml')), Buffer.from('lixo depois')]);
    const view = inside.subarray(10, inside.length - 11);
    expect(same(await v.validateAsync(view))).toEqual(same(validate(view)));
  });

  it('a setup error (no schemas there) rejects with the TissError validate() throws, message and hint', async () => {
    const empty = tempDir('tiss-async-');
    const bytes = readFileSync(join(VALID, 'lote-consulta.xml'));
    let thrown: TissError | undefined;
    try {
      validate(bytes, { schemas: empty });
    } catch (e) {
      thrown = e as TissError;
    }
    expect(thrown).toBeInstanceOf(TissError);
    const asyncError = await v.validateAsync(bytes, { schemas: empty }).catch((e: unknown) => e);
    expect(asyncError).toBeInstanceOf(TissError);
    expect(asyncError).toMatchObject({ message: thrown!.message, hint: thrown!.hint });
    const filesError = await v.validateFiles([join(VALID, 'lote-consulta.xml'), join(VALID, 'lote-honorarios.xml')], { schemas: empty }).catch((e: unknown) => e);
    expect(filesError).toBeInstanceOf(TissError);
    expect((filesError as TissError).message).toBe(thrown!.message);
    await expect(validateAsync(bytes, { jobs: 0 })).rejects.toThrow('jobs precisa ser um número inteiro a partir de 1 (recebido: 0).');
    expect(() => createValidator({ jobs: 1.5 })).toThrow(TissError);
  });

  it('validateFilesIter streams in input order; a reader that stops early stops the run; an AbortSignal rejects', async () => {
    const paths = Array.from({ length: 200 }, (_, i) => SAMPLES[i % SAMPLES.length]!);
    const seen: string[] = [];
    for await (const r of v.validateFilesIter(paths)) {
      seen.push(r.file);
      if (seen.length === 5) break;
    }
    expect(seen).toEqual(paths.slice(0, 5));
    const streamed: string[] = [];
    for await (const r of v.validateFilesIter(paths.slice(0, 40))) streamed.push(r.file);
    expect(streamed).toEqual(paths.slice(0, 40));

    const aborted = new AbortController();
    aborted.abort();
    await expect(v.validateAsync('<x/>', { signal: aborted.signal })).rejects.toMatchObject({ name: 'AbortError' });
    const later = new AbortController();
    const run = v.validateFiles(paths, { signal: later.signal });
    setTimeout(() => later.abort(), 20);
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('one pool of workers, shared and lazy', () => {
  it('concurrent and repeated calls share the workers: never more than jobs started, none before the first call', async () => {
    const v = createValidator({ jobs: 2 });
    try {
      expect([v.jobs, v.threads, v.workersStarted]).toEqual([2, 0, 0]);
      const bytes = readFileSync(join(VALID, 'lote-consulta.xml'));
      const results = await Promise.all([...Array.from({ length: 8 }, () => v.validateAsync(bytes)), v.validateFiles(SAMPLES.slice(0, 6)), v.validateFiles(SAMPLES.slice(6, 12))]);
      expect(results.slice(0, 8).every((r) => !Array.isArray(r) && r.valid)).toBe(true);
      expect(v.workersStarted).toBeGreaterThanOrEqual(1);
      expect(v.workersStarted).toBeLessThanOrEqual(2);
      expect(v.threads).toBeLessThanOrEqual(2);
      const before = v.workersStarted;
      for (let i = 0; i < 5; i++) await v.validateAsync(bytes);
      expect(v.workersStarted).toBe(before);
    } finally {
      await v.close();
    }
    expect(v.threads).toBe(0);
  });

  it('the top-level functions use the process’s validator for their jobs value', async () => {
    const shared = sharedValidator(2);
    expect(sharedValidator(2)).toBe(shared);
    const bytes = readFileSync(join(VALID, 'lote-consulta.xml'));
    await Promise.all([validateAsync(bytes, { jobs: 2 }), validateAsync(bytes, { jobs: 2 }), validateFiles(SAMPLES.slice(0, 4), { jobs: 2 })]);
    const files: string[] = [];
    for await (const r of validateFilesIter(SAMPLES.slice(0, 3), { jobs: 2 })) files.push(r.file);
    expect(files).toEqual(SAMPLES.slice(0, 3));
    expect(shared.workersStarted).toBeGreaterThanOrEqual(1);
    expect(shared.workersStarted).toBeLessThanOrEqual(2);
    await shared.close();
  });

  it('a worker that dies costs only its message (TISS-INTERNAL); the next call gets a new worker', async () => {
    process.env.TISS_TEST_WORKER_CRASH = 'derruba';
    const v = createValidator({ jobs: 1 });
    try {
      const bytes = readFileSync(join(VALID, 'lote-consulta.xml'));
      const crashed = await v.validateAsync(bytes, { file: 'derruba.xml' });
      expect(crashed.findings.map((f) => f.code)).toEqual(['TISS-INTERNAL']);
      expect(crashed.findings[0]!.message).toMatch(/caiu/);
      expect((await v.validateAsync(bytes, { file: 'ok.xml' })).valid).toBe(true);
    } finally {
      delete process.env.TISS_TEST_WORKER_CRASH;
      await v.close();
    }
  });

  it('a hung message times out alone: the call queued behind it is not charged for the wait', async () => {
    process.env.TISS_TEST_WORKER_HANG = 'trava';
    const v = createValidator({ jobs: 1 });
    try {
      const bytes = readFileSync(join(VALID, 'lote-consulta.xml'));
      const [hung, behind] = await Promise.all([v.validateAsync(bytes, { file: 'trava.xml', timeoutMs: 1500 }), v.validateAsync(bytes, { file: 'depois.xml', timeoutMs: 1500 })]);
      expect(hung.findings.map((f) => f.code)).toEqual(['TISS-INTERNAL']);
      expect(hung.findings[0]!.message).toMatch(/tempo esgotado após 2 s/);
      expect(behind).toMatchObject({ file: 'depois.xml', valid: true });
    } finally {
      delete process.env.TISS_TEST_WORKER_HANG;
      await v.close();
    }
  });

  it('a script that calls the async API and never close() exits by itself, promptly', () => {
    const dir = tempDir('tiss-async-exit-');
    const script = join(dir, 'script.mjs');
    const entry = new URL(`file://${join(ROOT, 'dist', 'index.js')}`).href;
    writeFileSync(
      script,
      `import { readFileSync } from 'node:fs';
import { validateAsync, validateFiles, createValidator } from ${JSON.stringify(entry)};
const files = await validateFiles(${JSON.stringify(SAMPLES.slice(0, 4))}, { jobs: 2 });
const one = await validateAsync(readFileSync(${JSON.stringify(join(VALID, 'lote-consulta.xml'))}));
const own = await createValidator({ jobs: 1 }).validateAsync('<x/>');
console.log(JSON.stringify([files.map((r) => r.valid), one.valid, own.valid]));
`,
    );
    const started = Date.now();
    const r = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 30_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([[true, true, true, true], true, false]);
    // The pool's idle timeout is 60 s: the exit does not wait for it.
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
