import { TissError } from '../errors.js';
import type { HashEncoding } from '../hash/report.js';
import type { MemoryLimit } from '../xml/budget.js';
import type { TissConfig } from '../config/schema.js';
import type { RuleConfig } from '../rules/types.js';

export interface ValidateOptions {
  /** Name shown in findings (path or `<stdin>`). */
  file?: string;
  /** Schema folder (`--schemas`); otherwise `TISS_SCHEMAS_DIR`, then the store. */
  schemas?: string;
  /** Bytes the epílogo hash is computed over; ISO-8859-1 by the standard, UTF-8 for some operadoras. */
  hashEncoding?: HashEncoding;
  /** Refuse files larger than this many bytes (default 200 MB). */
  maxSize?: number;
  /**
   * Memory a file may take to be checked: `'auto'` (default: 4 × its size + 150 MB) or bytes. A file
   * estimated (from its element count, before parsing) to need more is a TISS-INPUT-TOO-COMPLEX finding.
   */
  maxMemory?: MemoryLimit;
  /** Rules to turn off or whose severity to change (`{ "TISS-R-CNS-DV": "off" }`); wins over the profile. */
  rules?: RuleConfig;
  /** Operadora profiles (tiss.config.json, already parsed); chosen by `profile` or by the message's registro ANS. */
  config?: TissConfig;
  /** Name of the profile to apply to every file (otherwise chosen per file by registro ANS). */
  profile?: string;
  /** Reference date for "not in the future" rules, YYYY-MM-DD (default: today). */
  today?: string;
  /**
   * Folder of the installed terminology tables (`tiss tabelas install`), for the rules that check codes
   * against them (Tabela 22). Default: the store (`$TISS_HOME/tabelas`, else `~/.local/share/tiss/tabelas`).
   */
  tabelas?: string;
  /**
   * The receiver's schema version (`4.03.00`): every message is checked against it, when its `dm_versao`
   * accepts the declared version. Wins over the profile's `schemaVersion`. Default: the declared version's own.
   */
  schemaVersion?: string;
  /**
   * Which XSD engine checks the structure: `compiled` (default: the schema model run over our own
   * reading of the file, no WebAssembly) or `libxml2` (the reference implementation). The compiled
   * engine hands a document to libxml2 itself when it holds something it does not model (ds:Signature).
   */
  engine?: XsdEngine;
}

export type XsdEngine = 'compiled' | 'libxml2';
export const XSD_ENGINES: readonly XsdEngine[] = ['compiled', 'libxml2'];


/** The engine when none is asked for: TISS_ENGINE (so a whole test suite or CI job can run on the reference engine), else compiled. */
export function defaultEngine(): XsdEngine {
  const env = typeof process === 'undefined' ? undefined : process.env.TISS_ENGINE;
  if (env === undefined || env === '') return 'compiled';
  if (env === 'compiled' || env === 'libxml2') return env;
  throw new TissError(`TISS_ENGINE=${env} não é um motor conhecido (use compiled ou libxml2).`);
}
