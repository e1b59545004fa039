import { charDataIn, segment, textBetween, type CommentItem } from './chardata.js';
import { lineColumn, lineStartsOf } from './lines.js';

export type { CommentItem } from './chardata.js';

/** An element's content in document order: child elements, character data (decoded), comments. */
export type Item = XNode | string | CommentItem;

/** Name of an element, shared by every element with the same name and namespace (one object, not three strings per node). */
export interface QName {
  /** As written, with prefix (`ans:guiaSP-SADT`). */
  readonly name: string;
  readonly local: string;
  readonly uri: string;
}

/** Elements by local name, in document order (what rules look elements up in). */
export interface NameIndex {
  get(local: string): readonly XNode[] | undefined;
}

const NO_ATTRS: Record<string, string> = Object.freeze({});
const NO_CHILDREN: XNode[] = Object.freeze([]) as unknown as XNode[];
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

// Flags of an element (ElementTable.flagsOf).
/** Character data beside child elements, or a CDATA section (even an empty one). */
export const FLAG_MIXED = 1;
/** Text other than white space before the element's first child: all of a leaf's text. */
export const FLAG_NONSPACE = 2;
/** A leaf whose text is not the plain slice between its tags (a reference, a CR, CDATA, a comment, a PI). */
export const FLAG_RAW = 4;

/** Int32 columns of the element table (parent, first child, next sibling, four offsets, name). */
const INT_COLUMNS = 8;

const PAGE_BITS = 10;
const PAGE = 1 << PAGE_BITS;

/**
 * The elements of one document, in parallel typed arrays indexed by element number (document order):
 * the compact tree of issue 11. An element is eight Int32 and one byte (33 bytes), against ~140 bytes of
 * heap for an object with its children array: a 76 MB lote's 1.2 million elements fit in ~40 MB, and the
 * collector has nothing to trace. The XSD engine and the hash walk these arrays; an XNode (the object rules,
 * findings and queries use) is made only when asked for, once per element, so that the same element is
 * always the same object (it is a map key in many places).
 *
 * Written by the scanner (scan.ts) only; read-only once the tree is returned.
 */
export class ElementTable {
  count = 0;
  parentOf!: Int32Array;
  firstChildOf!: Int32Array;
  nextSiblingOf!: Int32Array;
  /** Char offset of the `<` of the start tag in the decoded text. */
  startOf!: Int32Array;
  /** Char offset just after the start tag's `>`. */
  openEndOf!: Int32Array;
  /** Char offset of the end tag's `</` (openEnd for `<x/>`). */
  closeStartOf!: Int32Array;
  /** Char offset just after the end tag (openEnd for `<x/>`). */
  endOf!: Int32Array;
  /** Index into `names`. */
  nameIdOf!: Int32Array;
  flagsOf!: Uint8Array;
  /** The distinct names of the document (an element's is names[nameIdOf[id]]). */
  readonly names: QName[] = [];
  private readonly attributes = new Map<number, Record<string, string>>();
  private pages: (XNode | undefined)[][] = [];
  private starts: number[] | null = null;
  private index: NameIndex | null = null;
  private siblingIndex: Siblings | null = null;

  constructor(
    /** The decoded text every offset points into. */
    readonly text: string,
    capacity: number,
  ) {
    this.use(ElementTable.allocate(Math.max(16, capacity)));
  }

  /** Makes `views` the table's columns. */
  private use(views: { ints: Int32Array[]; flags: Uint8Array }): void {
    this.parentOf = views.ints[0]!;
    this.firstChildOf = views.ints[1]!;
    this.nextSiblingOf = views.ints[2]!;
    this.startOf = views.ints[3]!;
    this.openEndOf = views.ints[4]!;
    this.closeStartOf = views.ints[5]!;
    this.endOf = views.ints[6]!;
    this.nameIdOf = views.ints[7]!;
    this.flagsOf = views.flags;
  }

  /** The columns of `n` elements as views of one buffer: one allocation per file, not nine. */
  private static allocate(n: number): { ints: Int32Array[]; flags: Uint8Array } {
    const buffer = new ArrayBuffer(n * (INT_COLUMNS * 4 + 1));
    const ints = Array.from({ length: INT_COLUMNS }, (_, k) => new Int32Array(buffer, k * n * 4, n));
    return { ints, flags: new Uint8Array(buffer, INT_COLUMNS * n * 4, n) };
  }

