// Decisions as MADR 4 Markdown (https://adr.github.io/madr/), so teams can keep them in their
// repositories next to the code: YAML front matter (status, date, decision-makers, supersedes /
// superseded-by, the snapshot's hash), the MADR sections, every option with its four-axis figures
// from the frozen snapshot (each marked estimated or measured), the sign-offs, and the snapshot
// itself as RFC 8785 canonical JSON, whose SHA-256 anyone can recompute. Only recorded data is
// written — no export time — so exporting twice gives the same bytes.
import { formatBytes, formatDuration, formatPercent, formatUsd } from '@rightsize/core';
import type { Db } from '@rightsize/db';
import {
  CANDIDATE_KIND_NAMES,
  DECISION_STATUS_NAMES,
  LOCALITY_NAMES,
  SMALL_LETTER_NAMES,
  decisionRef,
  type TDecisionExport,
} from '@rightsize/validators';
import { strToU8, zipSync } from 'fflate';
import { findDecisions, getDecisionRecord, loadSnapshot, type DecisionDetail } from './decision.ts';
import { canonicalSnapshot, type DecisionSnapshot, type SnapshotCandidate } from './snapshot.ts';

/** A file name part from a title: lower-case ASCII letters and digits joined by hyphens. */
export const slugOf = (title: string): string =>
  title
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '') || 'decision';

export const decisionFileName = (number: number, title: string) => `${decisionRef(number)}-${slugOf(title)}.md`;

/** A YAML scalar: JSON's double-quoted strings are valid YAML. */
const yamlString = (value: string) => JSON.stringify(value);

/** Text inside a Markdown table cell: no line breaks, pipes escaped. */
const cell = (value: string) => value.replace(/\r?\n+/g, ' ').replace(/\|/g, '\\|');

const day = (date: Date | string) => new Date(date).toISOString().slice(0, 10);
const time = (date: Date | string) => `${new Date(date).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

const decimal = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4 });
const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

type Figure = { value: number | null; basis: string } | undefined;

const figure = (f: Figure, format: (value: number) => string) =>
  !f || f.value === null ? 'unknown' : `${format(f.value)} (${f.basis})`;

const statusLine = (detail: DecisionDetail) =>
  detail.status === 'SUPERSEDED' && detail.supersededBy
    ? `superseded by ${detail.supersededBy.ref}`
    : detail.status.toLowerCase();

/** The date of the record's last change of status. */
const statusDate = (detail: DecisionDetail) =>
  day(detail.supersededAt ?? detail.acceptedAt ?? detail.rejectedAt ?? detail.proposedAt ?? detail.createdAt);

const budgetsLine = (task: DecisionSnapshot['task']) => {
  const parts = [
    `${integer.format(task.monthlyRequests)} requests a month${task.monthlyGrowth ? ` (growing ${formatPercent(task.monthlyGrowth)} a month)` : ''}`,
    `${integer.format(task.inputTokens)} input and ${integer.format(task.outputTokens)} output tokens per request (p95 ${integer.format(task.inputTokensP95)} and ${integer.format(task.outputTokensP95)})`,
    `latency p95 ≤ ${integer.format(task.latencyP95Ms)} ms and p99 ≤ ${integer.format(task.latencyP99Ms)} ms${task.ttftMs ? `, first token ≤ ${integer.format(task.ttftMs)} ms` : ''}`,
    `where it may run: ${LOCALITY_NAMES[task.locality]}${task.jurisdictions.length ? ` (${task.jurisdictions.join(', ')})` : ''}`,
    ...(task.memoryBudgetBytes ? [`memory ≤ ${formatBytes(task.memoryBudgetBytes)}`] : []),
    ...(task.targetDevice ? [`target device: ${task.targetDevice}`] : []),
    ...(task.monthlyBudgetUsd !== null ? [`budget ${formatUsd(task.monthlyBudgetUsd)} a month`] : []),
    `quality: ${task.qualityMetric} ${task.qualityHigherBetter ? '≥' : '≤'} ${decimal.format(task.qualityBar)}`,
  ];
  return parts;
};

const optionRow = (candidate: SnapshotCandidate, chosen: boolean) => {
  const e = candidate.evaluation;
  const name = `${chosen ? '**' : ''}${cell(candidate.name)}${chosen ? '** (chosen)' : ''}`;
  if (!e) return `| ${name} | ${cell(`cannot be evaluated: ${candidate.problem ?? 'unknown reason'}`)} | | | | | | |`;
  const control = `${e.control.runsIn.toLowerCase().replace(/_/g, ' ')}${e.control.jurisdiction ? `, ${e.control.jurisdiction}` : ''} (${e.control.verdict})`;
  return [
    name,
    figure(e.cost.monthlyUsd, formatUsd),
    figure(e.cost.perRequestUsd, (v) => formatUsd(v)),
    figure(e.latency.p95Seconds, formatDuration),
    figure(e.latency.p99Seconds, formatDuration),
    figure(e.memory.totalBytes, formatBytes),
    control,
    figure(e.quality.value, (v) => decimal.format(v)),
  ]
    .map((value, i) => (i === 0 ? value : cell(value)))
    .reduce((row, value) => `${row} ${value} |`, '|');
};

const AXES = [
  ['cost', 'cost'],
  ['latency', 'latency'],
  ['memory', 'memory'],
  ['control', 'control and locality'],
  ['quality', 'quality'],
] as const;

const prosAndCons = (candidate: SnapshotCandidate) => {
  const lines = [`### ${candidate.name}`, ''];
  const kind = CANDIDATE_KIND_NAMES[candidate.kind];
  lines.push(
    candidate.evaluation ? `${kind}: ${candidate.evaluation.label}.` : `${kind}.`,
    ...(candidate.notes ? ['', candidate.notes.trim()] : []),
    '',
  );
  if (!candidate.evaluation) {
    lines.push(`* Bad, because it cannot be evaluated: ${candidate.problem ?? 'unknown reason'}`);
  } else {
    for (const [axis, words] of AXES) {
      const { verdict, reason } = candidate.evaluation[axis];
      const lead = verdict === 'PASS' ? 'Good' : verdict === 'FAIL' ? 'Bad' : 'Neutral';
      lines.push(`* ${lead}, because of ${words}: ${reason.replace(/\r?\n+/g, ' ')}`);
    }
  }
  lines.push('');
  return lines;
};

