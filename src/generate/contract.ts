import { z } from 'zod';
import { TissError } from '../errors.js';
import { tables } from '../tables/index.js';
import { CONTRACTS } from './contract-names.js';
import { tissModel } from './model.js';

export { CONTRACTS };
import { listAllowed, meantValue } from '../xsd/allowed-values.js';
import { childDecl, elementDecls, type ComplexDef, type ContentModel, type ElementDecl, type GroupParticle, type SimpleDef } from '../xsd/content-model.js';
import { BASE64_PATTERN, choiceJsonSchema, DATETIME_PATTERN, DECIMAL_PATTERN, INTEGER_PATTERN, simpleJsonSchema, TIME_PATTERN, type ChoiceBranch } from './json-schema.js';
import { bodies, complexOf, DEFAULT_TIPO_TRANSACAO, guiaKinds, isCollapsed, LOTE } from './shape.js';
import { scalarText } from './scalar.js';

/**
 * Input contracts, built with zod from the XSD content model (never a hand-written copy of the
 * schema): names, nesting, required fields, choices, repetitions and every simple type's facets.
 * Their JSON Schema lets editors complete the input files.
 */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DECIMAL = new RegExp(DECIMAL_PATTERN);
const INTEGER = new RegExp(INTEGER_PATTERN);
/** Characters XML 1.0 cannot carry at all (control characters, lone surrogates, U+FFFE/U+FFFF). */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const INTEGER_BASES = new Set(['integer', 'int', 'long', 'short', 'nonNegativeInteger', 'positiveInteger']);
const MAX = (n: number): number => (n === Infinity ? Number.MAX_SAFE_INTEGER : n);

