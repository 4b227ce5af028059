export * from './subject';
export * from './agreement';
