import { decimal, get } from '../../xml/query.js';
import { cents } from '../money.js';
import { formatMoney } from '../../locale/pt-br.js';
import { defineRule } from '../types.js';
import { EVERY_VERSION } from '../versions.js';

/** Item elements whose valorTotal is quantidade × valorUnitario (× fator de redução/acréscimo). */
const ITEMS = ['procedimentoExecutado', 'procedimentoRealizado', 'servicosExecutados'];

export const valorItem = defineRule({
  meta: {
    id: 'TISS-R-VALOR-ITEM',
    title: 'Valor total do item diferente de quantidade × valor unitário',
    severity: 'error',
    appliesTo: ['procedimentoExecutado', 'procedimentoRealizado', 'servicosExecutados'],
    scope: ['procedimentos executados (SP/SADT, internação, honorários) e outras despesas'],
    versions: EVERY_VERSION,
    description: 'Em cada procedimento ou item de outras despesas, o valor total deve ser a quantidade executada vezes o valor unitário (com o fator de redução/acréscimo, quando diferente de 1), com tolerância de R$ 0,01 para arredondamento.',
    source: {
      text: 'Fator de redução ou acréscimo sobre o valor do procedimento realizado ou item assistencial utilizado. [...] Caso não haja redução ou acréscimo sobre o valor do procedimento o fator é igual a 1,00.',
      origin: 'CHECK',
      reference: 'regras-condicionais SADT-16 (legenda ANS); ANS, Tabela 38 (glosas de valor)',
    },
    examples: {
      pass: 'samples/valid/lote-sp-sadt.xml',
      fail: 'samples/rules/valor-item.xml',
      failAt: { xpath: '/mensagemTISS/prestadorParaOperadora/loteGuias/guiasTISS/guiaSP-SADT[1]/procedimentosExecutados/procedimentoExecutado[2]/valorTotal' },
    },
    messages: {
      totalDiverge: 'O valor total do item ({{total}}) não é quantidade × valor unitário: {{quantidade}} × {{unitario}} = {{esperado}}.',
      totalDivergeComFator: 'O valor total do item ({{total}}) não é quantidade × valor unitário × fator: {{quantidade}} × {{unitario}} × {{fator}} = {{esperado}}.',
    },
    fixes: {
      totalDiverge: 'Corrija o valor total para {{esperado}} ou confira a quantidade e o valor unitário.',
      totalDivergeComFator: 'Corrija o valor total para {{esperado}} ou confira a quantidade e o valor unitário.',
    },
  },
  check(ctx) {
    for (const name of ITEMS) {
      for (const item of ctx.all(name)) {
        const q = decimal(item, 'quantidadeExecutada');
        const u = decimal(item, 'valorUnitario');
        const t = decimal(item, 'valorTotal');
        if (q === undefined || u === undefined || t === undefined) continue;
        const f = decimal(item, 'reducaoAcrescimo') ?? 1;
        const withFactor = cents(q * u * f);
        const plain = cents(q * u);
        const total = cents(t);
        if (Math.abs(total - withFactor) <= 1 || Math.abs(total - plain) <= 1) continue;
        const args = { total: formatMoney(t), quantidade: q, unitario: formatMoney(u), esperado: formatMoney(withFactor / 100) };
        ctx.report(get(item, 'valorTotal')!, f !== 1 ? 'totalDivergeComFator' : 'totalDiverge', {
          args: f !== 1 ? { ...args, fator: f } : args,
          data: { quantidade: q, valorUnitario: u, fator: f, valorTotal: t, esperado: withFactor / 100 },
        });
      }
    }
  },
});
