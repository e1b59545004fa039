import type { Argv } from 'yargs';
import { TissError } from '../../errors.js';
import { findVersion } from '../../schemas/manifest.js';
import { tables } from '../../tables/index.js';
import { visible } from '../../formatters/utils/visible.js';
import { listTabelas, requireTuss22, TUSS22_NAME } from '../../terminology/store.js';
import { dateBR, formatInteger } from '../../locale/pt-br.js';

interface TabelaArgs {
  numero?: number;
  codigo?: string;
  versao?: string;
  format: 'text' | 'json';
}

export function tabelaCommand(y: Argv): Argv {
  return y.command<TabelaArgs>(
    'tabela [numero] [codigo]',
    'Mostra as tabelas de domínio (TUSS) 38, 40, 60 e 75–81, e a Tabela 22 instalada (tiss tabelas install)',
    (c) =>
      c
        .positional('numero', { type: 'number', describe: 'Número da tabela (ex.: 81)' })
        .positional('codigo', { type: 'string', describe: 'Um código da tabela (ex.: 05)' })
        .option('format', { alias: 'f', choices: ['text', 'json'] as const, default: 'text' as const })
        .option('versao', { type: 'string', requiresArg: true, describe: 'Só os códigos que o XSD desta versão enumera (ex.: 4.01.00, 4.03.00, 1.06.00); padrão: todas as versões, cada código dizendo em quais vale' })
        .example('$0 tabela', 'Lista as tabelas disponíveis')
        .example('$0 tabela 81', 'Tipo do documento: todos os códigos')
        .example('$0 tabela 81 05', 'Um código')
        .example('$0 tabela 38 5014 -f json', 'Uma glosa, em JSON')
        .example('$0 tabela 38 --versao 4.01.00', 'A tabela 38 como a 4.01.00 a conhece (sem 3169–3312)')
        .example('$0 tabela 22 10101012', 'Um procedimento na Tabela 22 instalada (tiss tabelas install)'),
    (args) => {
      const json = args.format === 'json';
      const write = (s: string) => process.stdout.write(s);
      if (args.numero === undefined) {
        // With --versao, the tables that version's XSD uses, with its count of codes.
        const id = args.versao === undefined ? null : (findVersion(args.versao)?.id ?? null);
        if (args.versao !== undefined && !id) throw new TissError(`Versão desconhecida: ${args.versao}.`);
        const list = tables
          .list()
          .filter((t) => !id || t.xsd.some((x) => x.version === id))
          .map((t) => ({ table: t.table, name: t.name, count: (id ? tables.get(t.table, id) : t).codes.length }));
        // Tabela 22 is not in the XSDs: it is listed (without --versao) as installed, or how to install it.
        const tuss = id ? null : tuss22Entry();
        if (json) write(`${JSON.stringify(tuss ? [tuss, ...list] : list, null, 2)}\n`);
        else {
          const lines = list.map((t) => `${String(t.table).padStart(3)}  ${t.name} (${t.count} códigos)`);
          if (tuss) lines.unshift(`${String(tuss.table).padStart(3)}  ${tuss.name} (TUSS; ${tuss.release ? `release ${tuss.release} instalada: ${formatInteger(tuss.count)} códigos` : 'não instalada: tiss tabelas install --from <arquivo da ANS>'})`);
          write(`${lines.join('\n')}\n`);
        }
        return;
      }
      if (!Number.isInteger(args.numero)) throw new TissError(`Número de tabela inválido: ${args.numero}`);
      if (args.numero === 22) {
        tabela22(args.codigo === undefined ? undefined : String(args.codigo), json, write);
        return;
      }
      const t = tables.get(args.numero, args.versao);
      if (args.codigo !== undefined) {
        const code = String(args.codigo);
        const entry = t.codes.find((c) => c.code === code) ?? t.codes.find((c) => c.code.replace(/^0+/, '') === code.replace(/^0+/, '') && code !== '');
        if (!entry) {
          const other = args.versao ? tables.get(t.table).codes.find((c) => c.code === code) : undefined;
          process.stderr.write(
            other
              ? `tiss: o código ${code} (${other.description ?? ''}) não existe na tabela ${t.table} da versão ${args.versao}; existe em: ${(other.versions ?? []).join(', ')}.\n`
              : `tiss: o código "${visible(code)}" não existe na tabela ${t.table} (${t.name}). Use "tiss tabela ${t.table}" para ver os códigos.\n`,
          );
          process.exitCode = 1;
          return;
        }
        write(json ? `${JSON.stringify({ table: t.table, name: t.name, ...entry }, null, 2)}\n` : `Tabela ${t.table} — ${t.name}\n${entry.code}  ${entry.description ?? ''}${entry.start ? `\nvigência: ${entry.start} a ${entry.end ?? '(sem fim)'}` : ''}${entry.versions ? `\nsó nas versões: ${entry.versions.join(', ')}` : ''}\n`);
        return;
      }
      if (json) {
        write(`${JSON.stringify(t, null, 2)}\n`);
        return;
      }
      const width = Math.max(...t.codes.map((c) => c.code.length), 2);
      write(`Tabela ${t.table} — ${t.name} (${t.codes.length} códigos${args.versao ? ` na versão ${args.versao}` : ''})\n\n${t.codes.map((c) => `${c.code.padEnd(width)}  ${c.description ?? ''}${!args.versao && c.versions ? `  [só ${c.versions.join(', ')}]` : ''}`).join('\n')}\n\nFonte: ${t.source}\n${t.notes.map((n) => `Nota: ${n}`).join('\n')}\n`);
    },
  );
}

