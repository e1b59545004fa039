import { z } from 'zod';

/**
 * Shape of `schemas/manifest.json`. The runtime trusts the manifest shipped with the package (and
 * verifies every XSD's sha256 against it); this contract is checked by the test suite and by
 * anyone editing the manifest (`tiss` loads faster without zod on its start-up path).
 */
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

export const manifestSchema = z.object({
  manifestVersion: z.literal(1),
  versions: z.array(versionSchema).min(1),
});

export type ManifestShape = z.infer<typeof manifestSchema>;
