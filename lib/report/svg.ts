import { formatMs, formatPercentE4, formatUtc } from './_format';
import { gameDayPhases } from './_gameday-phases';
import { fitText, textWidth } from './_text-width';
import { ProbeReport } from './report';

export interface SvgOptions {
  /**
   * Width in pixels.
   * @default 960
   */
  readonly width?: number;
  /**
   * Height in pixels.
   * @default 400
   */
  readonly height?: number;
  /**
   * Title in front of the headline numbers.
   * @default 'Probe timeline'
   */
  readonly title?: string;
}

const PHASE_FILLS = ['#e8f0fe', '#fef7e0', '#e6f4ea', '#f3e8fd', '#fce8e6', '#e4f7fb'];
const BLUE = '#1a73e8';
const RED = '#d93025';

/** Escapes text for XML content and attribute values. */
function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const f = (n: number): string => n.toFixed(1);

/** A 1-2-5 step giving at most `maxTicks` intervals over `span`. */
function niceStep(span: number, maxTicks: number): number {
  const raw = span / maxTicks;
  const mag = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * mag >= raw) return m * mag;
  return 10 * mag;
}

function tickLabel(value: number, step: number): string {
  const decimals = step >= 1 ? 0 : Math.min(6, Math.ceil(-Math.log10(step) - 1e-9));
  return value.toFixed(decimals);
}

/**
 * The title in as few lines as fit `width`: one line at 15 px, else one line shrunk to 12 px, else
 * wrapped between its numbers at 13 px (only a heading wider than the picture is cut, with "…").
 */
function fitTitle(heading: string, numbers: readonly string[], width: number): { lines: string[]; size: number } {
  const whole = `${heading} ${numbers.join(' · ')}`;
  for (const size of [15, 14, 13, 12]) if (textWidth(whole, size, true) <= width) return { lines: [whole], size };
  const size = 13;
  const fits = (text: string) => textWidth(text, size, true) <= width;
  const lines = [fits(heading) ? heading : fitText(heading, width / 1.08, size)];
  for (const part of numbers) {
    const last = lines.length - 1;
    const joined = last === 0 ? `${lines[0]} ${part}` : `${lines[last]} · ${part}`;
    if (fits(joined)) lines[last] = joined;
    else lines.push(fits(part) ? part : fitText(part, width / 1.08, size));
  }
  return { lines, size };
}

/**
 * The report as an SVG timeline a person reads at a glance: latency of every OK probe over
 * time, failed probes as red ticks along the top, unreachable stretches shaded red, phases
 * shaded and named, both axes labelled. Output depends only on the report (no clock, no
 * randomness), so the same log always gives the same bytes.
 */
