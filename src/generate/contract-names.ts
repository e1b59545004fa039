import { LOTE } from './shape.js';

/** The kinds of input with a contract of their own (their JSON Schema is exported). */
export const CONTRACTS: Record<string, { tipo: string; tipoGuia?: string; title: string }> = {
  'lote-consulta': { tipo: LOTE, tipoGuia: 'guiaConsulta', title: 'Lote de guias de consulta' },
  'lote-sp-sadt': { tipo: LOTE, tipoGuia: 'guiaSP-SADT', title: 'Lote de guias de SP/SADT (cobrança)' },
  'lote-resumo-internacao': { tipo: LOTE, tipoGuia: 'guiaResumoInternacao', title: 'Lote de guias de resumo de internação' },
  'lote-honorarios': { tipo: LOTE, tipoGuia: 'guiaHonorarios', title: 'Lote de guias de honorários' },
  'lote-odontologia': { tipo: LOTE, tipoGuia: 'guiaOdonto', title: 'Lote de guias de tratamento odontológico (GTO)' },
  'solicitacao-procedimento': { tipo: 'solicitacaoProcedimento', title: 'Solicitação de procedimento (SP/SADT, internação, prorrogação, odontologia)' },
  'envio-documentos': { tipo: 'envioDocumentos', title: 'Envio de documentos' },
};
