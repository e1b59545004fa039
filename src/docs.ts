import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installTabelas } from './terminology/store.js';
import { CODES } from './findings/catalog.js';
import { PACKAGE_ROOT } from './package-root.js';
import { RULES } from './rules/catalog.js';
import { scopeOf, type Rule } from './rules/types.js';
import { ruleGlosa } from './rules/glosas.js';
import { GLOSA_FIELDS } from './xsd/glosa.js';
import { validate } from './validate/index.js';
import { versionsLabel } from './rules/versions.js';
import { tables } from './tables/index.js';
import { SEVERITY_WORD } from './locale/pt-br.js';

/**
 * The README tables that are generated from the catalogues (`npm run docs` writes them between
 * markers; a test fails when README is stale).
 */

const glosaCell = (codes: readonly string[]): string => codes.join(', ') || '—';

export function codesTable(): string {
  const rows = Object.entries(CODES).map(([code, i]) => `| \`${code}\` | ${SEVERITY_WORD[i.severity]} | ${i.source} | ${i.title} | ${glosaCell('glosa' in i ? i.glosa : [])}${code.startsWith('TISS-XSD-') && fieldSpecific(code) ? ' (or the field\'s)' : ''} |`);
  return ['| code | severity | source | meaning | glosa |', '|---|---|---|---|---|', ...rows].join('\n');
}

/** Whether an XSD code can take a field's own glosa (src/xsd/glosa.ts). */
function fieldSpecific(code: string): boolean {
  return code !== 'TISS-XSD-UNEXPECTED-ELEMENT' && code !== 'TISS-XSD-TEXT-NOT-ALLOWED' && code !== 'TISS-XSD-ATTRIBUTE' && code !== 'TISS-XSD-OTHER';
}

export function rulesTable(): string {
  const rows = RULES.map((r) => `| \`${r.meta.id}\` | ${SEVERITY_WORD[r.meta.severity]} | ${r.meta.source.origin} | ${r.meta.title}${r.meta.requires === 'tabela22' ? ' (só com a Tabela 22 instalada: sem ela, nada é conferido)' : ''} | ${scopeOf(r.meta).join('; ')} | ${versionsLabel(r.meta.versions)} | ${glosaCell(ruleGlosa(r.meta))} | ${r.meta.source.reference} |`);
  return ['| rule | severity | origin | what | applies to | versions | glosa | source |', '|---|---|---|---|---|---|---|---|', ...rows].join('\n');
}

/**
 * Every Tabela 38 code a finding can carry, quoted with its text, the versions whose table has it (when not
 * all) and what hands it out: engine codes, XSD errors on a field, rules.
 */
export function glosasTable(): string {
  const users = new Map<string, string[]>();
  const add = (code: string, who: string): void => {
    const list = users.get(code) ?? [];
    if (!list.includes(who)) list.push(who);
    users.set(code, list);
  };
  for (const [code, info] of Object.entries(CODES)) for (const g of 'glosa' in info ? info.glosa : []) add(g, `\`${code}\``);
  for (const [field, list] of Object.entries(GLOSA_FIELDS.invalid)) for (const g of list) add(g, `XSD: \`${field}\` inválido`);
  for (const g of GLOSA_FIELDS.invalid.conselhoProfissional ?? []) add(g, 'XSD: `UF` do conselho inválida');
  for (const [field, list] of Object.entries(GLOSA_FIELDS.missing)) for (const g of list) add(g, `XSD: \`${field}\` ausente`);
  for (const g of GLOSA_FIELDS.tooManyGuias) add(g, 'XSD: mais de 100 guias');
  for (const r of RULES) for (const g of ruleGlosa(r.meta)) add(g, `\`${r.meta.id}\``);
  const t38 = tables.get(38);
  const rows = [...users.keys()].sort().map((code) => {
    const entry = t38.codes.find((c) => c.code === code);
    return `| ${code} | ${entry?.description?.trim() ?? '?'} | ${entry?.versions ? entry.versions.join(', ') : 'all'} | ${users.get(code)!.join(', ')} |`;
  });
  return ['| glosa | Tabela 38 text | versions | given by |', '|---|---|---|---|', ...rows].join('\n');
}

export function tablesTable(): string {
  const rows = tables.list().map((t) => `| ${t.table} | ${t.name} | ${t.codes.length} | ${t.xsd.map((x) => `\`${x.type}\` (${x.version})`).join(', ')} |`);
  return ['| table | name | codes | XSD type checked at load |', '|---|---|---|---|', ...rows].join('\n');
}

export function ruleSamplesTable(): string {
  const rows = RULES.map((r) => `| \`${r.meta.id}\` | \`${r.meta.examples.fail.replace(/^samples\//, '')}\` (linha ${failingLine(r)}) | \`${r.meta.examples.pass.replace(/^samples\//, '')}\` | ${r.meta.title} |`);
  return ['| regra | amostra que falha | amostra que passa | o que a regra confere |', '|---|---|---|---|', ...rows].join('\n');
}

/**
 * The Tabela 22 the docs run the TUSS rule with: the public 202511 copy beside the project
 * (`../shared/tuss/22`, see its README), installed once into a temporary folder; null without it.
 */
export const SHARED_TUSS22 = join(PACKAGE_ROOT, '..', 'shared', 'tuss', '22', 'tuss22-202511.json');
let tabelasForDocs: string | null | undefined;
function docsTabelas(): string | null {
  if (tabelasForDocs === undefined) {
    tabelasForDocs = existsSync(SHARED_TUSS22) ? mkdtempSync(join(tmpdir(), 'tiss-docs-tabelas-')) : null;
    if (tabelasForDocs) {
      const dir = tabelasForDocs;
      process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
      installTabelas(SHARED_TUSS22, { storeDir: dir });
    }
  }
  return tabelasForDocs;
}

/** Line of the rule's first finding on its failing sample (that rule alone), as the sample is today. */
function failingLine(rule: Rule): number | string {
  const file = rule.meta.examples.fail;
  const rules = Object.fromEntries(RULES.map((r) => [r.meta.id, r === rule ? r.meta.severity : 'off'] as const));
  const tabelas = rule.meta.requires === 'tabela22' ? docsTabelas() : null;
  if (rule.meta.requires === 'tabela22' && !tabelas) return '? — requer a Tabela 22 instalada';
  const finding = validate(readFileSync(join(PACKAGE_ROOT, file)), { file, rules, ...(tabelas ? { tabelas } : {}) }).findings.find((f) => f.code === rule.meta.id);
  return finding?.line ?? '?';
}

export const GENERATED: Record<string, () => string> = { codes: codesTable, rules: rulesTable, glosas: glosasTable, tables: tablesTable, 'rule-samples': ruleSamplesTable };

/** Replaces each `<!-- generated:NAME -->…<!-- /generated:NAME -->` block with the current table. */
export function regenerate(readme: string): string {
  let out = readme;
  for (const [name, make] of Object.entries(GENERATED)) {
    const re = new RegExp(`(<!-- generated:${name} -->)[\\s\\S]*?(<!-- /generated:${name} -->)`);
    out = out.replace(re, (_m, open: string, close: string) => `${open}\n${make()}\n${close}`);
  }
  return out;
}
