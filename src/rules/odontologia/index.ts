import type { Rule } from '../types.js';

/** Odontologia: GTO, solicitação e demonstrativo. */
export const rules: Rule[] = [];
