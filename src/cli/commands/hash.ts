import type { Argv } from 'yargs';
import { computeHash, fixHash, type HashResult } from '../../hash/api.js';
import type { HashEncoding } from '../../hash/canonical.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { refuseOutputOntoInput } from '../../io/output-target.js';
import { readInputFile, STDIN } from '../inputs.js';
import { parseSize } from '../options.js';
import { visible } from '../../formatters/utils/visible.js';

interface HashArgs {
  arquivos: string[];
  check: boolean;
  fix: boolean;
  write: boolean;
  output?: string;
  encoding: HashEncoding;
  format: 'text' | 'json';
  'max-size': string;
}

export function hashCommand(y: Argv): Argv {
  return y.command<HashArgs>(
    'hash <arquivos..>',
    'Calcula, confere (--check) ou corrige (--fix) o hash do epílogo',
    (c) =>
      c
        .positional('arquivos', { describe: 'Arquivos XML TISS (ou - para a entrada padrão)', type: 'string', array: true })
        .option('check', { type: 'boolean', default: false, describe: 'Confere o hash do arquivo e explica a divergência' })
        .option('fix', { type: 'boolean', default: false, describe: 'Grava o hash correto (exige --write ou -o)' })
        .option('write', { alias: 'w', type: 'boolean', default: false, describe: 'Com --fix: altera o próprio arquivo (escrita atômica)' })
        .option('output', { alias: 'o', type: 'string', describe: 'Com --fix: grava o arquivo corrigido em outro caminho' })
        .option('encoding', { choices: ['iso-8859-1', 'utf-8'], default: 'iso-8859-1', describe: 'Bytes sobre os quais o MD5 é calculado' })
        .option('format', { alias: 'f', choices: ['text', 'json'] as const, default: 'text' as const, describe: 'Formato da saída' })
        .option('max-size', { type: 'string', default: '200MB', describe: 'Tamanho máximo de arquivo' })
        .check((a) => {
          if ((a.write || a.output) && !a.fix) throw new Error('--write e -o só valem junto com --fix.');
          if (a.write && a.output) throw new Error('Use --write (altera o arquivo) ou -o (grava em outro), não os dois.');
          if (a.output && (a.arquivos ?? []).length !== 1) throw new Error('-o aceita um único arquivo de entrada.');
          if (a.write && (a.arquivos ?? []).includes(STDIN)) throw new Error('--write não se aplica à entrada padrão; use -o.');
          return true;
        })
        .example('$0 hash lote.xml', 'Imprime o hash MD5 canônico do epílogo')
        .example('$0 hash --check lote.xml', 'Confere o hash e, se não bater, diz por quê')
        .example('$0 hash --fix --write lote.xml', 'Grava o hash correto no próprio arquivo, sem mudar nenhum outro byte')
        .example('$0 hash --fix lote.xml -o lote-corrigido.xml', 'Grava a versão corrigida em outro arquivo')
        .epilog('Saída: 0 = hash confere (ou foi calculado/gravado); 1 = não confere (--check, ou --fix sem --write/-o); 2 = arquivo ilegível ou que não é XML bem formado.'),
    async (args) => {
      process.exitCode = await runHash(args);
    },
  );
}

