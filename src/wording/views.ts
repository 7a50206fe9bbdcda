import type { PrincipleSummary } from '../content/principles';
import type { SituationId, WordingLibrary, Situation, Phrasing } from '../content/wording/schema';
import type { CardAction } from '../kernel/cardAction';
import type { CardViewOf } from '../kernel/cardRenderer';
import { fillLocalDetails, type LocalContacts } from '../tenants/localContacts';
import { wordingVerbs, type WordingVerb } from './actions';
import { missingReasons, type FeedbackVote, type MissingReason } from './feedback';
import type { SearchOutcome, SituationMatch } from './search';

/**
 * View models for the wording cards: pure functions from the library (and a search outcome) to
 * the data each template in cards/ binds. Local details are filled here, per tenant, so templates
 * and content never hold a council's numbers. Nothing typed by the user is ever put on a card.
 */

/** A button (always Action.Execute, so the card updates in place) with one of our verbs. */
export interface WordingCardAction extends CardAction {
  readonly verb: WordingVerb;
}

export type Principles = ReadonlyMap<string, PrincipleSummary>;

/** cards/wording-situations.json */
export interface WordingSituationsCardData {
  readonly title: string;
  readonly intro: string;
  /** Empty unless something needs saying first (no match found, wording updated). */
  readonly notice: string;
  readonly situations: readonly {
    readonly title: string;
    readonly description: string;
    readonly action: WordingCardAction;
  }[];
  readonly safetyLine: string;
}

/** cards/wording-situation.json */
export interface WordingSituationCardData {
  readonly situationTitle: string;
  readonly situationDescription: string;
  /** Empty when browsing; “Matched because: …” for a search result. */
  readonly matchedBecause: string;
  /** "Phrasing 2 of 4". */
  readonly position: string;
  readonly when: string;
  readonly words: string;
  readonly showWhy: boolean;
  readonly why: string;
  readonly avoid: string;
  readonly principles: readonly { readonly summary: string; readonly source: string }[];
  /** Previous / next / show me why. */
  readonly navigation: readonly WordingCardAction[];
  /** Helpful / not helpful; empty once this card has a vote. */
  readonly feedback: readonly WordingCardAction[];
  /** Empty until a vote: then thanks. */
  readonly feedbackNote: string;
  /** After "not helpful": one optional question, what was missing (no choices otherwise). */
  readonly missingLabel: string;
  readonly missingChoices: readonly { readonly title: string; readonly value: string }[];
  readonly missingSend: readonly WordingCardAction[];
  /** Other close situations (search results) and the way back to all situations. */
  readonly more: readonly WordingCardAction[];
  readonly safetyLine: string;
}

/** cards/wording-preview.json — a compact, button-free card that is safe to post in any chat. */
export interface WordingPreviewCardData {
  readonly title: string;
  readonly when: string;
  readonly words: string;
  readonly matchedBecause: string;
  readonly footer: string;
}

/** A message-extension result: the card to insert, and the list-item preview Teams shows. */
export interface WordingPreview {
  readonly situationId: SituationId;
  readonly card: WordingPreviewCardData;
  /** For Teams' result list (a thumbnail card): short, no local details needed. */
  readonly thumbnail: { readonly title: string; readonly text: string };
}

/** Card template name → data model, for the bot's card catalogue (`CardModels extends WordingCardModels`). */
export interface WordingCardModels {
  'wording-situations': WordingSituationsCardData;
  'wording-situation': WordingSituationCardData;
  'wording-preview': WordingPreviewCardData;
}

/** The cards the library's own verbs show (the preview is only ever pasted into a chat). */
export type WordingView = CardViewOf<Omit<WordingCardModels, 'wording-preview'>>;

export const wordingSafetyLine = 'If anyone is in immediate danger, call 999.';

// Reasons travel in button data, which the bot parses with a length limit (actions.ts).
const maxReason = 300;

function clipReason(reason: string): string {
  return reason.length <= maxReason ? reason : `${reason.slice(0, maxReason - 1).trimEnd()}…`;
}

/** The answers to "what was missing?", in the words staff see. */
const missingTitles: Readonly<Record<MissingReason, string>> = {
  'not-my-situation': 'It did not fit my situation',
  'would-not-say-it': 'I would not say it that way',
  'too-long': 'Too long to use in a conversation',
  'no-next-step': 'It did not say what to do next',
  'something-else': 'Something else',
};

