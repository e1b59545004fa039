import type { Argv } from 'yargs';
import { defaultTabelasDir, installTabelas, listTabelas } from '../../terminology/store.js';
import { visible } from '../../formatters/utils/visible.js';
import { formatInteger as integer } from '../../locale/pt-br.js';

interface InstallArgs {
  from: string;
  release?: string;
  store?: string;
}
interface ListArgs {
  store?: string;
  format: 'text' | 'json';
}

export function tabelasCommand(y: Argv): Argv {
  return y.command('tabelas', 'Instala e lista tabelas de terminologia TUSS (Tabela 22: procedimentos e eventos em saúde)', (s) =>
    s
      .command<InstallArgs>(
        'install',
        'Lê a Tabela 22 de um arquivo da ANS (nada é baixado) e a instala no repositório local',
        (c) =>
          c
            .option('from', { type: 'string', demandOption: true, requiresArg: true, describe: 'O ZIP da ANS (Padrao_TISS_Representacao_de_Conceitos_em_Saude_AAAAMM.zip), a planilha TUSS 22 (.xlsx), o CSV de dados abertos, o JSON, ou uma pasta com eles' })
            .option('release', { type: 'string', requiresArg: true, describe: 'A release (AAAAMM) de um arquivo que não a diz no nome nem no conteúdo' })
            .option('store', { type: 'string', requiresArg: true, describe: 'Repositório de destino (padrão: $TISS_HOME/tabelas ou ~/.local/share/tiss/tabelas)' })
            .example('$0 tabelas install --from Padrao_TISS_Representacao_de_Conceitos_em_Saude_202511.zip', 'Instala a Tabela 22 do pacote da ANS, como baixado')
            .example('$0 tabelas install --from tuss22.csv --release 202007', 'Um CSV que não diz a release'),
        (args) => {
          for (const r of installTabelas(args.from, { storeDir: args.store, release: args.release })) {
            process.stdout.write(
              `instalada: Tabela ${r.table} release ${r.release} (${integer(r.codes)} códigos, ${integer(r.rows)} linhas; release pelo ${r.releaseFrom}) em ${visible(r.path)}\n` +
                `  origem: ${visible(r.source.file)}${r.source.member ? ` → ${visible(r.source.member)}` : ''}, sha256 ${r.source.sha256}\n` +
                (r.badDates ? `  atenção: ${r.badDates} data(s) ilegível(is) ficaram vazias\n` : ''),
            );
          }
        },
      )
      .command<ListArgs>(
        'list',
        'Lista as tabelas instaladas (a release mais nova de cada uma é a usada)',
        (c) =>
          c
            .option('store', { type: 'string', requiresArg: true, describe: 'Repositório a listar (padrão: $TISS_HOME/tabelas ou ~/.local/share/tiss/tabelas)' })
            .option('format', { alias: 'f', choices: ['text', 'json'] as const, default: 'text' as const }),
        (args) => {
          const dir = args.store ?? defaultTabelasDir();
          const list = listTabelas(dir);
          if (args.format === 'json') {
            process.stdout.write(`${JSON.stringify({ dir, tables: list.map((r, i) => ({ ...r, default: i === 0 })) }, null, 2)}\n`);
            return;
          }
          if (list.length === 0) {
            process.stdout.write(`Nenhuma tabela instalada em ${visible(dir)}.\nInstale a Tabela 22 com: tiss tabelas install --from <ZIP, XLSX, CSV ou JSON da ANS>\n`);
            return;
          }
          process.stdout.write(`Tabelas em ${visible(dir)}:\n`);
          list.forEach((r, i) =>
            process.stdout.write(
              `  Tabela ${r.table}  release ${r.release}${i === 0 ? ' (padrão)' : ''}  ${integer(r.codes)} códigos, ${integer(r.rows)} linhas  instalada em ${r.installedAt.slice(0, 10)}\n` +
                `    origem: ${visible(r.source.file)}${r.source.member ? ` → ${visible(r.source.member)}` : ''} (${r.source.form}), sha256 ${r.source.sha256}\n`,
            ),
          );
        },
      )
      .demandCommand(1, 'Indique um subcomando: install ou list.'),
  );
}
