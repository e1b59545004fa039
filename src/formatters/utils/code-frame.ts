/**
 * A `tsc --pretty`-style frame: the line of the finding with one line of context above and below,
 * and a caret under the column. TISS files are often a single line of hundreds of kilobytes, so
 * long lines are cut to a window around the column (no package we measured does this).
 */
export interface FrameStyle {
  gutter: (s: string) => string;
  marker: (s: string) => string;
}

const WIDTH = 100;
const plain: FrameStyle = { gutter: (s) => s, marker: (s) => s };

export function codeFrame(source: string, line: number, column: number | null, style: FrameStyle = plain, context = 1): string {
  const lines = source.split(/\r?\n/);
  if (line < 1 || line > lines.length) return '';
  const first = Math.max(1, line - context);
  const last = Math.min(lines.length, line + context);
  const numberWidth = String(last).length;
  // One window for all shown lines, centred on the column of the finding's line.
  const target = lines[line - 1]!;
  const col = column && column > 0 ? column - 1 : firstNonBlank(target);
  const start = target.length > WIDTH ? Math.max(0, Math.min(col - Math.floor(WIDTH / 3), target.length - WIDTH)) : 0;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const text = window(lines[n - 1]!.replace(/\t/g, ' '), start);
    const mark = n === line ? style.marker('>') : ' ';
    out.push(`${mark} ${style.gutter(`${String(n).padStart(numberWidth)} |`)} ${text}`);
    if (n === line && column && column > 0) {
      const offset = col - start + (start > 0 ? 1 : 0);
      out.push(`  ${style.gutter(`${' '.repeat(numberWidth)} |`)} ${' '.repeat(Math.max(0, offset))}${style.marker('^')}`);
    }
  }
  return out.join('\n');
}

function window(text: string, start: number): string {
  if (text.length <= WIDTH && start === 0) return text;
  const slice = text.slice(start, start + WIDTH);
  return `${start > 0 ? '…' : ''}${slice}${start + WIDTH < text.length ? '…' : ''}`;
}

function firstNonBlank(s: string): number {
  const m = /\S/.exec(s);
  return m ? m.index : 0;
}