function feedbackNoteFor(request: SituationRequest): string {
  if (!request.voted) return '';
  if (request.voted === 'not-helpful' && !request.missingAnswered)
    return 'Thank you. If you can, tell us what was missing; your answer is stored without your name.';
  return 'Thank you. Your feedback helps the partnership improve this wording; it is stored without your name.';
}

const menuAction: WordingCardAction = {
  title: 'All situations',
  verb: wordingVerbs.menu,
  data: {},
};

/** The menu of situations, optionally with a notice above it. */
export function situationsMenuView(
  library: WordingLibrary,
  notice = '',
): WordingSituationsCardData {
  return {
    title: 'Wording for engaging fathers',
    intro:
      'Pick the situation closest to yours, or type what happened (for example “he says it was only a push”).',
    notice,
    situations: library.situations.map((s) => ({
      title: s.title,
      description: s.description,
      action: { title: s.title, verb: wordingVerbs.situation, data: { situationId: s.id } },
    })),
    safetyLine: wordingSafetyLine,
  };
}

export interface SituationRequest {
  readonly situationId: string;
  /** Absent or unknown: the situation's first phrasing. */
  readonly phrasingId?: string;
  readonly showWhy?: boolean;
  readonly matchedBecause?: string;
  /** Set right after a vote: the buttons give way to thanks. */
  readonly voted?: FeedbackVote;
  /** Set once "what was missing?" was answered (or left blank): it is not asked again. */
  readonly missingAnswered?: boolean;
  /** Other close matches from a search, shown as buttons. */
  readonly alternatives?: readonly SituationMatch[];
}

function phrasingAction(
  title: string,
  situation: Situation,
  phrasing: Phrasing,
  showWhy: boolean,
  matchedBecause: string,
): WordingCardAction {
  const data: Record<string, string | boolean> = {
    situationId: situation.id,
    phrasingId: phrasing.id,
    showWhy,
  };
  if (matchedBecause !== '') data.matchedBecause = matchedBecause;
  return { title, verb: wordingVerbs.phrasing, data };
}

/**
 * One situation at one phrasing. A situation id the library no longer has (an old card) gives the
 * menu with a notice instead, never an error; an unknown phrasing id falls back to the first.
 */
export function situationView(
  library: WordingLibrary,
  contacts: LocalContacts,
  principles: Principles,
  request: SituationRequest,
): WordingView {
  const situation = library.situations.find((s) => s.id === request.situationId);
  if (!situation) {
    return {
      card: 'wording-situations',
      data: situationsMenuView(
        library,
        'That wording has been updated since this card was sent. Please pick the situation again.',
      ),
    };
  }
  const index = Math.max(
    0,
    situation.phrasings.findIndex((p) => p.id === request.phrasingId),
  );
  const phrasing = situation.phrasings[index] ?? situation.phrasings[0];
  if (!phrasing) throw new Error(`Situation ${situation.id} has no phrasings`); // the schema forbids this
  const showWhy = request.showWhy ?? false;
  const matchedBecause = clipReason(request.matchedBecause ?? '');
  const fill = (text: string) => fillLocalDetails(text, contacts);

  const navigation: WordingCardAction[] = [];
  const previous = situation.phrasings[index - 1];
  const next = situation.phrasings[index + 1];
  if (previous)
    navigation.push(phrasingAction('Previous', situation, previous, showWhy, matchedBecause));
  if (next) navigation.push(phrasingAction('Next', situation, next, showWhy, matchedBecause));
  const whyData: Record<string, string | boolean> = {
    situationId: situation.id,
    phrasingId: phrasing.id,
    showWhy: !showWhy,
  };
  if (matchedBecause !== '') whyData.matchedBecause = matchedBecause;
  navigation.push({
    title: showWhy ? 'Hide why' : 'Show me why',
    verb: wordingVerbs.why,
    data: whyData,
  });

  const here: Record<string, string | boolean> = {
    situationId: situation.id,
    phrasingId: phrasing.id,
    showWhy,
  };
  if (matchedBecause !== '') here.matchedBecause = matchedBecause;
  const vote = (title: string, value: FeedbackVote): WordingCardAction => ({
    title,
    verb: wordingVerbs.feedback,
    data: { ...here, vote: value },
  });

  const more: WordingCardAction[] = (request.alternatives ?? [])
    .filter((m) => m.situationId !== situation.id)
    .map((m): WordingCardAction => {
      const data: Record<string, string> = { situationId: m.situationId };
      if (m.explanation.summary !== '') data.matchedBecause = clipReason(m.explanation.summary);
      return { title: `Or: ${m.title}`, verb: wordingVerbs.situation, data };
    });
  more.push(menuAction);

  return {
    card: 'wording-situation',
    data: {
      situationTitle: situation.title,
      situationDescription: fill(situation.description),
      matchedBecause,
      position: `Phrasing ${index + 1} of ${situation.phrasings.length}`,
      when: fill(phrasing.when),
      words: fill(phrasing.words),
      showWhy,
      why: fill(phrasing.why),
      avoid: fill(phrasing.avoid),
      principles: phrasing.principles.map(
        (id) => principles.get(id) ?? { summary: id, source: '' },
      ),
      navigation,
      feedback: request.voted
        ? []
        : [vote('Helpful', 'helpful'), vote('Not helpful', 'not-helpful')],
      feedbackNote: feedbackNoteFor(request),
      ...missingQuestion(request.voted === 'not-helpful' && !request.missingAnswered, here),
      more,
      safetyLine: wordingSafetyLine,
    },
  };
}

