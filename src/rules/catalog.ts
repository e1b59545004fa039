import { rules as autorizacao } from './autorizacao/index.js';
import { rules as cancelamento } from './cancelamento/index.js';
import { rules as consistencia } from './consistencia/index.js';
import { rules as envioDocumentos } from './envio-documentos/index.js';
import { rules as faturamento } from './faturamento/index.js';
import { rules as guias } from './guias/index.js';
import { rules as identificadores } from './identificadores/index.js';
import { rules as monitoramento } from './monitoramento/index.js';
import { rules as odontologia } from './odontologia/index.js';
import { rules as recurso } from './recurso/index.js';
import { rules as solicitacao } from './solicitacao/index.js';
import { rules as terminologia } from './terminologia/index.js';
import type { Rule } from './types.js';

/**
 * The catalogue: every rule is registered once, in its area's `index.ts`. The engine, `tiss rules`,
 * the README table and the tests read this list; nothing else names an individual rule.
 */
export const RULES: readonly Rule[] = [
  ...identificadores,
  ...consistencia,
  ...guias,
  ...solicitacao,
  ...autorizacao,
  ...faturamento,
  ...odontologia,
  ...recurso,
  ...cancelamento,
  ...envioDocumentos,
  ...monitoramento,
  ...terminologia,
];

export function findRule(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id.toLowerCase() === id.toLowerCase());
}
