import type { RuleContext } from '../types.js';
import type { XNode } from '../../xml/tree.js';

/** ct_envioDocumentos: `envioDocumentos` in mensagemTISS, `envioDOcumento` (sic) in envioDocumentoWS. */
export function envios(ctx: RuleContext): XNode[] {
  return [...ctx.all('envioDocumentos'), ...ctx.all('envioDOcumento')];
}
