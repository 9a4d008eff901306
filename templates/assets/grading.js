/* warroom grading: pure functions from answers to the seed's scorecard.
 * No DOM here, so node --test can check it (js/test/grading.test.js); quiz.js drives the page. */
(function (root, factory) {
  var api = factory();
  if (typeof module === 'object' && module.exports) { module.exports = api; } else { root.WarroomGrading = api; }
}(typeof self !== 'undefined' ? self : this, function () {
  'use strict';
  var LEVELS = ['novice', 'intermediate', 'expert'];
  var TITLES = ['Novice', 'Intermediate', 'Expert'];
  var EXPERT_AT = 0.85, INTERMEDIATE_AT = 0.45;

  function lv(name) { var i = LEVELS.indexOf(name); return i < 0 ? 0 : i; }
  function contains(list, x) { return list.indexOf(x) >= 0; }

  /** Scores one answered question: {correct, fraction 0..1, raw 0..2 (the level the answer shows), picked}. */
  function score(q, key, r) {
    var correct = false, fraction = 0, raw = 0, i;
    switch (q.type) {
      case 'single': case 'decision': {
        var c = r && typeof r.choice === 'number' ? r.choice : -1;
        correct = contains(key.correct, c);
        fraction = correct ? 1 : 0;
        var level = key.levels && key.levels[c];
        raw = level ? lv(level) : (correct ? 2 : 0);
        break;
      }
      case 'multiple': {
        var picked = (r && r.choices) || [], tp = 0, fp = 0;
        for (i = 0; i < picked.length; i++) { if (contains(key.correct, picked[i])) { tp++; } else { fp++; } }
        fraction = Math.max(0, (tp - fp) / key.correct.length);
        correct = tp === key.correct.length && fp === 0;
        raw = correct ? 2 : fraction >= 0.5 ? 1 : 0;
        break;
      }
      case 'numeric': {
        var v = r ? Number(r.value) : NaN;
        var tol = key.relative ? key.tolerance * Math.abs(key.value) : key.tolerance;
        var err = Math.abs(v - key.value);
        correct = isFinite(v) && err <= tol + 1e-9;
        fraction = correct ? 1 : isFinite(v) && err <= 3 * tol ? 0.5 : 0;
        raw = correct ? 2 : fraction > 0 ? 1 : 0;
        break;
      }
      case 'ordering': {
        // key.order[k] = display index of the k-th item in the right order; r.order = display indices as arranged
        var pos = {}, n = key.order.length, pairs = 0, good = 0, j;
        var arranged = (r && r.order) || [];
        for (i = 0; i < arranged.length; i++) { pos[arranged[i]] = i; }
        for (i = 0; i < n; i++) {
          for (j = i + 1; j < n; j++) { pairs++; if (pos[key.order[i]] < pos[key.order[j]]) { good++; } }
        }
        fraction = pairs ? good / pairs : 1;
        correct = good === pairs;
        raw = correct ? 2 : fraction >= 0.75 ? 1 : 0;
        break;
      }
      case 'matching': {
        var m = (r && r.match) || [], right = 0;
        for (i = 0; i < key.match.length; i++) { if (m[i] === key.match[i]) { right++; } }
        fraction = right / key.match.length;
        correct = right === key.match.length;
        raw = correct ? 2 : fraction >= 0.5 ? 1 : 0;
        break;
      }
      case 'free_text': {
        var checked = (r && r.checked) || [];
        fraction = key.checklist.length ? checked.length / key.checklist.length : 0;
        correct = fraction >= 0.8;
        raw = correct ? 2 : fraction >= 0.4 ? 1 : 0;
        break;
      }
      default: throw new Error('unknown question type ' + q.type);
    }
    return { correct: correct, fraction: fraction, raw: raw };
  }

  /** What an answer evidences per dimension: the answer's level, capped by what the question can show. */
  function evidence(q, s) {
    var out = {};
    Object.keys(q.dims).forEach(function (d) { out[d] = Math.min(s.raw, lv(q.dims[d])); });
    return out;
  }

  function levelOf(fraction) { return fraction >= EXPERT_AT ? 2 : fraction >= INTERMEDIATE_AT ? 1 : 0; }

  function ofDim(rubric, id) {
    for (var i = 0; i < rubric.length; i++) { if (rubric[i].id === id) { return rubric[i]; } }
    return { id: id, title: id, novice: '', intermediate: '', expert: '' };
  }

  function firstSentence(html) {
    var text = String(html || '').replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/\s+/g, ' ').trim();
    var m = text.match(/^.*?[.!?](\s|$)/);
    return (m ? m[0] : text).trim();
  }

  /**
   * The seed's scorecard. data: the page's quiz data (questions, rubric, resources, phases);
   * keys: decoded keys by question id; answers: responses by question id.
   */
  function scorecard(data, keys, answers) {
    var dims = {}, scored = [];
    data.rubric.forEach(function (r) { dims[r.id] = { got: 0, max: 0, answered: 0, atLevel: 0, best: null, worst: null }; });
    data.questions.forEach(function (q) {
      if (!q.graded || !answers[q.id] || !keys[q.id] || (q.v && answers[q.id].v && answers[q.id].v !== q.v)) { return; }
      var s = score(q, keys[q.id], answers[q.id]);
      var ev = evidence(q, s);
      var item = { q: q, s: s, ev: ev, gap: 0, target: 0 };
      Object.keys(ev).forEach(function (d) {
        var t = lv(q.dims[d]);
        if (!dims[d]) { dims[d] = { got: 0, max: 0, answered: 0, atLevel: 0, best: null, worst: null }; }
        var x = dims[d];
        x.got += ev[d]; x.max += t; x.answered++;
        if (ev[d] >= t) { x.atLevel++; }
        item.gap = Math.max(item.gap, t - ev[d]);
        item.target = Math.max(item.target, t);
        if (!x.best || ev[d] - t > x.best.ev[d] - lv(x.best.q.dims[d])) { x.best = item; }
        if (!x.worst || ev[d] - t < x.worst.ev[d] - lv(x.worst.q.dims[d])) { x.worst = item; }
      });
      scored.push(item);
    });
    var rows = data.rubric.map(function (r) {
      var x = dims[r.id];
      if (!x || !x.answered) {
        return { id: r.id, title: r.title, level: null, rating: 'Not assessed', fraction: null,
          justification: 'No answered question evidences this dimension yet.' };
      }
      var f = x.max ? x.got / x.max : 0;
      var level = levelOf(f);
      var parts = [r[LEVELS[level]] + '.', x.atLevel + ' of ' + x.answered + ' answers at the expected level.'];
      if (x.best && x.best.s.correct) { parts.push('Strongest: “' + x.best.q.label + '”.'); }
      if (x.worst && !x.worst.s.correct) {
        parts.push('Weakest: “' + x.worst.q.label + '” (' + TITLES[x.worst.ev[r.id]].toLowerCase() + ' answer).');
      }
      return { id: r.id, title: r.title, level: level, rating: TITLES[level], fraction: f, justification: parts.join(' ') };
    });

    var strengths = scored.filter(function (it) { return it.s.correct; })
      .sort(function (a, b) { return b.target - a.target || order(a) - order(b); });
    strengths = spread(strengths, 3).map(function (it) {
      return { question: it.q.id, text: it.q.label + ' — ' + firstSentence(keys[it.q.id].explanation) };
    });
    var partial = scored.filter(function (it) { return !it.s.correct && it.s.raw > 0; });
    while (strengths.length < 3 && partial.length) {
      var p = partial.shift();
      strengths.push({ question: p.q.id, text: 'Partly right on “' + p.q.label + '”: you are close; the explanation shows the missing piece.' });
    }
    var generic = ['You answered every question to the end: the explanations now give you the model reasoning for each.',
      'You worked through all four phases of the incident, from taking command to the postmortem.',
      'You committed to answers under uncertainty, which is what the war room asks of an incident commander.'];
    while (strengths.length < 3) { strengths.push({ question: null, text: generic[strengths.length] }); }

    var weakDims = rows.filter(function (r) { return r.level !== null; })
      .sort(function (a, b) { return a.fraction - b.fraction; });
    var dimRank = {};
    weakDims.forEach(function (r, i) { dimRank[r.id] = i; });
    var misses = scored.filter(function (it) { return it.gap > 0; }).sort(function (a, b) {
      return b.gap - a.gap || minRank(a) - minRank(b) || order(a) - order(b);
    });
    function minRank(it) {
      return Math.min.apply(null, Object.keys(it.q.dims).map(function (d) { return d in dimRank ? dimRank[d] : 99; }));
    }
    var improvements = spread(misses, 3).map(function (it) {
      var phase = data.phases[it.q.phase] || '';
      return { question: it.q.id, phase: it.q.phase,
        text: 'Revisit “' + it.q.label + '”' + (phase ? ' (phase “' + phase + '”)' : '') + ': ' +
          firstSentence(keys[it.q.id].explanation) };
    });
    var stretch = weakDims.length ? weakDims : rows;
    var k = 0;
    while (improvements.length < 3 && stretch.length) {
      var r = stretch[k % stretch.length];
      improvements.push({ question: null, phase: null,
        text: 'Push ' + r.title + ' further: practise “' + ofDim(data.rubric, r.id).expert +
          '” out loud against the what-if variants, under time pressure.' });
      k++;
      if (k > 6) { break; }
    }

    var want = rows.some(function (r) { return r.level !== null && r.level < 2; }) ? 3 : 2;
    var resources = data.resources.map(function (res, i) {
      var rank = Math.min.apply(null, res.dims.map(function (d) { return d in dimRank ? dimRank[d] : 99; }).concat([99]));
      return { res: res, rank: rank, i: i };
    }).filter(function (x) { return x.rank < 99; })
      .sort(function (a, b) { return a.rank - b.rank || a.i - b.i; })
      .slice(0, want).map(function (x) { return x.res; });

    var graded = data.questions.filter(function (q) { return q.graded; }).length;
    return { rows: rows, strengths: strengths, improvements: improvements, resources: resources,
      answered: scored.length, total: graded, complete: scored.length === graded };

    function order(it) { return data.questions.indexOf(it.q); }
  }

  /** Up to n items, preferring ones from different phases. */
  function spread(items, n) {
    var out = [], phases = {};
    items.forEach(function (it) { if (out.length < n && !phases[it.q.phase]) { phases[it.q.phase] = true; out.push(it); } });
    items.forEach(function (it) { if (out.length < n && out.indexOf(it) < 0) { out.push(it); } });
    return out;
  }

  function md(text) { return String(text).replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim(); }

  /** The scorecard as Markdown, like the seed's. */
  function toMarkdown(card, title) {
    var lines = ['# Scorecard: ' + title, '', '| Dimension | Rating | Justification |', '|---|---|---|'];
    card.rows.forEach(function (r) { lines.push('| ' + md(r.title) + ' | ' + r.rating + ' | ' + md(r.justification) + ' |'); });
    lines.push('', '## Strengths', '');
    card.strengths.forEach(function (s, i) { lines.push((i + 1) + '. ' + md(s.text)); });
    lines.push('', '## Areas to improve', '');
    card.improvements.forEach(function (s, i) { lines.push((i + 1) + '. ' + md(s.text)); });
    lines.push('', '## Resources', '');
    card.resources.forEach(function (r) { lines.push('- [' + md(r.title) + '](' + r.url + ')' + (r.note ? ': ' + md(r.note) : '')); });
    lines.push('', '_' + card.answered + ' of ' + card.total + ' graded questions answered._', '');
    return lines.join('\n');
  }

  /** Decodes one question's key: base64, then XOR with salt + question id. */
  function decodeKey(b64, saltB64, qid) {
    var data = bytes(b64), salt = bytes(saltB64), id = utf8(qid), pad = new Uint8Array(salt.length + id.length);
    pad.set(salt, 0); pad.set(id, salt.length);
    var out = new Uint8Array(data.length);
    for (var i = 0; i < data.length; i++) { out[i] = data[i] ^ pad[i % pad.length]; }
    return JSON.parse(new TextDecoder('utf-8').decode(out));
  }
  function bytes(b64) {
    var s = typeof atob === 'function' ? atob(b64) : Buffer.from(b64, 'base64').toString('binary');
    var a = new Uint8Array(s.length);
    for (var i = 0; i < s.length; i++) { a[i] = s.charCodeAt(i); }
    return a;
  }
  function utf8(s) { return new TextEncoder().encode(s); }

  return { LEVELS: LEVELS, TITLES: TITLES, score: score, evidence: evidence, scorecard: scorecard,
    toMarkdown: toMarkdown, decodeKey: decodeKey, levelOf: levelOf };
}));
