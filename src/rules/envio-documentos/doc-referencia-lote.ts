import { filled, text } from '../../xml/query.js';
import { defineRule } from '../types.js';
import { envios } from './util.js';
import { TISS_4 } from '../versions.js';

const FIELDS: [name: string, label: string][] = [
  ['numeroLote', 'o número do lote no prestador'],
  ['numeroProtocolo', 'o número do protocolo na operadora'],
];

export const docReferenciaLote = defineRule({
  meta: {
    id: 'TISS-R-DOC-REFERENCIA-LOTE',
    title: 'Documento de faturamento ou recurso sem lote ou protocolo',
    severity: 'warning',
    appliesTo: ['envioDocumentos', 'envioDOcumento'],
    scope: ['prestadorParaOperadora/envioDocumentos', 'envioDocumentoWS/envioDOcumento'],
    versions: TISS_4,
    description:
      'No envio de documentos referente a um lote de guias ou a um recurso de glosa (naturezaGuia 2 — Faturamento ou 3 — Recurso de glosa), o documento deve ser vinculado ao lote: informe o número do lote (<numeroLote>) e o número do protocolo atribuído pela operadora (<numeroProtocolo>). Quando o documento nomeia uma guia (<numeroGuiaPrestador> ou <numeroGuiaOperadora>), com ou sem o item (<seqReferenciaItem>), ele é vinculado à guia ou ao item e não ao lote (regras DOC-03, DOC-04 e DOC-07): lote e protocolo deixam de ser exigidos. Aviso: o protocolo pode ainda não existir quando o documento é enviado junto com o lote.',
    source: {
      text: 'Número que identifica no prestador de serviços o lote ao qual o documento será vinculado. Condicionado. Deve ser preenchido quando o envio do documento se referir ao Lote Guias e/ou Recurso de glosa.',
      origin: 'SECONDARY',
      reference: 'regras-condicionais DOC-01 e DOC-02 (legenda ANS, transcrição de terceiros)',
    },
    examples: {
      pass: 'samples/rules/passa/doc-referencia-guia-item.xml',
      fail: 'samples/rules/doc-referencia-lote.xml',
      failAt: { xpath: '/mensagemTISS/prestadorParaOperadora/envioDocumentos' },
    },
    messages: {
      loteSemReferencia: 'O documento {{documento}} se refere a um lote de guias (naturezaGuia = 2 — Faturamento), mas não informa {{ausentes}}.',
      recursoSemReferencia: 'O documento {{documento}} se refere a um recurso de glosa (naturezaGuia = 3 — Recurso de glosa), mas não informa {{ausentes}}.',
    },
    fixes: {
      loteSemReferencia: 'Informe <numeroLote> (número do lote no prestador) e <numeroProtocolo> (protocolo devolvido pela operadora no recebimento do lote ou do recurso), no início de <envioDocumentos>.',
      recursoSemReferencia: 'Informe <numeroLote> (número do lote no prestador) e <numeroProtocolo> (protocolo devolvido pela operadora no recebimento do lote ou do recurso), no início de <envioDocumentos>.',
    },
  },
  check(ctx) {
    for (const envio of envios(ctx)) {
      const natureza = text(envio, 'naturezaGuia') ?? '';
      if (natureza !== '2' && natureza !== '3') continue;
      // A document that names a guia (and maybe an item) is linked to that guia, not to the lote:
      // DOC-01/02 ask for the lote only "quando o envio do documento se referir ao Lote Guias e/ou Recurso".
      if (filled(envio, 'numeroGuiaPrestador') || filled(envio, 'numeroGuiaOperadora')) continue;
      const missing = FIELDS.filter(([name]) => !filled(envio, name));
      if (missing.length === 0) continue;
      ctx.report(envio, natureza === '2' ? 'loteSemReferencia' : 'recursoSemReferencia', {
        args: { documento: text(envio, 'numeroDocumento') ?? '', ausentes: missing.map(([name, label]) => `${label} (<${name}>)`).join(' e ') },
        data: { naturezaGuia: natureza, ausentes: missing.map(([name]) => name) },
      });
    }
  },
});
