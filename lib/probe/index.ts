export * from './probe-image';
export * from './probe-script';
export * from './ca-bundle';
export * from './probe-job';
export * from './status-check';
