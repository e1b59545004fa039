import type { XNode } from '../../xml/tree.js';
import { ancestor, decimal, text } from '../../xml/query.js';
import { formatMoney } from '../../locale/pt-br.js';
import { defineRule } from '../types.js';
import { TISS_4 } from '../versions.js';

/** Items of the guias whose quantities and values are checked, by the local name of the item. */
const PROCEDIMENTO = new Set(['procedimentoExecutado', 'procedimentoRealizado']);

/** Quantity-must-be-positive glosa of an outras despesas item, by codigoDespesa (01 gases and 07 taxas e aluguéis have none in Tabela 38). */
const GLOSA_DESPESA: Readonly<Record<string, string>> = { '02': '2105', '03': '2005', '05': '1905', '08': '2204' };

const QUANTIDADES = ['quantidadeExecutada', 'qtdProc'];
const VALORES = ['valorUnitario', 'valorProc', 'valorFranquia', 'valorProcedimento'];

/** The code of the item `item` (procedure of SP/SADT, internação, honorários or GTO; despesa; consulta). */
function codeOf(item: XNode | null): string {
  return text(item, 'procedimento', 'codigoProcedimento') ?? text(item, 'procSolic', 'codigoProcedimento') ?? text(item, 'codigoProcedimento') ?? '?';
}

/**
 * Quantities and unit values of the guias of a lote whose XSD types (st_numerico2/3, st_decimal9-4,
 * st_decimal8-2/10-2) accept zero and a minus sign. Quantities: ct_procedimentoExecutadoSadt/Int/
 * HonorIndiv and ct_procedimentoExecutadoOutras `quantidadeExecutada`, GTO `qtdProc`. Values:
 * `valorUnitario` of the same items, GTO `valorProc`, `valorFranquia` and `qtdUS`, consulta
 * `valorProcedimento`. A value of zero is allowed: the ANS legends say so when the contract does not fix it.
 */
export const quantidadeValor = defineRule({
  meta: {
    id: 'TISS-R-QUANTIDADE-ZERO-VALOR-NEGATIVO',
    title: 'Quantidade zero ou negativa, ou valor negativo',
    severity: 'error',
    appliesTo: [...QUANTIDADES, 'qtdUS', ...VALORES],
    scope: [
      'loteGuias: quantidadeExecutada e valorUnitario dos procedimentos (SP/SADT, resumo de internação, honorários) e das outras despesas',
      'loteGuias/guiaOdonto (GTO): qtdProc, qtdUS, valorProc, valorFranquia',
      'loteGuias/guiaConsulta: procedimento/valorProcedimento',
    ],
    versions: TISS_4,
    description:
      'O XSD aceita zero e números negativos nas quantidades e nos valores dos itens (tipos inteiros e decimais sem mínimo). A quantidade executada de um procedimento ou item de outras despesas, e a quantidade de procedimento da GTO, deve ser maior que zero. Os valores (valor unitário, valor do procedimento da GTO e da consulta, franquia, quantidade de US) não podem ser negativos; o valor zero é aceito, porque as legendas da ANS mandam preenchê-lo com zero quando o valor não pode ser definido previamente por força contratual (por isso a glosa 5040, "valor deve ser maior que zero", só se aplica aqui ao valor negativo). Glosa por item: 1806 (procedimento), 3006 (procedimento odontológico), 1905 (diárias, despesa 05), 2005 (materiais, 03), 2105 (medicamentos, 02), 2204 (OPME, 08) e 5040 (valor); gases medicinais (01) e taxas e aluguéis (07) não têm código próprio de quantidade na Tabela 38.',
    source: {
      text: '1806 QUANTIDADE DE PROCEDIMENTO DEVE SER MAIOR QUE ZERO. 1905 QUANTIDADE DE DIÁRIAS DEVE SER MAIOR QUE ZERO. 2005 QUANTIDADE DE MATERIAL DEVE SER MAIOR QUE ZERO. 2105 QUANTIDADE DE MEDICAMENTOS DEVE SER MAIOR QUE ZERO. 2204 QUANTIDADE DE OPME DEVE SER MAIOR QUE ZERO. 3006 QUANTIDADE DE PROCEDIMENTO DEVE SER MAIOR QUE ZERO. 5040 VALOR DEVE SER MAIOR QUE ZERO. [Valor unitário:] Nos casos em que esse valor não possa ser definido previamente por força contratual, o campo deve ser preenchido com zero.',
      origin: 'CHECK',
      reference: 'ANS, Tabela 38 (dm_tipoGlosa, 4.00.00 a 4.03.00): glosas 1806, 1905, 2005, 2105, 2204, 3006 e 5040; legendas SADT-17, HON-09 e CONS-07 (valor zero)',
    },
    glosa: ['1806', '1905', '2005', '2105', '2204', '3006', '5040'],
    examples: {
      pass: 'samples/valid/lote-odontologia.xml',
      fail: 'samples/rules/quantidade-zero-valor-negativo.xml',
      failAt: { xpath: '/mensagemTISS/prestadorParaOperadora/loteGuias/guiasTISS/guiaOdonto[1]/procedimentosExecutados[2]/qtdProc' },
    },
    messages: {
      quantidade: 'A quantidade {{quantidade}} em <{{elemento}}> do item {{codigo}} deve ser maior que zero.',
      valor: 'O valor {{valor}} em <{{elemento}}> do item {{codigo}} é negativo.',
      quantidadeUS: 'A quantidade de US {{quantidade}} em <qtdUS> do item {{codigo}} é negativa.',
    },
    fixes: {
      quantidade: 'Informe a quantidade realizada (1 ou mais); se o item não foi realizado, retire-o da guia.',
      valor: 'Informe o valor sem sinal negativo; descontos vão no fator de redução/acréscimo, e o valor não definido previamente por contrato vai como zero.',
      quantidadeUS: 'Informe a quantidade de unidades de serviço sem sinal negativo.',
    },
  },
  check(ctx) {
    for (const node of ctx.nodes()) {
      const item = node.parent;
      if (!item || !ancestor(item, 'guiasTISS')) continue;
      const guia = item.local === 'procedimentosExecutados' ? item.parent : null;
      const odonto = guia?.local === 'guiaOdonto';
      const known = PROCEDIMENTO.has(item.local) || item.local === 'servicosExecutados' || odonto || (item.local === 'procedimento' && item.parent?.local === 'dadosAtendimento');
      if (!known) continue;
      const n = decimal(node);
      if (n === undefined) continue;
      const raw = text(node)!;
      if (QUANTIDADES.includes(node.local)) {
        if (n > 0) continue;
        const codigo = codeOf(item);
        const glosa = odonto ? ['3006'] : item.local === 'servicosExecutados' ? [GLOSA_DESPESA[text(item.parent, 'codigoDespesa') ?? ''] ?? ''].filter(Boolean) : ['1806'];
        ctx.report(node, 'quantidade', { args: { quantidade: raw, elemento: node.local, codigo }, data: { value: raw }, glosa });
      } else if (n < 0) {
        const codigo = codeOf(item);
        if (node.local === 'qtdUS') ctx.report(node, 'quantidadeUS', { args: { quantidade: raw, codigo }, data: { value: raw }, glosa: ['5040'] });
        else ctx.report(node, 'valor', { args: { valor: formatMoney(n), elemento: node.local, codigo }, data: { value: raw }, glosa: ['5040'] });
      }
    }
  },
});
