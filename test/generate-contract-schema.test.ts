import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONTRACTS } from '../src/generate/contract.js';
import { generateFromInput } from '../src/generate/from-input.js';
import { parseInput } from '../src/generate/input.js';
import type { JsonObject } from '../src/generate/shape.js';
import { invalidInput, SEED, validInput } from './generate-arbitraries.js';
import { ROOT, SAMPLES } from './helpers.js';

/**
 * The exported JSON Schemas of the generator's input (schemas/contracts/) accept exactly what
 * `tiss generate` accepts structurally (issue 13): every sample input, every invalid input the
 * generator's tests use, and random inputs of the property tests, through ajv as an editor would.
 *
 * "Structurally" = every reason generate has that is a property of the input's values: unknown or
 * missing fields, types, formats, codes, lengths, digits, choices (oneOf), repetitions, guias of
 * another kind, characters the message cannot carry, and what the XSD says of the written message.
 * Not expressible in JSON Schema, so accepted by the schema and refused by generate only:
 * - the conditional rules (TISS-R-*: CPF check digit, CNES required by another field…) and the
 *   operadora's profile (TISS-PERFIL-*): they relate fields, or need the profile;
 * - the hash (TISS-HASH-*): computed over the whole written message;
 * - a key repeated in one JSON object (TISS-GEN-CAMPO-REPETIDO) and a number whose digits JSON.parse
 *   already lost (the schema sees the number it became, which is refused anyway: text is a string).
 * Two checks need the validator's help, as an editor gives it: `format: "date"` (2026-02-30 does not
 * exist) and `multipleOf` on decimals given as numbers (compared with a tolerance: multipleOfPrecision).
 */
const NOT_EXPRESSIBLE = /^(TISS-R-|TISS-HASH-|TISS-PERFIL-|TISS-GEN-CAMPO-REPETIDO$)/;
const NOW = { now: new Date(2026, 8, 12, 9, 15, 33), sequencialTransacao: '000000101' };

const realDate = (s: string): boolean => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
};
const ajv = new Ajv2020({ strict: false, allErrors: false, multipleOfPrecision: 9 });
ajv.addFormat('date', realDate);

/** The committed schema of the contract an input is for (its tipo/tipoGuia, the version of its Padrao). */
const validators = new Map<string, ReturnType<typeof ajv.compile>>();
function validatorFor(input: JsonObject): ReturnType<typeof ajv.compile> | null {
  // The input's own "$schema" (the samples'), else the contract of its tipo.
  const own = typeof input.$schema === 'string' ? /schemas\/contracts\/(.+)\.schema\.json$/.exec(input.$schema)?.[1] : undefined;
  if (own) return compiled(join(ROOT, 'schemas', 'contracts', `${own}.schema.json`));
  const name = Object.entries(CONTRACTS).find(([, c]) => c.tipo === input.tipo && (c.tipoGuia === undefined || c.tipoGuia === input.tipoGuia))?.[0];
  if (!name) return null;
  const padrao = (input.cabecalho as JsonObject | undefined)?.Padrao;
  const dir = typeof padrao === 'string' && padrao !== '4.00.00' ? join('schemas', 'contracts', padrao) : join('schemas', 'contracts');
  return compiled(join(ROOT, dir, `${name}.schema.json`));
}

function compiled(file: string): ReturnType<typeof ajv.compile> {
  let v = validators.get(file);
  if (!v) validators.set(file, (v = ajv.compile(JSON.parse(readFileSync(file, 'utf8')) as object)));
  return v;
}

/** What generate says of an input (as the CLI, from its text, filling the identificação as the schema allows), and what ajv says. */
function verdicts(text: string, file: string): { generate: boolean; structural: string[]; ajv: boolean | null; errors: string } {
  const r = generateFromInput(Buffer.from(text, 'utf8'), { file, fill: NOW });
  const structural = r.findings.filter((f) => f.severity === 'error' && !NOT_EXPRESSIBLE.test(f.code)).map((f) => `${f.code} ${f.path}: ${f.message}`);
  const { value } = parseInput(text, file);
  const validator = value && typeof value === 'object' ? validatorFor(value as JsonObject) : null;
  const ok = validator ? validator(value) : null;
  return { generate: r.valid, structural, ajv: ok, errors: JSON.stringify(validator?.errors?.slice(0, 3) ?? []) };
}

