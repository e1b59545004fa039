import type { Rule } from '../types.js';

/** Recurso de glosa: envio, recebimento e resposta. */
export const rules: Rule[] = [];
