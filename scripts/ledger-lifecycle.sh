#!/bin/bash
# The lifecycle scenario of issue 12 with a built CLI: scripts/ledger-lifecycle.sh dist/cli.js
# (SYNC=1 adds the syncs and the tech lead's fresh clone; SYNC=late syncs only after the branches are
# deleted, so what reaches the lead is what the reflog recovered). Prints the numbers after each step.
set -e
CLI=$(realpath "$1")
W=$(mktemp -d /tmp/sa-life-XXXX)
cd $W
git init -q --bare -b main origin.git
git clone -q origin.git dev 2>/dev/null
cd dev
git config user.email dev@x; git config user.name Dev
git checkout -q -b main
cat > strategy.yaml <<'Y'
version: 1
goals:
  - { id: checkout, title: Checkout }
  - { id: onboarding, title: Onboarding }
Y
git add strategy.yaml; git commit -qm init
git push -q origin main 2>/dev/null
n() { node $CLI report --since all --format json --no-cache | node -e 'const r=JSON.parse(require("fs").readFileSync(0,"utf8"));const g=Object.fromEntries(r.goals.map(x=>[x.id,x.commits]));console.log(`checkout ${g.checkout}, onboarding ${g.onboarding}, untagged ${r.untagged.commits} | totals ${JSON.stringify(r.totals)}`)'; }
git checkout -q -b feat-a
for i in 1 2 3; do echo $i > a$i; git add a$i; git commit -qm "feat a $i"; done
node $CLI tag-branch checkout >/dev/null
echo "1. tag-branch checkout on feat-a (3 commits):"; n
git checkout -q main
git merge -q --no-ff feat-a -m "Merge branch 'feat-a'"
echo "2. git merge --no-ff feat-a into main:"; n
git checkout -q -b onboarding/x
for i in 1 2; do echo $i > o$i; git add o$i; git commit -qm "onb $i"; done
[ "$SYNC" = 1 ] && node $CLI sync >/dev/null 2>&1
git checkout -q main
git merge -q --squash onboarding/x; git commit -qm "Onboarding x"
git branch -q -D onboarding/x
echo "3. onboarding/x (pattern goal, 2 commits) squash-merged and deleted:"; n
git branch -q -D feat-a
echo "4. feat-a deleted too:"; n
if [ -n "$SYNC" ]; then
  node $CLI sync >/dev/null 2>&1; git push -q origin main 2>/dev/null
  cd $W && git clone -q origin.git lead 2>/dev/null && cd lead
  echo "5. tech lead's fresh clone, before sync:"; n
  node $CLI report --fetch --since all --format json --no-cache >/dev/null
  echo "6. tech lead's clone after report --fetch:"; n
fi
rm -rf $W
