import { readdir, readdirSync, statSync, type Dirent, type Stats } from 'node:fs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { glob } from 'tinyglobby';
import { TissError } from '../errors.js';
import { readFileBounded, readStreamBounded } from '../io/bounded-read.js';
import { describeIoError } from '../io/errors.js';
import { DEFAULT_MAX_SIZE } from '../xml/read.js';
import { formatInteger, formatSize } from '../locale/pt-br.js';

/** yargs drops a bare `-`; main() turns it into this token before parsing. */
export const STDIN = '<stdin>';

/**
 * How far an expansion may go (issue 9, item 11): a glob rooted at `/**` or a folder of the whole disk
 * stops with a clear error instead of growing without bound. An operadora's day is thousands of lotes.
 */
export const MAX_INPUTS = 1_000_000;
// Test seam (test/cli-robustness.test.ts): a smaller walk limit, to prove the limit without walking 2 million entries.
export const MAX_ENTRIES_VISITED = Number(process.env.TISS_TEST_MAX_ENTRIES) > 0 ? Number(process.env.TISS_TEST_MAX_ENTRIES) : 2_000_000;

/**
 * Expands the command line's inputs, in the order given: files as they are, folders recursively
 * (their `.xml` files, sorted), globs (`lotes/**\/*.xml`), and `-` for standard input.
 */
export interface ExpandedInputs {
  files: string[];
  /** Files inside the given folders that are not .xml (skipped). */
  skipped: string[];
  /** Folders inside the given ones that could not be read (no permission, link loop…), with the reason. */
  unreadable: { file: string; reason: string }[];
  /**
   * Files whose name is not UTF-8 (a Latin-1 `março.xml` from an old system): shown by their Latin-1
   * reading, opened by their raw bytes.
   */
  rawPaths: Map<string, Buffer>;
}

export async function expandInputs(args: string[]): Promise<ExpandedInputs> {
  const files: string[] = [];
  const skipped: string[] = [];
  const unreadable: { file: string; reason: string }[] = [];
  const rawPaths = new Map<string, Buffer>();
  const budget = { entries: 0 };
  const raw = rawArgs();
  const add = (list: string[]): void => {
    for (const f of list) files.push(f);
    if (files.length > MAX_INPUTS) throw tooMany();
  };
  for (const arg of args) {
    if (arg === STDIN) {
      files.push(STDIN);
      continue;
    }
    const bytes = arg.includes('\uFFFD') ? rawArgFor(arg, raw) : undefined;
    if (bytes && !isUtf8(bytes)) {
      const name = bytes.toString('latin1');
      rawPaths.set(name, bytes);
      files.push(name);
      continue;
    }
    const st = statOrError(arg);
    if (st instanceof Error) {
      if (/[*?[\]{}]/.test(arg)) {
        const found = (await boundedGlob(arg, budget)).sort();
        if (found.length === 0) throw new TissError(`Nenhum arquivo corresponde a ${arg}.`);
        add(found);
      } else files.push(arg); // reported as unreadable, with the reason, when read
    } else if (st.isDirectory()) {
      const found: string[] = [];
      walkXml(arg, { files: found, skipped, unreadable, rawPaths, budget, top: true });
      if (found.length === 0 && unreadable.length === 0) throw new TissError(`Nenhum arquivo .xml na pasta ${arg}.`);
      add(found);
    } else {
      files.push(arg);
    }
  }
  return { files: [...new Set(files)], skipped, unreadable, rawPaths };
}

function tooMany(): TissError {
  return new TissError(`Entradas demais: mais de ${formatInteger(MAX_INPUTS)} arquivos.`, 'Divida o trabalho em pastas menores (por dia, por operadora) ou restrinja o padrão (ex.: recebidos/2026-11/*.xml).');
}

function tooWide(what: string): TissError {
  return new TissError(`${what} percorre mais de ${formatInteger(MAX_ENTRIES_VISITED)} entradas do disco; a expansão foi interrompida.`, 'Restrinja o padrão ou a pasta (ex.: recebidos/2026-11/**/*.xml em vez de /**/*.xml).');
}

/** A glob whose directory walk stops past MAX_ENTRIES_VISITED (counted in the readdir calls it makes). */
async function boundedGlob(pattern: string, budget: { entries: number }): Promise<string[]> {
  const controller = new AbortController();
  let over = false;
  const counting = ((path: string, options: { withFileTypes: true }, cb: (err: NodeJS.ErrnoException | null, entries: Dirent[]) => void) =>
    readdir(path, options, (err, entries) => {
      budget.entries += entries?.length ?? 0;
      if (budget.entries > MAX_ENTRIES_VISITED && !over) {
        over = true;
        controller.abort();
      }
      cb(err, over ? [] : entries);
    })) as unknown as typeof readdir;
  const found = await glob(pattern, { onlyFiles: true, dot: false, expandDirectories: false, signal: controller.signal, fs: { readdir: counting } });
  if (over) throw tooWide(`O padrão ${pattern}`);
  return found;
}

interface Walk {
  files: string[];
  skipped: string[];
  unreadable: { file: string; reason: string }[];
  rawPaths: Map<string, Buffer>;
  budget: { entries: number };
  top: boolean;
}

