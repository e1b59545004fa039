import { FindingCollector, sortFindings } from '../findings/collector.js';
import type { Finding } from '../findings/finding.js';
import { identifyMessage, type MessageInfo } from '../message/kind.js';
import { forgetGuias } from '../message/where.js';
import { reportFieldText } from '../message/text-encoding.js';
import { upperCaseHash } from '../schemas/manifest.js';
import { DEFAULT_MAX_SIZE, readDocument } from '../xml/read.js';
import type { MemoryLimit } from '../xml/budget.js';
import { checkHash } from './check.js';
import type { HashEncoding, HashReport } from './report.js';
import { withEmptyHash, writeDigest, type HashSlot } from './fix.js';

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
  /** The file with the canonical digest written in; null when it could not (or must not) be fixed. */
  fixed: Uint8Array | null;
  changed: boolean;
  /** What had to be inserted because the message had none: `hash`, or `epilogo` (with its hash); else null. */
  inserted: 'hash' | 'epilogo' | null;
  /** Why the file was not fixed although it could be read (rewriting the hash would hide the real defect), or null. */
  refused: string | null;
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

/** Where the missing hash goes (see withEmptyHash). */
function hashSlot(message: MessageInfo): HashSlot {
  const signature = message.element.children.find((c) => c.local === 'Signature') ?? null;
  if (message.family === 'ws') return { parent: message.element, before: signature, what: 'hash' };
  const epilogo = message.element.children.find((c) => c.local === 'epilogo');
  return epilogo ? { parent: epilogo, before: null, what: 'hash' } : { parent: message.element, before: signature, what: 'epilogo' };
}

function run(input: Uint8Array, options: HashOptions, fix: boolean): HashResult | FixResult {
  const file = options.file ?? '<entrada>';
  const encoding = options.encoding ?? 'iso-8859-1';
  const out = new FindingCollector(file);
  const empty: FixResult = { file, readable: false, findings: [], found: null, expected: null, encoding, ok: false, variant: null, explanation: '', fields: 0, fixed: null, changed: false, inserted: null, refused: null };
  const read = readDocument(input, out, { reader: 'scanner', maxSize: options.maxSize ?? DEFAULT_MAX_SIZE, ...(options.maxMemory !== undefined ? { maxMemory: options.maxMemory } : {}) });
  if (!read) return { ...empty, findings: sortFindings(out.findings) };
  reportFieldText(read, out);
  try {
    const message = identifyMessage(read.tree.root, out);
    if (!message) return { ...empty, findings: sortFindings(out.findings) };
    const report = checkHash(read, message, encoding, upperCaseHash(message.root), out);
    const result: FixResult = { ...empty, ...report, readable: true, findings: sortFindings(out.findings) };
    if (!fix || !report.expected) return result;
    if (report.variant === 'file-encoding') {
      // The hash matches the original text: the file was saved in UTF-8 and declared ISO-8859-1. A new
      // hash over the garbled text would make it "match" and hide the cause; the fix is converting the file.
      result.refused = 'o hash já corresponde ao texto original; o defeito é o arquivo estar em UTF-8 com declaração ISO-8859-1. Converta-o para ISO-8859-1 (ex.: iconv -f UTF-8 -t ISO-8859-1) e o hash passará a conferir.';
      return result;
    }
    if (read.encoding.decoding === 'utf16le' || read.encoding.decoding === 'utf16be') {
      result.refused = 'o arquivo está em UTF-16; o hash TISS é sobre ISO-8859-1 e o arquivo também precisa estar nesse encoding. Converta-o (ex.: iconv -f UTF-16 -t ISO-8859-1, e troque a declaração para encoding="ISO-8859-1") e corrija o hash depois.';
      return result;
    }
    if (message.hash) {
      result.fixed = writeDigest(read.bytes, read.tree.text, message.hash, report.expected, read.encoding.decoding);
      result.changed = Buffer.compare(Buffer.from(result.fixed), Buffer.from(read.bytes)) !== 0;
      return result;
    }
    // No hash element: insert it where the XSD wants it, then compute the digest on the result.
    const slot = hashSlot(message);
    const withSlot = withEmptyHash(read.bytes, read.tree.text, slot, read.encoding.decoding);
    const again = run(withSlot, options, true) as FixResult;
    if (!again.fixed) return { ...result, refused: again.refused ?? 'não foi possível inserir o elemento hash' };
    return { ...again, findings: result.findings, found: null, ok: false, variant: null, explanation: result.explanation, changed: true, inserted: slot.what };
  } finally {
    read.doc?.dispose();
    // The tree's guia answers are not kept past its check (message/where.ts).
    forgetGuias();
  }
}
