/** Money in rules: compared in cents (shown with locale/pt-br.ts formatMoney; tree queries are in xml/query.ts). */

/** Values in cents, to compare money without floating-point drift. */
export function cents(n: number): number {
  return Math.round(n * 100);
}

