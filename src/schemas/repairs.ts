/**
 * The one place where an official XSD is changed, in memory only: the bytes installed on disk stay the
 * ANS's, verified by their sha256. Each repair names the file, the exact bytes it replaces, and why; it
 * applies only to the file whose sha256 the manifest pins, so a corrected future package is left alone.
 */
export interface Repair {
  versionId: string;
  file: string;
  from: string;
  to: string;
  why: string;
}

export const REPAIRS: readonly Repair[] = [
  {
    versionId: 'monitoramento-1.06.00',
    file: 'tissComplexTypesMonitoramentoV1_06_00.xsd',
    from: '<include schemaLocation="tissSimpleTypesMonitoramentoV1_05_01.xsd"/>',
    to: '<include schemaLocation="tissSimpleTypesMonitoramentoV1_06_00.xsd"/>',
    why:
      'O pacote PadroTISSComunicao_202511 da ANS inclui, no tipo complexo do Monitoramento 1.06.00, o arquivo ' +
      'tissSimpleTypesMonitoramentoV1_05_01.xsd, que não está no pacote: o esquema não compila como publicado. ' +
      'Os tipos simples da 1.06.00 (incluídos também pelo arquivo principal) são os que a própria versão declara.',
  },
];

/** The bytes libxml2 reads for `file` of `versionId`: the installed bytes, repaired where REPAIRS says. */
export function repaired(versionId: string, file: string, bytes: Uint8Array): Uint8Array {
  let out = bytes;
  for (const r of REPAIRS) {
    if (r.versionId !== versionId || r.file !== file) continue;
    const text = Buffer.from(out).toString('latin1');
    if (!text.includes(r.from)) continue;
    out = Buffer.from(text.replace(r.from, r.to), 'latin1');
  }
  return out;
}

/** The repairs and the code that applies them, for the key of a cached schema model (model-cache.ts). */
export function repairsSource(): string {
  return `${JSON.stringify(REPAIRS)}\n${repaired.toString()}`;
}
