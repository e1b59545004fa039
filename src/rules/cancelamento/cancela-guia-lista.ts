import { filled, getAll } from '../../xml/query.js';
import { defineRule } from '../types.js';

/**
 * ct_guiaCancelamento/tipoCancelamento/tipoCancelamentoGuia is an xs:choice of ONE of tipoGuia |
 * numeroGuiaPrestador | numeroGuiaOperadora | numeroProtocolo, repeated. The legends (written for the
 * 4.00.01 sequence) ask for tipoGuia and numeroGuiaPrestador; in 4.00.00 one occurrence cannot hold both,
 * and a cancelamento that lists the guia by its number alone is what the choice allows (issue 14): the
 * rule used to demand a separate tipoGuia occurrence too, a reading of CANC-03 the 4.00.00 choice does
 * not support. What stays is the legend's core: a cancelamento de guia names the guia to cancel by its
 * number at the prestador (CANC-04).
 */
export const cancelaGuiaLista = defineRule({
  meta: {
    id: 'TISS-R-CANCELA-GUIA-LISTA',
    title: 'Cancelamento de guia sem o número da guia',
    severity: 'warning',
    appliesTo: ['tipoCancelamento'],
    scope: ['prestadorParaOperadora/cancelaGuia', 'cancelaGuiaWS/cancelaGuia'],
    // From 4.00.01 tipoCancelamentoGuia is a sequence with both required: the XSD says it, not this rule.
    versions: ['4.00.00'],
    description:
      'No cancelamento de guia ou de recurso de glosa (<tipoCancelamentoGuia>), a lista deve trazer o número da guia a cancelar no prestador (<numeroGuiaPrestador>). Na 4.00.00 o XSD aceita um só dado por <tipoCancelamentoGuia> (escolha entre natureza, número no prestador, número na operadora e protocolo), então cancelar uma guia informando só o número dela é válido: a natureza (<tipoGuia>) não é exigida. A regra confere que a lista tem ao menos um <numeroGuiaPrestador>. A partir da 4.00.01 o XSD exige natureza e número em cada ocorrência (sequência): a regra vale só para a 4.00.00.',
    source: {
      text: 'Número que identifica a guia a ser cancelada no prestador de serviços. Condicionado. Deve ser preenchido em caso de cancelamento de guia ou recurso de glosa.',
      origin: 'SECONDARY',
      reference: 'regras-condicionais CANC-04 (legenda ANS, transcrição de terceiros), aplicada à lista de tipoCancelamentoGuia',
    },
    examples: {
      pass: 'samples/rules/passa/cancela-guia-por-numero.xml',
      fail: 'samples/rules/cancela-guia-lista.xml',
      failAt: { xpath: '/mensagemTISS/prestadorParaOperadora/cancelaGuia/tipoCancelamento' },
    },
    messages: {
      semNumeroGuia: 'O cancelamento de guia não informa o número da guia a cancelar no prestador (<numeroGuiaPrestador>).',
    },
    fixes: {
      semNumeroGuia: 'Acrescente um <tipoCancelamentoGuia> com <numeroGuiaPrestador> (número da guia a cancelar), além do <numeroProtocolo> se a operadora já o atribuiu.',
    },
  },
  check(ctx) {
    for (const tipo of ctx.all('tipoCancelamento')) {
      const guias = getAll(tipo, 'tipoCancelamentoGuia');
      if (guias.length === 0 || guias.some((g) => filled(g, 'numeroGuiaPrestador'))) continue;
      ctx.report(tipo, 'semNumeroGuia', { data: { ausentes: ['numeroGuiaPrestador'] } });
    }
  },
});
