import { filled, get, text } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { descreve, guiasMonitoramento, prestadorEventual } from './util.js';
import { MONITORAMENTO } from '../versions.js';

/** cboExecutante: expected in consulta, odonto and SP/SADT of tipoAtendimento 04; never 999999. */
export const monCboExecutante = defineRule({
  meta: {
    id: 'TISS-R-MON-CBO-EXECUTANTE',
    title: 'CBO do executante em consulta e odontologia',
    severity: 'warning',
    appliesTo: ['guiaMonitoramento'],
    scope: ['mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento (Envio de Dados 1.02.00)'],
    versions: MONITORAMENTO,
    description:
      'No Envio de Dados, o CBO do executante (cboExecutante, tabela 24) deve ser informado nas guias de consulta (tipoEventoAtencao = 1), de tratamento odontológico (4) e de SP/SADT (2) com tipo de atendimento 04 (Consulta); guias de prestador eventual (origem 5) estão dispensadas (a operadora preenche se tiver a informação). O código 999999 (CBO desconhecido), embora aceito pelo XSD, não pode ser usado. Aviso: o texto da crítica é ambíguo quanto aos tipos de guia.',
    source: {
      text: 'O CBO deve ser preenchido no tipo de guia 1 (consulta) 2 (SP/SADT ou 4 (Odonto), e tipo de atendimento igual a 4 (consulta), o Preencher opções do Componente de Representação de Conceitos em Saúde - TUSS Demais Terminologias - Tabela 24. Não pode ser informado 9999999.',
      origin: 'SECONDARY',
      reference: 'regras-condicionais MON-11 (crítica ANS do Envio de Dados, campo 035, erro 1213; transcrição de terceiros)',
    },
    examples: {
      pass: 'samples/valid/monitoramento-guias.xml',
      fail: 'samples/rules/mon-cbo-executante.xml',
      failAt: { xpath: '/mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento[2]' },
    },
    messages: {
      naoIdentificado: 'O CBO do executante foi informado como 999999 (não identificado), o que a ANS não aceita.',
      ausente: 'Na {{guia}}, o CBO do executante (<cboExecutante>) não foi informado.',
      ausenteEmConsultaSadt: 'Na {{guia}} com tipo de atendimento 04 (Consulta), o CBO do executante (<cboExecutante>) não foi informado.',
    },
    fixes: {
      naoIdentificado: 'Informe em <cboExecutante> o CBO real do profissional executante (tabela 24).',
      ausente: 'Informe <cboExecutante> (tabela 24) com o CBO do profissional que executou o atendimento, depois de <tipoConsulta> (ou de <dataProcessamentoGuia>).',
      ausenteEmConsultaSadt: 'Informe <cboExecutante> (tabela 24) com o CBO do profissional que executou o atendimento, depois de <tipoConsulta> (ou de <dataProcessamentoGuia>).',
    },
  },
  check(ctx) {
    for (const g of guiasMonitoramento(ctx)) {
      const node = get(g.node, 'cboExecutante');
      if (node) {
        if (text(node) === '999999') {
          ctx.report(node, 'naoIdentificado', {
            data: { value: '999999' },
          });
        }
        continue;
      }
      if (prestadorEventual(g)) continue;
      const consultaSadt = g.tipo === '2' && text(g.node, 'tipoAtendimento') === '04';
      if (g.tipo !== '1' && g.tipo !== '4' && !consultaSadt) continue;
      if (filled(g.node, 'cboExecutante')) continue;
      ctx.report(g.node, consultaSadt ? 'ausenteEmConsultaSadt' : 'ausente', {
        args: { guia: descreve(g) },
        data: { tipo: g.tipo, origem: g.origem },
      });
    }
  },
});
