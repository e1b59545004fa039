/** A piece of character data or a comment among an element's children, in document order. */
export interface TextItem {
  kind: 'text' | 'comment';
  value: string;
}

/**
 * An element of the message with where it is in the file. Built by our own reading of the decoded
 * text (after libxml2 has said the file is well-formed), so that findings can point at a line and
 * column, the hash can be fixed in place, and rules can read the message without calls into wasm.
 */
export interface XNode {
  /** Name as written, with prefix (`ans:guiaSP-SADT`). */
  name: string;
  local: string;
  uri: string;
  attrs: Record<string, string>;
  parent: XNode | null;
  /** Element children, in order. */
  children: XNode[];
  /** Element children, text and comments, in order. */
  items: (XNode | TextItem)[];
  /** 1-based line and column of the `<` of the start tag. */
  line: number;
  column: number;
  /** Char offsets in the decoded text: start of `<`, just after the start tag's `>`, start of `</`, after the end. */
  start: number;
  openEnd: number;
  closeStart: number;
  end: number;
  selfClosing: boolean;
}

export interface XTree {
  root: XNode;
  text: string;
  lineStarts: number[];
}

export function isElement(item: XNode | TextItem): item is XNode {
  return (item as XNode).local !== undefined;
}

/** Direct text content (text and CDATA, decoded), excluding comments and child elements. */
export function ownText(node: XNode): string {
  let s = '';
  for (const it of node.items) if (!isElement(it) && it.kind === 'text') s += it.value;
  return s;
}

/** First child element with this local name. */
export function child(node: XNode | null | undefined, local: string): XNode | undefined {
  return node?.children.find((c) => c.local === local);
}

/** Text of the first descendant reached by following local names (`path('cabecalho','Padrao')`). */
export function textAt(node: XNode | null | undefined, ...path: string[]): string | undefined {
  let cur: XNode | undefined = node ?? undefined;
  for (const p of path) cur = child(cur, p);
  return cur ? ownText(cur) : undefined;
}

export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 1-based line and column of a char offset. */
export function lineColumn(lineStarts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
}

const NAME = /[^\s/>=]+/y;
const ATTR = /\s*([^\s/>=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;
const ENTITY = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(lt|gt|amp|quot|apos));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** Character data as an XML parser delivers it: line ends normalized, references decoded. */
function decodeText(raw: string): string {
  let s = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  if (s.includes('&')) s = s.replace(ENTITY, (_m, hex?: string, dec?: string, name?: string) => (name ? NAMED[name]! : String.fromCodePoint(parseInt(hex ?? dec!, hex ? 16 : 10))));
  return s;
}

function decodeAttr(raw: string): string {
  return decodeText(raw.replace(/[\t\n\r]/g, ' '));
}

/**
 * Builds the located tree of a document libxml2 has already accepted as well-formed (and that has no
 * DOCTYPE, so only the five predefined entities and character references can occur). A small
 * scanner rather than a general SAX parser: measured here, saxes took 18 ms on a 100-guia SP/SADT
 * lote (twice libxml2's parse plus XSD validation); this takes a fraction of that.
 * Returns null if no root element is found.
 */
export function buildTree(text: string): XTree | null {
  const lineStarts = lineStartsOf(text);
  let root: XNode | null = null;
  const stack: XNode[] = [];
  const nsStack: Map<string, string>[] = [new Map([['xml', XML_NS]])];
  let pos = 0;
  const n = text.length;

  const addItem = (item: TextItem): void => {
    const top = stack[stack.length - 1];
    if (top) top.items.push(item);
  };

  while (pos < n) {
    const lt = text.indexOf('<', pos);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > pos && stack.length > 0) addItem({ kind: 'text', value: decodeText(text.slice(pos, textEnd)) });
    if (lt < 0) break;
    const next = text.charCodeAt(lt + 1);
    if (next === 0x3f /* ? */) {
      const end = text.indexOf('?>', lt + 2);
      if (end < 0) break;
      pos = end + 2;
    } else if (next === 0x21 /* ! */) {
      if (text.startsWith('<!--', lt)) {
        const end = text.indexOf('-->', lt + 4);
        if (end < 0) break;
        addItem({ kind: 'comment', value: text.slice(lt + 4, end) });
        pos = end + 3;
      } else if (text.startsWith('<![CDATA[', lt)) {
        const end = text.indexOf(']]>', lt + 9);
        if (end < 0) break;
        const raw = text.slice(lt + 9, end);
        addItem({ kind: 'text', value: raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw });
        pos = end + 3;
      } else {
        const end = text.indexOf('>', lt + 2);
        if (end < 0) break;
        pos = end + 1;
      }
    } else if (next === 0x2f /* / */) {
      const end = text.indexOf('>', lt + 2);
      if (end < 0) break;
      const node = stack.pop();
      nsStack.pop();
      if (node) {
        node.closeStart = lt;
        node.end = end + 1;
      }
      pos = end + 1;
    } else {
      NAME.lastIndex = lt + 1;
      const nm = NAME.exec(text);
      if (!nm) break;
      const name = nm[0];
      let p = NAME.lastIndex;
      const attrs: Record<string, string> = {};
      let ns: Map<string, string> | null = null;
      for (;;) {
        ATTR.lastIndex = p;
        const a = ATTR.exec(text);
        if (!a) break;
        const value = decodeAttr(a[2] ?? a[3] ?? '');
        const key = a[1]!;
        attrs[key] = value;
        if (key === 'xmlns' || key.startsWith('xmlns:')) {
          ns ??= new Map(nsStack[nsStack.length - 1]);
          ns.set(key === 'xmlns' ? '' : key.slice(6), value);
        }
        p = ATTR.lastIndex;
      }
      const close = text.indexOf('>', p);
      if (close < 0) break;
      const selfClosing = text.charCodeAt(close - 1) === 0x2f;
      const scope = ns ?? nsStack[nsStack.length - 1]!;
      const colon = name.indexOf(':');
      const prefix = colon < 0 ? '' : name.slice(0, colon);
      const { line, column } = lineColumn(lineStarts, lt);
      const parent = stack[stack.length - 1] ?? null;
      const node: XNode = {
        name,
        local: colon < 0 ? name : name.slice(colon + 1),
        uri: scope.get(prefix) ?? '',
        attrs,
        parent,
        children: [],
        items: [],
        line,
        column,
        start: lt,
        openEnd: close + 1,
        closeStart: close + 1,
        end: close + 1,
        selfClosing,
      };
      if (parent) {
        parent.children.push(node);
        parent.items.push(node);
      } else root ??= node;
      if (!selfClosing) {
        stack.push(node);
        nsStack.push(scope);
      }
      pos = close + 1;
    }
  }
  if (!root) return null;
  return { root, text, lineStarts };
}
