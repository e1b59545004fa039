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
    description: 'O sequencial de referência (sequencialItem) identifica cada procedimento ou item da guia e não pode se repetir dentro da mesma guia, incluindo as outras despesas.',
    source: {
      text: 'Campo sequencial de referência que deve ser atribuído ao procedimento, que não deve se repetir dentro de uma mesma guia inclusive no Anexo de Outras Despesas.',
      origin: 'PRIMARY',
      reference: 'ANS, TISS 4.00.00 — mudanças: Sequencial de Referência',
    },
    examples: {
      pass: 'samples/valid/lote-sp-sadt.xml',
      fail: 'samples/rules/sequencial-item-repetido.xml',
      failAt: { xpath: '/mensagemTISS/prestadorParaOperadora/loteGuias/guiasTISS/guiaSP-SADT[1]/outrasDespesas/despesa[2]/sequencialItem' },
    },
    messages: {
      repetido: 'O sequencial de referência {{sequencial}} se repete na mesma guia (já usado na linha {{linha}}); cada procedimento e cada item de outras despesas precisa de um sequencial próprio.',
    },
    fixes: {
      repetido: 'Numere os itens da guia sem repetição (procedimentos e outras despesas na mesma sequência).',
    },
  },
  check(ctx) {
    const byGuia = new Map<XNode, Map<string, XNode>>();
    for (const node of ctx.all('sequencialItem')) {
      const guia = guiaElementOf(node)?.guia ?? ctx.message.element;
      let seen = byGuia.get(guia);
      if (!seen) byGuia.set(guia, (seen = new Map<string, XNode>()));
      const value = (text(node) ?? '').replace(/^0+(?=\d)/, '');
      const first = seen.get(value);
      if (first) {
        ctx.report(node, 'repetido', {
          args: { sequencial: value, linha: first.line },
          data: { value, firstLine: first.line },
        });
      } else seen.set(value, node);
    }
  },
});
