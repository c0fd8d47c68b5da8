// Shared by the benchmark scripts: run commands side by side, take medians, record results.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '..');

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Wall time of one run of a command (argv array), in seconds; throws when it fails. */
export function timeOnce({ argv, env = process.env, cwd = root }) {
  const start = process.hrtime.bigint();
  const result = spawnSync(argv[0], argv.slice(1), { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) {
    throw new Error(`${argv.join(' ')} failed (${result.status}): ${result.stderr}`);
  }
  return seconds;
}

/**
 * Wall time (seconds), peak resident memory (bytes) and CPU time (seconds) of one run of a node
 * script: `argv` are node's arguments; bench/_maxrss.cjs is preloaded to report the child's own.
 */
export function measureNode({ argv, env = process.env, cwd = root }) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-rss-'));
  const rssFile = join(dir, 'rss');
  try {
    const seconds = timeOnce({
      argv: [process.execPath, '--require', join(root, 'bench', '_maxrss.cjs'), ...argv],
      env: { ...env, BENCH_RSS_FILE: rssFile },
      cwd,
    });
    const { rss, cpu } = JSON.parse(readFileSync(rssFile, 'utf8'));
    return { seconds, rss, cpu };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs every candidate `runs` times, interleaved (a b a b ...) so that a noisy neighbour on this
 * shared machine slows all of them alike, after one warm-up run each. Returns medians in seconds.
 */
export function sideBySide(candidates, runs) {
  const times = Object.fromEntries(Object.keys(candidates).map((k) => [k, []]));
  for (const c of Object.values(candidates)) timeOnce(c);
  for (let i = 0; i < runs; i++) {
    for (const [name, c] of Object.entries(candidates)) times[name].push(timeOnce(c));
  }
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, { median: median(v), runs: v }]));
}

export function machine() {
  return `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}`;
}

/** Replaces the section between `<!-- bench:NAME -->` markers in BENCHMARKS.md (appends it if new). */
export function recordSection(name, markdown) {
  const file = join(root, 'BENCHMARKS.md');
  const begin = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const block = `${begin}\n${markdown.trim()}\n${end}`;
  let text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n\nMeasured by the scripts in `bench/` (`npm run bench`). The machine is shared and noisy: read medians and ratios, not single runs.\n';
  const from = text.indexOf(begin);
  const to = text.indexOf(end);
  text = from >= 0 && to > from ? text.slice(0, from) + block + text.slice(to + end.length) : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, text);
}
