import { filled, get } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { descreve, guiasMonitoramento, isoDate } from './util.js';
import { dateBR } from '../../locale/pt-br.js';
import { MONITORAMENTO } from '../versions.js';

/** dataSolicitacao when the guia was authorized by the operadora (dataAutorizacao present). */
export const monDataSolicitacao = defineRule({
  meta: {
    id: 'TISS-R-MON-DATA-SOLICITACAO',
    title: 'Data da solicitação em guia autorizada pela operadora',
    severity: 'warning',
    appliesTo: ['guiaMonitoramento'],
    scope: ['mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento (Envio de Dados 1.02.00)'],
    versions: MONITORAMENTO,
    description:
      'No Envio de Dados, quando a guia teve autorização da operadora (dataAutorizacao informada), a data da solicitação (dataSolicitacao) também deve ser informada.',
    source: {
      text: 'Data da solicitação.Deve ser preenchido em caso de autorização pela operadora para a realização do procedimento ou utilização do item assistencial. Preenchida no formato AAAA-MM-DD.',
      origin: 'SECONDARY',
      reference: 'regras-condicionais MON-06 (crítica ANS do Envio de Dados, campo 027, erro 1323; transcrição de terceiros)',
    },
    examples: {
      pass: 'samples/valid/monitoramento-guias.xml',
      fail: 'samples/rules/mon-data-solicitacao.xml',
      failAt: { xpath: '/mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento[1]' },
    },
    messages: {
      ausente: 'Na {{guia}}, há data de autorização da operadora, mas a data da solicitação (<dataSolicitacao>) não foi informada.',
      ausenteComDataAutorizacao: 'Na {{guia}}, há data de autorização da operadora ({{dataAutorizacao}}), mas a data da solicitação (<dataSolicitacao>) não foi informada.',
    },
    fixes: {
      ausente: 'Informe <dataSolicitacao> (AAAA-MM-DD), antes de <dataAutorizacao>, com a data em que o procedimento foi solicitado à operadora.',
      ausenteComDataAutorizacao: 'Informe <dataSolicitacao> (AAAA-MM-DD), antes de <dataAutorizacao>, com a data em que o procedimento foi solicitado à operadora.',
    },
  },
  check(ctx) {
    for (const g of guiasMonitoramento(ctx)) {
      const autorizacao = get(g.node, 'dataAutorizacao');
      if (!autorizacao || filled(g.node, 'dataSolicitacao')) continue;
      const date = isoDate(autorizacao);
      ctx.report(g.node, date ? 'ausenteComDataAutorizacao' : 'ausente', {
        args: date ? { guia: descreve(g), dataAutorizacao: dateBR(date) } : { guia: descreve(g) },
        data: { dataAutorizacao: date },
      });
    }
  },
});
