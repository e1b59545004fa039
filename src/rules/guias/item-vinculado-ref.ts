import { get, getAll } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { guiasComDespesas, itemNomeado, nomeGuia, numero } from './util.js';
import { TISS_4 } from '../versions.js';

/** outrasDespesas/despesa/itemVinculado points at an existing item (procedimento or other despesa) of the same guia. */
export const itemVinculadoRef = defineRule({
  meta: {
    id: 'TISS-R-ITEM-VINCULADO-REF',
    title: 'Item vinculado da despesa não existe na guia',
    severity: 'warning',
    appliesTo: ['guiaSP-SADT', 'guiaResumoInternacao'],
    scope: ['loteGuias/guiaSP-SADT e guiaResumoInternacao (outrasDespesas/despesa/itemVinculado)'],
    versions: TISS_4,
    description:
      'O item vinculado (itemVinculado) de uma despesa é o sequencial de referência (sequencialItem) do procedimento ou item a que ela se vincula: deve existir na mesma guia, como procedimento executado ou como outra despesa, e não pode ser a própria despesa.',
    source: {
      text: 'Número sequencial de referência do procedimento ou item assistencial a que a despesa está vinculada. Opcional.',
      origin: 'SECONDARY',
      reference: 'regras-condicionais SADT-34 (legenda ANS, transcrição de terceiros)',
    },
    examples: {
      pass: 'samples/valid/lote-sp-sadt.xml',
      fail: 'samples/rules/item-vinculado-ref.xml',
      failAt: { xpath: '/mensagemTISS/prestadorParaOperadora/loteGuias/guiasTISS/guiaSP-SADT[1]/outrasDespesas/despesa[2]/itemVinculado' },
    },
    messages: {
      vinculadaASiMesma: 'A despesa de sequencial {{sequencial}} está vinculada a si mesma (<itemVinculado> {{sequencial}}).',
      itemInexistente: '{{despesa}} está vinculada ao item {{alvo}} (<itemVinculado>), mas a {{guia}} não tem procedimento nem outra despesa com sequencialItem {{alvo}}.',
    },
    fixes: {
      vinculadaASiMesma: 'Informe em <itemVinculado> o sequencialItem do procedimento (ou item) desta guia a que a despesa se refere, ou retire <itemVinculado>.',
      itemInexistente: 'Informe em <itemVinculado> o sequencialItem do procedimento (ou item) desta guia a que a despesa se refere, ou retire <itemVinculado>.',
    },
  },
  check(ctx) {
    for (const guia of guiasComDespesas(ctx)) {
      const despesas = getAll(guia, 'outrasDespesas', 'despesa');
      if (!despesas.some((d) => get(d, 'itemVinculado'))) continue;
      const procedimentos = new Set<string>();
      for (const p of getAll(guia, 'procedimentosExecutados', 'procedimentoExecutado')) {
        const s = numero(p, 'sequencialItem');
        if (s !== undefined) procedimentos.add(s);
      }
      const outras = new Map<string, number>();
      for (const d of despesas) {
        const s = numero(d, 'sequencialItem');
        if (s !== undefined) outras.set(s, (outras.get(s) ?? 0) + 1);
      }
      for (const d of despesas) {
        const node = get(d, 'itemVinculado');
        const alvo = numero(node);
        if (!node || alvo === undefined) continue;
        const propria = numero(d, 'sequencialItem');
        if (procedimentos.has(alvo)) continue;
        // Another despesa with that sequencial (a repeated sequencial is TISS-R-SEQUENCIAL-ITEM-UNICO's).
        if ((outras.get(alvo) ?? 0) > (alvo === propria ? 1 : 0)) continue;
        ctx.report(node, alvo === propria ? 'vinculadaASiMesma' : 'itemInexistente', {
          args: alvo === propria ? { sequencial: alvo } : { despesa: itemNomeado('A despesa', propria), alvo, guia: nomeGuia(guia) },
          data: { itemVinculado: alvo, sequencialItem: propria ?? null, sequenciaisDaGuia: [...procedimentos, ...outras.keys()] },
        });
      }
    }
  },
});
