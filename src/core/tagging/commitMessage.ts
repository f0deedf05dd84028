// The `Goal: <id>` trailer for a commit message being written: appended as a proper trailer block,
// never overwriting or duplicating what the user typed.

/** A trailer line as git reads one: a token, optional blanks, the colon; the value may be empty. */
const TRAILER_LINE = /^[A-Za-z0-9][A-Za-z0-9-]*[ \t]*:/;
/** A trailer's value folded onto the next line. */
const CONTINUATION = /^[ \t]+\S/;
/** Lines git itself writes: with one of them, a paragraph that is a quarter trailers is a trailer block. */
const GIT_GENERATED = /^(Signed-off-by: |\(cherry picked from commit )/;

/** Whether git reads the last paragraph as the trailer block (its rule in trailer.c). */
function isTrailerBlock(lines: readonly string[]): boolean {
  let [trailers, others, generated] = [0, 0, false];
  lines.forEach((line, i) => {
    if (line.startsWith('#')) return; // a comment line: git skips it when it looks for trailers
    if (i > 0 && CONTINUATION.test(line)) return;
    if (GIT_GENERATED.test(line)) [trailers, generated] = [trailers + 1, true];
    else if (TRAILER_LINE.test(line)) trailers++;
    else others++;
  });
  return trailers > 0 && (others === 0 || (generated && trailers * 3 >= others));
}

/** True when a line of the message already starts with `<key>:` (git also allows blanks before the colon). */
export function hasGoalTrailer(message: string, key: string): boolean {
  const pattern = new RegExp(`^${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[ \t]*:`, 'im');
  return pattern.test(message);
}

/**
 * `message` with `<key>: <goal>` appended: into the trailer block when the last paragraph is one,
 * else as a new paragraph. Unchanged when a `<key>:` line is already there.
 */
export function appendGoalTrailer(message: string, key: string, goal: string): string {
  if (hasGoalTrailer(message, key)) return message;
  const trailer = `${key}: ${goal}`;
  const body = message.replace(/\s+$/, '');
  if (body === '') return `\n\n${trailer}`;
  // CRLF as well as LF: a CR is one more blank to git, and a trailer block split in two stops
  // being trailers. Any run of blank lines ends a paragraph (git's cleanup makes it one), so the
  // last paragraph never starts with a blank line of its own.
  const paragraphs = body.split(/\r?\n(?:[ \t\r]*\n)+/);
  const last = paragraphs[paragraphs.length - 1].split(/\r?\n/);
  return paragraphs.length > 1 && isTrailerBlock(last) ? `${body}\n${trailer}` : `${body}\n\n${trailer}`;
}
