export * from './constants.ts';
export * from './common.ts';
export * from './auth.ts';
export * from './team.ts';
export * from './audit.ts';
