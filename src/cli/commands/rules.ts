import { PACKAGE_ROOT } from '../../package-root.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Argv } from 'yargs';
import { TissError } from '../../errors.js';
import { codeFrame } from '../../formatters/utils/code-frame.js';
import { RULES, findRule } from '../../rules/catalog.js';
import { showPlaceholders } from '../../rules/messages.js';
import { requirementNote } from '../rule-requirement.js';
import { scopeOf, type Rule } from '../../rules/types.js';
import { validate } from '../../validate/index.js';
import { versionsLabel } from '../../rules/versions.js';
import { SEVERITY_WORD } from '../../locale/pt-br.js';
import { ruleGlosa } from '../../rules/glosas.js';
import { glosaText } from '../../codes.js';
import { glosaWithText } from '../../formatters/utils/glosa.js';

interface RulesArgs {
  id?: string;
  format: 'text' | 'json';
}

const ROOT = PACKAGE_ROOT;

export function rulesCommand(y: Argv): Argv {
  return y.command<RulesArgs>(
    'rules [id]',
    'Lista as regras condicionais, ou explica uma regra com exemplo que passa e que falha',
    (c) =>
      c
        .positional('id', { type: 'string', describe: 'Id da regra (ex.: TISS-R-CNES-SOLIC-SPSADT)' })
        .option('format', { alias: 'f', choices: ['text', 'json'] as const, default: 'text' as const })
        .example('$0 rules', 'Todas as regras: id, severidade, onde se aplica, fonte')
        .example('$0 rules TISS-R-CNES-SOLIC-SPSADT', 'Explica uma regra'),
    (args) => {
      if (!args.id) {
        if (args.format === 'json') {
          process.stdout.write(`${JSON.stringify(RULES.map((r) => r.meta), null, 2)}\n`);
          return;
        }
        const width = Math.max(...RULES.map((r) => r.meta.id.length));
        const pad = ' '.repeat(width + 2);
        const lines = RULES.map((r) => {
          const note = requirementNote(r.meta);
          return `${r.meta.id.padEnd(width)}  ${SEVERITY_WORD[r.meta.severity].padEnd(5)}  ${r.meta.source.origin.padEnd(9)}  ${r.meta.title}\n${pad}aplica-se a: ${scopeOf(r.meta).join(', ')}\n${pad}versões: ${versionsLabel(r.meta.versions)}${note ? `\n${pad}${note}` : ''}`;
        });
        process.stdout.write(`${lines.join('\n')}\n\n${RULES.length} regras. Detalhes: tiss rules <id>\n`);
        return;
      }
      const rule = findRule(args.id);
      if (!rule) throw new TissError(`Regra desconhecida: ${args.id}.`, 'Use "tiss rules" para ver a lista.');
      if (args.format === 'json') {
        process.stdout.write(`${JSON.stringify(rule.meta, null, 2)}\n`);
        return;
      }
      process.stdout.write(explain(rule));
    },
  );
}

function explain(rule: Rule): string {
  const m = rule.meta;
  const out = [
    `${m.id} — ${m.title}`,
    '',
    `Severidade padrão: ${SEVERITY_WORD[m.severity]}`,
    `Aplica-se a: ${scopeOf(m).join(', ')}`,
    `Versões: ${versionsLabel(m.versions)}`,
    ...glosaLines(ruleGlosa(m)),
    '',
    m.description,
    ...(requirementNote(m) ? ['', requirementNote(m)!] : []),
    '',
    'Mensagens que a regra pode dar («…»: o que cada achado informa):',
    ...messageLines(m.messages, m.fixes),
    '',
    `Fonte (${m.source.origin === 'PRIMARY' ? 'ANS, mudanças da 4.00.00' : m.source.origin === 'SECONDARY' ? 'transcrição de legenda da ANS por terceiros' : 'conferência de consistência'}): ${m.source.reference}`,
    `  "${m.source.text}"`,
  ];
  const fail = frameFor(rule, m.examples.fail, true);
  const pass = frameFor(rule, m.examples.pass, false);
  out.push('', `Exemplo que falha (${m.examples.fail}):`, fail, '', `Exemplo que passa (${m.examples.pass}):`, pass, '');
  return `${out.join('\n')}\n`;
}

/**
 * Every message of the rule with its fix, placeholders shown as «name»; a text two messages share (they
 * differ in the fix only) is shown once, with each fix.
 */
function messageLines(messages: Readonly<Record<string, string>>, fixes: Readonly<Record<string, string>>): string[] {
  const byText = new Map<string, string[]>();
  for (const [id, text] of Object.entries(messages)) {
    const list = byText.get(text) ?? [];
    const fix = fixes[id];
    if (fix !== undefined && !list.includes(fix)) list.push(fix);
    byText.set(text, list);
  }
  return [...byText].flatMap(([text, list]) => [`  - ${showPlaceholders(text)}`, ...list.map((fix) => `    Como corrigir: ${showPlaceholders(fix)}`)]);
}

/** `Glosa provável: 1206 — CPF / CNPJ INVÁLIDO` (Tabela 38), one line per code; nothing when the rule has none. */
function glosaLines(codes: readonly string[]): string[] {
  return codes.map((code, i) => `${i === 0 ? (codes.length > 1 ? 'Glosa provável (uma destas): ' : 'Glosa provável: ') : '  '}${glosaWithText(code, glosaText)}`);
}

function frameFor(rule: Rule, file: string, failing: boolean): string {
  const path = join(ROOT, file);
  let source: string;
  try {
    source = readFileSync(path, 'latin1');
  } catch {
    return '  (amostra não encontrada)';
  }
  const result = validate(Buffer.from(source, 'latin1'), { file, rules: Object.fromEntries(RULES.map((r) => [r.meta.id, r === rule ? r.meta.severity : 'off'])) });
  const finding = result.findings.find((f) => f.code === rule.meta.id);
  if (failing) {
    if (!finding) return requirementNote(rule.meta)?.startsWith('Sem ') ? '  (sem a tabela instalada a amostra não aciona a regra)' : '  (a amostra não aciona a regra)';
    return `  ${finding.message}\n${indent(codeFrame(source, finding.line ?? 1, finding.column, undefined, 2))}`;
  }
  const line = lineOfXPath(source, rule.meta.examples.failAt.xpath);
  return `  ${finding ? 'ATENÇÃO: a amostra aciona a regra' : 'Nenhum achado desta regra.'}\n${line ? indent(codeFrame(source, line, null, undefined, 2)) : ''}`;
}

/** Line of the first element matching the local names of an XPath (positions ignored), for showing context. */
function lineOfXPath(source: string, xpath: string): number | null {
  const last = xpath.split('/').pop()?.replace(/\[\d+\]$/, '');
  if (!last) return null;
  const m = new RegExp(`<(?:\\w+:)?${last.replace(/[-]/g, '\\-')}[\\s>/]`).exec(source);
  return m ? source.slice(0, m.index).split('\n').length : null;
}

function indent(s: string): string {
  return s
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}
