import type { Rule } from '../types.js';

/** Envio de Dados (Monitoramento TISS) 1.02.00. */
export const rules: Rule[] = [];
