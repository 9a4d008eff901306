'use strict';
// Unit tests of templates/assets/grading.js: node --test (run from Maven by GradingJsTest).
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const G = require(path.join(__dirname, '..', '..', 'templates', 'assets', 'grading.js'));

const rubric = ['incident-response', 'system-thinking', 'mitigation-speed', 'postmortem-quality'].map((id) => ({
  id, title: id.replace(/-/g, ' '), novice: 'N ' + id, intermediate: 'I ' + id, expert: 'E ' + id,
}));
const q = (id, type, phase, dims) => ({ id, type, phase, dims, label: 'label of ' + id, graded: true });
const data = {
  problem: 'p', title: 'Problem', phases: { ir: 'Take command', st: 'Trace', ms: 'Mitigate', pq: 'Postmortem' },
  rubric,
  questions: [
    q('d1', 'decision', 'ir', { 'incident-response': 'expert', 'mitigation-speed': 'intermediate' }),
    q('s1', 'single', 'ir', { 'incident-response': 'expert' }),
    q('n1', 'numeric', 'st', { 'system-thinking': 'expert' }),
    q('o1', 'ordering', 'st', { 'system-thinking': 'expert' }),
    q('m1', 'matching', 'ms', { 'mitigation-speed': 'expert' }),
    q('x1', 'multiple', 'ms', { 'mitigation-speed': 'expert', 'postmortem-quality': 'expert' }),
    q('f1', 'free_text', 'pq', { 'postmortem-quality': 'expert' }),
    q('s2', 'single', 'pq', { 'postmortem-quality': 'intermediate' }),
  ],
  resources: [
    { title: 'SRE: Managing Incidents', url: 'https://sre.google/sre-book/managing-incidents/', dims: ['incident-response'], note: '' },
    { title: 'SRE: Cascading Failures', url: 'https://sre.google/sre-book/addressing-cascading-failures/', dims: ['system-thinking', 'mitigation-speed'], note: '' },
    { title: 'AWS: backoff and jitter', url: 'https://aws.amazon.com/builders-library/timeouts-retries-and-backoff-with-jitter/', dims: ['mitigation-speed', 'postmortem-quality'], note: '' },
    { title: 'SRE: Postmortem Culture', url: 'https://sre.google/sre-book/postmortem-culture/', dims: ['postmortem-quality'], note: '' },
  ],
};
const expl = (s) => '<p>' + s + ' More detail here.</p>';
const keys = {
  d1: { correct: [2], levels: ['novice', 'intermediate', 'expert'], feedback: ['a', 'b', 'c'], explanation: expl('Take command first.') },
  s1: { correct: [0], levels: [null, null, null], feedback: ['a', 'b', 'c'], explanation: expl('Comms lead answers.') },
  n1: { value: 6.67, tolerance: 0.1, relative: true, unit: 'req/s', explanation: expl('200 / 30 s.') },
  o1: { order: [2, 0, 3, 1], explanation: expl('Bottom-up.') },
  m1: { match: [1, 2, 0], explanation: expl('Layered mitigation.') },
  x1: { correct: [0, 1], feedback: ['a', 'b', 'c', 'd'], explanation: expl('Timeouts everywhere.') },
  f1: { model: '<p>model</p>', checklist: ['a', 'b', 'c', 'd', 'e'], explanation: expl('Fix the class of failure.') },
  s2: { correct: [1], levels: [null, null], feedback: ['a', 'b'], explanation: expl('More threads buy little.') },
};
const expert = {
  d1: { choice: 2 }, s1: { choice: 0 }, n1: { value: 6.5 }, o1: { order: [2, 0, 3, 1] }, m1: { match: [1, 2, 0] },
  x1: { choices: [0, 1] }, f1: { text: 't', checked: [0, 1, 2, 3, 4] }, s2: { choice: 1 },
};
const wrong = {
  d1: { choice: 0 }, s1: { choice: 2 }, n1: { value: 200 }, o1: { order: [1, 3, 0, 2] }, m1: { match: [0, 1, 2] },
  x1: { choices: [2, 3] }, f1: { text: 't', checked: [] }, s2: { choice: 0 },
};

