import { ownText, type XNode } from '../xml/tree.js';
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
  // Each ancestor's answer is remembered (the tree never changes once read): 16,000 findings among the
  // 8,000 procedures of one guia scanned the 8,000 siblings once each, 1.5 s (issue 9, item 10).
  const known = rememberedFor(node);
  const visited: XNode[] = [];
  let found: GuiaAt = null;
  for (let cur: XNode | null = node; cur; cur = cur.parent) {
    const answer = known.get(cur);
    if (answer !== undefined) {
      found = answer;
      break;
    }
    visited.push(cur);
    found = guiaHere(cur);
    if (found) break;
  }
  for (const v of visited) known.set(v, found);
  return found ?? undefined;
}

type GuiaAt = { guia: XNode; number: XNode } | null;

/**
 * The answers for one tree, the last one asked about. They were kept in a WeakMap keyed by element: Node's
 * young-generation collector keeps a WeakMap's values alive, and these point back into the tree, so every
 * file's whole tree outlived its check, was copied and moved to the old generation (on 2,500 small messages,
 * half the bytes the young collections copied, and 2.5 times their time). A plain map for the current tree
 * dies with it; validate() lets go of it when a file is done (forgetGuias), so no tree outlives its check.
 */
let remembered: { root: XNode; answers: Map<XNode, GuiaAt> } | null = null;

function rememberedFor(node: XNode): Map<XNode, GuiaAt> {
  let root = node;
  while (root.parent) root = root.parent;
  if (remembered?.root !== root) remembered = { root, answers: new Map() };
  return remembered.answers;
}

/** Lets go of the remembered answers (and so of their tree). */
export function forgetGuias(): void {
  remembered = null;
}

/** The guia whose number is among `cur`'s children (or in its cabeçalho), or null. */
function guiaHere(cur: XNode): GuiaAt {
  for (const c of cur.children) {
    if (GUIA_NUMBER.has(c.local)) return { guia: cur, number: c };
    if (c.local.startsWith('cabecalho') || c.local === 'dadosGuia') {
      const n = c.children.find((g) => GUIA_NUMBER.has(g.local));
      if (n) return { guia: cur, number: n };
    }
  }
  return null;
}

/** `numeroGuiaPrestador` of the guia `node` is in (the nearest ancestor that carries one). */
export function guiaNumberOf(node: XNode | undefined): string | null {
  const found = guiaElementOf(node);
  return found ? ownText(found.number).trim() || null : null;
}
