/** The CLIs' command lines, read with Node's own parser (`node:util` parseArgs). */
import { parseArgs } from 'node:util';

/**
 * `--flag value` for each of `strings`, bare `--flag` for each of `booleans`, the rest positional.
 * An unknown flag or a missing value stops the CLI with `usage` instead of being ignored.
 */
export function cliArgs(spec: { strings?: string[]; booleans?: string[]; usage: string }): {
  flags: Record<string, string | boolean | undefined>;
  rest: string[];
} {
  const options = Object.fromEntries([
    ...(spec.strings ?? []).map((k) => [k, { type: 'string' as const }]),
    ...(spec.booleans ?? []).map((k) => [k, { type: 'boolean' as const }]),
  ]);
  try {
    const { values, positionals } = parseArgs({
      args: process.argv.slice(2),
      options,
      allowPositionals: true,
      strict: true,
    });
    return { flags: values as Record<string, string | boolean | undefined>, rest: positionals };
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : e}\nUsage: ${spec.usage}`);
    process.exit(2);
  }
}

export const DEFAULT_SOURCE = new URL('../../../shared/data', import.meta.url).pathname;
