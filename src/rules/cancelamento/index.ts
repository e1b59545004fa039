import type { Rule } from '../types.js';

/** Cancelamento de guia. */
export const rules: Rule[] = [];
