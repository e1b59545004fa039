import { filled, text } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { descreve, guiasMonitoramento, prestadorEventual } from './util.js';
import { MONITORAMENTO } from '../versions.js';

/** tipoConsulta in guias de consulta and in SP/SADT whose tipoAtendimento is 04 (Consulta). */
export const monTipoConsulta = defineRule({
  meta: {
    id: 'TISS-R-MON-TIPO-CONSULTA',
    title: 'Tipo de consulta no Envio de Dados',
    severity: 'error',
    appliesTo: ['guiaMonitoramento'],
    scope: ['mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento (Envio de Dados 1.02.00)'],
    versions: MONITORAMENTO,
    description:
      'No Envio de Dados, o tipo de consulta (tipoConsulta, tabela 52) deve ser informado nas guias de consulta (tipoEventoAtencao = 1) e nas guias de SP/SADT (tipoEventoAtencao = 2) cujo tipo de atendimento é 04 (Consulta). Guias de prestador eventual (origem 5) estão dispensadas: a operadora preenche se tiver a informação.',
    source: {
      text: 'Preencher em guia tipo 1 (consulta) ou em guia tipo 2 (SP/SADT), e o tipo de atendimento for igual a 4, conforme as opções do Componente de Representação de Conceitos em Saúde - TUSS Demais Terminologias - Tabela 52.',
      origin: 'SECONDARY',
      reference: 'regras-condicionais MON-10 (crítica ANS do Envio de Dados, campo 034, erro 1603; transcrição de terceiros)',
    },
    examples: {
      pass: 'samples/valid/monitoramento-guias.xml',
      fail: 'samples/rules/mon-tipo-consulta.xml',
      failAt: { xpath: '/mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento[2]' },
    },
    messages: {
      ausente: 'Na {{guia}}, o tipo de consulta (<tipoConsulta>) não foi informado.',
      ausenteEmConsultaSadt: 'Na {{guia}} com tipo de atendimento 04 (Consulta), o tipo de consulta (<tipoConsulta>) não foi informado.',
    },
    fixes: {
      ausente: 'Informe <tipoConsulta> (tabela 52: 1 Primeira consulta, 2 Retorno, 3 Pré-natal, 4 Por encaminhamento), depois de <dataProcessamentoGuia>.',
      ausenteEmConsultaSadt: 'Informe <tipoConsulta> (tabela 52: 1 Primeira consulta, 2 Retorno, 3 Pré-natal, 4 Por encaminhamento), depois de <dataProcessamentoGuia>.',
    },
  },
  check(ctx) {
    for (const g of guiasMonitoramento(ctx)) {
      if (prestadorEventual(g)) continue;
      const consultaSadt = g.tipo === '2' && text(g.node, 'tipoAtendimento') === '04';
      if (g.tipo !== '1' && !consultaSadt) continue;
      if (filled(g.node, 'tipoConsulta')) continue;
      ctx.report(g.node, consultaSadt ? 'ausenteEmConsultaSadt' : 'ausente', {
        args: { guia: descreve(g) },
        data: { tipo: g.tipo, origem: g.origem },
      });
    }
  },
});