async function runHash(args: HashArgs): Promise<number> {
  const maxSize = parseSize(args['max-size']);
  if (args.output) refuseOutputOntoInput(args.output, args.arquivos.filter((f) => f !== STDIN), 'Para corrigir o próprio arquivo, use --write (troca só os bytes do hash, de forma atômica).');
  const results: (HashResult & { written?: string | null })[] = [];
  let exit = 0;
  for (const file of args.arquivos) {
    const { bytes, stat } = await readInputFile(file, maxSize);
    // Shown to a person: a name with ESC or a newline is escaped (issue 9, item 2).
    const name = visible(file);
    const options = { file, encoding: args.encoding, maxSize };
    const r: HashResult & { written?: string | null } = args.fix ? fixHash(bytes, options) : computeHash(bytes, options);
    results.push(r);

    if (!r.readable || r.expected === null) {
      exit = 2;
      if (args.format === 'text') {
        const reason = r.findings.filter((f) => f.severity === 'error').map((f) => `${f.line ? `linha ${f.line}: ` : ''}${f.message}`).join('\n  ');
        process.stderr.write(`tiss: ${name}: o hash não pode ser calculado${args.fix ? ' nem corrigido' : ''}:\n  ${visible(reason || 'arquivo sem mensagem TISS reconhecível')}\n`);
      }
      continue;
    }

    if (args.fix && (r as ReturnType<typeof fixHash>).refused) {
      // Readable, but rewriting the hash would hide the real defect (or cannot be done on this encoding).
      exit = Math.max(exit, 1);
      if (args.format === 'text') process.stdout.write(`${name}: o hash não foi alterado: ${visible((r as ReturnType<typeof fixHash>).refused ?? '')}\n`);
      continue;
    }

    if (args.fix) {
      const fr = r as ReturnType<typeof fixHash>;
      const before = fr.inserted ? `antes: sem ${fr.inserted === 'epilogo' ? '<epilogo>' : '<hash>'}; inserido` : `antes: ${visible(r.found?.trim() || 'vazio')}`;
      const target = args.write ? file : args.output;
      if (target && fr.fixed) {
        // --write: refused if the file changed since it was read (an edit made meanwhile is never lost).
        if (fr.changed || target !== file) writeFileAtomic(target, fr.fixed, target === file && stat ? { expect: stat } : {});
        r.written = target;
        if (args.format === 'text') {
          process.stdout.write(fr.changed ? `${name}: hash corrigido para ${r.expected} (${before})${target !== file ? ` → ${visible(target)}` : ''}\n` : `${name}: hash já estava correto (${r.expected})${target !== file ? ` → ${visible(target)}` : ''}\n`);
        }
      } else {
        r.written = null;
        if (!fr.changed) {
          if (args.format === 'text') process.stdout.write(`${name}: hash já está correto (${r.expected})\n`);
        } else {
          exit = Math.max(exit, 1);
          if (args.format === 'text') process.stdout.write(fr.inserted ? `${name}: a mensagem não tem ${fr.inserted === 'epilogo' ? '<epilogo>' : '<hash>'}; ele seria inserido com o hash ${r.expected}. Nada foi gravado: use --write para alterar o arquivo ou -o <saída>.\n` : `${name}: o hash seria trocado de ${visible(r.found?.trim() || '(vazio)')} para ${r.expected}. Nada foi gravado: use --write para alterar o arquivo ou -o <saída>.\n`);
        }
      }
      continue;
    }

    if (args.check) {
      if (!r.ok) exit = Math.max(exit, 1);
      if (args.format === 'text') {
        const hashFinding = r.findings.find((f) => f.source === 'hash');
        // The finding's own advice: for a UTF-8 file declared ISO-8859-1 whose hash matches the original
        // text, it says to convert the file; "--fix --write" would hide the cause.
        process.stdout.write(r.ok ? `${name}: hash confere (${r.expected})\n` : `${name}: ${visible(hashFinding?.message ?? 'hash não confere')}\n  Como corrigir: ${visible(hashFinding?.fix?.replace('<arquivo>', file) ?? `tiss hash --fix --write ${file}`)}\n`);
      }
      continue;
    }

    if (args.format === 'text') process.stdout.write(args.arquivos.length > 1 ? `${r.expected}  ${name}\n` : `${r.expected}\n`);
  }
  if (args.format === 'json') {
    process.stdout.write(`${JSON.stringify({ schemaVersion: 1, results: results.map((r) => ({ ...r, fixed: undefined })) }, null, 2)}\n`);
  }
  return exit;
}
