'use strict';
// Unit tests of templates/assets/items.js, the registry of question and decision types, and the
// cross-check of its tolerance rule against the Java side's (fixtures written by GradingJsTest).
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const Items = require(path.join(__dirname, '..', '..', 'templates', 'assets', 'items.js'));
const G = require(path.join(__dirname, '..', '..', 'templates', 'assets', 'grading.js'));

const TYPES = ['single', 'decision', 'multiple', 'numeric', 'ordering', 'matching', 'free_text', 'self_rating',
  'decision_pick', 'pick'];

test('every type is one complete entry of the registry', () => {
  assert.deepEqual([...Items.types].sort(), [...TYPES].sort());
  for (const t of TYPES) {
    const e = Items.of(t);
    for (const f of ['score', 'read', 'restore', 'feedback']) { assert.equal(typeof e[f], 'function', t + '.' + f); }
    assert.ok(['answer', 'self', 'pick'].includes(e.commit), t + '.commit');
    assert.ok(e.empty && e.empty.endsWith('.'), t + '.empty');
    if (e.commit === 'self') { assert.equal(typeof e.assess, 'function', t + '.assess'); }
  }
  assert.throws(() => Items.of('essay'), /unknown question type essay/);
});

test('grading scores through the registry', () => {
  const key = { correct: [1], levels: [null, null], feedback: ['', ''] };
  assert.deepEqual(G.score({ type: 'single' }, key, { choice: 1 }), Items.of('single').score({}, key, { choice: 1 }));
  assert.deepEqual(G.score({ type: 'single' }, key, { choice: 1 }), { correct: true, fraction: 1, raw: 2 });
});

test('a pick is right only on the answer service', () => {
  const pick = Items.of('pick');
  assert.deepEqual(pick.score({}, { answer: 'payment' }, { node: 'payment' }), { correct: true, fraction: 1, raw: 2 });
  assert.deepEqual(pick.score({}, { answer: 'payment' }, { node: 'bank-api' }), { correct: false, fraction: 0, raw: 0 });
  assert.deepEqual(pick.score({}, { answer: 'payment' }, null), { correct: false, fraction: 0, raw: 0 });
});

test('the tolerance rule: absolute, relative, at the bound, negative and zero references', () => {
  assert.equal(Items.within(6.6, 6.67, 0.1, false), true);
  assert.equal(Items.within(6.57, 6.67, 0.1, false), true); // at the bound, within the slack
  assert.equal(Items.within(6.5, 6.67, 0.1, false), false);
  assert.equal(Items.within(110, 100, 0.1, true), true);
  assert.equal(Items.within(111, 100, 0.1, true), false);
  assert.equal(Items.within(-95, -100, 0.05, true), true); // relative to |reference|
  assert.equal(Items.within(0, 0, 0.1, true), true);
  assert.equal(Items.within(0.001, 0, 0.1, true), false); // nothing is relative to zero
  assert.equal(Items.within(NaN, 1, 1, false), false);
  // numeric questions score by it: within 1x is right, within 3x is half
  const key = { value: 100, tolerance: 0.1, relative: true, unit: 's' };
  assert.equal(Items.of('numeric').score({}, key, { value: 109 }).raw, 2);
  assert.equal(Items.of('numeric').score({}, key, { value: 125 }).raw, 1);
  assert.equal(Items.of('numeric').score({}, key, { value: 140 }).raw, 0);
});

// written by the Java side (bank.Tolerance) when GradingJsTest runs; `npm test` alone has none
const FIXTURES = process.env.WARROOM_GRADING_FIXTURES
  || path.join(__dirname, '..', '..', 'generator', 'target', 'grading-fixtures', 'tolerance.json');

test('the tolerance rule agrees with the Java side on its fixtures', { skip: !process.env.WARROOM_GRADING_FIXTURES && !fs.existsSync(FIXTURES) && 'no fixtures at ' + FIXTURES }, () => {
  const cases = JSON.parse(fs.readFileSync(FIXTURES, 'utf8'));
  assert.ok(cases.length >= 10, 'fixtures: ' + cases.length);
  for (const c of cases) {
    assert.equal(Items.within(c.actual, c.reference, c.tolerance, c.relative), c.within, JSON.stringify(c));
  }
});
