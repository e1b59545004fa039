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
  38: { slug: 'mensagens', name: 'Mensagens (glosas, negativas e outras)', type: 'dm_tipoGlosa' },
  40: { slug: 'origem-guia', name: 'Origem da guia (Envio de Dados)', type: 'dm_origemEventoAtencaoSaude' },
  60: { slug: 'unidade-medida', name: 'Unidade de medida', type: 'dm_unidadeMedida' },
  75: { slug: 'cobertura-especial', name: 'Cobertura especial', type: 'dm_cobEsp' },
  76: { slug: 'regime-atendimento', name: 'Regime de atendimento', type: 'dm_regimeAtendimento' },
  77: { slug: 'saude-ocupacional', name: 'Saúde ocupacional', type: 'dm_saudeOcupacional' },
  78: { slug: 'tipo-pagamento', name: 'Tipo de pagamento', type: 'dm_tipoPagamento' },
  79: { slug: 'modelo-remuneracao', name: 'Modelo de remuneração entre operadoras e prestadores', type: 'dm_formaRemuneracao' },
  80: { slug: 'formato-documento', name: 'Formato do documento', type: 'dm_formatoDocumento' },
  81: { slug: 'tipo-documento', name: 'Tipo do documento', type: 'dm_tipoDocumento' },
};

/** Every schema set beside us (one folder per version, as the manifest names them), oldest first. */
const SETS = JSON.parse(readFileSync(join(ROOT, 'schemas', 'manifest.json'), 'utf8')).versions.map((v) => ({
  id: v.id,
  file: join(SHARED, 'tiss-schemas', v.id, v.files.find((f) => f.name.startsWith('tissSimpleTypes')).name),
}));

/** The enumeration of a simple type (comments left out) and the type's whole text (comments kept), or null. */
function enumerationsAndComment(file, type) {
  const xsd = readFileSync(file, 'latin1');
  const m = new RegExp(`<simpleType name="${type}">([\\s\\S]*?)</simpleType>`).exec(xsd);
  if (!m) return null;
  return { values: [...m[1].replace(/<!--[\s\S]*?-->/g, '').matchAll(/<enumeration value="([^"]*)"/g)].map((x) => x[1]), body: m[1] };
}

for (const [num, meta] of Object.entries(META)) {
  const table = Number(num);
  // The type in every schema set that declares it: a code enumerated by only some of them says which.
  const perSet = SETS.map((s) => ({ id: s.id, found: enumerationsAndComment(s.file, meta.type) })).filter((s) => s.found);
  const xsd = perSet.map((s) => ({ version: s.id, type: meta.type }));
  const order = [];
  for (const s of perSet) for (const v of s.found.values) if (!order.includes(v)) order.push(v);
  const where = (code) => perSet.filter((s) => s.found.values.includes(code)).map((s) => s.id);
  const versionsOf = (code) => (where(code).length === perSet.length ? {} : { versions: where(code) });
  let codes;
  let source;
  const notes = [];
  if (table === 38) {
    // Descriptions from the comments of every version (4.03.00 and Monitoramento 1.06.00 describe the codes they add).
    const desc = new Map();
    for (const s of perSet) for (const x of s.found.body.matchAll(/^\s*(\d{4})\s+(.+?)\s*$/gm)) if (!desc.has(x[1])) desc.set(x[1], x[2]);
    codes = order.map((code) => ({ code, description: code === '' ? '(em branco)' : desc.get(code) ?? null, start: null, end: null, ...versionsOf(code) }));
    notes.push('O XSD enumera também o código vazio (<enumeration value=""/>): um código em branco é aceito pelo esquema (não no Monitoramento 1.06.00).');
    notes.push('3167 e 3168 entram na 4.01.00; 3169 a 3312 na 4.03.00; 5063 a 5086 no Monitoramento 1.04.01 (aqui, 1.06.00): cada código diz em que versões existe.');
    source = 'ANS, Padrão TISS: comentários do tipo dm_tipoGlosa em tissSimpleTypesV4_00_00.xsd, tissSimpleTypesV4_03_00.xsd e tissSimpleTypesMonitoramentoV1_06_00.xsd; códigos por versão das enumerações de cada XSD';
    notes.push('Vigência por código não publicada no XSD.');
  } else {
    const rows = tsv.filter((r) => Number(r[0]) === table);
    const byCode = new Map(rows.map((r) => [r[1], r]));
    codes = order.map((code) => {
      const r = byCode.get(code);
      return { code, description: r?.[2] ?? null, start: r?.[3] || null, end: r?.[4] || null, ...versionsOf(code) };
    });
    source = [...new Set(rows.filter((r) => !/NOT valid in 4\.00\.00/.test(r[5])).map((r) => r[5].replace(/\s*\[EXTRA[^\]]*\]/, '')))][0];
    const later = codes.filter((c) => c.versions);
    if (later.length) notes.push(`Nem todo código vale em toda versão: ${later.map((c) => `${c.code} (${c.versions.join(', ')})`).join('; ')}.`);
    notes.push('Datas de vigência (início/fim) não publicadas nas fontes consultadas: ficam vazias, não inventadas.');
  }
  const body = { table, name: meta.name, source, xsd, notes, codes };
  writeFileSync(join(ROOT, 'tables', `${num}-${meta.slug}.json`), `${JSON.stringify(body, null, 2)}\n`);
  console.log(`tables/${num}-${meta.slug}.json: ${codes.length} códigos, ${xsd.length} versões`);
}
