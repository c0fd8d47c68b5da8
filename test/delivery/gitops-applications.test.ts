import { Testing } from 'cdk8s';
import { GitOpsApplications } from '../../lib/delivery/gitops-applications';

describe('GitOpsApplications', () => {
  const synth = (props: Partial<ConstructorParameters<typeof GitOpsApplications>[2]> = {}) => {
    const chart = Testing.chart();
    new GitOpsApplications(chart, 'apps', {
      repoURL: 'https://git.example.com/platform/chaos.git',
      folders: { platform: 'platform', experiments: 'experiments' },
      experiments: ['podinfo-kill', 'podinfo-latency'],
      ...props,
    });
    return Testing.synth(chart);
  };

  test('platform syncs on its own, with prune and self-heal', () => {
    const platform = synth().find((o) => o.metadata.name === 'chaos-mesh-platform');
    expect(platform.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
    expect(platform.spec.source).toMatchObject({ path: 'dist/platform', targetRevision: 'main' });
    expect(platform.metadata.namespace).toBe('argocd');
  });

  test('each experiment has its own Application that never syncs automatically: pressing Sync runs one experiment', () => {
    const experiments = synth().filter((o) => o.metadata.name.startsWith('chaos-mesh-experiment-'));
    expect(experiments.map((a) => a.metadata.name)).toEqual(['chaos-mesh-experiment-podinfo-kill', 'chaos-mesh-experiment-podinfo-latency']);
    for (const app of experiments) {
      expect(app.spec.syncPolicy.automated).toBeUndefined();
      expect(app.spec.source.path).toBe('dist/experiments');
    }
    expect(experiments[0].spec.source.directory).toEqual({ recurse: false, include: 'podinfo-kill.yaml' });
  });

  test('repository, revision, base path, namespace, project and prefix are configurable', () => {
    const apps = synth({ targetRevision: 'v1.2.0', path: 'deploy/chaos/', argocdNamespace: 'gitops', project: 'platform', namePrefix: 'game-day' });
    expect(apps.map((a) => a.metadata.name)).toEqual(['game-day-platform', 'game-day-experiment-podinfo-kill', 'game-day-experiment-podinfo-latency']);
    for (const app of apps) {
      expect(app.metadata.namespace).toBe('gitops');
      expect(app.spec.project).toBe('platform');
      expect(app.spec.source.targetRevision).toBe('v1.2.0');
      expect(app.spec.source.path).toMatch(/^deploy\/chaos\/(platform|experiments)$/);
    }
  });
});
