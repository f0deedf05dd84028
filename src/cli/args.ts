// Argument parsing on node:util's parseArgs, with errors turned into one-line usage errors.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './io';

export type Options = NonNullable<ParseArgsConfig['options']>;

export const COMMON: Options = {
  repo: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

export type Value = string | boolean | string[] | undefined;
export type Values = Record<string, Value>;

export function parse(command: string, args: string[], options: Options): { values: Values; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args, options: { ...COMMON, ...options }, allowPositionals: true, strict: true });
    return { values: values as Values, positionals };
  } catch (error) {
    throw new CliError(`${command}: ${(error as Error).message.split('\n')[0]} (see strategy-align ${command} --help)`);
  }
}

/** A percentage option (0..100). */
export function percentOption(name: string, value: Value): number | undefined {
  if (typeof value !== 'string') return undefined;
  const n = Number(value.replace(/%$/, ''));
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100)
    throw new CliError(`--${name} must be a percentage between 0 and 100, got '${value}'`);
  return n;
}

export function oneOf<T extends string>(name: string, value: Value, allowed: readonly T[], fallback: T): T {
  if (typeof value !== 'string') return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new CliError(`--${name} must be one of ${allowed.join(', ')}, got '${value}'`);
  return value as T;
}

export function exactPositionals(command: string, positionals: string[], names: string[]): string[] {
  if (positionals.length !== names.length) {
    const want = names.length ? names.map((n) => n.toUpperCase()).join(' ') : 'no arguments';
    throw new CliError(
      `${command}: expected ${want}, got ${positionals.length ? positionals.map((p) => `'${p}'`).join(' ') : 'none'} (see strategy-align ${command} --help)`,
    );
  }
  return positionals;
}
