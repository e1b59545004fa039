/**
 * Character data as an XML parser delivers it, read from the decoded text between two offsets: what the
 * scanner checks as it goes and what the tree reads again on demand (a leaf's text, an element's items).
 */

/** A comment among an element's children (text is a plain string, elements are XNode). */
export interface CommentItem {
  comment: string;
}

const ENTITY = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(lt|gt|amp|quot|apos));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Character data as an XML parser delivers it: line ends normalized, references decoded. */
export function decodeText(raw: string): string {
  let s = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  if (s.includes('&')) s = s.replace(ENTITY, (_m, hex?: string, dec?: string, name?: string) => (name ? NAMED[name]! : String.fromCodePoint(parseInt(hex ?? dec!, hex ? 16 : 10))));
  return s;
}

/** An attribute value as delivered: white space characters become spaces, then references are decoded. */
export function decodeAttr(raw: string): string {
  return decodeText(raw.replace(/[\t\n\r]/g, ' '));
}

/** CDATA content as delivered: only line ends are normalized. */
export function decodeCdata(raw: string): string {
  return raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
}

/**
 * `text.startsWith(s, at)` as a loop: String.prototype.startsWith with a position was 16% of the scan
 * on the large decoded text (measured), a compare of a name's few chars is not.
 */
export function startsWithAt(text: string, s: string, at: number): boolean {
  if (at + s.length > text.length) return false;
  for (let i = 0; i < s.length; i++) if (text.charCodeAt(at + i) !== s.charCodeAt(i)) return false;
  return true;
}

/** Only XML white space between two offsets. */
export function isSpace(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return false;
  }
  return true;
}

/**
 * Character data, CDATA sections and comments between two offsets that hold no element, pushed in order
 * (processing instructions are not content).
 */
export function segment(text: string, from: number, to: number, items: { push(item: string | CommentItem): unknown }): void {
  let pos = from;
  while (pos < to) {
    const lt = text.indexOf('<', pos);
    const stop = lt < 0 || lt >= to ? to : lt;
    if (stop > pos) items.push(decodeText(text.slice(pos, stop)));
    if (stop === to) return;
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      items.push({ comment: text.slice(lt + 4, end) });
      pos = end + 3;
    } else if (text.startsWith('<![CDATA[', lt)) {
      const end = text.indexOf(']]>', lt + 9);
      items.push(decodeCdata(text.slice(lt + 9, end)));
      pos = end + 3;
    } else {
      pos = text.indexOf('?>', lt + 2) + 2;
    }
  }
}

/** The character data between two offsets that hold no element, decoded and joined (comments and PIs left out). */
export function textBetween(text: string, from: number, to: number): string {
  let s = '';
  segment(text, from, to, {
    push: (item) => {
      if (typeof item === 'string') s += item;
    },
  });
  return s;
}

/**
 * Whether the offsets hold character data that counts as text in element-only content: text other than
 * white space (once decoded), or a CDATA section, even an empty one; comments and PIs do not.
 */
export function charDataIn(text: string, from: number, to: number): boolean {
  let pos = from;
  while (pos < to) {
    const lt = text.indexOf('<', pos);
    const stop = lt < 0 || lt >= to ? to : lt;
    if (stop > pos && !isSpace(text, pos, stop)) {
      const s = decodeText(text.slice(pos, stop));
      if (!isSpace(s, 0, s.length)) return true;
    }
    if (stop === to) return false;
    if (text.startsWith('<![CDATA[', lt)) return true;
    pos = text.startsWith('<!--', lt) ? text.indexOf('-->', lt + 4) + 3 : text.indexOf('?>', lt + 2) + 2;
  }
  return false;
}
