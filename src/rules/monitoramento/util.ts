import type { XNode } from '../../xml/tree.js';
import { ancestor, get, getAll, text } from '../../xml/query.js';
import type { RuleContext } from '../types.js';

/** Envio de Dados (Monitoramento TISS) 1.02.00: shared helpers of the monitoramento rules. */

export const ZEROS20 = '00000000000000000000';

/** Only zeros (any length): not a real identifier. */
export function onlyZeros(value: string | undefined): boolean {
  return value !== undefined && /^0+$/.test(value);
}

/** dm_tipoEventoMonitoramento (tipo de guia). */
export const TIPO_GUIA: Record<string, string> = {
  '1': '1 - Consulta',
  '2': '2 - SP/SADT',
  '3': '3 - Internação',
  '4': '4 - Tratamento Odontológico',
  '5': '5 - Honorários',
};

/** dm_origemEventoAtencaoSaude (tabela 40). */
export const ORIGEM: Record<string, string> = {
  '1': '1 - Rede contratada, referenciada ou credenciada',
  '2': '2 - Rede própria - cooperados',
  '3': '3 - Rede própria - demais prestadores',
  '4': '4 - Reembolso ao beneficiário',
  '5': '5 - Prestador eventual',
};

export interface GuiaMonitoramento {
  node: XNode;
  /** tipoEventoAtencao (1 Consulta, 2 SP/SADT, 3 Internação, 4 Odonto, 5 Honorários). */
  tipo: string;
  /** origemEventoAtencao (1-3 rede, 4 reembolso, 5 prestador eventual). */
  origem: string;
}

/**
 * Every ct_monitoramentoGuia of the message (operadoraParaANS/guiaMonitoramento). The ANS response
 * (resumoProcessamento/registrosRejeitados/guiaMonitoramento) reuses the name with another structure,
 * without tipoEventoAtencao: it is skipped.
 */
export function guiasMonitoramento(ctx: RuleContext): GuiaMonitoramento[] {
  const out: GuiaMonitoramento[] = [];
  for (const node of ctx.all('guiaMonitoramento')) {
    const tipo = text(node, 'tipoEventoAtencao');
    if (tipo === undefined) continue;
    out.push({ node, tipo, origem: text(node, 'origemEventoAtencao') ?? '' });
  }
  return out;
}

/** `procedimentos` of every guiaMonitoramento and fornecimentoDiretoMonitoramento (each with its identProcedimento). */
export function procedimentosMonitoramento(ctx: RuleContext): XNode[] {
  const out: XNode[] = [];
  for (const local of ['guiaMonitoramento', 'fornecimentoDiretoMonitoramento']) {
    for (const owner of ctx.all(local)) out.push(...getAll(owner, 'procedimentos'));
  }
  return out;
}

/** YYYY-MM-DD part of an xs:date (which may carry a time zone), or undefined. */
export function isoDate(node: XNode | undefined): string | undefined {
  const t = node ? text(node) : undefined;
  const m = t === undefined ? null : /^(\d{4}-\d{2}-\d{2})/.exec(t);
  return m ? m[1] : undefined;
}

/** cabecalho/identificacaoTransacao/dataRegistroTransacao of the mensagemEnvioANS that holds `node`. */
export function dataRegistroTransacao(node: XNode): { node: XNode; date: string } | undefined {
  const root = ancestor(node, 'mensagemEnvioANS');
  const reg = get(root, 'cabecalho', 'identificacaoTransacao', 'dataRegistroTransacao');
  const date = isoDate(reg);
  return reg && date ? { node: reg, date } : undefined;
}


/** `guia tipo 3 - Internação, origem 1 - Rede contratada…` for messages. */
export function descreve(g: GuiaMonitoramento): string {
  return `guia tipo ${TIPO_GUIA[g.tipo] ?? g.tipo}, origem ${ORIGEM[g.origem] ?? g.origem}`;
}

/** Requirement parts of the fields listed in the mudanças (03 Prestador Eventual) are waived for origem 5. */
export function prestadorEventual(g: GuiaMonitoramento): boolean {
  return g.origem === '5';
}
