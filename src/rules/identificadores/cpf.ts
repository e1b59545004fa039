import { defineRule } from '../types.js';
import { reportInvalidDocumentos } from './util.js';
import { isValidCpf } from '../util/documentos.js';
import { EVERY_VERSION } from '../versions.js';

/** Elements that always hold a CPF. */
const CPF_ELEMENTS = ['CPF', 'cpfContratado', 'cpfBeneficiario', 'numeroCPFBeneficiario'];

export const cpfDv = defineRule({
  meta: {
    id: 'TISS-R-CPF-DV',
    title: 'CPF com dígito verificador inválido',
    severity: 'error',
    appliesTo: [...CPF_ELEMENTS, 'codigoCNPJ_CPF'],
    scope: [`todas as mensagens: ${CPF_ELEMENTS.join(', ')}, codigoCNPJ_CPF com identificador 2`],
    versions: EVERY_VERSION,
    description: 'Todo CPF informado deve ter 11 dígitos e dígitos verificadores corretos (algoritmo da Receita Federal); sequências repetidas como 111.111.111-11 são inválidas. O XSD só confere que são 11 dígitos.',
    source: { text: '1206 CPF / CNPJ INVÁLIDO', origin: 'CHECK', reference: 'ANS, Tabela 38 (glosa 1206); Receita Federal, dígitos verificadores do CPF' },
    examples: {
      pass: 'samples/valid/lote-honorarios.xml',
      fail: 'samples/rules/cpf-dv.xml',
      failAt: { xpath: '/mensagemTISS/prestadorParaOperadora/loteGuias/guiasTISS/guiaHonorarios[2]/procedimentosRealizados/procedimentoRealizado/profissionais/codProfissional/cpfContratado' },
    },
    messages: {
      dvInvalido: 'O CPF {{valor}} em <{{elemento}}> é inválido: os dígitos verificadores não conferem.',
    },
    fixes: {
      dvInvalido: 'Confira o CPF no cadastro (11 dígitos, sem pontos nem traço).',
    },
  },
  check(ctx) {
    reportInvalidDocumentos(ctx, {
      identificador: '2',
      shape: /^\d{11}$/,
      isValid: isValidCpf,
    });
  },
});
