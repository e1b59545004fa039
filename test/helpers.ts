import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll } from 'vitest';
import { tmpdir } from 'node:os';
import { REPAIRS, repaired } from '../src/schemas/repairs.js';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Finding } from '../src/findings/finding.js';
import { validate, type ValidateOptions, type ValidationResult } from '../src/validate/index.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SAMPLES = join(ROOT, 'samples');
export const VALID = join(SAMPLES, 'valid');
export const INVALID = join(SAMPLES, 'invalid');
export const SHARED = join(ROOT, '..', 'shared');
export const CORPUS = join(SHARED, 'corpus');
export const SHARED_SCHEMAS = join(SHARED, 'tiss-schemas');

const madeHere: string[] = [];

/** A fresh temporary folder (`/tmp/<prefix>XXXXXX`), removed with what it holds when the test file ends. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  madeHere.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of madeHere.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function xmlFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.xml')).sort();
}

export function validateSample(path: string, options: ValidateOptions = {}): ValidationResult {
  return validate(readFileSync(path), { file: path, ...options });
}

export function codes(result: ValidationResult): string[] {
  return result.findings.map((f) => f.code);
}

/** Runs the built CLI (`bin/tiss.js`) like a user would. */
export function tiss(args: string[], options: { input?: string | Buffer; env?: NodeJS.ProcessEnv; cwd?: string } = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [join(ROOT, 'bin', 'tiss.js'), ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    timeout: 60_000,
  });
}

export const HAS_XMLLINT = spawnSync('xmllint', ['--version']).status === 0;

/** xmllint's verdict and the lines of its schema errors for one file. */
export function xmllint(schema: string, file: string): { valid: boolean; lines: number[]; output: string } {
  const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', schema, file], { encoding: 'utf8' });
  const lines = [...r.stderr.matchAll(/^[^:\n]+:(\d+): /gm)].map((m) => Number(m[1]));
  return { valid: r.status === 0, lines, output: r.stderr };
}

/**
 * The findings that correspond to what libxml2/xmllint rejects: structure (XSD), well-formedness, and
 * bytes that do not match the declared encoding. Hash, rules and encoding policy are ours alone.
 */
export function structural(r: ValidationResult): Finding[] {
  return r.findings.filter((f) => f.source === 'xsd' || f.source === 'xml' || f.code === 'TISS-ENC-LATIN1-DECLARED-UTF8' || f.code === 'TISS-ENC-UNSUPPORTED' || f.code === 'TISS-ENC-UTF16-DECLARED-8BIT');
}

const repairedDirs = new Map<string, string>();

/**
 * The entry schema xmllint should read for a version: the official file beside us, or — for a version
 * whose published files need the in-memory repair of src/schemas/repairs.ts (Monitoramento 1.06.00) — a
 * temporary copy with that same repair, so that xmllint and tiss compare the same schema.
 */
export function xsdForXmllint(versionId: string, entry: string): string {
  const dir = join(SHARED_SCHEMAS, versionId);
  if (!REPAIRS.some((r) => r.versionId === versionId)) return join(dir, entry);
  let copy = repairedDirs.get(versionId);
  if (!copy) {
    copy = mkdtempSync(join(tmpdir(), `tiss-xsd-${versionId}-`));
    for (const name of readdirSync(dir)) writeFileSync(join(copy, name), repaired(versionId, name, readFileSync(join(dir, name))));
    repairedDirs.set(versionId, copy);
  }
  return join(copy, entry);
}

/**
 * A 4.00.00 message as a later version would carry it: `Padrao` changed, and only what that version's XSD
 * demands (tipoAtendimento 05 → 23 from 4.01.00; honorário caraterAtendimento from 4.03.00), the hash left
 * as it was (callers that care fix it). How the version samples of samples/valid were made.
 */
export function asTissVersion(text: string, version: string): string {
  let s = text.replace('<ans:Padrao>4.00.00</ans:Padrao>', `<ans:Padrao>${version}</ans:Padrao>`);
  if (version >= '4.01.00') s = s.replace(/<ans:tipoAtendimento>05<\/ans:tipoAtendimento>/g, '<ans:tipoAtendimento>23</ans:tipoAtendimento>');
  if (version >= '4.03.00') s = s.replace(/(\n( *)<ans:dataFimFaturamento>[^<]*<\/ans:dataFimFaturamento>)(\n\s*<\/ans:dadosInternacao>)/g, '$1\n$2<ans:caraterAtendimento>1</ans:caraterAtendimento>$3');
  return s;
}

/** A Monitoramento 1.02.00 message as 1.06.00 carries it (cpfBeneficiario, formasRemuneracao), as the 1.06.00 samples were made. */
export function asMonitoramento106(text: string): string {
  let s = text.replace('<ans:versaoPadrao>1.02.00</ans:versaoPadrao>', '<ans:versaoPadrao>1.06.00</ans:versaoPadrao>').replace(/(<\/?ans:)numeroCPFBeneficiario>/g, '$1cpfBeneficiario>');
  s = s
    .split(/(?=<ans:guiaMonitoramento>)/)
    .map((guia) => {
      const valor = /<ans:valorTotalInformado>([^<]*)</.exec(guia)?.[1] ?? '0.00';
      return guia.replace(/( *)<ans:formaRemuneracao>([^<]*)<\/ans:formaRemuneracao>\n/, (_m, ind: string, forma: string) => `${ind}<ans:formasRemuneracao>\n${ind}  <ans:formaRemuneracao>${forma}</ans:formaRemuneracao>\n${ind}  <ans:valorRemuneracao>${valor}</ans:valorRemuneracao>\n${ind}</ans:formasRemuneracao>\n`);
    })
    .join('');
  return s.replace(/ *<ans:formaPagamento>[^<]*<\/ans:formaPagamento>\n/g, '');
}

/**
 * A strict TypeScript consumer of the library (module nodenext, no skipLibCheck, no @types/node): what
 * test/pack.test.ts compiles in the installed package and test/library-types.test.ts against dist/.
 */
export const CONSUMER_TSCONFIG = { compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, types: [] }, files: ['consumidor.ts'] };
export const CONSUMER_TS = `import { validate, validateAsync, validateFiles, validateFilesIter, createValidator, generate, TissError, type ValidationResult, type Validator } from 'tiss';
const r: ValidationResult = validate('<x/>');
export const ok: boolean = r.valid;
const validator: Validator = createValidator({ jobs: 2 });
export const threads: number = validator.threads;
export const one: Promise<ValidationResult> = validateAsync(new Uint8Array(0), { file: 'a.xml', engine: 'compiled', timeoutMs: 1000 });
export const many: Promise<ValidationResult[]> = validateFiles(['a.xml'], { jobs: 2, schemaVersion: '4.03.00', signal: new AbortController().signal });
export async function errors(): Promise<number> {
  let n = 0;
  for await (const x of validateFilesIter(['a.xml', 'b.xml'])) n += x.counts.error;
  n += (await validator.validateFiles(['c.xml'])).length;
  await validator.close();
  return n;
}
export const xml: Uint8Array | null = generate({}).xml;
export const isSetup = (e: unknown): boolean => e instanceof TissError;
`;
