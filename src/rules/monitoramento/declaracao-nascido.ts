import { getAll, text } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { descreve, guiasMonitoramento, prestadorEventual, TIPO_GUIA } from './util.js';
import { MONITORAMENTO_FROM_1_04 } from '../versions.js';

/** motivoSaida (tabela 39) codes that imply a live-born RN: 61, 62, 63, 66, 67. */
const NASCIDO_VIVO = new Set(['61', '62', '63', '66', '67']);

/** declaracaoNascido: only in obstetric internação, without repetition, and present when an RN was born alive. */
export const monDeclaracaoNascido = defineRule({
  meta: {
    id: 'TISS-R-MON-DECLARACAO-NASCIDO',
    title: 'Declaração de nascido vivo na internação obstétrica',
    severity: 'warning',
    appliesTo: ['guiaMonitoramento'],
    scope: ['mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento (Envio de Dados 1.02.00)'],
    versions: MONITORAMENTO_FROM_1_04,
    description:
      'No Envio de Dados, o número da declaração de nascido vivo (declaracaoNascido) só se informa em guias de internação (tipoEventoAtencao = 3) obstétrica (tipoInternacao = 3), sem repetir o mesmo número. Numa internação obstétrica cujo motivo de encerramento indica recém-nascido vivo (motivoSaida 61, 62, 63, 66 ou 67), ao menos uma declaração deve ser informada; prestador eventual (origem 5) está dispensado dessa exigência. O vínculo entre motivo de encerramento e nascido vivo é uma inferência.',
    source: {
      text: 'Número da Declaração de Nascido Vivo. Preencher quando o Tipo de Internação for 3-Obstétrica onde tenha havido nascido vivo, e quando o tipo de guia for igua a 3 (Internação).Não pode haver repetição do mesmo número nas ocorrências deste campo.',
      origin: 'SECONDARY',
      reference: 'regras-condicionais MON-22 (crítica ANS do Envio de Dados, campo 062, erro 5029/5066; transcrição de terceiros)',
    },
    examples: {
      pass: 'samples/rules/passa/mon-campos-internacao-1.06.xml',
      fail: 'samples/rules/mon-declaracao-nascido.xml',
      failAt: { xpath: '/mensagemEnvioANS/Mensagem/operadoraParaANS/guiaMonitoramento[2]' },
    },
    messages: {
      internacaoNaoObstetrica: 'Declaração de nascido vivo informada numa internação que não é obstétrica (tipoInternacao = {{tipoInternacao}}).',
      internacaoSemTipo: 'Declaração de nascido vivo informada numa internação que não é obstétrica (tipoInternacao = não informado).',
      foraDaInternacao: 'Declaração de nascido vivo informada numa guia tipo {{tipo}}; ela só se aplica a internação obstétrica.',
      repetida: 'A declaração de nascido vivo {{numero}} foi informada mais de uma vez na mesma guia.',
      ausente: 'Na {{guia}}, internação obstétrica encerrada com recém-nascido vivo (motivoSaida = {{motivo}}), nenhuma declaração de nascido vivo (<declaracaoNascido>) foi informada.',
    },
    fixes: {
      internacaoNaoObstetrica: 'Confira <tipoInternacao> (3 = obstétrica) ou retire <declaracaoNascido>.',
      internacaoSemTipo: 'Confira <tipoInternacao> (3 = obstétrica) ou retire <declaracaoNascido>.',
      foraDaInternacao: 'Retire <declaracaoNascido> desta guia.',
      repetida: 'Informe cada declaração de nascido vivo uma só vez (uma por recém-nascido).',
      ausente: 'Informe <declaracaoNascido> com o número da Declaração de Nascido Vivo de cada recém-nascido, depois de <valoresGuia>.',
    },
  },
  check(ctx) {
    for (const g of guiasMonitoramento(ctx)) {
      const declaracoes = getAll(g.node, 'declaracaoNascido');
      const tipoInternacao = text(g.node, 'tipoInternacao');
      const obstetrica = g.tipo === '3' && tipoInternacao === '3';
      if (declaracoes.length > 0 && !obstetrica) {
        const [messageId, args] =
          g.tipo !== '3'
            ? (['foraDaInternacao', { tipo: TIPO_GUIA[g.tipo] ?? g.tipo }] as const)
            : tipoInternacao === undefined
              ? (['internacaoSemTipo', {}] as const)
              : (['internacaoNaoObstetrica', { tipoInternacao }] as const);
        ctx.report(declaracoes[0]!, messageId, {
          args,
          data: { tipo: g.tipo, tipoInternacao },
        });
        continue;
      }
      const seen = new Set<string>();
      for (const d of declaracoes) {
        const value = text(d) ?? '';
        if (value !== '' && seen.has(value)) {
          ctx.report(d, 'repetida', {
            args: { numero: value },
            data: { value },
            glosa: ['5066'], // NUMERO DA DECLARAÇÃO EM DUPLICIDADE (Monitoramento 1.06.00)
          });
        }
        seen.add(value);
      }
      const motivo = text(g.node, 'motivoSaida');
      if (!obstetrica || declaracoes.length > 0 || prestadorEventual(g) || motivo === undefined || !NASCIDO_VIVO.has(motivo)) continue;
      ctx.report(g.node, 'ausente', {
        args: { guia: descreve(g), motivo },
        data: { motivoSaida: motivo },
      });
    }
  },
});
