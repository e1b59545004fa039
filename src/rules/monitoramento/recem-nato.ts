import { filled } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { descreve, guiasMonitoramento } from './util.js';
import { MONITORAMENTO } from '../versions.js';

/** indicacaoRecemNato in consulta, SP/SADT and internação. */
export const monRecemNato = defineRule({
  meta: {
    id: 'TISS-R-MON-RECEM-NATO',
    title: 'Indicação de recém-nato em consulta, SP/SADT e internação',
    severity: 'warning',
    appliesTo: ['guiaMonitoramento'],
    scope: ['mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento (Envio de Dados 1.02.00)'],
    versions: MONITORAMENTO,
    description:
      'No Envio de Dados, a indicação de atendimento a recém-nato (indicacaoRecemNato, S ou N) deve ser informada nas guias de consulta (tipoEventoAtencao = 1), SP/SADT (2) e internação (3).',
    source: {
      text: 'Indica se o atendimento foi prestado a recém-nato. S para SIM e N para NÃO. Preencher tipo de guia 1 (consulta), 2 (SP/SADT) ou 3 (Internação).',
      origin: 'SECONDARY',
      reference: 'regras-condicionais MON-12 (crítica ANS do Envio de Dados, campo 036, erro 5032; transcrição de terceiros)',
    },
    examples: {
      pass: 'samples/valid/monitoramento-guias.xml',
      fail: 'samples/rules/mon-recem-nato.xml',
      failAt: { xpath: '/mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento[1]' },
    },
    messages: {
      ausente: 'Na {{guia}}, a indicação de recém-nato (<indicacaoRecemNato>) não foi informada.',
    },
    fixes: {
      ausente: 'Informe <indicacaoRecemNato> (S se o atendimento foi a recém-nato, N se não), depois de <cboExecutante> (ou de <dataProcessamentoGuia>).',
    },
  },
  check(ctx) {
    for (const g of guiasMonitoramento(ctx)) {
      if (g.tipo !== '1' && g.tipo !== '2' && g.tipo !== '3') continue;
      if (filled(g.node, 'indicacaoRecemNato')) continue;
      ctx.report(g.node, 'ausente', {
        args: { guia: descreve(g) },
        data: { tipo: g.tipo },
      });
    }
  },
});
