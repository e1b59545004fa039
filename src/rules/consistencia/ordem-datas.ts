import type { XNode } from '../../xml/tree.js';
import { get, getAll, text } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { EVERY_VERSION } from '../versions.js';
import { dateBR } from '../../locale/pt-br.js';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

export const ordemDatas = defineRule({
  meta: {
    id: 'TISS-R-ORDEM-DATAS',
    title: 'Datas fora de ordem',
    severity: 'error',
    appliesTo: ['guiaSP-SADT', 'guiaResumoInternacao', 'guiaHonorarios'],
    scope: ['guiaSP-SADT (solicitação × execução)', 'guiaResumoInternacao e guiaHonorarios (início × fim do faturamento, execução dentro do período)'],
    versions: EVERY_VERSION,
    description: 'O atendimento não pode ser anterior à solicitação; o fim do período de faturamento não pode ser anterior ao início; procedimentos e itens de uma internação são executados dentro do período faturado.',
    source: { text: '1608 ALTA ANTERIOR À DATA DE INTERNAÇÃO', origin: 'CHECK', reference: 'ANS, Tabela 38 (glosas 1608 e 1323); consistência entre as datas da guia' },
    examples: {
      pass: 'samples/valid/lote-resumo-internacao.xml',
      fail: 'samples/rules/ordem-datas.xml',
      failAt: { xpath: '/mensagemTISS/prestadorParaOperadora/loteGuias/guiasTISS/guiaSP-SADT[1]/procedimentosExecutados/procedimentoExecutado[2]/dataExecucao' },
    },
    messages: {
      execucaoAntesDaSolicitacao: 'A execução em {{execucao}} é anterior à solicitação ({{solicitacao}}).',
      fimAntesDoInicio: 'O fim do faturamento ({{fim}}) é anterior ao início ({{inicio}}).',
      execucaoForaDoPeriodo: 'A execução em {{execucao}} está fora do período faturado ({{inicio}} a {{fim}}).',
    },
    fixes: {
      execucaoAntesDaSolicitacao: 'Confira a data de execução e a data da solicitação.',
      fimAntesDoInicio: 'Confira as datas de início e fim do período faturado.',
      execucaoForaDoPeriodo: 'Confira a data de execução do item ou o período de faturamento da guia.',
    },
  },
  check(ctx) {
    const dateOf = (n: XNode | undefined): string | undefined => {
      const t = text(n);
      return t && ISO.test(t) ? t : undefined;
    };
    const items = (guia: XNode): XNode[] => [
      ...getAll(guia, 'procedimentosExecutados', 'procedimentoExecutado', 'dataExecucao'),
      ...getAll(guia, 'outrasDespesas', 'despesa', 'servicosExecutados', 'dataExecucao'),
      ...getAll(guia, 'procedimentosRealizados', 'procedimentoRealizado', 'dataExecucao'),
    ];

    for (const guia of ctx.all('guiaSP-SADT')) {
      const solic = dateOf(get(guia, 'dadosSolicitacao', 'dataSolicitacao'));
      if (!solic) continue;
      for (const exec of items(guia)) {
        const d = dateOf(exec);
        if (d && d < solic) {
          ctx.report(exec, 'execucaoAntesDaSolicitacao', {
            args: { execucao: dateBR(d), solicitacao: dateBR(solic) },
            data: { execucao: d, solicitacao: solic },
          });
        }
      }
    }

    const periods: [string, string, string][] = [
      ['guiaResumoInternacao', 'dadosInternacao', 'dataFinalFaturamento'],
      ['guiaHonorarios', 'dadosInternacao', 'dataFimFaturamento'],
    ];
    for (const [guiaName, holder, endName] of periods) {
      for (const guia of ctx.all(guiaName)) {
        const startNode = get(guia, holder, 'dataInicioFaturamento');
        const endNode = get(guia, holder, endName);
        const start = dateOf(startNode);
        const end = dateOf(endNode);
        if (start && end && end < start) {
          ctx.report(endNode!, 'fimAntesDoInicio', {
            args: { fim: dateBR(end), inicio: dateBR(start) },
            data: { inicio: start, fim: end },
            // The resumo's period is the stay: its end before its start is an alta before the internação.
            ...(guiaName === 'guiaResumoInternacao' ? { glosa: ['1608'] } : {}),
          });
          continue;
        }
        if (!start) continue;
        for (const exec of items(guia)) {
          const d = dateOf(exec);
          if (!d) continue;
          if (d < start || (end && d > end)) {
            ctx.report(exec, 'execucaoForaDoPeriodo', {
              // An open period (no end date) shows its end as a dash.
              args: { execucao: dateBR(d), inicio: dateBR(start), fim: end ? dateBR(end) : '—' },
              data: { execucao: d, inicio: start, fim: end ?? null },
            });
          }
        }
      }
    }
  },
});
