import type { FormatterFactory } from './types.js';
import { plural } from './utils/summary.js';
import { visible } from './utils/visible.js';

/** One line per file — status, guias, errors, warnings, hash — for logs and quick triage. */
export const summary: FormatterFactory = (options) => ({
  begin: () => '',
  file(r) {
    const status = r.status === 'unsupported-version' ? 'VERSAO  ' : r.valid ? (r.counts.warning > 0 && !options.quiet ? 'AVISOS  ' : 'VALIDO  ') : 'INVALIDO';
    const guias = r.message?.guias.reduce((a, g) => a + g.quantidade, 0) ?? 0;
    const hash = r.hash === null ? 'hash -' : r.hash.ok ? 'hash ok' : `hash ${visible(r.hash.variant ?? 'não confere')}`;
    return `${status}  ${String(guias).padStart(3)} guias  ${plural(r.counts.error, 'erro', 'erros').padStart(9)}  ${plural(r.counts.warning, 'aviso', 'avisos').padStart(10)}  ${hash.padEnd(16)}  ${visible(r.file)}\n`;
  },
  end(t, unreadable) {
    return `${unreadable.map((u) => `ILEGIVEL    -        -           -              -    ${visible(u.file)} (${visible(u.reason)})\n`).join('')}${plural(t.files, 'arquivo', 'arquivos')}: ${plural(t.valid, 'válido', 'válidos')}, ${t.invalid} com erros${t.unreadable ? `, ${t.unreadable} não lidos` : ''}; ${plural(t.errors, 'erro', 'erros')}, ${plural(t.warnings, 'aviso', 'avisos')}\n`;
  },
});
