import { EMBEDDED_CHAOS_FIELDS } from '../../safety/_chaos-specs';
import { describeValue, Issue, quote } from '../_issue';
import { fieldPath } from '../../_field-path';
import { isRecord } from '../../_json';
import { nameProblem, NameRule } from '../schema/object-meta';
import { WEBHOOK } from './_common';
import { chaosSpecIssues } from './chaos-spec';
import { scheduleTemplateIssues } from './schedule';
import { statusCheckSpecIssues } from './status-check';

/** Template types that are not chaos kinds. */
const FLOW_TYPES = ['Task', 'Serial', 'Parallel', 'Suspend', 'Schedule', 'StatusCheck'];

/** Every template type a 2.8.2 Workflow accepts. */
export const TEMPLATE_TYPES = [...FLOW_TYPES, ...Object.keys(EMBEDDED_CHAOS_FIELDS)];

/** The fields of a template that belong to one type or another (name, templateType and deadline belong to all). */
const OWN_FIELDS: Record<string, readonly string[]> = {
  Task: ['task', 'conditionalBranches'],
  Serial: ['children'],
  Parallel: ['children'],
  Suspend: [],
  Schedule: ['schedule'],
  StatusCheck: ['statusCheck', 'abortWithStatusCheck'],
};
const CHAOS_FIELDS = Object.values(EMBEDDED_CHAOS_FIELDS);
/** Fields whose presence on a template of another type the webhook refuses. */
const CHECKED_FIELDS = ['task', 'conditionalBranches', 'children', 'schedule', ...CHAOS_FIELDS];
/** Fields the webhook does not look at on other types: they are ignored there (a warning). */
const IGNORED_FIELDS = ['statusCheck', 'abortWithStatusCheck'];

/**
 * What 2.8.2 refuses in a Workflow spec (api/v1alpha1/workflow_webhook.go): an `entry` that
 * names no template, no templates, template names that are empty, not DNS-1123 subdomains or
 * not unique, an unknown `templateType`, a template carrying another type's fields (children
 * on a chaos template, a chaos spec on a Serial, ...), Serial/Parallel children that name no
 * template, a Suspend without `deadline`, a chaos template without its spec or with a
 * `duration` in it (a workflow bounds chaos with the template's `deadline`). Deadlines are
 * not parsed (validateTemplate only requires one on Suspend). Embedded chaos specs and
 * StatusCheck specs are checked as their own kinds are; a Schedule template only for the chaos
 * specs in it (validateTemplate checks none of its other fields, the cron included).
 */
export function workflowSpecIssues(spec: Record<string, unknown>, at: string): Issue[] {
  const out: Issue[] = [];
  const templatesPath = fieldPath(at, 'templates');
  const templates = Array.isArray(spec.templates) ? spec.templates : [];
  const names = templates.map((t) => (isRecord(t) && typeof t.name === 'string' ? t.name : undefined));
  const known = new Set(names.filter((n): n is string => n !== undefined));

  const entry = spec.entry;
  if (typeof entry !== 'string' || entry === '') {
    out.push({ path: fieldPath(at, 'entry'), message: `the workflow's entry is required; ${WEBHOOK} refuses a Workflow without one.`, fix: 'Set entry to the name of the first template to run.' });
  } else if (!known.has(entry)) {
    out.push({ path: fieldPath(at, 'entry'), message: `entry ${quote(entry)} names no template${known.size > 0 ? `; templates: ${[...known].join(', ')}` : ''}.`, fix: 'Set entry to the name of one of the templates.' });
  }
  if (templates.length === 0) {
    out.push({ path: templatesPath, message: `the workflow has no templates; ${WEBHOOK} refuses it ("templates in workflow could not be empty").`, fix: 'Add templates, including the entry template.' });
    return out;
  }
  const duplicated = [...known].filter((n) => names.filter((x) => x === n).length > 1).sort();
  if (duplicated.length > 0) {
    out.push({ path: templatesPath, message: `template names must be unique, and ${duplicated.map((d) => quote(d)).join(', ')} ${duplicated.length === 1 ? 'is' : 'are'} used more than once.`, fix: 'Rename the duplicate templates.' });
  }
  templates.forEach((template, i) => {
    const path = fieldPath(templatesPath, i);
    if (!isRecord(template)) {
      out.push({ path, message: `a template must be an object, found ${describeValue(template)}.`, fix: 'Write the template as {name, templateType, ...}.' });
      return;
    }
    out.push(...templateIssues(template, path, known));
  });
  return out;
}

