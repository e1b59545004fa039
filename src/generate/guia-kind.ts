import type { FindingCollector } from '../findings/collector.js';
import { elementDecls, type ContentModel } from '../xsd/content-model.js';
import { complexOf, guiaKinds, LOTE, type JsonObject } from './shape.js';

const fieldsCache = new WeakMap<ContentModel, Map<string, Set<string>>>();

/** Field names each kind of guia of a lote takes at its top level (guiaConsulta → {cabecalhoConsulta, …}). */
function guiaFields(model: ContentModel): Map<string, Set<string>> {
  let fields = fieldsCache.get(model);
  if (!fields) {
    fields = new Map([...guiaKinds(model)].map(([name, kind]) => {
      const t = complexOf(kind);
      return [name, new Set(t ? elementDecls(t.content).map((d) => d.name) : [])];
    }));
    fieldsCache.set(model, fields);
  }
  return fields;
}

/** The kinds of guia whose fields include every key of `guia`. */
function kindsFitting(kinds: Map<string, Set<string>>, guia: JsonObject): string[] {
  const keys = Object.keys(guia);
  if (keys.length === 0) return [];
  return [...kinds].filter(([, fields]) => keys.every((k) => fields.has(k))).map(([name]) => name);
}

/**
 * A lote carries guias of one kind (tipoGuia). A guia of another kind in it (a consulta in a lote de
 * SP/SADT) would otherwise show as a dozen "unknown field" findings; this names the real mistake.
 * Returns the indexes of the guias so reported, whose other issues are then left out; reports
 * a missing tipoGuia with the kind the guias look like.
 */
export function checkGuiaKinds(model: ContentModel, input: JsonObject, out: FindingCollector): Set<number> {
  const wrong = new Set<number>();
  if (input.tipo !== LOTE) return wrong;
  const kinds = guiaFields(model);
  const tipoGuia = typeof input.tipoGuia === 'string' ? input.tipoGuia : undefined;
  const declared = tipoGuia ? kinds.get(tipoGuia) : undefined;

  if (input.tipoGuia === undefined) {
    const first = (Array.isArray(input.guias) ? input.guias : []).find((g): g is JsonObject => !!g && typeof g === 'object' && !Array.isArray(g));
    const guess = first ? kindsFitting(kinds, first) : [];
    out.report('TISS-GEN-CAMPO-AUSENTE', {
      message: `tipoGuia: informe o tipo das guias do lote (${[...kinds.keys()].join(', ')}).`,
      path: 'tipoGuia',
      fix: guess.length === 1 ? `As guias parecem ser "${guess[0]}": acrescente "tipoGuia": "${guess[0]}".` : 'Acrescente "tipoGuia" ao lado de "guias".',
      data: { guess },
    });
  }
  if (!declared || !Array.isArray(input.guias)) return wrong;

  const mixed = new Map<string, number[]>();
  input.guias.forEach((g, i) => {
    if (!g || typeof g !== 'object' || Array.isArray(g)) return;
    if (Object.keys(g).every((k) => declared.has(k))) return;
    const fits = kindsFitting(kinds, g);
    if (fits.length === 0) return; // not another kind: the contract reports the unknown fields
    wrong.add(i);
    const kind = fits.join(' ou ');
    mixed.set(kind, [...(mixed.get(kind) ?? []), i]);
    out.report('TISS-GEN-TIPO-GUIA', {
      message: `guias[${i}]: os campos são de uma ${kind}, mas o lote é de ${tipoGuia}; um lote de guias leva guias de um só tipo.`,
      path: `guias[${i}]`,
      fix: `Mande as guias de ${kind} em outro lote (com "tipoGuia": "${fits[0]}"), ou confira se esta guia deveria ser uma ${tipoGuia}.`,
      reference: 'ANS, Padrão TISS 4.00.00 — ctm_guiaLote: guiasTISS é uma escolha de um único tipo de guia',
      data: { tipoGuia, looksLike: fits },
    });
  });
  return wrong;
}
