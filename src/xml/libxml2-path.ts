import { nthChild, positionOf, type XNode } from './tree.js';

/**
 * The bridge between our tree and libxml2's paths, both ways: the namespace-agnostic XPath libxml2
 * evaluates to reach one of our elements (to validate a message inside a SOAP envelope), and the element
 * of ours a libxml2 error's node path names (to locate its finding).
 */

/** A namespace-agnostic XPath libxml2 can evaluate to reach `node`. */
export function libxml2PathOf(node: XNode): string {
  const steps: string[] = [];
  for (let cur: XNode | null = node; cur; cur = cur.parent) {
    steps.push(`*[local-name()='${cur.local}'][${positionOf(cur).nameIndex}]`);
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
    else next = nthChild(node, local, index);
    if (!next) return node;
    node = next;
  }
  return node;
}
