import { positionOf, type XNode } from './tree.js';

/**
 * XPath of an element by local names, with a position only where siblings share the name:
 * `/mensagemTISS/prestadorParaOperadora/loteGuias/guiasTISS/guiaSP-SADT[3]/valorTotal`.
 * Linear in the depth: sibling positions are indexed once per parent (tree.ts, positionOf).
 */
export function xpathOf(node: XNode): string {
  const steps: string[] = [];
  for (let cur: XNode | null = node; cur; cur = cur.parent) {
    const p = positionOf(cur);
    steps.push(p.nameCount > 1 ? `${cur.local}[${p.nameIndex}]` : cur.local);
  }
  return `/${steps.reverse().join('/')}`;
}

/** Local names from `ancestor` down to `node` (both included); empty when `node` is not inside it. */
export function localPathFrom(ancestor: XNode, node: XNode): string[] {
  const path: string[] = [];
  for (let cur: XNode | null = node; cur; cur = cur.parent) {
    path.push(cur.local);
    if (cur === ancestor) return path.reverse();
  }
  return [];
}
