import { ownText, type ElementTable, type XNode } from '../xml/tree.js';
import { xpathOf } from '../xml/xpath.js';

/** Where a finding is, as every stage reports it: the element's start tag, its XPath and the guia it is in. */
export interface Where {
  line: number | null;
  column: number | null;
  xpath: string | null;
  guia: string | null;
}

/** The location of a finding on `node` (all null when the element is not known). */
export function where(node: XNode | null | undefined): Where {
  if (!node) return { line: null, column: null, xpath: null, guia: null };
  return { line: node.line, column: node.column, xpath: xpathOf(node), guia: guiaNumberOf(node) };
}

/** Elements that name the guia a part of the message is about (the nearest one wins). */
const GUIA_NUMBER = new Set(['numeroGuiaPrestador', 'numeroGuia_prestador', 'numeroGuiaOrigem', 'numeroGuiaRecGlosaPrestador']);

/** The guia element `node` is in: the nearest ancestor (or self) that carries a numeroGuiaPrestador. */
export function guiaElementOf(node: XNode | undefined): { guia: XNode; number: XNode } | undefined {
  if (!node) return undefined;
  // Each ancestor's answer is remembered, per element number (the tree never changes once read): 16,000
  // findings among the 8,000 procedures of one guia scanned the 8,000 siblings once each, 1.5 s (issue 9,
  // item 10). The walk makes no element object; only the answer is one.
  const t = node.table;
  let memo = memos.get(t);
  if (!memo) memos.set(t, (memo = { guiaOf: new Int32Array(t.count), numberOf: new Map() }));
  const { guiaOf, numberOf } = memo;
  let found = NONE;
  let id = node.id;
  for (; id >= 0; id = t.parentOf[id]!) {
    const known = guiaOf[id]!;
    if (known !== UNKNOWN) {
      found = known;
      break;
    }
    const number = guiaNumberHere(t, id);
    if (number >= 0) {
      numberOf.set(id, number);
      found = id + 2;
      break;
    }
  }
  for (let v = node.id; v !== id; v = t.parentOf[v]!) guiaOf[v] = found;
  if (id >= 0) guiaOf[id] = found;
  if (found === NONE) return undefined;
  const guia = found - 2;
  return { guia: t.node(guia), number: t.node(numberOf.get(guia)!) };
}

/** guiaOf: UNKNOWN, NONE (no guia above), or the guia's element number + 2. */
const UNKNOWN = 0;
const NONE = 1;
/**
 * The answers, per tree. Their values hold no element (an element's answers were once a WeakMap keyed by
 * element, whose values pointed back into the tree: Node's young-generation collector keeps a WeakMap's
 * values alive, so every file's tree outlived its check and was promoted). validate() lets go of them when
 * a file is done (forgetGuias).
 */
let memos = new WeakMap<ElementTable, { guiaOf: Int32Array; numberOf: Map<number, number> }>();

/** Lets go of the remembered answers. */
export function forgetGuias(): void {
  memos = new WeakMap();
}

/** The number element among `id`'s children (or in its cabeçalho or dadosGuia), or -1. */
function guiaNumberHere(t: ElementTable, id: number): number {
  for (let c = t.firstChildOf[id]!; c >= 0; c = t.nextSiblingOf[c]!) {
    const local = t.qname(c).local;
    if (GUIA_NUMBER.has(local)) return c;
    if (local.startsWith('cabecalho') || local === 'dadosGuia') {
      for (let g = t.firstChildOf[c]!; g >= 0; g = t.nextSiblingOf[g]!) if (GUIA_NUMBER.has(t.qname(g).local)) return g;
    }
  }
  return -1;
}

/** `numeroGuiaPrestador` of the guia `node` is in (the nearest ancestor that carries one). */
export function guiaNumberOf(node: XNode | undefined): string | null {
  const found = guiaElementOf(node);
  return found ? ownText(found.number).trim() || null : null;
}
