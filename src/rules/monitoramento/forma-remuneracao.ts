import { get, getAll, text } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { descreve, guiasMonitoramento } from './util.js';
import { MONITORAMENTO_FROM_1_04 } from '../versions.js';

/** formaRemuneracao (tabela 79) never in reembolso (4) and prestador eventual (5). */
export const monFormaRemuneracao = defineRule({
  meta: {
    id: 'TISS-R-MON-FORMA-REMUNERACAO',
    title: 'Forma de remuneração em reembolso ou prestador eventual',
    severity: 'warning',
    appliesTo: ['guiaMonitoramento'],
    scope: ['mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento/formasRemuneracao (Monitoramento 1.05.00 e 1.06.00)'],
    versions: MONITORAMENTO_FROM_1_04,
    description:
      'No Monitoramento, a forma (modelo) de remuneração do prestador (formasRemuneracao/formaRemuneracao, tabela 79) não deve ser informada quando a origem da guia é 4 (reembolso ao beneficiário) ou 5 (prestador eventual): não há contrato de remuneração com a rede. A crítica 5081 só existe a partir da versão 1.04.01 (a 1.02.00, de um só formaRemuneracao, não a tem): a regra vale para 1.05.00 e 1.06.00. A obrigatoriedade nas origens 1 a 3 não é conferida.',
    source: {
      text: '5081: Não deve ser preenchido se a origem da guia foi 4 (Reembolso) ou 5 (Prestador eventual).',
      origin: 'SECONDARY',
      reference: 'regras-condicionais MON-33 (crítica ANS do Envio de Dados, campo 122, erro 5081; transcrição de terceiros)',
    },
    examples: {
      pass: 'samples/valid/monitoramento-guias-1.06.xml',
      fail: 'samples/rules/mon-forma-remuneracao.xml',
      failAt: { xpath: '/mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento[2]/formasRemuneracao' },
    },
    messages: {
      naoSeAplica: 'A forma de remuneração ({{valor}}) não deve ser informada na {{guia}}.',
    },
    fixes: {
      naoSeAplica: 'Retire <formasRemuneracao> das guias de reembolso e de prestador eventual.',
    },
  },
  check(ctx) {
    for (const g of guiasMonitoramento(ctx)) {
      if (g.origem !== '4' && g.origem !== '5') continue;
      for (const formas of getAll(g.node, 'formasRemuneracao')) {
        const node = get(formas, 'formaRemuneracao');
        const value = text(node) ?? '';
        ctx.report(formas, 'naoSeAplica', {
          args: { valor: value, guia: descreve(g) },
          data: { origem: g.origem, value },
        });
      }
    }
  },
});