/** The optional "what was missing?" question, or nothing; Send carries the card's ids. */
function missingQuestion(ask: boolean, ids: Readonly<Record<string, string | boolean>>) {
  if (!ask) return { missingLabel: '', missingChoices: [], missingSend: [] };
  return {
    missingLabel: 'What was missing? (optional)',
    missingChoices: missingReasons.map((value) => ({ title: missingTitles[value], value })),
    missingSend: [{ title: 'Send', verb: wordingVerbs.missing, data: ids }],
  };
}

/** What to show for a free-text search: the best situation at its best phrasing, or the menu. */
export function searchResultView(
  library: WordingLibrary,
  contacts: LocalContacts,
  principles: Principles,
  outcome: SearchOutcome,
): WordingView {
  if (outcome.kind === 'no-match') {
    return {
      card: 'wording-situations',
      data: situationsMenuView(
        library,
        'I could not find wording that clearly fits what you typed. Here are all the situations; pick the closest.',
      ),
    };
  }
  const [best, ...alternatives] = outcome.results;
  if (!best) return { card: 'wording-situations', data: situationsMenuView(library) };
  return situationView(library, contacts, principles, {
    situationId: best.situationId,
    phrasingId: best.bestPhrasingId,
    matchedBecause: best.explanation.summary,
    alternatives,
  });
}

const previewFooter =
  'From DARE Coach wording for engaging fathers. If anyone is in immediate danger, call 999.';

function preview(
  situation: Situation,
  phrasing: Phrasing,
  contacts: LocalContacts,
  matchedBecause: string,
): WordingPreview {
  const words = fillLocalDetails(phrasing.words, contacts);
  return {
    situationId: situation.id,
    card: {
      title: situation.title,
      when: fillLocalDetails(phrasing.when, contacts),
      words,
      matchedBecause,
      footer: previewFooter,
    },
    thumbnail: { title: situation.title, text: situation.description },
  };
}

/**
 * Message-extension results: one preview per matching situation; with no query, or no good match,
 * every situation (a search box should never come back empty).
 */
export function messageExtensionResults(
  library: WordingLibrary,
  contacts: LocalContacts,
  outcome: SearchOutcome | undefined,
): WordingPreview[] {
  if (outcome === undefined || outcome.kind === 'no-match') {
    return library.situations.flatMap((s) =>
      s.phrasings[0] ? [preview(s, s.phrasings[0], contacts, '')] : [],
    );
  }
  return outcome.results.flatMap((m) => {
    const situation = library.situations.find((s) => s.id === m.situationId);
    const phrasing =
      situation?.phrasings.find((p) => p.id === m.bestPhrasingId) ?? situation?.phrasings[0];
    return situation && phrasing
      ? [preview(situation, phrasing, contacts, clipReason(m.explanation.summary))]
      : [];
  });
}
