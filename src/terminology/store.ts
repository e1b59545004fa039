import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { TissError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { readFileBounded } from '../io/bounded-read.js';
import { describeIoError } from '../io/errors.js';
import { dateBR } from '../locale/pt-br.js';
import { readZipMember, type ZipEntry } from '../io/zip-file.js';
import { defaultStoreDir } from '../schemas/store.js';
import { plain, readCsv, readJson, readXlsx, releaseIn, SourceError, type ReadTable } from './readers.js';
import { TussTable, type TussRelease, type TussRow } from './tuss22.js';

/**
 * The installed terminology tables: `<data>/tiss/tabelas/<table>/<AAAAMM>.json`, beside the schema store
 * (`$TISS_HOME/tabelas` when TISS_HOME is set). Installed by `tiss tabelas install --from`, from the
 * official XLSX, the official ZIP, the ANS CSV or the JSON extraction; nothing is downloaded. Several
 * releases may be installed; lookups use the newest by default and tell what the others know.
 */

export const TUSS22_NAME = 'Procedimentos e eventos em saúde';

export const TABELAS_INSTALL_HINT =
  'Instale a Tabela 22 (TUSS) a partir do pacote da ANS, como baixado: ' +
  'tiss tabelas install --from Padrao_TISS_Representacao_de_Conceitos_em_Saude_AAAAMM.zip ' +
  '(também aceita a planilha “TUSS 22 - PROCEDIMENTOS E EVENTOS EM SAÚDE - VERSÃO AAAAMM.xlsx”, o CSV de dados abertos da ANS ou uma pasta com eles).';

/** Default: `$TISS_HOME/tabelas`, or `$XDG_DATA_HOME/tiss/tabelas`, or `~/.local/share/tiss/tabelas`. */
export function defaultTabelasDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return join(dirname(defaultStoreDir(env)), 'tabelas');
}

/** What `tiss tabelas list` shows of one installed release (the file's header). */
export interface InstalledRelease {
  table: number;
  release: string;
  /** Rows read from the source (a code listed twice counts twice). */
  rows: number;
  /** Distinct codes. */
  codes: number;
  source: { file: string; form: SourceForm; sha256: string; member?: string };
  installedAt: string;
  /** Where the release was known from: the sheet, the file name, the JSON or --release. */
  releaseFrom: 'planilha' | 'nome do arquivo' | 'conteúdo' | '--release';
  badDates: number;
  path: string;
}

type SourceForm = 'xlsx' | 'zip' | 'csv' | 'json';

/** The installed file: a header, then rows as `[code, term, start, end, implantationEnd]` (compact). */
interface StoredFile extends Omit<InstalledRelease, 'path'> {
  format: 1;
  name: string;
  data: [string, string, string | null, string | null, string | null][];
}

const MAX_SOURCE = 64 * 1024 * 1024;
const MAX_ENTRIES = 5_000;

export interface InstallOptions {
  storeDir?: string;
  /** AAAAMM, for a source that does not say its release (the 2020 CSV). */
  release?: string;
  /** For tests: the install date. */
  now?: Date;
}

interface Prepared {
  file: StoredFile;
  label: string;
}

/**
 * Reads Tabela 22 from `from` (an XLSX, the ANS ZIP, a CSV, a JSON, or a folder holding them) and
 * installs each release found. Everything is read and checked first; a problem in any source is a
 * TissError and nothing is written. Each release file is written atomically.
 */
export function installTabelas(from: string, options: InstallOptions = {}): InstalledRelease[] {
  const storeDir = options.storeDir ?? defaultTabelasDir();
  if (options.release !== undefined && !/^(19|20)\d\d(0[1-9]|1[0-2])$/.test(options.release)) {
    throw new TissError(`--release inválida: “${options.release}”. Use AAAAMM (ex.: 202511).`);
  }
  const source = resolve(from);
  let st;
  try {
    st = statSync(source);
  } catch (e) {
    throw new TissError(`Origem da tabela não encontrada: ${source} (${describeIoError(e)}).`, TABELAS_INSTALL_HINT);
  }
  if (!st.isDirectory() && !st.isFile()) throw new TissError(`${source} não é um arquivo comum nem uma pasta.`, TABELAS_INSTALL_HINT);
  const files = st.isDirectory() ? candidatesIn(source) : [source];
  if (files.length === 0) throw new TissError(`Nenhum arquivo da Tabela 22 (.xlsx, .zip, .csv ou .json) em ${source}.`, TABELAS_INSTALL_HINT);
  const now = (options.now ?? new Date()).toISOString();
  const prepared = files.map((f) => prepare(f, options.release, now));
  const undated = prepared.filter((p) => p.file.releaseFrom === '--release');
  if (undated.length > 1) throw new TissError(`--release vale para um arquivo só, mas ${undated.length} arquivos não dizem a sua release: ${undated.map((p) => p.label).join(', ')}.`, 'Instale-os um a um, cada um com a sua --release.');
  const seen = new Map<string, string>();
  for (const p of prepared) {
    const other = seen.get(p.file.release);
    if (other) throw new TissError(`Dois arquivos com a mesma release ${p.file.release}: ${other} e ${p.label}. Nada foi instalado.`, 'Instale um só arquivo por release.');
    seen.set(p.file.release, p.label);
  }
  const dir = join(storeDir, '22');
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new TissError(`Não foi possível criar ${dir}: ${describeIoError(e, 'write')}.`);
  }
  return prepared.map(({ file }) => {
    const path = join(dir, `${file.release}.json`);
    writeFileAtomic(path, Buffer.from(JSON.stringify(file)));
    loadedTables.clear();
    return header(file, path);
  });
}

