// The SCORM runtime's pure parts: the score's weighting, the status, the session time and
// the suspend data's encoding (lossless for what the page reads back, within 4,096 characters).
const test = require('node:test');
const assert = require('node:assert');
const S = require('../../templates/assets/scorm.js');

const rows = (...levels) => ({ rows: levels.map((level, i) => ({ id: 'd' + i, level })), complete: true });

test('score: mean of the levels over 2, times 100; not assessed counts 0', () => {
  assert.strictEqual(S.score(rows(2, 2, 2, 2)), 100);
  assert.strictEqual(S.score(rows(1, 1, 1, 1)), 50);
  assert.strictEqual(S.score(rows(0, 0, 0, 0)), 0);
  assert.strictEqual(S.score(rows(2, 1, 1, null)), 50);
  assert.strictEqual(S.score(rows(2, 2, 2, 1)), 88); // 87.5 rounds up
  assert.strictEqual(S.score({ rows: [] }), 0);
});

test('status: incomplete until the scorecard is complete, then passed or failed at the mastery score', () => {
  assert.strictEqual(S.status({ complete: false }, 100, 50), 'incomplete');
  assert.strictEqual(S.status({ complete: true }, 50, 50), 'passed');
  assert.strictEqual(S.status({ complete: true }, 49, 50), 'failed');
  assert.strictEqual(S.status({ complete: true }, 49, null), 'failed');
  assert.strictEqual(S.MASTERY, 50);
});

test('session time is HHHH:MM:SS.SS', () => {
  assert.strictEqual(S.sessionTime(0), '0000:00:00.00');
  assert.strictEqual(S.sessionTime(3723456), '0001:02:03.46');
  assert.match(S.sessionTime(100 * 3600 * 1000), /^0100:00:00\.00$/);
});

const state = () => ({
  v: 2, started: 1764770000000, finished: 1764770900000,
  answers: {
    a: { choice: 1, said: 'Take command out loud', v: 'x1', hints: 0, at: 1764770010000 },
    b: { value: '312 s', v: 'x2', hints: 1, at: 1764770020000 },
    c: { text: 'I am IC.', said: 'I am IC.', level: 2, v: 'x3', hints: 0, at: 1764770030000, t: 'a key that clashes' },
    d: { picks: [2, 0], v: 'x4', hints: 0, at: 1764770040000, done: true }
  },
  latest: { a: { choice: 1, said: 'Take command out loud', v: 'x1', hints: 0, at: 1764770010000 }, c: { text: 'I am IC. Again.', level: 1, v: 'x3' }, d: { picks: [2, 0], v: 'x4', hints: 0, at: 1764770040000, done: true } },
  seen: { b: true }, hints: { p1: 1 }, drafts: { e: 'half a thought' }, pending: { f: { picks: [1], v: 'x5', at: 1764770050000 } }
});

test('encode and decode give back the state quiz.js reads, without repeating latest answers', () => {
  const s = state();
  const e = S.encode(s);
  assert.strictEqual(e.dropped, null);
  const back = S.decode(e.text);
  assert.deepStrictEqual(back, s);
  assert.ok(e.text.length < JSON.stringify(s).length, e.text.length + ' vs ' + JSON.stringify(s).length);
});

test('a state too long for 4,096 characters drops drafts, then shortens texts, else refuses', () => {
  const s = state();
  s.drafts.e = 'x'.repeat(5000);
  let e = S.encode(s);
  assert.strictEqual(e.dropped, 'drafts');
  assert.ok(e.text.length <= 4096);
  s.answers.c.text = 'y'.repeat(6000);
  e = S.encode(s);
  assert.match(e.dropped, /texts beyond \d+ characters/);
  assert.ok(e.text.length <= 4096);
  assert.strictEqual(S.decode(e.text).answers.c.level, 2);
  for (let i = 0; i < 400; i++) { s.answers['q' + i] = { choice: i, v: 'v' + i, at: s.started + i }; }
  e = S.encode(s);
  assert.ok(e.error && /more than the 4096/.test(e.error), JSON.stringify(e).slice(0, 200));
});

test('long echoes of answers are shortened, then dropped, before any text the learner wrote', () => {
  const s = state();
  for (let i = 0; i < 40; i++) { s.answers['q' + i] = { choice: i % 4, said: 'z'.repeat(90), v: 'v' + i, hints: 0, at: s.started + i }; s.latest['q' + i] = s.answers['q' + i]; }
  const e = S.encode(s);
  assert.ok(e.text.length <= 4096, String(e.text.length));
  assert.match(e.dropped, /echoes of answers/);
  const back = S.decode(e.text);
  assert.strictEqual(back.answers.q7.choice, 3);
  assert.strictEqual(back.answers.c.text, 'I am IC.');
  assert.strictEqual(back.answers.c.said, 'I am IC.');
});

test('decode refuses text that is not ours', () => {
  assert.strictEqual(S.decode(''), null);
  assert.strictEqual(S.decode('{"a":1}'), null);
  assert.strictEqual(S.decode('viewed=1,2,3'), null);
});

test('findAPI walks the parents, then the opener, and stops at another origin', () => {
  const api = { LMSInitialize() { return 'true'; } };
  const top = { API: api }; top.parent = top;
  const mid = { parent: top }; const leaf = { parent: mid };
  assert.strictEqual(S.findAPI(leaf), api);
  const lonely = {}; lonely.parent = lonely; lonely.top = lonely;
  assert.strictEqual(S.findAPI(lonely), null);
  const opened = {}; opened.parent = opened; opened.top = opened; opened.opener = top;
  assert.strictEqual(S.findAPI(opened), api);
  const guarded = {}; Object.defineProperty(guarded, 'API', { get() { throw new Error('SecurityError'); } });
  const inner = { parent: guarded }; guarded.parent = guarded;
  assert.strictEqual(S.findAPI(inner), null);
});

test('with the page\'s item ids, items are named by their place; ids not on the page keep their name', () => {
  const s = state();
  const ids = ['z', 'd', 'c', 'b', 'a', 'f'];
  const e = S.encode(s, 4096, ids);
  assert.match(e.text, /"4":\{"c":1,/);
  assert.deepStrictEqual(S.decode(e.text, ids), s);
  // not ours without the ids; an index past them drops its item
  assert.strictEqual(S.decode(e.text), null);
  const fewer = S.decode(e.text, ['z', 'd', 'c']);
  assert.deepStrictEqual(Object.keys(fewer.answers).sort(), ['c', 'd']);
  // an id the page does not list keeps its name
  const s2 = state();
  s2.answers.extra = { choice: 0, v: 'e', hints: 0, at: s2.started };
  s2.latest.extra = s2.answers.extra;
  const back = S.decode(S.encode(s2, 4096, ids).text, ids);
  assert.deepStrictEqual(back.answers.extra, s2.answers.extra);
});