/** `tiss tabela 22 [código]`: the installed Tabela 22 (newest release), with suggestions for a code not found. */
function tabela22(code: string | undefined, json: boolean, write: (s: string) => void): void {
  const t = requireTuss22();
  if (code === undefined) {
    const info = { table: 22, name: TUSS22_NAME, release: t.newest, codes: t.size(), releases: t.releases };
    write(json ? `${JSON.stringify(info, null, 2)}\n` : `Tabela 22 — ${TUSS22_NAME}: release ${t.newest} (${formatInteger(t.size())} códigos)${t.releases.length > 1 ? `; instaladas: ${t.releases.join(', ')}` : ''}\nUse "tiss tabela 22 <código>" para um procedimento.\n`);
    return;
  }
  const p = t.procedure(code);
  const suggestions = p.found ? [] : t.suggest(code);
  if (json) {
    write(`${JSON.stringify({ table: 22, ...p, ...(p.found ? {} : { suggestions }) }, null, 2)}\n`);
    if (!p.found) process.exitCode = 1;
    return;
  }
  if (!p.found) {
    process.stderr.write(
      `tiss: o código "${visible(code)}" não foi encontrado na release ${p.release} da Tabela 22 (${TUSS22_NAME.toLowerCase()})` +
        `${p.elsewhere.length ? `; ${p.elsewhere.map((e) => `constava na ${e.release} como “${visible(e.term)}”`).join('; ')}` : ''}.\n` +
        (suggestions.length ? `Você quis dizer:\n${suggestions.map((s) => `  ${s.code}  ${visible(s.term)}  (${s.kind})`).join('\n')}\n` : ''),
    );
    process.exitCode = 1;
    return;
  }
  const vig = p.startDate ? `\ninício de vigência: ${dateBR(p.startDate)}${p.endDate ? `; fim de vigência: ${dateBR(p.endDate)}` : ''}` : '';
  write(
    `Tabela 22 — ${TUSS22_NAME} (release ${p.release})\n${p.code}  ${visible(p.term ?? '')}${vig}` +
      `${p.elsewhere.map((e) => `\nna release ${e.release}: “${visible(e.term)}”`).join('')}\n`,
  );
}

/** Tabela 22 in the list of tables: its newest installed release and code count, or none installed. */
function tuss22Entry(): { table: 22; name: string; count: number; release: string | null } {
  const newest = listTabelas().sort((a, b) => b.release.localeCompare(a.release))[0];
  return { table: 22, name: TUSS22_NAME, count: newest?.codes ?? 0, release: newest?.release ?? null };
}