function templateIssues(t: Record<string, unknown>, at: string, known: ReadonlySet<string>): Issue[] {
  const out: Issue[] = [];
  const name = t.name;
  if (typeof name !== 'string' || name === '') {
    out.push({ path: fieldPath(at, 'name'), message: 'the template name is required.', fix: 'Give the template a name (lowercase letters, digits and "-").' });
  } else {
    const problem = nameProblem(name, NameRule.DNS_SUBDOMAIN);
    if (problem) out.push({ path: fieldPath(at, 'name'), message: `template name ${quote(name)} must be a DNS-1123 subdomain: ${problem}.`, fix: 'Use lowercase letters, digits, "-" and ".", e.g. "pod-kill".' });
  }

  const type = t.templateType;
  if (typeof type !== 'string' || !TEMPLATE_TYPES.includes(type)) {
    out.push({
      path: fieldPath(at, 'templateType'),
      message: `templateType ${quote(type)} is not a template type; allowed: ${TEMPLATE_TYPES.join(', ')}.`,
      fix: 'Use Serial, Parallel, Suspend, Task, Schedule, StatusCheck or a chaos kind such as PodChaos.',
    });
    return out;
  }
  const chaosField = EMBEDDED_CHAOS_FIELDS[type];
  const own = chaosField ? [chaosField] : OWN_FIELDS[type];
  for (const field of [...CHECKED_FIELDS, ...IGNORED_FIELDS]) {
    const value = t[field];
    if (own.includes(field) || value === undefined || value === null) continue;
    if (Array.isArray(value) && value.length === 0) continue; // an empty list is no list
    // A chaos template's other chaos specs pass the webhook (it only looks for its own one).
    const ignored = IGNORED_FIELDS.includes(field) || (chaosField !== undefined && CHAOS_FIELDS.includes(field));
    out.push(ignored ? {
      path: fieldPath(at, field),
      severity: 'warning',
      message: `${field} is ignored on a ${type} template: only ${own.length > 0 ? own.join(' and ') : 'the deadline'} ${own.length > 1 ? 'are' : 'is'} used.`,
      fix: `Remove ${field}, or move it into a template of the type it belongs to.`,
    } : {
      path: fieldPath(at, field),
      message: `a ${type} template must not contain ${field}; ${WEBHOOK} refuses templates that carry another type's fields.`,
      fix: `Remove ${field}, or move it into a template of the type it belongs to.`,
    });
  }

  switch (type) {
    case 'Suspend':
      if (typeof t.deadline !== 'string' || t.deadline === '') {
        out.push({ path: fieldPath(at, 'deadline'), message: `a Suspend template needs a deadline (how long to wait); ${WEBHOOK} refuses it without one.`, fix: 'Set deadline, e.g. "30s".' });
      }
      break;
    case 'Serial':
    case 'Parallel':
      if (Array.isArray(t.children)) {
        t.children.forEach((child, i) => {
          if (typeof child !== 'string' || !known.has(child)) {
            out.push({ path: fieldPath(at, 'children', i), message: `child ${quote(child)} names no template.`, fix: 'Name one of the workflow\'s templates.' });
          }
        });
      }
      break;
    case 'Task':
      if (Array.isArray(t.conditionalBranches)) {
        t.conditionalBranches.forEach((branch, i) => {
          if (isRecord(branch) && typeof branch.target === 'string' && !known.has(branch.target)) {
            out.push({ path: fieldPath(at, 'conditionalBranches', i, 'target'), severity: 'warning', message: `target ${quote(branch.target)} names no template, so this branch can never run.`, fix: 'Name one of the workflow\'s templates.' });
          }
        });
      }
      break;
    case 'Schedule':
      if (isRecord(t.schedule)) out.push(...scheduleTemplateIssues(t.schedule, fieldPath(at, 'schedule')));
      else out.push({ path: fieldPath(at, 'schedule'), severity: 'warning', message: 'a Schedule template without its schedule spec has nothing to run (the webhook does not check it).', fix: 'Add schedule: {schedule, type, <kind>: {...}}.' });
      break;
    case 'StatusCheck':
      if (isRecord(t.statusCheck)) out.push(...statusCheckSpecIssues(t.statusCheck, fieldPath(at, 'statusCheck')));
      else out.push({ path: fieldPath(at, 'statusCheck'), message: 'a StatusCheck template needs its statusCheck spec.', fix: 'Add statusCheck: {type: HTTP, http: {...}}.' });
      break;
    default:
      out.push(...chaosTemplateIssues(type, chaosField, t, at));
  }
  return out;
}

function chaosTemplateIssues(type: string, field: string, t: Record<string, unknown>, at: string): Issue[] {
  const spec = t[field];
  const path = fieldPath(at, field);
  if (!isRecord(spec)) {
    return [{ path, message: `a ${type} template needs its ${field} spec; ${WEBHOOK} refuses it ("missing chaos spec ${type}").`, fix: `Add ${field}: {...} with the ${type} spec.` }];
  }
  const out: Issue[] = [];
  if (spec.duration !== undefined && spec.duration !== null) {
    out.push({
      path: fieldPath(path, 'duration'),
      message: `a chaos template must not set duration (${quote(spec.duration)}); ${WEBHOOK} refuses it ("should not define duration in chaos when using Workflow, use Template#Deadline instead").`,
      fix: `Move the value to the template's deadline: deadline: ${typeof spec.duration === 'string' ? quote(spec.duration) : '"<duration>"'}.`,
    });
  }
  out.push(...chaosSpecIssues(type, spec, path));
  return out;
}
