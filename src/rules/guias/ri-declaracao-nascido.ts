import { filled, get, getAll, text } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { TISS_4 } from '../versions.js';

/** dm_motivoSaida codes that imply a live-born RN (61, 62, 63, 66, 67); 64 and 65 do not. */
const NASCIDO_VIVO: Record<string, string> = {
  '61': 'alta da mãe/puérpera e do recém-nascido',
  '62': 'alta da mãe/puérpera e permanência do recém-nascido',
  '63': 'alta da mãe/puérpera e óbito do recém-nascido',
  '66': 'óbito da mãe/puérpera e alta do recém-nascido',
  '67': 'óbito da mãe/puérpera e permanência do recém-nascido',
};

/** Resumo de internação obstétrica with a live birth carries a declaração de nascido vivo. */
export const riDeclaracaoNascido = defineRule({
  meta: {
    id: 'TISS-R-RI-DECLARACAO-NASCIDO',
    title: 'Declaração de nascido vivo ausente em internação obstétrica',
    severity: 'warning',
    appliesTo: ['guiaResumoInternacao'],
    scope: ['loteGuias/guiaResumoInternacao (dadosInternacao/declaracoes/declaracaoNascido)'],
    versions: TISS_4,
    description:
      'No resumo de internação obstétrica (tipoInternacao = 3) cujo motivo de encerramento indica recém-nascido vivo (61, 62, 63, 66 ou 67), pelo menos um número de declaração de nascido vivo (declaracoes/declaracaoNascido) deve ser informado. Óbito fetal (64) e óbito da gestante e do concepto (65) não exigem.',
    source: {
      text: 'Número da declaração de nascido vivo, que é o documento-base do Sistema de Informações sobre Nascidos Vivos do Ministério da Saúde (SINASC/MS). Condicionado. Deve ser preenchido em caso de internação obstétrica onde tenha havido nascido vivo.',
      origin: 'SECONDARY',
      reference: 'regras-condicionais RI-09 (legenda ANS, transcrição de terceiros)',
    },
    examples: {
      pass: 'samples/valid/lote-resumo-internacao.xml',
      fail: 'samples/rules/ri-declaracao-nascido.xml',
      failAt: { xpath: '/mensagemTISS/prestadorParaOperadora/loteGuias/guiasTISS/guiaResumoInternacao[2]/dadosInternacao' },
    },
    messages: {
      semDeclaracao: 'Internação obstétrica encerrada com {{significado}} (motivoEncerramento {{motivo}}), mas nenhuma declaração de nascido vivo (<declaracaoNascido>) foi informada.',
    },
    fixes: {
      semDeclaracao: 'Informe, ao final de <dadosInternacao>, um elemento <declaracoes> com <declaracaoNascido> para cada recém-nascido vivo (número da DNV).',
    },
  },
  check(ctx) {
    for (const guia of ctx.all('guiaResumoInternacao')) {
      const dados = get(guia, 'dadosInternacao');
      if (!dados || text(dados, 'tipoInternacao') !== '3') continue;
      const motivo = text(guia, 'dadosSaidaInternacao', 'motivoEncerramento') ?? '';
      const significado = NASCIDO_VIVO[motivo];
      if (!significado) continue;
      if (getAll(dados, 'declaracoes').some((d) => filled(d, 'declaracaoNascido'))) continue;
      ctx.report(dados, 'semDeclaracao', {
        args: { significado, motivo },
        data: { motivoEncerramento: motivo },
      });
    }
  },
});
