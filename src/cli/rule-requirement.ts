import { defaultTabelasDir, loadTuss22 } from '../terminology/store.js';
import type { RuleMeta } from '../rules/types.js';

/**
 * What a rule that needs an installed table (`meta.requires`) can check here, for people (`tiss rules`):
 * why it is silent when the table is missing, else the release it checks against. Null for the others.
 */
export function requirementNote(meta: RuleMeta, tabelas: string = defaultTabelasDir()): string | null {
  if (meta.requires !== 'tabela22') return null;
  const table = loadTuss22(tabelas);
  if (!table) return 'Sem a Tabela 22 instalada, esta regra não confere nada: instale com tiss tabelas install --from <arquivo da ANS> (a planilha, o ZIP do pacote TUSS ou o CSV de dados abertos; veja tiss tabelas --help).';
  const others = table.releases.slice(1);
  return `Confere com a Tabela 22 instalada: release ${table.newest} (${table.size().toLocaleString('pt-BR')} códigos)${others.length ? `; também instaladas: ${others.join(', ')}` : ''}.`;
}
