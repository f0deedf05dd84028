// How long a call takes, as CPU time (what the code costs) and wall time (what a person waits).
// Tests assert on CPU time: the test machine is shared, and its wall time measures the neighbours.

export interface Timed<T> {
  result: T;
  cpuMs: number;
  wallMs: number;
}

export function timed<T>(run: () => T): Timed<T> {
  const [wall, cpu] = [process.hrtime.bigint(), process.cpuUsage()];
  const result = run();
  const used = process.cpuUsage(cpu);
  return { result, cpuMs: (used.user + used.system) / 1000, wallMs: Number(process.hrtime.bigint() - wall) / 1e6 };
}

export async function timedAsync<T>(run: () => Promise<T>): Promise<Timed<T>> {
  const [wall, cpu] = [process.hrtime.bigint(), process.cpuUsage()];
  const result = await run();
  const used = process.cpuUsage(cpu);
  return { result, cpuMs: (used.user + used.system) / 1000, wallMs: Number(process.hrtime.bigint() - wall) / 1e6 };
}

/**
 * `run` timed until its CPU time is under `boundMs`, at most `tries` times: the best run. A bound
 * guards against super-linear blow-up (seconds to minutes), so a run that a busy machine's
 * neighbours slowed (steal time, caches) is measured again instead of failing; a real blow-up
 * misses the bound every time.
 */
export function timedWithin<T>(boundMs: number, run: () => T, tries = 3): Timed<T> {
  let best = timed(run);
  for (let i = 1; i < tries && best.cpuMs >= boundMs; i++) {
    const again = timed(run);
    if (again.cpuMs < best.cpuMs) best = again;
  }
  return best;
}
