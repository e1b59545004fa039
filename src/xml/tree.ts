import { SaxesParser } from 'saxes';

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

/**
 * Builds the located tree of a document already known to be well-formed (no DOCTYPE).
 * Returns null if our reader finds no root element (then the caller reports an internal finding).
 */
export function buildTree(text: string): XTree | null {
  const lineStarts = lineStartsOf(text);
  const parser = new SaxesParser({ xmlns: true, position: true });
  let root: XNode | null = null;
  const stack: XNode[] = [];
  // libxml2 has already judged well-formedness; where saxes is stricter (it rarely is), keep reading.
  parser.on('error', () => undefined);
  parser.on('opentag', (tag) => {
    const openEnd = parser.position;
    const start = text.lastIndexOf('<', openEnd - 1);
    const { line, column } = lineColumn(lineStarts, start);
    const attrs: Record<string, string> = {};
    for (const [k, a] of Object.entries(tag.attributes)) attrs[k] = typeof a === 'string' ? a : a.value;
    const parent = stack[stack.length - 1] ?? null;
    const node: XNode = {
      name: tag.name,
      local: tag.local ?? tag.name,
      uri: tag.uri ?? '',
      attrs,
      parent,
      children: [],
      items: [],
      line,
      column,
      start,
      openEnd,
      closeStart: openEnd,
      end: openEnd,
      selfClosing: tag.isSelfClosing,
    };
    if (parent) {
      parent.children.push(node);
      parent.items.push(node);
    } else root ??= node;
    stack.push(node);
  });
  parser.on('closetag', () => {
    const node = stack.pop();
    if (!node) return;
    node.end = parser.position;
    node.closeStart = node.selfClosing ? node.openEnd : text.lastIndexOf('</', node.end - 1);
  });
  const addText = (value: string, kind: TextItem['kind']): void => {
    const top = stack[stack.length - 1];
    if (top) top.items.push({ kind, value });
  };
  parser.on('text', (t) => addText(t, 'text'));
  parser.on('cdata', (t) => addText(t, 'text'));
  parser.on('comment', (t) => addText(t, 'comment'));

  parser.write(text).close();
  if (!root) return null;
  return { root, text, lineStarts };
}
