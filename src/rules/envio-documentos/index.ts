import type { Rule } from '../types.js';

/** Envio de documentos (novo na 4.00.00). */
export const rules: Rule[] = [];
