import { fillLocalDetails, type LocalContacts } from '../../tenants/localContacts';
import type { FieldErrors } from '../schema/validateReferral';
import { referralVerbs } from './actions';
import type { ReferralDraft } from './draft';
import {
  childFields,
  childIndexOf,
  formSteps,
  formWording as W,
  maxChildren,
  type FieldDefinition,
  type StepDefinition,
  type StepId,
} from './formDefinition';
import type { FormAction, FormItem, ReferralCardView } from './views';

const blankItem: FormItem = {
  kind: 'info',
  id: '',
  label: '',
  value: '',
  numberValue: 0,
  hasValue: false,
  placeholder: '',
  style: 'default',
  multiline: false,
  multiSelect: false,
  maxLength: 0,
  min: 0,
  max: 0,
  required: false,
  regex: '',
  errorMessage: '',
  hint: '',
  error: '',
  choices: [],
  lines: [],
  buttons: [],
};

/** A card row for one field, with the value to show and the server's error beside it. */
export function inputItem(field: FieldDefinition, value: string, error: string): FormItem {
  const common = {
    ...blankItem,
    id: field.path,
    label: field.label,
    value,
    hasValue: value !== '',
    placeholder: field.placeholder ?? '',
    required: field.required,
    errorMessage:
      field.errorMessage ?? (field.required ? `Enter ${field.label.toLowerCase()}.` : ''),
    hint: field.hint ?? '',
    error,
  };
  switch (field.kind) {
    case 'text':
    case 'multiline':
    case 'email':
    case 'tel':
      return {
        ...common,
        kind: 'text',
        style: field.kind === 'email' || field.kind === 'tel' ? field.kind : 'text',
        multiline: field.kind === 'multiline',
        maxLength: field.maxLength ?? 0,
        regex: field.regex ?? '',
      };
    case 'date':
      return { ...common, kind: 'date' };
    case 'number':
      return {
        ...common,
        kind: 'number',
        numberValue: value === '' ? 0 : Number(value),
        min: field.min ?? 0,
        max: field.max ?? 0,
      };
    case 'choice':
    case 'radio':
    case 'multi':
      return {
        ...common,
        kind: 'choice',
        style: field.kind === 'choice' ? 'compact' : 'expanded',
        multiSelect: field.kind === 'multi',
        choices: field.choices ?? [],
      };
    case 'toggle':
      return { ...common, kind: 'toggle' };
  }
}

const note = (label: string, kind: 'heading' | 'info' = 'info'): FormItem => ({
  ...blankItem,
  kind,
  label,
});

/** What pressing a button on a form card sends back, besides the inputs. */
export function pressedData(draft: ReferralDraft): Record<string, string | number> {
  return { revision: draft.revision, place: draft.place };
}

function childAction(
  draft: ReferralDraft,
  title: string,
  verb: string,
  index?: number,
): FormAction {
  return {
    title,
    verb,
    data: { ...pressedData(draft), ...(index === undefined ? {} : { index }) },
    // The household card's own answers go with it, so nothing typed there is lost.
    inputs: 'auto',
    style: 'default',
  };
}

/** The safety routes, filled with the council's own contacts. */
export function safetyRoutes(contacts: LocalContacts): string[] {
  return W.routes.map((line) => fillLocalDetails(line, contacts));
}

function itemsFor(
  step: StepDefinition,
  draft: ReferralDraft,
  errors: FieldErrors,
  contacts: LocalContacts,
): FormItem[] {
  const item = (field: FieldDefinition) => {
    const shown = field.hint ? { ...field, hint: fillLocalDetails(field.hint, contacts) } : field;
    return inputItem(shown, draft.values[field.path] ?? '', errors[field.path] ?? '');
  };
  const items: FormItem[] = [];
  for (const [index, field] of step.fields.entries()) {
    if (index === step.groupAt) items.push(...childItems(draft, errors));
    if (field.path === 'risk.safetyRoutesConsidered') {
      items.push({
        ...blankItem,
        kind: 'routes',
        label: W.routesTitle,
        lines: safetyRoutes(contacts),
      });
    }
    items.push(item(field));
  }
  if (step.groupAt === step.fields.length) items.push(...childItems(draft, errors));
  return items;
}

/** One line per child (its answers as titles) with Change and Remove; then Add a child. */
function childItems(draft: ReferralDraft, errors: FieldErrors): FormItem[] {
  const items: FormItem[] = [note(W.childrenHeading, 'heading')];
  if (draft.childCount === 0) items.push(note(W.noChildren));
  for (let i = 0; i < draft.childCount; i += 1) {
    const troubled = Object.keys(errors).some((path) => childIndexOf(path) === i);
    items.push({
      ...blankItem,
      kind: 'child',
      label: childSummary(draft, i),
      error: troubled ? W.childNeedsAttention(i + 1) : '',
      buttons: [
        childAction(draft, W.changeChild(i + 1), referralVerbs.editChild, i),
        childAction(draft, W.removeChild(i + 1), referralVerbs.removeChild, i),
      ],
    });
  }
  if (draft.childCount < maxChildren) {
    items.push({
      ...blankItem,
      kind: 'child',
      buttons: [childAction(draft, W.addChild, referralVerbs.addChild)],
    });
  }
  return items;
}

