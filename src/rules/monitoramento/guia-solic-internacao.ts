import { filled, get, text } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { descreve, guiasMonitoramento, onlyZeros, TIPO_GUIA } from './util.js';
import { MONITORAMENTO } from '../versions.js';

/** guiaSolicitacaoInternacao: never in consulta/odonto; expected in internação, honorários and SP/SADT of a patient internado. */
export const monGuiaSolicInternacao = defineRule({
  meta: {
    id: 'TISS-R-MON-GUIA-SOLIC-INTERNACAO',
    title: 'Número da guia de solicitação de internação no Envio de Dados',
    severity: 'warning',
    appliesTo: ['guiaMonitoramento'],
    scope: ['mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento (Envio de Dados 1.02.00)'],
    versions: MONITORAMENTO,
    description:
      'No Envio de Dados, o número da guia de solicitação de internação (guiaSolicitacaoInternacao): não pode ser informado em guias de consulta (tipoEventoAtencao = 1) nem de tratamento odontológico (4); deve ser informado nas guias da rede (origem 1, 2 ou 3) de internação (3), de honorários (5) e de SP/SADT (2) de paciente internado (regimeAtendimento = 03); quando informado, não pode ser só zeros. Reembolso (origem 4) e prestador eventual (origem 5) não são cobrados pela ausência.',
    source: {
      text: 'Número da guia de solicitação de internação.Deve ser preenchido quando: o tio [sic] de guia for 2 e tratar-se de paciente internado, ou o tipo de guia for igual a 3 ou 5, não deve ser preenchido com zero. Não pode ser informado em guia 4 (odonto) e guia 1 (consulta).',
      origin: 'SECONDARY',
      reference: 'regras-condicionais MON-04 (crítica ANS do Envio de Dados, campo 026, erro 1307; transcrição de terceiros)',
    },
    examples: {
      pass: 'samples/rules/passa/mon-guia-solic-internacao.xml',
      fail: 'samples/rules/mon-guia-solic-internacao.xml',
      failAt: { xpath: '/mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento[1]' },
    },
    messages: {
      naoSeAplica: 'A guia de solicitação de internação ("{{valor}}") não pode ser informada numa guia tipo {{tipo}}.',
      soZeros: 'A guia de solicitação de internação foi informada só com zeros ("{{valor}}").',
      ausente: 'Na {{guia}}, o número da guia de solicitação de internação (<guiaSolicitacaoInternacao>) não foi informado.',
      ausenteComInternado: 'Na {{guia}} de paciente internado (regimeAtendimento = 03), o número da guia de solicitação de internação (<guiaSolicitacaoInternacao>) não foi informado.',
    },
    fixes: {
      naoSeAplica: 'Retire <guiaSolicitacaoInternacao> desta guia.',
      soZeros: 'Informe o número real da guia de solicitação de internação, ou retire o campo se ele não se aplica.',
      ausente: 'Informe <guiaSolicitacaoInternacao> com o número da guia de solicitação de internação, logo antes de <dataSolicitacao> (ou de <dataRealizacao>).',
      ausenteComInternado: 'Informe <guiaSolicitacaoInternacao> com o número da guia de solicitação de internação, logo antes de <dataSolicitacao> (ou de <dataRealizacao>).',
    },
  },
  check(ctx) {
    for (const g of guiasMonitoramento(ctx)) {
      const node = get(g.node, 'guiaSolicitacaoInternacao');
      const value = text(node);
      if (node && (g.tipo === '1' || g.tipo === '4')) {
        ctx.report(node, 'naoSeAplica', {
          args: { valor: value ?? '', tipo: TIPO_GUIA[g.tipo]! },
          data: { tipo: g.tipo, value },
        });
        continue;
      }
      if (node && onlyZeros(value)) {
        ctx.report(node, 'soZeros', {
          args: { valor: value! },
          data: { value },
        });
        continue;
      }
      if (node || (g.origem !== '1' && g.origem !== '2' && g.origem !== '3')) continue;
      const internado = g.tipo === '2' && text(g.node, 'regimeAtendimento') === '03';
      if (g.tipo !== '3' && g.tipo !== '5' && !internado) continue;
      if (filled(g.node, 'guiaSolicitacaoInternacao')) continue;
      ctx.report(g.node, internado ? 'ausenteComInternado' : 'ausente', {
        args: { guia: descreve(g) },
        data: { tipo: g.tipo, origem: g.origem },
      });
    }
  },
});
