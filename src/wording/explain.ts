import type { AnalysedTerm, MatchRoute } from './text/analyser';
import { situationFields, type SituationField } from './ranking';

/** One reason a situation matched, in the library's words only (never the typed text). */
export interface MatchedTerm {
  /** The library's wording for the term: a keyword, a phrase or a synonym group's name. */
  readonly label: string;
  readonly route: MatchRoute;
  /** For synonyms, the library variant that was recognised; for spelling, the word read. */
  readonly readAs?: string;
  readonly fields: readonly SituationField[];
}

export interface MatchExplanation {
  readonly matched: readonly MatchedTerm[];
  /** One line for the card: “matched because: …”. */
  readonly summary: string;
}

function describe(term: MatchedTerm): string {
  const quoted = `“${term.label}”`;
  if (term.route === 'synonym' && term.readAs !== undefined && term.readAs !== term.label) {
    return `${quoted} (as “${term.readAs}”)`;
  }
  if (term.route === 'spelling' && term.readAs !== undefined)
    return `${quoted} (read as “${term.readAs}”)`;
  return quoted;
}

/**
 * Explains a match from the analysed query terms and the ranker's term → fields report. Terms found
 * only in supporting fields (a phrasing's full text) are listed only when nothing better matched:
 * they are hints, and a card should lead with the keywords and phrases that decided.
 */
export function explain(
  terms: readonly AnalysedTerm[],
  match: Readonly<Record<string, readonly string[]>>,
  labels: ReadonlyMap<string, string>,
  supporting: ReadonlySet<SituationField> = new Set(),
): MatchExplanation {
  const all: MatchedTerm[] = [];
  for (const t of terms) {
    const fields = match[t.term];
    if (fields === undefined) continue;
    const base = {
      label: labels.get(t.term) ?? t.term,
      route: t.route,
      fields: situationFields.filter((f) => fields.includes(f)),
    };
    all.push(t.readAs === undefined ? base : { ...base, readAs: t.readAs });
  }
  const decides = (m: MatchedTerm): boolean => m.fields.some((f) => !supporting.has(f));
  const matched = all.some(decides) ? all.filter(decides) : all;
  // Phrases first: they are the most specific evidence and read best on a card.
  matched.sort((a, b) => Number(b.route === 'phrase') - Number(a.route === 'phrase'));
  const summary =
    matched.length === 0 ? '' : `Matched because: ${matched.map(describe).join(', ')}.`;
  return { matched, summary };
}
