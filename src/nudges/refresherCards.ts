import type { RefresherTip, TipPack } from '../content/nudges/loadTips';
import type { CardJson, CardRenderer } from '../kernel/cardRenderer';
import { fillLocalDetails, type LocalContacts } from '../tenants/localContacts';
import type { NudgeRecord } from './model';
import { tipView, type NudgeCardModels } from './views';

/**
 * The card a nudge's recipients get: its tip with the council's local details filled in, or the
 * confidence check-in carrying the team the nudge went to (`teamId`), so answers can be grouped.
 */
export function refresherCards(deps: {
  readonly renderer: CardRenderer<NudgeCardModels>;
  readonly tips: TipPack;
  /** The outcomes' check-in card, rendered (answered once per person), carrying the nudge's team. */
  readonly checkIn: (teamId: string | undefined) => CardJson;
  readonly contactsFor: (tenantId: string) => Promise<LocalContacts>;
}): (nudge: NudgeRecord) => Promise<CardJson> {
  return async (nudge) => {
    if (nudge.content.kind === 'checkIn') {
      const teamId = nudge.audience.kind === 'team' ? nudge.audience.teamId : undefined;
      return deps.checkIn(teamId);
    }
    const tip: RefresherTip | undefined = deps.tips.byId.get(nudge.content.tipId);
    if (!tip) throw new Error('A nudge names a tip that is no longer in the pack.');
    const contacts = await deps.contactsFor(nudge.tenantId);
    return deps.renderer.renderView(tipView(tip, fillLocalDetails(tip.text, contacts)));
  };
}
