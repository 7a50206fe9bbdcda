import { fillLocalDetails, type LocalContacts } from '../../tenants/localContacts';
import type { FieldErrors } from '../schema/validateReferral';
import { referralVerbs } from './actions';
import { countsOf, type ReferralDraft } from './draft';
import {
  childrenPath,
  countOf,
  formSteps,
  formWording as W,
  groupAt,
  itemFields,
  itemOf,
  itemTitle,
  stepOfPath,
  type FieldDefinition,
  type GroupDefinition,
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

/** A button for an item: on the step card its answers go with it, so nothing typed is lost. */
function itemAction(
  draft: ReferralDraft,
  group: GroupDefinition,
  title: string,
  verb: string,
  index?: number,
): FormAction {
  return {
    title,
    verb,
    data: { ...pressedData(draft), ...groupData(group), ...(index === undefined ? {} : { index }) },
    inputs: 'auto',
    style: 'default',
  };
}

/** Which group a button is for: children when absent (as on cards posted before agencies). */
const groupData = (group: GroupDefinition): Record<string, string> =>
  group.path === childrenPath ? {} : { group: group.path };

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
  const groupsAt = (at: number): FormItem[] =>
    step.groups.filter((g) => g.at === at).flatMap((g) => itemLines(g, draft, errors));
  const items: FormItem[] = [];
  for (const [index, field] of step.fields.entries()) {
    items.push(...groupsAt(index));
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
  items.push(...groupsAt(step.fields.length));
  return items;
}

/** A heading; one line per item (its answers as titles) with Change and Remove; then Add. */
function itemLines(group: GroupDefinition, draft: ReferralDraft, errors: FieldErrors): FormItem[] {
  const { wording } = group;
  const count = countOf(group, countsOf(draft));
  const items: FormItem[] = [note(wording.heading, 'heading')];
  if (count === 0) items.push(note(wording.none));
  for (let i = 0; i < count; i += 1) {
    const title = itemTitle(group, i);
    const troubled = Object.keys(errors).some((path) => {
      const item = itemOf(path);
      return item?.group.path === group.path && item.index === i;
    });
    items.push({
      ...blankItem,
      kind: 'child',
      label: itemSummary(group, draft, i),
      error: troubled ? W.itemNeedsAttention(title) : '',
      buttons: [
        itemAction(draft, group, W.changeItem(title), referralVerbs.editChild, i),
        itemAction(draft, group, W.removeItem(title), referralVerbs.removeChild, i),
      ],
    });
  }
  if (count < group.max) {
    items.push({
      ...blankItem,
      kind: 'child',
      buttons: [itemAction(draft, group, wording.add, referralVerbs.addChild)],
    });
  }
  return items;
}

/**
 * An item's answers from lists, as one line: "Child 2: age 4; his stepchild; lives with: both
 * parents; parental responsibility: mother only", "Agency 1: probation". Typed text stays off
 * the step card (it is on the item's own card and the review), which keeps the card small.
 */
export function itemSummary(group: GroupDefinition, draft: ReferralDraft, index: number): string {
  const parts = itemFields(group, index).map((field) => {
    const value = draft.values[field.path] ?? '';
    if (value === '') return '';
    if (field.kind === 'number') return `${field.label.split(': ').pop() ?? ''} ${value}`;
    const title = field.choices?.find((c) => c.value === value)?.title ?? '';
    if (title === '') return '';
    const name = field.path.split('.').pop() ?? '';
    const prefix = summaryPrefixes[name];
    // Mid-sentence after "age 4" for a child; an agency's name leads its line.
    const cased = group.path === childrenPath ? title.toLowerCase() : title;
    return prefix ? `${prefix}: ${cased}` : cased;
  });
  const answers = parts.filter((p) => p !== '');
  return `${itemTitle(group, index)}: ${answers.length > 0 ? answers.join('; ') : W.itemIncomplete}`;
}

/** Answers whose option alone would not say what they are about. */
const summaryPrefixes: Readonly<Record<string, string>> = {
  livesWith: 'lives with',
  parentalResponsibility: 'parental responsibility',
};

/** The card for one item (a child, an agency): its answers, Save and Cancel. */
export function itemView(
  draft: ReferralDraft,
  group: GroupDefinition,
  index: number,
  errors: FieldErrors,
): ReferralCardView {
  const fields = itemFields(group, index);
  const items = fields.map((f) => inputItem(f, draft.values[f.path] ?? '', errors[f.path] ?? ''));
  const own = Object.fromEntries(
    Object.entries(errors).filter(([p]) => {
      const item = itemOf(p);
      return item?.group.path === group.path && item.index === index;
    }),
  );
  const count = Object.keys(own).length;
  const data = { ...pressedData(draft), ...groupData(group), index };
  const step = stepOfPath(group.path);
  return {
    card: 'referral-step',
    data: {
      title: W.title,
      progress: step ? progressLine(step) : '',
      stepTitle: itemTitle(group, index),
      intro: group.wording.intro,
      notes: [W.restrictedNote],
      errorSummary: count > 0 ? W.errorSummary(count) : '',
      otherErrors: [],
      items,
      safetyLine: W.safetyLine,
      actions: [
        {
          title: W.cancelItem,
          verb: referralVerbs.cancelChild,
          data,
          inputs: 'none',
          style: 'default',
        },
        {
          title: W.saveItem(group.itemTitle),
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

/** The card for one child (see itemView). */
export function childView(
  draft: ReferralDraft,
  index: number,
  errors: FieldErrors,
): ReferralCardView {
  const children = groupAt(childrenPath);
  if (!children) throw new Error('the form has no children group');
  return itemView(draft, children, index, errors);
}

/** "Child 2: age 4; ..." (see itemSummary). */
export function childSummary(draft: ReferralDraft, index: number): string {
  const children = groupAt(childrenPath);
  return children ? itemSummary(children, draft, index) : '';
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
  // An item's own errors are summed up on its line; they show in full on the item's card.
  const otherErrors = unplacedErrors(
    Object.fromEntries(Object.entries(shown).filter(([p]) => itemOf(p) === undefined)),
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
