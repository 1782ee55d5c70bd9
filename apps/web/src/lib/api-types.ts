// What procedures return to `load` functions (the in-process caller: Dates stay Dates), for
// components that take a slice of a page's data.
import type { createCaller } from '@rightsize/api';

type Caller = ReturnType<typeof createCaller>;

export type Task = Awaited<ReturnType<Caller['task']['get']>>;
export type Assessment = Awaited<ReturnType<Caller['assessment']['get']>>;
export type AssessmentLetter = Assessment['letters'][number];
export type EvidenceItem = AssessmentLetter['evidence'][number];
