import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ContentPackError, contentPackInvalid } from '../../../src/content/loadPack';
import {
  loadWordingLibrary,
  parseWordingLibrary,
  readWordingLibraryFile,
} from '../../../src/content/wording/loadLibrary';
import { situationIds } from '../../../src/content/wording/schema';
import { isAppError } from '../../../src/kernel/errors';
import { aSource, draftFile, shippedLibraryJson } from './support/builders';

/** Asserts the data is refused, naming the draft file and the JSON path. */
function assertRefused(data: unknown, path: string, problem: RegExp): void {
  assert.throws(
    () => parseWordingLibrary(aSource(data)),
    (err: unknown) => {
      assert.ok(err instanceof ContentPackError);
      assert.ok(isAppError(err, contentPackInvalid) && err.catastrophic);
      const issue = err.issues.find((i) => i.path === path);
      assert.ok(issue, `expected an issue at ${path}, got ${err.message}`);
      assert.equal(issue.file, draftFile);
      assert.match(issue.problem, problem);
      assert.ok(err.message.includes(`${draftFile} at ${path}`));
      return true;
    },
  );
}

describe('wording library pack', () => {
  const library = loadWordingLibrary();
  const phrasings = library.situations.flatMap((s) =>
    s.phrasings.map((p) => ({ situation: s.id, ...p })),
  );

  describe('the shipped library', () => {
    it('covers every situation the walk-through links to, once each, in order', () => {
      assert.deepEqual(
        library.situations.map((s) => s.id),
        [...situationIds],
      );
    });

    it('gives every situation a title, a description, keywords and at least three phrasings', () => {
      for (const s of library.situations) {
        assert.ok(s.title && s.description && s.keywords.length > 0, s.id);
        assert.ok(s.phrasings.length >= 3, `${s.id} has ${s.phrasings.length} phrasings`);
      }
    });

    it('never suggests couples counselling, mediation or joint work, except as something to avoid', () => {
      for (const p of phrasings) {
        for (const text of [p.when, p.words, p.why]) {
          assert.doesNotMatch(text, /couples? counsel|mediat|joint (session|meeting)/i, p.id);
        }
      }
    });

    it('never suggests using the DASH checklist with him', () => {
      for (const p of phrasings)
        assert.doesNotMatch(`${p.words} ${p.why} ${p.when}`, /\bDASH\b/, p.id);
    });

    it('has no phone numbers but 999 and the three national lines: local routes come from tenant settings', () => {
      const allowed = new Set(['999', '0808 802 4040', '0808 801 0327', '0808 2000 247']);
      const text = JSON.stringify(library.situations);
      for (const match of text.matchAll(/\d[\d ]{2,}\d/g))
        assert.ok(allowed.has(match[0]), `found ${match[0]}`);
    });

    it("offers the Men's Advice Line when he says he is the victim, and the Respect Phoneline when he is open to help", () => {
      const words = (id: string) => JSON.stringify(library.situations.find((s) => s.id === id));
      assert.match(words('says-victim'), /Men's Advice Line[^"]*0808 801 0327/);
      assert.match(words('open-to-help'), /Respect Phoneline .*0808 802 4040/);
    });

    it('protects the worker in every phrasing for an angry or hostile father', () => {
      for (const p of library.situations.find((s) => s.id === 'angry')?.phrasings ?? []) {
        assert.ok(p.principles.includes('worker-safety'), p.id);
      }
    });

    it('names local services only through placeholders, which all resolve', () => {
      assert.ok(phrasings.some((p) => /\{\{victimService\.name\}\}/.test(p.words + p.avoid)));
    });
  });

  describe('refusing broken data, naming the file and the JSON path', () => {
    it('an unknown principle id', () => {
      const data = shippedLibraryJson();
      data.situations[2]!.phrasings[1]!.principles = ['safe-and-together', 'be-nice'];
      assertRefused(
        data,
        '$.situations[2].phrasings[1].principles[1]',
        /unknown principle id "be-nice"/,
      );
    });

    it('an unknown placeholder, and a half-typed one', () => {
      const data = shippedLibraryJson();
      data.situations[0]!.phrasings[0]!.words = 'Call {{victimService.fax}}.';
      data.situations[0]!.phrasings[1]!.avoid = 'Call {victimService.name}}.';
      assertRefused(
        data,
        '$.situations[0].phrasings[0].words',
        /unknown placeholder \{\{victimService\.fax\}\}/,
      );
      assertRefused(data, '$.situations[0].phrasings[1].avoid', /brace/);
    });

    it('a situation with fewer than three phrasings', () => {
      const data = shippedLibraryJson();
      data.situations[4]!.phrasings = data.situations[4]!.phrasings.slice(0, 2);
      assertRefused(data, '$.situations[4].phrasings', /at least three/);
    });

    it('a missing situation and a duplicated one', () => {
      const data = shippedLibraryJson();
      data.situations[9] = {
        ...data.situations[8]!,
        phrasings: data.situations[8]!.phrasings.map((p) => ({ ...p, id: `${p.id}-copy` })),
      };
      assertRefused(data, '$.situations', /"substance-mental-health" is missing/);
      assertRefused(data, '$.situations[9].id', /appears twice/);
    });

    it('a situation id the walk-through does not know', () => {
      const data = shippedLibraryJson();
      data.situations[3]!.id = 'blaming';
      assertRefused(data, '$.situations[3].id', /./);
    });

    it('a phrasing id used twice (feedback is counted by it)', () => {
      const data = shippedLibraryJson();
      data.situations[5]!.phrasings[2]!.id = data.situations[1]!.phrasings[0]!.id;
      assertRefused(data, '$.situations[5].phrasings[2].id', /used more than once/);
    });

    it('an empty field and a misspelt field name', () => {
      const data = shippedLibraryJson();
      data.situations[6]!.phrasings[0]!.why = '   ';
      (data.situations[6]!.phrasings[1] as Record<string, unknown>).avoids = 'typo';
      assertRefused(data, '$.situations[6].phrasings[0].why', /empty/);
      assertRefused(data, '$.situations[6].phrasings[1].avoids', /unknown field/);
    });

    it('a synonym that belongs to two groups', () => {
      const data = shippedLibraryJson();
      data.synonyms[1]!.variants.push(data.synonyms[0]!.variants[0]!);
      assertRefused(
        data,
        `$.synonyms[1].variants[${data.synonyms[1]!.variants.length - 1}]`,
        /already belongs to synonyms\[0\]/,
      );
    });

    it('a version that is not a calendar version', () => {
      const data = shippedLibraryJson();
      data.version = 'latest';
      assertRefused(data, '$.version', /2026\.11\.0/);
    });

    it('a file that is not JSON', () => {
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'wording-')), 'library.json');
      writeFileSync(file, '{ "version": ');
      assert.throws(
        () => readWordingLibraryFile(file),
        (err: unknown) => err instanceof ContentPackError && err.message.includes(file),
      );
    });
  });
});
