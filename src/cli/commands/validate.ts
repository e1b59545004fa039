import { readFileSync } from 'node:fs';
import type { Argv } from 'yargs';
import { runBatch } from '../../batch/run.js';
import { batchOptions, prepareBatch, protectedPaths, type BatchArgs } from '../batch-setup.js';
import { printConfig } from '../print-config.js';
import { TissError } from '../../errors.js';
import { FORMATTERS, type FormatName } from '../../formatters/index.js';
import { addResult, emptyTotals, type Unreadable } from '../../formatters/totals.js';
import type { HashEncoding } from '../../hash/canonical.js';
import { XSD_ENGINES, type ValidationResult, type XsdEngine } from '../../validate/index.js';
import { TOOL } from '../../version.js';
import { codeDescriptors, glosaText } from '../../codes.js';
import { decode, type Decoding } from '../../xml/encoding.js';
import { STDIN } from '../inputs.js';
import { parseInteger, parseSchemaVersion, useColor } from '../options.js';
import { fileSink, stdoutSink, type Sink } from '../output.js';
import { refuseOutputOntoInput } from '../../io/output-target.js';
import { createProgress } from '../progress.js';
import { visible } from '../../formatters/utils/visible.js';

export interface ValidateArgs extends BatchArgs {
  format: FormatName;
  output?: string;
  quiet: boolean;
  'max-warnings'?: string;
  'hash-encoding'?: HashEncoding;
  'schema-version'?: string;
  engine?: XsdEngine;
  color?: boolean;
  progress?: boolean;
}

export function validateCommand(y: Argv): Argv {
  return y.command<ValidateArgs>(
    'validate <entradas..>',
    'Valida mensagens TISS: XSD oficial, encoding, hash do epílogo e regras condicionais',
    (c) =>
      batchOptions(
        c
          .positional('entradas', { describe: 'Arquivos, pastas (recursivo, *.xml), padrões glob ou - (entrada padrão)', type: 'string', array: true })
          .option('format', { alias: 'f', choices: Object.keys(FORMATTERS) as FormatName[], default: 'text', describe: 'Formato do relatório' })
          .option('output', { alias: 'o', type: 'string', describe: 'Grava o relatório neste arquivo (escrita atômica) em vez da saída padrão' })
          .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Mostra só os erros (sem avisos)' }),
      )
        .option('max-warnings', { type: 'string', requiresArg: true, describe: 'Sai com 1 se houver mais avisos que isto, número inteiro (como no ESLint)' })
        .option('hash-encoding', { choices: ['iso-8859-1', 'utf-8'] as HashEncoding[], describe: 'Bytes do hash (padrão: ISO-8859-1, ou o do perfil)' })
        .option('schema-version', { type: 'string', requiresArg: true, describe: 'Confere toda mensagem com o XSD desta versão (a de quem recebe, ex.: 4.03.00), se ela aceitar a versão declarada (padrão: a versão declarada, ou o schemaVersion do perfil)' })
        .option('engine', { choices: XSD_ENGINES as XsdEngine[], describe: 'Motor do XSD: compiled (padrão: o esquema compilado, sem WebAssembly) ou libxml2 (a implementação de referência); também TISS_ENGINE' })
        .option('color', { type: 'boolean', describe: 'Cores no texto (padrão: só em terminal, e nunca com NO_COLOR)' })
        .option('progress', { type: 'boolean', describe: 'Progresso em stderr: barra num terminal; fora dele, uma linha simples por segundo no máximo e uma ao final (padrão: só em terminal, fora de CI, no formato texto)' })
        .example('$0 validate lote.xml', 'Valida um arquivo e mostra os problemas em português')
        .example('$0 validate recebidos/', 'Valida todos os .xml de uma pasta (e subpastas), em paralelo')
        .example('$0 validate -f json -o relatorio.json lotes/', 'Relatório JSON para sistemas')
        .example('$0 validate -f sarif -o tiss.sarif lotes/', 'SARIF 2.1.0 para code scanning')
        .example('$0 validate -f junit lotes/ > junit.xml', 'JUnit para o servidor de CI')
        .example('$0 validate --profile operadora-x lote.xml', 'Aplica o perfil de uma operadora (tiss.config.json)')
        .example('$0 validate --schema-version 4.03.00 recebidos/', 'Operadora na 4.03.00: confere cada lote com o XSD da 4.03.00')
        .example('cat lote.xml | $0 validate -', 'Lê da entrada padrão')
        .example('$0 validate --print-config lote.xml', 'Mostra a configuração, o perfil e as regras que valem para o arquivo')
        .epilog('Saída: 0 = nenhum erro; 1 = há erros (ou avisos acima de --max-warnings); 2 = uso incorreto, arquivo ilegível, configuração inválida ou esquemas não instalados; 3 = algum arquivo declara uma versão do padrão que nenhum esquema aceita (não foi conferido).'),
    async (args) => {
      process.exitCode = await runValidate(args);
    },
  );
}

