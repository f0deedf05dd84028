// A team around one bare origin (issue 12 tests): clones made with the git CLI, each with its own
// author and a clock advancing one hour per commit, so author dates (kept by cherry-pick and
// rebase) are distinct and stable.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const TEAM_STRATEGY = `version: 1
goals:
  - { id: checkout, title: Checkout }
  - { id: onboarding, title: Onboarding }
  - { id: observability, title: Observability }
`;

let clock = Date.parse('2026-11-02T09:00:00Z');

export class Clone {
  constructor(
    readonly dir: string,
    readonly who: string,
  ) {}

  git(args: string[], env: Record<string, string> = {}): string {
    return execFileSync('git', args, {
      cwd: this.dir,
      env: { ...process.env, ...env },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trimEnd();
  }

  /** Commits one new file (or `files`) dated by the shared clock; returns the sha. */
  commit(message: string, files: Record<string, string> = { [`${this.who}-${clock}.txt`]: `${message}\n` }): string {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(this.dir, path)), { recursive: true });
      writeFileSync(join(this.dir, path), content);
    }
    this.git(['add', '-A']);
    this.git(['commit', '-q', '-m', message], this.dates());
    return this.sha('HEAD');
  }

  /** Author and committer date from the shared clock (for merges and cherry-picks too). */
  dates(): Record<string, string> {
    const date = new Date((clock += 3_600_000)).toISOString();
    return { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
  }

  /** Committer date only: a cherry-pick or rebase keeps the author's. */
  committerDate(): Record<string, string> {
    return { GIT_COMMITTER_DATE: new Date((clock += 3_600_000)).toISOString() };
  }

  sha(rev: string): string {
    return this.git(['rev-parse', rev]);
  }
}

export class Team {
  readonly root = mkdtempSync(join(tmpdir(), 'sa-team-'));
  readonly origin = join(this.root, 'origin.git');

  constructor() {
    execFileSync('git', ['init', '-q', '--bare', '-b', 'main', this.origin]);
  }

  /** A clone of origin (an empty origin gets `main` with strategy.yaml from the first clone). */
  clone(who: string): Clone {
    const dir = join(this.root, who);
    execFileSync('git', ['clone', '-q', this.origin, dir], { stdio: 'ignore' });
    const c = new Clone(dir, who);
    c.git(['config', 'user.name', who]);
    c.git(['config', 'user.email', `${who}@example.com`]);
    if (!c.git(['ls-remote', '--heads', 'origin', 'main'])) {
      c.git(['checkout', '-q', '-b', 'main']);
      c.commit('Initial commit', { 'strategy.yaml': TEAM_STRATEGY });
      c.git(['push', '-q', 'origin', 'main']);
    }
    return c;
  }

  cleanup(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
