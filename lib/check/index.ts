// The one check entry point that synth, lint and the cdk8s-cli validation plugin share.
export * from './check-manifests';
