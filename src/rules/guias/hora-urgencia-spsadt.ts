import { filled, getAll, text } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { itemNomeado, numero } from './util.js';
import { TISS_4 } from '../versions.js';

/** SP/SADT de urgência/emergência: each procedimento executado carries horaInicial and horaFinal. */
export const horaUrgenciaSpSadt = defineRule({
  meta: {
    id: 'TISS-R-HORA-URGENCIA-SPSADT',
    title: 'Horários do procedimento ausentes em SP/SADT de urgência',
    severity: 'warning',
    appliesTo: ['guiaSP-SADT'],
    scope: ['loteGuias/guiaSP-SADT (procedimentosExecutados/procedimentoExecutado)'],
    versions: TISS_4,
    description:
      'Na guia de SP/SADT de atendimento de urgência ou emergência (dadosSolicitacao/caraterAtendimento = 2), cada procedimento executado deve informar o horário inicial (horaInicial) e o horário final (horaFinal) da realização.',
    source: {
      text: 'Horário inicial da realização do procedimento. Condicionado. Deve ser preenchido sempre que houver procedimento realizado sendo informado e tratar-se de atendimento de urgência ou emergência.',
      origin: 'SECONDARY',
      reference: 'regras-condicionais SADT-11 e SADT-12 (horaInicial e horaFinal; legenda ANS, transcrição de terceiros)',
    },
    examples: {
      pass: 'samples/rules/passa/hora-urgencia-spsadt.xml',
      fail: 'samples/rules/hora-urgencia-spsadt.xml',
      failAt: { xpath: '/mensagemTISS/prestadorParaOperadora/loteGuias/guiasTISS/guiaSP-SADT/procedimentosExecutados/procedimentoExecutado[2]' },
    },
    messages: {
      semHora: 'Atendimento de urgência/emergência (caraterAtendimento = 2): {{procedimento}} não informa {{campos}}.',
    },
    fixes: {
      semHora: 'Informe {{campos}} (hh:mm:ss) do procedimento, após <dataExecucao>.',
    },
  },
  check(ctx) {
    for (const guia of ctx.all('guiaSP-SADT')) {
      if (text(guia, 'dadosSolicitacao', 'caraterAtendimento') !== '2') continue;
      for (const proc of getAll(guia, 'procedimentosExecutados', 'procedimentoExecutado')) {
        const missing = ['horaInicial', 'horaFinal'].filter((f) => !filled(proc, f));
        if (missing.length === 0) continue;
        const seq = numero(proc, 'sequencialItem');
        const codigo = text(proc, 'procedimento', 'codigoProcedimento');
        ctx.report(proc, 'semHora', {
          args: { procedimento: itemNomeado('o procedimento', seq, codigo), campos: missing.map((f) => `<${f}>`).join(' e ') },
          data: { sequencialItem: seq ?? null, ausentes: missing },
        });
      }
    }
  },
});
