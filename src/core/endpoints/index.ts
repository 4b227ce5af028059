export * from './subject';
export * from './agreement';
export * from './orr';
export * from './km';
export * from './cohort';
