// The branch a merge commit's subject names (issue 12), as git and the hosting services write it.
// Branch names never hold a space (git refuses them), so every name is one run of non-spaces: the
// patterns are linear, and a quote inside a name (`it's`) is part of the name.

export interface MergedBranch {
  /** The branch name as a local branch would have it (no remote, no owner). */
  name: string;
  form: 'git' | 'git-remote' | 'github' | 'gitlab' | 'bitbucket';
}

const FORMS: { form: MergedBranch['form']; pattern: RegExp; strip: 'remote' | 'owner' | 'none' }[] = [
  // GitLab: Merge branch 'X' into 'main' (before git's own form, which it extends).
  { form: 'gitlab', pattern: /^Merge branch '(\S+)' into '\S+'$/u, strip: 'none' },
  // git: Merge branch 'X' | Merge branch 'X' into Y | Merge branch 'X' of URL [into Y]
  { form: 'git', pattern: /^Merge branch '(\S+)'(?: of \S+)?(?: into \S+)?$/u, strip: 'none' },
  // git: Merge remote-tracking branch 'origin/X' [into Y]
  { form: 'git-remote', pattern: /^Merge remote-tracking branch '(\S+)'(?: into \S+)?$/u, strip: 'remote' },
  // GitHub: Merge pull request #N from owner/X
  { form: 'github', pattern: /^Merge pull request #\d+ from (\S+)$/u, strip: 'owner' },
  // Bitbucket: Merged in X (pull request #N)
  { form: 'bitbucket', pattern: /^Merged in (\S+) \(pull request #\d+\)$/u, strip: 'none' },
];

export function mergedBranch(subject: string): MergedBranch | undefined {
  const text = subject.trim();
  if (!text.startsWith('Merge')) return undefined;
  for (const { form, pattern, strip } of FORMS) {
    const match = pattern.exec(text);
    if (!match) continue;
    let name = match[1];
    if (strip !== 'none') {
      const slash = name.indexOf('/');
      if (slash <= 0 || slash === name.length - 1) return undefined;
      name = name.slice(slash + 1);
    }
    return name ? { name, form } : undefined;
  }
  return undefined;
}
