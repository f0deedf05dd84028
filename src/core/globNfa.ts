// The automaton a glob pattern matches with: built by the same walk over the pattern that writes
// its regex source (glob.ts), and run over a path keeping the SET of states it can be in (Thompson's
// construction). Time is states × characters whatever the pattern: no backtracking, so no pattern
// in a strategy.yaml can stall the editor on the paths or branch names it is tested against.
import type { GlobEmitter } from './glob';

/** A piece of the automaton: given the state to continue to, it adds its states and returns its entry. */
type Fragment = (next: number) => number;
type Test = (c: string) => boolean;

const NOT_SLASH: Test = (c) => c !== '/';
const ANY: Test = () => true;
const NONE = -1;

export class GlobNfa implements GlobEmitter<Fragment> {
  /** Per state: the character test (a consuming state) or null (an ε-state with up to two exits). */
  private readonly tests: (Test | null)[] = [];
  private readonly out: number[] = [];
  private readonly out2: number[] = [];
  /** The accepting state: an ε-state with no exit. */
  readonly accept = this.add(null, NONE);
  private marks = new Int32Array(0);
  private generation = 0;

  literal(c: string): Fragment {
    return (next) => this.add((x) => x === c, next);
  }

  star(): Fragment {
    return this.loop(NOT_SLASH);
  }

  one(): Fragment {
    return (next) => this.add(NOT_SLASH, next);
  }

  segments(): Fragment {
    return (next) => {
      const loop = this.add(null, NONE, next);
      this.out[loop] = this.star()(this.add((x) => x === '/', loop));
      return loop;
    };
  }

  rest(): Fragment {
    return this.loop(ANY);
  }

  cls(source: string): Fragment {
    const regex = new RegExp(`^${source}$`);
    return (next) => this.add((x) => regex.test(x), next);
  }

  alt(parts: Fragment[]): Fragment {
    return (next) => {
      const entries = parts.map((part) => part(next));
      return entries.reduceRight((rest, entry) => this.add(null, entry, rest));
    };
  }

  seq(parts: Fragment[]): Fragment {
    return (next) => parts.reduceRight((rest, part) => part(rest), next);
  }

  /** Whether the automaton, entered at `entry`, accepts the whole of `text` (UTF-16 units, as a regex). */
  run(entry: number, text: string): boolean {
    let current: number[] = [];
    this.close(entry, current, this.nextGeneration());
    for (let i = 0; i < text.length && current.length > 0; i++) {
      const c = text[i];
      const next: number[] = [];
      const generation = this.nextGeneration();
      for (const state of current) {
        const test = this.tests[state];
        if (test && test(c)) this.close(this.out[state], next, generation);
      }
      current = next;
    }
    return current.includes(this.accept);
  }

  /** `*` over `test`: an ε-state that either takes one more character and returns, or goes on. */
  private loop(test: Test): Fragment {
    return (next) => {
      const loop = this.add(null, NONE, next);
      this.out[loop] = this.add(test, loop);
      return loop;
    };
  }

  private add(test: Test | null, out: number, out2 = NONE): number {
    this.tests.push(test);
    this.out.push(out);
    this.out2.push(out2);
    return this.tests.length - 1;
  }

  private nextGeneration(): number {
    if (this.marks.length < this.tests.length) this.marks = new Int32Array(this.tests.length);
    return ++this.generation;
  }

  /** Adds `state` and every state it reaches without a character (its ε-closure) to `into`, once. */
  private close(state: number, into: number[], generation: number): void {
    const stack = [state];
    while (stack.length > 0) {
      const s = stack.pop()!;
      if (s === NONE || this.marks[s] === generation) continue;
      this.marks[s] = generation;
      if (this.tests[s] === null) {
        if (s === this.accept) into.push(s);
        stack.push(this.out2[s], this.out[s]);
      } else {
        into.push(s);
      }
    }
  }
}
