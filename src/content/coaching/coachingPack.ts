import type { SafetyNet } from '../../safety/safetyNet';
import type { SafetyFile } from '../../safety/schema';
import type { ContentReview } from '../review';
import type { CoachingMode, ModeFile, PackFile, StepContent } from './schema';

/** One mode's content, with its steps indexed. */
export interface ModePack extends ModeFile {
  readonly stepsById: ReadonlyMap<string, StepContent>;
}

/** The validated coaching content pack: everything the walk-through and safety net say. */
export interface CoachingPack {
  readonly version: string;
  /** A safeguarding lead's sign-off, or null; see src/content/review.ts. */
  readonly review: ContentReview;
  readonly shared: PackFile;
  readonly modes: Readonly<Record<CoachingMode, ModePack>>;
  readonly safety: SafetyNet;
  readonly safetyAlert: SafetyFile['alert'];
  readonly stageCount: number;
}
