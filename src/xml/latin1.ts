import type { XNode, XTree } from './tree.js';

// eslint-disable-next-line no-control-regex
const NON_LATIN1 = /[^\u0000-\u00ff]/u;

/** A value (an element's own text or an attribute) holding a character ISO-8859-1 cannot hold. */
export interface OutsideLatin1 {
  node: XNode;
  value: string;
  /** Index in `value` of the first such character, and the character. */
  index: number;
  char: string;
}

/**
 * Every value with a character that ISO-8859-1 cannot hold (typed in a UTF-8 file or written as
 * `&#8212;`), in document order: the message stage reports them (message/text-encoding.ts).
 */
export function findOutsideLatin1(tree: XTree, readAsLatin1 = false): OutsideLatin1[] {
  const found: OutsideLatin1[] = [];
  // Fast path: nothing outside Latin-1 in the raw text (none can be in text read one char per byte; the
  // pattern over a 821 KB lote took ~0.5 ms) and no character reference that could make one.
  if (!tree.text.includes('&#') && (readAsLatin1 || !NON_LATIN1.test(tree.text))) return found;
  // Every element in document order, by number: an object only for an element with such a value.
  const t = tree.table;
  for (let id = 0; id < t.count; id++) {
    const own = t.ownText(id);
    const values = t.hasAttributesAt(id) ? [own, ...Object.values(t.attrs(id))] : [own];
    for (const value of values) {
      const m = NON_LATIN1.exec(value);
      if (m) found.push({ node: t.node(id), value, index: m.index, char: m[0] });
    }
  }
  return found;
}
