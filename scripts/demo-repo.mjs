// A demo repository for `npm start` and for trying the CLI: a strategy.yaml with four ranked
// goals (one stopped) and history that exercises every way of linking work to a goal:
// branch config, branch name, commit trailers, a note on refs/notes/goals, and a long-running
// untagged branch with backdated commits.
//   node scripts/demo-repo.mjs DIR        (DIR must not exist or be empty)
//   import { createDemoRepo } from './scripts/demo-repo.mjs'
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { git } from './host/git.mjs';

export const DEMO_STRATEGY = `version: 1
period: 2026-Q4
goals:
  - id: faster-checkout
    title: Cut checkout p95 below 400 ms
    status: active
    why: Checkout latency is our top churn driver
    outcome: p95 checkout latency < 400 ms
    share: 50
    match: { paths: ["services/checkout/**"], keywords: [checkout, latency] }
  - id: self-serve-onboarding
    title: Self-serve onboarding for small teams
    status: active
    why: Sales cannot reach small accounts one by one
    share: 30
    match: { paths: ["web/onboarding/**"], keywords: [onboarding, signup] }
  - id: mobile-offline
    title: Offline mode in the mobile app
    status: paused
    why: Field users lose work in basements and trains
  - id: legacy-admin-ui
    title: New features in the legacy admin UI
    status: stopped
    why: The new admin replaces it next quarter; every hour there is an hour lost
    match: { paths: ["admin-legacy/**"] }
settings:
  untagged: { commits: 3, days: 2 }
`;

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.now();

/** Writes the files and commits them, dated `daysAgo` days back (author and committer). */
function commit(dir, daysAgo, files, message) {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  git(dir, ['add', '--', ...Object.keys(files)]);
  const date = new Date(NOW - daysAgo * DAY).toISOString();
  git(dir, ['commit', '--quiet', '-m', message], { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
  return git(dir, ['rev-parse', 'HEAD']);
}

export function createDemoRepo(dir) {
  dir = resolve(dir);
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new Error(`${dir} is not empty`);
  mkdirSync(dir, { recursive: true });
  git(dir, ['init', '--quiet', '--initial-branch=main']);
  // Its own identity, so committing from the sandbox works on a machine without a global one.
  git(dir, ['config', 'user.name', 'Demo Author']);
  git(dir, ['config', 'user.email', 'demo@example.com']);
  commit(
    dir,
    30,
    { 'strategy.yaml': DEMO_STRATEGY, 'README.md': '# Shop\n\nA demo repository for Strategy Align.\n' },
    'Add the team strategy for 2026-Q4',
  );
  commit(dir, 28, { 'services/checkout/cart.js': 'export const cart = [];\n' }, 'Cache cart totals\n\nGoal: faster-checkout');
  commit(dir, 25, { 'web/onboarding/signup.html': '<form id="signup"></form>\n' }, 'Signup form skeleton\n\nGoal: self-serve-onboarding');
  const noted = commit(dir, 21, { 'web/onboarding/copy.md': 'Welcome!\n' }, 'Friendlier welcome copy');
  git(dir, ['notes', '--ref=refs/notes/goals', 'add', '-m', 'Goal: self-serve-onboarding', noted]);
  commit(dir, 18, { 'admin-legacy/export.js': 'export function exportCsv() {}\n' }, 'CSV export in the old admin\n\nGoal: legacy-admin-ui');

  // Tagged through git config: the branch's commits carry no trailer of their own.
  git(dir, ['switch', '--quiet', '-c', 'speed-up-payment']);
  git(dir, ['config', 'branch.speed-up-payment.goal', 'faster-checkout']);
  commit(dir, 6, { 'services/checkout/payment.js': 'export async function pay() {}\n' }, 'Parallelise the payment provider calls');
  commit(
    dir,
    4,
    { 'services/checkout/payment.js': 'export async function pay() { /* timeout 2s */ }\n' },
    'Time out slow payment providers',
  );

  // Tagged by its name (settings.branchPattern: <goal>/<slug>).
  git(dir, ['switch', '--quiet', '-c', 'self-serve-onboarding/invite-teammates', 'main']);
  commit(dir, 3, { 'web/onboarding/invite.html': '<form id="invite"></form>\n' }, 'Invite teammates from the signup wizard');
  commit(
    dir,
    1,
    { 'web/onboarding/invite.js': 'export function invite(email) { return email; }\n' },
    'Send the invitation e-mail\n\nGoal: self-serve-onboarding',
  );

  // Untagged and long-running: three commits, the oldest 12 days old.
  git(dir, ['switch', '--quiet', '-c', 'dark-mode-spike', 'main']);
  commit(dir, 12, { 'web/theme/dark.css': 'body { background: #111; }\n' }, 'Try a dark theme');
  commit(dir, 9, { 'web/theme/dark.css': 'body { background: #111; color: #eee; }\n' }, 'Dark theme: text colour');
  commit(dir, 5, { 'web/theme/toggle.js': 'export function toggle() {}\n' }, 'Theme toggle');

  git(dir, ['switch', '--quiet', 'main']);
  commit(dir, 2, { 'services/checkout/cart.js': 'export const cart = new Map();\n' }, 'Cart lookups in O(1)\n\nGoal: faster-checkout');
  return dir;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const target = process.argv[2];
  if (!target || target.startsWith('-')) {
    // An option (--help) is not a folder to build the demo in.
    console.error('usage: node scripts/demo-repo.mjs DIR');
    process.exit(target === '--help' || target === '-h' ? 0 : 2);
  }
  try {
    console.log(createDemoRepo(target));
  } catch (error) {
    console.error(`demo-repo: ${error.message}`);
    process.exit(2);
  }
}
