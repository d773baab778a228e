/** A small `--name value` / `--name=value` / `--flag` parser: enough for two commands, no dependency. */
export interface OptionSpec {
  type: 'string' | 'number' | 'boolean';
  help: string;
  default?: string | number | boolean;
}

export type Parsed<S extends Record<string, OptionSpec>> = {
  [K in keyof S]: S[K]['type'] extends 'number' ? number : S[K]['type'] extends 'boolean' ? boolean : string;
};

export class UsageError extends Error {}

export function parseArgs<S extends Record<string, OptionSpec>>(argv: string[], spec: S): Parsed<S> {
  const out: Record<string, unknown> = {};
  for (const [name, s] of Object.entries(spec)) if (s.default !== undefined) out[name] = s.default;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new UsageError(`Unexpected argument "${arg}".`);
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const s = spec[name];
    if (!s) throw new UsageError(`Unknown option --${name}.`);
    if (s.type === 'boolean') {
      out[name] = inline === undefined ? true : inline !== 'false';
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value.`);
    if (s.type === 'number') {
      const n = Number(value);
      if (!Number.isFinite(n)) throw new UsageError(`--${name} must be a number, not "${value}".`);
      out[name] = n;
    } else out[name] = value;
  }
  return out as Parsed<S>;
}

export function usage(command: string, spec: Record<string, OptionSpec>): string {
  const lines = Object.entries(spec).map(([name, s]) => {
    const value = s.type === 'boolean' ? '' : s.type === 'number' ? ' N' : ' VALUE';
    const def = s.default !== undefined && s.type !== 'boolean' ? ` (default ${s.default})` : '';
    return `${`  --${name}${value}`.padEnd(26)}${s.help}${def}`;
  });
  return `Usage: ${command} [options]\n${lines.join('\n')}`;
}
