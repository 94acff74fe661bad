/** A tiny `--flag value` parser; the CLIs need nothing more. `booleans` never take a value. */
export function parseArgs(argv: string[], booleans: string[] = []): { flags: Record<string, string | true>; rest: string[] } {
  const flags: Record<string, string | true> = {};
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      rest.push(a);
      continue;
    }
    const [k, inline] = a.slice(2).split('=', 2);
    if (inline !== undefined) flags[k] = inline;
    else if (!booleans.includes(k) && i + 1 < argv.length && !argv[i + 1].startsWith('--')) flags[k] = argv[++i];
    else flags[k] = true;
  }
  return { flags, rest };
}

export const DEFAULT_SOURCE = new URL('../../../shared/data', import.meta.url).pathname;
