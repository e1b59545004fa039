import { badComment, badDeclaration, badProcessingInstruction, badReference, forbiddenChar, isQName, MAX_DEPTH, MAX_MARKUP_LENGTH, MAX_NAME_LENGTH, MAX_TEXT_LENGTH, tooLong, TRUNCATED_FIX, undeclaredPrefix, indexWithin, type WellFormedError } from './wellformed.js';

/** A comment among an element's children (text is a plain string, elements are XNode). */
export interface CommentItem {
  comment: string;
}

/** An element's content in document order: child elements, character data (decoded), comments. */
export type Item = XNode | string | CommentItem;

/** Name of an element, shared by every element with the same name and namespace (one object, not three strings per node). */
export interface QName {
  /** As written, with prefix (`ans:guiaSP-SADT`). */
  readonly name: string;
  readonly local: string;
  readonly uri: string;
}

const NO_ATTRS: Record<string, string> = Object.freeze({});
const NO_CHILDREN: XNode[] = Object.freeze([]) as unknown as XNode[];

/**
 * An element of the message with where it is in the file. Built by our own reading of the decoded
 * text, so that findings can point at a line and column, the hash can be fixed in place, and rules can
 * read the message without calls into wasm.
 *
 * Kept small on purpose (issue 9: a file of tiny elements must not cost 65 bytes of memory per input
 * byte): the name is a shared object, leaves carry their decoded text, containers carry only their
 * children; the interleaved text and comments of an element (`items`) and line/column are computed from
 * the source text on demand, since only the hash diagnosis and findings need them.
 */
export class XNode {
  /**
   * The children (an array, in order) of an element that has some, else its text (a string): one field for
   * both, read through `children` and `text` (issue 11: 8 bytes less on every element). Written by scanTree only.
   */
  content: XNode[] | string = '';
  attrs: Record<string, string> = NO_ATTRS;
  /** Char offset just after the start tag's `>`, start of `</`, and after the end tag. */
  openEnd: number;
  closeStart: number;
  end: number;
  constructor(
    private readonly q: QName,
    readonly parent: XNode | null,
    /** Char offset of the `<` of the start tag in the decoded text. */
    readonly start: number,
    openEnd: number,
  ) {
    this.openEnd = openEnd;
    this.closeStart = openEnd;
    this.end = openEnd;
  }

  /** Element children, in order (a shared empty array for leaves). */
  get children(): XNode[] {
    const c = this.content;
    return typeof c === 'string' ? NO_CHILDREN : c;
  }

  /** Decoded character data of a leaf (text and CDATA, comments excluded); '' for containers (see ownText). */
  get text(): string {
    const c = this.content;
    return typeof c === 'string' ? c : '';
  }

  /** The shared name object ({ name, local, uri }): what content models are matched on, with no allocation. */
  get qname(): QName {
    return this.q;
  }

  /** Name as written, with prefix (`ans:guiaSP-SADT`). */
  get name(): string {
    return this.q.name;
  }

  get local(): string {
    return this.q.local;
  }

  /** Namespace URI ('' for none). */
  get uri(): string {
    return this.q.uri;
  }

  /** `<x/>`: the start tag is the whole element. */
  get selfClosing(): boolean {
    return this.end === this.openEnd;
  }

  /** 1-based line of the `<` of the start tag. */
  get line(): number {
    return lineColumn(sourceOf(this).lineStarts, this.start).line;
  }

  /** 1-based column of the `<` of the start tag. */
  get column(): number {
    return lineColumn(sourceOf(this).lineStarts, this.start).column;
  }

  /** Element children, text and comments, in order (read again from the source text). */
  get items(): Item[] {
    return itemsOf(this, sourceOf(this).text);
  }
}

/**
 * The tree a root element belongs to (source text and line index). Kept per root, not per element
 * (issue 11: 8 bytes less on every element); an element finds it through its ancestors, a dozen at most.
 */
const sources = new WeakMap<XNode, TreeSource>();

function sourceOf(node: XNode): TreeSource {
  let root = node;
  while (root.parent) root = root.parent;
  return sources.get(root)!;
}

