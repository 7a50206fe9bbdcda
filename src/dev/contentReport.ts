/**
 * npm run -s content:report > content.md — prints the whole content (principles, both
 * walk-throughs, the wording library, the safety card, the refresher quizzes) as one Markdown document for a
 * safeguarding lead to review, with the review status at the top. Validates the packs first, as
 * the bot does at start.
 */
import { bundledCoachingSources, loadCoachingPack } from '../content/coaching/loadCoachingPack';
import { loadPrinciples, principleSummaries } from '../content/principles';
import { contentReport } from '../content/report';
import { loadQuizzes } from '../content/nudges/loadQuizzes';
import { loadWordingLibrary } from '../content/wording/loadLibrary';
import { safetyFileSchema } from '../safety/schema';

const pack = loadCoachingPack();
const principles = loadPrinciples();
process.stdout.write(
  contentReport({
    pack,
    library: loadWordingLibrary(),
    principles,
    summaries: principleSummaries(principles),
    // Already validated by loadCoachingPack; parsed again for its plain shape (labels, reasons).
    safety: safetyFileSchema.parse(bundledCoachingSources().safety.data),
    quizzes: loadQuizzes(),
  }),
);
