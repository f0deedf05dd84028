// Loading a valid strategy.yaml (the DESIGN §1 example), defaults, files on disk, the diagnostic format.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatDiagnostic, loadStrategyFile, parseStrategy, STRATEGY_FILE } from '../../src/core/strategy';

const NOW = new Date(2026, 10, 24, 12);
const yaml = (...l: string[]) => `${l.join('\n')}\n`;

// DESIGN §1, verbatim but for the parent, which must name a goal of the file.
const DESIGN_EXAMPLE = yaml(
  'version: 1',
  'period: 2026-Q4                 # optional label of the planning period',
  'goals:                          # RANKED: the first is the most important.',
  '  - id: faster-checkout         # required, unique, ^[a-z0-9][a-z0-9-]{0,62}$',
  '    title: Cut checkout p95 below 400 ms   # required',
  '    status: active              # active (default) | paused | done | stopped',
  '    why: Checkout latency is our top churn driver   # optional: link to company outcome',
  '    outcome: p95 checkout latency < 400 ms          # optional: the impact measure',
  '    owner: payments                                 # optional',
  '    due: 2026-12-31                                 # optional date',
  '    share: 40                   # optional: intended % of effort (investment target)',
  '    parent: grow-revenue        # optional: id of a higher goal',
  '    match:                      # optional hints used to SUGGEST this goal for untagged work',
  '      paths: ["services/checkout/**"]',
  '      branches: ["checkout/**"]',
  '      keywords: [checkout, latency]',
  '  - id: legacy-admin-ui',
  '    title: New features in the legacy admin UI',
  '    status: stopped             # the "stop doing" list: work here is flagged',
  '    match: { paths: ["admin-legacy/**"] }',
  '  - id: grow-revenue',
  '    title: Grow revenue',
  'settings:                       # optional team policy',
  '  trailer: Goal                 # commit trailer key (default Goal)',
  '  branchPattern: "^(?<goal>[a-z0-9-]+)/"   # infer a branch\'s goal from its name',
  '  untagged: { commits: 3, days: 2 }        # when untagged work counts as long-running',
  '  maxActive: 3                  # warn above this many active goals',
  '  base: main                    # base branch (default: the remote HEAD, else main, else master)',
);

