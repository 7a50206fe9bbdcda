import type { CoachingPack, ModePack } from './coaching/coachingPack';
import { coachingModes, type QuickAnswerContent, type StepContent } from './coaching/schema';
import type { PrincipleSummary, PrinciplesFile } from './principles';
import { aboutContent } from './review';
import type { SafetyFile } from '../safety/schema';
import type { WordingLibrary } from './wording/schema';
import type { QuizPack } from './nudges/loadQuizzes';
import { contactPlaceholders, genericLocalContacts } from '../tenants/localContacts';

/**
 * The whole content as one Markdown document, for a safeguarding lead to review without reading
 * JSON: the review status, the principles and their sources, both walk-throughs stage by stage, the
 * wording library situation by situation, the safety card's words and the refresher quizzes. Every step, answer,
 * situation and phrasing is printed; ids are shown in `code` so comments can point at the data.
 */

export interface ContentReportInput {
  readonly pack: CoachingPack;
  readonly library: WordingLibrary;
  readonly principles: PrinciplesFile;
  readonly summaries: ReadonlyMap<string, PrincipleSummary>;
  readonly safety: SafetyFile;
  /** The refresher quizzes, when the report covers them. */
  readonly quizzes?: QuizPack;
}

/** Content text as Markdown: emphasis characters escaped, local details shown as generic words. */
function md(text: string): string {
  return text
    .replace(/([\\`*_[\]<>|])/g, '\\$1')
    .replace(/\{\{\s*([\w.]+)\s*\}\}/g, (whole, name: string) => {
      const field = contactPlaceholders[name];
      return field === undefined ? whole : `*${genericLocalContacts[field]}*`;
    });
}

const code = (id: string): string => `\`${id}\``;

function principleList(ids: readonly string[]): string {
  return ids.map(code).join(', ');
}

/** Where in the walk-throughs each wording situation is offered. */
function offersBySituation(pack: CoachingPack): Map<string, string[]> {
  const offers = new Map<string, string[]>();
  const add = (situation: string, where: string) =>
    offers.set(situation, [...(offers.get(situation) ?? []), where]);
  for (const mode of coachingModes) {
    for (const step of pack.modes[mode].steps) {
      for (const w of step.wording) add(w, `${code(step.id)}`);
      for (const a of step.answers)
        if (a.wording) add(a.wording, `${code(step.id)} → “${md(a.label)}”`);
    }
  }
  return offers;
}

function answerLines(mode: ModePack, answer: QuickAnswerContent, pack: CoachingPack): string[] {
  const to = mode.stepsById.get(answer.next);
  const parts = [`goes to “${md(to?.title ?? answer.next)}”`];
  if (answer.wording) {
    const offer = pack.shared.wordingSituations.find((w) => w.id === answer.wording);
    parts.push(`offers ${offer ? `“${md(offer.offer)}”` : code(answer.wording)}`);
  }
  if (answer.trigger) parts.push(`raises the safety card (${code(answer.trigger)})`);
  const lines = [`- **${md(answer.label)}** (${code(answer.id)}): ${parts.join('; ')}.`];
  if (answer.record) lines.push(`  - ${md(mode.labels.summarySaid)}: ${md(answer.record)}`);
  if (answer.riskNote) lines.push(`  - Risk noted: ${md(answer.riskNote)}`);
  if (answer.action) lines.push(`  - Action: ${md(answer.action)}`);
  lines.push(`  - Principles: ${principleList(answer.principles)}`);
  return lines;
}

function stepSection(mode: ModePack, step: StepContent, pack: CoachingPack): string[] {
  const out = [
    `#### ${md(step.title)}${step.tone === 'stop' ? ' (stop)' : ''}`,
    '',
    `Step ${code(step.id)}.`,
    '',
    `**What to do.** ${md(step.whatToDo)}`,
    '',
    `**${md(pack.shared.cardLabels.why)}.** ${md(step.why)}`,
    '',
  ];
  if (step.avoid) out.push(`**${md(pack.shared.cardLabels.avoid)}.** ${md(step.avoid)}`, '');
  out.push(`**${md(step.questionsLabel ?? mode.labels.questions)}:**`, '');
  for (const q of step.questions) out.push(`- ${md(q)}`);
  out.push('');
  if (step.checklist) {
    out.push(`**${md(step.checklist.label)}** (each raises the safety card):`, '');
    for (const item of step.checklist.items)
      out.push(`- ${md(item.label)} (${code(item.trigger)}; ${principleList(item.principles)})`);
    out.push('');
  }
  if (step.answers.length > 0) {
    out.push(`**${md(mode.labels.answers)}**`, '');
    for (const a of step.answers) out.push(...answerLines(mode, a, pack));
    out.push('');
  }
  if (step.wording.length > 0) {
    const offers = step.wording.map((w) => {
      const offer = pack.shared.wordingSituations.find((o) => o.id === w);
      return offer ? `“${md(offer.offer)}”` : code(w);
    });
    out.push(`**${md(pack.shared.cardLabels.wording)}:** ${offers.join(', ')}`, '');
  }
  if (step.action) out.push(`**Action added to the summary:** ${md(step.action)}`, '');
  const next = step.finish
    ? 'the summary'
    : step.next
      ? `“${md(mode.stepsById.get(step.next)?.title ?? step.next)}”`
      : 'an answer above';
  out.push(
    `**Principles:** ${principleList(step.principles)}. **Next:** ${next}.${step.canSkip ? '' : ' Cannot be skipped.'}`,
    '',
  );
  return out;
}

function walkThrough(pack: CoachingPack): string[] {
  const out: string[] = [];
  for (const modeId of coachingModes) {
    const mode = pack.modes[modeId];
    out.push(`## Walk-through: ${md(mode.title)}`, '', md(mode.intro), '');
    mode.stageNames.forEach((name, i) => {
      const stage = i + 1;
      out.push(`### Stage ${stage}: ${md(name)}`, '');
      for (const step of mode.steps.filter((s) => s.stage === stage))
        out.push(...stepSection(mode, step, pack));
    });
  }
  return out;
}

function wording(library: WordingLibrary, pack: CoachingPack): string[] {
  const offers = offersBySituation(pack);
  const out = [
    `## Wording library (version ${library.version})`,
    '',
    'Each situation as staff find it (from the walk-through, by typing what happened, or in the message extension), with every phrasing in the order shown.',
    '',
  ];
  for (const s of library.situations) {
    out.push(`### ${md(s.title)}`, '', `Situation ${code(s.id)}. ${md(s.description)}`, '');
    const from = offers.get(s.id) ?? [];
    out.push(
      `Offered from: ${from.length > 0 ? from.join('; ') : 'search and the menu only'}.`,
      '',
    );
    s.phrasings.forEach((p, i) => {
      out.push(
        `#### ${i + 1}. ${md(p.when)}`,
        '',
        `Phrasing ${code(p.id)}.`,
        '',
        `> ${md(p.words)}`,
        '',
        `**Why it works.** ${md(p.why)}`,
        '',
        `**Avoid.** ${md(p.avoid)}`,
        '',
        `**Principles:** ${principleList(p.principles)}`,
        '',
      );
    });
  }
  return out;
}

function safetyCard(safety: SafetyFile): string[] {
  const a = safety.alert;
  const out = [
    `## Safety card (version ${safety.version})`,
    '',
    'Raised in the same turn whenever a practitioner types or ticks a risk sign.',
    '',
    `**${md(a.titles['act-now'])}.** ${md(a.intros['act-now'])}`,
    '',
    `**${md(a.titles['check-this'])}.** ${md(a.intros['check-this'])}`,
    '',
    `- ${md(a.immediate)} (act-now cards only)`,
    `- ${md(a.childRoute)}`,
    `- ${md(a.highRiskRoute)}`,
    `- ${md(a.adviceRoute)}`,
    ...Object.values(a.extraRoutes).map((r) => `- ${md(r)} (where the category calls for it)`),
    ...a.reminders.map((r) => `- ${md(r)}`),
    '',
    '**What it reacts to:**',
    '',
  ];
  for (const c of safety.categories) {
    const routes = [c.childConcern ? 'children’s route' : '', c.highRisk ? 'high-risk route' : '']
      .filter((r) => r !== '')
      .join(', ');
    out.push(
      `- **${md(c.label)}** (${code(c.id)}, ${c.level}${routes ? `; ${routes}` : ''}): ${md(c.why)} ${c.phrases.length} phrase patterns; principles ${principleList(c.principles)}.`,
    );
  }
  out.push('');
  return out;
}

function principles(input: ContentReportInput): string[] {
  const out = [
    `## Principles (version ${input.principles.version})`,
    '',
    'Every step, answer and phrasing names the principles it rests on; they are shown to staff with their sources.',
    '',
  ];
  for (const p of input.principles.principles) {
    const s = input.summaries.get(p.id);
    out.push(`- ${code(p.id)}: ${md(p.summary)} *Sources: ${md(s?.source ?? '')}.*`);
  }
  out.push('', '### Sources', '');
  for (const s of input.principles.sources) out.push(`- ${md(s.citation)}`);
  out.push('');
  return out;
}

function otherWords(pack: CoachingPack): string[] {
  const { summary, confidence } = pack.shared;
  return [
    '## Summary card and confidence questions',
    '',
    `**${md(summary.title)}.** ${md(summary.intro)}`,
    '',
    `- ${md(summary.referralSuggested)}`,
    `- ${md(summary.referralOptional)}`,
    `- ${md(summary.riskActions.childConcern)}`,
    `- ${md(summary.riskActions.highRisk)}`,
    `- ${md(summary.riskActions.adviceLead)}`,
    '',
    md(confidence.intro),
    '',
    ...confidence.questions.map((q) => `- ${md(q.text)}`),
    '',
    `Scale: ${confidence.scale.map((s) => `${s.value} ${md(s.title)}`).join(', ')}.`,
    '',
  ];
}

/** Every quiz: its situation, each reply with its feedback, the best one marked. */
function quizzes(pack: QuizPack | undefined): string[] {
  if (!pack) return [];
  const out = [
    '## Refresher quizzes',
    '',
    `Two-minute scenarios a manager sends as refreshers (version ${pack.version}). Each person gets their own: one they have not seen or got wrong, the confidence question they feel less sure of first.`,
    '',
  ];
  for (const quiz of pack.quizzes) {
    out.push(
      `### ${md(quiz.title)} ${code(quiz.id)}`,
      '',
      `*Builds:* ${quiz.question === 'identify' ? 'identifying' : 'exploring risk and engaging him'}. *Wording situations:* ${principleList(quiz.wording)}. *Principles:* ${principleList(quiz.principles)}.`,
      '',
      md(quiz.situation),
      '',
    );
    for (const reply of quiz.replies) {
      const best = reply.id === quiz.best ? ' **(best)**' : '';
      out.push(
        `- **${reply.id.toUpperCase()}.**${best} ${md(reply.text)}`,
        `  - ${md(reply.feedback)}`,
      );
    }
    out.push('');
  }
  return out;
}

/** The report, as Markdown text. */
export function contentReport(input: ContentReportInput): string {
  const versions = { pack: input.pack.version, wording: input.library.version };
  const lines = [
    '# DARE Coach content',
    '',
    `**${md(aboutContent(input.pack.review, versions))}**`,
    '',
    'Everything the bot says about safeguarding practice, in the order staff meet it. Local details (names, numbers, routes) are filled in for each council from its settings; here they are shown in *italics* as generic words.',
    '',
    ...principles(input),
    ...walkThrough(input.pack),
    ...wording(input.library, input.pack),
    ...safetyCard(input.safety),
    ...otherWords(input.pack),
    ...quizzes(input.quizzes),
  ];
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
