import { buildReport, parseProbeLog, renderSvg } from '../../lib/report';

const LOG = [
  'PHASE before 100.0',
  '100.0 0 200 0.020',
  '101.0 0 200 0.025',
  'PHASE during 102.0',
  '102.0 7',
  '103.0 0 503 0.004',
  '104.0 0 200 0.300',
  '105.0 28',
  'PHASE after 106.0',
  '106.0 0 200 0.022',
  '107.0 0 200 0.021',
].join('\n');
const report = () => buildReport({ logs: [parseProbeLog(LOG, 'x.log')] });

/** Tags open and close in order (the renderer writes no comments, CDATA or processing instructions). */
function wellFormed(svg: string): boolean {
  const stack: string[] = [];
  for (const m of svg.matchAll(/<(\/?)([a-z]+)[^>]*?(\/?)>/g)) {
    if (m[1]) {
      if (stack.pop() !== m[2]) return false;
    } else if (!m[3]) stack.push(m[2]);
  }
  return stack.length === 0 && !/&(?!amp;|lt;|gt;|quot;|#39;)/.test(svg);
}

describe('renderSvg', () => {
  test('is deterministic and well formed', () => {
    const a = renderSvg(report());
    expect(renderSvg(report())).toBe(a);
    expect(a.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(wellFormed(a)).toBe(true);
  });

  test('labels both axes and states the headline numbers', () => {
    const svg = renderSvg(report());
    expect(svg).toContain('latency of OK probes (ms)');
    expect(svg).toContain('seconds since 1970-01-01T00:01:40Z');
    expect(svg).toContain('<title>Probe timeline: availability 62.5000% · p50 22 ms · p99 300 ms · max 300 ms · 8 probes</title>');
  });

  test('marks every failed probe, shades every unreachable stretch and every phase', () => {
    const svg = renderSvg(report());
    expect(svg.match(/<line [^>]*stroke="#d93025" stroke-width="1.5"\/>/g)).toHaveLength(3 + 1); // 3 failures + legend
    expect(svg.match(/<rect [^>]*fill="#d93025" fill-opacity="0.14"\/>/g)).toHaveLength(2 + 1); // 102-104, 105-106 + legend
    for (const name of ['before', 'during', 'after']) expect(svg).toMatch(new RegExp(`>${name}( · mean [^<]+)?</text>`));
    expect(svg).toContain('<title>during</title>during</text>');
    expect(svg).toContain('>mean 300 ms</text>');
    // A line per run of OK probes with two or more points, a dot per OK probe.
    expect(svg.match(/<path /g)).toHaveLength(2);
    expect(svg.match(/<circle /g)).toHaveLength(5);
  });

  test('escapes text and copes with an empty log', () => {
    const empty = renderSvg(buildReport({ logs: [parseProbeLog('', 'e')] }), { title: 'a <b> & "c"' });
    expect(empty).toContain('a &lt;b&gt; &amp; &quot;c&quot;');
    expect(empty).toContain('no probes in the log');
    expect(wellFormed(empty)).toBe(true);
  });

  test('many probes: lines without dots, sizes as asked', () => {
    const many = Array.from({ length: 1000 }, (_, i) => `${i}.0 0 200 0.0${10 + (i % 50)}`).join('\n');
    const svg = renderSvg(buildReport({ logs: [parseProbeLog(many, 'm')] }), { width: 1200, height: 500 });
    expect(svg).toContain('width="1200" height="500" viewBox="0 0 1200 500"');
    expect(svg).not.toContain('<circle');
    expect(wellFormed(svg)).toBe(true);
  });
});
