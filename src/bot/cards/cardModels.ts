/**
 * One typed data model per card template in `cards/`. The key is the template's file name
 * without `.json`; `renderCard` only accepts the model that matches the name.
 */

/** A button on a card: always `Action.Execute`, so the card can be updated in place. */
export interface CardAction {
  readonly title: string;
  readonly verb: string;
  readonly data: Readonly<Record<string, string | number | boolean>>;
}

export interface WelcomeCardData {
  readonly title: string;
  readonly intro: string;
  readonly safetyLine: string;
  /** Empty when there is nothing to resume. */
  readonly resumeText: string;
  readonly actions: readonly CardAction[];
}

/** A short message card: coming soon, out of date, something went wrong, refused. */
export interface NoticeCardData {
  readonly title: string;
  readonly text: string;
  /** Empty when the notice needs no safety reminder. */
  readonly safetyLine: string;
  readonly actions: readonly CardAction[];
}

export interface CardModels {
  welcome: WelcomeCardData;
  notice: NoticeCardData;
}

export type CardName = keyof CardModels;
