// The opt-in prepare-commit-msg hook: adds `<key>: <goal>` to commits on a tagged branch. It is
// chained, never replacing: an existing hook is moved aside, run first, and put back on uninstall.
import { chmod, lstat, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { GitError } from './errors';
import type { GitRunner } from './runner';
import type { HookResult } from './types';

export const HOOK_NAME = 'prepare-commit-msg';
export const CHAINED_SUFFIX = '.strategy-align-chained';
const MARKER = '# strategy-align: prepare-commit-msg hook';

export function hookScript(trailerKey: string): string {
  return `#!/bin/sh
${MARKER} (installed by \`strategy-align hook install\`)
# On a branch tagged with \`git config branch.<name>.goal\`, adds "${trailerKey}: <goal>" to the message
# unless it already has a ${trailerKey} trailer. Remove with \`strategy-align hook uninstall\`.
chained="$(dirname "$0")/${HOOK_NAME}${CHAINED_SUFFIX}"
if [ -x "$chained" ]; then
  # A plain sh hook runs as if it were still this file, in a subshell: hooks that find their
  # script by their own name (husky's "$0") keep working. Anything else is executed as it is.
  case "$(head -n 1 "$chained")" in
    '#!/bin/sh'|'#!/usr/bin/env sh') ( . "$chained" ) || exit $? ;;
    *) "$chained" "$@" || exit $? ;;
  esac
fi
case "$2" in merge|squash|commit) exit 0 ;; esac
branch=$(git symbolic-ref --quiet --short HEAD 2>/dev/null) || exit 0
goal=$(git config --get "branch.$branch.goal" 2>/dev/null) || exit 0
[ -n "$goal" ] || exit 0
git interpret-trailers --in-place --if-exists doNothing --trailer "${trailerKey}: $goal" "$1" || true
exit 0
`;
}

/** The hooks folder git uses: core.hooksPath (absolute, ~/…, or relative to the work tree) or .git/hooks. */
export async function hooksDir(runner: GitRunner, root: string): Promise<string> {
  const configured = (await runner.run(['config', '--get', 'core.hooksPath'])).trim();
  if (configured) {
    if (configured.startsWith('~/')) return join(homedir(), configured.slice(2));
    return isAbsolute(configured) ? configured : resolve(root, configured);
  }
  return resolve(root, (await runner.run(['rev-parse', '--git-path', 'hooks'])).trim());
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

async function sameFile(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([readFile(a), readFile(b)]);
  return x.equals(y);
}

async function isOurs(path: string): Promise<boolean> {
  return readFile(path, 'utf8').then(
    (text) => text.includes(MARKER),
    () => false,
  );
}

export async function hookStatus(dir: string): Promise<{ installed: boolean; hookPath: string; chainedPath?: string }> {
  const hookPath = join(dir, HOOK_NAME);
  const chainedPath = hookPath + CHAINED_SUFFIX;
  return { installed: await isOurs(hookPath), hookPath, ...((await exists(chainedPath)) ? { chainedPath } : {}) };
}

export async function installHook(dir: string, trailerKey: string): Promise<HookResult> {
  const hookPath = join(dir, HOOK_NAME);
  const chainedPath = hookPath + CHAINED_SUFFIX;
  await mkdir(dir, { recursive: true });
  const script = hookScript(trailerKey);
  if (await isOurs(hookPath)) {
    const same = (await readFile(hookPath, 'utf8')) === script;
    if (!same) await writeFile(hookPath, script, { mode: 0o755 });
    return { hookPath, action: same ? 'already-installed' : 'installed', ...((await exists(chainedPath)) ? { chainedPath } : {}) };
  }
  let chained: string | undefined;
  if (await exists(hookPath)) {
    if (!(await exists(chainedPath))) {
      await rename(hookPath, chainedPath); // bytes, mode and symlinks kept as they are
    } else if (await sameFile(hookPath, chainedPath)) {
      await unlink(hookPath); // a tool (husky's prepare script) wrote its hook over ours again: the copy is kept
    } else {
      throw new GitError('failed', `both ${hookPath} and ${chainedPath} exist; move one away before installing`);
    }
    chained = chainedPath;
  }
  await writeFile(hookPath, script, { mode: 0o755 });
  await chmod(hookPath, 0o755);
  return { hookPath, action: 'installed', ...(chained ? { chainedPath: chained } : {}) };
}

export async function uninstallHook(dir: string): Promise<HookResult> {
  const hookPath = join(dir, HOOK_NAME);
  const chainedPath = hookPath + CHAINED_SUFFIX;
  if (!(await isOurs(hookPath))) return { hookPath, action: 'not-installed' };
  await unlink(hookPath);
  if (await exists(chainedPath)) {
    await rename(chainedPath, hookPath);
    return { hookPath, action: 'uninstalled', chainedPath };
  }
  return { hookPath, action: 'uninstalled' };
}
