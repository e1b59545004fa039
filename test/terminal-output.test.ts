import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XmlDocument } from 'libxml2-wasm';
import { describe, expect, it } from 'vitest';
import { FORMATTERS, type FormatName } from '../src/formatters/index.js';
import type { FormatterOptions, Report } from '../src/formatters/types.js';
import { formatReport } from '../src/formatters/report.js';
import { codeDescriptors } from '../src/codes.js';
import { codeFrame } from '../src/formatters/utils/code-frame.js';
import { visible } from '../src/formatters/utils/visible.js';
import { validate, type ValidationResult } from '../src/validate/index.js';
import { tiss, VALID, tempDir } from './helpers.js';

/**
 * Issue 9, item 2: text from a file (field values, the file's name) never reaches a terminal raw. ESC, OSC,
 * BEL, CSI (also the one-byte C1 CSI, U+009B) and CR could recolour, retitle or rewrite an operadora's
 * terminal, and a newline in a file name could forge a "✔ ok.xml" line. Every human format shows them as
 * visible escapes; every machine format stays well-formed and keeps the exact text.
 */
const lote = readFileSync(join(VALID, 'lote-consulta.xml'), 'latin1');
const latin1 = (s: string): Buffer => Buffer.from(s, 'latin1');

/** ESC and BEL are not XML characters: the file is not well-formed and the code frame shows the raw line. */
const notWellFormed = lote.replace('Helena Araújo Simões', 'Helena\x1b]0;PWNED\x07\x1b[31mX\x1b[2K');
/** C1 CSI (0x9B) is a Latin-1 character XML allows; &#13; and raw CR reach a field's text and a message. */
const wellFormed = lote.replace('<ans:tipoConsulta>1<', '<ans:tipoConsulta>9\x9b2J&#13;\r\rX<').replace('Helena Araújo Simões', 'A\x85B\u00adC');
const FORGED_NAME = 'lote\n✔ ok\x1b[32m.xml';
const sources = new Map<ValidationResult, string>();
const results = [
  validate(latin1(notWellFormed), { file: FORGED_NAME }),
  validate(latin1(wellFormed), { file: 'campo\r\x9b.xml' }),
];
results.forEach((r, i) => sources.set(r, [notWellFormed, wellFormed][i]!));
const report: Report = {
  tool: { name: 'tiss', version: 't' },
  results,
  unreadable: [{ file: 'x\x1b[2J\u202e.xml', reason: 'motivo\x07' }],
};
const optionsFor = (color: boolean): FormatterOptions => ({ quiet: false, color, source: (r) => sources.get(r) ?? null, codes: codeDescriptors(), cwd: '/', tool: report.tool });

