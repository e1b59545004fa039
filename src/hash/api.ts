import { FindingCollector, sortFindings } from '../findings/collector.js';
import type { Finding } from '../findings/finding.js';
import { identifyMessage } from '../message/kind.js';
import { versionsForRoot } from '../schemas/manifest.js';
import { DEFAULT_MAX_SIZE, readDocument } from '../xml/read.js';
import type { MemoryLimit } from '../xml/budget.js';
import type { HashEncoding } from './canonical.js';
import { checkHash, type HashReport } from './check.js';
import { writeDigest } from './fix.js';

export interface HashOptions {
  file?: string;
  /** ISO-8859-1 (the standard) or UTF-8 (some operadoras). */
  encoding?: HashEncoding;
  maxSize?: number;
  /** As in validate: `'auto'` (4 × the size + 150 MB) or bytes. */
  maxMemory?: MemoryLimit;
}

export interface HashResult extends HashReport {
  file: string;
  /** Whether the file could be read as a TISS message at all (false: see `findings`). */
  readable: boolean;
  /** Problems reading the file, and the hash finding when it does not match. */
  findings: Finding[];
}

export interface FixResult extends HashResult {
  /** The file with the canonical digest written in; null when it could not be fixed. */
  fixed: Uint8Array | null;
  changed: boolean;
}

/**
 * Computes the canonical epílogo digest of a TISS message (decoded text of the fields in document order
 * up to `epilogo`, untrimmed, ISO-8859-1 bytes, MD5) and compares it with the one in the file.
 */
export function computeHash(input: Uint8Array, options: HashOptions = {}): HashResult {
  return run(input, options, false);
}

/** Like computeHash, and also returns the file with the canonical digest written in (no other byte changed). */
export function fixHash(input: Uint8Array, options: HashOptions = {}): FixResult {
  return run(input, options, true) as FixResult;
}

function run(input: Uint8Array, options: HashOptions, fix: boolean): HashResult | FixResult {
  const file = options.file ?? '<entrada>';
  const encoding = options.encoding ?? 'iso-8859-1';
  const out = new FindingCollector(file);
  const empty: FixResult = { file, readable: false, findings: [], found: null, expected: null, encoding, ok: false, variant: null, explanation: '', fields: 0, fixed: null, changed: false };
  const read = readDocument(input, out, { maxSize: options.maxSize ?? DEFAULT_MAX_SIZE, ...(options.maxMemory !== undefined ? { maxMemory: options.maxMemory } : {}) });
  if (!read) return { ...empty, findings: sortFindings(out.findings) };
  try {
    const message = identifyMessage(read.tree.root, out);
    if (!message) return { ...empty, findings: sortFindings(out.findings) };
    const upper = versionsForRoot(message.root)[0]?.hashCase === 'upper';
    const report = checkHash(read, message, encoding, upper, out);
    const result: FixResult = { ...empty, ...report, readable: true, findings: sortFindings(out.findings) };
    if (fix && message.hash && report.expected) {
      result.fixed = writeDigest(read.bytes, read.tree.text, message.hash, report.expected, read.encoding.decoding);
      result.changed = Buffer.compare(Buffer.from(result.fixed), Buffer.from(read.bytes)) !== 0;
    }
    return result;
  } finally {
    read.doc.dispose();
  }
}
