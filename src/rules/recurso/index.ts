import type { Rule } from '../types.js';
import { recursoObjeto } from './recurso-objeto.js';

/** Recurso de glosa: envio, recebimento e resposta. */
export const rules: Rule[] = [recursoObjeto];
