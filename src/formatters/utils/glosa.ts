import { visible } from './visible.js';

/** `1405 — DATA DE VALIDADE DA SENHA É ANTERIOR A DATA DO ATENDIMENTO`, or the code alone when its text is unknown. */
export function glosaWithText(code: string, glosaText: ((code: string) => string | null) | undefined): string {
  const text = glosaText?.(code);
  return text ? `${code} — ${visible(text)}` : code;
}
