import type { Decoding } from '../xml/encoding.js';
import type { XNode } from '../xml/tree.js';

/** Byte offset of a char offset in the decoded text. */
export function byteOffset(text: string, charOffset: number, decoding: Decoding): number {
  switch (decoding) {
    case 'latin1':
      return charOffset;
    case 'utf8':
      return Buffer.byteLength(text.slice(0, charOffset), 'utf8');
    default:
      return charOffset * 2;
  }
}

/**
 * The bytes of the file with the hash element's content removed (for the raw-XML diagnosis), as the two
 * pieces around it: views of the file, so a wrong hash on an 80 MB lote does not copy the file.
 */
export function withoutHashContent(bytes: Uint8Array, text: string, hash: XNode, decoding: Decoding): Uint8Array[] {
  if (hash.selfClosing) return [bytes];
  const from = byteOffset(text, hash.openEnd, decoding);
  const to = byteOffset(text, hash.closeStart, decoding);
  return [bytes.subarray(0, from), bytes.subarray(to)];
}

/**
 * The file with `digest` written as the hash element's content; every other byte unchanged.
 * A self-closing `<ans:hash/>` becomes `<ans:hash>digest</ans:hash>`. UTF-16 files are refused.
 */
export function writeDigest(bytes: Uint8Array, text: string, hash: XNode, digest: string, decoding: Decoding): Uint8Array {
  if (decoding === 'utf16le' || decoding === 'utf16be') {
    throw new Error('arquivo em UTF-16: converta-o para ISO-8859-1 antes de corrigir o hash');
  }
  const ascii = (s: string): Buffer => Buffer.from(s, 'latin1');
  if (hash.selfClosing) {
    const from = byteOffset(text, hash.start, decoding);
    const to = byteOffset(text, hash.end, decoding);
    const openTag = text.slice(hash.start, hash.end).replace(/\s*\/>$/, '>');
    return Buffer.concat([bytes.subarray(0, from), Buffer.from(openTag, decoding === 'utf8' ? 'utf8' : 'latin1'), ascii(`${digest}</${hash.name}>`), bytes.subarray(to)]);
  }
  const from = byteOffset(text, hash.openEnd, decoding);
  const to = byteOffset(text, hash.closeStart, decoding);
  return Buffer.concat([bytes.subarray(0, from), ascii(digest), bytes.subarray(to)]);
}

/** What a message lacks for its hash: the hash inside an existing epilogo, the whole epilogo, or (WS) the hash. */
export interface HashSlot {
  /** Element the new markup goes into (the epilogo, or the message element). */
  parent: XNode;
  /** Child of `parent` the new markup goes before (the Signature), or null for the end. */
  before: XNode | null;
  /** `hash` (inside the epilogo, or a WS body) or `epilogo` (with its hash). */
  what: 'hash' | 'epilogo';
}

/**
 * The bytes of the file with an empty hash element inserted where the XSD wants it: in the epilogo;
 * or a new epilogo after the body, before the Signature; or, in a `*WS` body, a hash after the body and
 * before the Signature. In the document's prefix and indentation; every other byte unchanged. The
 * digest is computed afterwards on the result (the epilogo is the boundary of the fields that count).
 */
export function withEmptyHash(bytes: Uint8Array, text: string, slot: HashSlot, decoding: Decoding): Uint8Array {
  if (decoding === 'utf16le' || decoding === 'utf16be') {
    throw new Error('arquivo em UTF-16: converta-o para ISO-8859-1 antes de corrigir o hash');
  }
  const { parent, before, what } = slot;
  const colon = parent.name.indexOf(':');
  const prefix = colon < 0 ? '' : parent.name.slice(0, colon + 1);
  const hash = `<${prefix}hash></${prefix}hash>`;
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const indentOf = (node: XNode): string | null => {
    const lineStart = Math.max(text.lastIndexOf('\n', node.start - 1) + 1, 0);
    const lead = text.slice(lineStart, node.start);
    return /^[ \t]*$/.test(lead) && lineStart > 0 ? lead : null;
  };
  // Indentation: the parent's children's, else one step (the parent's indentation, doubled) deeper.
  const parentIndent = indentOf(parent);
  const sibling = parent.children.find((c) => c !== before) ?? null;
  const childIndent = (sibling && indentOf(sibling)) ?? (parentIndent !== null ? parentIndent + (parentIndent || '  ') : null);
  const step = childIndent !== null && parentIndent !== null && childIndent.startsWith(parentIndent) ? childIndent.slice(parentIndent.length) : '  ';
  const markup =
    what === 'hash'
      ? hash
      : childIndent === null
        ? `<${prefix}epilogo>${hash}</${prefix}epilogo>`
        : `<${prefix}epilogo>${newline}${childIndent}${step}${hash}${newline}${childIndent}</${prefix}epilogo>`;
  const enc = decoding === 'utf8' ? 'utf8' : 'latin1';

  if (parent.selfClosing) {
    // <ans:epilogo/> becomes <ans:epilogo><ans:hash></ans:hash></ans:epilogo>.
    const from = byteOffset(text, parent.start, decoding);
    const to = byteOffset(text, parent.end, decoding);
    const open = text.slice(parent.start, parent.end).replace(/\s*\/>$/, '>');
    return Buffer.concat([bytes.subarray(0, from), Buffer.from(`${open}${markup}</${parent.name}>`, enc), bytes.subarray(to)]);
  }
  if (before) {
    // Before the Signature, on a line of its own when the Signature has one.
    const at = byteOffset(text, before.start, decoding);
    const indent = indentOf(before);
    const insert = indent !== null ? `${markup}${newline}${indent}` : markup;
    return Buffer.concat([bytes.subarray(0, at), Buffer.from(insert, enc), bytes.subarray(at)]);
  }
  // At the end of the parent: after its last child, on a new line with the children's indentation.
  const last = parent.children[parent.children.length - 1];
  const at = byteOffset(text, last ? last.end : parent.openEnd, decoding);
  const insert = last && childIndent !== null ? `${newline}${childIndent}${markup}` : markup;
  return Buffer.concat([bytes.subarray(0, at), Buffer.from(insert, enc), bytes.subarray(at)]);
}
