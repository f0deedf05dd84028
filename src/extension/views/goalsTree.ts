// The Goals tree: ranked goals → the branches serving each → their commits; then Untagged work,
// the Stop list and Unknown goals. Grouped by repository when the workspace has several.
import * as vscode from 'vscode';
import { count, exact, plural } from '../../core/render/format';
import type { Strategy } from '../../core/strategy/types';
import { Disposable } from '../disposable';
import type { CommitList } from '../model/commitIndex';
import type { AllRepositories } from '../model/allRepositories';
import type { RepoModel } from '../model/repoModel';
import { log } from '../log';
import { allChildren, allItem, allNodeItem } from './allRepositoriesNodes';
import { plainText } from './plainText';
import {
  branchItem,
  branchTooltip,
  commitItem,
  commitTooltip,
  coverageOf,
  goalItem,
  goalTooltip,
  groupItem,
  messageItem,
  type TreeNode,
} from './treeNodes';

export interface TreeSource {
  readonly models: readonly RepoModel[];
  readonly trusted: boolean;
  /** The built-in git extension's state: 'disabled' or 'missing' when no history can be read. */
  readonly git: { readonly availability: string; readonly onDidChangeAvailability: vscode.Event<unknown> };
  strategyOf(model: RepoModel): Strategy | undefined;
  /** Tags of the repository not yet published to its remote (the "not shared" hint). */
  unpublishedOf?(model: RepoModel): { remote: string; count: number } | undefined;
  readonly onDidChange: vscode.Event<void>;
  /** A multi-root workspace's repositories in one report (the "All repositories" row). */
  readonly all?: AllRepositories;
}

