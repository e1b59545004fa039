import type { FormatterFactory } from './types.js';
import { plural } from '../locale/pt-br.js';
import { visible } from './utils/visible.js';

/**
 * What a wrong hash matches, in a word or two of Portuguese (the JSON keeps the variant's id): the bytes it
 * was computed over, or how it was computed.
 */
function hashLabel(variant: string | null): string {
  if (variant === null) return 'não confere';
  if (variant === 'utf-8' || variant === 'iso-8859-1') return variant;
  if (variant === 'stale') return 'desatualizado';
  if (variant === 'not-md5' || variant === 'sha1' || variant === 'sha256') return 'não é MD5';
  if (variant.startsWith('trimmed')) return 'aparado';
  if (variant === 'indentation') return 'c/ indentação';
  if (variant === 'comments') return 'c/ comentários';
  if (variant.startsWith('raw-')) return 'c/ as tags';
  return 'não confere';
}

/** One line per file — status, guias, errors, warnings, hash — for logs and quick triage. */
export const summary: FormatterFactory = (options) => ({
  begin: () => '',
  file(r) {
    const status = r.status === 'unsupported-version' ? 'VERSAO  ' : r.valid ? (r.counts.warning > 0 && !options.quiet ? 'AVISOS  ' : 'VALIDO  ') : 'INVALIDO';
    const guias = r.message?.guias.reduce((a, g) => a + g.quantidade, 0) ?? 0;
    const hash = r.hash === null ? 'hash -' : r.hash.ok ? 'hash ok' : r.hash.found === null ? 'hash ausente' : `hash ${hashLabel(r.hash.variant)}`;
    return `${status}  ${plural(guias, 'guia ', 'guias').padStart(9)}  ${plural(r.counts.error, 'erro', 'erros').padStart(9)}  ${plural(r.counts.warning, 'aviso', 'avisos').padStart(10)}  ${hash.padEnd(20)}  ${visible(r.file)}\n`;
  },
  end(t, unreadable) {
    return `${unreadable.map((u) => `ILEGIVEL    -        -           -              -    ${visible(u.file)} (${visible(u.reason)})\n`).join('')}${plural(t.files, 'arquivo', 'arquivos')}: ${plural(t.valid, 'válido', 'válidos')}, ${t.invalid} com erros${t.unreadable ? `, ${plural(t.unreadable, 'não lido', 'não lidos')}` : ''}; ${plural(t.errors, 'erro', 'erros')}, ${plural(t.warnings, 'aviso', 'avisos')}\n`;
  },
});
