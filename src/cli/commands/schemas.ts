import type { Argv } from 'yargs';
import { defaultStoreDir, installSchemas, listSchemas, resolveSchemaRoot } from '../../schemas/store.js';
import { visible } from '../../formatters/utils/visible.js';

interface InstallArgs {
  from: string;
  store?: string;
}
interface ListArgs {
  schemas?: string;
  format: 'text' | 'json';
}

/** Where the schema folder came from, for people (the JSON keeps `origin` as is). */
const ORIGIN = { '--schemas': 'indicada em --schemas', TISS_SCHEMAS_DIR: 'indicada em TISS_SCHEMAS_DIR', store: 'repositório local do tiss' } as const;

export function schemasCommand(y: Argv): Argv {
  return y.command('schemas', 'Instala e lista os XSDs oficiais da ANS', (s) =>
    s
      .command<InstallArgs>(
        'install',
        'Copia os XSDs para o repositório local, conferindo o sha256 de cada arquivo',
        (c) =>
          c
            .option('from', { type: 'string', demandOption: true, describe: 'O ZIP da ANS (PadroTISSComunicao_AAAAMM.zip) ou uma pasta com os XSDs, em qualquer arrumação' })
            .option('store', { type: 'string', describe: 'Repositório de destino (padrão: $TISS_HOME/schemas ou ~/.local/share/tiss/schemas)' })
            .example('$0 schemas install --from PadroTISSComunicao_202511.zip', 'Instala o pacote da ANS como baixado (4.03.00 e Monitoramento 1.06.00)')
            .example('$0 schemas install --from ../shared/tiss-schemas', 'Instala todas as versões de uma pasta'),
        (args) => {
          const store = args.store ?? defaultStoreDir();
          const report = installSchemas(args.from, store);
          for (const v of report.installed) process.stdout.write(`instalado: ${v.id} (${v.files} arquivos, sha256 conferido) em ${visible(v.dir)}\n`);
          for (const id of report.notFound) process.stdout.write(`não encontrado em ${visible(String(args.from))}: ${id}\n`);
        },
      )
      .command<ListArgs>(
        'list',
        'Lista as versões conhecidas e se estão instaladas (arquivos conferidos)',
        (c) =>
          c
            .option('schemas', { type: 'string', describe: 'Pasta de esquemas a listar (senão TISS_SCHEMAS_DIR, senão o repositório local)' })
            .option('format', { alias: 'f', choices: ['text', 'json'] as const, default: 'text' as const }),
        (args) => {
          const root = resolveSchemaRoot(args.schemas);
          const list = listSchemas(root);
          if (args.format === 'json') {
            process.stdout.write(`${JSON.stringify({ dir: root.dir, origin: root.origin, versions: list }, null, 2)}\n`);
          } else {
            process.stdout.write(`Esquemas em ${visible(root.dir)} (${ORIGIN[root.origin]}):\n`);
            for (const v of list) process.stdout.write(`  ${v.status.padEnd(10)} ${v.id.padEnd(24)} ${v.title}\n  ${' '.repeat(35)}confere mensagens que declaram: ${v.accepts.join(', ')}${v.problem ? `\n             ${visible(v.problem)}` : ''}\n`);
          }
          process.exitCode = list.some((v) => v.status === 'corrompido') ? 2 : 0;
        },
      )
      .demandCommand(1, 'Indique um subcomando: install ou list.'),
  );
}