/** Control characters a terminal acts on, bidi overrides included; TAB and LF are our own layout. */
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/** Our own colours: SGR sequences only. */
// eslint-disable-next-line no-control-regex
const OUR_SGR = /\u001b\[[0-9;]*m/g;

describe('human formats show control characters from files as visible escapes', () => {
  it('the test inputs do carry the hostile text into findings', () => {
    expect(results[0]!.findings.map((f) => f.code)).toContain('TISS-XML-NOT-WELL-FORMED');
    expect(results[1]!.findings.find((f) => f.code === 'TISS-XSD-ENUMERATION')!.message).toContain('\x9b2J\r\n\nX');
  });

  it.each(['text', 'summary'] as FormatName[])('%s, without colour: no raw control character at all; names cannot forge a line', (name) => {
    const out = formatReport(FORMATTERS[name], report, optionsFor(false));
    expect(out).not.toMatch(RAW_CONTROL);
    expect(out).toContain('lote\\x0a✔ ok\\x1b[32m.xml');
    expect(out).toContain('x\\x1b[2J\\u202e.xml');
    expect(out.split('\n').some((l) => /^\s*✔ ok/.test(l))).toBe(false);
  });

  it('text, with colour: only our SGR colours remain; the file\'s sequences are escaped', () => {
    const out = formatReport(FORMATTERS.text, report, optionsFor(true));
    expect(out).toMatch(OUR_SGR);
    expect(out.replace(OUR_SGR, '')).not.toMatch(RAW_CONTROL);
    // The code frame of the not-well-formed file and the message quoting the field.
    expect(out).toContain('Helena\\x1b]0;PWNED\\x07\\x1b[31mX\\x1b[2K');
    expect(out).toContain("O valor '9\\x9b2J\\x0d\\x0a\\x0aX'");
    expect(out).toContain('A\\x85B\\xadC'.replace('\\xad', '\u00ad'));
  });

  it('a CR-only line end is shown escaped in the code frame, and the caret follows the escapes', () => {
    const frame = codeFrame('<a>\r<b>x\x1by</b>\r</a>', 1, 10);
    expect(frame).not.toMatch(RAW_CONTROL);
    expect(frame).toContain('<a>\\x0d<b>x\\x1by</b>\\x0d</a>');
    const [text, caret] = frame.split('\n');
    // Column 10 is the "y" after ESC: the caret sits under it in the text as shown.
    expect(text![caret!.indexOf('^')]).toBe('y');
  });

  it('visible() leaves accents, our symbols and TAB alone', () => {
    expect(visible('Conceição ✔ ✖ ⚠ a\tb')).toBe('Conceição ✔ ✖ ⚠ a\tb');
    expect(visible('a\u0085b\u009bc\u202ed')).toBe('a\\x85b\\x9bc\\u202ed');
  });
});

describe('machine formats stay well-formed and keep the exact text', () => {
  it('json: parses, with the exact file name and message', () => {
    const body = JSON.parse(formatReport(FORMATTERS.json, report, optionsFor(false)));
    expect(body.files[0].file).toBe(FORGED_NAME);
    expect(body.files[1].findings.find((f: { code: string }) => f.code === 'TISS-XSD-ENUMERATION').message).toContain('\x9b2J\r\n\nX');
    expect(body.unreadable[0].file).toBe('x\x1b[2J\u202e.xml');
  });

  it('sarif: parses; a message keeps its text', () => {
    const log = JSON.parse(formatReport(FORMATTERS.sarif, report, optionsFor(false)));
    const messages = log.runs[0].results.map((r: { message: { text: string } }) => r.message.text);
    expect(messages.some((m: string) => m.includes('\x9b2J'))).toBe(true);
  });

  it('junit: well-formed XML 1.0 (libxml2 parses it), names and messages escaped visibly', () => {
    const out = formatReport(FORMATTERS.junit, report, optionsFor(false));
    const doc = XmlDocument.fromString(out);
    try {
      const names = doc.find('/testsuites/testsuite').map((n) => (n as unknown as { attr(name: string): { value: string } | null }).attr('name')!.value);
      expect(names).toContain('lote\\x0a✔ ok\\x1b[32m.xml');
      expect(names).toContain('x\\x1b[2J\\u202e.xml');
      expect(doc.get('//failure[@type="TISS-XSD-ENUMERATION"]')!.content).toContain('9\\x9b2J\\x0d\\x0a\\x0aX');
    } finally {
      doc.dispose();
    }
  });
});

describe('the CLI: stdout and stderr never carry a file\'s control characters', () => {
  const dir = tempDir('tiss-term-');

  it('validate (text and summary) with a hostile file name and field text', () => {
    const file = join(dir, 'lote\n✔ ok\x1b]0;x\x07.xml');
    writeFileSync(file, latin1(wellFormed));
    for (const format of ['text', 'summary']) {
      const r = tiss(['validate', '-f', format, file, join(dir, 'nao\x1b-existe.xml')]);
      expect(r.status).toBe(2);
      expect(r.stdout).not.toMatch(RAW_CONTROL);
      expect(r.stderr).not.toMatch(RAW_CONTROL);
      expect(r.stdout).toContain('lote\\x0a✔ ok\\x1b]0;x\\x07.xml');
    }
    const report = tiss(['report', file, join(dir, 'nao\x1b-existe.xml')]);
    expect(report.stdout + report.stderr).not.toMatch(RAW_CONTROL);
    expect(report.stderr).toContain('nao\\x1b-existe.xml');
  });

  it('hash --check and --fix: the name and the hash found in the file are escaped', () => {
    const file = join(dir, 'h\x1b[31m.xml');
    writeFileSync(file, latin1(lote.replace(/<ans:hash>[^<]*<\/ans:hash>/, '<ans:hash>abc\x9b2J\r</ans:hash>')));
    for (const args of [['hash', '--check', file], ['hash', '--fix', file], ['hash', file, file]]) {
      const r = tiss(args);
      expect(r.stdout + r.stderr).not.toMatch(RAW_CONTROL);
      expect(r.stdout).toContain('h\\x1b[31m.xml');
    }
  });

  it('a usage error naming a hostile path is escaped on stderr', () => {
    const r = tiss(['validate', '-c', join(dir, 'c\x1b[2J.json'), join(dir, 'x.xml')]);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(RAW_CONTROL);
    expect(r.stderr).toContain('c\\x1b[2J.json');
  });
});