/** The Tabela 22 sources in a folder (not recursive beyond 2 levels). */
function candidatesIn(dir: string, depth = 0, seen = { n: 0 }): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (++seen.n > MAX_ENTRIES) throw new TissError(`${dir}: pasta grande demais; indique o arquivo da Tabela 22.`);
    const path = join(dir, e.name);
    if (e.isDirectory() && depth < 2) out.push(...candidatesIn(path, depth + 1, seen));
    else if (e.isFile() && /\.(xlsx|zip|csv|json)$/i.test(e.name)) out.push(path);
  }
  return out;
}

function formOf(bytes: Uint8Array, path: string): SourceForm {
  const ext = extname(path).toLowerCase();
  const zip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (ext === '.xlsx' || (zip && ext !== '.zip' && ext !== '.csv' && ext !== '.json')) return 'xlsx';
  if (ext === '.zip') return 'zip';
  if (ext === '.json') return 'json';
  if (ext === '.csv') return 'csv';
  throw new TissError(`${path}: formato não reconhecido (esperado .xlsx, .zip, .csv ou .json).`, TABELAS_INSTALL_HINT);
}

/** The Tabela 22 member of the ANS ZIP: "TUSS 22 - … .xlsx" (or a CSV of Tabela 22), by name. */
function tabela22Member(entries: ZipEntry[]): ZipEntry | null {
  const named = (e: ZipEntry): string => plain(basename(e.name.replace(/\\/g, '/')));
  return (
    entries.find((e) => /^tuss\s*22(?!\d).*\.xlsx$/.test(named(e))) ??
    entries.find((e) => /^(tuss|tabela)[\s_-]*22(?!\d).*\.(xlsx|csv)$/.test(named(e))) ??
    null
  );
}

function prepare(path: string, release: string | undefined, installedAt: string): Prepared {
  const label = path;
  const fail = (message: string, hint?: string): never => {
    throw new TissError(`${label}: ${message}. Nada foi instalado.`, hint);
  };
  let bytes: Uint8Array;
  let sha256: string;
  let member: string | undefined;
  let form: SourceForm;
  let read: ReadTable;
  let nameForRelease = basename(path);
  const ext = extname(path).toLowerCase();
  try {
    if (ext === '.zip') {
      form = 'zip';
      sha256 = sha256File(path);
      let got;
      try {
        got = readZipMember(path, tabela22Member, MAX_SOURCE);
      } catch (e) {
        return fail(`ZIP ilegível ou corrompido (${(e as Error).message})`, 'Baixe o pacote da ANS de novo.');
      }
      if (!got) return fail('o ZIP não tem a planilha da Tabela 22 (“TUSS 22 - PROCEDIMENTOS E EVENTOS EM SAÚDE - VERSÃO AAAAMM.xlsx”)', TABELAS_INSTALL_HINT);
      member = got.entry.name;
      bytes = got.bytes;
      nameForRelease = basename(member.replace(/\\/g, '/'));
      read = /\.csv$/i.test(member) ? readCsv(bytes) : readXlsx(bytes);
    } else {
      const r = readFileBounded(path, MAX_SOURCE);
      if (r.kind === 'too-large') return fail(`arquivo grande demais (mais de ${MAX_SOURCE / 1024 / 1024} MB)`);
      if (r.kind === 'not-regular') return fail(`não é um arquivo comum (é ${r.what})`);
      if (r.kind === 'error') return fail(describeIoError(r.error));
      bytes = r.bytes;
      sha256 = createHash('sha256').update(bytes).digest('hex');
      form = formOf(bytes, path);
      read = form === 'xlsx' ? readXlsx(bytes) : form === 'csv' ? readCsv(bytes) : readJson(bytes);
    }
  } catch (e) {
    if (e instanceof SourceError) return fail(e.message, TABELAS_INSTALL_HINT);
    throw e;
  }
  const fromName = releaseIn(nameForRelease) ?? (member ? releaseIn(basename(path)) : undefined);
  let chosen: string;
  let releaseFrom: InstalledRelease['releaseFrom'];
  if (read.release) {
    chosen = read.release;
    releaseFrom = form === 'json' ? 'conteúdo' : 'planilha';
  } else if (fromName) {
    chosen = fromName;
    releaseFrom = 'nome do arquivo';
  } else if (release) {
    chosen = release;
    releaseFrom = '--release';
  } else {
    const latest = read.rows.reduce((m, r) => (r.startDate && r.startDate > m ? r.startDate : m), '');
    return fail(
      `a release (AAAAMM) não consta do nome do arquivo nem do conteúdo${latest ? `; o início de vigência mais recente no arquivo é ${dateBR(latest)}, então a release é de ${latest.slice(0, 4)}${latest.slice(5, 7)} ou posterior` : ''}`,
      'Indique-a com --release AAAAMM (o mês da publicação da ANS, ex.: --release 202007).',
    );
  }
  if (release && releaseFrom !== '--release' && release !== chosen) {
    fail(`a ${releaseFrom} diz release ${chosen}, mas --release diz ${release}`, 'Confira o arquivo ou omita --release.');
  }
  const distinct = new Set(read.rows.map((r) => r.code)).size;
  const file: StoredFile = {
    format: 1,
    table: 22,
    name: TUSS22_NAME,
    release: chosen,
    rows: read.rows.length,
    codes: distinct,
    source: { file: basename(path), form, sha256, ...(member ? { member } : {}) },
    installedAt,
    releaseFrom,
    badDates: read.badDates.length,
    data: read.rows.map((r) => [r.code, r.term, r.startDate, r.endDate, r.implantationEndDate]),
  };
  return { file, label };
}

