import type { Rule } from '../types.js';
import { ausenciaCodValidacao } from './ausencia-codvalidacao.js';
import { cnesSolicitacaoSpSadt } from './cnes-solicitacao-spsadt.js';

/** Solicitações (SP/SADT, internação, prorrogação, odontologia). */
export const rules: Rule[] = [cnesSolicitacaoSpSadt, ausenciaCodValidacao];
