import type { LocalContacts } from '../../tenants/localContacts';
import type { FieldErrors } from '../schema/validateReferral';
import { referralVerbs } from './actions';
import { countsOf, type ReferralDraft } from './draft';
import {
  childrenPath,
  countOf,
  formSteps,
  formWording as W,
  itemFields,
  itemOf,
  itemTitle,
  type FieldDefinition,
  type GroupDefinition,
  type StepId,
} from './formDefinition';
import { childSummary, pressedData, safetyRoutes, unplacedErrors } from './stepView';
import type { FormAction, ReferralCardView, ReviewRow, ReviewSection } from './views';

/**
 * Teams refuses cards over about 28 KB. The review aims under this: its fixed parts, an
 * allowance per row, and whatever is left for the answers (the longest are shortened to fit).
 */
export const reviewCardBudgetBytes = 21 * 1024;
const fixedPartsBytes = 6 * 1024;
const rowOverheadBytes = 120;
const errorOverheadBytes = 60;
/** Errors beyond this many are shortened: a review full of errors is a broken draft, not typing. */
const maxFullErrors = 5;
/** Marks an answer shortened on the card; the review says once what it means (W.shortened). */
const shortenedNote = ' …';

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

// Measured as the card will carry it: JSON-escaped UTF-8.
const bytes = (s: string): number => Buffer.byteLength(JSON.stringify(s), 'utf8') - 2;

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
  // Each answer keeps at least its start, less when there are many to fit.
  const floor = Math.max(40, Math.min(200, Math.floor(budgetBytes / Math.max(1, out.length))));
  while (total > budgetBytes && out.length > 0) {
    const longest = out.reduce((a, b) => (bytes(b.value) > bytes(a.value) ? b : a));
    const size = bytes(longest.value);
    const target = Math.max(floor, size - (total - budgetBytes) - noteBytes);
    if (target + noteBytes >= size) break;
    longest.value = `${clipToBytes(longest.value, target)}${shortenedNote}`;
    total = out.reduce((n, r) => n + bytes(r.value), 0);
  }
  return out;
}

/** One row per child: its answers as one line; its errors together. */
function childRows(
  draft: ReferralDraft,
  values: Readonly<Record<string, string>>,
  errors: FieldErrors,
): Array<ReviewRow & { id: string }> {
  if (draft.childCount === 0)
    return [{ id: '', label: 'Children', value: W.noneListed, error: '' }];
  return Array.from({ length: draft.childCount }, (_, i) => {
    const summary = childSummary({ ...draft, values: { ...values } }, i);
    const own = itemErrors(errors, childrenPath, i);
    return {
      // The row stands for all four of the child's inputs.
      id: `household.children.${i}`,
      label: `Child ${i + 1}`,
      value: summary.slice(summary.indexOf(':') + 2),
      error: own.map(([, m]) => m).join(' '),
    };
  });
}

const itemErrors = (errors: FieldErrors, group: string, index: number) =>
  Object.entries(errors).filter(([p]) => {
    const item = itemOf(p);
    return item?.group.path === group && item.index === index;
  });

/**
 * One row for a group other than children (other agencies): each item's answers on a line of
 * its own ("Agency 1: Probation; North team; 01632 960 001"), its errors together. One row, not
 * one per item: the review must fit a Teams card with every field full.
 */