export async function runValidate(args: ValidateArgs): Promise<number> {
  if (args['print-config']) return printConfig(args);
  // Every option is checked before any file is read: a typo is exit 2, never "0 arquivos" and exit 0.
  const maxWarnings = args['max-warnings'] === undefined ? undefined : parseInteger(args['max-warnings'], '--max-warnings');
  const schemaVersion = parseSchemaVersion(args['schema-version']);
  const batch = await prepareBatch(args);
  const { files, skipped, unreadable: unlisted, rawPaths, stdinBytes } = batch;
  if (skipped.length > 0) process.stderr.write(`nota: ${skipped.length} arquivo(s) que não são .xml foram ignorados (ex.: ${visible(skipped[0]!)}).\n`);

  const formatter = FORMATTERS[args.format];
  if (!formatter) throw new TissError(`Formato desconhecido: ${args.format}`);
  const source = (r: ValidationResult): string | null => {
    try {
      const bytes = r.file === STDIN ? stdinBytes : readFileSync(rawPaths.get(r.file) ?? r.file);
      return bytes ? decode(bytes, (r.encoding?.read ?? 'latin1') as Decoding) : null;
    } catch {
      return null;
    }
  };
  const color = args.output ? false : useColor(args.color, args.format);
  const out = formatter({ quiet: args.quiet, color, source, tool: TOOL, codes: codeDescriptors(), glosaText, cwd: process.cwd() });
  if (args.output) refuseOutputOntoInput(args.output, protectedPaths(batch));
  const sink: Sink = args.output ? fileSink(args.output) : stdoutSink();
  const showProgress = args.progress ?? (Boolean(process.stderr.isTTY) && !process.env.CI && !args.quiet && args.format === 'text' && !args.output && files.length > 1);
  const progress = showProgress ? createProgress(files.length) : null;
  // On a terminal the bar is cleared before a report's text is written, and redrawn after; it is stopped
  // (cleared for good) before the summary, and on failure before the error message.
  const show = (text: string): void => {
    if (!text) return;
    if (progress) progress.print(() => sink.write(text));
    else sink.write(text);
  };

  const totals = emptyTotals();
  const unreadable: Unreadable[] = [...unlisted];
  try {
    show(out.begin());
    await runBatch(
      batch.inputs,
      {
        schemas: args.schemas,
        maxSize: batch.maxSize,
        maxMemory: batch.maxMemory,
        ...(args['hash-encoding'] ? { hashEncoding: args['hash-encoding'] } : {}),
        ...(schemaVersion ? { schemaVersion } : {}),
        ...(args.engine ? { engine: args.engine } : {}),
        ...(args.profile ? { profile: args.profile } : {}),
      },
      { jobs: batch.jobs },
      (o) => {
        if (o.kind === 'unreadable') {
          unreadable.push({ file: o.file, reason: o.reason });
          progress?.tick(true);
          return;
        }
        if (o.kind !== 'result') return;
        addResult(totals, o.result);
        progress?.tick(!o.result.valid);
        show(out.file(o.result));
      },
    );
    progress?.stop();
    totals.unreadable = unreadable.length;
    totals.files += unreadable.length;
    sink.write(out.end(totals, unreadable));
    sink.close();
  } catch (e) {
    progress?.stop();
    sink.abort();
    throw e;
  }

  if (unreadable.length > 0) return 2;
  // Given inputs but checked none: never a success.
  if (totals.files === 0) throw new TissError('Nenhum arquivo foi conferido.', 'Confira os caminhos e padrões indicados.');
  // A file that declares a version no schema accepts was not checked: CI must tell it from an invalid one.
  if (totals.unsupportedVersion > 0) return 3;
  if (totals.errors > 0 || totals.invalid > 0) return 1;
  if (maxWarnings !== undefined && totals.warnings > maxWarnings) {
    process.stderr.write(`tiss: ${totals.warnings} avisos, acima do máximo de ${maxWarnings} (--max-warnings).\n`);
    return 1;
  }
  return 0;
}
