import type { IssueCollector } from '../loadPack';
import {
  stageIds,
  wordingSituationIds,
  type CoachingMode,
  type ModeFile,
  type PackFile,
  type StepContent,
} from './schema';

/** What a mode file may refer to, gathered from the other files. */
export interface ReferenceSets {
  readonly principleIds: ReadonlySet<string>;
  readonly wordingIds: ReadonlySet<string>;
  readonly triggerIds: ReadonlySet<string>;
}

export function checkPackFile(file: string, pack: PackFile, issues: IssueCollector): void {
  pack.stages.forEach((stage, index) => {
    if (stage.number !== index + 1 || stage.id !== stageIds[index]) {
      issues.add(file, ['stages', index], `must be stage ${index + 1}, ${stageIds[index] ?? ''}`);
    }
  });
  const offered = new Set(pack.wordingSituations.map((w) => w.id));
  // The wording library is built against the same ids: each needs an offer label here.
  for (const id of wordingSituationIds) {
    if (!offered.has(id)) issues.add(file, ['wordingSituations'], `has no entry for "${id}"`);
  }
  if (offered.size !== pack.wordingSituations.length) {
    issues.add(file, ['wordingSituations'], 'lists a situation twice');
  }
}

/**
 * Checks one mode file's references and shape as a graph: every id it names exists, every stage
 * has a step, every step can be reached from the first, and every step can reach the end (no
 * dead ends a practitioner could get stuck in).
 */
export function checkModeFile(
  file: string,
  expectedMode: CoachingMode,
  content: ModeFile,
  refs: ReferenceSets,
  issues: IssueCollector,
): void {
  if (content.mode !== expectedMode) issues.add(file, ['mode'], `must be "${expectedMode}"`);
  const index = new Map<string, number>();
  content.steps.forEach((step, i) => {
    if (index.has(step.id)) issues.add(file, ['steps', i, 'id'], `duplicate step id "${step.id}"`);
    else index.set(step.id, i);
  });
  const first = index.get(content.firstStep);
  if (first === undefined) issues.add(file, ['firstStep'], `unknown step "${content.firstStep}"`);
  else if (content.steps[first]?.stage !== 1)
    issues.add(file, ['firstStep'], 'must be a stage 1 step');

  content.steps.forEach((step, i) => checkStep(file, step, ['steps', i], index, refs, issues));
  for (let stage = 1; stage <= stageIds.length; stage++) {
    if (!content.steps.some((s) => s.stage === stage))
      issues.add(file, ['steps'], `has no step for stage ${stage}`);
  }
  if (!content.steps.some((s) => s.finish))
    issues.add(file, ['steps'], 'has no step with "finish": true');
  checkGraph(file, content, issues);
}

function checkStep(
  file: string,
  step: StepContent,
  path: readonly PropertyKey[],
  index: ReadonlyMap<string, number>,
  refs: ReferenceSets,
  issues: IssueCollector,
): void {
  const principles = (list: readonly string[], at: readonly PropertyKey[]) =>
    list.forEach((p, i) => {
      if (!refs.principleIds.has(p))
        issues.add(file, [...at, 'principles', i], `unknown principle "${p}"`);
    });
  const stepRef = (id: string, at: readonly PropertyKey[]) => {
    if (!index.has(id)) issues.add(file, at, `unknown step "${id}"`);
  };
  const trigger = (id: string | undefined, at: readonly PropertyKey[]) => {
    if (id !== undefined && !refs.triggerIds.has(id))
      issues.add(file, at, `unknown safety trigger category "${id}"`);
  };

  principles(step.principles, path);
  if (step.next !== undefined) stepRef(step.next, [...path, 'next']);
  if (step.finish && step.next !== undefined)
    issues.add(file, [...path, 'next'], 'a finish step has no next');
  if (!step.finish && step.next === undefined && step.answers.length === 0) {
    issues.add(file, path, 'needs a next step, answers, or "finish": true');
  }
  step.wording.forEach((w, i) => {
    if (!refs.wordingIds.has(w))
      issues.add(file, [...path, 'wording', i], `unknown wording situation "${w}"`);
  });
  const answerIds = new Set<string>();
  step.answers.forEach((answer, i) => {
    const at = [...path, 'answers', i];
    if (answerIds.has(answer.id))
      issues.add(file, [...at, 'id'], `duplicate answer id "${answer.id}"`);
    answerIds.add(answer.id);
    stepRef(answer.next, [...at, 'next']);
    principles(answer.principles, at);
    trigger(answer.trigger, [...at, 'trigger']);
    if (answer.wording !== undefined && !refs.wordingIds.has(answer.wording)) {
      issues.add(file, [...at, 'wording'], `unknown wording situation "${answer.wording}"`);
    }
  });
  const itemIds = new Set<string>();
  step.checklist?.items.forEach((item, i) => {
    const at = [...path, 'checklist', 'items', i];
    if (itemIds.has(item.id))
      issues.add(file, [...at, 'id'], `duplicate checklist item "${item.id}"`);
    itemIds.add(item.id);
    principles(item.principles, at);
    trigger(item.trigger, [...at, 'trigger']);
  });
}

function successors(step: StepContent): string[] {
  return [...(step.next === undefined ? [] : [step.next]), ...step.answers.map((a) => a.next)];
}

function checkGraph(file: string, content: ModeFile, issues: IssueCollector): void {
  const byId = new Map(content.steps.map((s) => [s.id, s]));
  const reachable = new Set<string>();
  const queue = [content.firstStep];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    const step = byId.get(id);
    if (step === undefined || reachable.has(id)) continue;
    reachable.add(id);
    queue.push(...successors(step));
  }
  // Walk backwards from the finish steps to find steps from which the end can be reached.
  const canFinish = new Set(content.steps.filter((s) => s.finish).map((s) => s.id));
  for (let grew = true; grew;) {
    grew = false;
    for (const step of content.steps) {
      if (!canFinish.has(step.id) && successors(step).some((id) => canFinish.has(id))) {
        canFinish.add(step.id);
        grew = true;
      }
    }
  }
  content.steps.forEach((step, i) => {
    if (!reachable.has(step.id))
      issues.add(file, ['steps', i], `step "${step.id}" cannot be reached from the first step`);
    if (!canFinish.has(step.id))
      issues.add(file, ['steps', i], `step "${step.id}" has no way on to the end`);
  });
}
