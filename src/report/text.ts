import { formatMoney, SEVERITY_WORD } from '../locale/pt-br.js';
import { visible } from '../formatters/utils/visible.js';
import type { Aggregate } from './aggregate.js';

function table(headers: string[], raw: string[][], right: boolean[]): string {
  // Prestador names and registros come from the files: control characters are shown escaped (issue 9, item 2).
  const rows = raw.map((r) => r.map(visible));
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (cells: string[]): string => cells.map((c, i) => (right[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [fmt(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt)].join('\n');
}

/** The aggregate as Portuguese text tables. */
export function aggregateText(a: Aggregate): string {
  type Group = Aggregate['operadoras'][number];
  const groups = (label: string, list: [string, Omit<Group, 'registroANS'>][]): string =>
    table([label, 'arquivos', 'guias', 'erros', 'avisos', 'valor informado'], list.map(([k, g]) => [k, String(g.arquivos), String(g.guias), String(g.erros), String(g.avisos), formatMoney(g.valorInformado)]), [false, true, true, true, true, true]);
  const parts = [
    `Arquivos: ${a.arquivos.total} (${a.arquivos.validos} válidos, ${a.arquivos.comErros} com erros${a.arquivos.naoLidos ? `, ${a.arquivos.naoLidos} não lidos` : ''}); valor informado: ${formatMoney(a.valorInformado)}`,
    `Por operadora (registro ANS)\n${groups('operadora', a.operadoras.map((g) => [g.registroANS, g]))}`,
    `Por prestador\n${groups('prestador', a.prestadores.map((g) => [g.prestador, g]))}`,
    `Por tipo de guia\n${table(['tipo', 'guias', 'arquivos'], a.tiposGuia.map((t) => [t.tipo, String(t.guias), String(t.arquivos)]), [false, true, true])}`,
    a.glosas.length
      ? `Glosas prováveis (Tabela 38): o que a operadora mandaria de volta. Um erro de estrutura, encoding ou hash recusa o lote inteiro: conta todas as guias do arquivo. Um achado com mais de uma glosa possível conta em cada uma: não some as linhas\n${table(['glosa', 'ocorrências', 'arquivos', 'guias', 'valor informado', 'motivo'], a.glosas.map((g) => [g.glosa, String(g.ocorrencias), String(g.arquivos), String(g.guias), formatMoney(g.valorInformado), g.texto ?? '']), [false, true, true, true, true, false])}`
      : 'Nenhuma glosa provável.',
    a.codigos.length ? `Achados por código\n${table(['código', 'severidade', 'ocorrências', 'arquivos'], a.codigos.map((c) => [c.code, SEVERITY_WORD[c.severity], String(c.ocorrencias), String(c.arquivos)]), [false, false, true, true])}` : 'Nenhum achado.',
  ];
  return `${parts.join('\n\n')}\n`;
}
