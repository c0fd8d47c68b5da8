export * from './kubectl-image';
export * from './guard-target';
export * from './presync-guard';
export * from './containment-task';
export * from './containment-check';
