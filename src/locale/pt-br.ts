/**
 * How numbers, sizes, dates, money and severities are written for a Brazilian reader: one home for every
 * module that shows them (formatters, reports, rules' messages, limits), so the same thing is always
 * written the same way. Plain functions, nothing from Node: the page and the browser engine can use them.
 */
import type { Severity } from '../findings/finding.js';

/** `erro`, `aviso`, `info`: the word for a severity in every human format. */
export const SEVERITY_WORD: Readonly<Record<Severity, string>> = { error: 'erro', warning: 'aviso', info: 'info' };

/** `1 erro`, `2 erros`. */
export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** `10.000.000` (Portuguese thousands separator). */
export function formatInteger(n: number): string {
  return n.toLocaleString('pt-BR');
}

/** `6,3 KB`, `1,2 MB`, `512 bytes` (Portuguese decimal comma). */
export function formatSize(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1).replace('.', ',')} GB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1).replace('.', ',')} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1).replace('.', ',')} KB`;
  return `${n} bytes`;
}

const BRL = new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL' });

/** `4080.5` → `R$ 4.080,50` (the non-breaking space Intl puts after R$ made a plain one). */
export function formatMoney(n: number): string {
  return BRL.format(n).replace(/\s/g, ' ');
}

/** `2026-08-20` → `20/08/2026`; anything that is not an ISO date (a malformed field quoted back) as it is. */
export function dateBR(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}
