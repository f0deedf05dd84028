// Real git repositories in temp folders, built with the git CLI, with controlled dates.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface CommitOptions {
  /** Author and committer date, ISO 8601 (default: a fixed clock advancing one hour per commit). */
  date?: string;
  files?: Record<string, string>;
  author?: { name: string; email: string };
}

export class TestRepo {
  private clock: number;
  private files = 0;

  private constructor(
    readonly dir: string,
    start: Date,
  ) {
    this.clock = start.getTime();
  }

  /** A new repository on branch `main`. `start` is the date of the first auto-dated commit. */
  static create(start = new Date(Date.now() - 10 * 86_400_000)): TestRepo {
    const dir = mkdtempSync(join(tmpdir(), 'sa-repo-'));
    const repo = new TestRepo(dir, start);
    repo.git(['init', '-q', '-b', 'main']);
    return repo;
  }

  git(args: string[], env: Record<string, string> = {}): string {
    return execFileSync('git', args, { cwd: this.dir, env: { ...process.env, ...env }, encoding: 'utf8' }).trimEnd();
  }

  write(path: string, content: string): void {
    const full = join(this.dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }

  /** Commits everything in the work tree (plus `files`) and returns the new sha. */
  commit(message: string, options: CommitOptions = {}): string {
    const files = options.files ?? { [`file-${++this.files}.txt`]: message };
    for (const [path, content] of Object.entries(files)) this.write(path, content);
    this.git(['add', '-A']);
    const date = options.date ?? new Date((this.clock += 3_600_000)).toISOString();
    const env: Record<string, string> = { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
    if (options.author) {
      Object.assign(env, {
        GIT_AUTHOR_NAME: options.author.name,
        GIT_AUTHOR_EMAIL: options.author.email,
        GIT_COMMITTER_NAME: options.author.name,
        GIT_COMMITTER_EMAIL: options.author.email,
      });
    }
    this.git(['commit', '-q', '--allow-empty', '-m', message], env);
    return this.head();
  }

  /**
   * HEAD's sha, read from the files git just wrote (a commit always leaves its branch a loose ref)
   * rather than by one more git process per commit; `git rev-parse` when it is anything else.
   */
  head(): string {
    try {
      const head = readFileSync(join(this.dir, '.git', 'HEAD'), 'utf8').trim();
      const sha = head.startsWith('ref: ') ? readFileSync(join(this.dir, '.git', head.slice(5)), 'utf8').trim() : head;
      if (/^[0-9a-f]{40}$/.test(sha)) return sha;
    } catch {
      // packed, a worktree's .git file, ...
    }
    return this.git(['rev-parse', 'HEAD']);
  }

  /** Creates (and by default checks out) a branch from `from` (default HEAD). */
  branch(name: string, from = 'HEAD', checkout = true): void {
    this.git(checkout ? ['checkout', '-q', '-b', name, from] : ['branch', name, from]);
  }

  checkout(name: string): void {
    this.git(['checkout', '-q', name]);
  }

  /** A merge commit (--no-ff) of `branch` into the current branch. */
  merge(branch: string, date?: string): string {
    const when = date ?? new Date((this.clock += 3_600_000)).toISOString();
    this.git(['merge', '-q', '--no-ff', '-m', `Merge ${branch}`, branch], { GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when });
    return this.head();
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** ISO date `days` days before now (for ages relative to the real clock). */
export function daysAgo(days: number, hours = 0): string {
  return new Date(Date.now() - days * 86_400_000 - hours * 3_600_000).toISOString();
}
