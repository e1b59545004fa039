import type { Argv } from 'yargs';
import { runBatch } from '../../batch/run.js';
import { batchOptions, prepareBatch, protectedPaths, type BatchArgs } from '../batch-setup.js';
import { printConfig } from '../print-config.js';
import { Aggregator } from '../../report/aggregate.js';
import { glosaText } from '../../codes.js';
import { aggregateText } from '../../report/text.js';
import { fileSink, stdoutSink } from '../output.js';
import { refuseOutputOntoInput } from '../../io/output-target.js';
import { visible } from '../../formatters/utils/visible.js';

interface ReportArgs extends BatchArgs {
  format: 'text' | 'json';
  output?: string;
}

export function reportCommand(y: Argv): Argv {
  return y.command<ReportArgs>(
    'report <entradas..>',
    'Resumo de uma pasta de lotes: por operadora, prestador, glosa provável (Tabela 38), código de achado e tipo de guia, com o valor informado',
    (c) =>
      batchOptions(
        c
          .positional('entradas', { type: 'string', array: true, describe: 'Arquivos, pastas, globs ou -' })
          .option('format', { alias: 'f', choices: ['text', 'json'] as const, default: 'text' as const })
          .option('output', { alias: 'o', type: 'string', describe: 'Grava o resumo neste arquivo' }),
      )
        .example('$0 report recebidos/2026-11-21/', 'O que chegou ontem: por operadora, prestador, glosa provável, achado e tipo de guia')
        .example('$0 report -f json recebidos/ > resumo.json', 'O mesmo em JSON'),
    async (args) => {
      if (args['print-config']) {
        process.exitCode = await printConfig(args);
        return;
      }
      const batch = await prepareBatch(args);
      const agg = new Aggregator(glosaText);
      if (args.output) refuseOutputOntoInput(args.output, protectedPaths(batch));
      const notRead: { file: string; reason: string }[] = [...batch.unreadable];
      for (let i = 0; i < batch.unreadable.length; i++) agg.addUnreadable();
      await runBatch(
        batch.inputs,
        { schemas: args.schemas, maxSize: batch.maxSize, maxMemory: batch.maxMemory, ...(args.profile ? { profile: args.profile } : {}) },
        { jobs: batch.jobs },
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
