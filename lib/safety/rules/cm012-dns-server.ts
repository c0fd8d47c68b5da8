import { objectRef } from '../../kube-object';
import { getKey, hasKey } from '../_paths';
import { ChartValues } from '../chart-values';
import { Finding } from '../finding';
import { finding, RuleContext, RuleId, SafetyRule } from '../rule';
import { describeChaos } from './_chaos-kinds';

const ID = RuleId.CM012;
const KEY = 'dnsServer.create';
const ENABLE = `Set ${KEY}: true in the Chaos Mesh chart values (the 2.8.2 chart default), or drop the DNSChaos.`;

/**
 * The 2.8.2 chart installs chaos-dns-server under `if .Values.dnsServer.create`. `false` leaves it
 * out, and so does `null` (Helm deletes a key set to null, so the template reads nothing); a
 * missing key is the chart default, `true`. Other values are refused by the chart's
 * values.schema.json (a boolean), so Helm installs nothing at all.
 */
function dnsServerDisabled(cv: ChartValues): boolean {
  return hasKey(cv.values, KEY) && (getKey(cv.values, KEY) === false || getKey(cv.values, KEY) === null);
}

/**
 * A DNSChaos works only through chaos-dns-server, the CoreDNS the chart installs when
 * `dnsServer.create` is true: the controller points the target pods' resolver at it. The
 * reference install turned it off ("only needed for DNSChaos experiments which aren't in Phase
 * 20's scope"); a DNSChaos added later against such an install is accepted by the API server and
 * then fails to inject, which a hands-off run (a GameDay, a schedule) reports only in its status.
 */
export function checkDnsServer(ctx: RuleContext): Finding[] {
  const dns = ctx.chaos.filter((c) => c.kind === 'DNSChaos');
  if (dns.length === 0) return [];
  const values = ctx.chartValues;
  const readable = values.filter((cv) => !cv.error);
  const disabled = readable.filter(dnsServerDisabled);
  const unreadable = values.filter((cv) => cv.error);
  const findings: Finding[] = [];
  for (const chaos of dns) {
    const what = describeChaos(chaos);
    if (disabled.length > 0) {
      findings.push(finding(ID, chaos.owner, chaos.path,
        `${what} needs the Chaos DNS server, but the Chaos Mesh chart values `
        + disabled.map((cv) => `of ${objectRef(cv.source)} (${cv.pathOf(KEY)} ${JSON.stringify(getKey(cv.values, KEY))})`).join(', ')
        + ' do not install it: the API server accepts the experiment, and its injection then fails because the controller '
        + 'finds no chaos-dns-server to point the pods\' resolver at.',
        ENABLE));
    } else if (readable.length === 0) {
      findings.push(finding(ID, chaos.owner, chaos.path,
        `${what} needs the Chaos DNS server (chart value ${KEY}, default true), and `
        + (unreadable.length > 0
          ? `the Chaos Mesh chart values in the set cannot be read (${unreadable.map((cv) => cv.error!.message).join('; ')})`
          : 'no Chaos Mesh chart values are in the set (no ArgoCD Application or HelmChart of the chart, no --values file)')
        + ', so it cannot be verified that the install has it.',
        `Check the install: kubectl -n chaos-mesh get deploy chaos-dns-server. To have it checked, lint together with the `
        + `install's values (lint --values FILE) or its Application. ${ENABLE}`,
        'warning'));
    }
  }
  return findings;
}

export const CM012: SafetyRule = {
  id: ID,
  title: 'DNSChaos has the Chaos DNS server',
  severity: 'error',
  description: 'A DNSChaos needs the Chaos DNS server: chart values in the set with dnsServer.create: false make it an '
    + 'error; no values in the set, a warning saying what cannot be verified.',
  check: checkDnsServer,
};
