// Every command of the extension. Each accepts arguments ({ repository, branch, goal, sha, … } or a
// tree node) so it can be bound to keys and driven from tests, and asks with pickers otherwise.
import * as vscode from 'vscode';
import { GitError, type GitRepo } from '../../core/git';
import { EFFORT_MEASURES } from '../../core/alignment/reportTypes';
import { renderHtml } from '../../core/render/html';
import { measureLabel } from '../../core/render/panelPage';
import { renderMarkdown } from '../../core/render/markdown';
import { suggestGoals } from '../../core/strategy';
import type { Strategy } from '../../core/strategy/types';
import { branchNameForGoal, isValidBranchName, strategyTemplate } from '../../core/tagging';
import { tagBranchAndRecord } from '../../core/ledger/tagBranch';
import { ensureNotesRewrite } from '../../core/sync/sync';
import { type App, RANGES, type Range, type Scope } from '../app';
import type { RepoModel } from '../model/repoModel';
import type { TreeNode } from '../views/treeNodes';
import { ALL_REPOSITORIES, ReportPanel } from '../views/report/reportPanel';
import { pickGoal } from './goalPicker';

export interface CommandArgs {
  repository?: string;
  branch?: string;
  goal?: string;
  sha?: string;
  topic?: string;
}

type Arg = CommandArgs | TreeNode | undefined;

function args(arg: Arg): CommandArgs & { model?: RepoModel } {
  if (!arg || !('kind' in arg)) return { ...(arg ?? {}) };
  if (arg.kind === 'branch') return { model: arg.model, branch: arg.branch.name };
  if (arg.kind === 'commit') return { model: arg.model, sha: arg.entry.commit.sha };
  if (arg.kind === 'goal') return { model: arg.model, goal: arg.goal.id };
  return 'model' in arg ? { model: arg.model } : {};
}

/** Whether git may run for `model` (a trusted workspace, a repository); says why not otherwise. */
export function mayRunGit(app: App, model: RepoModel | undefined): model is RepoModel {
  if (!app.trusted) {
    app.notifier.tell('warning', 'Strategy Align runs no git in Restricted Mode. Trust this folder to tag work.');
    return false;
  }
  if (!model?.git) {
    app.notifier.tell('warning', 'No git repository is open here (is git installed and enabled?).');
    return false;
  }
  return true;
}

/** The repository's valid strategy, or a warning saying there is none. */
export function strategyOrWarn(app: App, model: RepoModel): Strategy | undefined {
  const strategy = app.strategyOf(model);
  if (!strategy) app.notifier.tell('warning', `No valid ${'strategy.yaml'} in ${model.name}: fix it (see Problems) or create one.`);
  return strategy;
}

