import type { Rule } from '../types.js';
import { reportInvalidDocumentos } from './util.js';
import { isValidCnpj } from '../util/documentos.js';

const CNPJ_ELEMENTS = ['CNPJ', 'cnpjContratado', 'CNPJFornecedor', 'cnpjLocalExecutante', 'cnpjOper', 'cnpjPrestador', 'numeroCNPJ'];

export const cnpjDv: Rule = {
  meta: {
    id: 'TISS-R-CNPJ-DV',
    title: 'CNPJ com dígito verificador inválido',
    severity: 'error',
    appliesTo: ['todas as mensagens: CNPJ, cnpjContratado, CNPJFornecedor, cnpjLocalExecutante, cnpjOper, cnpjPrestador, numeroCNPJ, codigoCNPJ_CPF com identificador 1'],
    description: 'Todo CNPJ informado deve ter dígitos verificadores corretos (algoritmo da Receita Federal, inclusive o CNPJ alfanumérico). O XSD só confere que são 14 dígitos.',
    source: { text: '1206 CPF / CNPJ INVÁLIDO', origin: 'CHECK', reference: 'ANS, Tabela 38 (glosa 1206); Receita Federal, dígitos verificadores do CNPJ' },
    examples: {
      pass: 'samples/valid/lote-sp-sadt.xml',
      fail: 'samples/rules/cnpj-dv.xml',
      failAt: { line: 12, xpath: '/mensagemTISS/cabecalho/origem/identificacaoPrestador/CNPJ' },
    },
  },
  check(ctx) {
    reportInvalidDocumentos(ctx, {
      label: 'CNPJ',
      elements: CNPJ_ELEMENTS,
      identificador: '1',
      shape: /^[0-9A-Z]{12}\d{2}$/,
      isValid: isValidCnpj,
      fix: 'Confira o CNPJ no cadastro (14 caracteres, sem pontos, barra nem traço).',
    });
  },
};
