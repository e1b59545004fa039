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

/** The bytes of the file with the hash element's content removed (for the raw-XML diagnosis). */
export function withoutHashContent(bytes: Uint8Array, text: string, hash: XNode, decoding: Decoding): Uint8Array {
  if (hash.selfClosing) return bytes;
  const from = byteOffset(text, hash.openEnd, decoding);
  const to = byteOffset(text, hash.closeStart, decoding);
  return Buffer.concat([bytes.subarray(0, from), bytes.subarray(to)]);
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
