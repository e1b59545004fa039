import type { XNode } from '../../xml/tree.js';
import { decimal, get, getAll, text } from '../../xml/query.js';
import { cents } from '../money.js';
import { formatMoney } from '../../locale/pt-br.js';
import { defineRule, type ReportArgs } from '../types.js';
import { EVERY_VERSION } from '../versions.js';

/** codigoDespesa (dm_outrasDespesas) → the valorTotal field that sums it. */
const DESPESA_FIELD: Record<string, string> = {
  '01': 'valorGasesMedicinais',
  '02': 'valorMedicamentos',
  '03': 'valorMateriais',
  '05': 'valorDiarias',
  '07': 'valorTaxasAlugueis',
  '08': 'valorOPME',
};
const LABEL: Record<string, string> = {
  valorProcedimentos: 'procedimentos',
  valorDiarias: 'diárias',
  valorTaxasAlugueis: 'taxas e aluguéis',
  valorMateriais: 'materiais',
  valorMedicamentos: 'medicamentos',
  valorOPME: 'OPME',
  valorGasesMedicinais: 'gases medicinais',
};

export const totaisGuia = defineRule({
  meta: {
    id: 'TISS-R-TOTAIS-GUIA',
    title: 'Totais da guia diferentes da soma dos itens',
    severity: 'error',
    appliesTo: ['guiaSP-SADT', 'guiaResumoInternacao', 'guiaHonorarios'],
    scope: ['guiaSP-SADT, guiaResumoInternacao (valorTotal), guiaHonorarios (valorTotalHonorarios)'],
    versions: EVERY_VERSION,
    description: 'Os totais informados na guia devem ser a soma dos seus itens: procedimentos, e cada categoria de outras despesas (gases medicinais 01, medicamentos 02, materiais 03, diárias 05, taxas e aluguéis 07, OPME 08); o total geral é a soma das parcelas. Tolerância de R$ 0,01 por item somado. (Um total ausente é tratado por TISS-R-VALORTOTAL-PROCEDIMENTOS e TISS-R-VALORTOTAL-CATEGORIA.)',
    source: {
      text: '1104 VALOR TOTAL DO PROTOCOLO DIFERENTE DO VALOR TOTAL DAS GUIAS; valor total = soma dos valores informados por categoria',
      origin: 'CHECK',
      reference: 'ANS, Tabela 38; estrutura ct_guiaValorTotal/ct_guiaValorTotalSADT do XSD 4.00.00',
    },
    examples: {
      pass: 'samples/valid/lote-resumo-internacao.xml',
      fail: 'samples/rules/totais-guia.xml',
      failAt: { xpath: '/mensagemTISS/prestadorParaOperadora/loteGuias/guiasTISS/guiaResumoInternacao[1]/valorTotal/valorMateriais' },
    },
    messages: {
      categoriaSemItens: 'Total da guia não confere — {{categoria}}: a guia informa {{informado}} em <{{campo}}>, mas não tem nenhum item dessa categoria.',
      categoriaDiverge: 'Total da guia não confere — {{categoria}}: <{{campo}}> informa {{informado}}, mas a soma dos itens é {{soma}}.',
      geralDiverge: 'Total da guia não confere — <valorTotalGeral> informa {{informado}}, mas a soma das parcelas do valor total é {{soma}}.',
      honorariosDiverge: 'Total da guia não confere — <valorTotalHonorarios> informa {{informado}}, mas a soma dos procedimentos realizados é {{soma}}.',
    },
    fixes: {
      categoriaSemItens: 'Recalcule os totais a partir dos itens (esperado: {{esperado}}).',
      categoriaDiverge: 'Recalcule os totais a partir dos itens (esperado: {{esperado}}).',
      geralDiverge: 'Recalcule os totais a partir dos itens (esperado: {{esperado}}).',
      honorariosDiverge: 'Recalcule os totais a partir dos itens (esperado: {{esperado}}).',
    },
  },
  check(ctx) {
    for (const guia of [...ctx.all('guiaSP-SADT'), ...ctx.all('guiaResumoInternacao')]) {
      const total = get(guia, 'valorTotal');
      if (!total) continue;
      const sums = new Map<string, { value: number; items: number }>();
      const add = (field: string, v: number | undefined): void => {
        if (v === undefined) return;
        const s = sums.get(field) ?? { value: 0, items: 0 };
        s.value += cents(v);
        s.items++;
        sums.set(field, s);
      };
      for (const p of getAll(guia, 'procedimentosExecutados', 'procedimentoExecutado')) add('valorProcedimentos', decimal(p, 'valorTotal'));
      for (const d of getAll(guia, 'outrasDespesas', 'despesa')) {
        const field = DESPESA_FIELD[text(d, 'codigoDespesa') ?? ''];
        if (field) add(field, decimal(d, 'servicosExecutados', 'valorTotal'));
      }
      let geral = 0;
      // Both guias use ct_guiaValorTotal (ct_guiaValorTotalSADT, without valorDiarias, is declared but unused).
      for (const field of Object.keys(LABEL)) {
        const node = get(total, field);
        const informed = decimal(node);
        const sum = sums.get(field);
        if (informed !== undefined) geral += cents(informed);
        if (!sum) {
          if (informed !== undefined && cents(informed) !== 0) report(node!, 'categoriaSemItens', { categoria: LABEL[field]!, informado: formatMoney(informed), campo: field }, 0);
          continue;
        }
        // A missing field is TISS-R-VALORTOTAL-PROCEDIMENTOS / -CATEGORIA's to report; here only values are compared.
        if (informed === undefined) continue;
        if (Math.abs(cents(informed) - sum.value) > sum.items) report(node!, 'categoriaDiverge', { categoria: LABEL[field]!, campo: field, informado: formatMoney(informed), soma: formatMoney(sum.value / 100) }, sum.value);
      }
      const geralNode = get(total, 'valorTotalGeral');
      const informedGeral = decimal(geralNode);
      if (geralNode && informedGeral !== undefined && Math.abs(cents(informedGeral) - geral) > 1) {
        report(geralNode, 'geralDiverge', { informado: formatMoney(informedGeral), soma: formatMoney(geral / 100) }, geral);
      }
    }

    for (const guia of ctx.all('guiaHonorarios')) {
      const node = get(guia, 'valorTotalHonorarios');
      const informed = decimal(node);
      const items = getAll(guia, 'procedimentosRealizados', 'procedimentoRealizado').map((p) => decimal(p, 'valorTotal'));
      if (!node || informed === undefined || items.length === 0 || items.some((v) => v === undefined)) continue;
      const sum = items.reduce<number>((a, v) => a + cents(v ?? 0), 0);
      if (Math.abs(cents(informed) - sum) > items.length) report(node, 'honorariosDiverge', { informado: formatMoney(informed), soma: formatMoney(sum / 100) }, sum);
    }

    function report(at: XNode, messageId: Parameters<typeof ctx.report>[1], args: ReportArgs, expectedCents: number): void {
      ctx.report(at, messageId, {
        args: { ...args, esperado: formatMoney(expectedCents / 100) },
        data: { esperado: expectedCents / 100 },
      });
    }
  },
});
