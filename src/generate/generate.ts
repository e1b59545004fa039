import { closest, distance } from 'fastest-levenshtein';
import { z } from 'zod';
import type { FindingCode } from '../findings/catalog.js';
import { FindingCollector, sortFindings } from '../findings/collector.js';
import type { Finding } from '../findings/finding.js';
import { tables } from '../tables/index.js';
import { resolveProfile } from '../config/load.js';
import { resolveSchemaRoot, schemaSet } from '../schemas/store.js';
import { removedFrom, schemaFacts, type SchemaFacts } from '../xsd/annotations.js';
import type { ContentModel } from '../xsd/content-model.js';
import { validate, type MessageSummary, type ValidateOptions } from '../validate/index.js';
import { listAllowed } from '../xsd/allowed-values.js';
import { codeMeanings, ContractBuilder } from './contract.js';
import { fixForValue } from './fixes.js';
import { checkGuiaKinds } from './guia-kind.js';
import { DEFAULT_PADRAO, otherTissModels, tissModelFor, type VersionModel } from './model.js';
import { serialize } from './serialize.js';
import { bodies, declAt, DEFAULT_TIPO_TRANSACAO, fieldsAt, jsonPathToString, xpathToJsonPath, type JsonObject } from './shape.js';
import { scalarText } from './scalar.js';

export interface GenerateOptions extends Omit<ValidateOptions, 'file' | 'maxSize'> {
  /** Name of the input, for findings. */
  file?: string;
  /**
   * Fill what the input may leave out of identificacaoTransacao: sequencialTransacao (given, or from
   * the clock), dataRegistroTransacao and horaRegistroTransacao (now).
   */
  fill?: boolean | { sequencialTransacao?: string; now?: Date };
}

/**
 * Node's Buffer for a consumer whose types include Node's (@types/node), else the Uint8Array a Buffer is:
 * the library's declarations then compile without @types/node (a strict consumer needs no skipLibCheck).
 */
export type NodeBuffer = typeof globalThis extends { Buffer: { isBuffer(obj: unknown): obj is infer B } } ? B : Uint8Array;

export interface GenerateResult {
  /** The message, ISO-8859-1, canonical hash; null when anything failed (nothing is to be written). */
  xml: NodeBuffer | null;
  /**
   * Problems found, on the input: `path` is the input's JSON path (`guias[2].procedimentosExecutados[0].valorTotal`);
   * `xpath` is set only on findings of the validation of the written message (its XPath there).
   */
  findings: Finding[];
  valid: boolean;
  /** The epílogo hash written (null when nothing was written). */
  hash: string | null;
  /** What was generated (kind, version, guias), as `validate` describes it; null when nothing was. */
  message: MessageSummary | null;
}

