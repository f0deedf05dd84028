// The repository the hook tests start from: one commit, and the branch `topic` checked out and
// tagged `checkout` in git config.
import { GitRepo } from '../../../src/core/git';
import { TestRepo } from './testRepo';

export async function taggedTopicRepo(): Promise<{ t: TestRepo; repo: GitRepo }> {
  const t = TestRepo.create();
  t.commit('init');
  t.branch('topic');
  t.git(['config', 'branch.topic.goal', 'checkout']);
  return { t, repo: await GitRepo.open(t.dir) };
}

/** The full message of the last commit. */
export const lastMessage = (t: TestRepo): string => t.git(['log', '-1', '--format=%B']);
