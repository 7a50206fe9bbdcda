import assert from 'node:assert/strict';
import {
  buildCoachingPack,
  bundledCoachingSources,
  loadCoachingPack,
  type CoachingPackSources,
} from '../../../src/content/coaching/loadCoachingPack';
import {
  ContentPackError,
  contentPackInvalid,
  formatJsonPath,
} from '../../../src/content/loadPack';
import { isAppError } from '../../../src/kernel/errors';
import { deleteIn, getIn, pushIn, setIn } from './jsonEdit';

type FileName = keyof CoachingPackSources;

/** The shipped sources with one file changed by `edit` (on a deep copy). */
function withEdit(file: FileName, edit: (data: unknown) => void): CoachingPackSources {
  const sources = bundledCoachingSources();
  const data: unknown = structuredClone(sources[file].data);
  edit(data);
  return { ...sources, [file]: { file: sources[file].file, data } };
}

function loadError(sources: CoachingPackSources): ContentPackError {
  try {
    buildCoachingPack(sources);
  } catch (err) {
    if (err instanceof ContentPackError) return err;
    throw err;
  }
  assert.fail('expected the pack to be refused');
}

const prepareFile = 'src/content/coaching/prepare.json';
const shipped = bundledCoachingSources();
/** Length of a list in a shipped file: where an appended item will land. */
const lengthOf = (file: FileName, ...path: Array<string | number>): number => {
  const list = getIn(shipped[file].data, path);
  return Array.isArray(list) ? list.length : -1;
};
const lastPrepareStep = lengthOf('prepare', 'steps') - 1;
const safetyFile = 'src/content/coaching/safety-triggers.json';

