export * from './accepted-status';
export * from './probe-log';
export * from './statistics';
export * from './phases';
export * from './report';
export * from './markdown';
export * from './svg';
