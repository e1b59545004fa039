import type { Rule } from '../types.js';
import { dataFutura } from './data-futura.js';
import { ordemDatas } from './ordem-datas.js';
import { sequencialItemUnico } from './sequencial-item.js';
import { totaisGuia } from './totais-guia.js';
import { valorItem } from './valor-item.js';

/** Consistency checks: dates, totals, item values, sequencial de referência. */
export const rules: Rule[] = [sequencialItemUnico, valorItem, totaisGuia, dataFutura, ordemDatas];
