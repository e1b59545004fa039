import { startsWithAt } from './chardata.js';

/**
 * The element names of a document as written (`ans:guiaSP-SADT`), found by their characters in the text
 * without making a string per tag. The scanner hashes a name's characters while it looks for its end
 * (scan.ts, endOfName) and asks here; a string is sliced only the first time a name is seen. Measured on
 * the 80 MB lote (1.2 M tags): slicing each name and looking it up in a Map, then slicing its prefix
 * for the namespace lookup, was ~40% of the scan.
 */
export interface RawName {
  readonly name: string;
  /** The prefix ('' for none), kept so that the namespace lookup hashes no new string. */
  readonly prefix: string;
  /** Start of the local part in `name`. */
  readonly localStart: number;
  /** The QName number (ElementTable.names) last used with this name, and the namespace it had; -1 before. */
  qname: number;
  uri: string;
  /** Every namespace this name was read in, when more than one (rare). */
  byUri: Map<string, number> | null;
}

/** The hash of one more char (FNV-1a style multiply; any spread is enough for a few hundred names). */
export function hashStep(h: number, c: number): number {
  return Math.imul(h ^ c, 0x01000193);
}
/** Seeded per process, so that a file cannot be written to make its names collide (a slow scan). */
export const HASH_SEED = (0x811c9dc5 ^ Math.floor(Math.random() * 0x7fffffff)) | 0;

export class RawNames {
  private slots = new Int32Array(256).fill(-1);
  private hashes: number[] = [];
  readonly entries: RawName[] = [];

  /** The entry of the name text[from, to) whose hash is `h`, or undefined the first time it is seen. */
  find(text: string, from: number, to: number, h: number): RawName | undefined {
    const mask = this.slots.length - 1;
    const len = to - from;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const e = this.slots[s]!;
      if (e < 0) return undefined;
      if (this.hashes[e] !== h) continue;
      const entry = this.entries[e]!;
      if (entry.name.length === len && startsWithAt(text, entry.name, from)) return entry;
    }
  }

  /** Adds a name not seen before (find answered undefined). */
  add(name: string, h: number): RawName {
    if ((this.entries.length + 1) * 2 > this.slots.length) this.rehash();
    const colon = name.indexOf(':');
    const entry: RawName = { name, prefix: colon < 0 ? '' : name.slice(0, colon), localStart: colon + 1, qname: -1, uri: '', byUri: null };
    this.entries.push(entry);
    this.hashes.push(h);
    this.place(this.entries.length - 1);
    return entry;
  }

  private place(e: number): void {
    const mask = this.slots.length - 1;
    let s = this.hashes[e]! & mask;
    while (this.slots[s]! >= 0) s = (s + 1) & mask;
    this.slots[s] = e;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    for (let e = 0; e < this.entries.length; e++) this.place(e);
  }
}
