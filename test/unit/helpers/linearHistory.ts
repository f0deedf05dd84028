// A long one-branch history made with one fast-import: logs several pipe chunks long, for the tests
// of how git's output is carried (git-helper.test.ts, git-spool.test.ts).
import { execFileSync } from 'node:child_process';

/**
 * `commits` commits on refs/heads/main in `dir`, a minute apart, each message `commit N` and
 * `bodyChars` filler characters then a `Goal: gN` trailer (N mod 3), each touching one of `files` files.
 */
export function linearHistory(dir: string, commits: number, bodyChars: number, files: number): void {
  const lines: string[] = [];
  for (let i = 1; i <= commits; i++) {
    const msg = `commit ${i} ${'x'.repeat(bodyChars)}\n\nGoal: g${i % 3}\n`;
    lines.push('commit refs/heads/main', `mark :${i}`, `author A <a@example.com> ${1_700_000_000 + i * 60} +0000`);
    lines.push(`committer A <a@example.com> ${1_700_000_000 + i * 60} +0000`, `data ${Buffer.byteLength(msg)}`, msg);
    if (i > 1) lines.push(`from :${i - 1}`);
    lines.push(`M 644 inline f${i % files}.txt`, `data ${String(i).length}`, String(i), '');
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: lines.join('\n') });
}
