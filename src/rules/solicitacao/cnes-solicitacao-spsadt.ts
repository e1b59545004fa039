import { filled, get, text } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { TISS_4 } from '../versions.js';

/** CNES in the solicitação SP/SADT: conditional since 4.00.00 (it was required before). */
export const cnesSolicitacaoSpSadt = defineRule({
  meta: {
    id: 'TISS-R-CNES-SOLIC-SPSADT',
    title: 'CNES do executante na solicitação SP/SADT',
    severity: 'error',
    appliesTo: ['solicitacaoSP-SADT'],
    scope: ['solicitacaoProcedimento/solicitacaoSP-SADT'],
    versions: TISS_4,
    description:
      'Quando a solicitação de SP/SADT é feita pelo próprio prestador executante (tipoEtapaAutorizacao = 2), os dados do executante, com o CNES, devem ser informados.',
    source: {
      text: 'Condicionado. Deve ser preenchido nos casos de solicitação de autorização pelo prestador executante.',
      origin: 'PRIMARY',
      reference: 'ANS, TISS 4.00.00 — mudanças: CNES (Solicitação SP/SADT)',
    },
    examples: {
      pass: 'samples/valid/solicitacao-sp-sadt.xml',
      fail: 'samples/rules/cnes-solicitacao-spsadt.xml',
      failAt: { xpath: '/mensagemTISS/prestadorParaOperadora/solicitacaoProcedimento/solicitacaoSP-SADT' },
    },
    messages: {
      semCnes: 'A solicitação é do próprio prestador executante (tipoEtapaAutorizacao = 2), mas o CNES do executante não foi informado.',
    },
    fixes: {
      semCnes: 'Informe <dadosExecutante> com o código na operadora e o <CNES> do estabelecimento executante (7 dígitos; 9999999 se não houver CNES).',
    },
  },
  check(ctx) {
    for (const guia of ctx.all('solicitacaoSP-SADT')) {
      if (text(guia, 'tipoEtapaAutorizacao') !== '2') continue;
      if (filled(guia, 'dadosExecutante', 'CNES')) continue;
      ctx.report(get(guia, 'dadosExecutante', 'CNES') ?? get(guia, 'dadosExecutante') ?? guia, 'semCnes');
    }
  },
});