describe('coaching content pack loader', () => {
  it('loads the shipped pack, with a version', () => {
    const pack = loadCoachingPack();
    assert.match(pack.version, /^\d{4}\.\d+\.\d+$/);
    assert.equal(pack.stageCount, 7);
  });

  it('refuses a broken pack with a catastrophic AppError naming the file and the JSON path', () => {
    const err = loadError(withEdit('prepare', (d) => setIn(d, ['steps', 2, 'title'], 42)));
    assert.ok(isAppError(err, contentPackInvalid));
    assert.equal(err.catastrophic, true);
    assert.match(err.message, /src\/content\/coaching\/prepare\.json at \$\.steps\[2\]\.title: /);
  });

  const cases: ReadonlyArray<{
    name: string;
    file: FileName;
    edit: (d: unknown) => void;
    expect: { file: string; path: string; problem: RegExp };
  }> = [
    {
      name: 'a misspelt field name',
      file: 'prepare',
      edit: (d) => setIn(d, ['steps', 0, 'titel'], 'x'),
      expect: { file: prepareFile, path: '$.steps[0].titel', problem: /unknown field/ },
    },
    {
      name: 'a missing required field',
      file: 'debrief',
      edit: (d) => deleteIn(d, ['steps', 1, 'why']),
      expect: { file: 'src/content/coaching/debrief.json', path: '$.steps[1].why', problem: /./ },
    },
    {
      name: 'one suggested question too few',
      file: 'prepare',
      edit: (d) => setIn(d, ['steps', 5, 'questions'], ['Only one?']),
      expect: { file: prepareFile, path: '$.steps[5].questions', problem: /./ },
    },
    {
      name: 'a quick answer leading to a step that does not exist',
      file: 'prepare',
      edit: (d) => setIn(d, ['steps', 0, 'answers', 4, 'next'], 'prepare.nowhere'),
      expect: {
        file: prepareFile,
        path: '$.steps[0].answers[4].next',
        problem: /unknown step "prepare.nowhere"/,
      },
    },
    {
      name: 'an unknown principle',
      file: 'prepare',
      edit: (d) => setIn(d, ['steps', 5, 'principles'], ['routine-enquiry', 'be-nice']),
      expect: {
        file: prepareFile,
        path: '$.steps[5].principles[1]',
        problem: /unknown principle "be-nice"/,
      },
    },
    {
      name: 'an unknown wording situation',
      file: 'prepare',
      edit: (d) => setIn(d, ['steps', 5, 'answers', 0, 'wording'], 'shouts'),
      expect: {
        file: prepareFile,
        path: '$.steps[5].answers[0].wording',
        problem: /Invalid option/,
      },
    },
    {
      name: 'an unknown trigger category on a quick answer',
      file: 'prepare',
      edit: (d) => setIn(d, ['steps', 7, 'answers', 0, 'trigger'], 'volcano'),
      expect: {
        file: prepareFile,
        path: '$.steps[7].answers[0].trigger',
        problem: /unknown safety trigger category "volcano"/,
      },
    },
    {
      name: 'an unknown local-detail placeholder',
      file: 'prepare',
      edit: (d) => setIn(d, ['steps', 1, 'whatToDo'], 'Call {{mash.fax}} today.'),
      expect: {
        file: prepareFile,
        path: '$.steps[1].whatToDo',
        problem: /unknown placeholder \{\{mash.fax\}\}/,
      },
    },
    {
      name: 'a half-typed placeholder',
      file: 'pack',
      edit: (d) => setIn(d, ['summary', 'riskActions', 'highRisk'], 'Use {{marac.route}.'),
      expect: {
        file: 'src/content/coaching/pack.json',
        path: '$.summary.riskActions.highRisk',
        problem: /brace/,
      },
    },
    {
      name: 'a step nobody can reach',
      file: 'prepare',
      edit: (d) => {
        const copy: unknown = structuredClone(getIn(d, ['steps', 5]));
        setIn(copy, ['id'], 'prepare.orphan');
        pushIn(d, ['steps'], copy);
      },
      expect: {
        file: prepareFile,
        path: `$.steps[${lastPrepareStep + 1}]`,
        problem: /cannot be reached/,
      },
    },
    {
      name: 'a dead end',
      file: 'prepare',
      edit: (d) => {
        setIn(d, ['steps', lastPrepareStep, 'finish'], false);
        setIn(
          d,
          ['steps', lastPrepareStep, 'answers'],
          [
            {
              id: 'loop',
              label: 'Loop',
              next: 'prepare.record',
              principles: ['record-and-reflect'],
            },
          ],
        );
      },
      expect: { file: prepareFile, path: '$.steps', problem: /no step with "finish": true/ },
    },
    {
      name: 'a malformed trigger phrase',
      file: 'safety',
      edit: (d) => pushIn(d, ['categories', 0, 'phrases'], 'choke .. .. her'),
      expect: {
        file: safetyFile,
        path: `$.categories[0].phrases[${lengthOf('safety', 'categories', 0, 'phrases')}]`,
        problem: /two gaps/,
      },
    },
    {
      name: 'a phrase with an apostrophe (never matches normalised text)',
      file: 'safety',
      edit: (d) => pushIn(d, ['categories', 4, 'phrases'], "she's gone"),
      expect: {
        file: safetyFile,
        path: `$.categories[4].phrases[${lengthOf('safety', 'categories', 4, 'phrases')}]`,
        problem: /may use only/,
      },
    },
    {
      name: 'a mode file in the wrong slot',
      file: 'debrief',
      edit: (d) => setIn(d, ['mode'], 'prepare'),
      expect: {
        file: 'src/content/coaching/debrief.json',
        path: '$.mode',
        problem: /must be "debrief"/,
      },
    },
    {
      name: 'a stage listed out of order',
      file: 'pack',
      edit: (d) => setIn(d, ['stages', 1, 'id'], 'explore'),
      expect: {
        file: 'src/content/coaching/pack.json',
        path: '$.stages[1]',
        problem: /must be stage 2, open/,
      },
    },
  ];

  for (const c of cases) {
    it(`reports ${c.name} with its file and path`, () => {
      const err = loadError(withEdit(c.file, c.edit));
      const issue = err.issues.find((i) => i.file === c.expect.file && i.path === c.expect.path);
      assert.ok(
        issue,
        `no issue at ${c.expect.file} ${c.expect.path}; got ${JSON.stringify(err.issues)}`,
      );
      assert.match(issue.problem, c.expect.problem);
      assert.ok(
        err.message.includes(`${c.expect.file} at ${c.expect.path}`) || err.issues.length > 5,
      );
    });
  }

  it('reports every problem at once, across files', () => {
    const sources = withEdit('prepare', (d) =>
      setIn(d, ['steps', 5, 'answers', 0, 'next'], 'prepare.x'),
    );
    const debrief: unknown = structuredClone(sources.debrief.data);
    setIn(debrief, ['steps', 0, 'principles'], ['nope']);
    const err = loadError({ ...sources, debrief: { ...sources.debrief, data: debrief } });
    assert.deepEqual(
      err.issues.map((i) => `${i.file} ${i.path}`),
      [
        `${prepareFile} $.steps[5].answers[0].next`,
        'src/content/coaching/debrief.json $.steps[0].principles[0]',
      ],
    );
  });

  it('formats JSON paths with indexes and quoted odd keys', () => {
    assert.equal(formatJsonPath([]), '$');
    assert.equal(formatJsonPath(['steps', 3, 'answers', 0, 'next']), '$.steps[3].answers[0].next');
    assert.equal(formatJsonPath(['wordSets', 'a-b']), '$.wordSets["a-b"]');
  });
});
