// The `Goal: <id>` trailer for a commit message being written: appended as a proper trailer block,
// never overwriting or duplicating what the user typed.

const TRAILER_LINE = /^[A-Za-z0-9][A-Za-z0-9-]*:\s/;

/** True when the message's last paragraph already has a `<key>:` trailer, or any line is exactly one. */
export function hasGoalTrailer(message: string, key: string): boolean {
  const pattern = new RegExp(`^${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:`, 'im');
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
  const paragraphs = body.split(/\n[ \t]*\n/);
  const last = paragraphs[paragraphs.length - 1].split('\n');
  const isTrailerBlock = paragraphs.length > 1 && last.every((line) => TRAILER_LINE.test(line));
  return isTrailerBlock ? `${body}\n${trailer}` : `${body}\n\n${trailer}`;
}