test('single and decision: a choice level overrides right/wrong', () => {
  assert.deepEqual(G.score(data.questions[0], keys.d1, { choice: 2 }), { correct: true, fraction: 1, raw: 2 });
  assert.equal(G.score(data.questions[0], keys.d1, { choice: 1 }).raw, 1);
  assert.equal(G.score(data.questions[1], keys.s1, { choice: 1 }).raw, 0);
});

test('evidence is capped by the level a question can show', () => {
  const s = G.score(data.questions[0], keys.d1, { choice: 2 });
  assert.deepEqual(G.evidence(data.questions[0], s), { 'incident-response': 2, 'mitigation-speed': 1 });
});

test('numeric: relative tolerance, near misses are partial', () => {
  const n = data.questions[2];
  assert.equal(G.score(n, keys.n1, { value: 7.3 }).correct, true);
  assert.equal(G.score(n, keys.n1, { value: 7.5 }).raw, 1);
  assert.equal(G.score(n, keys.n1, { value: 9 }).raw, 0);
  assert.equal(G.score(n, { value: 5, tolerance: 1.5, relative: false }, { value: 6.4 }).correct, true);
});

test('multiple: wrong picks cancel right ones', () => {
  const x = data.questions[5];
  assert.equal(G.score(x, keys.x1, { choices: [0] }).raw, 1);
  assert.equal(G.score(x, keys.x1, { choices: [0, 1, 2] }).correct, false);
  assert.equal(G.score(x, keys.x1, { choices: [0, 2] }).raw, 0);
});

test('ordering: pairs in the right relative order; one swap is partial', () => {
  const o = data.questions[3];
  assert.equal(G.score(o, keys.o1, { order: [2, 0, 3, 1] }).correct, true);
  const swap = G.score(o, keys.o1, { order: [0, 2, 3, 1] });
  assert.equal(swap.correct, false);
  assert.equal(swap.raw, 1);
  assert.equal(G.score(o, keys.o1, { order: [1, 3, 0, 2] }).raw, 0);
});

test('matching and free text', () => {
  assert.equal(G.score(data.questions[4], keys.m1, { match: [1, 0, 2] }).fraction, 1 / 3);
  assert.equal(G.score(data.questions[6], keys.f1, { checked: [0, 1, 2, 3] }).correct, true);
  assert.equal(G.score(data.questions[6], keys.f1, { checked: [0, 1] }).raw, 1);
});

test('all expert answers: Expert on every dimension, 3 strengths, 3 improvements, 2 resources', () => {
  const card = G.scorecard(data, keys, expert);
  assert.equal(card.complete, true);
  assert.deepEqual(card.rows.map((r) => r.rating), ['Expert', 'Expert', 'Expert', 'Expert']);
  assert.equal(card.strengths.length, 3);
  assert.equal(card.improvements.length, 3);
  assert.equal(card.resources.length, 2);
  assert.match(card.rows[0].justification, /^E incident-response\. 2 of 2 answers at the expected level/);
});

test('all wrong answers: Novice on every dimension, improvements name the missed questions', () => {
  const card = G.scorecard(data, keys, wrong);
  assert.deepEqual(card.rows.map((r) => r.rating), ['Novice', 'Novice', 'Novice', 'Novice']);
  assert.equal(card.strengths.length, 3);
  assert.equal(card.improvements.length, 3);
  card.improvements.forEach((i) => assert.match(i.text, /^Revisit “label of /));
  assert.equal(card.resources.length, 3);
});