/**
 * One decision as a MADR 4 document. `snapshot` is the decision's frozen snapshot (null for a
 * draft, whose options are not frozen yet).
 */
export const decisionMarkdown = (detail: DecisionDetail, snapshot: DecisionSnapshot | null): string => {
  const current = detail.signOffs.filter((s) => s.current);
  const makers = [
    ...(detail.proposedBy ? [`${detail.proposedBy.displayName} (proposer)`] : []),
    ...current.filter((s) => s.verdict === 'APPROVE').map((s) => `${s.user.displayName} (${s.capacity})`),
  ];
  const rejectedBy = current.filter((s) => s.verdict === 'REJECT').map((s) => `${s.user.displayName} (${s.capacity})`);
  const front = [
    '---',
    `status: ${yamlString(statusLine(detail))}`,
    `date: ${statusDate(detail)}`,
    makers.length ? 'decision-makers:' : 'decision-makers: []',
    ...makers.map((name) => `  - ${yamlString(name)}`),
    ...(rejectedBy.length ? ['consulted:', ...rejectedBy.map((name) => `  - ${yamlString(name)}`)] : []),
    ...(detail.supersedes ? [`supersedes: ${yamlString(detail.supersedes.ref)}`] : []),
    ...(detail.supersededBy ? [`superseded-by: ${yamlString(detail.supersededBy.ref)}`] : []),
    `id: ${yamlString(detail.ref)}`,
    `task: ${yamlString(detail.task.name)}`,
    ...(detail.snapshotSha256 ? [`snapshot-sha256: ${yamlString(detail.snapshotSha256)}`] : []),
    ...(detail.estimatorVersion ? [`estimator-version: ${yamlString(detail.estimatorVersion)}`] : []),
    '---',
    '',
  ];
  const lines = [...front, `# ${detail.ref}: ${detail.title}`, ''];

  lines.push('## Context and Problem Statement', '', detail.context.trim() || '_No context was written._', '');
  if (snapshot) {
    lines.push(
      `For the task "${snapshot.task.name}" (project ${snapshot.task.project.name}), as frozen on ${time(snapshot.frozenAt)}:`,
      '',
      ...budgetsLine(snapshot.task).map((part) => `* ${part}`),
      '',
      `SMALL reading: ${snapshot.assessment.reading.explanation} (${snapshot.assessment.letters
        .map((l) => `${SMALL_LETTER_NAMES[l.letter]} ${l.verdict}`)
        .join(', ')})`,
      '',
    );
  }

  lines.push('## Considered Options', '');
  if (!snapshot) {
    lines.push('_Not frozen yet: the options and their figures are frozen when the decision is proposed._', '');
  } else {
    for (const candidate of snapshot.candidates) {
      lines.push(`* ${candidate.name}${candidate.id === snapshot.decision.chosenCandidateId ? ' (chosen)' : ''}`);
    }
    lines.push(
      '',
      `Figures at the task's volume, from estimator ${snapshot.estimatorVersion}; each says whether it was estimated or measured.`,
      '',
      '| Option | Cost / month | Cost / request | p95 latency | p99 latency | Memory | Control | Quality |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      ...snapshot.candidates.map((c) => optionRow(c, c.id === snapshot.decision.chosenCandidateId)),
      '',
    );
  }

  lines.push('## Decision Outcome', '');
  const chosen = snapshot?.candidates.find((c) => c.id === snapshot.decision.chosenCandidateId);
  const chosenName = chosen?.name ?? detail.chosenCandidate?.name;
  if (chosenName) {
    const passes = chosen?.evaluation
      ? AXES.filter(([axis]) => chosen.evaluation![axis].verdict === 'PASS').map(([, words]) => words)
      : [];
    lines.push(
      `Chosen option: "${chosenName}"${passes.length ? `, because it meets the task's budgets on ${passes.join(', ')}` : ''}.`,
      '',
    );
  } else {
    lines.push('_No option chosen yet._', '');
  }
  lines.push(`Status: ${DECISION_STATUS_NAMES[detail.status]} (${statusLine(detail)}, ${statusDate(detail)}).`, '');
  lines.push('### Consequences', '', detail.consequences.trim() || '_None recorded._', '');

  if (snapshot) {
    lines.push('## Pros and Cons of the Options', '');
    for (const candidate of snapshot.candidates) lines.push(...prosAndCons(candidate));
  }

  lines.push('## More Information', '');
  if (detail.supersedes) lines.push(`* Supersedes ${detail.supersedes.ref}: ${detail.supersedes.title}.`);
  if (detail.supersededBy) lines.push(`* Superseded by ${detail.supersededBy.ref}: ${detail.supersededBy.title}.`);
  lines.push(
    `* Created by ${detail.createdBy.displayName} on ${time(detail.createdAt)}${detail.proposedBy && detail.proposedAt ? `; proposed by ${detail.proposedBy.displayName} on ${time(detail.proposedAt)}` : ''}.`,
  );
  if (detail.requiredCapacities.length) {
    lines.push(`* Sign-off required from: ${detail.requiredCapacities.join(', ')}.`);
  }
  lines.push('', '### Sign-offs', '');
  if (detail.signOffs.length === 0) {
    lines.push('_No sign-offs._', '');
  } else {
    lines.push(
      '| Name | Capacity | Verdict | Time | Snapshot SHA-256 | Comment |',
      '| --- | --- | --- | --- | --- | --- |',
      ...detail.signOffs.map(
        (s) =>
          `| ${cell(s.user.displayName)} | ${s.capacity} | ${s.verdict}${s.current ? '' : ' (earlier proposal)'} | ${time(s.createdAt)} | \`${s.snapshotSha256}\` | ${cell(s.comment)} |`,
      ),
      '',
    );
  }
  if (snapshot && detail.snapshotSha256) {
    const canonical = canonicalSnapshot(snapshot);
    lines.push(
      '### Snapshot',
      '',
      `SHA-256 \`${detail.snapshotSha256}\` of the RFC 8785 canonical JSON below (the line between the fences, without its line break), frozen on ${time(snapshot.frozenAt)} with estimator ${snapshot.estimatorVersion}. Every sign-off names the hash it was made against.`,
      '',
      '<details>',
      '<summary>Snapshot (canonical JSON)</summary>',
      '',
      '```json',
      canonical,
      '```',
      '',
      '</details>',
      '',
    );
  }
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
};

