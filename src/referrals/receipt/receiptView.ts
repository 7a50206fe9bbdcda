import { fillLocalDetails, type LocalContacts } from '../../tenants/localContacts';
import type { ReferralSummary } from '../records/referralRecord';
import { referralVerbs } from '../form/actions';
import { formWording, labelOfPath } from '../form/formDefinition';
import type {
  FormAction,
  ReceiptFix,
  ReferralCardView,
  ReferralReceiptCardData,
} from '../form/views';

/** The first block of a referral id, upper case: enough to tell referrals apart on a call. */
export function shortReferralId(referralId: string): string {
  return referralId.slice(0, 8).toUpperCase();
}

const londonTime = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
});

export function ukTime(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : londonTime.format(new Date(time));
}

const maxFixes = 20;
const maxMessageLength = 300;

/** The partnership's corrections with our labels; a path we do not know is named plainly. */
export function fixesOf(summary: ReferralSummary): ReceiptFix[] {
  const rejection = summary.rejection;
  if (!rejection) return [];
  const fixes = Object.entries(rejection.fieldErrors)
    .slice(0, maxFixes)
    .map(([path, message]) => ({
      label: labelOfPath(path) ?? 'Another part of the referral',
      message: message.slice(0, maxMessageLength),
    }));
  const reason = rejection.reason.slice(0, maxMessageLength);
  return [{ label: 'Their message', message: reason }, ...fixes];
}

const statusAction = (referralId: string): FormAction => ({
  title: 'Check the status',
  verb: referralVerbs.status,
  data: { referralId },
  inputs: 'none',
  style: 'default',
});

/**
 * The receipt card for a referral's current status. It carries no personal data: a short id,
 * times, the partnership's name and reference, and (when sent back) what to correct.
 */
export function receiptView(summary: ReferralSummary, contacts: LocalContacts): ReferralCardView {
  const fill = (text: string) => fillLocalDetails(text, contacts);
  const facts = [
    { label: 'Referral', value: shortReferralId(summary.referralId) },
    { label: 'Submitted', value: ukTime(summary.submittedAt) },
    { label: 'To', value: contacts.partnershipName },
    ...(summary.status === 'sent' && summary.reference
      ? [{ label: 'Partnership reference', value: summary.reference }]
      : []),
    ...(summary.status !== 'queued'
      ? [{ label: 'Updated', value: ukTime(summary.statusChangedAt) }]
      : []),
  ];
  const base: Omit<ReferralReceiptCardData, 'status' | 'statusTitle' | 'statusText' | 'style'> = {
    title: 'Referral receipt',
    facts,
    fixesLabel: '',
    fixes: [],
    callText: '',
    safetyLine: formWording.safetyLine,
    actions: [],
  };
  const data = ((): ReferralReceiptCardData => {
    switch (summary.status) {
      case 'queued':
        return {
          ...base,
          status: 'queued',
          statusTitle: 'Queued for delivery',
          statusText: fill(
            'Your referral is stored securely and on its way to {{partnership.name}}. This card updates itself when they have it; there is nothing more you need to do now.',
          ),
          style: 'default',
          actions: [statusAction(summary.referralId)],
        };
      case 'sent':
        return {
          ...base,
          status: 'sent',
          statusTitle: 'Received by the partnership',
          statusText: fill(
            summary.reference
              ? '{{partnership.name}} has your referral. Quote their reference if you contact them.'
              : '{{partnership.name}} has your referral.',
          ),
          style: 'good',
        };
      case 'rejected': {
        const fixes = fixesOf(summary);
        return {
          ...base,
          status: 'rejected',
          statusTitle: 'Needs attention: sent back by the partnership',
          statusText:
            fixes.length > 0
              ? 'The partnership could not accept the referral as it was. Correct what they asked for and send it again.'
              : fill(
                  'The partnership could not accept the referral as it was. Call them on {{partnership.phone}} to find out what to correct.',
                ),
          style: 'attention',
          fixesLabel: 'What to correct',
          fixes,
          actions:
            fixes.length > 0
              ? [
                  {
                    title: 'Correct it and send again',
                    verb: referralVerbs.correct,
                    data: { referralId: summary.referralId },
                    inputs: 'none',
                    style: 'positive',
                  },
                ]
              : [],
        };
      }
      case 'failed':
        return {
          ...base,
          status: 'failed',
          statusTitle: 'Needs attention: not delivered',
          statusText:
            'We could not get the referral to the partnership in time. It has not been received: please call them and make the referral by phone.',
          style: 'attention',
          callText: fill('Call {{partnership.name}} on {{partnership.phone}}.'),
          actions: [statusAction(summary.referralId)],
        };
    }
  })();
  return { card: 'referral-receipt', data };
}