export class GoalsTree extends Disposable implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChangeTreeData = this.changed.event;

  private readonly counted = new WeakSet<RepoModel>();
  private numbersGiven: () => void = () => undefined;
  /** Resolves when the view is first given numbers. */
  private readonly numbersShown = new Promise<void>((resolve) => (this.numbersGiven = resolve));

  constructor(private readonly source: TreeSource) {
    super();
    this.register(source.onDidChange(() => this.changed.fire()));
    this.register(source.git.onDidChangeAvailability(() => this.changed.fire()));
  }

  /**
   * Resolves a moment after the view was first given numbers, for the workbench to draw them (a
   * reopened window's history waits for it: app.ts), or after a second at most (a view that is not
   * showing asks for nothing).
   */
  numbersDrawn(drawMs = 250, atMostMs = 1000): Promise<void> {
    const pause = (ms: number) => new Promise<void>((next) => setTimeout(next, ms));
    return Promise.race([this.numbersShown.then(() => pause(drawMs)), pause(atMostMs)]);
  }

  refreshView(): void {
    this.changed.fire();
  }

  getChildren(node?: TreeNode): TreeNode[] {
    if (!node) {
      const models = this.source.models;
      if (models.length === 1) return this.repoChildren(models[0]);
      const all: TreeNode[] = this.source.all?.report() ? [{ kind: 'all' }] : [];
      return [...all, ...models.map((model): TreeNode => ({ kind: 'repo', model }))];
    }
    switch (node.kind) {
      case 'all': {
        const report = this.source.all?.report();
        return report ? allChildren(report) : [];
      }
      case 'repo':
        return this.repoChildren(node.model);
      case 'goal':
        return this.goalChildren(node.model, node.goal.id);
      case 'group':
        return this.groupChildren(node);
      case 'branch':
        return this.listed(
          node.model,
          node.model.last?.commits.ofShas(node.branch.unique),
          `${node.model.root.toString()}|branch|${node.branch.name}`,
        );
      case 'other':
        return this.listed(
          node.model,
          node.model.last?.commits.outsideBranches(node.goal),
          `${node.model.root.toString()}|other|${node.goal}`,
        );
      case 'unknownGoal':
        return this.listed(node.model, node.model.last?.commits.ofGoal(node.id), `${node.model.root.toString()}|unknown|${node.id}`);
      default:
        return [];
    }
  }

  /** For reveal(): the parent of a repository, goal, group or branch row (commits are never revealed). */
  getParent(node: TreeNode): TreeNode | undefined {
    if (node.kind === 'allGoal' || node.kind === 'allUntagged' || node.kind === 'allWarnings') return { kind: 'all' };
    if (!('model' in node)) return undefined;
    const repo: TreeNode | undefined = this.source.models.length > 1 ? { kind: 'repo', model: node.model } : undefined;
    switch (node.kind) {
      case 'goal':
        return node.goal.status === 'stopped' ? { kind: 'group', model: node.model, group: 'stopped' } : repo;
      case 'group':
        return repo;
      case 'branch': {
        if (node.untagged) return { kind: 'group', model: node.model, group: 'untagged' };
        const id = node.branch.goal?.goal;
        const goal = id === undefined ? undefined : this.source.strategyOf(node.model)?.goals.find((g) => g.id === id);
        return goal ? { kind: 'goal', model: node.model, goal } : repo;
      }
      default:
        return undefined;
    }
  }

  /** The row of an untagged or goal branch, to reveal it ("Show in Goals view" in the report). */
  branchNode(model: RepoModel, name: string): TreeNode | undefined {
    const snapshot = model.last;
    const branch = snapshot?.scan.branches.find((b) => b.name === name && !b.remote);
    if (!snapshot || !branch) return undefined;
    return { kind: 'branch', model, branch, untagged: snapshot.scan.report.untagged.branches.find((b) => b.name === name) };
  }

  /**
   * The Markdown tooltips of goal, branch and commit rows, made when the row is hovered: VS Code's
   * extension host parses every Markdown tooltip of the rows it sends to the view (the editor bench
   * saw 54 ms of that in the first rows of a reopened window, before their numbers could show).
   */
  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    if (item.tooltip !== undefined) return item;
    if (node.kind === 'goal')
      item.tooltip = goalTooltip(
        node,
        reportOf(node.model)?.goals.find((g) => g.id === node.goal.id),
      );
    else if (node.kind === 'branch') item.tooltip = branchTooltip(node, new Date());
    else if (node.kind === 'commit') item.tooltip = commitTooltip(node);
    return item;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const now = new Date();
    switch (node.kind) {
      case 'all':
      case 'allGoal':
      case 'allUntagged':
      case 'allWarnings': {
        const report = this.source.all?.report();
        if (!report) return new vscode.TreeItem('All repositories'); // a row of a report just replaced: the view asks again
        return node.kind === 'all' ? allItem(report) : allNodeItem(node, report);
      }
      case 'repo': {
        const item = new vscode.TreeItem(node.model.name, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `${node.model.root.toString()}|repo`;
        item.iconPath = new vscode.ThemeIcon('repo');
        item.description = node.model.currentBranch && plainText(node.model.currentBranch);
        item.tooltip = coverageOf(node.model);
        return item;
      }
      case 'goal': {
        const report = reportOf(node.model);
        const stats = report?.goals.find((g) => g.id === node.goal.id);
        // Children: the goal's branches, or its commits elsewhere (any in range). Known without listing the
        // commits: the first paint of a 100k-commit view does not sort every goal's commits (~40–100 ms).
        const hasChildren = (stats?.commits ?? 0) > 0 || !!node.model.last?.scan.branches.some((b) => b.goal?.goal === node.goal.id);
        return goalItem(node, stats, hasChildren, report?.measure);
      }
      case 'group':
        return groupItem(node, this.groupChildren(node).length);
      case 'branch':
        return branchItem(node, node.model.last?.commits.ofShas(node.branch.unique).total ?? 0, now);
      case 'other': {
        const item = new vscode.TreeItem('Commits on other branches', vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `${node.model.root.toString()}|other|${node.goal}`;
        item.description = count(node.model.last?.commits.outsideBranches(node.goal).total ?? 0);
        item.iconPath = new vscode.ThemeIcon('git-commit');
        item.tooltip = 'Commits tagged for this goal by a trailer or a note, outside the branches above';
        return item;
      }
      case 'unknownGoal': {
        const stats = node.model.last?.scan.report.unknownGoals.find((u) => u.id === node.id);
        const item = new vscode.TreeItem(plainText(node.id), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `${node.model.root.toString()}|unknown|${node.id}`;
        item.description = stats ? `${plural(stats.commits, 'commit')} · not in strategy.yaml` : 'not in strategy.yaml';
        if (stats)
          item.tooltip = `'${plainText(node.id)}' is not a goal in strategy.yaml: ${plural(stats.commits, 'commit', exact)} name it`;
        item.iconPath = new vscode.ThemeIcon('question');
        item.contextValue = 'goal.unknown';
        return item;
      }
      case 'commit':
        return commitItem(node, now);
      case 'message':
        return messageItem(node);
    }
  }

  private repoChildren(model: RepoModel): TreeNode[] {
    if (reportOf(model) && !this.counted.has(model)) {
      this.counted.add(model); // the log's "first numbers" (the editor bench reads it beside what the page shows)
      this.numbersGiven();
      const saved = model.last ? '' : ', saved by an earlier window';
      log().info(`${model.name}: Goals view given its first numbers${saved} (at ${new Date().toISOString()})`);
    }
    const strategy = this.source.strategyOf(model);
    if (!strategy) return [{ kind: 'message', text: 'No valid strategy.yaml in this repository', icon: 'info' }];
    const out: TreeNode[] = strategy.goals.filter((g) => g.status !== 'stopped').map((goal) => ({ kind: 'goal', model, goal }));
    const unpublished = model.git && this.source.unpublishedOf?.(model);
    if (unpublished) out.unshift(unpublishedHint(model, unpublished));
    if (!model.hasHistory && !model.saved) {
      // Restricted Mode (the view's message says so) or no git: the goals alone, no history.
      if (this.source.trusted && ['disabled', 'missing'].includes(this.source.git.availability)) {
        out.push({
          kind: 'message',
          text: 'Git is not available (the Git extension is disabled or git is not installed): goals only, no history',
          icon: 'warning',
        });
      }
    } else if (!model.last) {
      out.push({
        kind: 'message',
        text: model.error ? `Could not read history: ${model.error}` : 'Reading history…',
        icon: model.error ? 'error' : 'loading~spin',
      });
    } else {
      for (const group of ['untagged', 'stopped', 'unknown'] as const) {
        const node: TreeNode = { kind: 'group', model, group };
        if (group === 'untagged' || this.groupChildren(node).length > 0) out.push(node);
      }
      const { scan } = model.last;
      if (!scan.base) {
        const empty = model.git !== undefined && !model.git.state.HEAD?.commit && scan.report.totals.commits === 0; // HEAD on an unborn branch
        out.push({
          kind: 'message',
          text: empty
            ? 'No commits yet'
            : 'No base branch (no remote HEAD, main or master): branch tags are not counted. Set settings.base in strategy.yaml.',
          icon: 'info',
        });
      }
    }
    if (!model.last && strategy.goals.some((g) => g.status === 'stopped')) {
      out.push({ kind: 'group', model, group: 'stopped' });
    }
    return out;
  }

  private goalChildren(model: RepoModel, goal: string): TreeNode[] {
    const snapshot = model.last;
    if (!snapshot) return model.saved ? [READING] : [];
    const branches = snapshot.scan.branches.filter((b) => b.goal?.goal === goal);
    const out: TreeNode[] = branches.map((branch) => ({ kind: 'branch', model, branch }));
    if (snapshot.commits.outsideBranches(goal).total > 0) out.push({ kind: 'other', model, goal });
    return out;
  }

  private groupChildren(node: Extract<TreeNode, { kind: 'group' }>): TreeNode[] {
    const { model } = node;
    if (node.group === 'stopped') {
      // The whole stop-doing list; goals that still get work say so in their description.
      return (this.source.strategyOf(model)?.goals ?? [])
        .filter((g) => g.status === 'stopped')
        .map((goal) => ({ kind: 'goal', model, goal }));
    }
    const snapshot = model.last;
    if (!snapshot) return [];
    if (node.group === 'untagged') {
      return snapshot.scan.report.untagged.branches.flatMap((untagged) => {
        const branch = snapshot.scan.branches.find((b) => b.name === untagged.name);
        return branch ? [{ kind: 'branch' as const, model, branch, untagged }] : [];
      });
    }
    return snapshot.scan.report.unknownGoals.map((u) => ({ kind: 'unknownGoal', model, id: u.id }));
  }

  /** Commit rows, newest first; a long list ends with a row saying how many are not listed. */
  private listed(model: RepoModel, list: CommitList | undefined, parent: string): TreeNode[] {
    if (!list) return [];
    const out: TreeNode[] = list.shown.map((entry) => ({ kind: 'commit', model, entry, parent }));
    const more = list.total - list.shown.length;
    if (more > 0)
      out.push({
        kind: 'message',
        text: `${count(more)} more ${more === 1 ? 'commit' : 'commits'}, older (the newest ${count(list.shown.length)} are listed)`,
        icon: 'ellipsis',
        tooltip: 'Strategy: Show Alignment Report has them all, by goal and week',
      });
    return out;
  }
}

/** A goal's row shows the numbers an earlier window saved; its branches and commits come with the history. */
const READING: TreeNode = { kind: 'message', text: 'Reading history…', icon: 'loading~spin' };

/** The report the view shows for `model`: its last scan's, else the one saved by an earlier window. */
function reportOf(model: RepoModel) {
  return model.last?.scan.report ?? model.saved;
}

/** "3 tags not shared with origin — Sync": a row that runs Sync Tags for the repository. */
function unpublishedHint(model: RepoModel, { remote, count: tags }: { remote: string; count: number }): TreeNode {
  return {
    kind: 'message',
    text: `${plural(tags, 'tag')} not shared with ${plainText(remote)} — Sync`,
    icon: 'cloud-upload',
    tooltip: `Goal notes and branch tags made here that ${remote} has not received yet (as of the last sync). Click to sync: teammates, CI and this clone then agree.`,
    command: { command: 'strategyAlign.syncTags', title: 'Sync Tags', arguments: [{ repository: model.root.fsPath }] },
  };
}
