import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One standard version as the manifest describes it (shape checked by `manifest-schema.ts` in the tests). */
export interface SchemaVersion {
  /** Folder name in the store and in the ANS distribution (`4.00.00`, `monitoramento-1.02.00`). */
  id: string;
  standard: string;
  title: string;
  /** The value the message carries in its version element. */
  version: string;
  sourceDir: string;
  /** Element of the cabecalho that carries the version (`Padrao` or `versaoPadrao`). */
  versionElement: string;
  /** Case the epílogo hash is written in by convention. */
  hashCase: 'lower' | 'upper';
  files: { name: string; sha256: string }[];
  entries: { schema: string; roots: string[] }[];
}

export interface Manifest {
  manifestVersion: 1;
  versions: SchemaVersion[];
}

export const MANIFEST_PATH = fileURLToPath(new URL('../../schemas/manifest.json', import.meta.url));

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

/** Versions whose entries declare `root` (e.g. `mensagemTISS` → 4.00.00). */
export function versionsForRoot(root: string): SchemaVersion[] {
  return loadManifest().versions.filter((v) => entryFor(v, root) !== undefined);
}
