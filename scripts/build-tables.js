#!/usr/bin/env node
// Writes tables/*.json from the facts collected in ../shared/reference/tabelas-75-81-60.tsv and, for
// table 38, from the comment of dm_tipoGlosa in the official XSD. Run by hand when the sources change:
//   node scripts/build-tables.js
// The files are data (committed); `src/tables` checks them against the installed XSDs at load.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SHARED = join(ROOT, '..', 'shared');
const tsv = readFileSync(join(SHARED, 'reference', 'tabelas-75-81-60.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));

const META = {
  38: { slug: 'mensagens', name: 'Mensagens (glosas, negativas e outras)', xsd: [{ version: '4.00.00', type: 'dm_tipoGlosa' }, { version: 'monitoramento-1.02.00', type: 'dm_tipoGlosa' }] },
  40: { slug: 'origem-guia', name: 'Origem da guia (Envio de Dados)', xsd: [{ version: 'monitoramento-1.02.00', type: 'dm_origemEventoAtencaoSaude' }] },
  60: { slug: 'unidade-medida', name: 'Unidade de medida', xsd: [{ version: '4.00.00', type: 'dm_unidadeMedida' }, { version: 'monitoramento-1.02.00', type: 'dm_unidadeMedida' }] },
  75: { slug: 'cobertura-especial', name: 'Cobertura especial', xsd: [{ version: '4.00.00', type: 'dm_cobEsp' }] },
  76: { slug: 'regime-atendimento', name: 'Regime de atendimento', xsd: [{ version: '4.00.00', type: 'dm_regimeAtendimento' }, { version: 'monitoramento-1.02.00', type: 'dm_regimeAtendimento' }] },
  77: { slug: 'saude-ocupacional', name: 'Saúde ocupacional', xsd: [{ version: '4.00.00', type: 'dm_saudeOcupacional' }, { version: 'monitoramento-1.02.00', type: 'dm_saudeOcupacional' }] },
  78: { slug: 'tipo-pagamento', name: 'Tipo de pagamento', xsd: [{ version: '4.00.00', type: 'dm_tipoPagamento' }] },
  79: { slug: 'modelo-remuneracao', name: 'Modelo de remuneração entre operadoras e prestadores', xsd: [{ version: 'monitoramento-1.02.00', type: 'dm_formaRemuneracao' }] },
  80: { slug: 'formato-documento', name: 'Formato do documento', xsd: [{ version: '4.00.00', type: 'dm_formatoDocumento' }] },
  81: { slug: 'tipo-documento', name: 'Tipo do documento', xsd: [{ version: '4.00.00', type: 'dm_tipoDocumento' }] },
};

function enumerationsAndComment(file, type) {
  const xsd = readFileSync(file, 'latin1');
  const m = new RegExp(`<simpleType name="${type}">([\\s\\S]*?)</simpleType>`).exec(xsd);
  return { values: [...m[1].matchAll(/<enumeration value="([^"]*)"/g)].map((x) => x[1]), body: m[1] };
}

for (const [num, meta] of Object.entries(META)) {
  const table = Number(num);
  let codes;
  let source;
  const notes = [];
  if (table === 38) {
    const { values, body } = enumerationsAndComment(join(SHARED, 'tiss-schemas', '4.00.00', 'tissSimpleTypesV4_00_00.xsd'), 'dm_tipoGlosa');
    const desc = new Map([...body.matchAll(/^\s*(\d{4})\s+(.+?)\s*$/gm)].map((x) => [x[1], x[2]]));
    codes = values.map((code) => ({ code, description: code === '' ? '(em branco)' : desc.get(code) ?? null, start: null, end: null }));
    notes.push('O XSD enumera também o código vazio (<enumeration value=""/>): um código em branco é aceito pelo esquema.');
    source = 'ANS, Padrão TISS 4.00.00: comentário do tipo dm_tipoGlosa em tissSimpleTypesV4_00_00.xsd (mesma lista em tissSimpleTypesMonitoramentoV1_02_00.xsd)';
    notes.push('Vigência por código não publicada no XSD.');
  } else {
    const rows = tsv.filter((r) => Number(r[0]) === table && !/NOT valid in 4\.00\.00/.test(r[5]));
    codes = rows.map((r) => ({ code: r[1], description: r[2], start: r[3] || null, end: r[4] || null }));
    source = [...new Set(rows.map((r) => r[5].replace(/\s*\[EXTRA[^\]]*\]/, '')))][0];
    const later = tsv.filter((r) => Number(r[0]) === table && /NOT valid in 4\.00\.00/.test(r[5]));
    if (later.length) notes.push(`Códigos ${later.map((r) => r[1]).join(', ')} só existem a partir da 4.03.00 (${later.map((r) => `${r[1]} ${r[2]}`).join('; ')}); não são válidos na 4.00.00.`);
    notes.push('Datas de vigência (início/fim) não publicadas nas fontes consultadas: ficam vazias, não inventadas.');
  }
  const body = { table, name: meta.name, source, xsd: meta.xsd, notes, codes };
  writeFileSync(join(ROOT, 'tables', `${num}-${meta.slug}.json`), `${JSON.stringify(body, null, 2)}\n`);
  console.log(`tables/${num}-${meta.slug}.json: ${codes.length} códigos`);
}
