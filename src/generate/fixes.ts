import type { SimpleDef } from '../xsd/content-model.js';

/**
 * The concrete fix for a value its simple type refuses: the value rewritten when we can tell what
 * was meant (12/09/2026 → 2026-09-12, 1.234,50 → 1234.50, 14:30 → 14:30:00), else what the type takes.
 */
export function fixForValue(type: SimpleDef, value: unknown): string | null {
  const v = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : null;
  const f = type.facets;
  if (v === null) return null;
  if (type.base === 'date') {
    const br = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v);
    if (br) return `Escreva a data como AAAA-MM-DD: "${br[3]}-${br[2]!.padStart(2, '0')}-${br[1]!.padStart(2, '0')}".`;
    const iso = /^(\d{4}-\d{2}-\d{2})T/.exec(v);
    if (iso) return `Só a data, sem a hora: "${iso[1]}".`;
    return 'Escreva a data como AAAA-MM-DD (ex.: 2026-09-12).';
  }
  if (type.base === 'time') {
    const hm = /^(\d{1,2}):(\d{2})$/.exec(v);
    if (hm) return `Escreva a hora como HH:MM:SS: "${hm[1]!.padStart(2, '0')}:${hm[2]}:00".`;
    return 'Escreva a hora como HH:MM:SS (ex.: 14:30:00).';
  }
  if (type.base === 'decimal') {
    if (/^[+-]?\d{1,3}(\.\d{3})*,\d+$|^[+-]?\d+,\d+$/.test(v)) {
      const fixed = v.replace(/\./g, '').replace(',', '.');
      return `Use ponto como separador decimal e nenhum separador de milhar: "${fixed}".`;
    }
    if (f.fractionDigits !== undefined) return `Número com ponto decimal e até ${f.fractionDigits} casas (ex.: 150.00).`;
    return 'Número com ponto decimal (ex.: 150.00).';
  }
  if (f.maxLength !== undefined && [...v].length > f.maxLength) return `Encurte para no máximo ${f.maxLength} caracteres.`;
  if (f.length !== undefined) return `Informe exatamente ${f.length} caracteres.`;
  if (f.minLength !== undefined && v.length < f.minLength) return 'Preencha o campo ou retire-o da entrada (se for opcional).';
  if (f.pattern) return `O valor deve seguir o formato ${f.pattern.join(' e ')}.`;
  return null;
}
