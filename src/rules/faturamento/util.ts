import type { XNode } from '../../xml/tree.js';
import { get, getAll, text } from '../../xml/query.js';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** The element's text when it is an ISO date (AAAA-MM-DD), else undefined (a malformed date is the XSD's). */
export function isoDate(node: XNode | null | undefined, ...path: string[]): string | undefined {
  const t = text(node, ...path);
  return t && ISO.test(t) ? t : undefined;
}

/** A dated item of a guia: the date element and its value. */
export interface Dated {
  node: XNode;
  date: string;
}

/**
 * The dates on which the services of a guia were given, in document order: SP/SADT procedures and
 * outras despesas (`dataExecucao`), GTO procedures (`dataRealizacao`). Other guias answer [].
 */
export function serviceDates(guia: XNode): Dated[] {
  let nodes: XNode[] = [];
  if (guia.local === 'guiaSP-SADT') {
    nodes = [...getAll(guia, 'procedimentosExecutados', 'procedimentoExecutado', 'dataExecucao'), ...getAll(guia, 'outrasDespesas', 'despesa', 'servicosExecutados', 'dataExecucao')];
  } else if (guia.local === 'guiaOdonto') {
    nodes = getAll(guia, 'procedimentosExecutados', 'dataRealizacao');
  }
  const out: Dated[] = [];
  for (const node of nodes) {
    const date = isoDate(node);
    if (date) out.push({ node, date });
  }
  return out;
}

/** Whole days from `a` to `b` (ISO dates; negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** The code and table of the item a service date belongs to (SP/SADT procedure or despesa, GTO procedure). */
export function itemCode(dated: Dated): { codigo: string; tabela: string } {
  const item = dated.node.parent;
  const holder = get(item, 'procedimento') ?? get(item, 'procSolic') ?? item;
  return { codigo: text(holder, 'codigoProcedimento') ?? '?', tabela: text(holder, 'codigoTabela') ?? '' };
}