  /** Adds an element after `previous` (its previous sibling, or -1 for a first child) and returns its number. */
  add(parent: number, previous: number, nameId: number, start: number, openEnd: number): number {
    const id = this.count;
    if (id === this.parentOf.length) this.resize(id * 2);
    this.count = id + 1;
    this.parentOf[id] = parent;
    this.firstChildOf[id] = -1;
    this.nextSiblingOf[id] = -1;
    this.startOf[id] = start;
    this.openEndOf[id] = openEnd;
    this.closeStartOf[id] = openEnd;
    this.endOf[id] = openEnd;
    this.nameIdOf[id] = nameId;
    if (previous >= 0) this.nextSiblingOf[previous] = id;
    else if (parent >= 0) this.firstChildOf[parent] = id;
    return id;
  }

  setAttributes(id: number, attrs: Record<string, string>): void {
    this.attributes.set(id, attrs);
  }

  /** Called by the scanner when it is done: gives back the unused capacity when it is large. */
  seal(): void {
    if (this.parentOf.length > this.count * 1.5 + 1024) this.resize(this.count);
    this.pages = new Array<(XNode | undefined)[] | undefined>(Math.ceil(this.count / PAGE)).fill(undefined) as (XNode | undefined)[][];
  }

  private resize(n: number): void {
    const views = ElementTable.allocate(n);
    const keep = Math.min(this.count, n);
    const old = [this.parentOf, this.firstChildOf, this.nextSiblingOf, this.startOf, this.openEndOf, this.closeStartOf, this.endOf, this.nameIdOf];
    for (let k = 0; k < INT_COLUMNS; k++) views.ints[k]!.set(old[k]!.subarray(0, keep));
    views.flags.set(this.flagsOf.subarray(0, keep));
    this.use(views);
  }

  /** The element as an object: made on first use, then always the same one. */
  node(id: number): XNode {
    const page = (this.pages[id >> PAGE_BITS] ??= new Array<XNode | undefined>(PAGE));
    return (page[id & (PAGE - 1)] ??= new XNode(this, id));
  }

  qname(id: number): QName {
    return this.names[this.nameIdOf[id]!]!;
  }

  attrs(id: number): Record<string, string> {
    return this.attributes.get(id) ?? NO_ATTRS;
  }

  /** Whether the element has attributes (most TISS elements have none; the root declares the namespaces). */
  hasAttributesAt(id: number): boolean {
    return this.attributes.has(id);
  }

  /**
   * Decoded character data of a leaf (text and CDATA, comments excluded); '' for an element with children.
   * Read from the source text on each call: most leaves are the plain slice between their tags.
   */
  leafText(id: number): string {
    if (this.firstChildOf[id]! >= 0) return '';
    const from = this.openEndOf[id]!;
    const to = this.closeStartOf[id]!;
    if (to === from) return '';
    if ((this.flagsOf[id]! & FLAG_RAW) === 0) return this.text.slice(from, to);
    return textBetween(this.text, from, to);
  }

  /**
   * Direct text content (text and CDATA, decoded), excluding comments and child elements: a leaf's text, or
   * the character data between a container's children, read from the offsets with no object made.
   */
  ownText(id: number): string {
    let c = this.firstChildOf[id]!;
    if (c < 0) return this.leafText(id);
    let s = '';
    let from = this.openEndOf[id]!;
    for (; c >= 0; c = this.nextSiblingOf[c]!) {
      s += textBetween(this.text, from, this.startOf[c]!);
      from = this.endOf[c]!;
    }
    return s + textBetween(this.text, from, this.closeStartOf[id]!);
  }

  /** The character data of an element up to its first child element (all of it for a leaf). */
  textBeforeFirstChild(id: number): string {
    const c = this.firstChildOf[id]!;
    return c < 0 ? this.leafText(id) : textBetween(this.text, this.openEndOf[id]!, this.startOf[c]!);
  }

  /** The number of the first child element with this local name, or -1. */
  childNamed(id: number, local: string): number {
    let c = this.firstChildOf[id]!;
    while (c >= 0 && this.qname(c).local !== local) c = this.nextSiblingOf[c]!;
    return c;
  }

