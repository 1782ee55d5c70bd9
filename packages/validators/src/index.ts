export * from './constants.ts';
export * from './common.ts';
export * from './auth.ts';
export * from './team.ts';
export * from './audit.ts';
export * from './project.ts';
export * from './task.ts';
export * from './assessment.ts';
