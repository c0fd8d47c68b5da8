// Renders the typed values tree for scripts/generate-values-types.mjs: the TypeScript interfaces
// (lib/install/chart-values.generated.ts) and the compiled key tree (schemas/chart-values.json).
import { isYamlLine } from './_values-comments.mjs';

function pascal(s) {
  return s.replace(/(^|[^A-Za-z0-9]+)([A-Za-z0-9])/g, (_, _sep, c) => c.toUpperCase());
}

// TypeScript

const SHARED_TYPES = `/** A map of strings (labels, annotations, node selectors). */
export interface ChartStringMap {
  readonly [key: string]: string;
}

/** A free-form object passed through to a Kubernetes manifest as is (affinity, securityContext, ...). */
export interface ChartJsonObject {
  readonly [key: string]: unknown;
}

/** A Kubernetes resource list. The chart's schema types \`requests.cpu\` and \`requests.memory\` as strings: quote quantities. */
export interface ChartResourceList {
  readonly cpu?: string;
  readonly memory?: string;
  readonly [resource: string]: string | undefined;
}

/** Kubernetes container resource requirements. */
export interface ChartResourceRequirements {
  readonly limits?: ChartResourceList;
  readonly requests?: ChartResourceList;
}

/** A value in an \`env\` map: the chart quotes it into a container environment variable. */
export type ChartEnvValue = string | number | boolean;

/** A reference to a Secret by name (imagePullSecrets). */
export interface ChartLocalObjectReference {
  readonly name: string;
}
`;

