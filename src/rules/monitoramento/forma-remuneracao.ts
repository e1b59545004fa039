import { get, text } from '../query.js';
import type { Rule } from '../types.js';
import { descreve, guiasMonitoramento } from './util.js';

/** formaRemuneracao (tabela 79) never in reembolso (4) and prestador eventual (5). */
export const monFormaRemuneracao: Rule = {
  meta: {
    id: 'TISS-R-MON-FORMA-REMUNERACAO',
    title: 'Forma de remuneração em reembolso ou prestador eventual',
    severity: 'warning',
    appliesTo: ['mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento (Envio de Dados 1.02.00)'],
    description:
      'No Envio de Dados, a forma (modelo) de remuneração do prestador (formaRemuneracao, tabela 79) não deve ser informada quando a origem da guia é 4 (reembolso ao beneficiário) ou 5 (prestador eventual): não há contrato de remuneração com a rede. (Na versão 1.02.00 há um só formaRemuneracao, opcional; sua obrigatoriedade nas origens 1 a 3 não é conferida.)',
    source: {
      text: '5081: Não deve ser preenchido se a origem da guia foi 4 (Reembolso) ou 5 (Prestador eventual).',
      origin: 'SECONDARY',
      reference: 'regras-condicionais MON-33 (crítica ANS do Envio de Dados, campo 122, erro 5081; transcrição de terceiros)',
    },
    examples: {
      pass: 'samples/valid/monitoramento-guias.xml',
      fail: 'samples/rules/mon-forma-remuneracao.xml',
      failAt: { line: 166, xpath: '/mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento[2]/formaRemuneracao' },
    },
  },
  check(ctx) {
    for (const g of guiasMonitoramento(ctx)) {
      if (g.origem !== '4' && g.origem !== '5') continue;
      const node = get(g.node, 'formaRemuneracao');
      if (!node) continue;
      const value = text(node) ?? '';
      ctx.report(node, `A forma de remuneração (${value}) não deve ser informada na ${descreve(g)}.`, {
        fix: 'Retire <formaRemuneracao> das guias de reembolso e de prestador eventual.',
        data: { origem: g.origem, value },
      });
    }
  },
};
