import { filled, get, getAll, text } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { TISS_4 } from '../versions.js';

/** dm_motivoSaida codes whose declaração de óbito the prestador holds (legend: 41 and "óbito do RN na guia da mãe" = 63). */
const COM_DO: Record<string, string> = {
  '41': 'óbito com declaração de óbito fornecida pelo médico assistente',
  '63': 'alta da mãe/puérpera e óbito do recém-nascido',
};

/** Resumo de internação ending in óbito (41) or óbito do RN (63) carries a declaração de óbito. */
export const riDeclaracaoObito = defineRule({
  meta: {
    id: 'TISS-R-RI-DECLARACAO-OBITO',
    title: 'Declaração de óbito ausente no resumo de internação',
    severity: 'warning',
    appliesTo: ['guiaResumoInternacao'],
    scope: ['loteGuias/guiaResumoInternacao (dadosInternacao/declaracoes/declaracaoObito)'],
    versions: TISS_4,
    description:
      'No resumo de internação encerrado por óbito com declaração fornecida pelo médico assistente (motivoEncerramento = 41) ou por óbito do recém-nascido na guia da mãe (63), pelo menos um número de declaração de óbito (declaracoes/declaracaoObito) deve ser informado.',
    source: {
      text: 'Número da declaração de óbito, que é o documento-base do Sistema de Informações sobre Mortalidade do Ministério da Saúde (SIM/MS).. Condicionado.Deve ser preenchido quando o motivo de encerramento for igual ao código 41 (Óbito com declaração de óbito fornecida pelo médico assistente) ou quando for óbito do RN na guia de internação da mãe.',
      origin: 'SECONDARY',
      reference: 'regras-condicionais RI-10 (legenda ANS, transcrição de terceiros)',
    },
    examples: {
      pass: 'samples/rules/passa/ri-declaracao-obito.xml',
      fail: 'samples/rules/ri-declaracao-obito.xml',
      failAt: { xpath: '/mensagemTISS/prestadorParaOperadora/loteGuias/guiasTISS/guiaResumoInternacao[1]/dadosInternacao' },
    },
    messages: {
      semDeclaracao: 'A internação foi encerrada com {{significado}} (motivoEncerramento {{motivo}}), mas nenhuma declaração de óbito (<declaracaoObito>) foi informada.',
    },
    fixes: {
      semDeclaracao: 'Informe, ao final de <dadosInternacao>, um elemento <declaracoes> com <declaracaoObito> (número da DO) e <indicadorDORN> (S se a DO é do recém-nascido, N se é da mãe/paciente).',
    },
  },
  check(ctx) {
    for (const guia of ctx.all('guiaResumoInternacao')) {
      const motivo = text(guia, 'dadosSaidaInternacao', 'motivoEncerramento') ?? '';
      const significado = COM_DO[motivo];
      if (!significado) continue;
      const dados = get(guia, 'dadosInternacao');
      if (!dados || getAll(dados, 'declaracoes').some((d) => filled(d, 'declaracaoObito'))) continue;
      ctx.report(dados, 'semDeclaracao', {
        args: { significado, motivo },
        data: { motivoEncerramento: motivo },
      });
    }
  },
});
