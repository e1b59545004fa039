import type { XNode } from '../xml/tree.js';

/**
 * The Tabela 38 (`dm_tipoGlosa`) code an XSD error gets when the field says more than the catalogue's
 * default (5001, MENSAGEM ELETRÔNICA FORA DO PADRÃO TISS; 5007 for a missing element): a malformed CPF is
 * 1206, a carteira 1001. Each code is here because its Tabela 38 text names that field; a field the table
 * has no code for keeps the default. README quotes every code (generated from GLOSA_FIELDS below).
 */

/** A value the XSD refuses (enumeration, pattern, length, digits, range, date, type) in this element. */
const INVALID: Record<string, readonly string[]> = {
  // 1001 NÚMERO DA CARTEIRA INVÁLIDO
  numeroCarteira: ['1001'],
  // 1002 NÚMERO DO CARTÃO NACIONAL DE SAÚDE INVÁLIDO
  numeroCartaoNacionalSaude: ['1002'],
  numeroCNS: ['1002'],
  // 1202 NÚMERO DO CNES INVÁLIDO
  CNES: ['1202'],
  cnes: ['1202'],
  cnesContratado: ['1202'],
  cnesContratadoExecutante: ['1202'],
  cnesExec: ['1202'],
  // 1203 CÓDIGO PRESTADOR INVÁLIDO
  codigoPrestadorNaOperadora: ['1203'],
  // 1206 CPF / CNPJ INVÁLIDO
  CPF: ['1206'],
  CNPJ: ['1206'],
  cpfContratado: ['1206'],
  cnpjContratado: ['1206'],
  cnpjLocalExecutante: ['1206'],
  codigoCNPJ_CPF: ['1206'],
  cpfBeneficiario: ['1206'],
  numeroCNPJ: ['1206'],
  CNPJFornecedor: ['1206'],
  // 1213 CBO (ESPECIALIDADE) INVÁLIDO
  CBOS: ['1213'],
  CBO: ['1213'],
  cbosSolic: ['1213'],
  cbosExec2: ['1213'],
  cboExecutante: ['1213'],
  // 1301 TIPO GUIA INVÁLIDO
  tipoGuia: ['1301'],
  // 1307 NÚMERO DA GUIA INVÁLIDO
  numeroGuiaPrestador: ['1307'],
  numeroGuiaOperadora: ['1307'],
  numeroGuia_prestador: ['1307'],
  numeroGuia_operadora: ['1307'],
  // 1503 INDICADOR DE ACIDENTE INVÁLIDO
  indicacaoAcidente: ['1503'],
  // 1505 REGIME DA INTERNAÇÃO INVÁLIDO
  regimeInternacao: ['1505'],
  // 1506 TIPO DE INTERNAÇÃO INVÁLIDO
  tipoInternacao: ['1506'],
  // 1509 CÓDIGO CID INVÁLIDO
  diagnosticoCID: ['1509'],
  // 1602 TIPO DE ATENDIMENTO INVÁLIDO OU NÃO INFORMADO
  tipoAtendimento: ['1602'],
  // 1603 TIPO DE CONSULTA INVÁLIDO
  tipoConsulta: ['1603'],
  // 1610 ÓBITO MULHER INVÁLIDO
  obitoMulher: ['1610'],
  // 3106 REGISTRO ANVISA INVÁLIDO OU NÃO INFORMADO
  registroANVISA: ['3106'],
  // 3148 TIPO DE TRANSAÇÃO INVÁLIDO
  tipoTransacao: ['3148'],
  // 3150 CÓDIGO DA TABELA INVÁLIDO
  codigoTabela: ['3150'],
  // 3167 SEQUENCIAL INVÁLIDO (4.01.00 onward)
  sequencialItem: ['3167'],
  // 3269 NÚMERO DO CONSELHO/UF DO PROFISSIONAL INATIVO, NÃO INFORMADO OU INVÁLIDO (4.03.00 onward); the UF
  // only beside a conselho (other UFs are addresses)
  conselhoProfissional: ['3269'],
  numeroConselhoProfissional: ['3269'],
  // 5025 DATA DE REGISTRO DA TRANSAÇÃO INVÁLIDA
  dataRegistroTransacao: ['5025'],
  // 5026 HORA DE REGISTRO DA TRANSAÇÃO INVÁLIDA
  horaRegistroTransacao: ['5026'],
  // 5027 REGISTRO ANS DA OPERADORA INVÁLIDO
  registroANS: ['5027'],
  registroANSOperadoraIntermediaria: ['5027'],
  // 5028 VERSÃO DO PADRÃO INVÁLIDA
  Padrao: ['5028'],
  versaoPadrao: ['5028'],
  // 5030 CÓDIGO DO MUNÍCIPIO INVÁLIDO
  municipioExecutante: ['5030'],
  municipioPrestador: ['5030'],
  municipioResidencia: ['5030'],
  // 5031 CARÁTER DE ATENDIMENTO INVÁLIDO (every version; 3180 repeats the text in 4.03.00 only)
  caraterAtendimento: ['5031'],
  // 5032 INDICADOR DE RECÉM-NATO INVÁLIDO
  atendimentoRN: ['5032'],
  indicacaoRecemNato: ['5032'],
  // 5033 MOTIVO DE ENCERRAMENTO INVÁLIDO
  motivoEncerramento: ['5033'],
  // 5037 CÓDIGO DO DENTE INVÁLIDO; 5038 CÓDIGO DA REGIÃO DA BOCA INVÁLIDO; 5039 CÓDIGO DA FACE DO DENTE INVÁLIDO
  codDente: ['5037'],
  codRegiao: ['5038'],
  denteFace: ['5039'],
  // 5046 COMPETENCIA INVÁLIDA
  competenciaLote: ['5046'],
  // 5048 DATA DE NASCIMENTO DO BENEFICIÁRIO INVÁLIDA
  dataNascimento: ['5048'],
  // 5074 REGIME DE ATENDIMENTO INVÁLIDO (Monitoramento 1.06.00)
  regimeAtendimento: ['5074'],
};

