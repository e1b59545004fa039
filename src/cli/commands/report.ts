import { availableParallelism } from 'node:os';
import type { Argv } from 'yargs';
import { runBatch } from '../../batch/run.js';
import { loadConfig } from '../../config/load.js';
import { Aggregator } from '../../report/aggregate.js';
import { aggregateText } from '../../report/text.js';
import { expandInputs, readStdin, STDIN } from '../inputs.js';
import { parseSize } from '../options.js';
import { fileSink, stdoutSink } from '../output.js';

interface ReportArgs {
  entradas: string[];
  format: 'text' | 'json';
  output?: string;
  jobs?: number;
  config?: string;
  profile?: string;
  schemas?: string;
  'max-size': string;
}

export function reportCommand(y: Argv): Argv {
  return y.command<ReportArgs>(
    'report <entradas..>',
    'Resumo de uma pasta de lotes: por operadora, prestador, código de achado e tipo de guia, com o valor informado',
    (c) =>
      c
        .positional('entradas', { type: 'string', array: true, describe: 'Arquivos, pastas, globs ou -' })
        .option('format', { alias: 'f', choices: ['text', 'json'] as const, default: 'text' as const })
        .option('output', { alias: 'o', type: 'string', describe: 'Grava o resumo neste arquivo' })
        .option('jobs', { alias: 'j', type: 'number', describe: 'Arquivos em paralelo (padrão: número de núcleos)' })
        .option('config', { alias: 'c', type: 'string' })
        .option('profile', { alias: 'p', type: 'string' })
        .option('schemas', { type: 'string' })
        .option('max-size', { type: 'string', default: '200MB' })
        .example('$0 report recebidos/2026-11-21/', 'O que chegou ontem: por operadora, prestador, achado e tipo de guia')
        .example('$0 report -f json recebidos/ > resumo.json', 'O mesmo em JSON'),
    async (args) => {
      const loaded = loadConfig(args.config);
      const { files } = await expandInputs(args.entradas);
      const stdin = files.includes(STDIN) ? await readStdin() : null;
      const agg = new Aggregator();
      await runBatch(
        files.map((file) => (file === STDIN ? { file, bytes: stdin! } : { file })),
        { schemas: args.schemas, maxSize: parseSize(args['max-size']), ...(loaded ? { config: loaded.config } : {}), ...(args.profile ? { profile: args.profile } : {}) },
        { jobs: Math.max(1, Math.floor(args.jobs ?? availableParallelism())) },
        (o) => {
          if (o.kind === 'result') agg.add(o.result);
          else if (o.kind === 'unreadable') agg.addUnreadable();
        },
      );
      const result = agg.result();
      const sink = args.output ? fileSink(args.output) : stdoutSink();
      sink.write(args.format === 'json' ? `${JSON.stringify({ schemaVersion: 1, ...result }, null, 2)}\n` : aggregateText(result));
      sink.close();
      process.exitCode = 0;
    },
  );
}
