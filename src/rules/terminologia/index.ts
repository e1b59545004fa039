import type { Rule } from '../types.js';
import { tuss22Procedimento } from './tuss22-procedimento.js';

/** Codes checked against the installed terminology tables (`tiss tabelas install`). */
export const rules: Rule[] = [tuss22Procedimento];
