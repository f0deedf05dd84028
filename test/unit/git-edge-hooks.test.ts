// The prepare-commit-msg hook next to husky, whose hooks find the user's script from their own
// name ("$0"): husky 9 (core.hooksPath .husky/_, a shim per hook) and husky 8 (core.hooksPath
// .husky, the user's scripts sourcing _/husky.sh). Both hooks run, once each, and uninstall puts
// husky's file back byte for byte.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GitRepo } from '../../src/core/git';
import { lastMessage, taggedTopicRepo } from './helpers/hookRepo';
import type { TestRepo } from './helpers/testRepo';

/** husky 9's files, as `husky` (the prepare script) writes them. */
const HUSKY9_H = `#!/usr/bin/env sh
[ "$HUSKY" = "2" ] && set -x
n=$(basename "$0")
s=$(dirname "$(dirname "$0")")/$n

[ ! -f "$s" ] && exit 0

[ "\${HUSKY-}" = "0" ] && exit 0

export PATH="node_modules/.bin:$PATH"
sh -e "$s" "$@"
c=$?

[ $c != 0 ] && echo "husky - $n script failed (code $c)"
[ $c = 127 ] && echo "husky - command not found in PATH=$PATH"
exit $c
`;
const HUSKY9_SHIM = '#!/usr/bin/env sh\n. "$(dirname "$0")/h"';
/** husky 8's helper, sourced by each user hook under .husky/. */
const HUSKY8_SH = `#!/usr/bin/env sh
if [ -z "$husky_skip_init" ]; then
  readonly hook_name="$(basename -- "$0")"
  readonly husky_skip_init=1
  export husky_skip_init
  sh -e "$0" "$@"
  exitCode="$?"
  exit $exitCode
fi
`;
const USER_HOOK = 'printf "\\nReviewed-by: Husky\\n" >> "$1"\n';

describe('the hook with husky', () => {
  let t: TestRepo;
  let repo: GitRepo;
  beforeEach(async () => {
    ({ t, repo } = await taggedTopicRepo());
  });
  afterEach(() => t.cleanup());

  function husky9(): string {
    mkdirSync(join(t.dir, '.husky', '_'), { recursive: true });
    writeFileSync(join(t.dir, '.husky', '_', 'h'), HUSKY9_H);
    writeFileSync(join(t.dir, '.husky', '_', '.gitignore'), '*');
    const shim = join(t.dir, '.husky', '_', 'prepare-commit-msg');
    writeFileSync(shim, HUSKY9_SHIM);
    chmodSync(shim, 0o755);
    writeFileSync(join(t.dir, '.husky', 'prepare-commit-msg'), USER_HOOK);
    t.git(['config', 'core.hooksPath', '.husky/_']);
    t.commit('before: husky alone');
    assert.equal(lastMessage(t), 'before: husky alone\n\nReviewed-by: Husky', 'the husky setup works on its own');
    return shim;
  }

  it("husky 9: chains to its shim, which still finds the user's script; both run once", async () => {
    const shim = husky9();
    const result = await repo.installHook('Goal');
    assert.equal(result.chainedPath, `${shim}.strategy-align-chained`);
    t.commit('work');
    assert.equal(lastMessage(t), 'work\n\nReviewed-by: Husky\nGoal: checkout');
  });

  it('husky 9: uninstall restores the shim byte for byte, with its mode, and husky alone again', async () => {
    const shim = husky9();
    const before = readFileSync(shim);
    await repo.installHook('Goal');
    assert.equal((await repo.uninstallHook()).action, 'uninstalled');
    assert.deepEqual(readFileSync(shim), before);
    assert.equal(statSync(shim).mode & 0o777, 0o755);
    t.commit('after');
    assert.equal(lastMessage(t), 'after\n\nReviewed-by: Husky');
  });

  it('husky 9: when `husky` rewrote its shim over ours, installing again takes its place (nothing lost)', async () => {
    const shim = husky9();
    await repo.installHook('Goal');
    writeFileSync(shim, HUSKY9_SHIM); // npm install ran the prepare script
    const again = await repo.installHook('Goal');
    assert.equal(again.action, 'installed');
    assert.equal(readFileSync(again.chainedPath!, 'utf8'), HUSKY9_SHIM);
    t.commit('work');
    assert.equal(lastMessage(t), 'work\n\nReviewed-by: Husky\nGoal: checkout');
  });

  it('husky 9: a different hook in the way is never overwritten', async () => {
    const shim = husky9();
    await repo.installHook('Goal');
    writeFileSync(shim, '#!/bin/sh\n# someone else\n');
    await assert.rejects(repo.installHook('Goal'), /move one away/);
    assert.equal(readFileSync(shim, 'utf8'), '#!/bin/sh\n# someone else\n');
    assert.equal(readFileSync(`${shim}.strategy-align-chained`, 'utf8'), HUSKY9_SHIM);
  });

  it("husky 8: chains to the user's hook that sources _/husky.sh; both run once, and uninstall restores it", async () => {
    mkdirSync(join(t.dir, '.husky', '_'), { recursive: true });
    writeFileSync(join(t.dir, '.husky', '_', 'husky.sh'), HUSKY8_SH);
    const hook = join(t.dir, '.husky', 'prepare-commit-msg');
    const original = `#!/usr/bin/env sh\n. "$(dirname -- "$0")/_/husky.sh"\n\n${USER_HOOK}`;
    writeFileSync(hook, original);
    chmodSync(hook, 0o755);
    t.git(['config', 'core.hooksPath', '.husky']);
    await repo.installHook('Goal');
    t.commit('work');
    assert.equal(lastMessage(t), 'work\n\nReviewed-by: Husky\nGoal: checkout');
    await repo.uninstallHook();
    assert.equal(readFileSync(hook, 'utf8'), original);
  });
});
