/**
 * One typed data model per card template in `cards/`. The key is the template's file name
 * without `.json`; `renderCard` only accepts the model that matches the name.
 */

import type { CoachingCardModels } from '../../coaching/views';
import type { CardAction } from '../../kernel/cardAction';
import type { CardViewOf } from '../../kernel/cardRenderer';
import type { OutcomeCardModels } from '../../outcomes/views';
import type { ReferralCardModels } from '../../referrals/form/views';
import type { SafetyCardModels } from '../../safety/views';
import type { WordingCardModels } from '../../wording/views';
import type { NudgeCardModels } from '../../nudges/views';
import type { ScheduleCardModels } from '../../nudges/schedules/views';

export type { CardAction };

/** A link button (Action.OpenUrl), e.g. the deep link to the bot's personal chat. */
export interface CardLink {
  readonly title: string;
  readonly url: string;
}

export interface WelcomeCardData {
  readonly title: string;
  readonly intro: string;
  readonly safetyLine: string;
  /** Empty when there is nothing to resume. */
  readonly resumeText: string;
  readonly actions: readonly CardAction[];
  /** Empty in a personal chat; in a shared one, the way to the personal chat. */
  readonly links: readonly CardLink[];
}

/** A short message card: coming soon, out of date, something went wrong, refused. */
export interface NoticeCardData {
  readonly title: string;
  readonly text: string;
  /** Empty when the notice needs no safety reminder. */
  readonly safetyLine: string;
  readonly actions: readonly CardAction[];
  readonly links: readonly CardLink[];
}

export interface CardModels
  extends
    CoachingCardModels,
    SafetyCardModels,
    WordingCardModels,
    ReferralCardModels,
    OutcomeCardModels,
    NudgeCardModels,
    ScheduleCardModels {
  welcome: WelcomeCardData;
  notice: NoticeCardData;
}

export type CardName = keyof CardModels;

/** A card name with its matching data: what use cases return for the bot to render. */
export type CardView = CardViewOf<CardModels>;
