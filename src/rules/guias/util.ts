import type { XNode } from '../../xml/tree.js';
import { text } from '../../xml/query.js';
import type { RuleContext } from '../types.js';

/** Guias whose type carries procedimentosExecutados, outrasDespesas (ct_outrasDespesas) and valorTotal (ct_guiaValorTotal). */
export function guiasComDespesas(ctx: RuleContext): XNode[] {
  return [...ctx.all('guiaSP-SADT'), ...ctx.all('guiaResumoInternacao')];
}

/** Human name of the guia element, for messages. */
export function nomeGuia(guia: XNode): string {
  return guia.local === 'guiaSP-SADT' ? 'guia de SP/SADT' : guia.local === 'guiaResumoInternacao' ? 'guia de resumo de internação' : `<${guia.local}>`;
}

/** st_numerico4 value without leading zeros ("007" → "7"); undefined when absent or blank. */
export function numero(node: XNode | undefined, ...path: string[]): string | undefined {
  const t = text(node, ...path);
  if (t === undefined || t === '') return undefined;
  return t.replace(/^0+(?=\d)/, '');
}

/**
 * An item as a message names it: the noun, then its sequencial and its code when the guia has them
 * (`A OPME de sequencial 3 (código 70001234)`, `A OPME (código 70001234)`, `A OPME`).
 */
export function itemNomeado(noun: string, seq: string | undefined, codigo?: string): string {
  return `${noun}${seq ? ` de sequencial ${seq}` : ''}${codigo ? ` (código ${codigo})` : ''}`;
}
