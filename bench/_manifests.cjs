// Generated manifests for the lint benchmarks: one file per experiment, holding a Deployment and a
// StressChaos, NetworkChaos or PodChaos aimed at it by labels (as a platform repo holds them).
const { mkdirSync, writeFileSync } = require('fs');
const { join } = require('path');

/** The YAML of experiment `i`: its target Deployment and one chaos object that lints clean. */
function experimentYaml(i) {
  const app = `app-${i}`;
  const ns = `team-${i % 20}`;
  const kinds = ['StressChaos', 'NetworkChaos', 'PodChaos'];
  const kind = kinds[i % kinds.length];
  const spec = {
    StressChaos: `  mode: one\n  selector:\n    namespaces: [${ns}]\n    labelSelectors:\n      app.kubernetes.io/name: ${app}\n  stressors:\n    memory:\n      workers: 1\n      size: 256MB\n  duration: 2m\n`,
    NetworkChaos: `  action: delay\n  mode: one\n  selector:\n    namespaces: [${ns}]\n    labelSelectors:\n      app.kubernetes.io/name: ${app}\n  delay:\n    latency: 100ms\n    jitter: 10ms\n    correlation: "25"\n  duration: 3m\n`,
    PodChaos: `  action: pod-failure\n  mode: one\n  selector:\n    namespaces: [${ns}]\n    labelSelectors:\n      app.kubernetes.io/name: ${app}\n  duration: 1m\n`,
  }[kind];
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}
  namespace: ${ns}
  labels:
    app.kubernetes.io/name: ${app}
spec:
  replicas: 2
  selector:
    matchLabels:
      app.kubernetes.io/name: ${app}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: ${app}
    spec:
      containers:
        - name: ${app}
          image: ghcr.io/stefanprodan/podinfo:6.7.0
          resources:
            limits:
              memory: 256Mi
---
apiVersion: chaos-mesh.org/v1alpha1
kind: ${kind}
metadata:
  name: ${app}-${kind.toLowerCase()}
  namespace: chaos-mesh
spec:
${spec}`;
}

/** Writes `count` experiments (2 objects each) under `dir`, in 20 team folders. */
function writeExperiments(dir, count) {
  for (let i = 0; i < count; i++) {
    const team = join(dir, `team-${i % 20}`);
    mkdirSync(team, { recursive: true });
    writeFileSync(join(team, `app-${i}.yaml`), experimentYaml(i));
  }
}

module.exports = { experimentYaml, writeExperiments };