  /**
   * What an element-only content model refuses: character data other than XML white space, or a CDATA section
   * (even an empty one: libxml2 refuses any CDATA in element-only content, measured).
   */
  hasText(id: number): boolean {
    return (this.flagsOf[id]! & (FLAG_MIXED | FLAG_NONSPACE)) !== 0;
  }

  /**
   * Whether `id` has character data (as hasText counts it) before its child `stop`: libxml2 reads an
   * element-only content only up to the first child it does not expect, so text after it is never reported.
   */
  hasTextBefore(id: number, stop: number): boolean {
    if ((this.flagsOf[id]! & FLAG_MIXED) === 0) return false;
    let from = this.openEndOf[id]!;
    for (let c = this.firstChildOf[id]!; c >= 0; c = this.nextSiblingOf[c]!) {
      if (charDataIn(this.text, from, this.startOf[c]!)) return true;
      if (c === stop) return false;
      from = this.endOf[c]!;
    }
    return false;
  }

  /** Child elements as objects (a shared empty array for a leaf). */
  childNodes(id: number): XNode[] {
    let c = this.firstChildOf[id]!;
    if (c < 0) return NO_CHILDREN;
    const kids: XNode[] = [];
    for (; c >= 0; c = this.nextSiblingOf[c]!) kids.push(this.node(c));
    return kids;
  }

  /** Char offset where each line starts, computed on first use (a document with no finding never needs them). */
  get lineStarts(): number[] {
    return (this.starts ??= lineStartsOf(this.text));
  }

  /** Where elements are among their siblings (positionOf, nthChild): built per parent on first use. */
  get siblings(): Siblings {
    return (this.siblingIndex ??= new Siblings(this));
  }

  /** Every element by local name, in document order: built on the first question, objects made per name asked. */
  get byName(): NameIndex {
    return (this.index ??= this.buildIndex());
  }

  private buildIndex(): NameIndex {
    // Element numbers grouped by local name (a counting sort, document order kept): one Int32Array.
    const locals = new Map<string, number>();
    const localOfName = Int32Array.from(this.names, (q) => {
      let l = locals.get(q.local);
      if (l === undefined) locals.set(q.local, (l = locals.size));
      return l;
    });
    const from = new Int32Array(locals.size + 1);
    for (let id = 0; id < this.count; id++) from[localOfName[this.nameIdOf[id]!]! + 1]!++;
    for (let l = 0; l < locals.size; l++) from[l + 1]! += from[l]!;
    const next = from.slice(0, locals.size);
    const order = new Int32Array(this.count);
    for (let id = 0; id < this.count; id++) order[next[localOfName[this.nameIdOf[id]!]!]!++] = id;
    const made = new Map<string, XNode[]>();
    return {
      get: (local) => {
        let nodes = made.get(local);
        if (!nodes) {
          const l = locals.get(local);
          if (l === undefined) return undefined;
          nodes = [];
          for (let k = from[l]!; k < from[l + 1]!; k++) nodes.push(this.node(order[k]!));
          made.set(local, nodes);
        }
        return nodes;
      },
    };
  }
}

/**
 * An element of the message with where it is in the file: a view of one row of its ElementTable. Built by
 * our own reading of the decoded text (scan.ts), so that findings can point at a line and column, the
 * hash can be fixed in place, and rules can read the message without calls into wasm. Everything is read
 * from the table; only the children array is kept, once asked for.
 */
export class XNode {
  private kids: XNode[] | undefined = undefined;
  constructor(
    readonly table: ElementTable,
    /** The element's number in its table (document order). */
    readonly id: number,
  ) {}

  /** Element children, in order (a shared empty array for leaves). */
  get children(): XNode[] {
    return (this.kids ??= this.table.childNodes(this.id));
  }

  /** Whether the element has child elements (no array made). */
  get hasChildren(): boolean {
    return this.table.firstChildOf[this.id]! >= 0;
  }

  /** Decoded character data of a leaf (text and CDATA, comments excluded); '' for containers (see ownText). */
  get text(): string {
    return this.table.leafText(this.id);
  }

  get parent(): XNode | null {
    const p = this.table.parentOf[this.id]!;
    return p < 0 ? null : this.table.node(p);
  }

