import { z } from 'zod';
import { contentVersion as version } from './loadPack';

/**
 * The record of a safeguarding lead's sign-off of the content, kept in the coaching pack
 * (`pack.json` `review`) and filled in by the partnership. A review covers the exact versions the
 * lead read (the coaching pack and the wording library, as `npm run content:report` prints them):
 * once either changes, the content counts as not yet reviewed until the record is updated.
 */

const text = z.string().trim().min(1, 'must not be empty');

export const reviewSchema = z
  .strictObject({
    /** Who signed the content off. */
    reviewer: text,
    /** Their role, e.g. "Safeguarding lead, Anytown Council". */
    role: text,
    /** When, as YYYY-MM-DD. */
    date: z.iso.date('must be a date like 2026-12-01'),
    /** The versions they reviewed. */
    packVersion: version,
    wordingVersion: version,
  })
  .nullable();

export type ContentReview = z.infer<typeof reviewSchema>;

export interface ContentVersions {
  readonly pack: string;
  readonly wording: string;
}

export const notYetReviewed = 'not yet reviewed by a safeguarding lead';

/** Whether the review record covers exactly these versions. */
export function isReviewed(review: ContentReview, versions: ContentVersions): boolean {
  return (
    review !== null &&
    review.packVersion === versions.pack &&
    review.wordingVersion === versions.wording
  );
}

/** One line saying which content this is and whether a safeguarding lead has signed it off. */
export function aboutContent(review: ContentReview, versions: ContentVersions): string {
  const which = `Coaching pack ${versions.pack} and wording library ${versions.wording}`;
  if (review !== null && isReviewed(review, versions)) {
    return `${which}, reviewed by ${review.reviewer} (${review.role}) on ${review.date}.`;
  }
  const last =
    review === null
      ? ''
      : ` The last review, by ${review.reviewer} (${review.role}) on ${review.date}, covered coaching pack ${review.packVersion} and wording library ${review.wordingVersion}.`;
  return `${which}: ${notYetReviewed}.${last}`;
}
