import { text } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { TISS_4 } from '../versions.js';
import { dateBR } from '../../locale/pt-br.js';

/** Each previous treatment is a description + date pair; one without the other is incomplete. */
const PAIRS: { what: string; date: string; whatLabel: string; dateLabel: string }[] = [
  { what: 'cirurgia', date: 'datacirurgia', whatLabel: 'a cirurgia anterior', dateLabel: 'a data da cirurgia anterior' },
  { what: 'areaIrradiada', date: 'dataIrradiacao', whatLabel: 'a área irradiada em radioterapia anterior', dateLabel: 'a data da radioterapia anterior' },
  { what: 'quimioterapia', date: 'dataQuimioterapia', whatLabel: 'a quimioterapia anterior', dateLabel: 'a data da quimioterapia anterior' },
];

export const anexoTratamentoAnterior = defineRule({
  meta: {
    id: 'TISS-R-ANEXO-TRATAMENTO-ANTERIOR',
    title: 'Tratamento anterior sem descrição ou sem data',
    severity: 'warning',
    appliesTo: ['tratamentosAnteriores'],
    scope: [
      'tratamentosAnteriores dos anexos de quimioterapia e radioterapia: loteAnexos (anexoSolicitacaoQuimio, anexoSolicitacaoRadio), anexoClinico das solicitações e da prorrogação',
      'tratamentosAnteriores das respostas da operadora (autorizacaoQuimio, autorizacaoRadio, anexoQuimio, anexoRadio)',
    ],
    versions: TISS_4,
    description:
      'Nos tratamentos anteriores do anexo de quimioterapia ou radioterapia, cada tratamento informado precisa da descrição e da data: cirurgia com data da cirurgia, área irradiada com data da irradiação (quimioterapia) e quimioterapia com data da quimioterapia (radioterapia). Um sem o outro é reportado.',
    source: {
      text: 'Descrição de procedimento cirúrgico, relativo à patologia atual, ao qual o beneficiário foi submetido anteriormente.Condicionado. Deve ser preenchido em caso de cirurgia realizada anteriormente.',
      origin: 'SECONDARY',
      reference: 'regras-condicionais ANX-08 a ANX-11 (legenda ANS, transcrição de terceiros)',
    },
    examples: {
      pass: 'samples/rules/passa/anexo-tratamento-anterior.xml',
      fail: 'samples/rules/anexo-tratamento-anterior.xml',
      failAt: { xpath: '/mensagemTISS/prestadorParaOperadora/loteAnexos/AnexosGuiasTISS/anexoSolicitacaoQuimio/tratamentosAnteriores' },
    },
    messages: {
      semDescricao: 'Foi informada {{rotuloData}} (<{{campoData}}> = {{data}}), mas não a descrição do tratamento (<{{campo}}>).',
      semData: 'Foi informada {{rotulo}} ("{{descricao}}", <{{campo}}>), mas não a data (<{{campoData}}>).',
    },
    fixes: {
      semDescricao: 'Informe <{{campo}}> descrevendo o tratamento anterior, antes de <{{campoData}}>; ou retire <{{campoData}}> se esse tratamento não existiu.',
      semData: 'Informe <{{campoData}}> (AAAA-MM-DD) logo depois de <{{campo}}>.',
    },
  },
  check(ctx) {
    for (const trat of ctx.all('tratamentosAnteriores')) {
      for (const { what, date, whatLabel, dateLabel } of PAIRS) {
        const whatText = text(trat, what) ?? '';
        const dateText = text(trat, date) ?? '';
        if ((whatText === '') === (dateText === '')) continue;
        if (dateText !== '') {
          ctx.report(trat, 'semDescricao', {
            args: { rotuloData: dateLabel, campoData: date, data: dateBR(dateText), campo: what },
            data: { ausente: what, [date]: dateText },
          });
        } else {
          ctx.report(trat, 'semData', {
            args: { rotulo: whatLabel, descricao: whatText, campo: what, campoData: date },
            data: { ausente: date, [what]: whatText },
          });
        }
      }
    }
  },
});
