import type { XNode, XTree } from './tree.js';

/**
 * Two-byte UTF-8 sequences of the ISO-8859-1 letters and signs (U+00A0–U+00FF: "ç" is C3 A7), as they
 * look when the bytes are read as ISO-8859-1 ("Ã§"). Only these: what a Portuguese text written in UTF-8
 * turns into, and a text that could be fixed by writing it in ISO-8859-1. Longer sequences spell
 * characters ISO-8859-1 does not have ("FÄ²" would be "Ĳ"), so reading them as mojibake would flag plain
 * Latin-1 text (found by the generator's property test); their C1 bytes get TISS-ENC-C1-CONTROL anyway.
 */
const UTF8_AS_LATIN1 = /(?:\u00c2[\u00a0-\u00bf]|\u00c3[\u0080-\u00bf])+/g;

/** The text the bytes of `s` (read as ISO-8859-1) spell in UTF-8, or null if they are not UTF-8. */
function asUtf8(s: string): string | null {
  const decoded = Buffer.from(s, 'latin1').toString('utf8');
  return decoded.includes('\ufffd') ? null : decoded;
}

/** A field written in UTF-8 inside an ISO-8859-1 file: what the operadora reads, and what was meant. */
export interface FieldMojibake {
  node: XNode;
  read: string;
  intended: string;
}

/**
 * A field written in UTF-8 inside an ISO-8859-1 file ("SimÃµes"): the rest of the file is Latin-1, so
 * the file as a whole is not UTF-8 and the file-level check cannot see it. Found per field (document
 * order), with the text the operadora will read and the text that was most likely meant; the message
 * stage reports them (message/text-encoding.ts).
 */
export function findFieldMojibake(tree: XTree): FieldMojibake[] {
  const found: FieldMojibake[] = [];
  // Every such sequence starts with "Â" or "Ã": two indexOf (memchr) are ~30× faster than the pattern
  // over the whole text (0.6 ms on a 821 KB lote), and most files have neither.
  if (!tree.text.includes('\u00c3') && !tree.text.includes('\u00c2')) return found;
  UTF8_AS_LATIN1.lastIndex = 0;
  if (!UTF8_AS_LATIN1.test(tree.text)) return found;
  // Every element in document order, by number: an object only for a field found.
  const t = tree.table;
  for (let id = 0; id < t.count; id++) {
    const attrs = t.hasAttributesAt(id) ? Object.values(t.attrs(id)) : [];
    const values = t.firstChildOf[id]! < 0 ? [t.leafText(id), ...attrs] : attrs;
    for (const value of values) {
      UTF8_AS_LATIN1.lastIndex = 0;
      const intended = value.replace(UTF8_AS_LATIN1, (m) => asUtf8(m) ?? m);
      if (intended !== value) found.push({ node: t.node(id), read: value, intended });
    }
  }
  return found;
}
