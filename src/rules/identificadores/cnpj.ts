import { defineRule } from '../types.js';
import { reportInvalidDocumentos } from './util.js';
import { isValidCnpj } from '../util/documentos.js';
import { acceptsAlphanumericCnpj, EVERY_VERSION } from '../versions.js';

const CNPJ_ELEMENTS = ['CNPJ', 'cnpjContratado', 'CNPJFornecedor', 'cnpjLocalExecutante', 'cnpjOper', 'cnpjPrestador', 'numeroCNPJ'];

export const cnpjDv = defineRule({
  meta: {
    id: 'TISS-R-CNPJ-DV',
    title: 'CNPJ com dígito verificador inválido',
    severity: 'error',
    appliesTo: [...CNPJ_ELEMENTS, 'codigoCNPJ_CPF'],
    scope: [`todas as mensagens: ${CNPJ_ELEMENTS.join(', ')}, codigoCNPJ_CPF com identificador 1`],
    versions: EVERY_VERSION,
    description:
      'Todo CNPJ informado deve ter dígitos verificadores corretos (algoritmo da Receita Federal). O CNPJ alfanumérico (12 caracteres A–Z/0–9 e 2 dígitos; cada caractere vale o seu código ASCII menos 48) só existe a partir da versão 4.03.00 (Monitoramento 1.06.00): antes dela, uma letra no CNPJ é um erro, mesmo num campo cujo tipo no XSD aceite letras. O XSD só confere o formato.',
    source: { text: '1206 CPF / CNPJ INVÁLIDO', origin: 'CHECK', reference: 'ANS, Tabela 38 (glosa 1206); Receita Federal, dígitos verificadores do CNPJ' },
    examples: {
      pass: 'samples/valid/lote-sp-sadt.xml',
      fail: 'samples/rules/cnpj-dv.xml',
      failAt: { xpath: '/mensagemTISS/cabecalho/origem/identificacaoPrestador/CNPJ' },
    },
    messages: {
      dvInvalido: 'O CNPJ {{valor}} em <{{elemento}}> é inválido: os dígitos verificadores não conferem.',
      alfanumericoAntesDa403: 'O CNPJ {{valor}} em <{{elemento}}> é inválido: o CNPJ alfanumérico só é aceito a partir da versão 4.03.00 do padrão (Monitoramento 1.06.00), e esta mensagem é da versão {{versao}}.',
    },
    fixes: {
      dvInvalido: 'Confira o CNPJ no cadastro (14 caracteres, sem pontos, barra nem traço).',
      alfanumericoAntesDa403: 'Gere a mensagem numa versão que aceite o CNPJ alfanumérico, ou informe o CNPJ numérico.',
    },
  },
  check(ctx) {
    const alphanumeric = acceptsAlphanumericCnpj(ctx.version);
    reportInvalidDocumentos(ctx, {
      identificador: '1',
      shape: /^[0-9A-Z]{12}\d{2}$/,
      isValid: (v) => (alphanumeric || /^\d{14}$/.test(v)) && isValidCnpj(v),
      // Before 4.03.00 every CNPJ element is st_CNPJ ([0-9]{14}): the XSD reports a letter there (with a
      // word on the alphanumeric CNPJ); codigoCNPJ_CPF of Monitoramento 1.02.00 is st_texto14, so the rule does.
      why: (v, node) =>
        alphanumeric || !/[A-Z]/.test(v)
          ? null
          : node.local !== 'codigoCNPJ_CPF'
            ? 'xsd'
            : { messageId: 'alfanumericoAntesDa403', args: { versao: ctx.version ?? 'anterior' } },
    });
  },
});
