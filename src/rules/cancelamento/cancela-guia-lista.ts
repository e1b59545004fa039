import { filled, getAll } from '../../xml/query.js';
import { defineRule } from '../types.js';

const FIELDS: [name: string, label: string][] = [
  ['tipoGuia', 'a natureza da guia (<tipoGuia>, tabela 56)'],
  ['numeroGuiaPrestador', 'o número da guia no prestador (<numeroGuiaPrestador>)'],
];

/**
 * ct_guiaCancelamento/tipoCancelamento/tipoCancelamentoGuia is an xs:choice of ONE of tipoGuia |
 * numeroGuiaPrestador | numeroGuiaOperadora | numeroProtocolo, repeated; a guia is described by several
 * consecutive occurrences. The legends ask for tipoGuia and numeroGuiaPrestador in a cancelamento de guia;
 * requiring them in each occurrence would contradict the XSD, so they are required in the list as a
 * whole (at least one occurrence of each). Which occurrences belong to which guia is not decidable.
 */
export const cancelaGuiaLista = defineRule({
  meta: {
    id: 'TISS-R-CANCELA-GUIA-LISTA',
    title: 'Cancelamento de guia sem a natureza ou o número da guia',
    severity: 'warning',
    appliesTo: ['tipoCancelamento'],
    scope: ['prestadorParaOperadora/cancelaGuia', 'cancelaGuiaWS/cancelaGuia'],
    // From 4.00.01 tipoCancelamentoGuia is a sequence with both required: the XSD says it, not this rule.
    versions: ['4.00.00'],
    description:
      'No cancelamento de guia ou de recurso de glosa (<tipoCancelamentoGuia>), a lista deve trazer a natureza da guia (<tipoGuia>: 1 solicitação, 2 faturamento, 3 recurso de glosa) e o número da guia no prestador (<numeroGuiaPrestador>). Como o XSD aceita um só dado por <tipoCancelamentoGuia>, eles vêm em ocorrências separadas; a regra confere apenas que a lista tem ao menos uma ocorrência de cada. A partir da 4.00.01 o XSD exige os dois em cada ocorrência (sequência): a regra vale só para a 4.00.00.',
    source: {
      text: 'Identificador da natureza de guia a que se refere o cancelamento conforme tabela de domínio nº 56. Condicionado. Deve ser preenchido em caso de cancelamento de guia ou recurso de glosa.',
      origin: 'SECONDARY',
      reference: 'regras-condicionais CANC-03 e CANC-04 (legenda ANS, transcrição de terceiros), aplicadas à lista de tipoCancelamentoGuia',
    },
    examples: {
      pass: 'samples/valid/cancela-guia.xml',
      fail: 'samples/rules/cancela-guia-lista.xml',
      failAt: { xpath: '/mensagemTISS/prestadorParaOperadora/cancelaGuia/tipoCancelamento' },
    },
    messages: {
      faltaDado: 'O cancelamento de guia não informa {{ausentes}}.',
    },
    fixes: {
      faltaDado: 'Acrescente um <tipoCancelamentoGuia> para cada dado que falta: um com <tipoGuia> (natureza da guia) e um com <numeroGuiaPrestador> (número da guia a cancelar), além do <numeroProtocolo> se a operadora já o atribuiu.',
    },
  },
  check(ctx) {
    for (const tipo of ctx.all('tipoCancelamento')) {
      const guias = getAll(tipo, 'tipoCancelamentoGuia');
      if (guias.length === 0) continue;
      const missing = FIELDS.filter(([name]) => !guias.some((g) => filled(g, name)));
      if (missing.length === 0) continue;
      ctx.report(tipo, 'faltaDado', {
        args: { ausentes: missing.map(([, label]) => label).join(' nem ') },
        data: { ausentes: missing.map(([name]) => name) },
      });
    }
  },
});
