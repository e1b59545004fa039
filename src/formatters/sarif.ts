import { relative, sep } from 'node:path';
import type * as Sarif from 'sarif';
import { CODES } from '../findings/catalog.js';
import { RULES } from '../rules/catalog.js';
import type { FormatterFactory } from './types.js';
import { shownFindings } from './utils/summary.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;
const INFO_URI = 'https://github.com/tiss/tiss#finding-codes';

/** Every code the tool can report, as SARIF rules with help text (engine codes, then conditional rules). */
function sarifRules(): Sarif.ReportingDescriptor[] {
  const engine = Object.entries(CODES).map(([id, info]) => ({
    id,
    name: id.replace(/^TISS-/, '').toLowerCase().replace(/-(\w)/g, (_m, c: string) => c.toUpperCase()),
    shortDescription: { text: info.title },
    fullDescription: { text: info.title },
    defaultConfiguration: { level: LEVEL[info.severity] },
    helpUri: INFO_URI,
    help: { text: `${info.title}. Veja a tabela de códigos no README do tiss.` },
    properties: { source: info.source },
  }));
  const rules = RULES.map((r) => ({
    id: r.meta.id,
    name: r.meta.id.replace(/^TISS-R-/, '').toLowerCase().replace(/-(\w)/g, (_m, c: string) => c.toUpperCase()),
    shortDescription: { text: r.meta.title },
    fullDescription: { text: r.meta.description },
    defaultConfiguration: { level: LEVEL[r.meta.severity] },
    help: { text: `${r.meta.description}\nFonte: ${r.meta.source.reference} — "${r.meta.source.text}"` },
    properties: { origin: r.meta.source.origin, appliesTo: r.meta.appliesTo },
  }));
  return [...engine, ...rules];
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
            tool: { driver: { name: options.tool.name, version: options.tool.version, informationUri: INFO_URI, rules: sarifRules() } },
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
          ...(f.guia || f.detail ? { properties: { ...(f.guia ? { guia: f.guia } : {}), ...(f.detail ? { detail: f.detail } : {}) } } : {}),
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
