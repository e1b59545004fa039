import { filled, get, text } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { TISS_4 } from '../versions.js';

/** SP/SADT of a patient in internação (regimeAtendimento 03) should name the guia principal. */
export const sadtGuiaPrincipalInternado = defineRule({
  meta: {
    id: 'TISS-R-SADT-GUIA-PRINCIPAL-INTERNADO',
    title: 'Guia principal ausente em SP/SADT de paciente internado',
    severity: 'warning',
    appliesTo: ['guiaSP-SADT'],
    scope: ['loteGuias/guiaSP-SADT (cabecalhoGuia/guiaPrincipal)'],
    versions: TISS_4,
    description:
      'Na guia de SP/SADT de paciente internado (regimeAtendimento = 03, Internação), o número da guia principal (cabecalhoGuia/guiaPrincipal) deve ser informado. O caso de honorário médico cobrado em separado para procedimento ambulatorial não pode ser reconhecido na mensagem e não é conferido.',
    source: {
      text: 'Número da guia principal. Condicionado. Deve ser preenchido com o número da guia principal no prestador quando se tratar de solicitação de SADT em paciente internado ou na cobrança de honorário médico em separado para procedimentos ambulatoriais',
      origin: 'SECONDARY',
      reference: 'regras-condicionais SADT-01 (legenda ANS, transcrição de terceiros)',
    },
    examples: {
      pass: 'samples/rules/passa/sadt-guia-principal-internado.xml',
      fail: 'samples/rules/sadt-guia-principal-internado.xml',
      failAt: { xpath: '/mensagemTISS/prestadorParaOperadora/loteGuias/guiasTISS/guiaSP-SADT/cabecalhoGuia' },
    },
    messages: {
      semGuiaPrincipal: 'O paciente está internado (regimeAtendimento = 03), mas a guia de SP/SADT não informa o número da guia principal (<guiaPrincipal>).',
    },
    fixes: {
      semGuiaPrincipal: 'Informe em <cabecalhoGuia>, após <numeroGuiaPrestador>, o <guiaPrincipal> com o número, no prestador, da guia da internação a que este atendimento se vincula.',
    },
  },
  check(ctx) {
    for (const guia of ctx.all('guiaSP-SADT')) {
      if (text(guia, 'dadosAtendimento', 'regimeAtendimento') !== '03') continue;
      const cabecalho = get(guia, 'cabecalhoGuia');
      if (!cabecalho || filled(cabecalho, 'guiaPrincipal')) continue;
      ctx.report(get(cabecalho, 'guiaPrincipal') ?? cabecalho, 'semGuiaPrincipal');
    }
  },
});
