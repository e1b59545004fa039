import type { Rule } from '../types.js';
import { cnesFormato } from './cnes.js';
import { cnpjDv } from './cnpj.js';
import { cnsDv } from './cns.js';
import { cpfDv } from './cpf.js';

/** CPF, CNPJ, CNS and CNES: check digits and formats the XSD does not check. */
export const rules: Rule[] = [cpfDv, cnpjDv, cnsDv, cnesFormato];
