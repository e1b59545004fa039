import { get } from '../../xml/query.js';
import type { Rule } from '../types.js';
import { dataRegistroTransacao, descreve, guiasMonitoramento, isoDate } from './util.js';
import { dateBR } from '../../locale/pt-br.js';
import { MONITORAMENTO } from '../versions.js';

/** dataFimPeriodo: required in internação; before today and not after dataRegistroTransacao. */
export const monDataFimPeriodo: Rule = {
  meta: {
    id: 'TISS-R-MON-DATA-FIM-PERIODO',
    title: 'Data final do período na internação',
    severity: 'warning',
    appliesTo: ['guiaMonitoramento'],
    scope: ['mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento (Envio de Dados 1.02.00)'],
    versions: MONITORAMENTO,
    description:
      'No Envio de Dados, a data final do período (dataFimPeriodo) é obrigatória nas guias de internação (tipoEventoAtencao = 3). Quando informada, em qualquer guia, deve ser anterior à data atual e menor ou igual à data de registro da transação (cabecalho/identificacaoTransacao/dataRegistroTransacao).',
    source: {
      text: 'Data final do período de internação ou data do fim do faturamento.Deve ser anterior a data atual, menor ou igual a data de registro da transação. Preenchido no formato AAAA-MM-DD. A data é obrigatória informar em guias 3 (Resumo de Internação).',
      origin: 'SECONDARY',
      reference: 'regras-condicionais MON-08 (crítica ANS do Envio de Dados, campo 031, erro 1323; transcrição de terceiros)',
    },
    examples: {
      pass: 'samples/rules/passa/mon-campos-internacao.xml',
      fail: 'samples/rules/mon-data-fim-periodo.xml',
      failAt: { xpath: '/mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento[1]' },
    },
  },
  check(ctx) {
    for (const g of guiasMonitoramento(ctx)) {
      const node = get(g.node, 'dataFimPeriodo');
      if (!node) {
        if (g.tipo === '3') {
          ctx.report(g.node, `Na ${descreve(g)}, a data final do período de internação (<dataFimPeriodo>) não foi informada.`, {
            fix: 'Informe <dataFimPeriodo> (AAAA-MM-DD), antes de <dataProtocoloCobranca>, com a data final do período de internação cobrado.',
            data: { tipo: g.tipo },
          });
        }
        continue;
      }
      const date = isoDate(node);
      if (!date) continue;
      const registro = dataRegistroTransacao(g.node);
      if (registro && date > registro.date) {
        ctx.report(node, `A data final do período (${dateBR(date)}) é posterior à data de registro da transação (${dateBR(registro.date)}).`, {
          fix: 'Confira <dataFimPeriodo>: deve ser menor ou igual à <dataRegistroTransacao> do cabeçalho.',
          data: { value: date, dataRegistroTransacao: registro.date },
        });
      } else if (date >= ctx.today) {
        ctx.report(node, `A data final do período (${dateBR(date)}) deve ser anterior à data atual (${dateBR(ctx.today)}).`, {
          fix: 'Confira <dataFimPeriodo>: deve ser anterior a hoje.',
          data: { value: date, today: ctx.today },
        });
      }
    }
  },
};