export function renderSvg(report: ProbeReport, options: SvgOptions = {}): string {
  const W = options.width ?? 960;
  const H = options.height ?? 400;
  const x0 = 72;
  const x1 = W - 24;
  const o = report.overall;
  const heading = `${options.title ?? 'Probe timeline'}:`;
  const numbers = [`availability ${formatPercentE4(o.availabilityE4)}`,
    `p50 ${formatMs(o.latency?.p50Us)}`, `p99 ${formatMs(o.latency?.p99Us)}`, `max ${formatMs(o.latency?.maxUs)}`, `${o.probes} probes`];
  const title = `${heading} ${numbers.join(' · ')}`;
  const titleLines = fitTitle(heading, numbers, W - 32);
  const extra = (titleLines.lines.length - 1) * (titleLines.size + 4);
  const y0 = 64 + extra;
  const y1 = H - 56;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(title)}">`,
    `<title>${esc(title)}</title>`,
    `<rect x="0" y="0" width="${W}" height="${H}" fill="#ffffff"/>`,
    `<g font-family="system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif" font-size="12" fill="#202124">`,
    ...titleLines.lines.map((line, i) => `<text x="16" y="${24 + i * (titleLines.size + 4)}" font-size="${titleLines.size}" font-weight="600">${esc(line)}</text>`),
  ];

  const timeline = report.timeline;
  if (!timeline) throw new RangeError('renderSvg: the report was built without its timeline (buildReport timeline: false)');
  const times = timeline.timesUs;
  const latencies = timeline.okLatencyUs;
  const n = times.length;
  if (n === 0) {
    out.push(`<text x="${f((x0 + x1) / 2)}" y="${f((y0 + y1) / 2)}" text-anchor="middle">no probes in the log</text>`, '</g>', '</svg>', '');
    return out.join('\n');
  }

  // Time domain: the probes and the phase spans.
  let t0 = times[0];
  let t1 = times[n - 1];
  for (const p of report.phases) {
    if (p.startUs !== undefined) t0 = Math.min(t0, p.startUs);
    if (p.endUs !== undefined) t1 = Math.max(t1, p.endUs);
  }
  if (t1 <= t0) t1 = t0 + 1_000_000;
  const xOf = (us: number): number => x0 + ((us - t0) / (t1 - t0)) * (x1 - x0);

  // Latency domain: 0 .. a nice ceiling over the slowest OK probe; 14 px on top for failure ticks.
  const maxMs = (o.latency?.maxUs ?? 1000) / 1000;
  const yStep = niceStep(Math.max(maxMs, 0.001) * 1.05, 5);
  const yMax = Math.ceil((Math.max(maxMs, 0.001) * 1.05) / yStep) * yStep;
  const top = y0 + 14;
  const yOf = (latMs: number): number => y1 - (latMs / yMax) * (y1 - top);

  // Phases, shaded and named; a GameDay's step labels alternate between two rows, and every
  // label is cut to its phase's width so that neighbours never overlap.
  const steps = gameDayPhases(report.phases.map((p) => p.name));
  report.phases.forEach((p, i) => {
    const a = xOf(p.startUs ?? t0);
    const b = xOf(p.endUs ?? t1);
    out.push(`<rect x="${f(a)}" y="${y0}" width="${f(Math.max(b - a, 1))}" height="${y1 - y0}" fill="${PHASE_FILLS[i % PHASE_FILLS.length]}"/>`);
    const room = Math.max(b - a, 1) - 6;
    const row = steps && i % 2 === 1 ? 24 : 0;
    const name = fitText(steps ? `${steps[i].label === steps[i].what ? '' : `${steps[i].label} `}${steps[i].what}` : p.name, room, 11);
    const mean = p.statistics.latency ? fitText(`mean ${formatMs(p.statistics.latency.meanUs)}`, room, 11) : '';
    if (name !== '') out.push(`<text x="${f(a + 4)}" y="${y0 + 26 + row}" font-size="11" fill="#3c4043"><title>${esc(p.name)}</title>${esc(name)}</text>`);
    if (mean !== '') out.push(`<text x="${f(a + 4)}" y="${y0 + 38 + row}" font-size="11" fill="#3c4043">${esc(mean)}</text>`);
  });

  // Grid and y axis.
  for (let k = 0; k <= Math.round(yMax / yStep); k++) {
    const v = k * yStep;
    const y = yOf(v);
    out.push(`<line x1="${x0}" y1="${f(y)}" x2="${x1}" y2="${f(y)}" stroke="#dadce0" stroke-width="1"/>`);
    out.push(`<text x="${x0 - 6}" y="${f(y + 4)}" text-anchor="end">${tickLabel(v, yStep)}</text>`);
  }
  const spanS = (t1 - t0) / 1_000_000;
  const xStep = niceStep(spanS, 8);
  for (let k = 0; k * xStep <= spanS + xStep / 1000; k++) {
    const s = k * xStep;
    const x = xOf(t0 + s * 1_000_000);
    out.push(`<line x1="${f(x)}" y1="${y1}" x2="${f(x)}" y2="${y1 + 5}" stroke="#5f6368" stroke-width="1"/>`);
    out.push(`<text x="${f(x)}" y="${y1 + 18}" text-anchor="middle">${tickLabel(s, xStep)}</text>`);
  }
  out.push(`<line x1="${x0}" y1="${y0}" x2="${x0}" y2="${y1}" stroke="#5f6368" stroke-width="1"/>`);
  out.push(`<line x1="${x0}" y1="${y1}" x2="${x1}" y2="${y1}" stroke="#5f6368" stroke-width="1"/>`);
  out.push(`<text x="${f((x0 + x1) / 2)}" y="${H - 12}" text-anchor="middle">seconds since ${esc(formatUtc(t0))}</text>`);
  out.push(`<text x="16" y="${f((y0 + y1) / 2)}" text-anchor="middle" transform="rotate(-90 16 ${f((y0 + y1) / 2)})">latency of OK probes (ms)</text>`);

  // Unreachable stretches (first failure of a run to the next OK probe), then failure ticks.
  const ok = (i: number): boolean => !Number.isNaN(latencies[i]);
  let since: number | undefined;
  const stretches: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) {
    if (!ok(i) && since === undefined) since = times[i];
    if (ok(i) && since !== undefined) {
      stretches.push([since, times[i]]);
      since = undefined;
    }
  }
  if (since !== undefined) stretches.push([since, times[n - 1]]);
  for (const [a, b] of stretches) {
    const xa = xOf(a);
    out.push(`<rect x="${f(xa)}" y="${y0}" width="${f(Math.max(xOf(b) - xa, 1.5))}" height="${y1 - y0}" fill="${RED}" fill-opacity="0.14"/>`);
  }
  for (let i = 0; i < n; i++) {
    if (ok(i)) continue;
    const x = f(xOf(times[i]));
    out.push(`<line x1="${x}" y1="${y0}" x2="${x}" y2="${y0 + 10}" stroke="${RED}" stroke-width="1.5"/>`);
  }

  // Latency: one line per run of OK probes, dots when there are few enough to see them.
  let path = '';
  let run = 0;
  const paths: string[] = [];
  for (let i = 0; i < n; i++) {
    if (!ok(i)) {
      if (run > 1) paths.push(path);
      path = '';
      run = 0;
      continue;
    }
    const pt = `${f(xOf(times[i]))} ${f(yOf(latencies[i] / 1000))}`;
    path += run === 0 ? `M${pt}` : ` L${pt}`;
    run++;
  }
  if (run > 1) paths.push(path);
  for (const d of paths) out.push(`<path d="${d}" fill="none" stroke="${BLUE}" stroke-width="1.2" stroke-linejoin="round"/>`);
  if (o.ok <= 600) {
    for (let i = 0; i < n; i++) {
      if (ok(i)) out.push(`<circle cx="${f(xOf(times[i]))}" cy="${f(yOf(latencies[i] / 1000))}" r="1.8" fill="${BLUE}"/>`);
    }
  }

  // Legend.
  const lx = x1 - 345;
  const ly = 48 + extra;
  out.push(
    `<line x1="${lx}" y1="${ly - 4}" x2="${lx + 18}" y2="${ly - 4}" stroke="${BLUE}" stroke-width="2"/>`,
    `<text x="${lx + 24}" y="${ly}">latency (OK probe)</text>`,
    `<line x1="${lx + 155}" y1="${ly - 10}" x2="${lx + 155}" y2="${ly + 2}" stroke="${RED}" stroke-width="1.5"/>`,
    `<text x="${lx + 163}" y="${ly}">failed probe</text>`,
    `<rect x="${lx + 250}" y="${ly - 10}" width="12" height="12" fill="${RED}" fill-opacity="0.14"/>`,
    `<text x="${lx + 268}" y="${ly}">unreachable</text>`,
    '</g>',
    '</svg>',
    '',
  );
  return out.join('\n');
}
