import { KubeObject } from '../../kube-object';
import { EMBEDDED_CHAOS_FIELDS } from '../../safety';
import { isRecord } from '../../_json';
import { DefaultWriter } from './_common';
import { defaultBlockChaosSpec } from './block-chaos';
import { defaultJvmChaosSpec } from './jvm-chaos';
import { defaultNetworkChaosSpec } from './network-chaos';
import { defaultPhysicalMachineChaosSpec } from './physical-machine-chaos';
import { defaultStatusCheckSpec } from './status-check';
import { defaultTimeChaosSpec } from './time-chaos';

type SpecDefaults = (spec: Record<string, unknown>, w: DefaultWriter) => void;

/** The Default methods of the kinds whose mutating webhook changes something a check reads. */
const CHAOS_DEFAULTS: Readonly<Record<string, SpecDefaults>> = {
  BlockChaos: defaultBlockChaosSpec,
  JVMChaos: defaultJvmChaosSpec,
  NetworkChaos: defaultNetworkChaosSpec,
  PhysicalMachineChaos: defaultPhysicalMachineChaosSpec,
  TimeChaos: defaultTimeChaosSpec,
};

/** Copies this module made: defaulting them again changes nothing, so they are returned as they are. */
const DEFAULTED = new WeakSet<KubeObject>();

/**
 * The object as Chaos Mesh 2.8.2's mutating webhook leaves it, which is what the API server then
 * checks against the CRD schema and hands to the validating webhook (Kubernetes admission runs
 * mutating webhooks, then schema validation, then validating webhooks). Run it before both the
 * schema and the admission checks, so a value the defaulting repairs (`direction: ""` becomes
 * `to`, StatusCheck `mode: ""` becomes `Synchronous`, an empty correlation becomes "0") is not
 * refused. Modelled: the Default methods and the `default:"..."` tags of api/v1alpha1, wherever
 * a spec sits (standalone, a Schedule's spec, Workflow templates, Schedules inside Workflows,
 * Workflows inside Schedules). Left out: defaults of absent fields and defaults nothing checks
 * (pod selector namespaces, a JVM rule name, a physical machine uid).
 *
 * Returns a defaulted copy when a default applies, else the object itself; the input is never
 * changed. Defaults only fill fields in, so findings on the copy carry the paths of the original:
 * report them against the original.
 */
export function applyAdmissionDefaults(obj: KubeObject): KubeObject {
  if (DEFAULTED.has(obj) || typeof obj.apiVersion !== 'string' || !obj.apiVersion.startsWith('chaos-mesh.org/') || !isRecord(obj.spec)) return obj;
  let changes = false;
  defaultSpec(String(obj.kind), obj.spec, { set: () => { changes = true; } });
  if (!changes) return obj;
  const copy = structuredClone(obj);
  defaultSpec(String(copy.kind), copy.spec as Record<string, unknown>, { set: (holder, key, value) => { (holder as Record<string | number, unknown>)[key] = value; } });
  DEFAULTED.add(copy);
  return copy;
}

function defaultSpec(kind: string, spec: Record<string, unknown>, w: DefaultWriter): void {
  switch (kind) {
    case 'Schedule': defaultSchedule(spec, w); break;
    case 'Workflow': defaultWorkflow(spec, w); break;
    case 'StatusCheck': defaultStatusCheckSpec(spec, w); break;
    default: CHAOS_DEFAULTS[kind]?.(spec, w);
  }
}

/** Every chaos spec present in a holder (the genericwebhook walker defaults each non-nil one). */
function defaultEmbeddedChaos(holder: Record<string, unknown>, w: DefaultWriter): void {
  for (const [kind, field] of Object.entries(EMBEDDED_CHAOS_FIELDS)) {
    const spec = holder[field];
    if (isRecord(spec)) CHAOS_DEFAULTS[kind]?.(spec, w);
  }
}

function defaultSchedule(spec: Record<string, unknown>, w: DefaultWriter): void {
  defaultEmbeddedChaos(spec, w);
  if (isRecord(spec.workflow)) defaultWorkflow(spec.workflow, w);
}

function defaultWorkflow(spec: Record<string, unknown>, w: DefaultWriter): void {
  if (!Array.isArray(spec.templates)) return;
  for (const template of spec.templates) {
    if (!isRecord(template)) continue;
    defaultEmbeddedChaos(template, w);
    if (isRecord(template.schedule)) defaultEmbeddedChaos(template.schedule, w);
    if (isRecord(template.statusCheck)) defaultStatusCheckSpec(template.statusCheck, w);
  }
}