/** "Child 2: age 4; his stepchild; lives with both parents; PR: mother only" (no names). */
export function childSummary(draft: ReferralDraft, index: number): string {
  const [age, ...choices] = childFields(index);
  const parts = [
    draft.values[age?.path ?? ''] ? `age ${draft.values[age?.path ?? '']}` : '',
    ...choices.map((field) => {
      const value = draft.values[field.path] ?? '';
      const title = field.choices?.find((c) => c.value === value)?.title ?? '';
      if (title === '') return '';
      if (field.path.endsWith('.livesWith')) return `lives with: ${title.toLowerCase()}`;
      if (field.path.endsWith('.parentalResponsibility'))
        return `parental responsibility: ${title.toLowerCase()}`;
      return title.toLowerCase();
    }),
  ].filter((p) => p !== '');
  return `${W.childTitle(index + 1)}: ${parts.length > 0 ? parts.join('; ') : W.childIncomplete}`;
}

/** The card for one child: its four answers, Save and Cancel. */
export function childView(
  draft: ReferralDraft,
  index: number,
  errors: FieldErrors,
): ReferralCardView {
  const fields = childFields(index);
  const items = fields.map((f) => inputItem(f, draft.values[f.path] ?? '', errors[f.path] ?? ''));
  const own = Object.fromEntries(Object.entries(errors).filter(([p]) => childIndexOf(p) === index));
  const count = Object.keys(own).length;
  const data = { ...pressedData(draft), index };
  return {
    card: 'referral-step',
    data: {
      title: W.title,
      progress: progressLine('household'),
      stepTitle: W.childTitle(index + 1),
      intro: W.childIntro,
      notes: [W.restrictedNote],
      errorSummary: count > 0 ? W.errorSummary(count) : '',
      otherErrors: [],
      items,
      safetyLine: W.safetyLine,
      actions: [
        {
          title: W.cancelChild,
          verb: referralVerbs.cancelChild,
          data,
          inputs: 'none',
          style: 'default',
        },
        {
          title: W.saveChild,
          verb: referralVerbs.saveChild,
          data,
          inputs: 'auto',
          style: 'positive',
        },
      ],
      revision: draft.revision,
    },
  };
}

/** Errors beyond this many that belong to no input on a card are counted, not listed. */
const maxUnplacedErrors = 5;

/** Errors that belong to no input on the card (e.g. "List at most 12 children"). */
export function unplacedErrors(
  errors: FieldErrors,
  items: readonly { readonly id: string }[],
): string[] {
  const placed = new Set(items.map((i) => i.id).filter((id) => id !== ''));
  const messages = Object.entries(errors)
    .filter(([path]) => !placed.has(path))
    .map(([, message]) => message);
  if (messages.length <= maxUnplacedErrors) return messages;
  return [
    ...messages.slice(0, maxUnplacedErrors),
    W.moreErrors(messages.length - maxUnplacedErrors),
  ];
}

export function progressLine(step: StepId): string {
  const index = formSteps.findIndex((s) => s.id === step);
  return `Step ${index + 1} of ${formSteps.length}: ${formSteps[index]?.title ?? ''}`;
}

/** Extra lines above a step: where the answers came from. */
function sourceNotes(step: StepDefinition, draft: ReferralDraft): string[] {
  if (draft.source === 'coaching' && step.id === 'referrer') return [W.prefilledFromCoaching];
  const corrected = Object.keys(draft.corrections).some((p) =>
    step.sections.some((s) => p.startsWith(`${s}.`)),
  );
  if (draft.source === 'returned' && corrected) return [W.returnedByPartnership];
  return [];
}

/**
 * A form step as a card: every field with its value and, after a failed Next, the server's
 * message in red beside it. The partnership's corrections show until the step passes.
 */
export function stepView(
  step: StepDefinition,
  draft: ReferralDraft,
  errors: FieldErrors,
  contacts: LocalContacts,
): ReferralCardView {
  const shown: FieldErrors = { ...stepCorrections(step, draft), ...errors };
  const items = itemsFor(step, draft, shown, contacts);
  // A child's own errors are summed up on its line; they show in full on the child's card.
  const otherErrors = unplacedErrors(
    Object.fromEntries(Object.entries(shown).filter(([p]) => childIndexOf(p) === undefined)),
    items,
  );
  const count = Object.keys(shown).length;
  const index = formSteps.findIndex((s) => s.id === step.id);
  const othersDone = formSteps.every((s) => s.id === step.id || draft.completed.includes(s.id));
  const data = pressedData(draft);
  const actions: FormAction[] = [
    ...(index > 0
      ? [
          {
            title: W.back,
            verb: referralVerbs.back,
            data,
            inputs: 'none',
            style: 'default',
          } as const,
        ]
      : []),
    {
      title: othersDone ? W.checkAnswers : W.next,
      verb: referralVerbs.next,
      data,
      inputs: 'auto',
      style: 'positive',
    },
  ];
  return {
    card: 'referral-step',
    data: {
      title: W.title,
      progress: progressLine(step.id),
      stepTitle: step.title,
      intro: step.intro,
      notes: [...sourceNotes(step, draft), W.restrictedNote, W.draftNote],
      errorSummary: count > 0 ? W.errorSummary(count) : '',
      otherErrors,
      items,
      safetyLine: W.safetyLine,
      actions,
      revision: draft.revision,
    },
  };
}

/** The partnership's corrections that belong to a step. */
export function stepCorrections(step: StepDefinition, draft: ReferralDraft): FieldErrors {
  return Object.fromEntries(
    Object.entries(draft.corrections).filter(([path]) =>
      step.sections.some((s) => path === s || path.startsWith(`${s}.`)),
    ),
  );
}
