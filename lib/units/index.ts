/** Exact ports of the Go parsers Chaos Mesh 2.8.2 and Kubernetes apply to durations, sizes, quantities and schedules. */
export * from './unit-error';
export * from './go-duration';
export * from './admission-size';
export * from './mem-stress-bytes';
export * from './stress-size';
export * from './quantity';
export * from './format-quantity';
export * from './cron';
export * from './bandwidth-rate';
export * from './request-uri';
export * from './machine-size';
