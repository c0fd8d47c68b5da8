import { Readable } from 'stream';
import { StringDecoder } from 'string_decoder';
import { MAX_LOG_LINE_CHARS } from './probe-log';

/**
 * Feeds a log to `onLine` one line at a time (without its newline, 1-based numbers) as it
 * arrives, so a log of any length is read in the memory of one chunk and one line. A line
 * longer than MAX_LOG_LINE_CHARS is cut just past the limit (which is how readProbeLine knows
 * it is too long) and the rest of it is dropped unread.
 */
export async function readLogLines(stream: Readable, onLine: (text: string, line: number) => void): Promise<void> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let line = 0;
  const take = (text: string): void => {
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      const head = pending.length > 0 ? pending + text.slice(start, Math.min(nl, start + MAX_LOG_LINE_CHARS + 1)) : text.slice(start, nl);
      pending = '';
      onLine(head.length > MAX_LOG_LINE_CHARS + 1 ? head.slice(0, MAX_LOG_LINE_CHARS + 1) : head, ++line);
      start = nl + 1;
    }
    if (pending.length <= MAX_LOG_LINE_CHARS) pending += text.slice(start, start + MAX_LOG_LINE_CHARS + 1 - pending.length);
  };
  for await (const chunk of stream) take(typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer));
  take(decoder.end());
  if (pending.length > 0) onLine(pending, ++line);
}