function docBlock(lines, indent) {
  if (lines.length === 0) return '';
  const pad = ' '.repeat(indent);
  const safe = lines.map((l) => l.replace(/\*\//g, '*\\/'));
  if (safe.length === 1) return `${pad}/** ${safe[0]} */\n`;
  return `${pad}/**\n${safe.map((l) => (l === '' ? `${pad} *` : `${pad} * ${l}`)).join('\n')}\n${pad} */\n`;
}

function defaultLines(node) {
  if (node.extra) return ['@default - not set (values.yaml shows this key only in a comment)'];
  if (node.default === undefined || node.kind === 'object') return [];
  const json = JSON.stringify(node.default);
  if (json.length <= 80) return [`@default ${json}`];
  return ['@default', '```json', ...JSON.stringify(node.default, null, 2).split('\n'), '```'];
}

function nodeDoc(node) {
  const lines = [...node.doc];
  for (const note of node.notes) {
    if (lines.length) lines.push('');
    const firstYaml = note.findIndex(isYamlLine);
    if (firstYaml < 0) { lines.push(...note); continue; }
    lines.push(...note.slice(0, firstYaml), 'Commented out in values.yaml:', '```yaml', ...note.slice(firstYaml), '```');
  }
  if (node.enum && node.enumSource) {
    if (lines.length) lines.push('');
    lines.push(`Allowed values: ${node.enum.map((v) => `\`${tsString(v)}\``).join(', ')} (${node.enumSource}).`);
  }
  if (node.kind === 'integer') {
    if (lines.length) lines.push('');
    lines.push('An integer (values.schema.json).');
  }
  const d = defaultLines(node);
  if (d.length) { if (lines.length) lines.push(''); lines.push(...d); }
  return lines;
}

function collectEnumTypes(node, out) {
  if (node.enum && node.ts) out.set(node.ts, node);
  for (const c of node.props?.values() ?? []) collectEnumTypes(c, out);
  if (node.items) collectEnumTypes(node.items, out);
  return out;
}

function tsType(node, name, decls) {
  if (node.ts && !(node.kind === 'string' && !node.enum)) return node.ts;
  switch (node.kind) {
    case 'string': return 'string';
    case 'integer': case 'number': return 'number';
    case 'boolean': return 'boolean';
    case 'any': return 'unknown';
    case 'json': return 'ChartJsonObject';
    case 'array': return `readonly ${wrapArrayItem(tsType(node.items, `${name}Item`, decls))}[]`;
    case 'object': case 'env': {
      // Parents before children: reserve the slot, then fill it once the members are known.
      const decl = { name, text: '' };
      decls.push(decl);
      decl.text = interfaceText(node, name, decls);
      return name;
    }
    default: throw new Error(`no TypeScript type for ${node.kind}`);
  }
}

function wrapArrayItem(t) {
  return /[|&]/.test(t) ? `(${t})` : t;
}

function tsString(v) {
  return `'${String(v).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function interfaceText(node, name, decls) {
  const members = [];
  for (const [key, child] of node.props) {
    const prop = /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
    const type = tsType(child, `${name}${pascal(key)}`, decls);
    members.push(`${docBlock(nodeDoc(child), 2)}  readonly ${prop}?: ${type};`);
  }
  if (node.kind === 'env') {
    members.push('  /** Any other environment variable for the container. */\n  readonly [name: string]: ChartEnvValue | undefined;');
  }
  return `export interface ${name} {\n${members.join('\n')}\n}\n`;
}

/** The TypeScript file; `meta` is { command, version, movedKeys }. */
export function renderTs(root, { command, version }) {
  const decls = [];
  tsType(root, 'ChaosMeshChartValues', decls);
  const enums = [...collectEnumTypes(root, new Map())].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const enumText = enums.map(([ts, n]) => `/** ${n.enumSource}. */\nexport type ${ts} = ${n.enum.map(tsString).join(' | ')};\n`).join('\n');
  // The root first, then nested interfaces in the order values.yaml introduces them.
  const ordered = decls;
  const rootDoc = docBlock([
    `Values of the Chaos Mesh Helm chart ${version} (chart \`chaos-mesh\`, https://charts.chaos-mesh.org).`,
    '',
    'Every key is optional: a missing key keeps the chart default shown in `@default`. A key the',
    'chart does not read is a compile error here (and a finding of `checkChartValueKeys` at run time),',
    'because Helm silently ignores it.',
  ], 0);
  return [
    `// Generated by \`${command}\` (npm run gen:values) from the chaos-mesh ${version} chart's`,
    '// values.yaml and values.schema.json. Do not edit: change the script and run it again.',
    '/* eslint-disable */',
    '',
    SHARED_TYPES,
    enumText,
    ordered.map((d, i) => (i === 0 ? rootDoc + d.text : d.text)).join('\n'),
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Compiled key tree (schemas/chart-values.json)

function compile(node) {
  const out = { type: node.kind };
  switch (node.kind) {
    case 'object':
      out.properties = Object.fromEntries([...node.props].map(([k, c]) => [k, compile(c)]));
      break;
    case 'env':
      out.type = 'object';
      out.properties = Object.fromEntries([...node.props].map(([k, c]) => [k, compile(c)]));
      out.additionalProperties = { type: 'scalar' };
      break;
    case 'stringMap':
      out.type = 'object';
      out.additionalProperties = { type: 'string' };
      break;
    case 'json':
      out.type = 'object';
      out.additionalProperties = { type: 'any' };
      break;
    case 'resources':
      // limits is open in values.schema.json (any value); requests.cpu/memory are strings there.
      out.type = 'object';
      out.properties = {
        limits: { type: 'object', additionalProperties: { type: 'quantity' } },
        requests: { type: 'object', properties: { cpu: { type: 'string' }, memory: { type: 'string' } }, additionalProperties: { type: 'quantity' } },
        claims: { type: 'array', items: { type: 'object', additionalProperties: { type: 'any' } } },
      };
      break;
    case 'array':
      out.items = compile(node.items);
      break;
    default:
      break;
  }
  if (node.enum) out.enum = node.enum;
  if (node.extra) out.commentedOut = true;
  if (node.default !== undefined && node.kind !== 'object' && node.kind !== 'env') out.default = node.default;
  return out;
}

/** The compiled key tree as JSON text. */
export function renderJson(root, { command, version, movedKeys }) {
  const doc = {
    $comment: `Generated by \`${command}\` from the chaos-mesh ${version} chart's values.yaml and values.schema.json. Do not edit.`,
    chart: 'chaos-mesh',
    version,
    movedKeys,
    root: compile(root),
  };
  return `${JSON.stringify(doc, null, 1)}\n`;
}
