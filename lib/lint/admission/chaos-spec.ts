import { Issue } from '../_issue';
import { awsChaosSpecIssues } from './aws-chaos';
import { azureChaosSpecIssues } from './azure-chaos';
import { blockChaosSpecIssues } from './block-chaos';
import { dnsChaosSpecIssues } from './dns-chaos';
import { gcpChaosSpecIssues } from './gcp-chaos';
import { httpChaosSpecIssues } from './http-chaos';
import { ioChaosSpecIssues } from './io-chaos';
import { jvmChaosSpecIssues } from './jvm-chaos';
import { kernelChaosSpecIssues } from './kernel-chaos';
import { networkChaosSpecIssues } from './network-chaos';
import { physicalMachineChaosSpecIssues } from './physical-machine-chaos';
import { podChaosSpecIssues } from './pod-chaos';
import { stressChaosSpecIssues } from './stress-chaos';
import { timeChaosSpecIssues } from './time-chaos';

/** The admission check of one chaos kind's spec; `at` is the spec's path inside its object. */
export type ChaosSpecCheck = (spec: Record<string, unknown>, at: string) => Issue[];

/** Every chaos kind of Chaos Mesh 2.8.2 and the module that mirrors its webhook. */
const CHECKS: Readonly<Record<string, ChaosSpecCheck>> = {
  AWSChaos: awsChaosSpecIssues,
  AzureChaos: azureChaosSpecIssues,
  BlockChaos: blockChaosSpecIssues,
  DNSChaos: dnsChaosSpecIssues,
  GCPChaos: gcpChaosSpecIssues,
  HTTPChaos: httpChaosSpecIssues,
  IOChaos: ioChaosSpecIssues,
  JVMChaos: jvmChaosSpecIssues,
  KernelChaos: kernelChaosSpecIssues,
  NetworkChaos: networkChaosSpecIssues,
  PhysicalMachineChaos: physicalMachineChaosSpecIssues,
  PodChaos: podChaosSpecIssues,
  StressChaos: stressChaosSpecIssues,
  TimeChaos: timeChaosSpecIssues,
};

/**
 * Admission issues of one chaos spec, wherever it sits: a standalone object's `spec`, a
 * Schedule's `spec.<kind>`, a Workflow template's `<kind>`, a Schedule template's `schedule.<kind>`
 * (the webhook validates the spec itself the same way in all four places).
 */
export function chaosSpecIssues(kind: string, spec: Record<string, unknown>, at: string): Issue[] {
  const check = CHECKS[kind];
  return check ? check(spec, at) : [];
}
