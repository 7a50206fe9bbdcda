import { compileSafetyNet } from '../../safety/safetyNet';
import { safetyFileSchema } from '../../safety/schema';
import { checkPlaceholders, IssueCollector, parseContentFile, type SourceFile } from '../loadPack';
import { bundledPrinciplesSource, parsePrinciples } from '../principles';
import { checkModeFile, checkPackFile } from './crossCheck';
import debriefJson from './debrief.json';
import type { CoachingPack, ModePack } from './coachingPack';
import packJson from './pack.json';
import prepareJson from './prepare.json';
import safetyJson from './safety-triggers.json';
import { modeFileSchema, packFileSchema, stageIds, type ModeFile } from './schema';

/** The files that make up the coaching pack. */
export interface CoachingPackSources {
  readonly principles: SourceFile;
  readonly pack: SourceFile;
  readonly prepare: SourceFile;
  readonly debrief: SourceFile;
  readonly safety: SourceFile;
}

/** The pack as shipped: JSON imported so it travels with the build (dist/) as well as tsx. */
export function bundledCoachingSources(): CoachingPackSources {
  const dir = 'src/content/coaching';
  return {
    principles: bundledPrinciplesSource(),
    pack: { file: `${dir}/pack.json`, data: packJson },
    prepare: { file: `${dir}/prepare.json`, data: prepareJson },
    debrief: { file: `${dir}/debrief.json`, data: debriefJson },
    safety: { file: `${dir}/safety-triggers.json`, data: safetyJson },
  };
}

/** Loads and validates the shipped pack; call once at start. Throws ContentPackError. */
export function loadCoachingPack(): CoachingPack {
  return buildCoachingPack(bundledCoachingSources());
}

/**
 * Validates every file (schema, then cross-references, placeholders and phrase syntax) and
 * returns the compiled pack. Every problem found is reported at once, each with its file and
 * JSON path, in a ContentPackError.
 */
export function buildCoachingPack(sources: CoachingPackSources): CoachingPack {
  const issues = new IssueCollector();
  const principles = parsePrinciples(sources.principles, issues);
  const shared = parseContentFile(packFileSchema, sources.pack, issues);
  const prepare = parseContentFile(modeFileSchema, sources.prepare, issues);
  const debrief = parseContentFile(modeFileSchema, sources.debrief, issues);
  const safetyFile = parseContentFile(safetyFileSchema, sources.safety, issues);
  for (const source of [sources.pack, sources.prepare, sources.debrief, sources.safety]) {
    checkPlaceholders(source, issues);
  }
  if (!principles || !shared || !prepare || !debrief || !safetyFile) {
    issues.throwIfAny();
    throw new Error('unreachable: a file failed to parse without an issue');
  }

  const principleIds = new Set(principles.principles.map((p) => p.id));
  const safety = compileSafetyNet(safetyFile, (path, problem) =>
    issues.add(sources.safety.file, path, problem),
  );
  const seen = new Set<string>();
  safetyFile.categories.forEach((category, i) => {
    if (seen.has(category.id))
      issues.add(
        sources.safety.file,
        ['categories', i, 'id'],
        `duplicate category "${category.id}"`,
      );
    seen.add(category.id);
    category.principles.forEach((p, j) => {
      if (!principleIds.has(p))
        issues.add(
          sources.safety.file,
          ['categories', i, 'principles', j],
          `unknown principle "${p}"`,
        );
    });
  });

  checkPackFile(sources.pack.file, shared, issues);
  const refs = {
    principleIds,
    wordingIds: new Set<string>(shared.wordingSituations.map((w) => w.id)),
    triggerIds: new Set(safety.categoryIds),
  };
  checkModeFile(sources.prepare.file, 'prepare', prepare, refs, issues);
  checkModeFile(sources.debrief.file, 'debrief', debrief, refs, issues);
  issues.throwIfAny();

  return {
    version: shared.version,
    review: shared.review,
    shared,
    modes: { prepare: indexSteps(prepare), debrief: indexSteps(debrief) },
    safety,
    safetyAlert: safetyFile.alert,
    stageCount: stageIds.length,
  };
}

function indexSteps(content: ModeFile): ModePack {
  return { ...content, stepsById: new Map(content.steps.map((s) => [s.id, s])) };
}