export function registerCommands(app: App): vscode.Disposable[] {
  const needsGit = (model: RepoModel | undefined): model is RepoModel => mayRunGit(app, model);
  const chooseGoal = async (model: RepoModel, given: string | undefined, title: string, branch?: string) => {
    const strategy = strategyOrWarn(app, model);
    if (!strategy) return undefined;
    if (given) {
      const goal = strategy.goals.find((g) => g.id === given);
      if (!goal)
        app.notifier.tell('error', `'${given}' is not a goal in strategy.yaml (goals: ${strategy.goals.map((g) => g.id).join(', ')}).`);
      return goal?.id;
    }
    const scanned = branch ? model.last?.scan.branches.find((b) => b.name === branch) : undefined;
    const base = model.last?.scan.base;
    const files =
      branch && base && branch !== base
        ? await model.repo().then(
            (r) => r.changedFiles(base, branch),
            () => [],
          )
        : [];
    const suggestions = suggestGoals(strategy, { branch, files, messages: scanned?.subjects });
    return (
      await pickGoal(strategy, {
        title,
        report: model.last?.scan.report,
        suggestions,
        current: branch ? model.last?.scan.configGoals.get(branch) : undefined,
      })
    )?.id;
  };
  const report = (error: unknown) =>
    app.notifier.tell('error', `Strategy Align: ${error instanceof GitError || error instanceof Error ? error.message : String(error)}`);
  /** The repository a command acts on, when git may run there. */
  const target = (arg: Arg) => {
    const a = args(arg);
    const model = a.model ?? app.modelFor(a.repository);
    return needsGit(model) ? { a, model } : undefined;
  };
  /** Whether a report command is for every repository together (the panel's All repositories). */
  const all = (arg?: Arg) => !!arg && typeof arg === 'object' && 'repository' in arg && arg.repository === ALL_REPOSITORIES;
  /**
   * What a copy or save is of: every repository's report together, or the last of the repository `arg`
   * names (scanned first if need be; asked once, as it says why when git may not run), and the folder to save it in.
   */
  const reportOf = async (arg?: Arg) => {
    if (all(arg)) {
      const [report, folder] = [app.all.report(), app.referenceOrder[0]?.root];
      return report && folder ? { report, folder } : undefined;
    }
    const t = target(arg);
    const report = t && (t.model.last ?? (await t.model.refresh(), t.model.last))?.scan.report;
    return report && t ? { report, folder: t.model.root } : undefined;
  };
  /** Writes through git, then rescans so the tree, status bar and commit box follow. */
  const change = async (model: RepoModel, write: (repo: GitRepo) => Promise<unknown>) => {
    try {
      await write(await model.repo());
      await model.refresh();
      app.updateStatus();
    } catch (error) {
      report(error);
    }
  };

  const tagBranch = async (arg: Arg, current: boolean) => {
    const t = target(arg);
    if (!t) return;
    const branch = current ? t.model.currentBranch : (t.a.branch ?? t.model.currentBranch);
    if (!branch) return app.notifier.tell('warning', 'HEAD is not on a branch: check out a branch to tag it.');
    const goal = await chooseGoal(t.model, t.a.goal, `Tag branch '${branch}' with a goal`, branch);
    if (goal) {
      await change(t.model, async (repo) => {
        await repo.setBranchGoal(branch, goal);
        const strategy = app.strategyOf(t.model);
        if (strategy) await tagBranchAndRecord(repo, strategy, branch, goal); // the branch ledger (issue 12)
      });
    }
  };

  return [
    vscode.commands.registerCommand('strategyAlign.tagCurrentBranch', (arg?: Arg) => tagBranch(arg, true)),
    vscode.commands.registerCommand('strategyAlign.tagBranch', (arg?: Arg) => tagBranch(arg, false)),
    vscode.commands.registerCommand('strategyAlign.untagBranch', async (arg?: Arg) => {
      const t = target(arg);
      const branch = t && (t.a.branch ?? t.model.currentBranch);
      if (t && branch) await change(t.model, (repo) => repo.unsetBranchGoal(branch));
    }),
    vscode.commands.registerCommand('strategyAlign.createBranchForGoal', async (arg?: Arg) => {
      const t = target(arg);
      if (!t) return;
      const { a, model } = t;
      const strategy = strategyOrWarn(app, model);
      const goal = await chooseGoal(model, a.goal, 'Create a branch for a goal');
      if (!strategy || !goal) return;
      const topic =
        a.topic ??
        (await vscode.window.showInputBox({
          title: `New branch for '${goal}'`,
          prompt: 'What is the work? (becomes the branch name)',
          validateInput: (v) => (v.trim() ? undefined : 'Describe the work in a few words'),
        }));
      if (!topic) return;
      const proposal = branchNameForGoal(strategy, goal, topic);
      if (!isValidBranchName(proposal.name)) return app.notifier.tell('error', `'${proposal.name}' is not a valid branch name.`);
      await change(model, async (repo) => {
        await model.git?.createBranch(proposal.name, true, model.last?.scan.base);
        if (!proposal.carriesGoal) {
          await repo.setBranchGoal(proposal.name, goal);
          await tagBranchAndRecord(repo, strategy, proposal.name, goal);
        }
      });
    }),
    vscode.commands.registerCommand('strategyAlign.tagCommit', async (arg?: Arg) => {
      const t = target(arg);
      if (!t) return;
      const { a, model } = t;
      const sha =
        a.sha ?? (await vscode.window.showInputBox({ title: 'Tag a commit', prompt: 'Commit (sha, branch or HEAD~n)', value: 'HEAD' }));
      const strategy = app.strategyOf(model);
      if (!sha || !strategy) return;
      const goal = await chooseGoal(model, a.goal, `Tag commit ${sha.slice(0, 10)} with a goal`);
      if (goal)
        await change(model, async (repo) => {
          await repo.setGoalNote(sha, [goal], strategy.settings.trailer);
          await ensureNotesRewrite(repo); // a rebase or amend carries the note along
        });
    }),
    vscode.commands.registerCommand('strategyAlign.untagCommit', async (arg?: Arg) => {
      const t = target(arg);
      const sha = t?.a.sha;
      if (t && sha) await change(t.model, (repo) => repo.removeGoalNote(sha));
    }),
    vscode.commands.registerCommand('strategyAlign.createStrategy', async (arg?: Arg) => {
      const a = args(arg);
      const folder = a.model?.root ?? (a.repository ? vscode.Uri.file(a.repository) : vscode.workspace.workspaceFolders?.[0]?.uri);
      if (!folder) return app.notifier.tell('warning', 'Open a folder first.');
      const file = vscode.Uri.joinPath(folder, 'strategy.yaml');
      const exists = await vscode.workspace.fs.stat(file).then(
        () => true,
        () => false,
      );
      if (!exists) await vscode.workspace.fs.writeFile(file, Buffer.from(strategyTemplate(), 'utf8'));
      await vscode.window.showTextDocument(file);
    }),
    vscode.commands.registerCommand('strategyAlign.setRange', async (range?: Range) => {
      const picked =
        range ??
        (
          await vscode.window.showQuickPick(
            RANGES.map((r) => ({ label: r.label, description: r.id, id: r.id, picked: r.id === app.range })),
            { title: 'Time range', placeHolder: `Now: ${app.range}` },
          )
        )?.id;
      if (picked && RANGES.some((r) => r.id === picked)) await app.setRange(picked);
    }),
    vscode.commands.registerCommand('strategyAlign.setMeasure', async (measure?: string) => {
      const picked =
        measure ??
        (
          await vscode.window.showQuickPick(
            EFFORT_MEASURES.map((id) => ({ label: measureLabel(id), description: id, id, picked: id === app.measure })),
            { title: 'Effort measure (the view, the status bar and the report)', placeHolder: `Now: ${measureLabel(app.measure)}` },
          )
        )?.id;
      const known = EFFORT_MEASURES.find((m) => m === picked);
      if (known) await app.setMeasure(known);
    }),
    vscode.commands.registerCommand('strategyAlign.setScope', async (scope?: Scope) => {
      await app.setScope(scope ?? (app.scope === 'mine' ? 'everyone' : 'mine'));
    }),
    vscode.commands.registerCommand('strategyAlign.showReport', async (arg?: Arg) => {
      const t = target(arg);
      if (t && strategyOrWarn(app, t.model)) await ReportPanel.show(t.model);
    }),
    vscode.commands.registerCommand('strategyAlign.showAllReport', async () => {
      if (!needsGit(app.models.find((m) => m.git) ?? app.models[0])) return; // Restricted Mode, no git: says why
      if (app.models.length >= 2) await ReportPanel.show(ALL_REPOSITORIES);
      else app.notifier.tell('info', 'Strategy Align: All repositories is for a workspace of several repositories; this one has one.');
    }),
    vscode.commands.registerCommand('strategyAlign.copyReportMarkdown', async (arg?: Arg) => {
      const report = (await reportOf(arg))?.report;
      if (!report) return;
      await vscode.env.clipboard.writeText(renderMarkdown(report));
      app.notifier.tell('info', 'Copied the alignment report as Markdown.');
    }),
    vscode.commands.registerCommand('strategyAlign.saveReport', async (arg?: Arg & { file?: string }) => {
      const of = await reportOf(arg);
      if (!of) return;
      const { report, folder } = of;
      const given = arg && 'file' in arg && typeof arg.file === 'string' ? vscode.Uri.file(arg.file) : undefined;
      const file =
        given ??
        (await vscode.window.showSaveDialog({
          defaultUri: vscode.Uri.joinPath(folder, all(arg) ? 'alignment-report-all.html' : 'alignment-report.html'),
          filters: { 'HTML page': ['html'], Markdown: ['md'], JSON: ['json'] },
          title: 'Save the alignment report',
        }));
      if (!file) return;
      const text = file.path.endsWith('.md')
        ? renderMarkdown(report)
        : file.path.endsWith('.json')
          ? `${JSON.stringify(report, null, 2)}\n`
          : renderHtml(report);
      await vscode.workspace.fs.writeFile(file, Buffer.from(text, 'utf8'));
    }),
    vscode.commands.registerCommand('strategyAlign.syncTags', async (arg?: Arg) => {
      const a = args(arg);
      const model = a.model ?? (a.repository ? app.modelFor(a.repository) : await pickRepository(app));
      if (needsGit(model) && strategyOrWarn(app, model)) await app.sharing.sync(model, 'command');
    }),
    vscode.commands.registerCommand('strategyAlign.installHook', async (arg?: Arg) => hook(app, args(arg), 'install', needsGit)),
    vscode.commands.registerCommand('strategyAlign.uninstallHook', async (arg?: Arg) => hook(app, args(arg), 'uninstall', needsGit)),
  ];
}