  get attrs(): Record<string, string> {
    return this.table.attrs(this.id);
  }

  /** The shared name object ({ name, local, uri }): what content models are matched on, with no allocation. */
  get qname(): QName {
    return this.table.qname(this.id);
  }

  /** Name as written, with prefix (`ans:guiaSP-SADT`). */
  get name(): string {
    return this.qname.name;
  }

  get local(): string {
    return this.qname.local;
  }

  /** Namespace URI ('' for none). */
  get uri(): string {
    return this.qname.uri;
  }

  /** Char offset of the `<` of the start tag in the decoded text. */
  get start(): number {
    return this.table.startOf[this.id]!;
  }

  /** Char offset just after the start tag's `>`. */
  get openEnd(): number {
    return this.table.openEndOf[this.id]!;
  }

  /** Char offset of the end tag's `</` (openEnd for `<x/>`). */
  get closeStart(): number {
    return this.table.closeStartOf[this.id]!;
  }

  /** Char offset just after the end tag. */
  get end(): number {
    return this.table.endOf[this.id]!;
  }

  /** `<x/>`: the start tag is the whole element. */
  get selfClosing(): boolean {
    return this.end === this.openEnd;
  }

  /** 1-based line of the `<` of the start tag. */
  get line(): number {
    return lineColumn(this.table.lineStarts, this.start).line;
  }

  /** 1-based column of the `<` of the start tag. */
  get column(): number {
    return lineColumn(this.table.lineStarts, this.start).column;
  }

  /** Element children, text and comments, in order (read again from the source text). */
  get items(): Item[] {
    return itemsOf(this);
  }
}

export interface XTree {
  root: XNode;
  text: string;
  /** Char offset where each line starts (see lineStartsOf; computed on first use). */
  readonly lineStarts: number[];
  /** Every element by local name, in document order (rules look elements up here). */
  readonly byName: NameIndex;
  /** Number of elements in the document. */
  elements: number;
  /** The elements themselves, for walks that need no objects (the XSD engine, the hash). */
  table: ElementTable;
}

export function isElement(item: Item): item is XNode {
  return item instanceof XNode;
}

/** Direct text content (text and CDATA, decoded), excluding comments and child elements. */
export function ownText(node: XNode): string {
  return node.table.ownText(node.id);
}

/** First child element with this local name. */
export function child(node: XNode | null | undefined, local: string): XNode | undefined {
  if (!node) return undefined;
  const c = node.table.childNamed(node.id, local);
  return c < 0 ? undefined : node.table.node(c);
}

/** Text of the first descendant reached by following local names (`path('cabecalho','Padrao')`). */
export function textAt(node: XNode | null | undefined, ...path: string[]): string | undefined {
  let cur: XNode | undefined = node ?? undefined;
  for (const p of path) cur = child(cur, p);
  return cur ? ownText(cur) : undefined;
}

interface Position {
  /** 0-based among all element siblings. */
  index: number;
  /** 1-based among siblings of the same local name. */
  nameIndex: number;
  /** How many siblings have this local name (the element included). */
  nameCount: number;
}

/**
 * The namespace URI `prefix` is bound to at `node` ('' for the default namespace), from the declarations on
 * it and its ancestors; '' when none binds it. For a name read after the scan (an attribute, a QName in an
 * XSD's `ref`): the scanner itself keeps its bindings in scope as it goes.
 */
export function namespaceOfPrefix(node: XNode, prefix: string): string {
  if (prefix === 'xml') return XML_NS;
  const key = prefix === '' ? 'xmlns' : `xmlns:${prefix}`;
  for (let cur: XNode | null = node; cur; cur = cur.parent) {
    const v = cur.attrs[key];
    if (v !== undefined) return v;
  }
  return '';
}

/**
 * Where an element is among its siblings. Indexed once per parent, on first use, so that locating
 * 10,000 findings among 10,000 siblings is linear (issue 9), not a scan of the siblings per finding.
 * Kept by the element's table, by element number: a WeakMap keyed by element, whose values held
 * elements, kept every file's tree alive through the young-generation collections.
 */
export function positionOf(node: XNode): Position {
  return node.table.siblings.position(node.id);
}

