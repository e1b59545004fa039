import type { XNode } from './tree.js';

/**
 * Small, total queries over the tree (rules, message facts): they return undefined or [] on a missing part, never throw.
 * Paths are local names, one step per child level.
 */
// These run for every rule on every element they touch. They walk the compact tree by element number
// (tree.ts, ElementTable) and make an XNode only for the element they return: reading a field's text makes
// no object at all (issue 11: a 76 MB lote's rules made a million objects and child arrays).

/** The number of the element reached from `id` by following local names, or -1. */
function walk(node: XNode, path: readonly string[]): number {
  const t = node.table;
  let id = node.id;
  for (let p = 0; p < path.length; p++) {
    id = t.childNamed(id, path[p]!);
    if (id < 0) return -1;
  }
  return id;
}

export function get(node: XNode | null | undefined, ...path: string[]): XNode | undefined {
  if (!node) return undefined;
  const id = walk(node, path);
  return id < 0 ? undefined : node.table.node(id);
}

export function getAll(node: XNode | null | undefined, ...path: string[]): XNode[] {
  if (!node) return [];
  const t = node.table;
  let level: number[] = [node.id];
  for (let p = 0; p < path.length; p++) {
    const step = path[p];
    const next: number[] = [];
    for (let j = 0; j < level.length; j++) {
      for (let c = t.firstChildOf[level[j]!]!; c >= 0; c = t.nextSiblingOf[c]!) if (t.qname(c).local === step) next.push(c);
    }
    level = next;
  }
  return level.map((id) => t.node(id));
}

/** Trimmed text of the element at path, or undefined when absent. */
export function text(node: XNode | null | undefined, ...path: string[]): string | undefined {
  if (!node) return undefined;
  const id = walk(node, path);
  if (id < 0) return undefined;
  return node.table.ownText(id).trim();
}

/** Present and not blank. */
export function filled(node: XNode | null | undefined, ...path: string[]): boolean {
  const t = text(node, ...path);
  return t !== undefined && t !== '';
}

/** Nearest ancestor (or self) with this local name. */
export function ancestor(node: XNode | null | undefined, local: string): XNode | undefined {
  if (!node) return undefined;
  const t = node.table;
  for (let id = node.id; id >= 0; id = t.parentOf[id]!) if (t.qname(id).local === local) return t.node(id);
  return undefined;
}

/** Decimal value of the element (XSD decimal: dot, optional sign), or undefined. */
export function decimal(node: XNode | null | undefined, ...path: string[]): number | undefined {
  const t = text(node, ...path);
  if (t === undefined || !/^[+-]?(\d+\.?\d*|\.\d+)$/.test(t)) return undefined;
  return Number(t);
}
