import { readFileSync } from 'node:fs';
import type { Argv } from 'yargs';
import { TissError } from '../../errors.js';
import { FORMATTERS, type FormatName } from '../../formatters/index.js';
import type { Report } from '../../formatters/types.js';
import type { HashEncoding } from '../../hash/canonical.js';
import { describeIoError, validate, type ValidationResult } from '../../validate.js';
import { VERSION } from '../../version.js';
import { decode, type Decoding } from '../../xml/encoding.js';
import { expandInputs, readStdin, STDIN } from '../inputs.js';
import { parseSize, useColor } from '../options.js';

export interface ValidateArgs {
  entradas: string[];
  format: FormatName;
  quiet: boolean;
  schemas?: string;
  'hash-encoding': HashEncoding;
  'max-size': string;
  color?: boolean;
}

export function validateCommand(y: Argv): Argv {
  return y.command<ValidateArgs>(
    'validate <entradas..>',
    'Valida mensagens TISS: XSD oficial, encoding e hash do epílogo',
    (c) =>
      c
        .positional('entradas', { describe: 'Arquivos, pastas (recursivo, *.xml), padrões glob ou - (entrada padrão)', type: 'string', array: true })
        .option('format', { alias: 'f', choices: Object.keys(FORMATTERS) as FormatName[], default: 'text' as FormatName, describe: 'Formato do relatório' })
        .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Mostra só os erros (sem avisos)' })
        .option('schemas', { type: 'string', describe: 'Pasta dos XSDs (senão TISS_SCHEMAS_DIR, senão o repositório local)' })
        .option('hash-encoding', { choices: ['iso-8859-1', 'utf-8'] as HashEncoding[], default: 'iso-8859-1' as HashEncoding, describe: 'Bytes sobre os quais o hash é calculado' })
        .option('max-size', { type: 'string', default: '200MB', describe: 'Tamanho máximo de arquivo (ex.: 50MB)' })
        .option('color', { type: 'boolean', describe: 'Cores no texto (padrão: só em terminal, e nunca com NO_COLOR)' })
        .example('$0 validate lote.xml', 'Valida um arquivo e mostra os problemas em português')
        .example('$0 validate recebidos/', 'Valida todos os .xml de uma pasta (e subpastas)')
        .example('$0 validate --format json lotes/*.xml > relatorio.json', 'Relatório JSON para sistemas e pipelines')
        .example('cat lote.xml | $0 validate -', 'Lê da entrada padrão')
        .epilog('Saída: 0 = nenhum erro; 1 = há erros nos arquivos; 2 = uso incorreto, arquivo ilegível ou esquemas não instalados.'),
    async (args) => {
      process.exitCode = await runValidate(args);
    },
  );
}

export async function runValidate(args: ValidateArgs): Promise<number> {
  const files = await expandInputs(args.entradas);
  const maxSize = parseSize(args['max-size']);
  const report: Report = { tool: { name: 'tiss', version: VERSION }, results: [], unreadable: [] };
  const stdinBytes = files.includes(STDIN) ? await readStdin() : null;

  for (const file of files) {
    let bytes: Uint8Array;
    if (file === STDIN) bytes = stdinBytes!;
    else {
      try {
        bytes = readFileSync(file);
      } catch (e) {
        report.unreadable.push({ file, reason: describeIoError(e) });
        continue;
      }
    }
    report.results.push(
      validate(bytes, { file: file, schemas: args.schemas, hashEncoding: args['hash-encoding'], maxSize }),
    );
  }

  const source = (r: ValidationResult): string | null => {
    try {
      const bytes = r.file === STDIN ? stdinBytes : readFileSync(r.file);
      return bytes ? decode(bytes, (r.encoding?.read ?? 'latin1') as Decoding) : null;
    } catch {
      return null;
    }
  };
  const formatter = FORMATTERS[args.format];
  if (!formatter) throw new TissError(`Formato desconhecido: ${args.format}`);
  process.stdout.write(formatter(report, { quiet: args.quiet, color: useColor(args.color, args.format), source }));

  if (report.unreadable.length > 0) return 2;
  return report.results.some((r) => !r.valid) ? 1 : 0;
}