const builders = new WeakMap<ContentModel, ContractBuilder>();
const builderFor = (model: ContentModel): ContractBuilder => {
  let b = builders.get(model);
  if (!b) builders.set(model, (b = new ContractBuilder(model)));
  return b;
};

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Applies what the generator fills: Padrao, tipoTransacao, and (when asked) the rest of identificacaoTransacao. */
function withDefaults(input: JsonObject, fill: GenerateOptions['fill']): JsonObject {
  // Copies only the path it writes to; the caller's object is never changed.
  const cab: JsonObject = { ...((input.cabecalho as JsonObject | undefined) ?? {}) };
  const copy: JsonObject = { ...input, cabecalho: cab };
  cab.Padrao ??= DEFAULT_PADRAO;
  const ident: JsonObject = { ...((cab.identificacaoTransacao as JsonObject | undefined) ?? {}) };
  cab.identificacaoTransacao = ident;
  const tipo = scalarText(copy.tipo);
  if (ident.tipoTransacao === undefined && DEFAULT_TIPO_TRANSACAO[tipo]) ident.tipoTransacao = DEFAULT_TIPO_TRANSACAO[tipo]!;
  if (fill) {
    const now = (typeof fill === 'object' && fill.now) || new Date();
    ident.sequencialTransacao ??= (typeof fill === 'object' && fill.sequencialTransacao) || `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}${pad(now.getHours())}${pad(now.getMinutes())}`;
    ident.dataRegistroTransacao ??= `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
    ident.horaRegistroTransacao ??= `${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`;
  }
  return copy;
}

/** The operadora's registro ANS, where identifyMessage looks for it (destino, origem, cabecalho). */
function registroANSOf(input: JsonObject): string | null {
  const cab = input.cabecalho as JsonObject;
  for (const v of [(cab.destino as JsonObject | undefined)?.registroANS, (cab.origem as JsonObject | undefined)?.registroANS, cab.registroANS]) {
    if (typeof v === 'string' && v.trim()) return v.trim();
  }
  return null;
}

const issuePath = (issue: Issue): (string | number)[] => issue.path.filter((p): p is string | number => typeof p !== 'symbol');

/**
 * For each unknown field, the field it most likely meant (same name but for case, or one or two
 * letters off) among those allowed there: `numeroGuiaPrestado` → `numeroGuiaPrestador`. Also the
 * paths of the required fields so accounted for.
 */
function spellings(issues: Issue[], input: JsonObject, model: ContentModel): { suggestions: Map<string, string>; misspelt: Set<string> } {
  const suggestions = new Map<string, string>();
  const misspelt = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const path = issuePath(issue);
    const allowed = fieldsAt(model, input, path);
    if (!allowed) continue;
    const here = valueAt(input, path) as Record<string, unknown> | undefined;
    const free = allowed.filter((n) => here?.[n] === undefined);
    for (const key of issue.keys) {
      const meant = free.find((n) => n.toLowerCase() === key.toLowerCase()) ?? (key.length >= 4 && free.length > 0 ? closest(key, free) : undefined);
      if (!meant || (meant.toLowerCase() !== key.toLowerCase() && distance(key, meant) > Math.min(3, Math.floor(key.length / 4)))) continue;
      suggestions.set(jsonPathToString([...path, key]), meant);
      misspelt.add(jsonPathToString([...path, meant]));
    }
  }
  return { suggestions, misspelt };
}

/**
 * numeroGuiaPrestador of the guia a JSON path is in (`guias[2]…`), found in its header; looked up once
 * per guia (a guia with 100,000 unknown keys has 100,000 findings: a scan of its keys per finding was
 * quadratic, 20 s for 10,000 keys).
 */
export function guiaNumbers(input: unknown): (jsonPath: unknown) => string | null {
  const cache = new Map<number, string | null>();
  return (jsonPath) => {
    const m = typeof jsonPath === 'string' ? /^guias\[(\d+)\]/.exec(jsonPath) : null;
    if (!m) return null;
    const index = Number(m[1]);
    let n = cache.get(index);
    if (n === undefined) cache.set(index, (n = guiaNumberOf(valueAt(input, ['guias', index]))));
    return n;
  };
}

function guiaNumberOf(guia: unknown): string | null {
  if (!guia || typeof guia !== 'object') return null;
  for (const v of [guia, ...(Object.values(guia) as unknown[])]) {
    const n = v && typeof v === 'object' ? (v as Record<string, unknown>).numeroGuiaPrestador : undefined;
    if (typeof n === 'string' || typeof n === 'number') return String(n);
  }
  return null;
}

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  let cur = root;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[p];
  }
  return cur;
}

type Issue = z.core.$ZodIssue;

/** Reports the contract's issues as findings on the input's paths, in Portuguese. */
function reportIssues(issues: Issue[], input: JsonObject, chosen: VersionModel, out: FindingCollector, skipGuias: Set<number>, schemas: string | undefined): void {
  const { model, version } = chosen;
  const { suggestions, misspelt } = spellings(issues, input, model);
  // What an unknown field may be instead, worked out once per object (an object with 100,000 unknown keys
  // is one issue): a field another version has there (centroConsumo is 4.03.00's), or one the ANS took out
  // and left in the XSD as a "retirado na versão" comment (nomeBeneficiario).
  let others: VersionModel[] | undefined;
  let facts: SchemaFacts | undefined;
  const unknownAt = (path: (string | number)[]) => {
    // Both only when a key needs them (a misspelling with a suggestion needs neither).
    let fieldsElsewhere: { version: string; fields: Set<string> }[] | undefined;
    let enclosing: (string | null)[] | undefined;
    const enclosingTypes = (): (string | null)[] => {
      const types: (string | null)[] = [];
      for (let i = path.length; i >= 1; i--) {
        const type = declAt(model, input, path.slice(0, i))?.type();
        types.push(type?.kind === 'complex' ? type.name : null);
      }
      return types;
    };
    return {
      versionsWith: (key: string): string[] =>
        (fieldsElsewhere ??= (others ??= otherTissModels(version, schemas)).map((o) => ({ version: o.version.version, fields: new Set(fieldsAt(o.model, input, path) ?? []) })))
          .filter((o) => o.fields.has(key))
          .map((o) => o.version),
      removedIn: (key: string): string | null => removedFrom((facts ??= schemaFacts(schemaSet(resolveSchemaRoot(schemas), version))), key, (enclosing ??= enclosingTypes())),
    };
  };
  for (const issue of issues) {
    const path = issuePath(issue);
    if (path[0] === 'guias' && typeof path[1] === 'number' && skipGuias.has(path[1])) continue;
    if (path.length === 1 && path[0] === 'tipoGuia' && (input).tipoGuia === undefined) continue;
    const at = jsonPathToString(path);
    const params = (issue as { params?: { tiss?: string; allowed?: string[]; type?: string | null; options?: string[]; fix?: string } }).params;
    const base = { path: at, data: { issue: issue.code } as Record<string, unknown> };
    let code: FindingCode = 'TISS-GEN-VALOR';
    let message = issue.message;
    let fix: string | null = null;
    if (issue.code === 'unrecognized_keys') {
      const here = unknownAt(path);
      for (const key of issue.keys) {
        const where = jsonPathToString([...path, key]);
        const meant = suggestions.get(where);
        const elsewhere = meant ? [] : here.versionsWith(key);
        const removed = meant || elsewhere.length ? null : here.removedIn(key);
        out.report('TISS-GEN-CAMPO-DESCONHECIDO', {
          message: `${where}: o campo "${key}" não existe neste ponto da mensagem TISS ${version.version}${meant ? ` (você quis dizer "${meant}"?)` : elsewhere.length ? ` (existe na versão ${elsewhere.join(', ')})` : removed ? ` (foi retirado do padrão na versão ${removed})` : ''}.`,
          path: where,
          fix: removed
            ? `Remova "${key}" (retirado na versão ${removed}).`
            : meant
            ? `Renomeie "${key}" para "${meant}".`
            : elsewhere.length
              ? `Retire "${key}", ou gere a mensagem na versão ${elsewhere[elsewhere.length - 1]} ("Padrao" em cabecalho), se a operadora a recebe.`
              : 'Confira o nome (igual ao elemento do XSD, com maiúsculas e minúsculas) e o nível em que o campo está; veja o JSON Schema do contrato (tiss generate --json-schema).',
          data: { field: key, suggestion: meant ?? null, versions: elsewhere },
        });
      }
      continue;
    }
    // A required field "missing" because it was misspelt is reported once, as the misspelling.
    if (misspelt.has(jsonPathToString(path))) continue;
    if (issue.code === 'invalid_union') {
      const inner = (issue as { errors?: Issue[][] }).errors?.flat()[0];
      if (inner) message = inner.message;
    }
    if (valueAt(input, path) === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_union' || params?.tiss === 'required')) {
      code = 'TISS-GEN-CAMPO-AUSENTE';
      message = params?.tiss === 'required' ? issue.message : 'campo obrigatório ausente';
      // A missing code says which codes there are, listed as validate lists them for a wrong one.
      const type = declAt(model, input, path)?.type();
      const codes = type?.kind === 'simple' && type.facets.enumeration ? { allowed: type.facets.enumeration, ...codeMeanings(type.name) } : null;
      if (codes) {
        const tabela = codes.table ? ` (tabela ${codes.table.table} — ${codes.table.name})` : '';
        message = `campo obrigatório ausente${tabela}; valores permitidos: ${listAllowed(codes.allowed, codes.meanings)}`;
        base.data.allowed = codes.allowed;
      }
      fix = /^cabecalho\.identificacaoTransacao(\.(sequencialTransacao|dataRegistroTransacao|horaRegistroTransacao))?$/.test(at)
        ? `Preencha ${at}, ou peça ao gerador que preencha a identificação da transação (tiss generate --fill; na biblioteca, fill: true).`
        : at === 'cabecalho.identificacaoTransacao.tipoTransacao'
          ? `Informe o tipoTransacao: para ${scalarText(input.tipo)} ele não pode ser deduzido (valores em dm_tipoTransacao).`
          : codes
            ? `Preencha ${at} com um dos códigos${codes.table ? ` da tabela ${codes.table.table} (tiss tabela ${codes.table.table})` : ''}: ${listAllowed(codes.allowed, codes.meanings)}.`
            : `Preencha ${at}.`;
    } else if (params?.tiss === 'choice' || params?.tiss === 'choice-missing') {
      code = 'TISS-GEN-ESCOLHA';
      fix = params.tiss === 'choice' ? 'Deixe só uma das alternativas.' : 'Preencha uma das alternativas.';
    } else if ((issue.code === 'too_big' || issue.code === 'too_small') && (issue as { origin?: string }).origin === 'array') {
      code = 'TISS-GEN-QUANTIDADE';
      fix = issue.code === 'too_big' ? 'Divida em mais de um lote / remova as ocorrências a mais.' : 'Inclua ao menos uma ocorrência.';
    } else if (params?.fix) {
      fix = params.fix;
    } else if (params?.tiss === 'enum' || /não permitido/.test(message)) {
      const table = params?.type ? tables.forXsdType(params.type)?.table : /\(tabela (\d+) /.exec(message)?.[1];
      fix = table ? `Use um código da tabela ${table} (veja: tiss tabela ${table}).` : 'Use um dos códigos permitidos.';
    }
    if (!fix && code === 'TISS-GEN-VALOR') {
      const type = declAt(model, input, path)?.type();
      if (type?.kind === 'simple') fix = fixForValue(type, valueAt(input, path));
    }
    out.report(code, { message: `${at}: ${message}.`.replace(/\.\.$/, '.'), ...base, fix });
  }
}

/**
 * Builds a TISS 4.00.00 message from its JSON description (see shape.ts): checks the input against
 * the contract, writes the elements in XSD order, computes the canonical hash, then validates the
 * result (XSD, rules, hash). Any error: no xml, and the findings point at the input's paths.
 */
export function generate(input: unknown, options: GenerateOptions = {}): GenerateResult {
  const file = options.file ?? '<entrada>';
  const out = new FindingCollector(file);
  const done = (xml: Buffer | null, hash: string | null = null, message: MessageSummary | null = null): GenerateResult => {
    const guiaAt = guiaNumbers(input);
    const findings = sortFindings(out.findings.map((f) => (f.guia ? f : { ...f, guia: guiaAt(f.path) })));
    const valid = !findings.some((f) => f.severity === 'error');
    return valid && xml ? { xml, findings, valid, hash, message } : { xml: null, findings, valid, hash: null, message: null };
  };

  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    out.report('TISS-GEN-ENTRADA', { message: 'A entrada deve ser um objeto JSON com "tipo", "cabecalho" e os campos da mensagem.', fix: 'Veja os exemplos em samples/generate/.' });
    return done(null);
  }
  // The version comes from the input's cabecalho.Padrao (default: the reference 4.00.00).
  const padrao = ((input as JsonObject).cabecalho as JsonObject | undefined)?.Padrao ?? DEFAULT_PADRAO;
  const chosen = tissModelFor(scalarText(padrao), options.schemas);
  if (typeof chosen === 'string') {
    out.report('TISS-GEN-VALOR', {
      message: `cabecalho.Padrao: ${chosen}.`,
      path: 'cabecalho.Padrao',
      fix: `Informe uma versão em vigor, ex.: "Padrao": "4.03.00" (ou deixe sem Padrao para ${DEFAULT_PADRAO}).`,
    });
    return done(null);
  }
  const { model } = chosen;
  const tipo = (input as JsonObject).tipo;
  const known = bodies(model);
  if (typeof tipo !== 'string' || !known.has(tipo)) {
    out.report('TISS-GEN-ENTRADA', {
      message: `"tipo" deve dizer que mensagem gerar${typeof tipo === 'string' ? ` ("${tipo}" não existe)` : ''}: ${[...known.keys()].join(', ')}.`,
      path: 'tipo',
      fix: 'Ex.: "tipo": "loteGuias" com "tipoGuia": "guiaSP-SADT" e "guias": [ … ].',
    });
    return done(null);
  }

  const prepared = withDefaults(input as JsonObject, options.fill);
  const contract = builderFor(model).root(tipo, typeof prepared.tipoGuia === 'string' ? prepared.tipoGuia : undefined, Boolean(options.fill));
  const wrongKind = checkGuiaKinds(model, prepared, out);
  const checked = contract.safeParse(prepared, { error: z.locales.ptBR().localeError });
  if (!checked.success || out.findings.length > 0) {
    if (!checked.success) reportIssues(checked.error.issues, prepared, chosen, out, wrongKind, options.schemas);
    return done(null);
  }

  // The hash over the bytes the operadora expects: --hash-encoding, else the profile's (by registro ANS).
  const hashEncoding = options.hashEncoding ?? resolveProfile(options.config, options.profile, registroANSOf(prepared)).hashEncoding;
  const { text, digest } = serialize(model, prepared, hashEncoding);
  const xml = Buffer.from(text, 'latin1');
  const result = validate(xml, { ...options, file });
  for (const f of result.findings) {
    // The generator computed the hash itself; "cannot check it" only repeats the TISS-ENC-OUTSIDE-LATIN1 finding.
    if (f.code === 'TISS-HASH-UNVERIFIABLE') continue;
    const mapped = f.xpath ? xpathToJsonPath(model, f.xpath) : null;
    const jsonPath = mapped ? jsonPathToString(mapped) : null;
    const shown = jsonPath && mapped!.length > 0 ? jsonPath : null;
    // The XPath stays the written message's; the place in the input is the path (the XML line is kept in data.line).
    out.findings.push({ ...f, ...(shown ? { path: shown } : {}), data: { ...(f.data ?? {}), line: f.line }, line: null, column: null, message: shown ? `${shown}: ${f.message}` : f.message });
  }
  return done(xml, digest, result.message);
}
