/** cdk8s-chaos-mesh: constructs and checks for safe, reviewable chaos engineering on Chaos Mesh v2.8.2. */
export * from './app';
export * from './delivery/gitops-applications';
export * from './kube-object';
export * from './units';
export * from './guard';
export * from './install';
export * from './experiments';
export * from './target';
export * from './safety';
export * from './probe';
export * from './report';
export * from './lint';
export * from './check';
