/** The literal names of `it(…)` / `test(…)` calls (also `.only`, `.skip`, `.concurrent`…) in a source file. */
export function testNames(source: string): Set<string> {
  const names = new Set<string>();
  const re = /\b(?:it|test)(?:\.\w+)*\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g;
  for (const m of source.matchAll(re)) names.add(m[2].replace(/\\(.)/g, '$1'));
  return names;
}
