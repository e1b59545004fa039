import type { Rule } from '../types.js';
import { anexoTratamentoAnterior } from './anexo-tratamento-anterior.js';
import { dataAutorizacao } from './data-autorizacao.js';
import { senhaDataAutorizacao } from './senha-data-autorizacao.js';
import { tipoIdentBiometria } from './tipo-ident-biometria.js';

/** Autorizações, anexos (quimio, radio, OPME) e prorrogação. */
export const rules: Rule[] = [tipoIdentBiometria, dataAutorizacao, senhaDataAutorizacao, anexoTratamentoAnterior];
