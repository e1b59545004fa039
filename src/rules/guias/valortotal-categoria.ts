import type { XNode } from '../../xml/tree.js';
import { filled, get, getAll, text } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { guiasComDespesas, nomeGuia } from './util.js';
import { TISS_4 } from '../versions.js';

/** codigoDespesa (dm_outrasDespesas) → the ct_guiaValorTotal field that totals it, and a label. */
const CATEGORIA: Record<string, { field: string; label: string }> = {
  '05': { field: 'valorDiarias', label: 'diárias' },
  '07': { field: 'valorTaxasAlugueis', label: 'taxas e aluguéis' },
  '03': { field: 'valorMateriais', label: 'materiais' },
  '02': { field: 'valorMedicamentos', label: 'medicamentos' },
  '08': { field: 'valorOPME', label: 'OPME' },
  '01': { field: 'valorGasesMedicinais', label: 'gases medicinais' },
};

/** A guia with outras despesas of a category informs that category's total in valorTotal. */
export const valorTotalCategoria = defineRule({
  meta: {
    id: 'TISS-R-VALORTOTAL-CATEGORIA',
    title: 'Valor total da categoria de despesa ausente',
    severity: 'warning',
    appliesTo: ['guiaSP-SADT', 'guiaResumoInternacao'],
    scope: ['loteGuias/guiaResumoInternacao e guiaSP-SADT (valorTotal × outrasDespesas)'],
    versions: TISS_4,
    description:
      'Quando a guia cobra outras despesas de uma categoria, o total dessa categoria deve estar no valor total da guia: diárias (05) → valorDiarias, taxas e aluguéis (07) → valorTaxasAlugueis, materiais (03) → valorMateriais, medicamentos (02) → valorMedicamentos, OPME (08) → valorOPME, gases medicinais (01) → valorGasesMedicinais. Só a presença é conferida (pode ser 0.00); a soma é de TISS-R-TOTAIS-GUIA.',
    source: {
      text: 'Condicionado. Deve ser preenchido caso haja diárias cobradas. (…) caso haja taxas ou aluguéis cobrados. (…) caso haja material cobrado. (…) caso haja medicamento cobrado. (…) caso haja órtese, prótese ou material especial cobrado. (…) caso haja gases medicinais cobrados.',
      origin: 'SECONDARY',
      reference: 'regras-condicionais RI-17 a RI-22 (valorDiarias, valorTaxasAlugueis, valorMateriais, valorMedicamentos, valorOPME, valorGasesMedicinais; legenda ANS, transcrição de terceiros)',
    },
    examples: {
      pass: 'samples/valid/lote-resumo-internacao.xml',
      fail: 'samples/rules/valortotal-categoria.xml',
      failAt: { xpath: '/mensagemTISS/prestadorParaOperadora/loteGuias/guiasTISS/guiaResumoInternacao[1]/valorTotal' },
    },
    messages: {
      semCampo: 'A {{guia}} cobra {{categoria}} em outras despesas (codigoDespesa {{codigo}}), mas o valor total não informa <{{campo}}>.',
      semCampoComSequencial: 'A {{guia}} cobra {{categoria}} em outras despesas (codigoDespesa {{codigo}}, sequencial {{sequencial}}), mas o valor total não informa <{{campo}}>.',
    },
    fixes: {
      semCampo: 'Informe <{{campo}}> em <valorTotal> com a soma das despesas de {{categoria}} (na ordem do XSD: valorProcedimentos, valorDiarias, valorTaxasAlugueis, valorMateriais, valorMedicamentos, valorOPME, valorGasesMedicinais, valorTotalGeral).',
      semCampoComSequencial: 'Informe <{{campo}}> em <valorTotal> com a soma das despesas de {{categoria}} (na ordem do XSD: valorProcedimentos, valorDiarias, valorTaxasAlugueis, valorMateriais, valorMedicamentos, valorOPME, valorGasesMedicinais, valorTotalGeral).',
    },
  },
  check(ctx) {
    for (const guia of guiasComDespesas(ctx)) {
      const total = get(guia, 'valorTotal');
      if (!total) continue;
      // First despesa of each category, in dm_outrasDespesas order of the valorTotal fields.
      const first = new Map<string, XNode>();
      for (const d of getAll(guia, 'outrasDespesas', 'despesa')) {
        const codigo = text(d, 'codigoDespesa') ?? '';
        if (CATEGORIA[codigo] && !first.has(codigo)) first.set(codigo, d);
      }
      for (const [codigo, { field, label }] of Object.entries(CATEGORIA)) {
        const despesa = first.get(codigo);
        if (!despesa || filled(total, field)) continue;
        const seq = text(despesa, 'sequencialItem');
        const args = { guia: nomeGuia(guia), categoria: label, codigo, campo: field };
        ctx.report(get(total, field) ?? total, seq ? 'semCampoComSequencial' : 'semCampo', {
          args: seq ? { ...args, sequencial: seq.replace(/^0+(?=\d)/, '') } : args,
          data: { codigoDespesa: codigo, campo: field },
        });
      }
    }
  },
});
