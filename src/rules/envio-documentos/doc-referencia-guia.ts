import { filled, text } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { envios } from './util.js';
import { TISS_4 } from '../versions.js';

export const docReferenciaGuia = defineRule({
  meta: {
    id: 'TISS-R-DOC-REFERENCIA-GUIA',
    title: 'Documento de uma guia ou item sem o número da guia',
    severity: 'warning',
    appliesTo: ['envioDocumentos', 'envioDOcumento'],
    scope: ['prestadorParaOperadora/envioDocumentos', 'envioDocumentoWS/envioDOcumento'],
    versions: TISS_4,
    description:
      'Quando o documento se refere a uma guia ou a um item específico, o número da guia no prestador (<numeroGuiaPrestador>) deve ser informado. A mensagem mostra isso de duas formas: o sequencial do item (<seqReferenciaItem>) foi informado, ou a natureza é 1 — Solicitação (não há lote nem protocolo a que vincular o documento).',
    source: {
      text: 'Número que identifica a guia no prestador de serviços à qual o documento será vinculado. Condicionado. Deve ser preenchido quando o envio do documento se referir a uma guia ou item específico.',
      origin: 'SECONDARY',
      reference: 'regras-condicionais DOC-03 (legenda ANS, transcrição de terceiros)',
    },
    examples: {
      pass: 'samples/valid/envio-documentos.xml',
      fail: 'samples/rules/doc-referencia-guia.xml',
      failAt: { xpath: '/mensagemTISS/prestadorParaOperadora/envioDocumentos' },
    },
    messages: {
      itemSemGuia: 'O documento {{documento}} se refere ao item {{item}} de uma guia (<seqReferenciaItem> = {{item}}), mas o número da guia no prestador (<numeroGuiaPrestador>) não foi informado.',
      solicitacaoSemGuia: 'O documento {{documento}} se refere a uma solicitação (naturezaGuia = 1), mas o número da guia no prestador (<numeroGuiaPrestador>) não foi informado.',
    },
    fixes: {
      itemSemGuia: 'Informe <numeroGuiaPrestador> com o número da guia a que o documento pertence (depois de <numeroProtocolo>, antes de <numeroGuiaOperadora>).',
      solicitacaoSemGuia: 'Informe <numeroGuiaPrestador> com o número da guia a que o documento pertence (depois de <numeroProtocolo>, antes de <numeroGuiaOperadora>).',
    },
  },
  check(ctx) {
    for (const envio of envios(ctx)) {
      if (filled(envio, 'numeroGuiaPrestador')) continue;
      const item = text(envio, 'seqReferenciaItem');
      const natureza = text(envio, 'naturezaGuia');
      if (!item && natureza !== '1') continue;
      const documento = text(envio, 'numeroDocumento') ?? '';
      ctx.report(envio, item ? 'itemSemGuia' : 'solicitacaoSemGuia', {
        args: item ? { documento, item } : { documento },
        data: { seqReferenciaItem: item ?? null, naturezaGuia: natureza ?? null },
      });
    }
  },
});
