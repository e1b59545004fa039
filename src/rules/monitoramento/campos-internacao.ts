import { filled } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { descreve, guiasMonitoramento, prestadorEventual } from './util.js';
import { MONITORAMENTO } from '../versions.js';

/** Fields every guia de internação carries: tipo e regime de internação, diárias de acompanhante e UTI, motivo de saída. */
const CAMPOS: { name: string; label: string }[] = [
  { name: 'tipoInternacao', label: 'tipo de internação' },
  { name: 'regimeInternacao', label: 'regime de internação' },
  { name: 'diariasAcompanhante', label: 'diárias de acompanhante' },
  { name: 'diariasUTI', label: 'diárias de UTI' },
  { name: 'motivoSaida', label: 'motivo de encerramento' },
];

/** Tabela 38: 1506 TIPO DE INTERNAÇÃO INVÁLIDO, 1505 REGIME DA INTERNAÇÃO INVÁLIDO. */
const GLOSA_CAMPO: Readonly<Record<string, string>> = { tipoInternacao: '1506', regimeInternacao: '1505' };

export const monCamposInternacao = defineRule({
  meta: {
    id: 'TISS-R-MON-CAMPOS-INTERNACAO',
    title: 'Campos da internação no Envio de Dados',
    severity: 'warning',
    appliesTo: ['guiaMonitoramento'],
    scope: ['mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento (Envio de Dados 1.02.00)'],
    versions: MONITORAMENTO,
    description:
      'No Envio de Dados, as guias de internação (tipoEventoAtencao = 3) devem trazer o tipo de internação (tipoInternacao, tabela 57), o regime de internação (regimeInternacao, tabela 41), o número de diárias de acompanhante (diariasAcompanhante) e de UTI (diariasUTI) — 0 quando não houve — e o motivo de encerramento (motivoSaida, tabela 39). Guias de prestador eventual (origem 5) estão dispensadas (a operadora preenche se tiver a informação).',
    source: {
      text: 'Preencher no tipo de guia 3 (internação) conforme opções do Componente de Representação de Conceitos em Saúde - TUSS Demais Terminologias - Tabela 57. | Regime de Internação. Preencher em guia 3 (Resumo de Internação), conforme opções do Componente de Representação de Conceitos em Saúde - TUSS Demais Terminologias - Tabela 41 | Quanto tipo de Guia for 3 (internação) Informar Número diária de acompanhante. / ... Informar Número diária de UTI. | Preencher em tipo de guia 3 (Resumo de Intrernação) referente as opções do Componente de Representação de Conceitos em Saúde - TUSS Demais Terminologias - Tabela 39',
      origin: 'SECONDARY',
      reference: 'regras-condicionais MON-15, MON-16, MON-20, MON-21 (crítica ANS do Envio de Dados, campos 039, 040, 047, 048, 049; transcrição de terceiros)',
    },
    examples: {
      pass: 'samples/rules/passa/mon-campos-internacao.xml',
      fail: 'samples/rules/mon-campos-internacao.xml',
      failAt: { xpath: '/mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento[1]' },
    },
    messages: {
      faltaCampo: 'Na {{guia}}, não foi informado o campo: {{campos}}.',
      faltamCampos: 'Na {{guia}}, não foram informados os campos: {{campos}}.',
    },
    fixes: {
      faltaCampo: 'Informe os campos da internação conforme o resumo de internação recebido do prestador (diárias de acompanhante e de UTI: 0 quando não houve).',
      faltamCampos: 'Informe os campos da internação conforme o resumo de internação recebido do prestador (diárias de acompanhante e de UTI: 0 quando não houve).',
    },
  },
  check(ctx) {
    for (const g of guiasMonitoramento(ctx)) {
      if (g.tipo !== '3' || prestadorEventual(g)) continue;
      const missing = CAMPOS.filter((c) => !filled(g.node, c.name));
      if (missing.length === 0) continue;
      const list = missing.map((c) => `${c.label} (<${c.name}>)`).join(', ');
      ctx.report(g.node, missing.length === 1 ? 'faltaCampo' : 'faltamCampos', {
        args: { guia: descreve(g), campos: list },
        data: { faltando: missing.map((c) => c.name) },
        // Tabela 38 names the tipo (1506) and the regime (1505); the other fields have no code of their own.
        glosa: missing.flatMap((c) => GLOSA_CAMPO[c.name] ?? []),
      });
    }
  },
});
