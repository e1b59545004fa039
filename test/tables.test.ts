import { describe, expect, it } from 'vitest';
import { checkTables, tables } from '../src/tables/index.js';
import { resolveSchemaRoot } from '../src/schemas/store.js';
import { tiss } from './helpers.js';

/** Issue 10: terminology tables per version, from each version's XSD. */
describe('tables per version', () => {
  it('every table agrees with the enumeration of every installed version that uses it', () => {
    expect(() => checkTables(resolveSchemaRoot())).not.toThrow();
    expect(tables.get(38).xsd.map((x) => x.version)).toEqual(['4.00.00', '4.00.01', '4.01.00', '4.03.00', 'monitoramento-1.02.00', 'monitoramento-1.06.00']);
  });

  it('Tabela 38 grows: 3167–3168 in 4.01.00, 3169–3312 in 4.03.00, 5063–5086 in Monitoramento 1.06.00', () => {
    const codes = (v: string): Set<string> => new Set(tables.get(38, v).codes.map((c) => c.code));
    expect(codes('4.00.00').has('3167')).toBe(false);
    expect(codes('4.01.00').has('3167')).toBe(true);
    expect(codes('4.01.00').has('3169')).toBe(false);
    expect(codes('4.03.00').has('3312')).toBe(true);
    expect(codes('4.03.00').has('5063')).toBe(false);
    expect(codes('1.06.00').has('5086')).toBe(true);
    expect(codes('1.02.00').has('5063')).toBe(false);
    // Every code has its Portuguese text, the new ones too.
    expect(tables.lookup(38, '3170', '4.03.00')?.description).toBe('ASSINATURA/CARIMBO DO PROFISSIONAL SOLICITANTE INEXISTENTE');
    expect(tables.get(38).codes.filter((c) => c.description === null)).toEqual([]);
  });

  it('Tabela 80: the CAdES/PAdES formats exist from 4.00.01', () => {
    expect(tables.get(80, '4.00.00').codes.map((c) => c.code)).toEqual(['01', '02', '03', '04']);
    expect(tables.get(80, '4.00.01').codes.map((c) => c.code)).toContain('09');
  });

  it('a version that does not use a table, or an unknown one, is a clear error', () => {
    expect(() => tables.get(75, '1.06.00')).toThrow(/não é usada pela versão monitoramento-1\.06\.00/);
    expect(() => tables.get(38, '9.9.9')).toThrow(/Versão desconhecida/);
  });

  it('tiss tabela --versao: the codes of that version, and where a missing one exists', () => {
    expect(tiss(['tabela', '38', '--versao', '4.01.00']).stdout).toMatch(/625 códigos na versão 4\.01\.00/);
    const missing = tiss(['tabela', '38', '3170', '--versao', '4.01.00']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/não existe na tabela 38 da versão 4\.01\.00; existe em: 4\.03\.00, monitoramento-1\.06\.00/);
    expect(tiss(['tabela', '38', '3170']).stdout).toMatch(/só nas versões: 4\.03\.00, monitoramento-1\.06\.00/);
    const list = tiss(['tabela', '--versao', '1.06.00']).stdout;
    expect(list).not.toMatch(/Cobertura especial/);
    expect(list).toMatch(/Modelo de remuneração/);
  });
});
