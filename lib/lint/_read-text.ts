import * as fs from 'fs';

/**
 * Largest input file lint reads. Parsing YAML costs many times the file's size in memory, so an
 * unbounded read lets one stray file (a disk image, a log) exhaust the machine before anything
 * is reported; real manifests are far smaller.
 */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/** A file's text, or why it is not usable text (with the 1-based position when there is one). */
export type TextRead =
  | { readonly text: string; readonly problem?: undefined }
  | { readonly text?: undefined; readonly problem: string; readonly line?: number; readonly column?: number };

const CHUNK = 1024 * 1024;

/**
 * Reads a regular file as UTF-8 text without ever holding more than `maxBytes` of it: the size
 * is checked before reading and while reading (a file that grows meanwhile). File system errors
 * are thrown as they come (the caller names the errno); unusable content is returned as a problem.
 */
export function readTextFile(file: string, maxBytes: number = MAX_INPUT_BYTES): TextRead {
  // Non-blocking, so that opening a FIFO without a writer returns at once and is refused below.
  const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { problem: notRegular(stat) };
    if (stat.size > maxBytes) return { problem: tooLarge(stat.size, maxBytes) };
    const chunks: Buffer[] = [];
    const scratch = Buffer.allocUnsafe(Math.min(CHUNK, maxBytes + 1));
    let total = 0;
    for (;;) {
      const n = fs.readSync(fd, scratch, 0, Math.min(scratch.length, maxBytes + 1 - total), null);
      if (n === 0) break;
      chunks.push(Buffer.from(scratch.subarray(0, n)));
      total += n;
      if (total > maxBytes) return { problem: tooLarge(undefined, maxBytes) };
    }
    return decodeText(Buffer.concat(chunks, total));
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Why a path that is not a regular file is not read: a FIFO or a device may never end (or block
 * until something writes), so lint refuses them everywhere, whether named or found in a directory.
 */
export function notRegular(stat: fs.Stats): string {
  const kind = stat.isFIFO() ? 'a FIFO (named pipe), ' : stat.isSocket() ? 'a socket, ' : stat.isCharacterDevice() ? 'a character device, '
    : stat.isBlockDevice() ? 'a block device, ' : stat.isDirectory() ? 'a directory, ' : '';
  return `cannot read: it is ${kind}not a regular file: lint reads manifests from files; write the output to a file first`;
}

/** Bytes as UTF-8 text; invalid UTF-8 and NUL bytes (binary files, UTF-16) are a problem at their position. */
export function decodeText(bytes: Buffer): TextRead {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { problem: 'not UTF-8 text: it starts with a UTF-16 byte order mark; save it as UTF-8', line: 1, column: 1 };
  }
  let text: string;
  try {
    // Strips a UTF-8 byte order mark, as YAML readers do.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const offset = firstInvalidByte(bytes);
    const at = offset < bytes.length ? ` (byte 0x${bytes[offset].toString(16).padStart(2, '0')})` : ' (a character cut off at the end)';
    return { problem: `not UTF-8 text${at}; lint reads YAML manifests saved as UTF-8`, ...position(bytes, offset) };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    return { problem: 'not UTF-8 text: it contains a NUL byte (a binary file?); lint reads YAML manifests saved as UTF-8', ...position(bytes, nul) };
  }
  return { text };
}

function tooLarge(size: number | undefined, maxBytes: number): string {
  const found = size === undefined ? 'more than that' : size % MIB === 0 ? `${size / MIB} MiB` : `${size} bytes`;
  const limit = maxBytes % MIB === 0 ? `${maxBytes / MIB} MiB` : `${maxBytes} bytes`;
  return `file is too large for lint: the limit is ${limit}, found ${found}; split the manifests into smaller files`;
}

const MIB = 1024 * 1024;

/**
 * Offset of the first byte that is not part of valid UTF-8. The lossy decoding writes U+FFFD
 * for each bad sequence; the first U+FFFD that was not itself in the file (EF BF BD) marks it.
 */
function firstInvalidByte(bytes: Buffer): number {
  const lossy = bytes.toString('utf8');
  let offset = 0;
  let from = 0;
  for (let i = lossy.indexOf('\ufffd'); i >= 0; i = lossy.indexOf('\ufffd', i + 1)) {
    offset += Buffer.byteLength(lossy.slice(from, i));
    if (!(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd)) return offset;
    offset += 3;
    from = i + 1;
  }
  return bytes.length;
}

/** 1-based line and column (in characters) of a byte offset whose preceding bytes are valid UTF-8. */
function position(bytes: Buffer, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = bytes.indexOf(0x0a); i >= 0 && i < offset; i = bytes.indexOf(0x0a, i + 1)) {
    line++;
    lineStart = i + 1;
  }
  const before = bytes.subarray(lineStart, offset).toString('utf8');
  return { line, column: [...before].length + 1 };
}
