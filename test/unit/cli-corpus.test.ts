// The corpus through the built command line: `validate` prints every expected diagnostic as
// `strategy.yaml:LINE:COL: severity: message` and exits 2 on errors, 0 on warnings only; `report`
// on a broken file exits 2 with one line on stderr. Never a stack trace. `validate` runs in this
// process over the whole corpus (cliHere); the built executable answers a valid and a broken file
// the same, and every `report` below is the real process.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { plural } from '../../src/core/render/format';
import { STRATEGY_FILE } from '../../src/core/strategy';
import { builtHere, cli, cliHere } from './helpers/cli';
import { corpus, mismatch } from './helpers/corpus';
import { TestRepo } from './helpers/testRepo';

const LINE = /^strategy\.yaml:(\d+):(\d+): (error|warning): (.*)$/;
const STACK = /^\s+at .+:\d+:\d+\)?$/m;

describe('strategy-align on the corpus', () => {
  const cases = corpus();
  let repo: TestRepo;
  before(() => {
    repo = TestRepo.create();
    repo.commit('First commit');
  });
  after(() => repo.cleanup());

  for (const c of cases) {
    it(`validate ${c.name}`, async () => {
      writeFileSync(join(repo.dir, STRATEGY_FILE), c.bytes);
      const run = await cliHere(repo.dir, ['validate']);
      const lines = run.stdout.split('\n').filter((l) => l !== '');
      const diagnostics = lines
        .filter((l) => LINE.test(l))
        .map((l) => {
          const [, line, column, severity, message] = LINE.exec(l)!;
          return { line: Number(line), column: Number(column), severity: severity as 'error' | 'warning', message };
        });
      const problem = mismatch(diagnostics, c.expected);
      assert.equal(problem, undefined, problem);
      assert.doesNotMatch(run.stdout + run.stderr, STACK);
      const errors = c.expected.filter((d) => d.severity === 'error').length;
      if (errors > 0) {
        assert.equal(run.code, 2, run.stderr);
        assert.equal(lines.length, diagnostics.length, 'nothing but diagnostics on stdout');
        assert.match(run.stderr, new RegExp(`^strategy\\.yaml: ${plural(errors, 'error')}, [\\d,]+ warnings?\\n$`));
      } else {
        assert.equal(run.code, 0, run.stderr);
        assert.match(lines[lines.length - 1], new RegExp(`^strategy\\.yaml: valid, ${plural(c.goals!.length, 'goal')} `));
      }
    });
  }

  it('the built executable validates as the in-process runs do (a valid file, a broken one)', async () => {
    for (const c of [cases.find((k) => k.goals), cases.find((k) => !k.goals)]) {
      assert.ok(c);
      writeFileSync(join(repo.dir, STRATEGY_FILE), c.bytes);
      assert.deepEqual(cli(repo.dir, ['validate']), await cliHere(repo.dir, ['validate']), c.name);
    }
  });

  // One broken file per category is enough to show report's contract; validate covered them all.
  const broken = [...new Map(cases.filter((c) => !c.goals).map((c) => [c.category, c])).values()];
  for (const c of broken) {
    it(`report refuses ${c.name} (${c.category}) in one line`, async () => {
      writeFileSync(join(repo.dir, STRATEGY_FILE), c.bytes);
      const run = await builtHere(repo.dir, ['report']); // the built file, in this process (the test above spawns it)
      assert.equal(run.code, 2);
      assert.equal(run.stdout, '');
      const first = c.expected.find((d) => d.severity === 'error')!;
      assert.match(
        run.stderr,
        new RegExp(`^strategy-align: strategy\\.yaml is invalid: strategy\\.yaml:${first.line}:${first.column}: error: [^\\n]+\\n$`),
      );
    });
  }
});
