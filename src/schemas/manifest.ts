import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const fileSchema = z.object({
  name: z.string().regex(/^[\w.-]+\.xsd$/),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

const versionSchema = z.object({
  /** Folder name in the store and in the ANS distribution (`4.00.00`, `monitoramento-1.02.00`). */
  id: z.string().regex(/^[\w.-]+$/),
  standard: z.string(),
  title: z.string(),
  /** The value the message carries in its version element. */
  version: z.string(),
  sourceDir: z.string(),
  /** Element of the cabecalho that carries the version (`Padrao` or `versaoPadrao`). */
  versionElement: z.string(),
  /** Case the epílogo hash is written in by convention. */
  hashCase: z.enum(['lower', 'upper']),
  files: z.array(fileSchema).min(1),
  entries: z
    .array(z.object({ schema: z.string(), roots: z.array(z.string()).min(1) }))
    .min(1),
});

const manifestSchema = z.object({
  manifestVersion: z.literal(1),
  versions: z.array(versionSchema).min(1),
});

export type SchemaVersion = z.infer<typeof versionSchema>;
export type Manifest = z.infer<typeof manifestSchema>;

export const MANIFEST_PATH = fileURLToPath(new URL('../../schemas/manifest.json', import.meta.url));

let cached: Manifest | undefined;

/** The manifest shipped in `schemas/manifest.json`: file names, sha256, entry schemas and root elements. */
export function loadManifest(): Manifest {
  cached ??= manifestSchema.parse(JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')));
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
