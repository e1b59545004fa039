/** A comment among an element's children (text is a plain string, elements are XNode). */
export interface CommentItem {
  comment: string;
}

/** An element's content in document order: child elements, character data (decoded), comments. */
export type Item = XNode | string | CommentItem;

const NO_ATTRS: Record<string, string> = Object.freeze({}) as Record<string, string>;

/**
 * An element of the message with where it is in the file. Built by our own reading of the decoded
 * text (after libxml2 has said the file is well-formed), so that findings can point at a line and
 * column, the hash can be fixed in place, and rules can read the message without calls into wasm.
 * Line and column are computed on first use (most elements never need them).
 */
export class XNode {
  /** Element children, in order. */
  readonly children: XNode[] = [];
  /** Element children, text and comments, in order. */
  readonly items: Item[] = [];
  /** Char offset just after the start tag's `>`, start of `</`, and after the end tag. */
  openEnd: number;
  closeStart: number;
  end: number;
  constructor(
    /** Name as written, with prefix (`ans:guiaSP-SADT`). */
    readonly name: string,
    readonly local: string,
    readonly uri: string,
    readonly attrs: Record<string, string>,
    readonly parent: XNode | null,
    /** Char offset of the `<` of the start tag in the decoded text. */
    readonly start: number,
    openEnd: number,
    readonly selfClosing: boolean,
    private readonly lineStarts: number[],
  ) {
    this.openEnd = openEnd;
    this.closeStart = openEnd;
    this.end = openEnd;
  }

  /** 1-based line of the `<` of the start tag. */
  get line(): number {
    if (this.lineNo === 0) this.locate();
    return this.lineNo;
  }

  /** 1-based column of the `<` of the start tag. */
  get column(): number {
    if (this.lineNo === 0) this.locate();
    return this.columnNo;
  }

  private lineNo = 0;
  private columnNo = 0;

  private locate(): void {
    const { line, column } = lineColumn(this.lineStarts, this.start);
    this.lineNo = line;
    this.columnNo = column;
  }
}

export interface XTree {
  root: XNode;
  text: string;
  lineStarts: number[];
  /** Every element by local name, in document order (rules look elements up here). */
  byName: Map<string, XNode[]>;
}

export function isElement(item: Item): item is XNode {
  return item instanceof XNode;
}

/** Direct text content (text and CDATA, decoded), excluding comments and child elements. */
export function ownText(node: XNode): string {
  const items = node.items;
  if (items.length === 1 && typeof items[0] === 'string') return items[0];
  let s = '';
  for (const it of items) if (typeof it === 'string') s += it;
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
  const byName = new Map<string, XNode[]>();
  let root: XNode | null = null;
  const stack: XNode[] = [];
  const nsStack: Map<string, string>[] = [new Map([['xml', XML_NS]])];
  let pos = 0;
  const n = text.length;

  const addItem = (item: Item): void => {
    const top = stack[stack.length - 1];
    if (top) top.items.push(item);
  };

  while (pos < n) {
    const lt = text.indexOf('<', pos);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > pos && stack.length > 0) addItem(decodeText(text.slice(pos, textEnd)));
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
        addItem({ comment: text.slice(lt + 4, end) });
        pos = end + 3;
      } else if (text.startsWith('<![CDATA[', lt)) {
        const end = text.indexOf(']]>', lt + 9);
        if (end < 0) break;
        const raw = text.slice(lt + 9, end);
        addItem(raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw);
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
      let attrs = NO_ATTRS;
      let ns: Map<string, string> | null = null;
      for (;;) {
        ATTR.lastIndex = p;
        const a = ATTR.exec(text);
        if (!a) break;
        const value = decodeAttr(a[2] ?? a[3] ?? '');
        const key = a[1]!;
        if (attrs === NO_ATTRS) attrs = {};
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
      const local = colon < 0 ? name : name.slice(colon + 1);
      const parent = stack[stack.length - 1] ?? null;
      const node = new XNode(name, local, scope.get(colon < 0 ? '' : name.slice(0, colon)) ?? '', attrs, parent, lt, close + 1, selfClosing, lineStarts);
      if (parent) {
        parent.children.push(node);
        parent.items.push(node);
      } else root ??= node;
      const list = byName.get(local);
      if (list) list.push(node);
      else byName.set(local, [node]);
      if (!selfClosing) {
        stack.push(node);
        nsStack.push(scope);
      }
      pos = close + 1;
    }
  }
  if (!root) return null;
  return { root, text, lineStarts, byName };
}
