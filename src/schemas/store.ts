import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { TissError } from '../errors.js';
import { loadManifest, type SchemaVersion } from './manifest.js';
import { repaired } from './repairs.js';
import { storedContentModel } from './model-cache.js';
import { collectXsds } from './sources.js';

/** Where the ANS publishes the XSDs ("Padrão TISS — Componente de Comunicação"). */
export const ANS_TISS_PAGE = 'https://www.gov.br/ans/pt-br/assuntos/prestadores/padrao-para-troca-de-informacao-de-saude-suplementar-2013-tiss';

export const INSTALL_HINT =
  'Os XSDs oficiais vêm da ANS: baixe o pacote "Padrão TISS — Componente de Comunicação" ' +
  `(PadroTISSComunicao_AAAAMM.zip) em ${ANS_TISS_PAGE} e instale-o, como baixado, com um comando: ` +
  'tiss schemas install --from PadroTISSComunicao_AAAAMM.zip (também aceita uma pasta com os XSDs). ' +
  'Sem instalar, aponte para uma pasta com os XSDs: --schemas PASTA ou TISS_SCHEMAS_DIR=PASTA ' +
  '(uma subpasta por versão: 4.03.00/, monitoramento-1.06.00/ …).';

/** Default store: `$TISS_HOME/schemas`, or `$XDG_DATA_HOME/tiss/schemas`, or `~/.local/share/tiss/schemas`. */
export function defaultStoreDir(env: Record<string, string | undefined> = process.env): string {
  if (env.TISS_HOME) return join(resolve(env.TISS_HOME), 'schemas');
  const data = env.XDG_DATA_HOME ? resolve(env.XDG_DATA_HOME) : join(homedir(), '.local', 'share');
  return join(data, 'tiss', 'schemas');
}

export interface SchemaRoot {
  dir: string;
  /** How the folder was chosen, for messages. */
  origin: '--schemas' | 'TISS_SCHEMAS_DIR' | 'store';
}

/** Lookup order: `--schemas DIR`, then `TISS_SCHEMAS_DIR`, then the store. */
export function resolveSchemaRoot(explicit?: string, env: Record<string, string | undefined> = process.env): SchemaRoot {
  if (explicit) {
    const dir = resolve(explicit);
    if (!isDir(dir)) throw new TissError(`A pasta de esquemas indicada em --schemas não existe: ${dir}`, INSTALL_HINT);
    return { dir, origin: '--schemas' };
  }
  if (env.TISS_SCHEMAS_DIR) {
    const dir = resolve(env.TISS_SCHEMAS_DIR);
    if (!isDir(dir)) throw new TissError(`A pasta de esquemas indicada em TISS_SCHEMAS_DIR não existe: ${dir}`, INSTALL_HINT);
    return { dir, origin: 'TISS_SCHEMAS_DIR' };
  }
  return { dir: defaultStoreDir(env), origin: 'store' };
}

/** Versions of the manifest present (as a folder) under `root`. Contents are verified when loaded. */
export function installedVersions(root: SchemaRoot): SchemaVersion[] {
  return loadManifest().versions.filter((v) => isVersionInstalled(root, v));
}

/** Whether `version` is present (as a folder) under `root`. */
export function isVersionInstalled(root: SchemaRoot, version: SchemaVersion): boolean {
  return isDir(join(root.dir, version.id));
}

export interface LoadedSchemaSet {
  version: SchemaVersion;
  dir: string;
  files: Map<string, Uint8Array>;
}

const sets = new Map<string, LoadedSchemaSet>();

/** The schema set of a version, read and sha256-checked once per process. */
export function schemaSet(root: SchemaRoot, version: SchemaVersion): LoadedSchemaSet {
  const key = `${root.dir}|${version.id}`;
  let set = sets.get(key);
  if (!set) {
    set = loadSchemaSet(root, version);
    sets.set(key, set);
  }
  return set;
}

/**
 * Reads every file of `version` from `root`, checking each sha256 (after CRLF→LF) against the manifest;
 * the bytes handed on carry the in-memory repairs of repairs.ts (the files on disk stay as installed).
 */
export function loadSchemaSet(root: SchemaRoot, version: SchemaVersion): LoadedSchemaSet {
  const dir = join(root.dir, version.id);
  const files = new Map<string, Uint8Array>();
  for (const f of version.files) {
    const path = join(dir, f.name);
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch {
      throw new TissError(`Esquema ${version.id} incompleto: falta o arquivo ${path}.`, INSTALL_HINT);
    }
    const actual = sha256LF(bytes);
    if (actual !== f.sha256LF) {
      throw new TissError(
        `O arquivo ${path} não é o XSD oficial esperado para ${version.id} (sha256 ${actual} depois de CRLF→LF, esperado ${f.sha256LF}).`,
        'Reinstale os esquemas oficiais com: tiss schemas install --from <ZIP ou pasta com os XSDs da ANS>',
      );
    }
    files.set(f.name, repaired(version.id, f.name, bytes));
  }
  return { version, dir, files };
}

