import type { XNode } from '../../xml/tree.js';
import { decimal, get, getAll } from '../../xml/query.js';
import { cents } from '../money.js';
import { formatMoney } from '../../locale/pt-br.js';
import { defineRule } from '../types.js';
import { guiasMonitoramento } from './util.js';
import { MONITORAMENTO } from '../versions.js';

/** Coparticipação: never negative; zero in internação. */
export const monCoparticipacao = defineRule({
  meta: {
    id: 'TISS-R-MON-COPARTICIPACAO',
    title: 'Coparticipação negativa ou cobrada na internação',
    severity: 'warning',
    appliesTo: ['guiaMonitoramento'],
    scope: ['mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento (Envio de Dados 1.02.00)'],
    versions: MONITORAMENTO,
    description:
      'No Envio de Dados, o valor total de coparticipação da guia (valoresGuia/valorTotalCoParticipacao) e o de cada item (procedimentos/valorCoParticipacao) devem ser maiores ou iguais a zero (o XSD aceita negativos); nas guias de internação (tipoEventoAtencao = 3) devem ser zero.',
    source: {
      text: 'Valor total de coparticipação. Dever ser maior ou igual a zero. Quando internado deve ser preenchido com zero.',
      origin: 'SECONDARY',
      reference: 'regras-condicionais MON-31 (crítica ANS do Envio de Dados, campos 084/085, erros 5034/5050; transcrição de terceiros)',
    },
    examples: {
      pass: 'samples/rules/passa/mon-campos-internacao.xml',
      fail: 'samples/rules/mon-coparticipacao.xml',
      failAt: { xpath: '/mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento[1]/valoresGuia/valorTotalCoParticipacao' },
    },
    messages: {
      totalNegativo: 'O valor total de coparticipação da guia é negativo ({{valor}}); deve ser maior ou igual a zero.',
      itemNegativo: 'O valor de coparticipação do item é negativo ({{valor}}); deve ser maior ou igual a zero.',
      totalNaInternacao: 'O valor total de coparticipação da guia é {{valor}} numa guia de internação; na internação a coparticipação deve ser informada com zero.',
      itemNaInternacao: 'O valor de coparticipação do item é {{valor}} numa guia de internação; na internação a coparticipação deve ser informada com zero.',
    },
    fixes: {
      totalNegativo: 'Informe em <valorTotalCoParticipacao> o valor de coparticipação cobrado do beneficiário (0.00 se não houve).',
      itemNegativo: 'Informe em <valorCoParticipacao> o valor de coparticipação cobrado do beneficiário (0.00 se não houve).',
      totalNaInternacao: 'Informe <valorTotalCoParticipacao>0.00</valorTotalCoParticipacao> nas guias de internação.',
      itemNaInternacao: 'Informe <valorCoParticipacao>0.00</valorCoParticipacao> nas guias de internação.',
    },
  },
  check(ctx) {
    for (const g of guiasMonitoramento(ctx)) {
      const nodes: XNode[] = [];
      const total = get(g.node, 'valoresGuia', 'valorTotalCoParticipacao');
      if (total) nodes.push(total);
      for (const proc of getAll(g.node, 'procedimentos')) {
        const item = get(proc, 'valorCoParticipacao');
        if (item) nodes.push(item);
      }
      for (const node of nodes) {
        const v = decimal(node);
        if (v === undefined) continue;
        if (cents(v) < 0) {
          ctx.report(node, node === total ? 'totalNegativo' : 'itemNegativo', {
            args: { valor: formatMoney(v) },
            data: { value: v },
          });
        } else if (g.tipo === '3' && cents(v) !== 0) {
          ctx.report(node, node === total ? 'totalNaInternacao' : 'itemNaInternacao', {
            args: { valor: formatMoney(v) },
            data: { value: v },
          });
        }
      }
    }
  },
});