function itemRows(
  group: GroupDefinition,
  draft: ReferralDraft,
  values: Readonly<Record<string, string>>,
  errors: FieldErrors,
): Array<ReviewRow & { id: string }> {
  const count = countOf(group, countsOf(draft));
  const lines = Array.from({ length: count }, (_, i) => {
    const answers = itemFields(group, i).flatMap((f) => {
      const value = values[f.path] ?? '';
      return value === '' ? [] : [displayAnswer(f, value)];
    });
    return `${itemTitle(group, i)}: ${answers.length > 0 ? answers.join('; ') : W.itemIncomplete}`;
  });
  const own = Object.entries(errors).filter(([p]) => itemOf(p)?.group.path === group.path);
  return [
    {
      id: group.path,
      label: group.wording.heading,
      value: count === 0 ? W.noneListed : lines.join('\n'),
      error: own.map(([, m]) => m).join(' '),
    },
  ];
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
  type Row = { id: string; label: string; value: string; error: string };
  const sections: Array<{ step: StepId; title: string; change: FormAction; rows: Row[] }> = [];
  const allRows: Row[] = [];
  for (const step of formSteps) {
    const rows: Row[] = step.fields.map((field) => ({
      id: field.path,
      label: field.reviewLabel,
      value: displayAnswer(field, values[field.path] ?? ''),
      error: errors[field.path] ?? '',
    }));
    for (const group of [...step.groups].reverse()) {
      const groupRows =
        group.path === childrenPath
          ? childRows(draft, values, errors)
          : itemRows(group, draft, values, errors);
      rows.splice(group.at, 0, ...groupRows);
    }
    allRows.push(...rows);
    sections.push({
      step: step.id,
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
  const needAttention = new Set(allRows.filter((r) => r.error !== '').map((r) => r.id));
  let full = 0;
  for (const row of allRows) {
    // Beyond that, the row's label says so (a red line each would not fit the card).
    if (row.error !== '' && (full += 1) > maxFullErrors) {
      row.label = W.needsCorrecting(row.label);
      row.error = '';
    }
  }
  const structure = allRows.reduce(
    (n, r) =>
      n + rowOverheadBytes + bytes(r.label) + (r.error ? errorOverheadBytes + bytes(r.error) : 0),
    fixedPartsBytes,
  );
  const fitted = fitToBudget(allRows, Math.max(2 * 1024, reviewCardBudgetBytes - structure));
  const shortenedAny = fitted.some((row, i) => row.value !== allRows[i]?.value);
  let at = 0;
  const fittedSections: ReviewSection[] = sections.map(({ step, title, change, rows }) => {
    const fittedRows = rows.map(() => {
      const row = fitted[at++];
      return { label: row?.label ?? '', value: row?.value ?? '', error: row?.error ?? '' };
    });
    // "Not given" without a problem: behind "show empty fields". An answer needing attention
    // is always in view, and opens its section.
    const attention = rows.filter((r) => needAttention.has(r.id)).length;
    const isEmpty = (r: ReviewRow, i: number) =>
      r.value === W.none && !needAttention.has(rows[i]?.id ?? '');
    return {
      id: `review-${step}`,
      emptyId: `review-${step}-empty`,
      title,
      toggleTitle: W.reviewSectionToggle(title, attention),
      expanded: attention > 0,
      rows: fittedRows.filter((r, i) => !isEmpty(r, i)),
      emptyRows: fittedRows.filter(isEmpty),
      change,
    };
  });
  const emptyTargets = fittedSections.filter((s) => s.emptyRows.length > 0).map((s) => s.emptyId);
  const count = Object.keys(errors).length;
  const highRisk = (values['risk.highRiskSigns'] ?? '') !== '';
  const actions: FormAction[] = [
    { title: W.send, verb: referralVerbs.send, data, inputs: 'none', style: 'positive' },
    { title: W.back, verb: referralVerbs.back, data, inputs: 'none', style: 'default' },
    {
      title: W.deleteDraft,
      verb: referralVerbs.discard,
      data,
      inputs: 'none',
      style: 'destructive',
    },
  ];
  return {
    card: 'referral-review',
    data: {
      title: W.title,
      heading: W.reviewTitle,
      intro: W.reviewIntro,
      notes: [W.restrictedNote, ...(shortenedAny ? [W.shortened] : [])],
      errorSummary: count > 0 ? W.errorSummary(count) : '',
      otherErrors: unplacedErrors(
        Object.fromEntries(Object.entries(errors).filter(([p]) => itemOf(p) === undefined)),
        allRows,
      ),
      highRisk,
      highRiskTitle: W.highRiskTitle,
      routesTitle: W.routesTitle,
      routes: safetyRoutes(contacts),
      sections: fittedSections,
      showEmpty: {
        title: W.showEmptyFields,
        // Opening the sections too: an empty line inside a closed section would stay hidden.
        targets: [...emptyTargets, ...fittedSections.map((s) => s.id)].map((elementId) => ({
          elementId,
          isVisible: true as const,
        })),
        any: emptyTargets.length > 0,
      },
      safetyLine: W.safetyLine,
      actions,
      revision: draft.revision,
    },
  };
}
