// values.yaml comments -> doc comments for scripts/generate-values-types.mjs.
// The yaml package attaches a comment to the node after it (or, for the first key of a mapping,
// to the mapping); blank lines split paragraphs. The last prose paragraph before a key documents
// it; earlier paragraphs and commented-out YAML become notes of the key they show or mention.

/** Comment text as lines: `#` markers and one space stripped, `null` for a blank source line. */
export function commentLines(text) {
  if (!text) return [];
  return text.split('\n').map((raw) => (raw === '' ? null : raw.replace(/^#*/, '').replace(/^ /, '').replace(/\s+$/, '')));
}

/**
 * A commented-out line of YAML (`key: value` with a one-word value, `key:`, `- item`, `{}`), not
 * prose that happens to contain a colon (`WEBHOOK_PORT: 10250, will work ...`, `ref: https://...`).
 */
export function isYamlLine(line) {
  if (/^\s*-\s/.test(line) || /^\s*\{\}\s*$/.test(line)) return true;
  const m = /^\s*([A-Za-z_][\w./-]*):(?:\s+(.*))?$/.exec(line);
  if (m === null) return false;
  const value = m[2] ?? '';
  return !/^https?:/.test(value) && /^("[^"]*"|'[^']*'|\[.*\]|\{.*\}|[^\s,]*)$/.test(value);
}

export function paragraphs(lines) {
  const out = [[]];
  for (const line of lines) {
    if (line === null) { if (out[out.length - 1].length > 0) out.push([]); } else out[out.length - 1].push(line);
  }
  return out.map(trimBlankEdges).filter((p) => p.length > 0);
}

function trimBlankEdges(lines) {
  let a = 0;
  let b = lines.length;
  while (a < b && lines[a].trim() === '') a++;
  while (b > a && lines[b - 1].trim() === '') b--;
  return lines.slice(a, b);
}

/** Key names a commented-out YAML paragraph mentions at its outermost indentation. */
function yamlKeysIn(lines) {
  const keys = [];
  for (const line of lines) {
    const m = /^(\s*)([A-Za-z_][\w.-]*):/.exec(line);
    if (m && isYamlLine(line)) keys.push({ indent: m[1].length, key: m[2] });
  }
  if (keys.length === 0) return [];
  const min = Math.min(...keys.map((k) => k.indent));
  return keys.filter((k) => k.indent === min).map((k) => k.key);
}

/** The last prose run before a key documents it; earlier paragraphs and commented-out YAML are notes. */
export function assignComments(lines, child, prev, parent) {
  const paras = paragraphs(lines);
  if (paras.length === 0) return;
  const last = paras[paras.length - 1];
  let lastYaml = -1;
  last.forEach((l, i) => { if (isYamlLine(l)) lastYaml = i; });
  const doc = last.slice(lastYaml + 1);
  const rest = [...paras.slice(0, -1), ...(lastYaml >= 0 ? [last.slice(0, lastYaml + 1)] : [])];
  for (const p of rest) attachNote(p, prev ?? child, parent);
  child.doc = doc;
}

/**
 * Notes go to the key they show commented out (a sibling, or a child of the key above them), or
 * to a commented-out key they name; else to the key above them. A paragraph that shows several
 * commented-out keys, each after its own prose, is split between them.
 */
export function attachNote(lines, fallback, parent) {
  const scopes = [parent.props, fallback.props].filter(Boolean);
  for (const segment of segments(lines)) {
    let target;
    for (const key of yamlKeysIn(segment)) {
      target = scopes.map((props) => props.get(key)).find(Boolean);
      if (target) break;
    }
    if (!target) {
      const extras = scopes.flatMap((props) => [...props.entries()]).filter(([, n]) => n.extra);
      target = extras.find(([k]) => segment.some((l) => l.includes(k)))?.[1];
    }
    (target ?? fallback).notes.push(segment);
  }
}

/** Splits a paragraph where prose starts again after commented-out YAML. */
function segments(lines) {
  const out = [[]];
  lines.forEach((line, i) => {
    if (i > 0 && !isYamlLine(line) && isYamlLine(lines[i - 1])) out.push([]);
    out[out.length - 1].push(line);
  });
  return out;
}
