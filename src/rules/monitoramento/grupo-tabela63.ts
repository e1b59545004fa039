import { get, text } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { procedimentosMonitoramento } from './util.js';
import { MONITORAMENTO } from '../versions.js';

/** codigoTabela 63 (grupos para envio de dados) <=> grupoProcedimento; any other tabela <=> codigoProcedimento. */
export const monGrupoTabela63 = defineRule({
  meta: {
    id: 'TISS-R-MON-GRUPO-TABELA63',
    title: 'Grupo de procedimento só com a tabela 63',
    severity: 'warning',
    appliesTo: ['guiaMonitoramento', 'fornecimentoDiretoMonitoramento'],
    scope: [
      'mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento/procedimentos/identProcedimento',
      'mensagemEnvioANS/Mensagem/operadoraParaANS/fornecimentoDiretoMonitoramento/procedimentos/identProcedimento',
    ],
    versions: MONITORAMENTO,
    description:
      'No Envio de Dados, cada item (procedimentos/identProcedimento) traz ou um grupo de procedimentos (grupoProcedimento), para itens enviados de forma consolidada, ou um código de procedimento (codigoProcedimento), para itens individualizados e códigos próprios. O grupo só existe na tabela 63 (TUSS — grupos de procedimentos e itens assistenciais para envio de dados): com codigoTabela = 63 informe grupoProcedimento; com qualquer outra tabela, codigoProcedimento. Quais itens devem ser consolidados (tabela 64) não é conferível pela mensagem.',
    source: {
      text: 'Código do grupo do procedimento ou item assistencial.Deve ser preenchido quando houver procedimentos/itens assistenciais que devem ser enviados de forma consolidada, conforme tabela 64 | Código do procedimento ou item assistencial. Deve ser preenchido quando houver procedimentos/itens assistenciais que devem ser enviados de forma individualizada, conforme tabela 64, ou quando tratar=se [sic] de código próprio',
      origin: 'SECONDARY',
      reference: 'regras-condicionais MON-27, MON-28 (crítica ANS do Envio de Dados, campos 065/066, erros 1801/5036; transcrição de terceiros)',
    },
    examples: {
      pass: 'samples/rules/passa/mon-campos-internacao.xml',
      fail: 'samples/rules/mon-grupo-tabela63.xml',
      failAt: { xpath: '/mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento[1]/procedimentos[4]/identProcedimento/Procedimento/grupoProcedimento' },
    },
    messages: {
      codigoNaTabela63: 'O item usa a tabela 63 (grupos de procedimentos para envio de dados), mas traz um código de procedimento ({{codigo}}) em vez de um grupo.',
      grupoForaDaTabela63: 'O item traz um grupo de procedimentos ({{grupo}}), mas a tabela informada é {{tabela}}; grupos só existem na tabela 63.',
    },
    fixes: {
      codigoNaTabela63: 'Com codigoTabela 63 informe <grupoProcedimento> (código do grupo na tabela 63); para um item individualizado, use a tabela TUSS do item (18, 19, 20 ou 22) ou 00 com <codigoProcedimento>.',
      grupoForaDaTabela63: 'Para item consolidado informe codigoTabela 63; para item individualizado, informe <codigoProcedimento> no lugar de <grupoProcedimento>.',
    },
  },
  check(ctx) {
    for (const proc of procedimentosMonitoramento(ctx)) {
      const ident = get(proc, 'identProcedimento');
      const tabela = text(ident, 'codigoTabela');
      const choice = get(ident, 'Procedimento') ?? get(ident, 'procedimento');
      if (!ident || tabela === undefined || !choice) continue;
      const grupo = get(choice, 'grupoProcedimento');
      const codigo = get(choice, 'codigoProcedimento');
      if (tabela === '63' && codigo) {
        ctx.report(codigo, 'codigoNaTabela63', {
          args: { codigo: text(codigo) ?? '' },
          data: { codigoTabela: tabela, codigoProcedimento: text(codigo) },
        });
      } else if (tabela !== '63' && grupo) {
        ctx.report(grupo, 'grupoForaDaTabela63', {
          args: { grupo: text(grupo) ?? '', tabela: tabela },
          data: { codigoTabela: tabela, grupoProcedimento: text(grupo) },
        });
      }
    }
  },
});
