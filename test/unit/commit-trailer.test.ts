// The commit box controller's rules, on a plain input box (the integration tests drive the real one).
import assert from 'node:assert/strict';
import { CommitTrailer } from '../../src/extension/editor/commitTrailer';

const goal = (id: string) => ({ key: 'Goal', goal: id });

describe('the commit box trailer', () => {
  it('fills an empty box, and refills it after a commit clears it', () => {
    const box = { value: '' };
    const trailer = new CommitTrailer(box);
    trailer.apply(goal('checkout'));
    assert.equal(box.value, '\n\nGoal: checkout');
    box.value = '';
    trailer.apply(goal('checkout'));
    assert.equal(box.value, '\n\nGoal: checkout');
  });

  it('appends to typed text, and keeps what is typed after the trailer was added', () => {
    const box = { value: 'Fix cart' };
    const trailer = new CommitTrailer(box);
    trailer.apply(goal('checkout'));
    assert.equal(box.value, 'Fix cart\n\nGoal: checkout');
    box.value = 'Fix cart totals\n\nGoal: checkout';
    trailer.apply(goal('checkout'));
    assert.equal(box.value, 'Fix cart totals\n\nGoal: checkout');
  });

  it('replaces only its own untouched trailer when the branch changes', () => {
    const box = { value: 'Subject' };
    const trailer = new CommitTrailer(box);
    trailer.apply(goal('checkout'));
    trailer.apply(goal('onboarding'));
    assert.equal(box.value, 'Subject\n\nGoal: onboarding');
    trailer.apply(undefined);
    assert.equal(box.value, 'Subject', 'an untagged branch gets our trailer back out');
  });

  it('never touches a Goal line the user typed or edited', () => {
    const box = { value: 'Subject\n\nGoal: mine' };
    const trailer = new CommitTrailer(box);
    trailer.apply(goal('checkout'));
    assert.equal(box.value, 'Subject\n\nGoal: mine');
    trailer.apply(undefined);
    assert.equal(box.value, 'Subject\n\nGoal: mine');
    const edited = { value: '' };
    const other = new CommitTrailer(edited);
    other.apply(goal('checkout'));
    edited.value = 'Typed\n\nGoal: checkout';
    other.apply(goal('onboarding'));
    assert.equal(edited.value, 'Typed\n\nGoal: checkout', 'once the user has touched the box, our trailer is theirs');
  });

  it('leaves a deleted trailer deleted until the box is emptied or the goal changes', () => {
    const box = { value: 'Subject' };
    const trailer = new CommitTrailer(box);
    trailer.apply(goal('checkout'));
    box.value = 'Subject, no goal please';
    trailer.apply(goal('checkout'));
    assert.equal(box.value, 'Subject, no goal please');
    box.value = '';
    trailer.apply(goal('checkout'));
    assert.equal(box.value, '\n\nGoal: checkout');
    box.value = 'Other subject';
    trailer.apply(goal('checkout'));
    assert.equal(box.value, 'Other subject');
    trailer.apply(goal('onboarding'));
    assert.equal(box.value, 'Other subject\n\nGoal: onboarding', 'a new goal is offered again');
  });

  it('takes a value it wrote a moment ago, come back from the workbench, for an echo, not for the user’s text', () => {
    let clock = 0;
    const box = { value: 'Typed before tagging' };
    const trailer = new CommitTrailer(box, () => clock);
    trailer.apply(goal('checkout'));
    const first = box.value;
    assert.equal(first, 'Typed before tagging\n\nGoal: checkout');
    box.value = ''; // a commit empties the box
    clock += 100;
    trailer.apply(goal('checkout'));
    assert.equal(box.value, '\n\nGoal: checkout');
    box.value = first; // the workbench's late echo of the first write
    clock += 100;
    trailer.apply(goal('checkout'));
    assert.equal(box.value, '\n\nGoal: checkout', 'the echo is replaced by what the box should hold');
    box.value = first; // the same text again, long after: typed, and kept
    clock += 60_000;
    trailer.apply(goal('checkout'));
    assert.equal(box.value, first);
  });
});
