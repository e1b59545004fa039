import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Argv } from 'yargs';
import { runBatch } from '../../batch/run.js';
import { loadConfig } from '../../config/load.js';
import { TissError } from '../../errors.js';
import { FORMATTERS, type FormatName } from '../../formatters/index.js';
import { addResult, emptyTotals } from '../../formatters/utils/summary.js';
import type { Unreadable } from '../../formatters/types.js';
import type { HashEncoding } from '../../hash/canonical.js';
import type { ValidationResult } from '../../validate.js';
import { VERSION } from '../../version.js';
import { decode, type Decoding } from '../../xml/encoding.js';
import { expandInputs, readStdin, STDIN } from '../inputs.js';
import { parseSize, useColor } from '../options.js';
import { fileSink, stdoutSink, type Sink } from '../output.js';
import { createProgress } from '../progress.js';

export interface ValidateArgs {
  entradas: string[];
  format: FormatName;
  output?: string;
  quiet: boolean;
  jobs?: number;
  config?: string;
  profile?: string;
  'max-warnings'?: number;
  schemas?: string;
  'hash-encoding'?: HashEncoding;
  'max-size': string;
  color?: boolean;
  progress?: boolean;
}

export function validateCommand(y: Argv): Argv {
  return y.command<ValidateArgs>(
    'validate <entradas..>',
    'Valida mensagens TISS: XSD oficial, encoding, hash do epílogo e regras condicionais',
    (c) =>
      c
        .positional('entradas', { describe: 'Arquivos, pastas (recursivo, *.xml), padrões glob ou - (entrada padrão)', type: 'string', array: true })
        .option('format', { alias: 'f', choices: Object.keys(FORMATTERS) as FormatName[], default: 'text' as FormatName, describe: 'Formato do relatório' })
        .option('output', { alias: 'o', type: 'string', describe: 'Grava o relatório neste arquivo (escrita atômica) em vez da saída padrão' })
        .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Mostra só os erros (sem avisos)' })
        .option('jobs', { alias: 'j', type: 'number', describe: `Arquivos validados em paralelo (padrão: ${availableParallelism()}, o número de núcleos)` })
        .option('config', { alias: 'c', type: 'string', describe: 'Arquivo de configuração (padrão: ./tiss.config.json, se existir)' })
        .option('profile', { alias: 'p', type: 'string', describe: 'Perfil de operadora a aplicar (padrão: escolhido pelo registro ANS de destino)' })
        .option('max-warnings', { type: 'number', describe: 'Sai com 1 se houver mais avisos que isto (como no ESLint)' })
        .option('schemas', { type: 'string', describe: 'Pasta dos XSDs (senão TISS_SCHEMAS_DIR, senão o repositório local)' })
        .option('hash-encoding', { choices: ['iso-8859-1', 'utf-8'] as HashEncoding[], describe: 'Bytes do hash (padrão: ISO-8859-1, ou o do perfil)' })
        .option('max-size', { type: 'string', default: '200MB', describe: 'Tamanho máximo de arquivo (ex.: 50MB)' })
        .option('color', { type: 'boolean', describe: 'Cores no texto (padrão: só em terminal, e nunca com NO_COLOR)' })
        .option('progress', { type: 'boolean', describe: 'Barra de progresso em stderr (padrão: só em terminal, fora de CI, no formato texto)' })
        .example('$0 validate lote.xml', 'Valida um arquivo e mostra os problemas em português')
        .example('$0 validate recebidos/', 'Valida todos os .xml de uma pasta (e subpastas), em paralelo')
        .example('$0 validate -f json -o relatorio.json lotes/', 'Relatório JSON para sistemas')
        .example('$0 validate -f sarif -o tiss.sarif lotes/', 'SARIF 2.1.0 para code scanning')
        .example('$0 validate -f junit lotes/ > junit.xml', 'JUnit para o servidor de CI')
        .example('$0 validate --profile operadora-x lote.xml', 'Aplica o perfil de uma operadora (tiss.config.json)')
        .example('cat lote.xml | $0 validate -', 'Lê da entrada padrão')
        .epilog('Saída: 0 = nenhum erro; 1 = há erros (ou avisos acima de --max-warnings); 2 = uso incorreto, arquivo ilegível, configuração inválida ou esquemas não instalados.'),
    async (args) => {
      process.exitCode = await runValidate(args);
    },
  );
}

export async function runValidate(args: ValidateArgs): Promise<number> {
  const loaded = loadConfig(args.config);
  const { files, skipped } = await expandInputs(args.entradas);
  if (skipped.length > 0) process.stderr.write(`nota: ${skipped.length} arquivo(s) que não são .xml foram ignorados (ex.: ${skipped[0]}).\n`);
  const maxSize = parseSize(args['max-size']);
  const jobs = Math.max(1, Math.floor(args.jobs ?? availableParallelism()));
  const stdinBytes = files.includes(STDIN) ? await readStdin() : null;

  const formatter = FORMATTERS[args.format];
  if (!formatter) throw new TissError(`Formato desconhecido: ${args.format}`);
  const source = (r: ValidationResult): string | null => {
    try {
      const bytes = r.file === STDIN ? stdinBytes : readFileSync(r.file);
      return bytes ? decode(bytes, (r.encoding?.read ?? 'latin1') as Decoding) : null;
    } catch {
      return null;
    }
  };
  const color = args.output ? false : useColor(args.color, args.format);
  const out = formatter({ quiet: args.quiet, color, source, tool: { name: 'tiss', version: VERSION }, cwd: process.cwd() });
  const sink: Sink = args.output ? fileSink(args.output) : stdoutSink();
  const showProgress = args.progress ?? (Boolean(process.stderr.isTTY) && !process.env.CI && !args.quiet && args.format === 'text' && !args.output && files.length > 1);
  const progress = showProgress ? createProgress(files.length) : null;

  const totals = emptyTotals();
  const unreadable: Unreadable[] = [];
  try {
    sink.write(out.begin());
    await runBatch(
      files.map((file) => (file === STDIN ? { file, bytes: stdinBytes! } : { file })),
      {
        schemas: args.schemas,
        maxSize,
        ...(args['hash-encoding'] ? { hashEncoding: args['hash-encoding'] } : {}),
        ...(loaded ? { config: loaded.config } : {}),
        ...(args.profile ? { profile: args.profile } : {}),
      },
      { jobs },
      (o) => {
        if (o.kind === 'unreadable') {
          unreadable.push({ file: o.file, reason: o.reason });
          progress?.tick(true);
          return;
        }
        if (o.kind !== 'result') return;
        addResult(totals, o.result);
        progress?.tick(!o.result.valid);
        progress?.pause();
        sink.write(out.file(o.result));
        progress?.resume();
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
  if (totals.errors > 0 || totals.invalid > 0) return 1;
  if (args['max-warnings'] !== undefined && totals.warnings > args['max-warnings']) {
    process.stderr.write(`tiss: ${totals.warnings} avisos, acima do máximo de ${args['max-warnings']} (--max-warnings).\n`);
    return 1;
  }
  return 0;
}
