import { get, text } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { procedimentosMonitoramento } from './util.js';
import { MONITORAMENTO } from '../versions.js';

/** Tabelas whose items never carry a unidade de medida (critic 5084). */
const SEM_UNIDADE = new Set(['22', '63', '90', '98']);

export const monUnidadeMedida = defineRule({
  meta: {
    id: 'TISS-R-MON-UNIDADE-MEDIDA',
    title: 'Unidade de medida conforme a tabela do item',
    severity: 'warning',
    appliesTo: ['guiaMonitoramento', 'fornecimentoDiretoMonitoramento'],
    scope: [
      'mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento/procedimentos',
      'mensagemEnvioANS/Mensagem/operadoraParaANS/fornecimentoDiretoMonitoramento/procedimentos',
    ],
    versions: MONITORAMENTO,
    description:
      'No Envio de Dados, a unidade de medida (procedimentos/unidadeMedida, tabela 60) deve ser informada quando o item tem unidade de medida. Como isso depende da terminologia, a regra usa a tabela do item (críticas 5084/5085 da ANS): é obrigatória para medicamentos (codigoTabela 20) e não se aplica às tabelas 22 (procedimentos), 63 (grupos), 90 e 98 (pacotes). Tabelas 18, 19 e 00 não são conferidas. Vale para guias e fornecimento direto.',
    source: {
      text: 'Adicionado campo de unidade de medida (Tabela 60) e deve ser preenchido se o procedimento possuir unidade de medida.',
      origin: 'PRIMARY',
      reference: 'ANS, TISS 4.00.00 — mudanças: 03 Unidade de medida (Envio de Dados 1.02.00); críticas ANS 5084/5085, campos 125/127 (MON-37, MON-39; transcrição de terceiros)',
    },
    examples: {
      pass: 'samples/valid/monitoramento-guias.xml',
      fail: 'samples/rules/mon-unidade-medida.xml',
      failAt: { xpath: '/mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento[1]/procedimentos[5]' },
    },
    messages: {
      medicamentoSemUnidade: 'O medicamento {{codigo}} (tabela 20) foi informado sem unidade de medida (<unidadeMedida>).',
      unidadeNaoSeAplica: 'O item {{codigo}} é da tabela {{tabela}}, que não leva unidade de medida, mas traz <unidadeMedida>{{unidade}}</unidadeMedida>.',
    },
    fixes: {
      medicamentoSemUnidade: 'Informe <unidadeMedida> (tabela 60, por exemplo 001 ampola, 008 comprimido, 013 frasco) depois da quantidade do item.',
      unidadeNaoSeAplica: 'Retire <unidadeMedida> dos itens das tabelas 22, 63, 90 e 98.',
    },
  },
  check(ctx) {
    for (const proc of procedimentosMonitoramento(ctx)) {
      const tabela = text(proc, 'identProcedimento', 'codigoTabela');
      if (tabela === undefined) continue;
      const unidade = get(proc, 'unidadeMedida');
      const choice = get(proc, 'identProcedimento', 'Procedimento') ?? get(proc, 'identProcedimento', 'procedimento');
      const codigo = text(choice, 'codigoProcedimento') ?? text(choice, 'grupoProcedimento') ?? '';
      if (tabela === '20' && !unidade) {
        ctx.report(proc, 'medicamentoSemUnidade', {
          args: { codigo },
          data: { codigoTabela: tabela, codigo },
          glosa: ['5085'], // UNIDADE DE MEDIDA É OBRIGATÓRIA PARA A TABELA TUSS INFORMADA
        });
      } else if (unidade && SEM_UNIDADE.has(tabela)) {
        ctx.report(unidade, 'unidadeNaoSeAplica', {
          args: { codigo, tabela, unidade: text(unidade) ?? '' },
          data: { codigoTabela: tabela, codigo, unidadeMedida: text(unidade) },
          glosa: ['5084'], // UNIDADE DE MEDIDA NÃO DEVE SER PREENCHIDA PARA A TABELA TUSS INFORMADA
        });
      }
    }
  },
});
