import type { Rule } from '../types.js';
import { cancelaGuiaLista } from './cancela-guia-lista.js';

/** Cancelamento de guia. */
export const rules: Rule[] = [cancelaGuiaLista];
