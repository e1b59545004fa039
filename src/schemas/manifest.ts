import { join } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';
import { readFileSync } from 'node:fs';

/** One standard version as the manifest describes it (shape checked by `manifest-schema.ts` in the tests). */
export interface SchemaVersion {
  /** Folder name in the store (`4.03.00`, `monitoramento-1.06.00`). */
  id: string;
  standard: 'TISS' | 'TISS-MONITORAMENTO';
  title: string;
  /** The value a message of this version carries in its version element. */
  version: string;
  /** Start of validity (AAAA-MM-DD) when the ANS dates it, else null. */
  published: string | null;
  /** Element of the cabecalho that carries the version (`Padrao` or `versaoPadrao`). */
  versionElement: string;
  /** The versions this version's XSD accepts in that element (`dm_versao`, `dm_versao_monitor`). */
  accepts: string[];
  /** Case the epílogo hash is written in by convention. */
  hashCase: 'lower' | 'upper';
  /** Each file with the sha256 of its bytes after CRLF→LF (ANS ZIP files are CRLF, git copies often LF). */
  files: { name: string; sha256LF: string }[];
  entries: { schema: string; roots: string[] }[];
}

export interface Manifest {
  manifestVersion: 2;
  versions: SchemaVersion[];
}

export const MANIFEST_PATH = join(PACKAGE_ROOT, 'schemas', 'manifest.json');

let cached: Manifest | undefined;

/** The manifest shipped in `schemas/manifest.json`: file names, sha256, entry schemas and root elements. */
export function loadManifest(): Manifest {
  cached ??= JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')) as Manifest;
  return cached;
}

/** Entry schema (file name) that declares `root` in `version`, if any. */
export function entryFor(version: SchemaVersion, root: string): string | undefined {
  return version.entries.find((e) => e.roots.includes(root))?.schema;
}

/** Versions whose entries declare `root` (e.g. `mensagemTISS` → 4.00.00 … 4.03.00), oldest first. */
export function versionsForRoot(root: string): SchemaVersion[] {
  return loadManifest().versions.filter((v) => entryFor(v, root) !== undefined);
}

/** Whether messages with this root write their epílogo hash in upper case (Monitoramento), as every version of it does. */
export function upperCaseHash(root: string): boolean {
  return versionsForRoot(root)[0]?.hashCase === 'upper';
}

/**
 * A schema set named as a user writes it: its id (`4.03.00`, `monitoramento-1.06.00`) or its version
 * number (`1.06.00`). Undefined when the manifest has none.
 */
export function findVersion(name: string): SchemaVersion | undefined {
  return loadManifest().versions.find((v) => v.id === name || v.version === name);
}
