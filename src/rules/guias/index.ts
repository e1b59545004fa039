import type { Rule } from '../types.js';
import { consultaNomeProfPj } from './consulta-nome-prof-pj.js';
import { horaUrgenciaSpSadt } from './hora-urgencia-spsadt.js';
import { itemVinculadoRef } from './item-vinculado-ref.js';
import { opmeAnvisaSemTuss } from './opme-anvisa-sem-tuss.js';
import { opmeRefFabricante } from './opme-ref-fabricante.js';
import { riDeclaracaoNascido } from './ri-declaracao-nascido.js';
import { riDeclaracaoObito } from './ri-declaracao-obito.js';
import { riIndicadorDorn } from './ri-indicador-dorn.js';
import { sadtEquipeGrauPart } from './sadt-equipe-graupart.js';
import { sadtGuiaPrincipalInternado } from './sadt-guia-principal-internado.js';
import { tipoConsulta } from './tipo-consulta.js';
import { valorTotalCategoria } from './valortotal-categoria.js';
import { valorTotalProcedimentos } from './valortotal-procedimentos.js';

/** Lote de guias: consulta, SP/SADT, resumo de internação, honorários. */
export const rules: Rule[] = [
  tipoConsulta,
  sadtGuiaPrincipalInternado,
  horaUrgenciaSpSadt,
  sadtEquipeGrauPart,
  consultaNomeProfPj,
  itemVinculadoRef,
  opmeAnvisaSemTuss,
  opmeRefFabricante,
  valorTotalProcedimentos,
  valorTotalCategoria,
  riDeclaracaoNascido,
  riDeclaracaoObito,
  riIndicadorDorn,
];
