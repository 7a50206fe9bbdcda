import path from 'node:path';
import { CardCatalog } from '../bot/cards/cardCatalog';
import {
  createWalkthrough,
  DocumentStoreSessionRepository,
  situationGuide,
  type CoachingSession,
} from '../coaching';
import { loadCoachingPack } from '../content/coaching/loadCoachingPack';
import { loadPrincipleSummaries, loadWordingLibrary } from '../content/wording/loadLibrary';
import {
  StoredConversationDirectory,
  WriteOnChangeConversationDirectory,
  type RememberedConversation,
} from '../conversations/conversationDirectory';
import { projectRoot } from '../kernel/projectRoot';
import { RecentItems } from '../kernel/recentItems';
import { referralFormStores } from '../referrals/form';
import { CachedTenantDirectory } from '../tenants/cachedTenantDirectory';
import { RecordRetention } from '../tenants/retention';
import { StoredTenantDirectory, type TenantSettings } from '../tenants/tenantSettings';
import { createWordingFeedbackRepository, type StoredFeedback } from '../wording/feedback';
import { createWordingSearch } from '../wording/search';
import { loadWordingReranker } from '../wording/learned/loadModel';
import type { ApplicationParts } from './parts';
import { loadTips } from '../content/nudges/loadTips';
import { loadQuizzes } from '../content/nudges/loadQuizzes';
import { TenantSettingsManagerDirectory } from '../managers/managerDirectory';
import { nudgeStores } from '../nudges/stores';
import { scheduleStore } from '../nudges/schedules/model';
import { StoredInstalledTeams, type InstalledTeam } from '../teams/installedTeams';

/**
 * How many walk-through sessions and referral drafts an instance keeps from its own last read or
 * write, so the next press by the same person on this instance needs no read (see RecentItems).
 * A copy unused for 5 minutes is dropped: a person's next press usually comes sooner, and family
 * details in a draft should not sit in memory longer than that.
 */
const recentCopies = { maxItems: 500, maxIdleMs: 5 * 60 * 1000 };

/**
 * Every feature's dependencies, built once at start: content packs loaded and validated (a bad
 * pack stops the process here), repositories over their containers, card templates checked.
 */
export function composeFeatures(parts: ApplicationParts) {
  const { storage, clock } = parts;
  const cards = CardCatalog.load(parts.cardsDirectory ?? path.join(projectRoot(), 'cards'));
  const tenants = new CachedTenantDirectory(
    new StoredTenantDirectory(storage.collection<TenantSettings>('tenants')),
    clock,
  );
  // Every record with personal data is written with the council's retention as its TTL.
  const retention = new RecordRetention(tenants);
  // A turn writes the conversation reference only when it changed (one state write per turn).
  const conversations = new WriteOnChangeConversationDirectory(
    new StoredConversationDirectory(
      storage.collection<RememberedConversation>('conversations'),
      clock,
      retention.ttlFor('conversations'),
    ),
    clock,
  );

  const library = loadWordingLibrary();
  const coaching = {
    walkthrough: createWalkthrough(loadCoachingPack(), situationGuide(library)),
    sessions: new DocumentStoreSessionRepository(
      storage.collection<CoachingSession>('sessions'),
      retention.ttlFor('sessions'),
      new RecentItems(recentCopies),
    ),
    clock,
    tenants,
  };

  const wording = {
    library,
    principles: loadPrincipleSummaries(),
    search: createWordingSearch(library, undefined, loadWordingReranker(library)),
    feedback: createWordingFeedbackRepository(storage.collection<StoredFeedback>('feedback')),
    tenants,
  };

  const referrals = referralFormStores(storage, clock, retention, {
    recentDrafts: new RecentItems(recentCopies),
  });

  const nudges = {
    stores: nudgeStores(storage),
    schedules: scheduleStore(storage),
    managers: new TenantSettingsManagerDirectory(tenants),
    teams: new StoredInstalledTeams(storage.collection<InstalledTeam>('nudges'), clock),
    tips: loadTips(),
    quizzes: loadQuizzes(),
    ttlFor: retention.ttlFor('nudgeDeliveries'),
  };

  return {
    cards,
    conversations,
    tenants,
    retention,
    coaching,
    wording,
    referrals,
    nudges,
  };
}

export type Features = ReturnType<typeof composeFeatures>;
