import type { ReportArgs } from './types.js';

/** `{{name}}` in a rule's message or fix. */
const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** The placeholder names of a template, in order of first use. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/** The template with every placeholder replaced by its argument (one pass: an argument is never read as a template). */
export function fillTemplate(template: string, args: ReportArgs): string {
  return template.replace(PLACEHOLDER, (_, name: string) => String(args[name]));
}

/** A template with its placeholders shown to people: `{{valor}}` → `«valor»`. */
export function showPlaceholders(template: string): string {
  return template.replace(PLACEHOLDER, (_, name: string) => `«${name}»`);
}

/**
 * The message and fix texts of one report. Throws (the engine turns it into a TISS-INTERNAL finding)
 * on an undeclared message id, and on an argument missing for a placeholder or given for none.
 */
export function renderReport(
  messages: Readonly<Record<string, string>>,
  fixes: Readonly<Record<string, string>>,
  messageId: string,
  args: ReportArgs = {},
): { message: string; fix: string | null } {
  if (!Object.hasOwn(messages, messageId)) throw new Error(`mensagem "${messageId}" não declarada em meta.messages`);
  const message = messages[messageId]!;
  const fix = Object.hasOwn(fixes, messageId) ? fixes[messageId]! : null;
  const used = new Set([...placeholdersOf(message), ...(fix === null ? [] : placeholdersOf(fix))]);
  const missing = [...used].filter((name) => !Object.hasOwn(args, name));
  if (missing.length > 0) throw new Error(`mensagem "${messageId}" sem valor para ${missing.map((n) => `{{${n}}}`).join(', ')}`);
  const extra = Object.keys(args).filter((name) => !used.has(name));
  if (extra.length > 0) throw new Error(`mensagem "${messageId}" recebeu valor para ${extra.map((n) => `{{${n}}}`).join(', ')}, que ela não usa`);
  return { message: fillTemplate(message, args), fix: fix === null ? null : fillTemplate(fix, args) };
}