/** The schema accepts the input exactly when generate finds nothing wrong with it structurally. */
function expectAgreement(text: string, file: string, label = file): void {
  const v = verdicts(text, file);
  if (v.ajv === null) {
    // No contract for it (an unknown tipo, no tipo at all): generate refuses it structurally.
    expect(v.structural.length, label).toBeGreaterThan(0);
    return;
  }
  expect(v.ajv, `${label}\ngenerate: ${v.structural.join('\n') || 'aceita'}\najv: ${v.errors}`).toBe(v.structural.length === 0);
}

const GENERATE = join(SAMPLES, 'generate');
const INVALID = join(GENERATE, 'invalid');

describe('exported JSON Schemas agree with generate', () => {
  it.each(readdirSync(GENERATE).filter((f) => /\.(json|ya?ml)$/.test(f)))('sample %s: both accept it', (file) => {
    const text = readFileSync(join(GENERATE, file), 'utf8');
    const v = verdicts(text, file);
    expect(v.generate).toBe(true);
    expect(v.ajv, v.errors).toBe(true);
  });

  // What each one is refused for, by generate (test/finding-codes.test.ts) and by the schema:
  const EXPECTED: Record<string, 'both' | 'generate only'> = {
    '101-guias.json': 'both', // maxItems 100
    'campo-desconhecido.json': 'both', // additionalProperties: false
    'campo-repetido.json': 'generate only', // a repeated key: JSON.parse keeps the last, the schema sees one
    'carteira-numero.json': 'both', // a number where text goes
    'codigo-tabela.json': 'both', // enum
    'cpf-digito.json': 'generate only', // a conditional rule (CPF check digit)
    'data-formato.json': 'both', // date pattern
    'decimal-virgula.json': 'both', // decimal pattern
    'escolha-dupla.json': 'both', // oneOf
    'fora-latin1.json': 'both', // text pattern: ISO-8859-1 only
    'sem-cnes-consulta.json': 'both', // required
    'sem-cnes-solicitacao.json': 'generate only', // a conditional rule (CNES required by tipoEtapaAutorizacao)
    'sem-tipo.json': 'both', // required tipo
    'tipos-misturados.json': 'both', // items of one guia kind
  };

  it.each(readdirSync(INVALID))('invalid sample %s: refused by generate; by the schema too unless the reason is not expressible', (file) => {
    const text = readFileSync(join(INVALID, file), 'utf8');
    const v = verdicts(text, file);
    expect(v.generate).toBe(false);
    expect(EXPECTED[file], 'listed above').toBeDefined();
    expect(v.ajv, v.structural.join('\n')).toBe(EXPECTED[file] === 'generate only');
    expectAgreement(text, file);
  });

  // The invalid inputs of test/generate.test.ts and the cases of issue 13, as changes to a sample.
  const sadt = readFileSync(join(GENERATE, 'lote-sp-sadt.json'), 'utf8');
  const consulta = readFileSync(join(GENERATE, 'lote-consulta.json'), 'utf8');
  const edit = (text: string, change: (o: JsonObject & { guias: JsonObject[] }) => void): string => {
    const o = JSON.parse(text) as JsonObject & { guias: JsonObject[] };
    change(o);
    return JSON.stringify(o, null, 2);
  };
  const atend = (o: { guias: JsonObject[] }): JsonObject => o.guias[0]!.dadosAtendimento as JsonObject;
  const CASES: [string, string, boolean][] = [
    ['a code as text', consulta, true],
    ['a code as a number that is a code (5 for 05): refused', edit(consulta, (o) => (atend(o).regimeAtendimento = 5)), false],
    ['a code without its zero ("5" for "05")', edit(consulta, (o) => (atend(o).regimeAtendimento = '5')), false],
    ['a code left out', edit(consulta, (o) => delete atend(o).regimeAtendimento), false],
    ['a code in lower case', edit(consulta, (o) => ((o.cabecalho as JsonObject).identificacaoTransacao = { ...((o.cabecalho as JsonObject).identificacaoTransacao as JsonObject), tipoTransacao: 'envio_lote_guias' })), false],
    ['text as a number', edit(consulta, (o) => ((o.guias[0]!.dadosBeneficiario as JsonObject).numeroCarteira = 34665900276615)), false],
    ['a decimal as a number (150.5)', edit(consulta, (o) => (((atend(o).procedimento as JsonObject).valorProcedimento) = 150.5)), true],
    ['a decimal with 3 places as a number', edit(consulta, (o) => (((atend(o).procedimento as JsonObject).valorProcedimento) = 150.129)), false],
    ['a decimal with 3 places as text', edit(consulta, (o) => (((atend(o).procedimento as JsonObject).valorProcedimento) = '150.129')), false],
    ['a decimal with trailing zeros past its places', edit(consulta, (o) => (((atend(o).procedimento as JsonObject).valorProcedimento) = '150.1000')), true],
    ['a decimal with too many digits', edit(consulta, (o) => (((atend(o).procedimento as JsonObject).valorProcedimento) = '123456789012.00')), false],
    ['a number in exponent form', edit(consulta, (o) => (((atend(o).procedimento as JsonObject).valorProcedimento) = 1e21)), false],
    ['a date that does not exist', edit(consulta, (o) => (o.guias[0]!.dataAtendimento = '2026-02-30')), false],
    ['a time past 23:59:59', edit(sadt, (o) => (((o.guias[0]!.procedimentosExecutados as JsonObject[])[0]!).horaInicial = '25:00:00')), false],
    ['a control character', edit(consulta, (o) => (o.guias[0]!.observacao = 'texto\u0007com campainha')), false],
    ['an object where text goes', edit(consulta, (o) => (o.guias[0]!.observacao = { texto: 'x' })), false],
    ['a boolean where text goes', edit(consulta, (o) => (o.guias[0]!.observacao = true)), false],
    ['empty text in a required field', edit(consulta, (o) => ((o.guias[0]!.cabecalhoConsulta as JsonObject).numeroGuiaPrestador = '')), false],
    ['both alternatives of a choice', edit(sadt, (o) => ((((o.guias[0]!.dadosSolicitante as JsonObject).contratadoSolicitante as JsonObject).codigoPrestadorNaOperadora) = '12345')), false],
    ['neither alternative of a choice', edit(sadt, (o) => {
      const c = (o.guias[0]!.dadosSolicitante as JsonObject).contratadoSolicitante as JsonObject;
      for (const k of ['codigoPrestadorNaOperadora', 'cpfContratado', 'cnpjContratado']) delete c[k];
    }), false],
    ['an empty lote', edit(consulta, (o) => (o.guias = [])), false],
    ['a field of another version', edit(sadt, (o) => (((o.guias[0]!.procedimentosExecutados as JsonObject[])[0]!).centroConsumo = '1')), false],
    ['no identificação da transação (filled by --fill)', edit(consulta, (o) => delete (o.cabecalho as JsonObject).identificacaoTransacao), true],
  ];

  it.each(CASES)('%s', (label, text, accepted) => {
    const v = verdicts(text, 'caso.json');
    expect(v.structural.length === 0, v.structural.join('\n')).toBe(accepted);
    expectAgreement(text, 'caso.json', label);
  });

  it('random valid inputs of the property tests: accepted by both', () => {
    for (const input of fc.sample(validInput, { numRuns: 12, seed: SEED })) expectAgreement(JSON.stringify(input), 'valido.json');
  }, 120_000);

  it('random invalid inputs of the property tests: refused by both', () => {
    for (const { input, change } of fc.sample(invalidInput, { numRuns: 80, seed: SEED })) expectAgreement(JSON.stringify(input), 'invalido.json', change);
  }, 120_000);
});
