import { filled } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { descreve, guiasMonitoramento, prestadorEventual } from './util.js';
import { MONITORAMENTO } from '../versions.js';

/** tipoAtendimento (tabela 50) in SP/SADT. */
export const monTipoAtendimento = defineRule({
  meta: {
    id: 'TISS-R-MON-TIPO-ATENDIMENTO',
    title: 'Tipo de atendimento em guia de SP/SADT',
    severity: 'warning',
    appliesTo: ['guiaMonitoramento'],
    scope: ['mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento (Envio de Dados 1.02.00)'],
    versions: MONITORAMENTO,
    description:
      'No Envio de Dados, as guias de SP/SADT (tipoEventoAtencao = 2) devem trazer o tipo de atendimento (tipoAtendimento, tabela 50). Guias de prestador eventual (origem 5) estão dispensadas (a operadora preenche se tiver a informação).',
    source: {
      text: 'Preencher em guia tipo 2 (SP/SADT) conforme as opções do Componente de Representação de Conceitos em Saúde - TUSS Demais Terminologias - Tabela 50',
      origin: 'SECONDARY',
      reference: 'regras-condicionais MON-18 (crítica ANS do Envio de Dados, campo 045, erro 1602; transcrição de terceiros)',
    },
    examples: {
      pass: 'samples/valid/monitoramento-guias.xml',
      fail: 'samples/rules/mon-tipo-atendimento.xml',
      failAt: { xpath: '/mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento[1]' },
    },
    messages: {
      ausente: 'Na {{guia}}, o tipo de atendimento (<tipoAtendimento>) não foi informado.',
    },
    fixes: {
      ausente: 'Informe <tipoAtendimento> (tabela 50, por exemplo 04 Consulta, 05 Exames), depois de <diagnosticosCID10> (ou de <regimeInternacao>/<caraterAtendimento>).',
    },
  },
  check(ctx) {
    for (const g of guiasMonitoramento(ctx)) {
      if (g.tipo !== '2' || prestadorEventual(g)) continue;
      if (filled(g.node, 'tipoAtendimento')) continue;
      ctx.report(g.node, 'ausente', {
        args: { guia: descreve(g) },
        data: { tipo: g.tipo, origem: g.origem },
      });
    }
  },
});
