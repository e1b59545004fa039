/** Check digits of Brazilian identifiers (Receita Federal and Ministério da Saúde algorithms). */

/** CPF: 11 digits, two mod-11 check digits; repeated digits (111.111.111-11) are invalid. */
export function isValidCpf(cpf: string): boolean {
  if (!/^\d{11}$/.test(cpf) || /^(\d)\1{10}$/.test(cpf)) return false;
  const d = [...cpf].map(Number);
  for (const len of [9, 10]) {
    let sum = 0;
    for (let i = 0; i < len; i++) sum += d[i]! * (len + 1 - i);
    const dv = ((sum * 10) % 11) % 10;
    if (dv !== d[len]) return false;
  }
  return true;
}

/**
 * CNPJ: 14 characters, two mod-11 check digits. Accepts the alphanumeric CNPJ (Receita Federal,
 * from July 2026: 12 characters A–Z/0–9 then 2 digits; each character counts as its code − 48).
 */
export function isValidCnpj(cnpj: string): boolean {
  if (!/^[0-9A-Z]{12}\d{2}$/.test(cnpj) || /^(\d)\1{13}$/.test(cnpj)) return false;
  const v = [...cnpj].map((c) => c.charCodeAt(0) - 48);
  for (const len of [12, 13]) {
    let sum = 0;
    let weight = len - 7;
    for (let i = 0; i < len; i++) {
      sum += v[i]! * weight;
      weight = weight === 2 ? 9 : weight - 1;
    }
    const r = sum % 11;
    const dv = r < 2 ? 0 : 11 - r;
    if (dv !== v[len]) return false;
  }
  return true;
}

/**
 * Cartão Nacional de Saúde: 15 digits; definitive numbers start with 1 or 2, provisional with 7, 8
 * or 9; valid when Σ digit × (15 − position) ≡ 0 (mod 11).
 */
export function isValidCns(cns: string): boolean {
  if (!/^[12789]\d{14}$/.test(cns)) return false;
  let sum = 0;
  for (let i = 0; i < 15; i++) sum += Number(cns[i]) * (15 - i);
  return sum % 11 === 0;
}
