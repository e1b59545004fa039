import type { Rule } from '../types.js';
import { monCamposInternacao } from './campos-internacao.js';
import { monCaraterAtendimento } from './carater-atendimento.js';
import { monCboExecutante } from './cbo-executante.js';
import { monCidInternacao } from './cid-internacao.js';
import { monCoparticipacao } from './coparticipacao.js';
import { monDataFimPeriodo } from './data-fim-periodo.js';
import { monDataInicialFaturamento } from './data-inicial-faturamento.js';
import { monDataPagamento } from './data-pagamento.js';
import { monDataSolicitacao } from './data-solicitacao.js';
import { monDeclaracaoNascido } from './declaracao-nascido.js';
import { monDeclaracaoObito } from './declaracao-obito.js';
import { monDenteFaceOdonto } from './dente-face-odonto.js';
import { monDetalhePacote } from './detalhe-pacote.js';
import { monExecutanteCnpjInternacao } from './executante-cnpj-internacao.js';
import { monFormaRemuneracao } from './forma-remuneracao.js';
import { monGrupoTabela63 } from './grupo-tabela63.js';
import { monGuiaOperadoraZeros } from './guia-operadora-zeros.js';
import { monGuiaPrestadorZeros } from './guia-prestador-zeros.js';
import { monGuiaPrincipal } from './guia-principal.js';
import { monGuiaSolicInternacao } from './guia-solic-internacao.js';
import { monIdReembolso } from './id-reembolso.js';
import { monIndicacaoAcidente } from './indicacao-acidente.js';
import { monOperadoraIntermediaria } from './operadora-intermediaria.js';
import { monRecemNato } from './recem-nato.js';
import { monRegimeAtendimento } from './regime-atendimento.js';
import { monSaudeOcupacional } from './saude-ocupacional.js';
import { monTipoAtendimento } from './tipo-atendimento.js';
import { monTipoConsulta } from './tipo-consulta.js';
import { monTipoFaturamento } from './tipo-faturamento.js';
import { monUnidadeMedida } from './unidade-medida.js';

/** Envio de Dados (Monitoramento TISS) 1.02.00. */
export const rules: Rule[] = [
  // Errors: primary (mudanças 4.00.00, Envio de Dados) or corroborated.
  monGuiaPrestadorZeros,
  monIdReembolso,
  monTipoConsulta,
  monRegimeAtendimento,
  monSaudeOcupacional,
  // Warnings: ANS critics transcribed by third parties.
  monGuiaOperadoraZeros,
  monGuiaSolicInternacao,
  monGuiaPrincipal,
  monDataSolicitacao,
  monDataInicialFaturamento,
  monDataFimPeriodo,
  monDataPagamento,
  monCboExecutante,
  monRecemNato,
  monIndicacaoAcidente,
  monCaraterAtendimento,
  monCamposInternacao,
  monCidInternacao,
  monTipoAtendimento,
  monTipoFaturamento,
  monDeclaracaoNascido,
  monDeclaracaoObito,
  monExecutanteCnpjInternacao,
  monOperadoraIntermediaria,
  monGrupoTabela63,
  monDetalhePacote,
  monDenteFaceOdonto,
  monCoparticipacao,
  monFormaRemuneracao,
  monUnidadeMedida,
];