describe('a valid strategy.yaml', () => {
  it('loads the DESIGN §1 example with ranks, every field and no diagnostics', () => {
    const result = parseStrategy(DESIGN_EXAMPLE, { now: NOW });
    assert.deepEqual(result.diagnostics, []);
    const s = result.strategy!;
    assert.equal(s.version, 1);
    assert.equal(s.period, '2026-Q4');
    assert.deepEqual(
      s.goals.map((g) => [g.id, g.rank, g.status]),
      [
        ['faster-checkout', 1, 'active'],
        ['legacy-admin-ui', 2, 'stopped'],
        ['grow-revenue', 3, 'active'],
      ],
    );
    assert.deepEqual(s.goals[0], {
      id: 'faster-checkout',
      title: 'Cut checkout p95 below 400 ms',
      status: 'active',
      rank: 1,
      why: 'Checkout latency is our top churn driver',
      outcome: 'p95 checkout latency < 400 ms',
      owner: 'payments',
      due: '2026-12-31',
      share: 40,
      parent: 'grow-revenue',
      match: { paths: ['services/checkout/**'], branches: ['checkout/**'], keywords: ['checkout', 'latency'] },
    });
    assert.deepEqual(s.goals[1].match, { paths: ['admin-legacy/**'], branches: [], keywords: [] });
    assert.deepEqual(s.settings, {
      trailer: 'Goal',
      branchPattern: '^(?<goal>[a-z0-9-]+)/',
      untagged: { commits: 3, days: 2 },
      maxActive: 3,
      base: 'main',
    });
  });

  it('fills in every default', () => {
    const s = parseStrategy(yaml('version: 1', 'goals:', '  - id: a', '    title: A', '    match: { paths: [x] }')).strategy!;
    assert.equal(s.goals[0].status, 'active');
    assert.deepEqual(s.goals[0].match, { paths: ['x'], branches: [], keywords: [] });
    assert.deepEqual(s.settings, {
      trailer: 'Goal',
      branchPattern: '^(?<goal>[a-z0-9-]+)/',
      untagged: { commits: 3, days: 2 },
      maxActive: 3,
    });
    assert.deepEqual(parseStrategy(yaml('version: 1', 'goals: []', 'settings: { untagged: { commits: 5 } }')).strategy!.settings.untagged, {
      commits: 5,
      days: 2,
    });
  });

  it('keeps a number period as written', () => {
    assert.equal(parseStrategy(yaml('version: 1', 'period: 2026.10', 'goals: []')).strategy!.period, '2026.10');
    assert.equal(parseStrategy(yaml('version: 1', 'period: 2026', 'goals: []')).strategy!.period, '2026');
  });

  it('yields no strategy when the file is invalid', () => {
    const broken = DESIGN_EXAMPLE.replace('id: legacy-admin-ui', 'id: faster-checkout');
    const result = parseStrategy(broken, { now: NOW });
    assert.equal(result.strategy, undefined);
    assert.ok(result.diagnostics.some((d) => d.severity === 'error'));
  });

  it('parses a 1000-goal file whole, with ranks and one warning for the active goals over maxActive', () => {
    // Speed is a benchmark matter (ratios in one run), not a timed test; this checks the result.
    const goals = Array.from({ length: 1000 }, (_, i) =>
      yaml(`  - id: goal-${i}`, `    title: Goal ${i}`, `    status: ${i < 4 ? 'active' : 'paused'}`, `    match: { paths: ["s${i}/**"] }`),
    );
    const result = parseStrategy(`version: 1\ngoals:\n${goals.join('')}`);
    assert.equal(result.strategy?.goals.length, 1000);
    assert.equal(result.strategy?.goals[999].rank, 1000);
    assert.deepEqual(
      result.diagnostics.map((d) => d.severity),
      ['warning'],
    );
  });
});

describe('loadStrategyFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sa-strategy-'));

  it('says found: false, with nothing else, when the file does not exist', async () => {
    assert.deepEqual(await loadStrategyFile(join(dir, 'missing', STRATEGY_FILE)), { found: false, diagnostics: [] });
  });

  it('reads and validates an existing file', async () => {
    const file = join(dir, STRATEGY_FILE);
    writeFileSync(file, DESIGN_EXAMPLE);
    const result = await loadStrategyFile(file, { now: NOW });
    assert.equal(result.found, true);
    assert.deepEqual(
      result.strategy!.goals.map((g) => g.id),
      ['faster-checkout', 'legacy-admin-ui', 'grow-revenue'],
    );
  });

  it('refuses a file over 1 MiB at 1:1', async () => {
    const file = join(dir, 'big.yaml');
    writeFileSync(file, `goals: []\n#${'x'.repeat(1024 * 1024)}\n`);
    const result = await loadStrategyFile(file);
    assert.equal(result.found, true);
    assert.deepEqual(
      result.diagnostics.map((d) => [d.severity, d.line, d.column]),
      [['error', 1, 1]],
    );
    assert.match(result.diagnostics[0].message, /larger than 1 MiB/);
  });

  it('reports a directory in its place as an error, not a throw', async () => {
    const file = join(dir, 'as-dir', STRATEGY_FILE);
    mkdirSync(file, { recursive: true });
    const result = await loadStrategyFile(file);
    assert.equal(result.found, true);
    assert.match(result.diagnostics[0].message, /is a directory/);
  });
});

describe('formatDiagnostic', () => {
  it('formats file:line:col: severity: message, strategy.yaml by default', () => {
    assert.equal(formatDiagnostic({ severity: 'error', message: 'boom', line: 3, column: 7 }), 'strategy.yaml:3:7: error: boom');
    assert.equal(
      formatDiagnostic({ severity: 'warning', message: 'hm', line: 1, column: 2 }, 'team/strategy.yaml'),
      'team/strategy.yaml:1:2: warning: hm',
    );
  });
});
