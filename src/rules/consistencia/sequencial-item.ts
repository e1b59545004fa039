import { guiaElementOf } from '../../message/where.js';
import type { XNode } from '../../xml/tree.js';
import { text } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { EVERY_VERSION } from '../versions.js';

export const sequencialItemUnico = defineRule({
  meta: {
    id: 'TISS-R-SEQUENCIAL-ITEM-UNICO',
    title: 'Sequencial de referência repetido na guia',
    severity: 'error',
    appliesTo: ['sequencialItem'],
    scope: ['guiaSP-SADT, guiaResumoInternacao, guiaHonorarios (procedimentos e outras despesas) e demais guias com sequencialItem'],
    versions: EVERY_VERSION,
    description:
      'O sequencial de referência (sequencialItem) identifica cada procedimento ou item da guia e não pode se repetir dentro da mesma guia, incluindo as outras despesas. No recurso de glosa (<itensGuia>) o sequencial aponta o item da guia original, e um item com mais de uma glosa é recorrido com um <itensGuia> por glosa: ali o mesmo sequencial pode se repetir, desde que cada ocorrência recorra de uma glosa diferente (<codGlosaItem>); a mesma glosa do mesmo item duas vezes continua sendo erro.',
    source: {
      text: 'Campo sequencial de referência que deve ser atribuído ao procedimento, que não deve se repetir dentro de uma mesma guia inclusive no Anexo de Outras Despesas.',
      origin: 'PRIMARY',
      reference: 'ANS, TISS 4.00.00 — mudanças: Sequencial de Referência',
    },
    examples: {
      pass: 'samples/rules/passa/recurso-item-duas-glosas.xml',
      fail: 'samples/rules/sequencial-item-repetido.xml',
      failAt: { xpath: '/mensagemTISS/prestadorParaOperadora/loteGuias/guiasTISS/guiaSP-SADT[1]/outrasDespesas/despesa[2]/sequencialItem' },
    },
    messages: {
      repetido: 'O sequencial de referência {{sequencial}} se repete na mesma guia (já usado na linha {{linha}}); cada procedimento e cada item de outras despesas precisa de um sequencial próprio.',
      glosaRepetida: 'O recurso da glosa {{glosa}} do item {{sequencial}} se repete na mesma guia (já feito na linha {{linha}}).',
    },
    fixes: {
      repetido: 'Numere os itens da guia sem repetição (procedimentos e outras despesas na mesma sequência).',
      glosaRepetida: 'Recorra de cada glosa de um item uma só vez: junte as justificativas num único <itensGuia> com <codGlosaItem> {{glosa}} e some os valores recursados.',
    },
  },
  check(ctx) {
    const byGuia = new Map<XNode, Map<string, XNode>>();
    for (const node of ctx.all('sequencialItem')) {
      const guia = guiaElementOf(node)?.guia ?? ctx.message.element;
      let seen = byGuia.get(guia);
      if (!seen) byGuia.set(guia, (seen = new Map<string, XNode>()));
      const value = (text(node) ?? '').replace(/^0+(?=\d)/, '');
      // A recurso de glosa appeals each glosa of an item in an itensGuia of its own: there the key is
      // the item and its glosa code (decided in issue 14: the same glosa twice is still a repetition).
      const glosa = node.parent?.local === 'itensGuia' ? (text(node.parent, 'codGlosaItem') ?? '') : null;
      const key = glosa === null ? value : `${value} ${glosa}`;
      const first = seen.get(key);
      if (!first) {
        seen.set(key, node);
      } else if (glosa === null) {
        ctx.report(node, 'repetido', {
          args: { sequencial: value, linha: first.line },
          data: { value, firstLine: first.line },
        });
      } else {
        ctx.report(node, 'glosaRepetida', {
          args: { sequencial: value, glosa, linha: first.line },
          data: { value, codGlosaItem: glosa, firstLine: first.line },
        });
      }
    }
  },
});
