// The commented strategy.yaml written by "Create strategy.yaml": valid as it stands, and a guide.

export function strategyTemplate(period = currentQuarter(new Date())): string {
  return `# Strategy Align: the team's goals, RANKED. The first goal is the most important; list order
# is the priority and there are no ties ("choose, don't balance"). Tag a branch with a goal from the
# Strategy Align view, or add a "Goal: <id>" trailer to a commit message.
version: 1
period: ${period}
goals:
  - id: first-goal                 # lowercase letters, digits and dashes; used in Goal: trailers
    title: The most important outcome this period
    why: How it moves a company outcome
    share: 50                      # intended % of the team's effort
    match:                         # hints to SUGGEST this goal for untagged work
      paths: ["src/**"]
      keywords: [first]
  - id: second-goal
    title: The next most important outcome
    share: 30
  - id: stop-doing-example
    title: Work we decided to stop
    status: stopped                # the stop-doing list: work that still flows here is flagged
settings:
  maxActive: 3                     # warn above this many active goals
  untagged: { commits: 3, days: 2 }  # when untagged work counts as long-running
`;
}

function currentQuarter(now: Date): string {
  return `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
}
