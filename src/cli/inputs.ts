import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { glob } from 'tinyglobby';
import { TissError } from '../errors.js';
import { describeIoError } from '../io/errors.js';

/** yargs drops a bare `-`; main() turns it into this token before parsing. */
export const STDIN = '<stdin>';

/**
 * Expands the command line's inputs, in the order given: files as they are, folders recursively
 * (their `.xml` files, sorted), globs (`lotes/**\/*.xml`), and `-` for standard input.
 */
export interface ExpandedInputs {
  files: string[];
  /** Files inside the given folders that are not .xml (skipped). */
  skipped: string[];
}

export async function expandInputs(args: string[]): Promise<ExpandedInputs> {
  const files: string[] = [];
  const skipped: string[] = [];
  for (const arg of args) {
    if (arg === STDIN) {
      files.push(STDIN);
      continue;
    }
    const st = statOrNull(arg);
    if (st?.isDirectory()) {
      const found = walkXml(arg, skipped);
      if (found.length === 0) throw new TissError(`Nenhum arquivo .xml na pasta ${arg}.`);
      files.push(...found);
    } else if (st) {
      files.push(arg);
    } else if (/[*?[\]{}]/.test(arg)) {
      const found = (await glob(arg, { onlyFiles: true, dot: false, expandDirectories: false })).sort();
      if (found.length === 0) throw new TissError(`Nenhum arquivo corresponde a ${arg}.`);
      files.push(...found);
    } else {
      files.push(arg); // reported as unreadable, with the reason, when read
    }
  }
  return { files: [...new Set(files)], skipped };
}

function walkXml(dir: string, skipped: string[]): string[] {
  const out: string[] = [];
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const path = join(dir, e.name);
    // Symbolic links to files are followed; links to folders are not (no loops).
    const isFile = e.isFile() || (e.isSymbolicLink() && statOrNull(path)?.isFile() === true);
    if (e.isDirectory()) out.push(...walkXml(path, skipped));
    else if (isFile && /\.xml$/i.test(e.name)) out.push(path);
    else if (isFile) skipped.push(path);
  }
  return out;
}

function statOrNull(path: string) {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

export async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * The bytes of one input named on the command line (a file, or `-` for standard input). A file that
 * cannot be read, or one larger than `maxSize` (checked before reading), is a TissError (exit 2).
 */
export async function readInput(name: string, maxSize = Infinity): Promise<Buffer> {
  const tooLarge = (): TissError => new TissError(`${name}: a entrada tem mais que ${formatSize(maxSize)} (--max-size).`);
  let bytes: Buffer;
  try {
    if (name !== STDIN && statSync(name).size > maxSize) throw tooLarge();
    bytes = name === STDIN ? await readStdin() : readFileSync(name);
  } catch (e) {
    if (e instanceof TissError) throw e;
    throw new TissError(`Não foi possível ler ${name}: ${describeIoError(e)}`);
  }
  if (bytes.length > maxSize) throw tooLarge();
  return bytes;
}

function formatSize(n: number): string {
  return n >= 1024 ** 2 ? `${+(n / 1024 ** 2).toFixed(1)} MB` : n >= 1024 ? `${+(n / 1024).toFixed(1)} KB` : `${n} bytes`;
}
