/**
 * The standard versions a rule can be audited for: every version a message may declare and some
 * installed schema accepts (dm_versao of 4.03.00; dm_versao_monitor of 1.02.00 and 1.06.00). 4.02.00
 * and Monitoramento 1.05.00 have no schema of their own but are accepted by a newer one. A rule lists
 * the versions whose text it holds for (`meta.versions`); the engine runs it only on those.
 */
export const TISS_4 = ['4.00.00', '4.00.01', '4.01.00', '4.02.00', '4.03.00'] as const;
export const MONITORAMENTO = ['1.02.00', '1.05.00', '1.06.00'] as const;
/** Rules that hold wherever the data appears (check digits, dates, sums). */
export const EVERY_VERSION = [...TISS_4, ...MONITORAMENTO] as const;
/**
 * Monitoramento críticas 5063–5086 arrive in 1.04.01 (dm_tipoGlosa of 1.02.00 ends at 5062): a rule
 * that cites one holds from 1.05.00 on, not for 1.02.00.
 */
export const MONITORAMENTO_FROM_1_04 = ['1.05.00', '1.06.00'] as const;

/** The alphanumeric CNPJ (Receita Federal IN 2229/2024) is in the XSDs from 4.03.00 and Monitoramento 1.06.00. */
export function acceptsAlphanumericCnpj(version: string | null): boolean {
  return version === '4.03.00' || version === '1.06.00';
}

/** `4.00.00–4.03.00; Monitoramento 1.02.00, 1.05.00, 1.06.00` */
export function versionsLabel(versions: readonly string[]): string {
  const tiss = versions.filter((v) => v.startsWith('4.'));
  const mon = versions.filter((v) => v.startsWith('1.'));
  return [tiss.length ? (tiss.length > 2 ? `${tiss[0]}–${tiss[tiss.length - 1]}` : tiss.join(', ')) : null, mon.length ? `Monitoramento ${mon.join(', ')}` : null].filter(Boolean).join('; ');
}