/** One decision of the team as `{ fileName, markdown }`. */
export const exportDecisionMarkdown = async ({ db, input }: { db: Db; input: TDecisionExport }) => {
  const detail = await getDecisionRecord(db, input.teamId, input.decisionId);
  const { snapshot } = await loadSnapshot(db, input.teamId, input.decisionId);
  return { fileName: decisionFileName(detail.number, detail.title), markdown: decisionMarkdown(detail, snapshot) };
};

/**
 * Every decision of the team as one zip: `ADR-0001-<slug>.md` per decision and a `README.md`
 * index, for a repository's `docs/decisions/` folder. Returns the archive's bytes.
 */
export const exportTeamArchive = async ({
  db,
  teamId,
}: {
  db: Db;
  teamId: string;
}): Promise<Uint8Array<ArrayBuffer>> => {
  const decisions = await findDecisions({ db, input: { teamId } });
  const files: Record<string, Uint8Array> = {};
  const index = [
    '# Architecture decision records',
    '',
    'Exported from Rightsize in MADR 4 format. Each record carries the SHA-256 of the snapshot its sign-offs were made against.',
    '',
    '| Record | Title | Status | Task | Date |',
    '| --- | --- | --- | --- | --- |',
  ];
  // Oldest first, as a folder of ADRs reads.
  for (const item of [...decisions].sort((a, b) => a.number - b.number)) {
    const detail = await getDecisionRecord(db, teamId, item.id);
    const { snapshot } = await loadSnapshot(db, teamId, item.id);
    const fileName = decisionFileName(detail.number, detail.title);
    files[fileName] = strToU8(decisionMarkdown(detail, snapshot));
    index.push(
      `| [${detail.ref}](${fileName}) | ${cell(detail.title)} | ${statusLine(detail)} | ${cell(detail.task.name)} | ${statusDate(detail)} |`,
    );
  }
  if (decisions.length === 0) index.push('', '_No decisions yet._');
  files['README.md'] = strToU8(`${index.join('\n')}\n`);
  // A fixed modification time keeps the archive's bytes the same for the same records.
  // (Copied into a plain ArrayBuffer, so it is a valid Response body.)
  return new Uint8Array(zipSync(files, { mtime: new Date('2000-01-01T00:00:00Z') }));
};
