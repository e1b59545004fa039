/**
 * The hash types of the public API, in a module of types alone: the library's declarations (dist/*.d.ts)
 * reach them without reaching the modules that compute the hash (and their Node and libxml2-wasm types).
 */

export type HashEncoding = 'iso-8859-1' | 'utf-8';

export interface HashReport {
  /** The digest written in the file; null when there is no hash element. */
  found: string | null;
  /** The canonical digest in the requested encoding and the message's case convention. */
  expected: string | null;
  encoding: HashEncoding;
  ok: boolean;
  /** The wrong calculation the found digest matches (`utf-8`, `trimmed`, `stale`...), or null. */
  variant: string | null;
  explanation: string;
  /** Number of fields (leaf elements) that went into the digest. */
  fields: number;
}
