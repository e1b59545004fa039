/**
 * A field's value as a finding shows it, so that a value of spaces does not read as `""`: the exact text
 * in quotes, and a note when it is empty, only spaces, or has spaces around it.
 */
export function quoted(raw: string): string {
  if (raw === '') return '"" (vazio)';
  if (raw.trim() === '') return `"${raw}" (só ${raw.length === 1 ? 'um espaço' : `${raw.length} espaços`})`;
  if (raw.trim() !== raw) return `"${raw}" (com espaços antes ou depois)`;
  return `"${raw}"`;
}
