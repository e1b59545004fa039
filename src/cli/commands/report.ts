import type { Argv } from 'yargs';
import { runBatch } from '../../batch/run.js';
import { loadConfigOnNeed } from '../config.js';
import { Aggregator } from '../../report/aggregate.js';
import { aggregateText } from '../../report/text.js';
import { expandInputs, readStdin, STDIN } from '../inputs.js';
import { parseJobs, parseMemory, parseSize } from '../options.js';
import { defaultMemoryBudget } from '../../xml/budget.js';
import { fileSink, stdoutSink } from '../output.js';
import { refuseOutputOntoInput } from '../../io/output-target.js';
import { visible } from '../../formatters/utils/visible.js';

interface ReportArgs {
  entradas: string[];
  format: 'text' | 'json';
  output?: string;
  jobs?: string;
  config?: string;
  profile?: string;
  schemas?: string;
  'max-size': string;
  'max-memory'?: string;
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
        .option('jobs', { alias: 'j', type: 'string', requiresArg: true, describe: 'Arquivos em paralelo, número inteiro (padrão: número de núcleos)' })
        .option('config', { alias: 'c', type: 'string' })
        .option('profile', { alias: 'p', type: 'string' })
        .option('schemas', { type: 'string' })
        .option('max-size', { type: 'string', default: '200MB' })
        .option('max-memory', { type: 'string', describe: 'Memória máxima para conferir um arquivo (padrão auto)' })
        .example('$0 report recebidos/2026-11-21/', 'O que chegou ontem: por operadora, prestador, achado e tipo de guia')
        .example('$0 report -f json recebidos/ > resumo.json', 'O mesmo em JSON'),
    async (args) => {
      const maxSize = parseSize(args['max-size']);
      const jobs = parseJobs(args.jobs);
      const memory = parseMemory(args['max-memory']);
      const loaded = await loadConfigOnNeed(args.config);
      const { files, unreadable, rawPaths } = await expandInputs(args.entradas);
      const stdin = files.includes(STDIN) ? await readStdin(maxSize) : null;
      const agg = new Aggregator();
      if (args.output) refuseOutputOntoInput(args.output, [...files.filter((f) => f !== STDIN).map((f) => rawPaths.get(f) ?? f), ...(loaded ? [loaded.path] : [])]);
      const notRead: { file: string; reason: string }[] = [...unreadable];
      for (let i = 0; i < unreadable.length; i++) agg.addUnreadable();
      await runBatch(
        files.map((file) => (file === STDIN ? { file, bytes: stdin! } : rawPaths.has(file) ? { file, path: rawPaths.get(file)! } : { file })),
        { schemas: args.schemas, maxSize, maxMemory: memory === 'auto' ? defaultMemoryBudget(jobs) : memory, ...(loaded ? { config: loaded.config } : {}), ...(args.profile ? { profile: args.profile } : {}) },
        { jobs },
        (o) => {
          if (o.kind === 'result') agg.add(o.result);
          else if (o.kind === 'unreadable') {
            agg.addUnreadable();
            notRead.push({ file: o.file, reason: o.reason });
          }
        },
      );
      const result = agg.result();
      const sink = args.output ? fileSink(args.output) : stdoutSink();
      sink.write(args.format === 'json' ? `${JSON.stringify({ schemaVersion: 1, ...result }, null, 2)}\n` : aggregateText(result));
      sink.close();
      for (const u of notRead.slice(0, 20)) process.stderr.write(`tiss: não lido: ${visible(u.file)}: ${visible(u.reason)}\n`);
      if (notRead.length > 20) process.stderr.write(`tiss: … e mais ${notRead.length - 20} arquivo(s) não lidos.\n`);
      // Like validate: 1 when any file has an error, 2 when an input could not be read (the summary still
      // counts it), 0 otherwise; so `tiss report` can gate a pipeline as `tiss validate` does.
      process.exitCode = result.arquivos.naoLidos > 0 ? 2 : result.arquivos.comErros > 0 ? 1 : 0;
    },
  );
}
