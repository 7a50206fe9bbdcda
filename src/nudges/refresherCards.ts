import type { RefresherTip, TipPack } from '../content/nudges/loadTips';
import type { CardJson, CardRenderer } from '../kernel/cardRenderer';
import { fillLocalDetails, type LocalContacts } from '../tenants/localContacts';
import type { NudgeRecord } from './model';
import { checkInView, tipView, type NudgeCardModels } from './views';

/** The confidence questions' words, as the coaching pack holds them. */
export interface ConfidenceWords {
  readonly intro: string;
  readonly submit: string;
  readonly questions: readonly { readonly id: string; readonly text: string }[];
  readonly scale: readonly { readonly value: number; readonly title: string }[];
}

/**
 * The card a nudge's recipients get: its tip with the council's local details filled in, or the
 * confidence check-in carrying the team the nudge went to (`teamId`), so answers can be grouped.
 */
export function refresherCards(deps: {
  readonly renderer: CardRenderer<NudgeCardModels>;
  readonly tips: TipPack;
  readonly confidence: ConfidenceWords;
  readonly contactsFor: (tenantId: string) => Promise<LocalContacts>;
}): (nudge: NudgeRecord) => Promise<CardJson> {
  return async (nudge) => {
    if (nudge.content.kind === 'checkIn') {
      const teamId = nudge.audience.kind === 'team' ? nudge.audience.teamId : undefined;
      return deps.renderer.renderView(checkInView(deps.confidence, teamId));
    }
    const tip: RefresherTip | undefined = deps.tips.byId.get(nudge.content.tipId);
    if (!tip) throw new Error('A nudge names a tip that is no longer in the pack.');
    const contacts = await deps.contactsFor(nudge.tenantId);
    return deps.renderer.renderView(tipView(tip, fillLocalDetails(tip.text, contacts)));
  };
}
