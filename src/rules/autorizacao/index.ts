import type { Rule } from '../types.js';

/** Autorizações, anexos (quimio, radio, OPME) e prorrogação. */
export const rules: Rule[] = [];
