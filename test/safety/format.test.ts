import { ackAnnotation, checkSafety, formatFindings, summarizeFindings } from '../../lib/safety';
import { annotate, chartApplication, deployment, GOOD_REASON, memoryStressSpec, safeValues, stressChaos } from '../fixtures/safety/objects';

describe('formatFindings', () => {
  const chaos = stressChaos(memoryStressSpec('1GB'));
  const app = chartApplication(safeValues({ chaosDaemon: { socketPath: '/opt/x.sock' } }));

  test('names rule, object, construct path, field, message and fix; ends with the counts', () => {
    const text = formatFindings(checkSafety([deployment(), chaos, app]), (o) => (o === chaos ? 'experiments/memory/Resource' : undefined));
    expect(text).toMatchInlineSnapshot(`
"error CM002 StressChaos/chaos-mesh/podinfo-memory-stress (construct experiments/memory/Resource)
  field: spec.stressors.memory.size
  StressChaos memory stressor size "1GB" makes memStress allocate 1000000000 bytes in total (the size is shared by 1 worker), more than twice the smallest memory limit 256Mi (268435456 bytes, from Deployment/podinfo/podinfo container "podinfo"): the bound is 536870912 bytes.
  fix: Lower size to at most 536870912 bytes, e.g. "536MB", or raise the target's memory limit.

warning CM009 Application/argocd/chaos-mesh
  field: spec.source.helm.valuesObject.chaosDaemon.socketPath
  chaosDaemon.socketPath "/opt/x.sock" is not a socket this tool knows, so its agreement with chaosDaemon.runtime "containerd" cannot be checked.
  fix: Check that the socket exists on every node; known containerd sockets are /run/containerd/containerd.sock (containerd (kubeadm, kind, EKS, GKE, AKS)), /run/k3s/containerd/containerd.sock (k3s and RKE2), /var/snap/microk8s/common/run/containerd.sock (MicroK8s), /run/k0s/containerd.sock (k0s).

1 error, 1 warning, 0 acknowledged"
`);
  });

  test('acknowledged findings show their reason and are counted apart', () => {
    const acked = annotate(chaos, { [ackAnnotation('CM002')]: GOOD_REASON });
    const findings = checkSafety([deployment(), acked]);
    expect(summarizeFindings(findings)).toEqual({ errors: 0, warnings: 0, acknowledged: 1 });
    const text = formatFindings(findings);
    expect(text).toMatch(/^acknowledged error CM002/);
    expect(text).toContain(`acknowledged because: ${GOOD_REASON}`);
  });
});
