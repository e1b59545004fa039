import { relative, sep } from 'node:path';
import type * as Sarif from 'sarif';
import type { CodeDescriptor } from '../codes.js';
import type { FormatterFactory, ToolInfo } from './types.js';
import { shownFindings } from './utils/shown.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/** Every code the tool can report, as SARIF rules with help text (engine codes, then conditional rules). */
function sarifRules(codes: readonly CodeDescriptor[], tool: ToolInfo): Sarif.ReportingDescriptor[] {
  const helpUri = tool.informationUri ? `${tool.informationUri.replace(/#.*$/, '')}#finding-codes` : undefined;
  return codes.map((c) => ({
    id: c.id,
    name: c.id.replace(/^TISS-(R-)?/, '').toLowerCase().replace(/-(\w)/g, (_m, ch: string) => ch.toUpperCase()),
    shortDescription: { text: c.title },
    fullDescription: { text: c.description },
    defaultConfiguration: { level: LEVEL[c.severity] },
    ...(helpUri ? { helpUri } : {}),
    help: { text: c.rule ? `${c.description}\nFonte: ${c.rule.reference} — "${c.rule.text}"` : `${c.title}. Veja a tabela de códigos no README do tiss.` },
    properties: { ...(c.rule ? { origin: c.origin, appliesTo: [...c.rule.appliesTo] } : { source: c.origin }), ...(c.glosa?.length ? { glosa: [...c.glosa] } : {}) },
  }));
}

/**
 * SARIF 2.1.0 (OASIS), what code-scanning tools read to show findings inline: rules = finding codes
 * with help text; results with a physical location (file, line, column) and the XPath as a logical
 * location. Streamed: the results array is written as files are validated.
 */
export const sarif: FormatterFactory = (options) => {
  let count = 0;
  const uri = (file: string): string => (file === '<stdin>' ? 'stdin' : relative(options.cwd, file).split(sep).join('/'));
  return {
    begin() {
      const head: Sarif.Log = {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [
          {
            tool: { driver: { name: options.tool.name, version: options.tool.version, ...(options.tool.informationUri ? { informationUri: options.tool.informationUri } : {}), rules: sarifRules(options.codes, options.tool) } },
            columnKind: 'unicodeCodePoints',
            results: [],
          },
        ],
      };
      const text = JSON.stringify(head, null, 2);
      // Open the results array so that results can be appended as they come.
      return `${text.slice(0, text.lastIndexOf('"results": []'))}"results": [`;
    },
    file(r) {
      let out = '';
      for (const f of shownFindings(r.findings, options.quiet)) {
        const region: Sarif.Region = {};
        if (f.line !== null) region.startLine = f.line;
        if (f.line !== null && f.column !== null) region.startColumn = f.column;
        const result: Sarif.Result = {
          ruleId: f.code,
          level: LEVEL[f.severity],
          message: { text: f.fix ? `${f.message} Como corrigir: ${f.fix}` : f.message },
          locations: [
            {
              physicalLocation: { artifactLocation: { uri: uri(r.file) }, ...(f.line !== null ? { region } : {}) },
              ...(f.xpath || f.path
                ? {
                    logicalLocations: [
                      ...(f.path ? [{ fullyQualifiedName: f.path, kind: 'property' }] : []),
                      ...(f.xpath ? [{ fullyQualifiedName: f.xpath, kind: 'element' }] : []),
                    ],
                  }
                : {}),
            },
          ],
          // The Tabela 38 codes on every result (empty when none applies), so a consumer reads one shape.
          properties: { ...(f.guia ? { guia: f.guia } : {}), ...(f.detail ? { detail: f.detail } : {}), glosa: [...f.glosa] },
        };
        out += `${count++ === 0 ? '\n' : ',\n'}${JSON.stringify(result, null, 2).replace(/^/gm, '        ')}`;
      }
      return out;
    },
    end(_totals, unreadable) {
      const notifications = unreadable.map((u) => ({ level: 'error' as const, message: { text: `${u.file}: ${u.reason}` } }));
      const invocation = JSON.stringify([{ executionSuccessful: unreadable.length === 0, toolExecutionNotifications: notifications }], null, 2).replace(/^/gm, '      ').trimStart();
      return `${count > 0 ? '\n      ' : ''}],\n      "invocations": ${invocation}\n    }\n  ]\n}\n`;
    },
  };
};
