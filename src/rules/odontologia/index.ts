import type { Rule } from '../types.js';
import { odontoProfExecPj } from './odonto-prof-exec-pj.js';

/** Odontologia: GTO, solicitação e demonstrativo. */
export const rules: Rule[] = [odontoProfExecPj];
