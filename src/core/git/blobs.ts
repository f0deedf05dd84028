// Blob contents in bulk: one `git cat-file --batch` for all of them (never a process per blob).
import { Pacer } from '../scan/pacer';
import type { GitRunner } from './runner';

/** The text of each blob, in the order given; the event loop runs every 4k blobs once `pacer`'s budget is spent. */
export async function readBlobs(runner: GitRunner, blobs: readonly string[], pacer = new Pacer()): Promise<string[]> {
  if (blobs.length === 0) return [];
  const chunks: Buffer[] = [];
  // --buffer: all the input is given at once, so git need not flush after each blob (30k notes: 30k small writes)
  await runner.each(['cat-file', '--batch', '--buffer'], (chunk) => chunks.push(chunk), blobs.join('\n') + '\n');
  const out = Buffer.concat(chunks);
  const texts: string[] = [];
  let offset = 0;
  for (let i = 0; i < blobs.length; i++) {
    if ((i & 4095) === 4095) await pacer.pause();
    // `<sha> <type> <size>\n<contents>\n`
    const headerEnd = out.indexOf(10, offset);
    const size = Number(out.subarray(offset, headerEnd).toString('utf8').split(' ')[2]);
    texts.push(out.subarray(headerEnd + 1, headerEnd + 1 + size).toString('utf8'));
    offset = headerEnd + 1 + size + 1;
  }
  return texts;
}
