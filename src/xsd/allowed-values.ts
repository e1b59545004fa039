/**
 * How an enumeration's values are listed to a person, the same wherever a code is wrong or missing
 * (validate's TISS-XSD-ENUMERATION, the generator's TISS-GEN-VALOR / TISS-GEN-CAMPO-AUSENTE):
 * `1 (Eletiva); 2 (Urgência/Emergência)`, at most MAX_LISTED values, then "e mais N".
 */
export const MAX_LISTED = 20;

export function listAllowed(allowed: readonly string[], meanings?: ReadonlyMap<string, string>): string {
  const shown = allowed.filter((v) => v !== '').slice(0, MAX_LISTED).map((v) => (meanings?.get(v) ? `${v} (${meanings.get(v)})` : v));
  const more = allowed.length > MAX_LISTED ? ` e mais ${allowed.length - MAX_LISTED}` : '';
  return `${shown.join('; ')}${more}`;
}

/**
 * The allowed value a wrong one most likely meant: the same number without its leading zeros
 * (`5` or `"5"` for `05`), or the same text but for case and surrounding spaces. Null when none.
 */
export function meantValue(value: string | number, allowed: readonly string[]): string | null {
  const v = String(value).trim();
  if (/^\d+$/.test(v)) {
    const n = Number(v);
    const same = allowed.filter((a) => /^\d+$/.test(a) && Number(a) === n);
    return same.length === 1 && same[0] !== String(value) ? same[0]! : null;
  }
  const upper = v.toUpperCase();
  const same = allowed.filter((a) => a.toUpperCase() === upper);
  return same.length === 1 && same[0] !== String(value) ? same[0]! : null;
}
