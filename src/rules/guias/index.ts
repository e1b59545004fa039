import type { Rule } from '../types.js';

/** Lote de guias: consulta, SP/SADT, resumo de internação, honorários. */
export const rules: Rule[] = [];
