import type { Rule } from '../types.js';
import { docObservacaoUrl } from './doc-observacao-url.js';
import { docReferenciaGuia } from './doc-referencia-guia.js';
import { docReferenciaLote } from './doc-referencia-lote.js';

/** Envio de documentos (novo na 4.00.00). */
export const rules: Rule[] = [docReferenciaLote, docReferenciaGuia, docObservacaoUrl];
