import { get } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { dataRegistroTransacao, descreve, guiasMonitoramento, isoDate } from './util.js';
import { dateBR } from '../../locale/pt-br.js';
import { MONITORAMENTO } from '../versions.js';

/** dataFimPeriodo: required in internação; before today and not after dataRegistroTransacao. */
export const monDataFimPeriodo = defineRule({
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
    messages: {
      ausente: 'Na {{guia}}, a data final do período de internação (<dataFimPeriodo>) não foi informada.',
      posteriorAoRegistro: 'A data final do período ({{data}}) é posterior à data de registro da transação ({{registro}}).',
      naoAnteriorAHoje: 'A data final do período ({{data}}) deve ser anterior à data atual ({{hoje}}).',
    },
    fixes: {
      ausente: 'Informe <dataFimPeriodo> (AAAA-MM-DD), antes de <dataProtocoloCobranca>, com a data final do período de internação cobrado.',
      posteriorAoRegistro: 'Confira <dataFimPeriodo>: deve ser menor ou igual à <dataRegistroTransacao> do cabeçalho.',
      naoAnteriorAHoje: 'Confira <dataFimPeriodo>: deve ser anterior a hoje.',
    },
  },
  check(ctx) {
    for (const g of guiasMonitoramento(ctx)) {
      const node = get(g.node, 'dataFimPeriodo');
      if (!node) {
        if (g.tipo === '3') {
          ctx.report(g.node, 'ausente', {
            args: { guia: descreve(g) },
            data: { tipo: g.tipo },
          });
        }
        continue;
      }
      const date = isoDate(node);
      if (!date) continue;
      const registro = dataRegistroTransacao(g.node);
      if (registro && date > registro.date) {
        ctx.report(node, 'posteriorAoRegistro', {
          args: { data: dateBR(date), registro: dateBR(registro.date) },
          data: { value: date, dataRegistroTransacao: registro.date },
        });
      } else if (date >= ctx.today) {
        ctx.report(node, 'naoAnteriorAHoje', {
          args: { data: dateBR(date), hoje: dateBR(ctx.today) },
          data: { value: date, today: ctx.today },
        });
      }
    }
  },
});
