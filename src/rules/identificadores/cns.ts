import { text } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { isValidCns } from '../util/documentos.js';
import { EVERY_VERSION } from '../versions.js';

export const cnsDv = defineRule({
  meta: {
    id: 'TISS-R-CNS-DV',
    title: 'Cartão Nacional de Saúde inválido',
    severity: 'error',
    appliesTo: ['numeroCNS', 'numeroCartaoNacionalSaude'],
    versions: EVERY_VERSION,
    description: 'O número do Cartão Nacional de Saúde (CNS) deve ter 15 dígitos, começar por 1, 2, 7, 8 ou 9 e ter soma ponderada múltipla de 11 (algoritmo do Ministério da Saúde).',
    source: { text: '1002 NÚMERO DO CARTÃO NACIONAL DE SAÚDE INVÁLIDO', origin: 'CHECK', reference: 'ANS, Tabela 38 (glosa 1002); Ministério da Saúde, validação do CNS' },
    examples: {
      pass: 'samples/valid/monitoramento-guias.xml',
      fail: 'samples/rules/cns-dv.xml',
      failAt: { xpath: '/mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento[1]/dadosBeneficiario/identBeneficiario/numeroCartaoNacionalSaude' },
    },
    messages: {
      dvInvalido: 'O CNS {{valor}} em <{{elemento}}> é inválido: o dígito verificador não confere.',
      tamanho: 'O CNS {{valor}} em <{{elemento}}> é inválido: deve ter 15 dígitos.',
    },
    fixes: {
      dvInvalido: 'Confira o número no Cartão Nacional de Saúde do beneficiário (15 dígitos).',
      tamanho: 'Confira o número no Cartão Nacional de Saúde do beneficiário (15 dígitos).',
    },
  },
  check(ctx) {
    for (const node of ctx.nodes()) {
      const value = text(node) ?? '';
      if (value === '' || isValidCns(value)) continue;
      ctx.report(node, /^\d{15}$/.test(value) ? 'dvInvalido' : 'tamanho', {
        args: { valor: value, elemento: node.local },
        data: { value },
      });
    }
  },
});
