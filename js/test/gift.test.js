'use strict';
// The GIFT exports parsed by an independent parser (gift-pegjs): every exported question is
// there with its type, its choices and, for a numeric one, the model's value and tolerance.
// GradingJsTest builds a site and points WARROOM_EXPORTS at its exports folder, with the
// expectations the Java side wrote (expected.json); `npm test` alone skips this.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const dir = process.env.WARROOM_EXPORTS;

test('the GIFT exports parse and hold every exported question', { skip: !dir && 'WARROOM_EXPORTS not set' }, () => {
  const gift = require('gift-pegjs');
  const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8'));
  assert.ok(Object.keys(expected).length > 0);
  for (const [problem, questions] of Object.entries(expected)) {
    const parsed = gift.parse(fs.readFileSync(path.join(dir, problem + '.gift.txt'), 'utf8'))
      .filter((q) => q.type !== 'Category' && q.type !== 'Description');
    const byId = Object.fromEntries(parsed.map((q) => [q.title, q]));
    assert.deepEqual(Object.keys(byId).sort(), questions.map((q) => q.id).sort(), problem);
    for (const want of questions) {
      const got = byId[want.id];
      assert.equal(got.type, want.type, want.id);
      assert.equal(got.stem.format, 'html', want.id);
      if (want.type === 'MC') {
        assert.equal(got.choices.length, want.choices, want.id);
        const full = got.choices.filter((c) => c.isCorrect || c.weight === 100).length;
        assert.ok(full >= 1 || want.multiple, want.id + ': a full-credit answer');
      } else if (want.type === 'Numerical') {
        assert.equal(got.choices.type, 'range', want.id);
        assert.ok(Math.abs(got.choices.number - want.value) < 1e-6, want.id + ': ' + got.choices.number + ' vs ' + want.value);
        assert.ok(Math.abs(got.choices.range - want.tolerance) < 1e-6, want.id + ': tolerance');
      } else if (want.type === 'Matching') {
        assert.equal(got.matchPairs.length, want.pairs, want.id);
      }
    }
  }
});
