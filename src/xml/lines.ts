/**
 * Where each line starts. Lines end at LF (a CRLF ends at its LF). A lone CR (old Mac files) does not
 * start a line: libxml2 counts lines so (measured: a CR-only file is all "line 1" in its errors), and the
 * line of every finding must be the one xmllint gives. Code frames show such a CR escaped.
 */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 1-based line and column of a char offset. */
export function lineColumn(lineStarts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
}
