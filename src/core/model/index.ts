export * from './chronology';
export * from './dates';
export * from './subject-read';
export * from './subject-result';
export * from './validation';
