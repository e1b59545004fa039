import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildTree } from '../../src/xml/scan.js';
import type { XNode } from '../../src/xml/tree.js';

/** Small seeded PRNG (mulberry32): the same seed gives the same mutants on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEXTS = ['', ' ', 'X', '-1', '0', '99999999999999999999', '2026-13-45', '31/12/2026', '1.234,56', 'é', 'José Conceição', '&amp;', '&#8212;', '\u0000', '<', ']]>', 'a'.repeat(600), '  7412058  ', '00000000000000000000'];

/** Saves an input a fuzzer found a problem with, under fuzz-crashes/ (git-ignored); returns its path. */
export function saveCrash(root: string, name: string, bytes: Uint8Array): string {
  const dir = join(root, 'fuzz-crashes');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

export interface Mutant {
  kind: string;
  bytes: Buffer;
}

/** Every element of a tree, the root included. */
export function elements(root: XNode): XNode[] {
  const out: XNode[] = [];
  const stack = [root];
  while (stack.length) {
    const n = stack.pop()!;
    out.push(n);
    stack.push(...n.children);
  }
  return out;
}

/**
 * One random mutation of a valid message (Latin-1 text): delete, duplicate or swap elements, change a
 * field's text, flip or insert bytes, truncate. Structure-aware mutations keep the file well-formed
 * most of the time, so they reach the XSD, the rules and the hash; byte-level ones test the reader.
 */
export function mutate(source: Buffer, random: () => number): Mutant {
  const text = source.toString('latin1');
  const tree = buildTree(text)!;
  const all = elements(tree.root).filter((n) => n !== tree.root);
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]!;
  const latin1 = (s: string): Buffer => Buffer.from(s, 'latin1');
  const choice = Math.floor(random() * 8);
  switch (choice) {
    case 0: {
      const n = pick(all);
      return { kind: 'delete-element', bytes: latin1(text.slice(0, n.start) + text.slice(n.end)) };
    }
    case 1: {
      const n = pick(all);
      return { kind: 'duplicate-element', bytes: latin1(text.slice(0, n.end) + text.slice(n.start, n.end) + text.slice(n.end)) };
    }
    case 2: {
      const withSiblings = all.filter((n) => n.parent && n.parent.children.length > 1);
      if (withSiblings.length === 0) return { kind: 'noop', bytes: source };
      const a = pick(withSiblings);
      const sibs = a.parent!.children.filter((s) => s !== a);
      const b = pick(sibs);
      const [x, y] = a.start < b.start ? [a, b] : [b, a];
      return { kind: 'swap-elements', bytes: latin1(text.slice(0, x.start) + text.slice(y.start, y.end) + text.slice(x.end, y.start) + text.slice(x.start, x.end) + text.slice(y.end)) };
    }
    case 3:
    case 4: {
      const leaves = all.filter((n) => n.children.length === 0 && !n.selfClosing);
      const n = pick(leaves);
      return { kind: 'change-text', bytes: latin1(text.slice(0, n.openEnd) + pick(TEXTS) + text.slice(n.closeStart)) };
    }
    case 5: {
      const b = Buffer.from(source);
      const count = 1 + Math.floor(random() * 4);
      for (let i = 0; i < count; i++) b[Math.floor(random() * b.length)] = Math.floor(random() * 256);
      return { kind: 'flip-bytes', bytes: b };
    }
    case 6: {
      const at = Math.floor(random() * source.length);
      const junk = Buffer.from(Array.from({ length: 1 + Math.floor(random() * 16) }, () => Math.floor(random() * 256)));
      return { kind: 'insert-bytes', bytes: Buffer.concat([source.subarray(0, at), junk, source.subarray(at)]) };
    }
    default:
      return { kind: 'truncate', bytes: source.subarray(0, Math.floor(random() * source.length)) };
  }
}
