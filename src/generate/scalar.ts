/**
 * A JSON value as the text a message (or a message about the input) shows: strings as they are, numbers and
 * booleans as JSON writes them, anything else (an object where a value belongs) as its JSON, never
 * "[object Object]".
 */
export function scalarText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null || value === undefined) return '';
  return JSON.stringify(value) ?? '';
}
