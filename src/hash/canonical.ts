import { createHash } from 'node:crypto';
import type { XNode } from '../xml/tree.js';

import type { HashEncoding } from './report.js';
export type { HashEncoding } from './report.js';

/*
 * The epílogo hash is computed over the decoded text of every leaf element (no element children) in
 * document order, before the boundary (`epilogo`, or the `hash` of a `*WS` body). Untrimmed; empty
 * leaves give "". This is the canonical input (ANS: "apenas o conteúdo dos campos (sem as TAGS), na
 * ordem"). What common wrong implementations feed MD5 instead (comments taken as fields; every text
 * node including the indentation between tags) is streamed by variants.ts, to explain a mismatch.
 */

/**
 * Leaf texts only: what the canonical digest needs, on every file (the fast path). A walk of the compact
 * tree by element number, in document order: no element object is made.
 */
export function collectLeaves(message: XNode, boundary: XNode | null): string[] {
  const t = message.table;
  const stop = boundary && boundary.table === t ? boundary.id : -1;
  const leaves: string[] = [];
  // Pre-order: first child, else next sibling, else the next sibling of the nearest ancestor below `message`.
  let id = message.id;
  while (id >= 0 && id !== stop) {
    const first = t.firstChildOf[id]!;
    if (first >= 0) {
      id = first;
      continue;
    }
    leaves.push(t.leafText(id));
    while (id !== message.id && t.nextSiblingOf[id]! < 0) id = t.parentOf[id]!;
    id = id === message.id ? -1 : t.nextSiblingOf[id]!;
  }
  return leaves;
}

/** True when every character fits in one ISO-8859-1 byte. */
export function isLatin1(s: string): boolean {
  // eslint-disable-next-line no-control-regex
  return !/[^\u0000-\u00ff]/.test(s);
}

export function md5Hex(bytes: Uint8Array | string | readonly Uint8Array[]): string {
  const md5 = createHash('md5');
  if (typeof bytes === 'string' || bytes instanceof Uint8Array) md5.update(bytes);
  else for (const part of bytes) md5.update(part);
  return md5.digest('hex');
}

/** Leaves joined per MD5 update: the digest streams over the message, with no copy of all its text. */
const LEAVES_PER_UPDATE = 4096;

/**
 * MD5 of the concatenated leaves in the given encoding, or null when the text does not fit ISO-8859-1.
 * Fed in chunks of leaves (the same bytes as one join: no character spans two leaves, XML text holding no
 * lone surrogate), so a 76 MB lote does not hold its 12 MB of field text twice more (string and bytes).
 */
export function digestOf(leaves: readonly string[], encoding: HashEncoding): string | null {
  const md5 = createHash('md5');
  const bytes = encoding === 'utf-8' ? 'utf8' : 'latin1';
  for (let i = 0; i < leaves.length; i += LEAVES_PER_UPDATE) {
    let text = '';
    const end = Math.min(leaves.length, i + LEAVES_PER_UPDATE);
    for (let j = i; j < end; j++) text += leaves[j]!;
    if (encoding === 'iso-8859-1' && !isLatin1(text)) return null;
    md5.update(text, bytes);
  }
  return md5.digest('hex');
}