/**
 * What every node of a tree shares. Line starts are computed on first use (a line or column asked for):
 * a document with no finding never needs them (a 76 MB lote has 1.3 million lines: 10 MB and ~15% of the
 * scan, measured).
 */
class TreeSource {
  private starts: number[] | null = null;
  constructor(readonly text: string) {}
  get lineStarts(): number[] {
    return (this.starts ??= lineStartsOf(this.text));
  }
}

export interface XTree {
  root: XNode;
  text: string;
  /** Char offset where each line starts (see lineStartsOf; computed on first use). */
  readonly lineStarts: number[];
  /** Every element by local name, in document order (rules look elements up here). */
  byName: Map<string, XNode[]>;
  /** Number of elements in the document. */
  elements: number;
}

export function isElement(item: Item): item is XNode {
  return item instanceof XNode;
}

/** Direct text content (text and CDATA, decoded), excluding comments and child elements. */
export function ownText(node: XNode): string {
  if (node.children.length === 0) return node.text;
  let s = '';
  for (const it of node.items) if (typeof it === 'string') s += it;
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

/**
 * Where each line starts. Lines end at LF (a CRLF ends at its LF). A lone CR (old Mac files) does not
 * start a line: libxml2 counts lines so (measured: a CR-only file is all "line 1" in its errors), and the
 * line of every finding must be the one xmllint gives. Code frames show such a CR escaped.
 */
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

interface Position {
  /** 0-based among all element siblings. */
  index: number;
  /** 1-based among siblings of the same local name. */
  nameIndex: number;
  /** How many siblings have this local name (the element included). */
  nameCount: number;
}

/** Elements with character data (not white space) beside child elements: few, so a set rather than a field on every node. */
const mixed = new WeakSet<XNode>();

/**
 * The element has character data other than XML white space, or a CDATA section (even an empty one:
 * libxml2 refuses any CDATA in element-only content, measured): what an element-only content model refuses.
 */
export function hasText(node: XNode): boolean {
  return mixed.has(node) || (node.children.length === 0 && !isSpace(node.text, 0, node.text.length));
}

/**
 * Whether `node` has character data before its child `stop` (text other than white space, or a CDATA section,
 * as hasText counts them): libxml2 reads an element-only content only up to the first child it does not
 * expect, so text after that child is never reported.
 */
export function hasTextBefore(node: XNode, stop: XNode): boolean {
  if (!mixed.has(node)) return false;
  const text = sourceOf(node).text;
  let from = node.openEnd;
  for (const c of node.children) {
    if (charDataIn(text, from, c.start)) return true;
    if (c === stop) return false;
    from = c.end;
  }
  return false;
}

/** Whether the offsets hold character data that counts as text (see hasTextBefore); comments and PIs do not. */
function charDataIn(text: string, from: number, to: number): boolean {
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

const positions = new WeakMap<XNode, Map<XNode, Position>>();

/**
 * Where an element is among its siblings. Computed once per parent, on first use, so that locating
 * 10,000 findings among 10,000 siblings is linear (issue 9), not a scan of the siblings per finding.
 */
export function positionOf(node: XNode): Position {
  const parent = node.parent;
  if (!parent) return { index: 0, nameIndex: 1, nameCount: 1 };
  let table = positions.get(parent);
  if (!table) {
    table = new Map();
    const counts = new Map<string, number>();
    const kids = parent.children;
    for (let i = 0; i < kids.length; i++) {
      const k = kids[i]!;
      const n = (counts.get(k.local) ?? 0) + 1;
      counts.set(k.local, n);
      table.set(k, { index: i, nameIndex: n, nameCount: 0 });
    }
    for (const [k, p] of table) p.nameCount = counts.get(k.local)!;
    positions.set(parent, table);
  }
  return table.get(node)!;
}

const sameName = new WeakMap<XNode, Map<string, XNode[]>>();

/** Children of `parent` with this local name, in order (indexed once per parent). */
export function childrenNamed(parent: XNode, local: string): XNode[] {
  let index = sameName.get(parent);
  if (!index) {
    index = new Map();
    for (const k of parent.children) {
      const list = index.get(k.local);
      if (list) list.push(k);
      else index.set(k.local, [k]);
    }
    sameName.set(parent, index);
  }
  return index.get(local) ?? [];
}

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

/** Why the text could not be read as one element tree. */
export type TreeProblem =
  /** A `<!DOCTYPE` (or any other markup declaration): never read, whatever its position. */
  | { kind: 'doctype'; offset: number }
  /** Markup our reading does not accept (unclosed, mismatched, a second root, text outside the root...). */
  | { kind: 'malformed'; offset: number; what: string }
  | { kind: 'no-root'; offset: number }
  /** Strict mode: what XML 1.0 + Namespaces refuses, said for a faturista. */
  | { kind: 'not-well-formed'; offset: number; message: string; fix: string | null };

export interface ScanOptions {
  /**
   * Check well-formedness in full (names, references, characters, the XML declaration, comments,
   * namespace declarations, libxml2's depth and text limits): the reading the compiled XSD engine relies
   * on instead of a second parser. Off, the scanner reads what libxml2 already accepted.
   */
  strict?: boolean;
}

/**
 * Where the name that starts at `from` ends: the first char of `[\s/>=<]` (JavaScript's \s, Unicode spaces
 * included), or the end of the text. A loop rather than a sticky pattern: the pattern's match array was
 * one more allocation per element for the collector.
 */
function endOfName(text: string, from: number): number {
  const n = text.length;
  let i = from;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2f || c === 0x3e || c === 0x3d || c === 0x3c || c === 0x20 || (c >= 0x09 && c <= 0x0d)) break;
    if (c >= 0xa0 && (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff)) break;
  }
  return i;
}
const ATTR = /\s*([^\s/>=<]+)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;
function markMixed(node: XNode, s: string): void {
  if (!isSpace(s, 0, s.length)) mixed.add(node);
}