function sha256File(path: string): string {
  // The ANS ZIP is hundreds of MB: hashed in chunks, never held whole.
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      hash.update(buf.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

function header(f: StoredFile, path: string): InstalledRelease {
  const { table, release, rows, codes, source, installedAt, releaseFrom, badDates } = f;
  return { table, release, rows, codes, source, installedAt, releaseFrom, badDates, path };
}

function readStored(path: string): StoredFile {
  let f: StoredFile;
  try {
    f = JSON.parse(readFileSync(path, 'utf8')) as StoredFile;
  } catch (e) {
    throw new TissError(`Tabela instalada ilegível: ${path} (${e instanceof SyntaxError ? 'JSON inválido' : describeIoError(e)}).`, `Reinstale-a: ${TABELAS_INSTALL_HINT}`);
  }
  if (f?.format !== 1 || !Array.isArray(f.data) || typeof f.release !== 'string') {
    throw new TissError(`Tabela instalada em formato desconhecido: ${path}.`, `Reinstale-a: ${TABELAS_INSTALL_HINT}`);
  }
  return f;
}

/** Release files of a table, newest first (names AAAAMM.json). */
function releaseFiles(storeDir: string, table: number): string[] {
  let names: string[];
  try {
    names = readdirSync(join(storeDir, String(table)));
  } catch {
    return [];
  }
  return names.filter((n) => /^\d{6}\.json$/.test(n)).sort().reverse().map((n) => join(storeDir, String(table), n));
}

/** Every installed release (of Tabela 22, the only one installable for now), newest first. */
export function listTabelas(storeDir: string = defaultTabelasDir()): InstalledRelease[] {
  return releaseFiles(storeDir, 22).map((p) => header(readStored(p), p));
}

const loadedTables = new Map<string, TussTable | null>();

/**
 * Tabela 22 as installed under `storeDir` (all releases, newest the default), read once per process
 * (per worker thread); null when none is installed.
 */
export function loadTuss22(storeDir: string = defaultTabelasDir()): TussTable | null {
  if (loadedTables.has(storeDir)) return loadedTables.get(storeDir)!;
  const files = releaseFiles(storeDir, 22);
  const table = files.length
    ? new TussTable(
        files.map((p): TussRelease => {
          const f = readStored(p);
          const rows = f.data.map(([code, term, startDate, endDate, implantationEndDate]): TussRow => ({ code, term, startDate, endDate, implantationEndDate }));
          return { table: 22, release: f.release, rows };
        }),
      )
    : null;
  loadedTables.set(storeDir, table);
  return table;
}

/** Like loadTuss22, but a TissError (exit 2, with how to install) when Tabela 22 is not installed. */
export function requireTuss22(storeDir: string = defaultTabelasDir()): TussTable {
  const t = loadTuss22(storeDir);
  if (!t) throw new TissError(`A Tabela 22 (TUSS, ${TUSS22_NAME.toLowerCase()}) não está instalada em ${storeDir}.`, TABELAS_INSTALL_HINT);
  return t;
}
