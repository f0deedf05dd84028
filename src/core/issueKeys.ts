// Issue keys (issue 13): the references teams already write in commit messages and branch names —
// Jira-style `PAY-123` and GitHub/GitLab `#88` — and the patterns a goal's `issues:` declares to
// claim them: a project (`PAY-*`), one key (`PAY-12`) or one number (`#88`).
//
// Reading is deliberately narrow: a key is a whole word (`XPAY-1`, `PAY-1a` name nothing; a `/`,
// `_` or `-` may follow it, as in `feature/PAY-42_retry` or `pay-123-retry-card`), `#N` must not
// follow a word or a `/` (`owner/repo#12` is another repository's, `&#39;` an HTML entity). In
// commit messages a project key is upper case, as Jira writes it (`utf-8` or `sha-1` are not
// issues); branch names are often lower case (`pay-123-retry-card`), so there `anyCase` reads them
// too. Keys are returned upper case, each once, in order of appearance.

const KEY = String.raw`(?<![A-Za-z0-9-])([A-Za-z][A-Za-z0-9_]{0,31})-([1-9][0-9]{0,8})(?![A-Za-z0-9])`;
const NUMBER = String.raw`(?<![A-Za-z0-9_/#&])#([1-9][0-9]{0,8})(?![A-Za-z0-9_])`;
const IN_TEXT = new RegExp(`${KEY}|${NUMBER}`, 'g');

/** The issue keys named in `text`: `PAY-123` and `#88`, upper case, each once. */
export function issueKeysIn(text: string, options: { anyCase?: boolean } = {}): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(IN_TEXT)) {
    if (m[3] !== undefined) out.add(`#${m[3]}`);
    else if (options.anyCase || /^[A-Z][A-Z0-9_]*$/.test(m[1])) out.add(`${m[1].toUpperCase()}-${m[2]}`);
  }
  return [...out];
}

/** The shape of a pattern in `issues:`; anything else is a configuration error. */
export const ISSUE_PATTERN = /^(?:[A-Z][A-Z0-9_]{0,31}-(?:\*|[1-9][0-9]{0,8})|#[1-9][0-9]{0,8})$/;

/** Why `pattern` is not an issue pattern, or undefined when it is one. */
export function issuePatternProblem(pattern: string): string | undefined {
  if (ISSUE_PATTERN.test(pattern)) return undefined;
  if (ISSUE_PATTERN.test(pattern.toUpperCase())) return `write the project key in capitals: '${pattern.toUpperCase()}'`;
  return `'${pattern}' is not an issue pattern: write a project (PAY-*), one key (PAY-12) or one number (#88)`;
}

/** Which goal each declared pattern gives: one key or number exactly, else its project's `-*`. */
export class IssueClaims {
  private readonly exact = new Map<string, string>();
  private readonly projects = new Map<string, string>();

  /** `goals` in rank order; a pattern declared twice keeps its first goal (validation reports the clash). */
  constructor(goals: readonly { id: string; issues?: readonly string[] }[]) {
    for (const goal of goals)
      for (const pattern of goal.issues ?? []) {
        if (!ISSUE_PATTERN.test(pattern)) continue;
        const map = pattern.endsWith('-*') ? this.projects : this.exact;
        const key = pattern.endsWith('-*') ? pattern.slice(0, -2) : pattern;
        if (!map.has(key)) map.set(key, goal.id);
      }
  }

  get empty(): boolean {
    return this.exact.size === 0 && this.projects.size === 0;
  }

  /** The goal that claims `key` (as issueKeysIn returns it), or undefined. An exact key beats its project. */
  goalOf(key: string): string | undefined {
    const exact = this.exact.get(key);
    if (exact !== undefined || key.startsWith('#')) return exact;
    return this.projects.get(key.slice(0, key.lastIndexOf('-')));
  }

  /** The distinct goals the keys in `keys` give, in order; keys no goal claims are skipped. */
  goalsOf(keys: readonly string[]): string[] {
    const out = new Set<string>();
    for (const key of keys) {
      const goal = this.goalOf(key);
      if (goal !== undefined) out.add(goal);
    }
    return [...out];
  }
}
