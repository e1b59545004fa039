import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { TissError } from '../errors.js';
import { loadManifest, type SchemaVersion } from './manifest.js';

export const INSTALL_HINT =
  'Instale os XSDs oficiais da ANS com: tiss schemas install --from <pasta com os XSDs> ' +
  '(no repositório do projeto: npm run schemas:ensure, que instala de ../shared/tiss-schemas).';

/** Default store: `$TISS_HOME/schemas`, or `$XDG_DATA_HOME/tiss/schemas`, or `~/.local/share/tiss/schemas`. */
export function defaultStoreDir(env: NodeJS.ProcessEnv = process.env): string {
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
export function resolveSchemaRoot(explicit?: string, env: NodeJS.ProcessEnv = process.env): SchemaRoot {
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
  return loadManifest().versions.filter((v) => isDir(join(root.dir, v.id)));
}

export interface LoadedSchemaSet {
  version: SchemaVersion;
  dir: string;
  files: Map<string, Uint8Array>;
}

/** Reads every file of `version` from `root`, checking each sha256 against the manifest. */
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
    const actual = sha256(bytes);
    if (actual !== f.sha256) {
      throw new TissError(
        `O arquivo ${path} não é o XSD oficial esperado para ${version.id} (sha256 ${actual}, esperado ${f.sha256}).`,
        'Reinstale os esquemas oficiais com: tiss schemas install --from <pasta com os XSDs da ANS>',
      );
    }
    files.set(f.name, bytes);
  }
  return { version, dir, files };
}

export interface InstallReport {
  installed: { id: string; dir: string; files: number }[];
  notFound: string[];
}

/**
 * Copies the official XSDs from `from` into `storeDir`, verifying every sha256 of the manifest.
 * `from` may hold one folder per version (the ANS distribution layout) or be a version folder itself.
 * Refuses (TissError, nothing written for that version) on a missing file or a sha256 mismatch.
 */
export function installSchemas(from: string, storeDir: string): InstallReport {
  const source = resolve(from);
  if (!isDir(source)) throw new TissError(`Pasta de origem dos esquemas não encontrada: ${source}`);
  const report: InstallReport = { installed: [], notFound: [] };
  const problems: string[] = [];
  const ready: { version: SchemaVersion; files: Map<string, Buffer> }[] = [];

  for (const version of loadManifest().versions) {
    const dir = [join(source, version.sourceDir), join(source, version.id), source].find((d) =>
      isDir(d) && version.entries.some((e) => existsSync(join(d, e.schema))),
    );
    if (!dir) {
      report.notFound.push(version.id);
      continue;
    }
    const files = new Map<string, Buffer>();
    for (const f of version.files) {
      const path = join(dir, f.name);
      if (!existsSync(path)) {
        problems.push(`${version.id}: falta o arquivo ${f.name} em ${dir}`);
        continue;
      }
      const bytes = readFileSync(path);
      const actual = sha256(bytes);
      if (actual !== f.sha256) {
        problems.push(`${version.id}: ${f.name} tem sha256 ${actual}, mas o oficial é ${f.sha256}`);
        continue;
      }
      files.set(f.name, bytes);
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
    const expected = loadManifest().versions.map((v) => `${v.sourceDir}/`).join(', ');
    throw new TissError(`Nenhum esquema conhecido em ${source} (esperado: ${expected}).`);
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
  return report;
}

export interface ListedVersion {
  id: string;
  title: string;
  status: 'ok' | 'ausente' | 'corrompido';
  problem?: string;
}

/** Every manifest version with its state under `root` (files verified). */
export function listSchemas(root: SchemaRoot): ListedVersion[] {
  return loadManifest().versions.map((v) => {
    if (!isDir(join(root.dir, v.id))) return { id: v.id, title: v.title, status: 'ausente' };
    try {
      loadSchemaSet(root, v);
      return { id: v.id, title: v.title, status: 'ok' };
    } catch (e) {
      return { id: v.id, title: v.title, status: 'corrompido', problem: (e as Error).message };
    }
  });
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
