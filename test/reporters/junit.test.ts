import { describe, expect, test } from 'vitest';
import { junitReport } from '../../src/reporters/junit.js';
import { stripInvalidChars } from '../../src/reporters/text.js';
import { decodeEntities, parseXml, type Tag } from './markup.js';
import { answer, failed, hostile, HOSTILE, question, result, sample } from './results.js';

const byName = (tags: Tag[], name: string) => tags.filter((t) => t.name === name);

describe('junitReport', () => {
  test('one testsuites document: a testsuite per submission, a testcase per answer', () => {
    expect(junitReport([sample, failed])).toMatchInlineSnapshot(`
      "<?xml version="1.0" encoding="UTF-8"?>
      <testsuites name="markgrade" tests="7" failures="4" errors="1" skipped="1" time="0">
        <testsuite name="submissions/sam.md" tests="6" failures="4" errors="0" skipped="1" time="0">
          <properties>
            <property name="student" value="sam"/>
            <property name="rubric" value="hw-metrics"/>
            <property name="score" value="1.5"/>
            <property name="maxScore" value="7"/>
          </properties>
          <testcase classname="submissions/sam.md" name="q1.precision_A" file="submissions/sam.md" line="6" time="0"/>
          <testcase classname="submissions/sam.md" name="q1.recall_A" file="submissions/sam.md" line="7" time="0">
            <failure message="found 0.9 at 7:24, expected 0.8889 (±1%)" type="incorrect">found 0.9 at 7:24, expected 0.8889 (±1%)
      got: 0.9
      expected: 0.888889
      feedback: Recall divides by the actual positives.
      points: 0/1</failure>
          </testcase>
          <testcase classname="submissions/sam.md" name="q1.f1_A" file="submissions/sam.md" line="10" time="0">
            <failure message="found 0.85 at 10:25; consistent with your own recall_A (follow-through)" type="partial">found 0.85 at 10:25; consistent with your own recall_A (follow-through)
      got: 0.85
      points: 0.5/1</failure>
          </testcase>
          <testcase classname="submissions/sam.md" name="q2.loss" file="submissions/sam.md" line="14" time="0">
            <failure message="found &quot;lots&quot; at 14:10 but could not read it: not a number" type="unreadable">found "lots" at 14:10 but could not read it: not a number
      got: lots
      points: 0/1</failure>
          </testcase>
          <testcase classname="submissions/sam.md" name="q2.loss_note" file="submissions/sam.md" line="13" time="0">
            <skipped message="graded by a TA" type="manual">graded by a TA
      points: 0/2</skipped>
          </testcase>
          <testcase classname="submissions/sam.md" name="q3.gradient" file="submissions/sam.md" time="0">
            <failure message="question not found: looked for section 4" type="missing">question not found: looked for section 4
      points: 0/1</failure>
          </testcase>
          <system-out>slip at 13:28: -\\ln(0.8) is 0.223144, written 0.25</system-out>
        </testsuite>
        <testsuite name="submissions/blob.md" tests="1" failures="0" errors="1" skipped="0" time="0">
          <properties>
            <property name="student" value="blob"/>
            <property name="rubric" value="hw-metrics"/>
            <property name="score" value="0"/>
            <property name="maxScore" value="5"/>
          </properties>
          <testcase classname="submissions/blob.md" name="submission" file="submissions/blob.md" time="0">
            <error message="submissions/blob.md: binary file: it contains a NUL byte (at 1:3)" type="error">submissions/blob.md: binary file: it contains a NUL byte (at 1:3)</error>
          </testcase>
        </testsuite>
      </testsuites>
      "
    `);
  });

  test.each([
    ['correct', null],
    ['found', null],
    ['incorrect', 'failure'],
    ['partial', 'failure'],
    ['missing', 'failure'],
    ['unreadable', 'failure'],
    ['manual', 'skipped'],
  ] as const)('a %s answer is %s', (status, element) => {
    const tags = parseXml(junitReport([result({ questions: [question({ id: 'q', answers: [answer({ id: 'a', status, reason: 'why' })] })] })]));
    const children = tags.slice(tags.findIndex((t) => t.name === 'testcase') + 1).map((t) => t.name);
    expect(children).toEqual(element === null ? [] : [element]);
    if (element !== null) expect(byName(tags, element)[0].attributes).toEqual({ message: 'why', type: status });
  });

  test('counts on every testsuite and on the testsuites add up', () => {
    const tags = parseXml(junitReport([sample, failed, hostile]));
    const counts = (t: Tag) => ['tests', 'failures', 'errors', 'skipped'].map((k) => Number(t.attributes[k]));
    const suites = byName(tags, 'testsuite').map(counts);
    expect(suites).toEqual([
      [6, 4, 0, 1],
      [1, 0, 1, 0],
      [1, 1, 0, 0],
    ]);
    expect(counts(byName(tags, 'testsuites')[0])).toEqual([8, 5, 1, 1]);
  });

  test('an errored submission gets an error element, and its answers still appear', () => {
    const partlyGraded = { ...sample, error: 'internal error while grading: boom' };
    const tags = parseXml(junitReport([partlyGraded]));
    expect(byName(tags, 'error').map((t) => t.attributes.message)).toEqual(['internal error while grading: boom']);
    expect(byName(tags, 'testcase').map((t) => t.attributes.name)).toEqual([
      'submission',
      'q1.precision_A',
      'q1.recall_A',
      'q1.f1_A',
      'q2.loss',
      'q2.loss_note',
      'q3.gradient',
    ]);
  });

  test('student text is escaped: the document stays well-formed and says what the student wrote', () => {
    const xml = junitReport([hostile]);
    const tags = parseXml(xml);
    const expected = stripInvalidChars(HOSTILE);
    expect(byName(tags, 'failure')[0].attributes.message).toBe(expected);
    expect(byName(tags, 'testsuite')[0].attributes.name).toBe('submissions/odd: name, with comma.md');
    expect(byName(tags, 'testcase')[0].attributes.name).toBe('q<1>.a,b:c');
    expect(byName(tags, 'property')[0].attributes.value).toBe(expected);
    expect(xml).not.toContain(']]>');
    expect(xml).not.toContain('<script');
  });

  test('element text round-trips through the escaping', () => {
    const xml = junitReport([hostile]);
    const body = /<failure [^>]*>([^<]*)<\/failure>/.exec(xml)![1];
    expect(decodeEntities(body).startsWith(`${stripInvalidChars(HOSTILE)}\ngot: `)).toBe(true);
  });

  test('no results: an empty, valid testsuites', () => {
    const xml = junitReport([]);
    expect(parseXml(xml).map((t) => t.name)).toEqual(['testsuites']);
    expect(xml).toContain('tests="0" failures="0" errors="0" skipped="0"');
  });

  test('deterministic: same results, same bytes, no timestamp', () => {
    const first = junitReport([sample, failed, hostile]);
    expect(junitReport([sample, failed, hostile])).toBe(first);
    expect(first).not.toMatch(/timestamp|hostname/);
    expect([...first.matchAll(/time="([^"]*)"/g)].every((m) => m[1] === '0')).toBe(true);
  });
});
