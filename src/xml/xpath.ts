import { childrenNamed, positionOf, type XNode } from './tree.js';

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

const STEP = /^(\*|(?:[^:/[\]]+:)?[^:/[\]]+)(?:\[(\d+)\])?$/;

/**
 * Finds the element a libxml2 node path points at (`/ans:mensagemTISS/ans:cabecalho/ans:Padrao`,
 * or `/*\/*[2]/*` for a default namespace, where libxml2 counts all element siblings).
 */
export function resolveLibxml2Path(root: XNode, path: string): XNode | undefined {
  const steps = path.split('/').filter((s) => s.length > 0);
  let node: XNode | undefined;
  for (const step of steps) {
    const m = STEP.exec(step);
    if (!m) return node;
    const name = m[1]!;
    const index = m[2] ? Number(m[2]) : 1;
    const local = name === '*' ? null : name.slice(name.indexOf(':') + 1);
    let next: XNode | undefined;
    if (!node) next = index === 1 && (local === null || root.local === local) ? root : undefined;
    else next = local === null ? node.children[index - 1] : childrenNamed(node, local)[index - 1];
    if (!next) return node;
    node = next;
  }
  return node;
}
