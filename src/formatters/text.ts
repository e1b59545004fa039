import { createColors } from 'picocolors';
import type { Finding } from '../findings/finding.js';
import type { ValidationResult } from '../validate/index.js';
import type { FormatterFactory, FormatterOptions } from './types.js';
import { codeFrame, SourceLines } from './utils/code-frame.js';
import { shownFindings } from './utils/shown.js';
import { plural, SEVERITY_WORD } from '../locale/pt-br.js';
import { visible } from './utils/visible.js';
import { glosaWithText } from './utils/glosa.js';


/** Human report in Portuguese: grouped by file, a code frame under each finding, a summary line. */
export const text: FormatterFactory = (options) => {
  const c = createColors(options.color);
  // A blank line before and after each file with findings; valid files one per line.
  let previousWasBlock = false;
  let any = false;
  const separate = (block: boolean): string => {
    const sep = any && (block || previousWasBlock) ? '\n' : '';
    any = true;
    previousWasBlock = block;
    return sep;
  };

  return {
    begin: () => '',
    file(result) {
      const findings = shownFindings(result.findings, options.quiet);
      const name = visible(result.file);
      if (findings.length === 0) {
        return options.quiet ? '' : `${separate(false)}${c.green('✔')} ${c.bold(name)} ${c.dim(describe(result))}\n`;
      }
      // The file's lines are indexed once for all its findings (issue 9, item 10).
      const text = findings.some((f) => f.line !== null) ? options.source(result) : null;
      const source = text === null ? null : new SourceLines(text);
      const lines = [`${result.valid ? c.yellow('⚠') : c.red('✖')} ${c.bold(c.underline(name))} ${c.dim(describe(result))}`];
      for (const f of findings) lines.push(formatFinding(f, source, c, options.glosaText));
      return `${separate(true)}${lines.join('\n')}\n`;
    },
    end(t, unreadable) {
      let out = '';
      for (const u of unreadable) out += `${separate(true)}${c.red('✖')} ${c.bold(visible(u.file))}\n  ${c.red('não lido:')} ${visible(u.reason)}\n`;
      const parts = [plural(t.errors, 'erro', 'erros'), ...(options.quiet ? [] : [plural(t.warnings, 'aviso', 'avisos')])];
      const files = `${plural(t.files, 'arquivo', 'arquivos')}: ${plural(t.valid, 'válido', 'válidos')}, ${plural(t.invalid, 'com erros', 'com erros')}${t.unreadable ? `, ${plural(t.unreadable, 'não lido', 'não lidos')}` : ''}${t.unsupportedVersion ? `, ${t.unsupportedVersion} em versão que nenhum esquema aceita (não conferidos)` : ''}`;
      const icon = t.errors > 0 || t.unreadable > 0 ? c.red('✖') : t.warnings > 0 ? c.yellow('⚠') : c.green('✔');
      return `${out}${any ? '\n' : ''}${icon} ${c.bold(parts.join(' e '))} em ${files}\n`;
    },
  };
};

export function describe(r: ValidationResult): string {
  const m = r.message;
  if (!m) return '';
  // The XSD that checked it, when it is not the declared version's own (receiver's version, nearest one).
  const checkedWith = r.schema && r.schema.reason !== 'own' ? `conferida com o XSD ${r.schema.version}` : null;
  const what = [m.operation ?? m.root, m.version ? `v${m.version}` : null, m.soap ? 'SOAP' : null].filter(Boolean).join(' ') + (checkedWith ? `, ${checkedWith}` : '');
  const guias = m.guias.map((g) => `${g.quantidade} ${g.tipo}`).join(', ');
  return visible(`(${what}${guias ? `; ${guias}` : ''}${r.profile ? `; perfil ${r.profile}` : ''})`);
}

function formatFinding(f: Finding, source: SourceLines | null, c: ReturnType<typeof createColors>, glosaText: FormatterOptions['glosaText']): string {
  const sev = f.severity === 'error' ? c.red(SEVERITY_WORD.error) : f.severity === 'warning' ? c.yellow(SEVERITY_WORD.warning) : c.blue(SEVERITY_WORD.info);
  const where = f.line !== null ? `linha ${f.line}${f.column !== null ? `, coluna ${f.column}` : ''}` : 'arquivo';
  const head = `  ${sev} ${c.dim(where)}  ${c.dim(f.code)}${f.guia ? c.cyan(`  guia ${visible(f.guia)}`) : ''}`;
  const out = [head, `    ${visible(f.message)}`];
  // A generator finding is placed in its input (path); one of the written message's validation also in the XML.
  if (f.path) out.push(c.dim(`    em ${visible(f.path)}${f.xpath ? ` (no XML: ${visible(f.xpath)})` : ''}`));
  else if (f.xpath) out.push(c.dim(`    em ${visible(f.xpath)}`));
  if (source && f.line !== null) {
    const frame = codeFrame(source, f.line, f.column, { gutter: c.dim, marker: f.severity === 'error' ? c.red : c.yellow });
    if (frame) out.push(frame.split('\n').map((l) => `    ${l}`).join('\n'));
  }
  if (f.fix) out.push(`    ${c.green('Como corrigir:')} ${visible(f.fix)}`);
  out.push(...glosaLines(f.glosa, c, glosaText));
  return out.join('\n');
}

/**
 * `glosa provável: 1405 — DATA DE VALIDADE DA SENHA É ANTERIOR A DATA DO ATENDIMENTO`: the Tabela 38 code an
 * operadora would send; several codes (one of them applies) go one per line under the label.
 */
function glosaLines(codes: readonly string[], c: ReturnType<typeof createColors>, glosaText: FormatterOptions['glosaText']): string[] {
  const label = c.magenta('glosa provável:');
  const item = (code: string): string => glosaWithText(code, glosaText);
  if (codes.length === 0) return [];
  if (codes.length === 1) return [`    ${label} ${item(codes[0]!)}`];
  return [`    ${c.magenta('glosa provável (uma destas):')}`, ...codes.map((code) => `      ${item(code)}`)];
}
