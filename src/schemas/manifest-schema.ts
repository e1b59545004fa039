import { z } from 'zod';

/**
 * Shape of `schemas/manifest.json`. The runtime trusts the manifest shipped with the package (and
 * verifies every XSD's sha256 against it); this contract is checked by the test suite and by
 * anyone editing the manifest (`tiss` loads faster without zod on its start-up path).
 */
const fileSchema = z.object({
  name: z.string().regex(/^[\w.-]+\.xsd$/),
  /** sha256 of the file after CRLF→LF. */
  sha256LF: z.string().regex(/^[0-9a-f]{64}$/),
});

const versionSchema = z.object({
  /** Folder name in the store (`4.03.00`, `monitoramento-1.06.00`). */
  id: z.string().regex(/^[\w.-]+$/),
  standard: z.enum(['TISS', 'TISS-MONITORAMENTO']),
  title: z.string(),
  /** The value the message carries in its version element. */
  version: z.string().regex(/^\d+\.\d+\.\d+$/),
  published: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  /** dm_versao (dm_versao_monitor): the declared versions this version's XSD accepts. */
  accepts: z.array(z.string().regex(/^\d+\.\d+\.\d+$/)).min(1),
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
  $comment: z.string().optional(),
  manifestVersion: z.literal(2),
  versions: z.array(versionSchema).min(1),
});
