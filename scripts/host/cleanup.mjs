// Everything a script starts registers how to stop it; `runCleanups` runs the pending ones newest
// first, each once, on success, on failure and on Ctrl-C / SIGTERM (a script with several runs
// may call it between them).
const cleanups = [];
let running;
let stopping = false;

export function onCleanup(label, fn) {
  cleanups.push({ label, fn });
}

/** True once stopping has begun (so an exit that follows is expected, not a crash). */
export function isStopping() {
  return stopping;
}

export function runCleanups() {
  running ??= (async () => {
    while (cleanups.length) {
      const { label, fn } = cleanups.pop();
      try {
        await fn();
      } catch (error) {
        console.error(`[cleanup] ${label}: ${error.message}`);
      }
    }
  })().finally(() => (running = undefined));
  return running;
}

/** Ctrl-C and SIGTERM stop everything, then exit with 130 / 143. */
export function cleanupOnSignals() {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ]) {
    process.once(signal, () => {
      stopping = true;
      console.error(`\n[${signal}] stopping…`);
      runCleanups().finally(() => process.exit(code));
    });
  }
}

/**
 * Runs a script's main() with cleanups on every path and exits with its status (1 on a throw,
 * after printing `describe(error)`).
 */
export async function runMain(main, describe) {
  cleanupOnSignals();
  let status = 1;
  try {
    status = await main();
  } catch (error) {
    console.error(describe(error));
  } finally {
    await runCleanups();
  }
  process.exit(status);
}
