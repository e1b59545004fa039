import type { Rule } from '../types.js';
import { autorizacaoPosterior } from './autorizacao-posterior.js';
import { diariasPeriodo } from './diarias-periodo.js';
import { guiaRepetida } from './guia-repetida.js';
import { procedimentoRepetido } from './procedimento-repetido.js';
import { quantidadeValor } from './quantidade-valor.js';
import { senhaVencida } from './senha-vencida.js';

/** What an operadora's analyst glosses at intake: dates of authorization and senha, quantities, repetitions, diárias (Tabela 38). */
export const rules: Rule[] = [autorizacaoPosterior, senhaVencida, quantidadeValor, guiaRepetida, procedimentoRepetido, diariasPeriodo];
