// `merge` of reports made with `--compare previous` (issue 15): the comparison merges too, exactly
// as `report --repo A --repo B --compare previous` makes it (JSON, text, Markdown), the period's
// label survives when every report has it, and mixed inputs are refused in one line naming the file.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, cliHere, json, timeless } from './helpers/cli';
import { TestRepo } from './helpers/testRepo';

const STRATEGY = `version: 1
goals:
  - id: speed
    title: Faster pages
    share: 60
  - id: docs
    title: Better docs
  - id: legacy
    title: Legacy admin
    status: stopped
`;
const ALICE = { name: 'Alice', email: 'alice@example.com' };
const BOB = { name: 'Bob', email: 'bob@example.com' };

/** 2026-Q1 and 2026-Q2 (closed, past: the same previous period whenever and wherever a report is made). */
const Q2 = ['--since', '2026-Q2'];
const COMPARE = ['--compare', 'previous'];

describe('strategy-align merge of reports with a comparison', () => {
  let dir: string;
  let alpha: TestRepo;
  let beta: TestRepo;
  const repo = (name: string, t: TestRepo) => ['--repo', `${name}=${t.dir}`];
  const both = () => [...repo('alpha', alpha), ...repo('beta', beta)];
  const write = (name: string, report: unknown) => writeFileSync(join(dir, name), JSON.stringify(report));

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sa-merge-compare-'));
    // alpha: speed in Q1, docs in Q2; alice in both repositories on 2026-05-12 (one active day across them).
    alpha = TestRepo.create();
    alpha.write('strategy.yaml', STRATEGY);
    alpha.commit('Initial', { date: '2026-01-05T09:00:00Z', author: ALICE });
    for (const d of ['02-03', '02-10', '03-02']) alpha.commit('Cache\n\nGoal: speed', { date: `2026-${d}T10:00:00Z`, author: ALICE });
    for (const d of ['04-14', '05-12']) alpha.commit('Guide\n\nGoal: docs', { date: `2026-${d}T10:00:00Z`, author: ALICE });
    alpha.commit('Tidy', { date: '2026-06-01T10:00:00Z', author: BOB });
    // beta: docs in Q1, speed and the stopped goal in Q2, and a side branch that becomes long-running untagged work in Q2.
    beta = TestRepo.create();
    beta.write('strategy.yaml', STRATEGY);
    beta.commit('Initial', { date: '2026-01-06T09:00:00Z', author: BOB });
    beta.commit('Explain\n\nGoal: docs', { date: '2026-03-20T10:00:00Z', author: BOB });
    beta.commit('Faster build\n\nGoal: speed', { date: '2026-05-12T15:00:00Z', author: ALICE });
    beta.commit('Admin fix\n\nGoal: legacy', { date: '2026-06-02T10:00:00Z', author: BOB });
    beta.branch('spike', 'main');
    for (const d of ['04-01', '04-02', '04-03']) beta.commit('Try', { date: `2026-${d}T10:00:00Z`, author: BOB });
    beta.checkout('main');
  });
  after(() => {
    for (const t of [alpha, beta]) t.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('merge of per-repository JSONs made with --compare previous is report --repo A --repo B --compare previous (commits, days)', async () => {
    for (const measure of ['commits', 'days']) {
      const args = ['report', '--format', 'json', ...Q2, ...COMPARE, '--measure', measure];
      assert.equal((await cliHere(dir, [...args, ...repo('alpha', alpha), '--out', 'a.json'])).code, 0);
      assert.equal((await cliHere(dir, [...args, ...repo('beta', beta), '--out', 'b.json'])).code, 0);
      const report = json(await cliHere(dir, [...args, ...both()]));
      // merge as a real process (the built command line) once
      const merged = json(
        measure === 'days'
          ? cli(dir, ['merge', 'b.json', 'a.json', '--format', 'json'])
          : await cliHere(dir, ['merge', 'a.json', 'b.json', '--format', 'json']),
      );
      assert.deepEqual(timeless(merged), timeless(report), measure);
      // What the comparison is about, so the equality is not of two empty sections.
      const c = merged.comparison!;
      assert.deepEqual(c.range, { since: '2026-01-01T00:00:00.000Z', until: '2026-03-31T23:59:59.999Z', label: '2026-Q1' });
      assert.equal(merged.range.label, '2026-Q2');
      assert.deepEqual(
        c.parts!.map((p) => p.repository),
        ['alpha', 'beta'],
      );
      assert.deepEqual(c.newLongRunning, ['beta:spike']);
      assert.ok(
        c.summary.some((line) => line.startsWith("Stopped goal 'Legacy admin' (legacy) still gets work")),
        c.summary.join('\n'),
      );
      if (measure === 'commits') {
        // Q1: speed 3, docs 1, untagged 2 of 6; Q2: speed 1, docs 2, legacy 1, untagged 4 of 8.
        const goal = (id: string) => c.goals.find((g) => g.id === id)!;
        assert.deepEqual([goal('speed').previousShare, goal('speed').share], [0.5, 0.125]);
        assert.deepEqual([goal('docs').previousShare, goal('docs').share], [0.166666666667, 0.25]);
        assert.deepEqual([c.untagged.previousShare, c.untagged.share], [0.333333333333, 0.5]);
      }
    }
  });

  it('text and Markdown of the merge are those of the report over both', async () => {
    const args = ['report', '--format', 'json', ...Q2, ...COMPARE];
    assert.equal((await cliHere(dir, [...args, ...repo('alpha', alpha), '--out', 'a.json'])).code, 0);
    assert.equal((await cliHere(dir, [...args, ...repo('beta', beta), '--out', 'b.json'])).code, 0);
    for (const format of ['text', 'md']) {
      const report = await cliHere(dir, ['report', '--format', format, ...Q2, ...COMPARE, ...both()]);
      const merged = await cliHere(dir, ['merge', 'a.json', 'b.json', '--format', format]);
      assert.equal(merged.code, 0, merged.stderr);
      assert.equal(merged.stdout, report.stdout, format);
      assert.match(merged.stdout, /Compared with 2026-Q1 \(2026-01-01 to 2026-03-31\)/, format);
    }
  });

  it('a combined report with a comparison merges with one more repository, as one run over the three', async () => {
    const args = ['report', '--format', 'json', ...Q2, ...COMPARE];
    const gamma = ['--repo', `gamma=${alpha.dir}`];
    assert.equal((await cliHere(dir, [...args, ...both(), '--out', 'ab.json'])).code, 0);
    assert.equal((await cliHere(dir, [...args, ...gamma, '--out', 'c.json'])).code, 0);
    const three = json(await cliHere(dir, [...args, ...both(), ...gamma]));
    const merged = json(await cliHere(dir, ['merge', 'ab.json', 'c.json', '--format', 'json']));
    assert.deepEqual(timeless(merged), timeless(three));
    assert.equal(merged.comparison!.parts!.length, 3);
  });

  it('keeps the period label without --compare, and a report without --compare has no comparison', async () => {
    const args = ['report', '--format', 'json', ...Q2];
    assert.equal((await cliHere(dir, [...args, ...repo('alpha', alpha), '--out', 'a.json'])).code, 0);
    assert.equal((await cliHere(dir, [...args, ...repo('beta', beta), '--out', 'b.json'])).code, 0);
    assert.ok(!readFileSync(join(dir, 'a.json'), 'utf8').includes('"comparison"'));
    const merged = json(await cliHere(dir, ['merge', 'a.json', 'b.json', '--format', 'json']));
    assert.deepEqual(timeless(merged), timeless(json(await cliHere(dir, [...args, ...both()]))));
    assert.equal(merged.range.label, '2026-Q2');
    assert.equal(merged.comparison, undefined);
    // The same range given as dates has no label: merged with the period's report, the range has none either.
    const dates = ['--since', '2026-04-01', '--until', '2026-06-30'];
    assert.equal((await cliHere(dir, ['report', '--format', 'json', ...dates, ...repo('beta', beta), '--out', 'b-dates.json'])).code, 0);
    const mixed = json(await cliHere(dir, ['merge', 'a.json', 'b-dates.json', '--format', 'json']));
    assert.deepEqual(mixed.range, { since: '2026-04-01T00:00:00.000Z', until: '2026-06-30T23:59:59.999Z' });
  });

  it('refuses a comparison beside none, another previous period, or a comparison without its parts, naming the file', async () => {
    const args = ['report', '--format', 'json', ...Q2];
    const compared = json(await cliHere(dir, [...args, ...COMPARE, ...repo('alpha', alpha)]));
    write('a-compared.json', compared);
    write('b-plain.json', json(await cliHere(dir, [...args, ...repo('beta', beta)])));
    // The same range as dates: its previous period is the 91 days before it, not 2026-Q1.
    const dates = ['--since', '2026-04-01', '--until', '2026-06-30', ...COMPARE];
    write('b-dates.json', json(await cliHere(dir, ['report', '--format', 'json', ...dates, ...repo('beta', beta)])));
    write('a-old.json', { ...compared, comparison: { ...compared.comparison, parts: undefined } });
    write('b-compared.json', json(await cliHere(dir, [...args, ...COMPARE, ...repo('beta', beta)])));
    const cases: [string[], RegExp][] = [
      [
        ['a-compared.json', 'b-plain.json'],
        /^strategy-align: .*a-compared\.json has a comparison \(--compare previous\), .*b-plain\.json has none/,
      ],
      [
        ['b-plain.json', 'a-compared.json'],
        /^strategy-align: .*a-compared\.json has a comparison \(--compare previous\), .*b-plain\.json has none/,
      ],
      [
        ['a-compared.json', 'b-dates.json'],
        /^strategy-align: .*b-dates\.json compares with 2025-12-31T00:00:00\.000Z to 2026-03-31T23:59:59\.999Z, .*a-compared\.json with 2026-01-01T00:00:00\.000Z to 2026-03-31T23:59:59\.999Z: merge reports compared with one previous period/,
      ],
      [['a-old.json', 'b-compared.json'], /^strategy-align: .*a-old\.json has a comparison that cannot be merged \(no previous parts\)/],
    ];
    for (const [files, message] of cases) {
      const run = await cliHere(dir, ['merge', ...files]);
      assert.equal(run.code, 2, files.join(' '));
      assert.match(run.stderr, message);
      assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
      assert.equal(run.stdout, '');
    }
    assert.equal((await cliHere(dir, ['merge', 'a-compared.json', 'b-compared.json'])).code, 0);
  });
});