function isRealDate(s: string): boolean {
  const [y, m, d] = s.split('-').map(Number);
  const date = new Date(Date.UTC(y!, m! - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m! - 1 && date.getUTCDate() === d;
}

function digits(s: string): { total: number; fraction: number } {
  const [int = '', frac = ''] = s.replace(/^[+-]/, '').split('.');
  const f = frac.replace(/0+$/, '');
  const i = int.replace(/^0+/, '');
  return { total: i.length + f.length || 1, fraction: f.length };
}

/** The text a simple value is written as: numbers with the type's decimals, booleans as true/false. */
export function formatSimple(value: unknown, type: SimpleDef): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return type.base === 'decimal' ? value.toFixed(type.facets.fractionDigits ?? 2) : String(value);
  return scalarText(value);
}

/**
 * Why a number given for a field would not be written as the value meant, or null (issue 9, item 14):
 * past 2^53 a JavaScript number has already lost digits (12345678901234567 arrives as …568); a number
 * String() writes in exponent form (1e21 → "1e+21") is no TISS value; a decimal with more places than
 * the field keeps would be rounded by toFixed without a word. Text keeps every digit, so text is the fix.
 */
function numberLoss(n: number, type: SimpleDef): string | null {
  if (!Number.isFinite(n)) return `${String(n)} não é um número`;
  if (/e/i.test(String(n))) return `o número ${String(n)} seria escrito em notação científica; escreva-o por extenso, como texto entre aspas`;
  if (Number.isInteger(n) && !Number.isSafeInteger(n)) return `o número ${String(n)} passa de 2^53 e já perdeu dígitos ao ser lido; escreva-o como texto, entre aspas`;
  if (type.base === 'decimal') {
    const places = type.facets.fractionDigits ?? 2;
    if (Number(n.toFixed(places)) !== n) return `${String(n)} tem mais de ${places} casas decimais e seria arredondado para ${n.toFixed(places)}`;
  }
  return null;
}

/** The meanings of an enumerated type's codes (its terminology table's), for messages. */
export function codeMeanings(typeName: string | null): { table: ReturnType<typeof tables.forXsdType>; meanings: Map<string, string> | undefined } {
  const table = typeName ? tables.forXsdType(typeName) : undefined;
  return { table, meanings: table ? new Map(table.codes.filter((c) => c.description).map((c) => [c.code, c.description!])) : undefined };
}

/** "código X não permitido (tabela 76 — Regime de atendimento); valores permitidos: 01 (Ambulatorial); …", listed as validate lists them. */
function enumMessage(value: string, allowed: string[], typeName: string | null, meant: string | null): string {
  const { table, meanings } = codeMeanings(typeName);
  return `código "${value}" não permitido${table ? ` (tabela ${table.table} — ${table.name})` : ''}${meant ? `: você quis dizer "${meant}"? Valores permitidos` : '; valores permitidos'}: ${listAllowed(allowed, meanings)}`;
}

/** Bases whose values are JSON strings only (text and codes): a number there is refused with the text to write. */
const NUMERIC_BASES = new Set(['decimal', 'boolean', ...INTEGER_BASES]);

function simpleSchema(type: SimpleDef): z.ZodType {
  const f = type.facets;
  let base: z.ZodType;
  switch (type.base) {
    case 'decimal':
      base = z.union([z.number().finite(), z.string().regex(DECIMAL, 'número decimal com ponto, ex.: 150.00')]);
      break;
    case 'integer':
    case 'int':
    case 'long':
    case 'short':
    case 'nonNegativeInteger':
    case 'positiveInteger':
      base = z.union([z.number().int('número inteiro'), z.string().regex(INTEGER, 'número inteiro')]);
      break;
    case 'date':
      base = z.string().superRefine((v, ctx) => {
        if (!ISO_DATE.test(v)) ctx.addIssue({ code: 'custom', message: `"${v}" não é uma data no formato AAAA-MM-DD (ex.: 2026-03-15)` });
        else if (!isRealDate(v)) ctx.addIssue({ code: 'custom', message: `${v} não é uma data que existe` });
      });
      break;
    case 'time':
      base = z.string().regex(new RegExp(TIME_PATTERN), 'hora no formato HH:MM:SS, de 00:00:00 a 23:59:59 (ex.: 14:30:00)');
      break;
    case 'dateTime':
      base = z.string().regex(new RegExp(DATETIME_PATTERN), 'data e hora no formato AAAA-MM-DDTHH:MM:SS');
      break;
    case 'boolean':
      base = z.union([z.boolean(), z.enum(['true', 'false'])]);
      break;
    case 'base64Binary':
      base = z.string().regex(new RegExp(BASE64_PATTERN), 'conteúdo em base64');
      break;
    default:
      // Text and codes are JSON strings. A number is let through here only to be refused below with
      // the text to write instead (5 → "05" where the table has 05), not with zod's "expected string".
      base = z.union([z.string(), z.number()]);
  }
  const checked = base.superRefine((raw, ctx) => {
    const lost = typeof raw === 'number' ? numberLoss(raw, type) : null;
    if (lost) {
      ctx.addIssue({ code: 'custom', message: lost, params: { tiss: 'number' } });
      return;
    }
    if (typeof raw === 'number' && !NUMERIC_BASES.has(type.base)) {
      const text = String(raw);
      const meant = f.enumeration ? (f.enumeration.includes(text) ? text : meantValue(raw, f.enumeration)) : text;
      if (meant !== null) {
        ctx.addIssue({
          code: 'custom',
          message: `${f.enumeration ? 'o código' : 'o valor'} ${text} deve ser escrito como texto, entre aspas: "${meant}"`,
          params: { tiss: 'as-text', fix: `Escreva "${meant}" (entre aspas).` },
        });
      } else {
        ctx.addIssue({ code: 'custom', message: enumMessage(text, f.enumeration!, type.name, null), params: { tiss: 'enum', allowed: f.enumeration, type: type.name } });
      }
      return;
    }
    const v = formatSimple(raw, type);
    const bad = NOT_XML.exec(v);
    if (bad) {
      const cp = bad[0].codePointAt(0)!;
      ctx.addIssue({ code: 'custom', message: `o caractere U+${cp.toString(16).toUpperCase().padStart(4, '0')} (posição ${bad.index + 1}) não é permitido em XML`, params: { tiss: 'char' } });
      return;
    }
    if (f.enumeration && !f.enumeration.includes(v)) {
      const meant = meantValue(v, f.enumeration);
      ctx.addIssue({ code: 'custom', message: enumMessage(v, f.enumeration, type.name, meant), params: { tiss: 'enum', allowed: f.enumeration, type: type.name, ...(meant ? { fix: `Use "${meant}".` } : {}) } });
      return;
    }
    if (f.pattern && !f.pattern.every((p) => new RegExp(`^(?:${p})$`, 'u').test(v))) ctx.addIssue({ code: 'custom', message: `"${v}" fora do formato exigido (${f.pattern.join(' e ')})`, params: { tiss: 'pattern' } });
    const len = [...v].length;
    if (f.length !== undefined && len !== f.length) ctx.addIssue({ code: 'custom', message: `deve ter exatamente ${f.length} caracteres (tem ${len})`, params: { tiss: 'length' } });
    if (f.minLength !== undefined && len < f.minLength) ctx.addIssue({ code: 'custom', message: len === 0 ? 'não pode ficar vazio' : `deve ter ao menos ${f.minLength} caracteres (tem ${len})`, params: { tiss: 'length' } });
    if (f.maxLength !== undefined && len > f.maxLength) ctx.addIssue({ code: 'custom', message: `deve ter no máximo ${f.maxLength} caracteres (tem ${len})`, params: { tiss: 'length' } });
    if ((f.totalDigits !== undefined || f.fractionDigits !== undefined) && DECIMAL.test(v)) {
      const d = digits(v);
      if (f.fractionDigits !== undefined && d.fraction > f.fractionDigits) ctx.addIssue({ code: 'custom', message: `no máximo ${f.fractionDigits} casas decimais`, params: { tiss: 'digits' } });
      if (f.totalDigits !== undefined && d.total > f.totalDigits) ctx.addIssue({ code: 'custom', message: `no máximo ${f.totalDigits} dígitos`, params: { tiss: 'digits' } });
    }
    if (f.minInclusive !== undefined && type.base === 'date' && v < f.minInclusive) ctx.addIssue({ code: 'custom', message: `não pode ser anterior a ${f.minInclusive}`, params: { tiss: 'range' } });
  });
  return checked;
}

/** What a simple type accepts, in Portuguese, for editors (JSON Schema description). */
function describeSimple(type: SimpleDef): Record<string, unknown> {
  const f = type.facets;
  const table = type.name ? tables.forXsdType(type.name) : undefined;
  const size = f.length !== undefined ? `${f.length} caracteres` : f.maxLength !== undefined ? `${f.minLength ?? 0} a ${f.maxLength} caracteres` : null;
  let what: string;
  const extra: Record<string, unknown> = {};
  if (f.enumeration) what = table ? `código da tabela ${table.table} — ${table.name}` : `um destes códigos: ${f.enumeration.filter((v) => v).slice(0, 30).join(', ')}`;
  else if (type.base === 'date') {
    what = 'data AAAA-MM-DD';
    extra.format = 'date';
  } else if (type.base === 'time') what = 'hora HH:MM:SS';
  else if (type.base === 'decimal') what = `número decimal com ponto${f.fractionDigits !== undefined ? `, até ${f.fractionDigits} casas` : ''}${f.totalDigits !== undefined ? `, até ${f.totalDigits} dígitos` : ''}`;
  else if (INTEGER_BASES.has(type.base)) what = 'número inteiro';
  else if (f.pattern) what = `texto no formato ${f.pattern.join(' e ')}`;
  else what = `texto${size ? ` de ${size}` : ''}`;
  return { description: `${type.name ? `${type.name}: ` : ''}${what}`, ...extra };
}

/** Whether a particle may be left out altogether (a choice with such an alternative may be empty). */
function emptiable(p: GroupParticle | GroupParticle['particles'][number]): boolean {
  if (p.kind === 'element') return p.decl.min === 0;
  if (p.min === 0) return true;
  return p.kind === 'sequence' ? p.particles.every(emptiable) : p.particles.some(emptiable);
}

/** The element names a particle requires once it is there (a sequence's mandatory elements, recursively). */
function requiredIn(p: GroupParticle['particles'][number]): string[] {
  if (p.kind === 'element') return p.decl.min > 0 ? [p.decl.name] : [];
  if (p.kind === 'choice' || p.min === 0) return [];
  return p.particles.flatMap(requiredIn);
}

/** An XSD choice as the contract checks it (and the JSON Schema says it): its alternatives, and whether none may be given. */
interface Choice {
  branches: ChoiceBranch[];
  emptiable: boolean;
}

interface ShapeOptions {
  omit?: string[];
  /** Fields made optional (the generator fills them). */
  optional?: string[];
  replace?: Record<string, z.ZodType>;
}

export class ContractBuilder {
  private readonly cache = new Map<ComplexDef, z.ZodType>();
  private readonly simples = new Map<SimpleDef, z.ZodType>();
  /** Names and descriptions of the named XSD types, for the JSON Schema ($defs named ct_…/st_…). */
  readonly registry = z.registry<{ id?: string; description?: string; format?: string }>();
  /** The simple type and the choices behind each zod schema built, for the JSON Schema (exportJsonSchema). */
  private readonly simpleOf = new Map<z.ZodType, SimpleDef>();
  private readonly choicesOf = new Map<z.ZodType, Choice[]>();

  constructor(private readonly model: ContentModel) {}

  private simple(type: SimpleDef): z.ZodType {
    let s = this.simples.get(type);
    if (!s) {
      s = simpleSchema(type);
      this.simples.set(type, s);
      this.simpleOf.set(s, type);
      this.registry.add(s, { ...(type.name && !this.registry._idmap.has(type.name) ? { id: type.name } : {}), ...describeSimple(type) });
    }
    return s;
  }

  /** Schema of the value of one element (arrays for collapsed containers). */
  value(decl: ElementDecl): z.ZodType {
    const type = decl.type();
    if (type.kind === 'opaque') return z.never({ error: `<${decl.name}> não é suportado pelo gerador` });
    const item = isCollapsed(decl);
    if (item) return z.array(this.single(item)).min(item.min).max(MAX(item.max));
    return this.single(decl);
  }

  private single(decl: ElementDecl): z.ZodType {
    const type = decl.type();
    if (type.kind === 'simple') return this.simple(type);
    if (type.kind === 'opaque') return z.never({ error: `<${decl.name}> não é suportado pelo gerador` });
    let s = this.cache.get(type);
    if (!s) {
      // Lazy: the message types are large and share many types; build each once, on first use.
      let built: z.ZodType | undefined;
      s = z.lazy(() => (built ??= this.object(type)));
      this.cache.set(type, s);
      if (type.name && !this.registry._idmap.has(type.name)) this.registry.add(s, { id: type.name });
    }
    return s;
  }

  /** A complex type as a strict object; each choice checked (one alternative) after the shape. */
  object(type: ComplexDef, opts: ShapeOptions = {}, extra: Record<string, z.ZodType> = {}): z.ZodType {
    const shape: Record<string, z.ZodType> = {};
    const choices: Choice[] = [];
    const walk = (g: GroupParticle, optionalGroup: boolean): void => {
      if (g.kind === 'choice') {
        const branches = g.particles
          .map((p) => ({ names: elementDecls(p).map((d) => d.name).filter((n) => !opts.omit?.includes(n)), required: requiredIn(p).filter((n) => !opts.omit?.includes(n)) }))
          .filter((b) => b.names.length > 0);
        if (branches.length > 0) choices.push({ branches, emptiable: emptiable(g) });
      }
      for (const p of g.particles) {
        if (p.kind !== 'element') {
          walk(p, optionalGroup || g.kind === 'choice');
          continue;
        }
        const d = p.decl;
        if (opts.omit?.includes(d.name)) continue;
        let s = opts.replace?.[d.name] ?? (d.max > 1 && !isCollapsed(d) ? z.array(this.single(d)).min(d.min).max(MAX(d.max)) : this.value(d));
        if (d.min === 0 || optionalGroup || g.kind === 'choice' || opts.optional?.includes(d.name)) s = s.optional();
        shape[d.name] = s;
      }
    };
    walk(type.content, false);
    if (choices.length === 0) return z.strictObject({ ...shape, ...extra });
    // Checked even when some field is wrong (`when`), so all problems are reported at once.
    const choiceCheck = z.superRefine<Record<string, unknown>>((value, ctx) => {
      for (const choice of choices) {
        const names = choice.branches.map((b) => b.names);
        const present = names.filter((n) => n.some((x) => value[x] !== undefined));
        if (present.length > 1) {
          ctx.addIssue({ code: 'custom', message: `informe só um entre: ${names.map((b) => b.join(' + ')).join(', ')}`, params: { tiss: 'choice', options: names.flat() } });
        } else if (present.length === 0 && !choice.emptiable) {
          ctx.addIssue({ code: 'custom', message: `informe um entre: ${names.map((b) => b.join(' + ')).join(', ')}`, params: { tiss: 'choice-missing', options: names.flat() } });
        }
      }
    }, { when: (payload) => payload.value !== null && typeof payload.value === 'object' && !Array.isArray(payload.value) });
    const object = z.strictObject({ ...shape, ...extra }).check(choiceCheck);
    this.choicesOf.set(object, choices);
    return object;
  }

  /**
   * The JSON Schema of a contract built here: zod's export, with each leaf replaced by the schema of
   * what its simple type accepts and each choice added as a `oneOf` (json-schema.ts), which zod cannot
   * export from the refinements that check them.
   */
  toJsonSchema(schema: z.ZodType): Record<string, unknown> {
    return z.toJSONSchema(schema, {
      metadata: this.registry,
      io: 'input',
      unrepresentable: 'any',
      reused: 'inline',
      cycles: 'ref',
      override: ({ zodSchema, jsonSchema }) => {
        const out = jsonSchema as Record<string, unknown>;
        const simple = this.simpleOf.get(zodSchema as unknown as z.ZodType);
        if (simple) {
          const { description, $ref } = out;
          for (const k of Object.keys(out)) delete out[k];
          if ($ref !== undefined) out.$ref = $ref;
          else Object.assign(out, description !== undefined ? { description } : {}, simpleJsonSchema(simple));
        }
        const choices = this.choicesOf.get(zodSchema as unknown as z.ZodType);
        if (choices && choices.length > 0 && out.$ref === undefined) {
          const each = choices.map((c) => choiceJsonSchema(c.branches, c.emptiable));
          if (each.length === 1) Object.assign(out, each[0]);
          else out.allOf = each;
        }
      },
    });
  }

  /**
   * The contract of a whole input: `tipo`, `cabecalho` (Padrao and the identificação da transação may
   * be left to the generator) and the body's fields; a lote has `tipoGuia` and `guias` (1 to 100).
   */
  root(tipo: string, tipoGuia?: string, filled = false): z.ZodType {
    const root = complexOf(this.model.element('mensagemTISS')!)!;
    const cab = complexOf(childDecl(root, 'cabecalho')!)!;
    const ident = complexOf(childDecl(cab, 'identificacaoTransacao')!)!;
    // tipoTransacao and Padrao have defaults; the rest of identificacaoTransacao only when the generator fills it.
    // Padrao picked this content model (generate/model.ts); its XSD type (dm_versao) checks the value.
    const FILLED = ['sequencialTransacao', 'dataRegistroTransacao', 'horaRegistroTransacao'];
    const cabecalho = this.object(cab, {
      optional: filled ? ['identificacaoTransacao', 'Padrao'] : ['Padrao'],
      replace: {
        identificacaoTransacao: this.object(ident, { optional: [...(DEFAULT_TIPO_TRANSACAO[tipo] ? ['tipoTransacao'] : []), ...(filled ? FILLED : [])] }),
      },
    });
    const body = bodies(this.model).get(tipo);
    const head = { $schema: z.string().optional(), tipo: z.literal(tipo), cabecalho };
    if (!body) return z.never({ error: `tipo de mensagem desconhecido: ${tipo}` });
    const bodyType = complexOf(body.decl);
    if (!bodyType) return z.strictObject(head);
    let schema: z.ZodType;
    if (tipo === LOTE) {
      const kinds = guiaKinds(this.model);
      const kind = tipoGuia ? kinds.get(tipoGuia) : undefined;
      const guias = kind ? z.array(this.single(kind)).min(1, 'o lote precisa de ao menos uma guia').max(kind.max === Infinity ? 100 : kind.max, `um lote tem no máximo ${kind.max} guias`) : z.array(z.unknown());
      schema = this.object(bodyType, { omit: ['guiasTISS'] }, { ...head, tipoGuia: kind ? z.literal(kind.name) : z.enum([...kinds.keys()] as [string, ...string[]]), guias });
    } else {
      schema = this.object(bodyType, {}, head);
    }
    return schema;
  }
}

/** JSON Schema of one of the CONTRACTS, for editors (`tiss generate --json-schema lote-sp-sadt`). */
export function contractJsonSchema(name: string, options: { schemas?: string; model?: ContentModel; version?: string } = {}): Record<string, unknown> {
  const c = CONTRACTS[name];
  if (!c) throw new TissError(`Contrato desconhecido: "${name}".`, `Contratos: ${Object.keys(CONTRACTS).join(', ')}.`);
  const builder = new ContractBuilder(options.model ?? tissModel(options.schemas, options.version));
  // As permissive as --fill: the identificação da transação may be left to the generator.
  const schema = builder.root(c.tipo, c.tipoGuia, true);
  const json = builder.toJsonSchema(schema);
  return { $schema: json.$schema, title: c.title, ...json };
}
