// What a CLI command may touch: its streams, environment and working directory. Tests pass
// their own; main.ts passes the process's.

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Whether stdout is a terminal (colours only then, and never with NO_COLOR). */
  isTTY: boolean;
}

/** A usage or configuration error: exit code 2 with this one line on stderr. */
export class CliError extends Error {}

export const EXIT = { ok: 0, checkFailed: 1, usage: 2 } as const;

export function useColor(io: CliIO): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return io.isTTY && io.env.TERM !== 'dumb';
}