/**
 * `text.startsWith(s, at)` as a loop: String.prototype.startsWith with a position was 16% of the scan
 * on the large decoded text (measured), a compare of a name's few chars is not.
 */
function startsWithAt(text: string, s: string, at: number): boolean {
  if (at + s.length > text.length) return false;
  for (let i = 0; i < s.length; i++) if (text.charCodeAt(at + i) !== s.charCodeAt(i)) return false;
  return true;
}

/** Only XML white space between two offsets. */
function isSpace(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return false;
  }
  return true;
}

/**
 * Reads the element tree of a document. A small scanner rather than a general SAX parser (measured
 * here, saxes took 18 ms on a 100-guia SP/SADT lote, twice libxml2's parse plus XSD validation). It is
 * strict about what it does not understand: a DOCTYPE anywhere, an unclosed or mismatched tag, a second
 * root element, or text outside the root is a problem, never a guess, so that it cannot read another
 * document than the one libxml2 parsed (issue 9: a decoy message inside a DOCTYPE's entity value).
 * Namespace scopes are kept in one map with an undo list per element: linear in the number of
 * declarations, whatever the nesting. A prefix going out of scope is set back to undefined, never
 * deleted: V8's Map is quadratic under set/delete churn on a large map (a root declaring 80,000
 * prefixes, then 80,000 elements each declaring one: 7.4 s with delete, 0.1 s without).
 */
