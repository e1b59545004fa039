import { createRequire } from 'node:module';
import type { create as Create } from 'xmlbuilder2';
import type { Finding } from '../findings/finding.js';
import type { FormatterFactory, FormatterOptions } from './types.js';
import { shownFindings } from './utils/shown.js';
import { xmlVisible } from './utils/visible.js';
import { SEVERITY_WORD } from '../locale/pt-br.js';
import { glosaWithText } from './utils/glosa.js';

/**
 * xmlbuilder2 is loaded the first time a JUnit report is written, not with every command: it is the
 * largest module the CLI would otherwise load at start-up (~25 ms) and only this formatter uses it.
 */
let createFn: typeof Create | undefined;
function create(): ReturnType<typeof Create> {
  createFn ??= (createRequire(import.meta.url)('xmlbuilder2') as { create: typeof Create }).create;
  return createFn();
}

/**
 * JUnit XML (the Jenkins/Ant dialect CI servers read): one <testsuite> per file, one <testcase> per
 * guia (plus one for the file itself: encoding, header, hash), a <failure> listing the error
 * findings of that guia (code, line, message); warnings go to <system-out>.
 */
export const junit: FormatterFactory = (options) => {
  // The root carries the totals (tests, failures, errors, time), so the suites wait for the end: one string
  // per file, not its result. A suite's time is its file's validation time, never the process start-up.
  const suites: string[] = [];
  const total = { tests: 0, failures: 0, errors: 0, ms: 0 };
  return {
    begin: () => '',
    file(r) {
      const findings = shownFindings(r.findings, options.quiet);
      const cases = new Map<string, Finding[]>([['arquivo', []]]);
      for (const n of r.message?.numerosGuia ?? []) cases.set(`guia ${n}`, []);
      for (const f of findings) {
        const key = f.guia ? `guia ${f.guia}` : 'arquivo';
        if (!cases.has(key)) cases.set(key, []);
        cases.get(key)!.push(f);
      }
      const failures = [...cases.values()].filter((list) => list.some((f) => f.severity === 'error')).length;
      // File names and messages may carry control characters (a name with ESC, a field with BEL): XML 1.0
      // cannot hold most of them even as references, so they are written as visible escapes (issue 9, item 2).
      const file = xmlVisible(r.file);
      const suite = create().ele('testsuite', {
        name: file,
        tests: cases.size,
        failures,
        errors: 0,
        skipped: 0,
        time: ((r.elapsedMs ?? 0) / 1000).toFixed(3),
      });
      for (const [name, list] of cases) {
        const tc = suite.ele('testcase', { name: xmlVisible(name), classname: file, time: '0' });
        const errors = list.filter((f) => f.severity === 'error');
        if (errors.length > 0) {
          tc.ele('failure', { message: xmlVisible(`${errors[0]!.code}: ${errors[0]!.message}`), type: errors[0]!.code }).txt(errors.map((f) => line(f, options.glosaText)).join('\n'));
        }
        const others = list.filter((f) => f.severity !== 'error');
        if (others.length > 0) tc.ele('system-out').txt(others.map((f) => line(f, options.glosaText)).join('\n'));
      }
      total.tests += cases.size;
      total.failures += failures;
      total.ms += r.elapsedMs ?? 0;
      suites.push(`${suite.end({ headless: true, prettyPrint: true }).replace(/^/gm, '  ')}\n`);
      return '';
    },
    end(_totals, unreadable) {
      let out = suites.join('');
      for (const u of unreadable) {
        total.tests++;
        total.errors++;
        const name = xmlVisible(u.file);
        const reason = xmlVisible(u.reason);
        const suite = create().ele('testsuite', { name, tests: 1, failures: 0, errors: 1, skipped: 0, time: '0' });
        suite.ele('testcase', { name: 'arquivo', classname: name, time: '0' }).ele('error', { message: reason, type: 'TISS-INPUT-UNREADABLE' }).txt(reason);
        out += `${suite.end({ headless: true, prettyPrint: true }).replace(/^/gm, '  ')}\n`;
      }
      const head = `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="tiss validate" tests="${total.tests}" failures="${total.failures}" errors="${total.errors}" time="${(total.ms / 1000).toFixed(3)}">\n`;
      return `${head}${out}</testsuites>\n`;
    },
  };
};

function line(f: Finding, glosaText: FormatterOptions['glosaText']): string {
  const glosa = f.glosa.length ? ` (glosa provável: ${f.glosa.map((code) => glosaWithText(code, glosaText)).join('; ')})` : '';
  return xmlVisible(`${f.code} ${SEVERITY_WORD[f.severity]}${f.line !== null ? ` linha ${f.line}${f.column !== null ? `:${f.column}` : ''}` : ''}${f.path ? ` ${f.path}` : ''}${f.xpath ? ` ${f.xpath}` : ''}: ${f.message}${glosa}`);
}
