import type { XNode } from './tree.js';

/**
 * XPath of an element by local names, with a position only where siblings share the name:
 * `/mensagemTISS/prestadorParaOperadora/loteGuias/guiasTISS/guiaSP-SADT[3]/valorTotal`.
 */
export function xpathOf(node: XNode): string {
  const steps: string[] = [];
  for (let cur: XNode | null = node; cur; cur = cur.parent) {
    const siblings = cur.parent ? cur.parent.children.filter((c) => c.local === cur!.local) : [cur];
    steps.push(siblings.length > 1 ? `${cur.local}[${siblings.indexOf(cur) + 1}]` : cur.local);
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
  let current: XNode[] = [root];
  let node: XNode | undefined;
  for (const step of steps) {
    const m = STEP.exec(step);
    if (!m) return node;
    const name = m[1]!;
    const index = m[2] ? Number(m[2]) : 1;
    const local = name === '*' ? null : name.slice(name.indexOf(':') + 1);
    const candidates = local === null ? current : current.filter((c) => c.local === local);
    const next = candidates[index - 1];
    if (!next) return node;
    node = next;
    current = next.children;
  }
  return node;
}
