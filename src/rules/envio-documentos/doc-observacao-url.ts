import { get, text } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { envios } from './util.js';
import { TISS_4 } from '../versions.js';

const URL_PATTERN = /\b(?:https?|ftp):\/\/[^\s]*|\bwww\.[^\s]+/i;
/** Sentence punctuation right after the address is not part of it. */
const TRAILING = /[.,;:!?)\]}'"]+$/;

export const docObservacaoUrl = defineRule({
  meta: {
    id: 'TISS-R-DOC-OBSERVACAO-URL',
    title: 'Endereço de internet (URL) na observação do envio de documentos',
    severity: 'warning',
    appliesTo: ['envioDocumentos', 'envioDOcumento'],
    scope: ['prestadorParaOperadora/envioDocumentos', 'envioDocumentoWS/envioDOcumento'],
    versions: TISS_4,
    description:
      'A observação do envio de documentos (<observacao>) não pode conter endereço de internet (URL): o documento vai na própria mensagem, em <documento>. São reconhecidos endereços iniciados por http://, https://, ftp:// ou www.',
    source: {
      text: 'Campo utilizado para adicionar quaisquer observações sobre o atendimento ou justificativas que julgue necessário. Opcional. Não é permitida a informação  e URL.',
      origin: 'SECONDARY',
      reference: 'regras-condicionais DOC-09 (legenda ANS, transcrição de terceiros)',
    },
    examples: {
      pass: 'samples/valid/envio-documentos.xml',
      fail: 'samples/rules/doc-observacao-url.xml',
      failAt: { xpath: '/mensagemTISS/prestadorParaOperadora/envioDocumentos/observacao' },
    },
    messages: {
      enderecoInternet: 'A observação do envio de documentos contém um endereço de internet ("{{url}}"), o que não é permitido.',
    },
    fixes: {
      enderecoInternet: 'Retire o endereço da <observacao>; envie o conteúdo como documento, em <documento>.',
    },
  },
  check(ctx) {
    for (const envio of envios(ctx)) {
      const node = get(envio, 'observacao');
      const match = URL_PATTERN.exec(text(node) ?? '');
      if (!node || !match) continue;
      const url = match[0].replace(TRAILING, '') || match[0];
      ctx.report(node, 'enderecoInternet', {
        args: { url },
        data: { url },
      });
    }
  },
});
