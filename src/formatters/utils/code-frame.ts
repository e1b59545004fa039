import { cutPoint as boundary } from '../../findings/quote.js';
import { lineStartsOf } from '../../xml/lines.js';
import { visible } from './visible.js';

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

/**
 * A file's text indexed by line once, so that 10,000 findings cost 10,000 small slices, not 10,000
 * splits of the whole file (issue 9, item 10: 287 s for an 8.7 MB lote in text before). Lines end at LF,
 * as the line numbers of findings count them (a CRLF's CR is dropped; a lone CR stays and is shown escaped).
 */
export class SourceLines {
  private readonly starts: number[];
  constructor(readonly text: string) {
    this.starts = lineStartsOf(text);
  }

  get count(): number {
    return this.starts.length;
  }

  /** Line `n` (1-based) without its line end. */
  line(n: number): string {
    const from = this.starts[n - 1]!;
    const next = this.starts[n];
    let to = next === undefined ? this.text.length : next - 1;
    if (to > from && this.text.charCodeAt(to - 1) === 0x0d) to--;
    return this.text.slice(from, to);
  }
}

export function codeFrame(source: string | SourceLines, line: number, column: number | null, style: FrameStyle = plain, context = 1): string {
  const lines = typeof source === 'string' ? new SourceLines(source) : source;
  if (line < 1 || line > lines.count) return '';
  const first = Math.max(1, line - context);
  const last = Math.min(lines.count, line + context);
  const numberWidth = String(last).length;
  // One window for all shown lines, centred on the column of the finding's line.
  const target = lines.line(line);
  const col = column && column > 0 ? Math.min(column - 1, target.length) : firstNonBlank(target);
  const start = target.length > WIDTH ? boundary(target, Math.max(0, Math.min(col - Math.floor(WIDTH / 3), target.length - WIDTH))) : 0;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    // Only the window is copied and escaped: a minified lote is one line of megabytes, and a frame per
    // finding must not cost the whole line (10,000 findings on one line were quadratic).
    const text = lines.line(n);
    const shown = window(text, start);
    const mark = n === line ? style.marker('>') : ' ';
    out.push(`${mark} ${style.gutter(`${String(n).padStart(numberWidth)} |`)} ${shown}`);
    if (n === line && column && column > 0) {
      // The caret sits under the column in the text as shown: escapes (`\x1b`) take more than one cell.
      const offset = visible(text.slice(start, Math.max(start, col))).length + (start > 0 ? 1 : 0);
      out.push(`  ${style.gutter(`${' '.repeat(numberWidth)} |`)} ${' '.repeat(Math.max(0, offset))}${style.marker('^')}`);
    }
  }
  return out.join('\n');
}

/** The text between `start` and `start + WIDTH`, ellipses where cut, control characters escaped. */
function window(text: string, start: number): string {
  if (text.length <= WIDTH && start === 0) return visible(text.replace(/\t/g, ' '));
  const end = boundary(text, Math.min(text.length, start + WIDTH));
  const slice = text.slice(start, end).replace(/\t/g, ' ');
  return `${start > 0 ? '…' : ''}${visible(slice)}${end < text.length ? '…' : ''}`;
}

function firstNonBlank(s: string): number {
  const m = /\S/.exec(s);
  return m ? m.index : 0;
}