test('a mixed run: the table, strengths from right answers, improvements and resources from the gaps', () => {
  const mixed = Object.assign({}, expert, { m1: wrong.m1, x1: wrong.x1, d1: { choice: 1 } });
  const card = G.scorecard(data, keys, mixed);
  const byId = Object.fromEntries(card.rows.map((r) => [r.id, r.rating]));
  // IR: d1 gives 1 of 2 + s1 2 of 2 = 3/4 = 0.75 -> Intermediate; MS: d1 1/1, m1 0/2, x1 0/2 = 1/5 -> Novice
  // PQ: x1 0/2, f1 2/2, s2 1/1 = 3/5 -> Intermediate; ST all right -> Expert
  assert.deepEqual(byId, { 'incident-response': 'Intermediate', 'system-thinking': 'Expert',
    'mitigation-speed': 'Novice', 'postmortem-quality': 'Intermediate' });
  assert.deepEqual(card.strengths.map((s) => s.question), ['s1', 'n1', 'f1']);
  // biggest gaps first, spread over phases
  assert.deepEqual(card.improvements.map((s) => s.question), ['m1', 'd1', 'x1']);
  // the weakest dimension first: mitigation speed, then postmortem quality
  assert.deepEqual(card.resources.map((r) => r.title), ['SRE: Cascading Failures', 'AWS: backoff and jitter', 'SRE: Postmortem Culture']);
  const md = G.toMarkdown(card, 'Problem');
  assert.match(md, /\| Dimension \| Rating \| Justification \|/);
  assert.match(md, /\| mitigation speed \| Novice \|/);
  assert.match(md, /## Strengths\n\n1\. /);
  assert.match(md, /- \[SRE: Cascading Failures\]\(https:\/\/sre\.google/);
});

test('unanswered questions: not complete, unassessed dimensions say so', () => {
  const card = G.scorecard(data, keys, { s1: expert.s1 });
  assert.equal(card.complete, false);
  assert.equal(card.answered, 1);
  assert.equal(card.rows[1].rating, 'Not assessed');
});

test('decodeKey inverts XOR with salt + question id and base64', () => {
  const salt = Buffer.from([1, 2, 3, 250, 99]);
  const json = Buffer.from(JSON.stringify({ value: 6.67, note: 'é' }), 'utf8');
  const pad = Buffer.concat([salt, Buffer.from('q-1', 'utf8')]);
  const enc = Buffer.from(json.map((b, i) => b ^ pad[i % pad.length])).toString('base64');
  assert.deepEqual(G.decodeKey(enc, salt.toString('base64'), 'q-1'), { value: 6.67, note: 'é' });
});

// ---- the drill ----------------------------------------------------------------------

test('numbers as people type them, in the question unit', () => {
  assert.equal(G.parseNumber('6,67', 'req/s').value, 6.67);
  assert.equal(G.parseNumber('6.67', 'req/s').value, 6.67);
  assert.equal(G.parseNumber('1,047', 'threads').value, 1047);
  assert.equal(G.parseNumber('7 req/s', 'req/s').value, 7);
  assert.equal(G.parseNumber('7 rps', 'req/s').value, 7);
  assert.equal(G.parseNumber('5 min', 'min').value, 5);
  assert.equal(G.parseNumber('312 s', 'min').value, 5.2);
  assert.equal(G.parseNumber('45 threads', 'threads').value, 45);
  assert.equal(G.parseNumber('99.6 %', '%').value, 99.6);
  assert.equal(G.parseNumber('99.6%', '%').echo, '99.6%');
  assert.ok(Math.abs(G.parseNumber('0.996', '%').value - 99.6) < 1e-9);
  assert.equal(G.parseNumber('99.6', '%').value, 99.6);
});

test('a unit that does not fit, or no number, is a message, not a value', () => {
  assert.match(G.parseNumber('5 req/s', 'min').error, /This asks for min; “req\/s” does not fit/);
  assert.match(G.parseNumber('7 ms', 'req/s').error, /does not fit/);
  assert.match(G.parseNumber('7 req/s', '%').error, /percentage/);
  assert.match(G.parseNumber('', 'min').error, /Enter a number/);
  assert.match(G.parseNumber('about seven', 'req/s').error, /Enter a number/);
  assert.equal(G.parseNumber('5 req/s', 'min').value, undefined);
});

const drillData = {
  problem: 'p', title: 'Problem', phases: { ir: 'Take command', ms: 'Mitigate' }, rubric,
  questions: [
    q('s1', 'single', 'ir', { 'incident-response': 'expert' }),
    Object.assign(q('self-ir', 'self_rating', 'ir', { 'incident-response': 'expert' }), { selfAssessed: true }),
    Object.assign(q('decision-d1', 'decision_pick', 'ms', { 'mitigation-speed': 'expert' }), { clock: '14:12' }),
  ],
  resources: data.resources,
};
const drillKeys = {
  s1: keys.s1,
  'self-ir': { explanation: '', model: '<p>model</p>' },
  'decision-d1': { explanation: '', options: [
    { label: 'Restart Payment', rating: 'novice', resolved: false, outcome: 'not mitigated; 400,000 users failed', why: 'Still slow.' },
    { label: 'Breaker', rating: 'expert', resolved: true, outcome: 'Web Frontend back at 14:13:10 (1 min 10 s)', why: 'Fails fast.' },
  ] },
};

test('a decision counts its first pick; every pick is in the log', () => {
  const d = drillData.questions[2];
  assert.equal(G.score(d, drillKeys['decision-d1'], { picks: [0, 1] }).raw, 0);
  assert.equal(G.score(d, drillKeys['decision-d1'], { picks: [1] }).correct, true);
  const card = G.scorecard(drillData, drillKeys, { s1: { choice: 0 }, 'self-ir': { level: 'expert' }, 'decision-d1': { picks: [0, 1] } });
  assert.deepEqual(card.decisions.map((x) => [x.n, x.counts, x.label, x.rating]),
    [[1, true, 'Restart Payment', 'Novice'], [2, false, 'Breaker', 'Expert']]);
  assert.equal(card.rows[2].rating, 'Novice');
  const md = G.toMarkdown(card, 'Problem');
  assert.match(md, /## Decision log/);
  assert.match(md, /\| 14:12 \| 1 \(counts\) \| Restart Payment \| Novice \| not mitigated; 400,000 users failed \|/);
  assert.match(md, /Your answer|label of self-ir: Expert \(self-assessed\)/);
  const json = JSON.parse(G.toJSON(card, 'Problem'));
  assert.equal(json.decisions.length, 2);
  assert.equal(json.selfAssessed[0].rating, 'Expert');
  // the improvement says what the learner did, not the first line of an explanation
  assert.ok(card.improvements.some((i) => /you first chose “Restart Payment” \(novice\): not mitigated/.test(i.text)));
});

test('an answer after "Show me the answer" evidences nothing; each hint lowers the cap by one level', () => {
  const s1 = drillData.questions[0];
  const right = G.score(s1, keys.s1, { choice: 0 });
  assert.deepEqual(G.evidence(s1, right, { choice: 0, seen: true }), { 'incident-response': 0 });
  assert.deepEqual(G.evidence(s1, right, { choice: 0, hints: 1 }), { 'incident-response': 1 });
  assert.deepEqual(G.evidence(s1, right, { choice: 0, hints: 3 }), { 'incident-response': 0 });
  assert.deepEqual(G.evidence(s1, right, { choice: 0 }), { 'incident-response': 2 });
  const card = G.scorecard(drillData, drillKeys, { s1: { choice: 0, seen: true, said: 'Comms lead' },
    'self-ir': { level: 'expert' }, 'decision-d1': { picks: [1] } });
  assert.deepEqual(card.seenFirst, ['label of s1']);
  // a right answer seen first is no strength
  assert.ok(card.strengths.every((x) => x.question !== 's1'));
  assert.equal(card.rows[0].rating, 'Intermediate'); // 0 of 2 + self-rated 2 of 2
});

test('a self-rating is the learner\'s level, and strengths cite what was said', () => {
  const self = drillData.questions[1];
  assert.equal(G.score(self, drillKeys['self-ir'], { level: 'intermediate' }).raw, 1);
  const card = G.scorecard(drillData, drillKeys, { s1: { choice: 0, said: 'The comms lead answers the VP' },
    'self-ir': { level: 'expert' }, 'decision-d1': { picks: [1] } });
  assert.ok(card.strengths.some((x) => x.text === 'label of s1 — you answered “The comms lead answers the VP” without a hint, right first time.'));
  assert.equal(G.duration(23 * 60000 + 5000), '23 min 5 s');
});
