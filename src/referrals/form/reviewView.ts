import type { LocalContacts } from '../../tenants/localContacts';
import type { FieldErrors } from '../validateReferral';
import { referralVerbs } from './actions';
import type { ReferralDraft } from './draft';
import {
  fieldsOf,
  formSteps,
  formWording as W,
  type FieldDefinition,
} from './formDefinition';
import { pressedData, safetyRoutes, unplacedErrors } from './stepView';
import type { FormAction, ReferralCardView, ReviewRow, ReviewSection } from './views';

/** Bytes of answers a review card may carry; Teams refuses cards over about 28 KB. */
export const reviewTextBudgetBytes = 12 * 1024;
const shortenedNote = ' … (shortened here; all of it will be sent)';

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** An answer as a person reads it: option titles, not codes; dates in words. */
export function displayAnswer(field: FieldDefinition, value: string): string {
  if (value === '') return W.none;
  switch (field.kind) {
    case 'choice':
    case 'radio':
      return field.choices?.find((c) => c.value === value)?.title ?? value;
    case 'multi':
      return value
        .split(',')
        .map((v) => field.choices?.find((c) => c.value === v)?.title ?? v)
        .join('; ');
    case 'toggle':
      return value === 'yes' ? 'Yes' : W.none;
    case 'date': {
      const time = Date.parse(`${value}T00:00:00Z`);
      return Number.isNaN(time) ? value : dateFormat.format(new Date(time));
    }
    default:
      return value;
  }
}

const reviewLabels: Readonly<Record<string, string>> = {
  'risk.safetyRoutesConsidered': "Safety routes (999, children's safeguarding, MARAC) considered",
};

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

/** The longest start of `text` within `maxBytes`, never splitting a surrogate pair. */
function clipToBytes(text: string, maxBytes: number): string {
  let low = 0;
  let high = text.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (bytes(text.slice(0, mid)) <= maxBytes) low = mid;
    else high = mid - 1;
  }
  const last = text.charCodeAt(low - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? low - 1 : low);
}

/** Shortens the longest answers until the whole fits the budget (the full text is still sent). */
export function fitToBudget<R extends ReviewRow>(rows: readonly R[], budgetBytes: number): R[] {
  const out: Array<R & { value: string }> = rows.map((r) => ({ ...r }));
  const noteBytes = bytes(shortenedNote);
  let total = out.reduce((n, r) => n + bytes(r.value), 0);
  while (total > budgetBytes && out.length > 0) {
    const longest = out.reduce((a, b) => (bytes(b.value) > bytes(a.value) ? b : a));
    const size = bytes(longest.value);
    const target = Math.max(200, size - (total - budgetBytes) - noteBytes);
    if (target + noteBytes >= size) break;
    longest.value = `${clipToBytes(longest.value, target)}${shortenedNote}`;
    total = out.reduce((n, r) => n + bytes(r.value), 0);
  }
  return out;
}

/**
 * Everything the partnership will receive, section by section, with a "Change" button for each;
 * then Send. `values` are what will be sent (the checked referral's answers when it passed).
 */
export function reviewView(
  draft: ReferralDraft,
  values: Readonly<Record<string, string>>,
  errors: FieldErrors,
  contacts: LocalContacts,
): ReferralCardView {
  const data = pressedData(draft);
  const sections: ReviewSection[] = [];
  const allRows: Array<ReviewRow & { id: string }> = [];
  for (const step of formSteps) {
    const rows = fieldsOf(step, draft.childCount).map((field) => ({
      id: field.path,
      label: reviewLabels[field.path] ?? field.label,
      value: displayAnswer(field, values[field.path] ?? ''),
      error: errors[field.path] ?? '',
    }));
    if (step.id === 'household' && draft.childCount === 0) {
      rows.splice(1, 0, { id: '', label: 'Children', value: 'None listed', error: '' });
    }
    allRows.push(...rows);
    sections.push({
      title: step.title,
      rows,
      change: {
        title: W.change(step.title),
        verb: referralVerbs.edit,
        data: { ...data, target: step.id },
        inputs: 'none',
        style: 'default',
      },
    });
  }
  const fitted = fitToBudget(allRows, reviewTextBudgetBytes);
  let at = 0;
  const fittedSections = sections.map((section) => ({
    ...section,
    rows: section.rows.map(() => {
      const row = fitted[at++];
      return { label: row?.label ?? '', value: row?.value ?? '', error: row?.error ?? '' };
    }),
  }));
  const count = Object.keys(errors).length;
  const highRisk = (values['risk.highRiskSigns'] ?? '') !== '';
  const actions: FormAction[] = [
    { title: W.send, verb: referralVerbs.send, data, inputs: 'none', style: 'positive' },
    { title: W.back, verb: referralVerbs.back, data, inputs: 'none', style: 'default' },
    { title: W.deleteDraft, verb: referralVerbs.discard, data, inputs: 'none', style: 'destructive' },
  ];
  return {
    card: 'referral-review',
    data: {
      title: W.title,
      heading: W.reviewTitle,
      intro: W.reviewIntro,
      notes: [W.restrictedNote],
      errorSummary: count > 0 ? W.errorSummary(count) : '',
      otherErrors: unplacedErrors(errors, allRows),
      highRisk,
      highRiskTitle: W.highRiskTitle,
      routesTitle: W.routesTitle,
      routes: safetyRoutes(contacts),
      sections: fittedSections,
      safetyLine: W.safetyLine,
      actions,
      revision: draft.revision,
    },
  };
}
