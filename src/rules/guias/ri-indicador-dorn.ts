import { filled, get, getAll, text } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { TISS_4 } from '../versions.js';

/** Each declaracoes with a declaracaoObito says whose death it is (indicadorDORN S/N). */
export const riIndicadorDorn = defineRule({
  meta: {
    id: 'TISS-R-RI-INDICADOR-DORN',
    title: 'Indicador de DO de recém-nato ausente',
    severity: 'warning',
    appliesTo: ['guiaResumoInternacao'],
    scope: ['loteGuias/guiaResumoInternacao (dadosInternacao/declaracoes/indicadorDORN)'],
    versions: TISS_4,
    description:
      'No resumo de internação, cada bloco declaracoes que informa uma declaração de óbito (declaracaoObito) deve informar também o indicadorDORN: S se a declaração é do recém-nascido, N se é da mãe/paciente.',
    source: {
      text: 'Indica se a declaração de óbito é do recém-nato durante a internação da mãe.. Condicionado. Deve ser preenchido quando o campo Número da Declaração de Óbito for preenchido. Preencher com S - SIM caso a declaração de óbito informada seja do RN e com N - Não caso a declaração de óbito informada seja da mãe.',
      origin: 'SECONDARY',
      reference: 'regras-condicionais RI-11 (legenda ANS, transcrição de terceiros)',
    },
    examples: {
      pass: 'samples/rules/passa/ri-declaracao-obito.xml',
      fail: 'samples/rules/ri-indicador-dorn.xml',
      failAt: { xpath: '/mensagemTISS/prestadorParaOperadora/loteGuias/guiasTISS/guiaResumoInternacao[2]/dadosInternacao/declaracoes' },
    },
    messages: {
      semIndicador: 'A declaração de óbito {{numero}} foi informada sem o <indicadorDORN>, que diz se ela é do recém-nascido (S) ou da mãe/paciente (N).',
    },
    fixes: {
      semIndicador: 'Informe <indicadorDORN> (S ou N) após <declaracaoObito> no mesmo <declaracoes>.',
    },
  },
  check(ctx) {
    for (const guia of ctx.all('guiaResumoInternacao')) {
      for (const decl of getAll(guia, 'dadosInternacao', 'declaracoes')) {
        if (!filled(decl, 'declaracaoObito') || filled(decl, 'indicadorDORN')) continue;
        const numero = text(decl, 'declaracaoObito');
        ctx.report(get(decl, 'indicadorDORN') ?? decl, 'semIndicador', {
          // filled() above: the declaração has a number.
          args: { numero: numero! },
          data: { declaracaoObito: numero ?? null },
        });
      }
    }
  },
});
