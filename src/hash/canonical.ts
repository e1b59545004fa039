import { createHash, type Hash } from 'node:crypto';
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

/**
 * The canonical digest (MD5 of the leaves in `encoding`, null when the text does not fit ISO-8859-1) and
 * the number of fields, streamed over the walk: on every file, with no array of the leaves (600,000
 * strings and ~47 MB on the 80 MB lote). The same bytes as digestOf(collectLeaves(...)).
 */
export function canonicalDigest(message: XNode, boundary: XNode | null, encoding: HashEncoding): { digest: string | null; fields: number } {
  const feed = new Feed('md5', encoding, true);
  const fields = forEachLeaf(message, boundary, (text) => feed.add(text));
  return { digest: feed.digest(), fields };
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

/** Characters joined per update of a digest (a few updates per MB of text; the join is garbage at once). */
const CHARS_PER_UPDATE = 1 << 16;

/**
 * A digest fed piece by piece, in updates of about CHARS_PER_UPDATE characters: the same bytes as one join
 * of the pieces (no character spans two pieces, XML text holding no lone surrogate), with no copy of all
 * the text. `strict`: in ISO-8859-1 the text must fit it, else the digest is null; otherwise each character
 * gives its low byte (as Buffer.from(text, 'latin1')).
 */
export class Feed {
  private readonly hash: Hash;
  private readonly bytes: 'utf8' | 'latin1';
  private readonly check: boolean;
  private pending = '';
  /** False once a piece did not fit ISO-8859-1 (strict): the digest is null, the rest is not fed. */
  fits = true;

  constructor(algo: string, encoding: HashEncoding, strict: boolean) {
    this.hash = createHash(algo);
    this.bytes = encoding === 'utf-8' ? 'utf8' : 'latin1';
    this.check = strict && encoding === 'iso-8859-1';
  }

  add(piece: string): void {
    if (!this.fits) return;
    this.pending += piece;
    if (this.pending.length >= CHARS_PER_UPDATE) this.flush();
  }

  digest(): string | null {
    this.flush();
    return this.fits ? this.hash.digest('hex') : null;
  }

  private flush(): void {
    const text = this.pending;
    this.pending = '';
    if (!this.fits || text === '') return;
    if (this.check && !isLatin1(text)) this.fits = false;
    else this.hash.update(text, this.bytes);
  }
}

export interface LeafDigestOptions {
  /** Applied to each leaf before it is fed (trim, re-decode); the mapped leaves are never held together. */
  map?: (leaf: string) => string;
  /** `md5` (the default), `sha1`, `sha256`. */
  algo?: string;
  /** Null when the ISO-8859-1 text does not fit it (the default); false: low bytes, never null. */
  strict?: boolean;
}

/** Digest of the leaves (each mapped) concatenated, in `encoding`: that of `leaves.map(map).join('')`, with no copy. */
export function digestLeaves(leaves: readonly string[], encoding: HashEncoding, options: LeafDigestOptions = {}): string | null {
  const { map, algo = 'md5', strict = true } = options;
  const feed = new Feed(algo, encoding, strict);
  for (let i = 0; i < leaves.length && feed.fits; i++) feed.add(map ? map(leaves[i]!) : leaves[i]!);
  return feed.digest();
}

/** MD5 of the concatenated leaves in the given encoding, or null when the text does not fit ISO-8859-1. */
export function digestOf(leaves: readonly string[], encoding: HashEncoding): string | null {
  return digestLeaves(leaves, encoding);
}
