import { ownText, type XNode } from './tree.js';

/**
 * Small, total queries over the tree (rules, message facts): they return undefined or [] on a missing part, never throw.
 * Paths are local names, one step per child level.
 */
// These run for every rule on every element they touch: plain loops, no closures, few arrays.
export function get(node: XNode | null | undefined, ...path: string[]): XNode | undefined {
  let cur: XNode | undefined = node ?? undefined;
  for (let p = 0; p < path.length; p++) {
    if (!cur) return undefined;
    const step = path[p];
    const kids: XNode[] = cur.children;
    cur = undefined;
    for (let i = 0; i < kids.length; i++) {
      if (kids[i]!.local === step) {
        cur = kids[i];
        break;
      }
    }
  }
  return cur;
}

export function getAll(node: XNode | null | undefined, ...path: string[]): XNode[] {
  if (!node) return [];
  let level: XNode[] = [node];
  for (let p = 0; p < path.length; p++) {
    const step = path[p];
    const next: XNode[] = [];
    for (let j = 0; j < level.length; j++) {
      const kids = level[j]!.children;
      for (let i = 0; i < kids.length; i++) if (kids[i]!.local === step) next.push(kids[i]!);
    }
    level = next;
  }
  return level;
}

/** Trimmed text of the element at path, or undefined when absent. */
export function text(node: XNode | null | undefined, ...path: string[]): string | undefined {
  const n = get(node, ...path);
  return n ? ownText(n).trim() : undefined;
}

/** Present and not blank. */
export function filled(node: XNode | null | undefined, ...path: string[]): boolean {
  const t = text(node, ...path);
  return t !== undefined && t !== '';
}

/** Nearest ancestor (or self) with this local name. */
export function ancestor(node: XNode | null | undefined, local: string): XNode | undefined {
  for (let cur = node ?? null; cur; cur = cur.parent) if (cur.local === local) return cur;
  return undefined;
}

/** Decimal value of the element (XSD decimal: dot, optional sign), or undefined. */
export function decimal(node: XNode | null | undefined, ...path: string[]): number | undefined {
  const t = text(node, ...path);
  if (t === undefined || !/^[+-]?(\d+\.?\d*|\.\d+)$/.test(t)) return undefined;
  return Number(t);
}
