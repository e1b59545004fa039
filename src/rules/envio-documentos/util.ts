import type { RuleContext } from '../types.js';
import type { XNode } from '../../xml/tree.js';

/** ct_envioDocumentos: `envioDocumentos` in mensagemTISS, `envioDOcumento` (sic) in envioDocumentoWS. */
export function envios(ctx: RuleContext): XNode[] {
  return [...ctx.all('envioDocumentos'), ...ctx.all('envioDOcumento')];
}

/** dm_tipoGuia (tabela 56) as used by naturezaGuia. */
export const NATUREZA: Record<string, string> = { '1': 'Solicitação', '2': 'Faturamento', '3': 'Recurso de glosa' };