/** The `n`-th (1-based) child of `parent` with this local name, or every child element when `local` is null. */
export function nthChild(parent: XNode, local: string | null, n: number): XNode | undefined {
  return parent.table.siblings.nth(parent.id, local, n);
}

/** The element just before `node` among its parent's children (no object made for the others). */
export function previousSibling(node: XNode): XNode | undefined {
  const parent = node.parent;
  const at = positionOf(node).index;
  return parent && at > 0 ? nthChild(parent, null, at) : undefined;
}

/** A parent's children by number: all of them, and those of each local name (numbers grow in document order). */
interface ChildIndex {
  all: Int32Array;
  byLocal: Map<string, Int32Array>;
}

/** Position of `id` in an increasing list of element numbers (binary search). */
function rank(list: Int32Array, id: number): number {
  let lo = 0;
  let hi = list.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Sibling positions of one table's elements (positionOf, nthChild): per parent asked, its children's
 * numbers in typed arrays (8 bytes a child), not an object per child: a root with 9.8 million children
 * (150 MB of tiny elements) took 1 GB of maps for the one finding that needed its position.
 */
class Siblings {
  private readonly parents = new Map<number, ChildIndex>();
  constructor(private readonly t: ElementTable) {}

  private indexOf(parent: number): ChildIndex {
    let index = this.parents.get(parent);
    if (!index) {
      // Two passes (count, then fill) straight into typed arrays: no array of numbers growing on the way.
      const t = this.t;
      const counts = new Map<string, number>();
      let total = 0;
      for (let c = t.firstChildOf[parent]!; c >= 0; c = t.nextSiblingOf[c]!, total++) {
        const local = t.qname(c).local;
        counts.set(local, (counts.get(local) ?? 0) + 1);
      }
      const all = new Int32Array(total);
      const byLocal = new Map<string, Int32Array>();
      const filled = new Map<string, number>();
      for (const [local, n] of counts) {
        byLocal.set(local, new Int32Array(n));
        filled.set(local, 0);
      }
      let i = 0;
      for (let c = t.firstChildOf[parent]!; c >= 0; c = t.nextSiblingOf[c]!) {
        all[i++] = c;
        const local = t.qname(c).local;
        const k = filled.get(local)!;
        byLocal.get(local)![k] = c;
        filled.set(local, k + 1);
      }
      index = { all, byLocal };
      this.parents.set(parent, index);
    }
    return index;
  }

  position(id: number): Position {
    const parent = this.t.parentOf[id]!;
    if (parent < 0) return { index: 0, nameIndex: 1, nameCount: 1 };
    const index = this.indexOf(parent);
    const same = index.byLocal.get(this.t.qname(id).local)!;
    return { index: rank(index.all, id), nameIndex: rank(same, id) + 1, nameCount: same.length };
  }

  nth(parent: number, local: string | null, n: number): XNode | undefined {
    const index = this.indexOf(parent);
    const list = local === null ? index.all : index.byLocal.get(local);
    const id = list && n >= 1 && n <= list.length ? list[n - 1]! : -1;
    return id < 0 ? undefined : this.t.node(id);
  }
}

/** The first child element whose name passes `test` (no object made for the others). */
export function findChild(node: XNode | null | undefined, test: (q: QName) => boolean): XNode | undefined {
  if (!node) return undefined;
  const t = node.table;
  for (let c = t.firstChildOf[node.id]!; c >= 0; c = t.nextSiblingOf[c]!) if (test(t.qname(c))) return t.node(c);
  return undefined;
}

/** Whether every child element's name passes `test` (no object made). */
export function everyChild(node: XNode, test: (q: QName) => boolean): boolean {
  const t = node.table;
  for (let c = t.firstChildOf[node.id]!; c >= 0; c = t.nextSiblingOf[c]!) if (!test(t.qname(c))) return false;
  return true;
}

/** Text, CDATA and comments of `node` between its children, read again from the source. */
function itemsOf(node: XNode): Item[] {
  const items: Item[] = [];
  if (node.selfClosing) return items;
  const text = node.table.text;
  let from = node.openEnd;
  for (const c of node.children) {
    segment(text, from, c.start, items);
    items.push(c);
    from = c.end;
  }
  segment(text, from, node.closeStart, items);
  return items;
}