export interface InstallReport {
  installed: { id: string; dir: string; files: number }[];
  notFound: string[];
}

/**
 * Copies the official XSDs from `from` — a folder in any layout, or the ANS ZIP itself — into `storeDir`.
 * Files are known by name and verified by their sha256 after CRLF→LF, and written as found (CRLF stays
 * CRLF). A version counts as present when a file only it has is there; it is then installed whole, or the
 * install is refused (TissError, nothing written) on a missing file or a sha256 mismatch.
 */
export function installSchemas(from: string, storeDir: string): InstallReport {
  const source = resolve(from);
  if (!existsSync(source)) throw new TissError(`Origem dos esquemas não encontrada: ${source}`, INSTALL_HINT);
  const candidates = collectXsds(source);
  const report: InstallReport = { installed: [], notFound: [] };
  const problems: string[] = [];
  const ready: { version: SchemaVersion; files: Map<string, Uint8Array> }[] = [];
  const versions = loadManifest().versions;
  const owners = new Map<string, number>();
  for (const v of versions) for (const f of v.files) owners.set(f.name, (owners.get(f.name) ?? 0) + 1);

  for (const version of versions) {
    // Present when a file only this version has (tissV4_03_00.xsd …) is there; shared ones (the signature) do not count.
    if (!version.files.some((f) => owners.get(f.name) === 1 && candidates.has(f.name))) {
      report.notFound.push(version.id);
      continue;
    }
    const files = new Map<string, Uint8Array>();
    for (const f of version.files) {
      const found = candidates.get(f.name) ?? [];
      const match = found.find((c) => sha256LF(c.bytes) === f.sha256LF);
      if (match) files.set(f.name, match.bytes);
      else if (found.length === 0) problems.push(`${version.id}: falta o arquivo ${f.name}`);
      else problems.push(`${version.id}: ${found.map((c) => c.where).join(', ')} tem sha256 ${sha256LF(found[0]!.bytes)} (depois de CRLF→LF), mas o oficial é ${f.sha256LF}`);
    }
    if (files.size === version.files.length) ready.push({ version, files });
  }

  if (problems.length > 0) {
    throw new TissError(
      `Esquemas recusados (nada foi instalado):\n  - ${problems.join('\n  - ')}`,
      'Use a distribuição oficial da ANS (Componente de Comunicação), sem edições.',
    );
  }
  if (ready.length === 0) {
    throw new TissError(`Nenhum XSD oficial conhecido em ${source} (esperado: ${versions.map((v) => v.entries[0]!.schema).join(', ')} …).`, INSTALL_HINT);
  }

  mkdirSync(storeDir, { recursive: true });
  // Leftovers of an install that was interrupted between mkdir and rename.
  for (const name of readdirSync(storeDir)) {
    if (name.startsWith('.tmp-')) rmSync(join(storeDir, name), { recursive: true, force: true });
  }
  for (const { version, files } of ready) {
    const target = join(storeDir, version.id);
    const tmp = join(storeDir, `.tmp-${version.id}-${randomBytes(4).toString('hex')}`);
    mkdirSync(tmp);
    for (const [name, bytes] of files) writeFileSync(join(tmp, name), bytes);
    const old = `${tmp}-old`;
    if (existsSync(target)) renameSync(target, old);
    renameSync(tmp, target);
    rmSync(old, { recursive: true, force: true });
    report.installed.push({ id: version.id, dir: target, files: files.size });
  }
  // Each version's schema model, read from its XSDs once, now (model-cache.ts): what every later run loads.
  const root: SchemaRoot = { dir: storeDir, origin: 'store' };
  for (const { version } of ready) storedContentModel(root, loadSchemaSet(root, version));
  return report;
}

export interface ListedVersion {
  id: string;
  title: string;
  /** The declared versions this schema set checks (dm_versao / dm_versao_monitor). */
  accepts: string[];
  status: 'ok' | 'ausente' | 'corrompido';
  problem?: string;
}

/** Every manifest version with its state under `root` (files verified). */
export function listSchemas(root: SchemaRoot): ListedVersion[] {
  return loadManifest().versions.map((v) => {
    const base = { id: v.id, title: v.title, accepts: v.accepts };
    if (!isDir(join(root.dir, v.id))) return { ...base, status: 'ausente' };
    try {
      loadSchemaSet(root, v);
      return { ...base, status: 'ok' };
    } catch (e) {
      return { ...base, status: 'corrompido', problem: (e as Error).message };
    }
  });
}

/** sha256 of the bytes with every CRLF turned into LF: the ANS ZIP (CRLF) and git copies (LF) agree. */
export function sha256LF(bytes: Uint8Array): string {
  const hash = createHash('sha256');
  let from = 0;
  for (let i = 0; i + 1 < bytes.length; i++) {
    if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) {
      hash.update(bytes.subarray(from, i));
      from = i + 1;
    }
  }
  hash.update(bytes.subarray(from));
  return hash.digest('hex');
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
