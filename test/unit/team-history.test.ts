// Issue 13 on a history that looks like a team's (helpers/teamHistory.ts): declaring `issues:` and
// one `triage --accept` raise the attributed share, and no commit is given by an issue key to a goal
// other than the one whose folder its work is in (each pull request works in its goal's folder).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Attribution } from '../../src/core/attribution/attribute';
import { GitRepo } from '../../src/core/git';
import { scanRepository } from '../../src/core/scan/scan';
import { parseStrategy } from '../../src/core/strategy';
import { cliHere } from './helpers/cli';
import { buildTeamHistory, TEAM_GOALS, teamStrategy } from './helpers/teamHistory';

describe('a synthetic team history (issue keys, triage)', function () {
  this.timeout(120_000);
  let root: string;
  let dir: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'sa-team-history-'));
    dir = join(root, 'team');
    const stats = buildTeamHistory(dir, { commits: 400, seed: 11 });
    assert.ok(stats.keyed / stats.commits > 0.45, `issue keys in about 60% of the work (${stats.keyed} of ${stats.commits})`);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  const attributed = async (): Promise<number> => {
    const run = await cliHere(dir, ['report', '--format', 'json', '--no-cache']);
    assert.equal(run.code, 0, run.stderr);
    const { totals } = JSON.parse(run.stdout) as { totals: { commits: number; attributedShare: number } };
    assert.ok(totals.commits > 150, `commits in range: ${totals.commits}`);
    return totals.attributedShare;
  };

  it('attributes no commit by an issue key to a goal its work is not for', async () => {
    writeFileSync(join(dir, 'strategy.yaml'), teamStrategy({ issues: true }));
    const rows = new Map<string, Attribution>();
    await scanRepository(await GitRepo.open(dir), parseStrategy(teamStrategy({ issues: true })).strategy!, {
      onCommit: (c, a) => rows.set(c.sha, a),
    });
    const files = new Map<string, string>();
    let sha = '';
    for (const line of execFileSync('git', ['log', '--all', '--no-merges', '--name-only', '--format=@%H'], {
      cwd: dir,
      encoding: 'utf8',
    }).split('\n'))
      if (line.startsWith('@')) sha = line.slice(1);
      else if (line && !files.has(sha)) files.set(sha, line);
    let checked = 0;
    for (const [commit, attribution] of rows) {
      const area = TEAM_GOALS.find((g) => files.get(commit)?.startsWith(`${g.area}/`));
      if (attribution.source !== 'issue' || !area) continue;
      checked++;
      assert.deepEqual(attribution.goals, [area.id], `${commit} (${files.get(commit)})`);
    }
    assert.ok(checked > 50, `commits attributed by a key and checked: ${checked}`);
  });

  it('climbs: match rules only, then issues: declared, then one triage --accept', async () => {
    writeFileSync(join(dir, 'strategy.yaml'), teamStrategy({ issues: false }));
    const today = await attributed();
    writeFileSync(join(dir, 'strategy.yaml'), teamStrategy({ issues: true }));
    const declared = await attributed();
    const triage = await cliHere(dir, ['triage', '--accept']);
    assert.equal(triage.code, 0, triage.stderr);
    const accepted = await attributed();
    assert.ok(today < 0.3 && declared > today + 0.3 && accepted > declared + 0.1, `${today} → ${declared} → ${accepted}`);
  });
});
