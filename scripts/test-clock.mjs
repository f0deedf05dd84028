// The unit suite once more at a chosen clock: 23:30 UTC on the last day of this quarter, where the
// next hour is another day, month, quarter and (in Q4) year. Reports hold saved outputs while the
// clock cannot change them (warm.ts), ranges end at period and week boundaries, ages count whole
// days: a test that passes at noon and fails at 23:30 is a bug that CI would otherwise find only
// by running at that hour (it did once). The clock is moved by libfaketime (Debian's faketime),
// for this process tree only, and runs on from there; timers keep the real monotonic clock.
// Installed as root on Debian when missing; elsewhere the run says how to install it and passes.
import { spawnSync } from 'node:child_process';
import { has, installMissing } from './host/prereqs.mjs';

/** 23:30:00 UTC on the last day of the quarter `now` is in (of the next one when that is past). */
export function quarterEndEvening(now = new Date()) {
  for (let q = Math.floor(now.getUTCMonth() / 3); ; q++) {
    const evening = new Date(Date.UTC(now.getUTCFullYear(), q * 3 + 3, 0, 23, 30)); // day 0 = the last of the month before
    if (evening.getTime() > now.getTime()) return evening;
  }
}

const missing = installMissing(() => (has('faketime') ? [] : ['faketime']));
if (missing.length > 0) {
  if (process.env.CI) throw new Error('faketime is missing and could not be installed (apt-get install faketime, as root)');
  console.log("[clock] faketime not found: the suite at 23:30 on a quarter's last day is skipped (sudo apt-get install faketime)");
  process.exit(0);
}
const at = quarterEndEvening().toISOString().replace('T', ' ').slice(0, 19);
console.log(`[clock] the unit suite again, at ${at} UTC`);
const run = spawnSync('faketime', [at, process.execPath, 'node_modules/mocha/bin/mocha.js', '--reporter', 'dot'], {
  stdio: 'inherit',
  env: { ...process.env, TZ: 'UTC', FAKETIME_DONT_FAKE_MONOTONIC: '1' },
});
process.exit(run.status ?? 1);