/** The active editor's repository, the only one, or the one picked (several repositories, no editor in one). */
async function pickRepository(app: App): Promise<RepoModel | undefined> {
  const models = app.models.filter((m) => m.hasHistory);
  const active = app.activeModel();
  if (active && models.includes(active)) return active;
  if (models.length <= 1) return models[0];
  const picked = await vscode.window.showQuickPick(
    models.map((model) => ({ label: model.name, description: model.root.fsPath, model })),
    { title: 'Sync tags of which repository?' },
  );
  return picked?.model;
}

async function hook(
  app: App,
  a: CommandArgs & { model?: RepoModel },
  action: 'install' | 'uninstall',
  needsGit: (m: RepoModel | undefined) => m is RepoModel,
): Promise<void> {
  const model = a.model ?? app.modelFor(a.repository);
  if (!needsGit(model)) return;
  const strategy = app.strategyOf(model);
  if (action === 'install') {
    const ok = await vscode.window.showInformationMessage(
      'Install a prepare-commit-msg hook? On a tagged branch it adds "Goal: <id>" to commits made outside VS Code too. An existing hook is kept and runs first; uninstalling puts it back exactly.',
      { modal: true },
      'Install',
    );
    if (ok !== 'Install') return;
  }
  let result;
  try {
    const repo = await model.repo();
    result = action === 'install' ? await repo.installHook(strategy?.settings.trailer ?? 'Goal') : await repo.uninstallHook();
  } catch (error) {
    return app.notifier.tell('error', `Strategy Align: ${error instanceof Error ? error.message : String(error)}`);
  }
  const messages = {
    installed: `Installed ${result.hookPath}`,
    'already-installed': 'The hook is already installed.',
    uninstalled: 'Removed the hook; any earlier hook is back in place.',
    'not-installed': 'No Strategy Align hook is installed.',
  };
  app.notifier.tell('info', messages[result.action]);
}
