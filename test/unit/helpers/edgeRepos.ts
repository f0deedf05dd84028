// The git edge cases of issue 7, each a real repository (or folder) built with the git CLI: not a
// repository, empty, detached HEAD, shallow clone, linked worktree, submodule, no base branch, odd
// branch names, odd messages, and a PATH without git.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { day } from './scenario';
import { TestRepo } from './testRepo';

export const EDGE_STRATEGY = 'version: 1\ngoals:\n  - id: alpha\n    title: Alpha\n  - id: beta\n    title: Beta\n';

/** Branch names git accepts that a shell would not leave alone. */
export const ODD_BRANCHES = [
  'odd/$(touch${IFS}pwned)',
  'odd/`touch${IFS}pwned`',
  'odd/semi;colon&amp',
  `odd/"double"'single'`,
  'odd/über-straße',
  'odd/🚀-launch',
];

export interface EdgeCase {
  /** Where the CLI runs. */
  dir: string;
  /** Extra environment (PATH without git). */
  env?: Record<string, string>;
  /** Commits by name, for the checks. */
  shas: Record<string, string>;
}

export type EdgeName =
  'not-a-repo' | 'no-git' | 'empty' | 'detached' | 'shallow' | 'worktree' | 'submodule' | 'no-base' | 'odd-names' | 'messages';

function withStrategy(): TestRepo {
  const t = TestRepo.create();
  t.write('strategy.yaml', EDGE_STRATEGY);
  return t;
}

/** init (untagged), one trailer commit for alpha, and a branch `topic` with one untagged commit. */
function small(): { t: TestRepo; shas: Record<string, string> } {
  const t = withStrategy();
  const shas: Record<string, string> = {};
  shas.init = t.commit('init', { date: day(5) });
  shas.alpha = t.commit('alpha work\n\nGoal: alpha', { date: day(4) });
  t.branch('topic');
  shas.topic = t.commit('topic work', { date: day(3) });
  t.checkout('main');
  return { t, shas };
}

export class EdgeRepos {
  private readonly cleanups: Array<() => void> = [];
  readonly cases = new Map<EdgeName, EdgeCase>();

  constructor() {
    const scratch = mkdtempSync(join(tmpdir(), 'sa-edge-'));
    this.cleanups.push(() => rmSync(scratch, { recursive: true, force: true }));

    const plain = join(scratch, 'plain');
    mkdirSync(plain);
    writeFileSync(join(plain, 'strategy.yaml'), EDGE_STRATEGY);
    this.cases.set('not-a-repo', { dir: plain, shas: {} });

    const noGit = this.track(small());
    const emptyBin = join(scratch, 'empty-bin');
    mkdirSync(emptyBin);
    this.cases.set('no-git', { dir: noGit.t.dir, env: { PATH: emptyBin }, shas: noGit.shas });

    this.cases.set('empty', { dir: this.track({ t: withStrategy() }).t.dir, shas: {} });

    const detached = this.track(small());
    detached.t.git(['checkout', '-q', '--detach', detached.shas.alpha]);
    this.cases.set('detached', { dir: detached.t.dir, shas: detached.shas });

    const source = this.track(small());
    source.shas.tip = source.t.commit('tip\n\nGoal: beta', { date: day(2) });
    const shallow = join(scratch, 'shallow');
    source.t.git(['clone', '-q', '--depth', '2', `file://${source.t.dir}`, shallow]);
    this.cases.set('shallow', { dir: shallow, shas: source.shas });

    const main = this.track(small());
    const worktree = join(scratch, 'worktree');
    main.t.git(['worktree', 'add', '-q', worktree, 'topic']);
    this.cases.set('worktree', { dir: worktree, shas: main.shas });

    const sub = this.track(small());
    const superRepo = this.track({ t: withStrategy() }).t;
    superRepo.commit('super init');
    superRepo.git(['-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub.t.dir, 'sub']);
    superRepo.commit('add the submodule');
    this.cases.set('submodule', { dir: join(superRepo.dir, 'sub'), shas: sub.shas });

    const noBase = this.track(small());
    noBase.t.git(['branch', '-m', 'main', 'trunk']);
    this.cases.set('no-base', { dir: noBase.t.dir, shas: noBase.shas });

    const odd = this.track(small());
    ODD_BRANCHES.forEach((name, i) => {
      odd.t.branch(name, 'main');
      odd.shas[name] = odd.t.commit(`work on odd branch ${i}`, { date: day(2, i) });
    });
    odd.t.checkout('main');
    this.cases.set('odd-names', { dir: odd.t.dir, shas: odd.shas });

    const messages = this.track({ t: withStrategy(), shas: {} as Record<string, string> });
    const m = messages.shas;
    m.init = messages.t.commit('init', { date: day(6) });
    m.crlf = this.commitVerbatim(messages.t, 'crlf subject\r\n\r\nbody line\r\n\r\nGoal: alpha\r\n', day(5));
    m.wrongParagraph = messages.t.commit('wrong paragraph\n\nGoal: beta\n\nJust prose after the line.', { date: day(4) });
    m.long = messages.t.commit(`${'long subject '.repeat(400)}\n\n${'a very long body line '.repeat(5000)}\n\nGoal: alpha`, {
      date: day(3),
    });
    m.prose = messages.t.commit('prose\n\nGoal: make checkout fast\n\nA closing paragraph.', { date: day(2) });
    this.cases.set('messages', { dir: messages.t.dir, shas: m });
  }

  get(name: EdgeName): EdgeCase {
    return this.cases.get(name)!;
  }

  cleanup(): void {
    for (const c of this.cleanups.reverse()) c();
  }

  private track<T extends { t: TestRepo }>(made: T): T {
    this.cleanups.push(() => made.t.cleanup());
    return made;
  }

  /** A commit whose message git keeps exactly (CRLF and all). */
  private commitVerbatim(t: TestRepo, message: string, date: string): string {
    const file = join(t.dir, '.git', 'MSG');
    writeFileSync(file, message);
    t.git(['commit', '-q', '--allow-empty', '--cleanup=verbatim', '-F', file], { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
    return t.git(['rev-parse', 'HEAD']);
  }
}
