import type { XNode } from '../../xml/tree.js';
import { ownText } from '../../xml/tree.js';
import { defineRule } from '../types.js';
import { TISS_4 } from '../versions.js';

/** The guia element a numeroGuiaPrestador numbers, when it is a guia of loteGuias/guiasTISS. */
function guiaOf(numero: XNode): XNode | undefined {
  const parent = numero.parent;
  const guia = parent?.local === 'cabecalhoGuia' || parent?.local === 'cabecalhoConsulta' ? parent.parent : parent;
  return guia?.parent?.local === 'guiasTISS' ? guia : undefined;
}

/**
 * The same numeroGuiaPrestador on two guias of one lote (loteGuias/guiasTISS): cabecalhoGuia of
 * SP/SADT, resumo de internação and honorários, cabecalhoConsulta, guiaOdonto. A message carries one
 * lote, so the comparison is within the message; numbers compare as written (trimmed).
 */
export const guiaRepetida = defineRule({
  meta: {
    id: 'TISS-R-GUIA-REPETIDA-LOTE',
    title: 'Guia repetida no lote',
    severity: 'error',
    appliesTo: ['numeroGuiaPrestador'],
    scope: ['loteGuias/guiasTISS: numeroGuiaPrestador de guiaSP-SADT, guiaResumoInternacao, guiaHonorarios, guiaConsulta e guiaOdonto'],
    versions: TISS_4,
    description:
      'O número da guia no prestador identifica cada guia; duas guias do mesmo lote com o mesmo número são a mesma guia cobrada duas vezes, e a operadora glosa a segunda como já apresentada. Um achado em cada repetição, apontando a primeira. Os números são comparados como escritos (sem espaços nas pontas); a glosa 1308 também vale para guias apresentadas em lotes anteriores, o que só a operadora pode conferir.',
    source: {
      text: '1308 GUIA JÁ APRESENTADA',
      origin: 'CHECK',
      reference: 'ANS, Tabela 38 (dm_tipoGlosa, 4.00.00 a 4.03.00): glosa 1308',
    },
    glosa: ['1308'],
    examples: {
      pass: 'samples/valid/lote-consulta.xml',
      fail: 'samples/rules/guia-repetida-lote.xml',
      failAt: { xpath: '/mensagemTISS/prestadorParaOperadora/loteGuias/guiasTISS/guiaConsulta[3]/cabecalhoConsulta/numeroGuiaPrestador' },
    },
    messages: {
      repetida: 'A guia {{numero}} já foi apresentada neste lote (linha {{linha}}).',
    },
    fixes: {
      repetida: 'Se é a mesma guia, retire a repetição; se é outra, dê a ela um número próprio no prestador.',
    },
  },
  check(ctx) {
    const seen = new Map<string, XNode>();
    for (const node of ctx.all('numeroGuiaPrestador')) {
      if (!guiaOf(node)) continue;
      const numero = ownText(node).trim();
      if (!numero) continue;
      const first = seen.get(numero);
      if (!first) {
        seen.set(numero, node);
        continue;
      }
      ctx.report(node, 'repetida', { args: { numero, linha: first.line }, data: { numeroGuiaPrestador: numero, primeiraLinha: first.line } });
    }
  },
});