function walkXml(dir: string, w: Walk): void {
  let entries: Dirent<Buffer>[];
  try {
    entries = readdirSync(dir, { withFileTypes: true, encoding: 'buffer' });
  } catch (e) {
    if (w.top) throw new TissError(`Não foi possível ler a pasta ${dir}: ${describeIoError(e)}.`);
    w.unreadable.push({ file: dir, reason: `pasta ilegível: ${describeIoError(e)}` });
    return;
  }
  w.budget.entries += entries.length;
  if (w.budget.entries > MAX_ENTRIES_VISITED) throw tooWide(`A pasta ${dir}`);
  const named = entries.map((e) => ({ e, utf8: isUtf8(e.name), name: isUtf8(e.name) ? e.name.toString('utf8') : e.name.toString('latin1') }));
  named.sort((a, b) => a.name.localeCompare(b.name));
  for (const { e, utf8, name } of named) {
    const path = join(dir, name);
    const rawPath = utf8 ? null : Buffer.concat([Buffer.from(`${dir}/`), e.name]);
    // Symbolic links to files are followed; links to folders are not (no loops).
    const target = e.isSymbolicLink() ? statOrError(rawPath ?? path) : null;
    const isFile = e.isFile() || (target !== null && !(target instanceof Error) && target.isFile());
    if (e.isDirectory()) {
      if (rawPath) w.unreadable.push({ file: path, reason: 'pasta com nome que não é UTF-8: renomeie-a' });
      else walkXml(path, { ...w, top: false });
    } else if (isFile && /\.xml$/i.test(name)) {
      w.files.push(path);
      if (rawPath) w.rawPaths.set(path, rawPath);
      if (w.files.length > MAX_INPUTS) throw tooMany();
    } else if (isFile) w.skipped.push(path);
  }
}

function statOrError(path: string | Buffer): Stats | Error {
  try {
    return statSync(path);
  } catch (e) {
    return e as Error;
  }
}

function isUtf8(b: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

/**
 * The command-line arguments as raw bytes (Linux: /proc/self/cmdline), to open a file whose name is not
 * UTF-8: Node decodes argv as UTF-8 and replaces such bytes with U+FFFD, so the name it gives is not
 * the file's. Indexed like `hideBin(process.argv)`; null where the system does not tell.
 */
let rawArgsCache: Buffer[] | null | undefined;
function rawArgs(): Buffer[] | null {
  if (rawArgsCache !== undefined) return rawArgsCache;
  try {
    const all = readFileSync('/proc/self/cmdline');
    const parts: Buffer[] = [];
    let start = 0;
    for (let i = 0; i < all.length; i++) {
      if (all[i] === 0) {
        parts.push(all.subarray(start, i));
        start = i + 1;
      }
    }
    const count = process.argv.length - 2;
    rawArgsCache = parts.length >= count ? parts.slice(parts.length - count) : null;
  } catch {
    rawArgsCache = null;
  }
  return rawArgsCache;
}

/** The raw bytes of the argument Node decoded as `arg` (invalid UTF-8 replaced by U+FFFD). */
function rawArgFor(arg: string, raw: Buffer[] | null): Buffer | undefined {
  return raw?.find((b) => b.toString('utf8') === arg && !isUtf8(b));
}

/** Standard input, bounded by the size limit (never read whole when it never ends: `yes | tiss …`). */
export async function readStdin(maxSize = DEFAULT_MAX_SIZE): Promise<Buffer> {
  const r = await readStreamBounded(process.stdin, maxSize);
  if (r.kind === 'too-large') throw new TissError(`A entrada padrão tem mais que ${formatSize(maxSize)} (--max-size); a leitura foi interrompida.`, 'Confira o que está sendo enviado pelo pipe, ou aumente --max-size.');
  return r.bytes;
}

/** What was read from one input, with the file's stat (from the same descriptor) when it is a file. */
export interface InputFile {
  bytes: Buffer;
  stat: Stats | null;
}

/**
 * The bytes of one input named on the command line (a file, or `-` for standard input), counted as they
 * are read. A file that cannot be read, that is not a regular file (a FIFO or a device would hang or never
 * end), or that is larger than `maxSize` is a TissError (exit 2). A name that is not UTF-8 is opened by
 * its raw bytes.
 */
export async function readInputFile(name: string, maxSize = DEFAULT_MAX_SIZE): Promise<InputFile> {
  if (name === STDIN) return { bytes: await readStdin(maxSize), stat: null };
  const raw = name.includes('\uFFFD') ? rawArgFor(name, rawArgs()) : undefined;
  const r = readFileBounded(raw ?? name, maxSize);
  switch (r.kind) {
    case 'ok':
      return { bytes: r.bytes, stat: r.stat };
    case 'too-large':
      throw new TissError(`${name}: a entrada tem ${formatSize(r.size)}, mais que ${formatSize(maxSize)} (--max-size).`);
    case 'not-regular':
      throw new TissError(`Não foi possível ler ${name}: é ${r.what}, não um arquivo comum.`, 'Para ler de um pipe, use "-" (a entrada padrão).');
    case 'error':
      throw new TissError(`Não foi possível ler ${name}: ${describeIoError(r.error)}`);
  }
}

/** The bytes of one input (see readInputFile). */
export async function readInput(name: string, maxSize = DEFAULT_MAX_SIZE): Promise<Buffer> {
  return (await readInputFile(name, maxSize)).bytes;
}
