/** All matches of a global regex in a scanned slice, with document offsets (empty matches skipped). */
export function* matches(s: { slice: string; offset: number }, re: RegExp): Generator<{ m: RegExpExecArray; start: number; end: number }> {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s.slice)) !== null) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    yield { m, start: s.offset + m.index, end: s.offset + m.index + m[0].length };
  }
}