export function scanTree(text: string, options: ScanOptions = {}): { tree: XTree } | { problem: TreeProblem } {
  const strict = options.strict === true;
  const source = new TreeSource(text);
  const byName = new Map<string, XNode[]>();
  const qnames = new Map<string, QName | Map<string, QName>>();
  let root: XNode | null = null;
  let rootClosed = false;
  let elements = 0;
  const stack: XNode[] = [];
  /** Pending character data of the element on top of the stack (while it has no child element). */
  let pending = '';
  const ns = new Map<string, string | undefined>([['xml', XML_NS]]);
  /** Undo records: [prefix, previous uri or undefined], with a count per open element. */
  const undo: [string, string | undefined][] = [];
  const undoCounts: number[] = [];
  const restore = (count: number): void => {
    for (let k = count; k > 0; k--) {
      const [prefix, previous] = undo.pop()!;
      ns.set(prefix, previous);
    }
  };
  // A BOM decoded into the text (UTF-8, UTF-16) is not content.
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  const malformed = (offset: number, what: string, message?: string, fix: string | null = null) =>
    strict && message !== undefined ? refuse({ offset, message, fix }) : { problem: { kind: 'malformed', offset, what } as TreeProblem };
  const refuse = (e: WellFormedError) => ({ problem: { kind: 'not-well-formed', ...e } as TreeProblem });
  if (strict) {
    const bad = forbiddenChar(text);
    if (bad) return refuse(bad);
  }
  /** Offset just after the last non-white character: where a truncated file ends. */
  const endOfContent = (): number => {
    let i = n;
    while (i > 0 && isSpace(text, i - 1, i)) i--;
    return Math.max(0, i - 1);
  };

  /** The shared name object; `hit` is qnames.get(name), looked up once by the caller. */
  const qname = (name: string, uri: string, hit: QName | Map<string, QName> | undefined): QName => {
    if (hit && !(hit instanceof Map) && hit.uri === uri) return hit;
    const colon = name.indexOf(':');
    const make = (): QName => ({ name, local: colon < 0 ? name : name.slice(colon + 1), uri });
    if (!hit) {
      const q = make();
      qnames.set(name, q);
      return q;
    }
    let byUri: Map<string, QName>;
    if (hit instanceof Map) byUri = hit;
    else {
      byUri = new Map([[hit.uri, hit]]);
      qnames.set(name, byUri);
    }
    let q = byUri.get(uri);
    if (!q) byUri.set(uri, (q = make()));
    return q;
  };

  /** Strict mode: every prefix used by the element and its attributes is declared, and no two attributes are the same name in the same namespace. */
  const namespaceProblem = (name: string, attributes: Record<string, string>, at: number): WellFormedError | null => {
    const colon = name.indexOf(':');
    if (colon > 0 && ns.get(name.slice(0, colon)) === undefined) return undeclaredPrefix(name.slice(0, colon), name, at);
    if (attributes === NO_ATTRS) return null;
    let seen: Set<string> | null = null;
    for (const key of Object.keys(attributes)) {
      if (key === 'xmlns' || key.startsWith('xmlns:')) continue;
      const c = key.indexOf(':');
      if (c < 0) continue;
      const uri = ns.get(key.slice(0, c));
      if (uri === undefined) return undeclaredPrefix(key.slice(0, c), key, at);
      const expanded = `{${uri}}${key.slice(c + 1)}`;
      seen ??= new Set();
      if (seen.has(expanded)) return { offset: at, message: `A tag <${name}> tem dois atributos com o mesmo nome no mesmo namespace (${key}).`, fix: 'Deixe o atributo uma única vez.' };
      seen.add(expanded);
    }
    return null;
  };

  /** Names already checked (strict mode): each distinct name is checked once. */
  const goodNames = new Set<string>();
  const nameOk = (nm: string): boolean => {
    if (goodNames.has(nm)) return true;
    if (nm.length > MAX_NAME_LENGTH || !isQName(nm)) return false;
    goodNames.add(nm);
    return true;
  };

  /** Character data for the open element (kept only while it has no child element: leaves carry their text). */
  const addText = (s: string): void => {
    const top = stack[stack.length - 1];
    if (top && top.children.length === 0) pending = pending === '' ? s : pending + s;
  };

  // Made once, not per start tag (a closure per element was garbage for the collector).
  // A "<" (or "<ans:") with nothing after it but the start of a name is where the file was cut, not a stray "<".
  const badStart = (lt: number): ReturnType<typeof refuse> =>
    /^[^\s<>&]*$/.test(text.slice(lt + 1))
      ? malformed(lt, 'arquivo termina em "<"', 'O arquivo termina no meio de uma tag: o arquivo parece truncado.', TRUNCATED_FIX)
      : malformed(lt, '"<" sem nome de elemento', 'Há um "<" que não inicia uma tag válida; no texto ele precisa ser escrito como &lt;.', 'Troque "<" no texto por "&lt;", ou corrija o nome da tag.');

  while (pos < n) {
    const lt = text.indexOf('<', pos);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > pos) {
      // No string is made for the indentation between elements (most of a file's text nodes).
      const top = stack[stack.length - 1];
      if (strict && top) {
        const bad = badReference(text, pos, textEnd);
        if (bad) return refuse(bad);
        for (let gt = indexWithin(text, '>', pos, textEnd); gt >= 0; gt = indexWithin(text, '>', gt + 1, textEnd)) {
          if (gt >= pos + 2 && text.charCodeAt(gt - 1) === 0x5d && text.charCodeAt(gt - 2) === 0x5d) {
            return refuse({ offset: gt - 2, message: 'O texto contém "]]>", o que XML não permite fora de uma seção CDATA.', fix: 'Escreva "]]&gt;" no lugar de "]]>".' });
          }
        }
        if (textEnd - pos > MAX_TEXT_LENGTH && decodeText(text.slice(pos, textEnd)).length > MAX_TEXT_LENGTH) return refuse(tooLong(pos, 'Um texto', MAX_TEXT_LENGTH));
      }
      if (!top) {
        if (!isSpace(text, pos, textEnd)) {
          return malformed(pos, 'texto fora do elemento raiz', root ? 'Há conteúdo depois do fim do elemento raiz (uma segunda mensagem colada, ou lixo no fim do arquivo).' : 'O conteúdo não começa com uma tag XML ("<").', root ? 'Deixe um único elemento raiz por arquivo e remova o que vem depois dele.' : 'Confira se o arquivo é mesmo o XML TISS; remova qualquer texto antes de <?xml ...?>.');
        }
      } else if (top.children.length === 0) addText(decodeText(text.slice(pos, textEnd)));
      else if (!isSpace(text, pos, textEnd)) markMixed(top, decodeText(text.slice(pos, textEnd)));
    }
    if (lt < 0) break;
    const next = text.charCodeAt(lt + 1);
    if (next === 0x3f /* ? */) {
      const end = text.indexOf('?>', lt + 2);
      if (end < 0) return malformed(lt, 'instrução de processamento sem "?>"', 'Uma instrução de processamento <? não foi fechada com ?>: o arquivo parece truncado.', TRUNCATED_FIX);
      if (strict) {
        const bad = badProcessingInstruction(text, lt, end, lt === (text.charCodeAt(0) === 0xfeff ? 1 : 0));
        if (bad) return refuse(bad);
        if (end - lt > MAX_MARKUP_LENGTH) return refuse(tooLong(lt, 'Uma instrução de processamento', MAX_MARKUP_LENGTH));
      }
      pos = end + 2;
    } else if (next === 0x21 /* ! */) {
      if (text.startsWith('<!--', lt)) {
        const end = text.indexOf('-->', lt + 4);
        if (end < 0) return malformed(lt, 'comentário sem "-->"', 'Um comentário <!-- não foi fechado com -->.', 'Feche o comentário com --> ou remova-o.');
        if (strict) {
          const bad = badComment(text, lt + 4, end, lt);
          if (bad) return refuse(bad);
          if (end - lt > MAX_MARKUP_LENGTH) return refuse(tooLong(lt, 'Um comentário', MAX_MARKUP_LENGTH));
        }
        pos = end + 3;
      } else if (text.startsWith('<![CDATA[', lt)) {
        if (stack.length === 0) return malformed(lt, 'CDATA fora do elemento raiz', 'Há uma seção CDATA fora do elemento raiz.', 'Remova-a.');
        const end = text.indexOf(']]>', lt + 9);
        if (end < 0) return malformed(lt, 'CDATA sem "]]>"', 'Uma seção <![CDATA[ não foi fechada com ]]>.', 'Feche a seção com ]]>.');
        if (strict && end - lt > MAX_MARKUP_LENGTH) return refuse(tooLong(lt, 'Uma seção CDATA', MAX_MARKUP_LENGTH));
        const raw = text.slice(lt + 9, end);
        const top = stack[stack.length - 1]!;
        if (top.children.length === 0) addText(raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw);
        mixed.add(top);
        pos = end + 3;
      } else {
        // <!DOCTYPE, <!ENTITY, <!ELEMENT...: declarations are never read (no DTD, no entities).
        return { problem: { kind: 'doctype', offset: lt } };
      }
    } else if (next === 0x2f /* / */) {
      const end = text.indexOf('>', lt + 2);
      const node = stack.pop();
      if (end < 0) return malformed(lt, 'marca de fim sem ">"', 'O arquivo termina sem fechar todas as tags: o arquivo parece truncado.', TRUNCATED_FIX);
      if (!node) return malformed(lt, 'marca de fim sem início', `A tag de fechamento </${text.slice(lt + 2, end)}> não tem tag de abertura.`, 'Remova a tag de fechamento que sobra.');
      if (!startsWithAt(text, node.name, lt + 2) || !isSpace(text, lt + 2 + node.name.length, end)) {
        const closing = text.slice(lt + 2, end).trim();
        // Where libxml2 puts it: just after the end tag (the line and column xmllint shows).
        const local = (q: string): string => q.slice(q.indexOf(':') + 1);
        if (strict) return refuse({ offset: end + 1, message: `A tag de fechamento </${local(closing)}> não corresponde à tag aberta <${node.local}> (aberta na linha ${node.line}).`, fix: `Feche <${node.name}> com </${node.name}> antes de fechar outra tag, ou corrija o nome da tag.` });
        return malformed(lt, `</${text.slice(lt + 2, end)}> não fecha <${node.name}>`);
      }
      if (typeof node.content === 'string' && pending !== '') node.content = pending;
      pending = '';
      restore(undoCounts.pop() ?? 0);
      node.closeStart = lt;
      node.end = end + 1;
      if (stack.length === 0) rootClosed = true;
      pos = end + 1;
    } else {
      const nameEnd = endOfName(text, lt + 1);
      if (nameEnd === lt + 1) return badStart(lt);
      if (rootClosed) return malformed(lt, 'um segundo elemento raiz', 'Há conteúdo depois do fim do elemento raiz (uma segunda mensagem colada, ou lixo no fim do arquivo).', 'Deixe um único elemento raiz por arquivo e remova o que vem depois dele.');
      const name = text.slice(lt + 1, nameEnd);
      // Strict mode: a name is checked the first time it is seen (qnames holds every name seen).
      const known = qnames.get(name);
      if (strict && known === undefined && !nameOk(name)) return badStart(lt);
      if (strict && stack.length >= MAX_DEPTH) return refuse({ offset: lt, message: `Os elementos estão aninhados em mais de ${MAX_DEPTH} níveis, o limite do leitor XML; uma mensagem TISS tem menos de 15.`, fix: 'Confira o arquivo: ele provavelmente está corrompido ou foi montado errado.' });
      let p = nameEnd;
      let attrs = NO_ATTRS;
      let declared = 0;
      const after = text.charCodeAt(p);
      // Most elements have no attribute: skip the attribute pattern when the tag ends right after the name.
      for (; after !== 0x3e && !(after === 0x2f && text.charCodeAt(p + 1) === 0x3e); ) {
        ATTR.lastIndex = p;
        const a = ATTR.exec(text);
        if (!a) break;
        const raw = a[2] ?? a[3] ?? '';
        const key = a[1]!;
        if (strict) {
          const attrAt = p;
          if (!isSpace(text, p, p + 1) || !nameOk(key)) return refuse({ offset: attrAt, message: `A tag <${name}> tem um atributo mal escrito (falta espaço entre atributos, ou o nome tem caracteres inválidos).`, fix: 'Escreva os atributos como nome="valor", separados por espaço.' });
          if (attrs !== NO_ATTRS && Object.hasOwn(attrs, key)) return refuse({ offset: attrAt, message: `O atributo ${key} aparece duas vezes na mesma tag.`, fix: 'Deixe o atributo uma única vez.' });
          const valueAt = ATTR.lastIndex - raw.length - 1;
          if (raw.length > MAX_MARKUP_LENGTH) return refuse(tooLong(valueAt, `O valor do atributo ${key}`, MAX_MARKUP_LENGTH));
          const bad = badReference(text, valueAt, valueAt + raw.length);
          if (bad) return refuse(bad);
        }
        const value = decodeAttr(raw);
        if (attrs === NO_ATTRS) attrs = {};
        attrs[key] = value;
        if (key === 'xmlns' || key.startsWith('xmlns:')) {
          const prefix = key === 'xmlns' ? '' : key.slice(6);
          if (strict) {
            const bad = badDeclaration(prefix, value, p);
            if (bad) return refuse(bad);
          }
          undo.push([prefix, ns.get(prefix)]);
          ns.set(prefix, value);
          declared++;
        }
        p = ATTR.lastIndex;
      }
      while (p < n && (text.charCodeAt(p) === 0x20 || text.charCodeAt(p) === 0x0a || text.charCodeAt(p) === 0x0d || text.charCodeAt(p) === 0x09)) p++;
      const selfClosing = text.charCodeAt(p) === 0x2f && text.charCodeAt(p + 1) === 0x3e;
      if (!selfClosing && text.charCodeAt(p) !== 0x3e) {
        if (p >= n) return malformed(lt, `marca <${name}> mal formada`, `O arquivo termina no meio da tag <${name}>: o arquivo parece truncado.`, TRUNCATED_FIX);
        return malformed(lt, `marca <${name}> mal formada`, `A tag <${name}> está mal formada (um atributo sem aspas ou sem "=", um "<" dentro dela, ou um caractere solto).`, 'Escreva a tag como <nome atributo="valor">, ou corrija o texto à volta dela.');
      }
      if (strict) {
        const bad = namespaceProblem(name, attrs, lt);
        if (bad) return refuse(bad);
      }
      const close = selfClosing ? p + 1 : p;
      const colon = name.indexOf(':');
      const parent = stack[stack.length - 1] ?? null;
      const node = new XNode(qname(name, ns.get(colon < 0 ? '' : name.slice(0, colon)) ?? '', known), parent, lt, close + 1);
      if (attrs !== NO_ATTRS) node.attrs = attrs;
      elements++;
      if (parent) {
        const siblings = parent.content;
        if (typeof siblings === 'string') {
          // The text before the first child is dropped from a container (it keeps no text); note it if it is not white space.
          if (pending !== '') markMixed(parent, pending);
          parent.content = [node];
        } else siblings.push(node);
      } else {
        root = node;
        sources.set(node, source);
      }
      pending = '';
      const list = byName.get(node.local);
      if (list) list.push(node);
      else byName.set(node.local, [node]);
      if (selfClosing) {
        restore(declared);
        if (!parent) rootClosed = true;
      } else {
        stack.push(node);
        undoCounts.push(declared);
      }
      pos = close + 1;
    }
  }
  if (stack.length > 0) {
    const open = stack[stack.length - 1]!;
    return strict
      ? refuse({ offset: endOfContent(), message: `O arquivo termina antes de fechar a tag <${open.name}> (aberta na linha ${open.line}): o arquivo parece truncado.`, fix: TRUNCATED_FIX })
      : malformed(open.start, `<${open.name}> não foi fechado`);
  }
  if (!root) return strict ? refuse({ offset: endOfContent(), message: 'O arquivo não contém XML (vazio, ou começa com algo que não é uma tag).', fix: 'Confira se o arquivo enviado é mesmo o XML TISS (e não um PDF, ZIP ou arquivo corrompido).' }) : { problem: { kind: 'no-root', offset: 0 } };
  return { tree: { root, text, get lineStarts() { return source.lineStarts; }, byName, elements } };
}

/** The tree of a document, or null when it cannot be read as one (see scanTree for why). */
export function buildTree(text: string): XTree | null {
  const r = scanTree(text);
  return 'tree' in r ? r.tree : null;
}

/** Text, CDATA and comments of `node` between its children, read again from the source. */
function itemsOf(node: XNode, text: string): Item[] {
  const items: Item[] = [];
  if (node.selfClosing) return items;
  let from = node.openEnd;
  for (const c of node.children) {
    segment(text, from, c.start, items);
    items.push(c);
    from = c.end;
  }
  segment(text, from, node.closeStart, items);
  return items;
}

/** Character data, CDATA sections and comments between two offsets that hold no element. */
function segment(text: string, from: number, to: number, items: Item[]): void {
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
      const raw = text.slice(lt + 9, end);
      items.push(raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw);
      pos = end + 3;
    } else {
      // A processing instruction: not content.
      pos = text.indexOf('?>', lt + 2) + 2;
    }
  }
}
