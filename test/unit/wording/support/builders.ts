import { situationIds, type SituationId } from '../../../../src/content/wording/schema';
import type { SourceFile } from '../../../../src/content/loadPack';
import { loadWordingLibrary } from '../../../../src/content/wording/loadLibrary';

/** The shipped library as plain, mutable JSON, for tests that break one field at a time. */
export function shippedLibraryJson(): Record<string, unknown> & {
  synonyms: { term: string; variants: string[] }[];
  situations: {
    id: string;
    title: string;
    description: string;
    keywords: string[];
    phrasings: {
      id: string;
      when: string;
      words: string;
      why: string;
      avoid: string;
      principles: string[];
    }[];
  }[];
} {
  return JSON.parse(JSON.stringify(loadWordingLibrary())) as ReturnType<typeof shippedLibraryJson>;
}

export const draftFile = 'test/draft-library.json';

export function aSource(data: unknown): SourceFile {
  return { file: draftFile, data };
}

/**
 * A small, valid library in which only the keywords matter: every situation gets three neutral
 * phrasings, so tests can say which words belong where and nothing else.
 */
export function aLibraryWithKeywords(
  keywords: Partial<Record<SituationId, string[]>>,
  synonyms: { term: string; variants: string[] }[] = [],
): unknown {
  return {
    version: '2026.1.0',
    synonyms,
    situations: situationIds.map((id) => ({
      id,
      title: `Situation ${id.replace(/-/g, ' ')}`,
      description: 'A situation used in tests.',
      keywords: keywords[id] ?? ['placeholderword'],
      phrasings: [1, 2, 3].map((n) => ({
        id: `${id}-${n}`,
        when: 'In a test.',
        words: `Words number ${n}.`,
        why: 'Because a test needs it.',
        avoid: 'Nothing in particular.',
        principles: ['safety-first'],
      })),
    })),
  };
}
