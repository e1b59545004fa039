import { decimal, text } from '../xml/query.js';
import type { XNode } from '../xml/tree.js';
import { child } from '../xml/tree.js';
import type { MessageInfo } from './kind.js';
import { guiaNumberOf } from './where.js';

/** What an intake desk looks at: which prestador, which guias, how much is being charged. */
export interface MessageFacts {
  /** numeroGuiaPrestador of each guia of the lote / Envio de Dados, in order. */
  numerosGuia: string[];
  /** Identification of the prestador (CNPJ, CPF or código na operadora) in the cabeçalho. */
  prestador: string | null;
  /** Sum of the guias' informed totals (valor informado), or null when the message has no guias. */
  valorInformado: number | null;
  /** Each guia as a faturista finds it: number, kind, beneficiário (carteira, and name where the version has one), informed total. */
  guiasResumo: GuiaResumo[];
}

export interface GuiaResumo {
  numero: string | null;
  tipo: string;
  beneficiario: string | null;
  valor: number | null;
}

/** The beneficiário of a guia: carteira number, and the name when the guia carries one. */
function beneficiarioDaGuia(g: XNode): string | null {
  const dados = child(g, 'dadosBeneficiario') ?? child(g, 'beneficiario');
  if (!dados) return null;
  const carteira = text(dados, 'numeroCarteira') ?? text(dados, 'numeroCartaoNacionalSaude') ?? null;
  const nome = text(dados, 'nomeBeneficiario') ?? text(dados, 'nomeSocialBeneficiario') ?? null;
  return [carteira, nome].filter((x) => x).join(' — ') || null;
}

/** Informed total of one guia, by kind. */
function valorDaGuia(g: XNode): number | undefined {
  switch (g.local) {
    case 'guiaConsulta':
      return decimal(g, 'dadosAtendimento', 'procedimento', 'valorProcedimento');
    case 'guiaSP-SADT':
    case 'guiaResumoInternacao':
      return decimal(g, 'valorTotal', 'valorTotalGeral');
    case 'guiaHonorarios':
      return decimal(g, 'valorTotalHonorarios');
    case 'guiaOdonto':
      return decimal(g, 'valorTotalProc');
    case 'guiaMonitoramento':
      return decimal(g, 'valoresGuia', 'valorTotalInformado');
    default:
      return undefined;
  }
}

export function messageFacts(m: MessageInfo): MessageFacts {
  const cab = child(m.element, 'cabecalho');
  const ident = child(child(cab, m.direction === 'operadoraParaPrestador' ? 'destino' : 'origem'), 'identificacaoPrestador');
  const prestador = ident ? (text(ident, 'CNPJ') ?? text(ident, 'CPF') ?? text(ident, 'codigoPrestadorNaOperadora') ?? null) : null;
  let valor: number | null = null;
  for (const g of m.guiaElements) {
    const v = valorDaGuia(g);
    if (v !== undefined) valor = Math.round(((valor ?? 0) + v) * 100) / 100;
  }
  return {
    numerosGuia: m.guiaElements.map((g) => guiaNumberOf(g.children[0] ?? g)).filter((n): n is string => n !== null),
    prestador,
    valorInformado: valor,
    guiasResumo: m.guiaElements.map((g) => ({ numero: guiaNumberOf(g.children[0] ?? g), tipo: g.local, beneficiario: beneficiarioDaGuia(g), valor: valorDaGuia(g) ?? null })),
  };
}
