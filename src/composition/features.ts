import path from 'node:path';
import { CardCatalog } from '../bot/cards/cardCatalog';
import {
  createWalkthrough,
  DocumentStoreSessionRepository,
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
import { ConfidenceLog, type ConfidenceResponse } from '../outcomes/confidenceCheckIn';
import { referralFormStores } from '../referrals/form';
import { CachedTenantDirectory } from '../tenants/cachedTenantDirectory';
import { RecordRetention } from '../tenants/retention';
import { StoredTenantDirectory, type TenantSettings } from '../tenants/tenantSettings';
import { createWordingFeedbackRepository, type StoredFeedback } from '../wording/feedback';
import { createWordingSearch } from '../wording/search';
import type { ApplicationParts } from './parts';

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

  const coaching = {
    walkthrough: createWalkthrough(loadCoachingPack()),
    sessions: new DocumentStoreSessionRepository(
      storage.collection<CoachingSession>('sessions'),
      retention.ttlFor('sessions'),
    ),
    clock,
    tenants,
  };

  const library = loadWordingLibrary();
  const wording = {
    library,
    principles: loadPrincipleSummaries(),
    search: createWordingSearch(library),
    feedback: createWordingFeedbackRepository(storage.collection<StoredFeedback>('feedback')),
    tenants,
  };

  const confidence = new ConfidenceLog(
    storage.collection<ConfidenceResponse>('outcomes'),
    clock,
    retention.ttlFor('confidenceAnswers'),
  );
  const referrals = referralFormStores(storage, clock, retention);

  return { cards, conversations, tenants, retention, coaching, wording, confidence, referrals };
}

export type Features = ReturnType<typeof composeFeatures>;
