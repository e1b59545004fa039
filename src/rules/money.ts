/** Money helpers for rules (tree queries are in xml/query.ts). */

/** Values in cents, to compare money without floating-point drift. */
export function cents(n: number): number {
  return Math.round(n * 100);
}

const BRL = new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL' });

/** `4080.5` → `R$ 4.080,50` (non-breaking space normalized). */
export function formatMoney(n: number): string {
  return BRL.format(n).replace(/\s/g, ' ');
}