/** A mandatory element the XSD finds missing, when it is the only one expected there. */
const MISSING: Record<string, readonly string[]> = {
  // 1317 GUIA SEM DATA DO ATENDIMENTO
  dataAtendimento: ['1317'],
  // 1508 CÓDIGO CID NÃO INFORMADO
  diagnosticoCID: ['1508'],
  // 1602 TIPO DE ATENDIMENTO INVÁLIDO OU NÃO INFORMADO
  tipoAtendimento: ['1602'],
  // 3106 REGISTRO ANVISA INVÁLIDO OU NÃO INFORMADO
  registroANVISA: ['3106'],
  // 3269 NÚMERO DO CONSELHO/UF DO PROFISSIONAL INATIVO, NÃO INFORMADO OU INVÁLIDO (4.03.00 onward)
  numeroConselhoProfissional: ['3269'],
  // 5014 CÓDIGO HASH INVÁLIDO. MENSAGEM PODE ESTAR CORROMPIDA. (the hash finding says the same)
  hash: ['5014'],
  // 5035 CÓDIGO DA TABELA DE REFERÊNCIA NÃO INFORMADO
  codigoTabela: ['5035'],
  // 5041 QUANTIDADE NÃO INFORMADA
  quantidadeExecutada: ['5041'],
  quantidadeInformada: ['5041'],
  qtdExecutada: ['5041'],
  // 5047 NÚMERO DO LOTE NÃO INFORMADO
  numeroLote: ['5047'],
  // 5034 VALOR NÃO INFORMADO
  valorInformado: ['5034'],
  valorUnitario: ['5034'],
  valorTotal: ['5034'],
  valorProcedimento: ['5034'],
};

/** 5015 NÚMERO DE GUIAS/DEMONSTRATIVOS DENTRO DA MENSAGEM SUPERIOR AO TAMANHO MÁXIMO PERMITIDO. */
const TOO_MANY_GUIAS = ['5015'] as const;

/** Every field-specific code, for README and the test that each one is in Tabela 38. */
export const GLOSA_FIELDS: { invalid: Readonly<Record<string, readonly string[]>>; missing: Readonly<Record<string, readonly string[]>>; tooManyGuias: readonly string[] } = {
  invalid: INVALID,
  missing: MISSING,
  tooManyGuias: TOO_MANY_GUIAS,
};

const VALUE_CODES = new Set(['TISS-XSD-ENUMERATION', 'TISS-XSD-PATTERN', 'TISS-XSD-LENGTH', 'TISS-XSD-DIGITS', 'TISS-XSD-RANGE', 'TISS-XSD-DATE', 'TISS-XSD-TYPE']);

/**
 * The field's glosa for an XSD finding, or undefined to keep the code's default. `exists` says whether the
 * checked version's Tabela 38 has a code (3269 only from 4.03.00): a code it lacks is dropped, and with
 * none left the default stands.
 */
export function xsdGlosa(code: string, data: Record<string, unknown> | undefined, node: XNode | undefined, exists: (code: string) => boolean = () => true): readonly string[] | undefined {
  const element = typeof data?.element === 'string' ? data.element : undefined;
  let found: readonly string[] | undefined;
  if (VALUE_CODES.has(code) && element) {
    found = INVALID[element];
    if (!found && element === 'UF' && node?.parent?.children.some((c) => c.local === 'conselhoProfissional')) found = INVALID.conselhoProfissional;
  } else if (code === 'TISS-XSD-MISSING-ELEMENT' && Array.isArray(data?.expected) && data.expected.length === 1) {
    found = MISSING[String(data.expected[0])];
  } else if (code === 'TISS-XSD-MAX-OCCURS' && element && /^guia(?!sTISS)/.test(element)) {
    found = TOO_MANY_GUIAS;
  }
  const kept = found?.filter(exists);
  return kept && kept.length > 0 ? kept : undefined;
}
