import {
  groupItemFields,
  referralFields,
  referralGroups,
} from '../referrals/schema/referralFields';
import type { DataSubject } from './dataMap';

/** Whose data a referral field is, and whether it is special-category or criminal-offence data. */
export interface FieldMarking {
  readonly subjects: readonly DataSubject[];
  /** UK GDPR Article 9: health, sex life, ethnicity, religion... */
  readonly special?: true;
  /** UK GDPR Article 10: allegations, offences, convictions, bail, court orders. */
  readonly criminal?: true;
}

const of = (...subjects: DataSubject[]): FieldMarking => ({ subjects });
const special = (...subjects: DataSubject[]): FieldMarking => ({ subjects, special: true });
const criminal = (...subjects: DataSubject[]): FieldMarking => ({ subjects, criminal: true });
const both = (...subjects: DataSubject[]): FieldMarking => ({
  subjects,
  special: true,
  criminal: true,
});

/**
 * Every field of a referral's body (src/referrals/schema/referralDeclaration.ts) with its marking; items
 * of a repeating group are keyed with `*` for the index. The data-map test fails when a declared
 * field has no entry here (or an entry names no field), so a field cannot be added unmapped.
 */
export const referralBodyMarkings: Readonly<Record<string, FieldMarking>> = {
  'referrer.name': of('practitioner'),
  'referrer.email': of('practitioner'),
  'referrer.phone': of('practitioner'),
  'referrer.role': of('practitioner'),
  'referrer.team': of('practitioner'),
  'referrer.organisation': of('practitioner'),
  'father.name': of('father'),
  'father.dateOfBirth': of('father'),
  'father.address.line1': of('father'),
  'father.address.line2': of('father'),
  'father.address.town': of('father'),
  'father.address.postcode': of('father'),
  'father.phone': of('father'),
  'father.phoneShared': of('father'),
  'father.safeToCall': of('father'),
  'father.safeToLeaveMessage': of('father'),
  'father.safeToText': of('father'),
  'father.safeToWrite': of('father'),
  'father.safeToEmail': of('father'),
  'father.bestTimes': of('father'),
  'father.language': of('father'),
  'father.interpreterNeeded': of('father'),
  'father.accessibilityNeeds': special('father'),
  'father.previousProgrammes': criminal('father'),
  'household.partnerRelationship': of('father', 'partner'),
  'household.parentUnder18': of('father', 'partner'),
  'household.childrenPlan': of('children'),
  'household.socialWorker.name': of('other professionals'),
  'household.socialWorker.phone': of('other professionals'),
  'household.socialWorker.email': of('other professionals'),
  'household.familyElsewhere': of('father', 'other family'),
  'household.familyElsewhereDetails': of('father', 'other family', 'children'),
  'household.children.*.age': of('children'),
  'household.children.*.relationship': of('children'),
  'household.children.*.livesWith': of('children'),
  'household.children.*.parentalResponsibility': of('children'),
  'concerns.kinds': both('father', 'partner', 'children'),
  'concerns.sources': of('father', 'partner', 'children'),
  'concerns.recentIncidents': both('father', 'partner', 'children'),
  'concerns.fromHer': criminal('partner', 'father'),
  'concerns.notToShare': criminal('partner', 'father'),
  'concerns.acknowledgement': of('father'),
  'risk.highRiskSigns': both('father', 'partner', 'children'),
  'risk.safetyRoutesConsidered': of('practitioner'),
  'risk.policeInvolved': criminal('father'),
  'risk.crimeReference': criminal('father'),
  'risk.convictions': criminal('father'),
  'risk.maracStatus': criminal('partner', 'father'),
  'risk.courtOrderKinds': criminal('father', 'partner', 'children'),
  'risk.courtOrders': criminal('father', 'partner', 'children'),
  'risk.onBail': criminal('father'),
  'risk.bailConditions': criminal('father', 'partner', 'children'),
  'risk.petsThreatened': criminal('father'),
  'risk.riskToStaff': criminal('father'),
  'risk.riskToStaffDetails': criminal('father'),
  'agencies.list.*.agency': of('father', 'partner', 'children'),
  'agencies.list.*.contact': of('other professionals'),
  'agencies.list.*.phone': of('other professionals'),
  'agencies.list.*.email': of('other professionals'),
  'agencies.details': of('father', 'partner', 'children', 'other professionals'),
  'sharing.article6': of('practitioner'),
  'sharing.schedule1': of('practitioner'),
  'sharing.reason': of('father', 'partner', 'children'),
  'consent.basis': of('father'),
  'consent.whatHeKnows': of('father'),
  'partner.knowsOfReferral': of('partner'),
  'partner.victimServiceInvolved': of('partner'),
  'partner.victimServiceReferral': of('partner'),
  'partner.dashCompleted': criminal('partner'),
  'partner.dashOutcome': criminal('partner'),
  'partner.idva': of('partner', 'other professionals'),
  'partner.mashContacted': of('children'),
  'partner.mashOutcome': of('children', 'partner'),
  'partner.safeContactNotes': of('partner'),
  'notes.doNot': of('father'),
};

export interface ReferralBodyField {
  readonly path: string;
  readonly label: string;
  readonly restricted: boolean;
  readonly freeText: boolean;
}

/** Every field a referral's body can hold, read from the field declaration. */
export function referralBodyFields(): ReferralBodyField[] {
  const item = (path: string) => path.replace(/\.0\./, '.*.');
  return [
    ...referralFields,
    ...referralGroups.flatMap((g) => groupItemFields(g, 0).map((f) => ({ ...f }))),
  ].map((f) => ({
    path: item(f.path),
    label: f.spec.reviewLabel ?? f.spec.label,
    restricted: f.spec.restricted,
    freeText: f.spec.freeText,
  }));
}
