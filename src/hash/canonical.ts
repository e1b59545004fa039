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
 * Calls `visit` with the text of each leaf, in document order, and returns how many there were: a walk of
 * the compact tree by element number (pre-order: first child, else next sibling, else the next sibling of
 * the nearest ancestor below `message`); no element object is made.
 */
export function forEachLeaf(message: XNode, boundary: XNode | null, visit: (text: string) => void): number {
  const t = message.table;
  const stop = boundary && boundary.table === t ? boundary.id : -1;
  let count = 0;
  let id = message.id;
  while (id >= 0 && id !== stop) {
    const first = t.firstChildOf[id]!;
    if (first >= 0) {
      id = first;
      continue;
    }
    visit(t.leafText(id));
    count++;
    while (id !== message.id && t.nextSiblingOf[id]! < 0) id = t.parentOf[id]!;
    id = id === message.id ? -1 : t.nextSiblingOf[id]!;
  }
  return count;
}

/** Leaf texts as an array: what the hash diagnosis needs once a digest differs (slow path). */
export function collectLeaves(message: XNode, boundary: XNode | null): string[] {
  const leaves: string[] = [];
  forEachLeaf(message, boundary, (text) => leaves.push(text));
  return leaves;
}

/** Chars of leaf text fed to MD5 per update. */
const CHUNK_CHARS = 64 * 1024;

/**
 * The canonical digest (MD5 of the leaves in `encoding`, null when the text does not fit ISO-8859-1) and
 * the number of fields, streamed over the walk: on every file, with no array of the leaves (600,000
 * strings and ~47 MB on the 80 MB lote). The same bytes as digestOf(collectLeaves(...)).
 */
export function canonicalDigest(message: XNode, boundary: XNode | null, encoding: HashEncoding): { digest: string | null; fields: number } {
  const md5 = createHash('md5');
  const bytes = encoding === 'utf-8' ? 'utf8' : 'latin1';
  let fits = true;
  let chunk = '';
  const flush = (): void => {
    if (encoding === 'iso-8859-1' && !isLatin1(chunk)) fits = false;
    if (fits) md5.update(chunk, bytes);
    chunk = '';
  };
  const fields = forEachLeaf(message, boundary, (text) => {
    chunk += text;
    if (chunk.length >= CHUNK_CHARS) flush();
  });
  flush();
  return { digest: fits ? md5.digest('hex') : null, fields };
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
