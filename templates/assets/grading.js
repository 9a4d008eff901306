/* warroom grading: pure functions from answers to the seed's scorecard; each type's scoring rule
 * is its entry in items.js. No DOM here, so node --test can check it (js/test/grading.test.js);
 * quiz.js drives the page. */
(function (root, factory) {
  var api = factory();
  if (typeof module === 'object' && module.exports) { module.exports = api; } else { root.WarroomGrading = api; }
}(typeof self !== 'undefined' ? self : this, function () {
  'use strict';
  var Items = typeof WarroomItems !== 'undefined' ? WarroomItems : require('./items.js');
  var LEVELS = Items.LEVELS;
  var TITLES = Items.TITLES;
  var EXPERT_AT = 0.85, INTERMEDIATE_AT = 0.45;
  var lv = Items.lv;

  /** Scores one answered question by its type's rule (items.js): {correct, fraction 0..1, raw 0..2}. */
  function score(q, key, r) {
    return Items.of(q.type).score(q, key, r);
  }

  /**
   * The most an answer can evidence given how it was reached: an answer given after its
   * answer was shown evidences nothing (novice); each hint revealed in its phase before it
   * was committed lowers the cap by one level.
   */
  function cap(r) {
    if (!r) { return 2; }
    if (r.seen) { return 0; }
    return Math.max(0, 2 - Math.min(2, r.hints || 0));
  }

  /** What an answer evidences per dimension: the answer's level, capped by what the question can show and by cap(r). */
  function evidence(q, s, r) {
    var out = {}, c = cap(r);
    Object.keys(q.dims).forEach(function (d) { out[d] = Math.min(s.raw, lv(q.dims[d]), c); });
    return out;
  }

  var UNITS = {
    time: { ms: 0.001, s: 1, sec: 1, secs: 1, second: 1, seconds: 1, min: 60, mins: 60, minute: 60, minutes: 60, m: 60, h: 3600, hour: 3600, hours: 3600 },
    rate: { 'req/s': 1, 'requests/s': 1, 'rps': 1, '/s': 1, 'req/sec': 1, 'requests per second': 1, 'req/min': 1 / 60 }
  };
  function unitFamily(u) {
    u = String(u || '').toLowerCase().trim();
    if (u in UNITS.time) { return 'time'; }
    if (u in UNITS.rate || /\/s$/.test(u)) { return 'rate'; }
    return null;
  }

  /**
   * A number as people type it, in the question's unit: "6,67" and "6.67", "1,047" (a thousands
   * comma), "7 req/s", "5 min" for a question in seconds, "99.6 %", and 0.996 for a percentage.
   * Returns {value, echo} or {error}: a unit that does not fit is a message, never a wrong mark.
   */
  function parseNumber(text, unit) {
    var t = String(text == null ? '' : text).trim().replace(/\u00a0/g, ' ');
    if (!t) { return { error: 'Enter a number first.' }; }
    var m = t.match(/^([-+]?[0-9][0-9 ,.']*)\s*(.*)$/);
    if (!m) { return { error: 'Enter a number, such as 6.67' + (unit ? ' ' + unit : '') + '.' }; }
    var num = m[1].replace(/[ ']/g, ''), typedUnit = m[2].trim();
    if (/^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(num)) { num = num.replace(/,/g, ''); }
    else if (/^[-+]?\d+,\d+$/.test(num)) { num = num.replace(',', '.'); }
    if (!/^[-+]?\d+(\.\d+)?$/.test(num) && !/^[-+]?\d+\.$/.test(num)) {
      return { error: '“' + t + '” is not a number I can read; write it like 6.67 or 6,67.' };
    }
    var v = Number(num), want = String(unit || '').trim(), wl = want.toLowerCase(), tl = typedUnit.toLowerCase();
    if (wl === '%') {
      if (tl === '%' || tl === 'percent') { return { value: v, echo: t }; }
      if (tl === '') { return v <= 1 && v >= 0 && /\./.test(num) ? { value: v * 100, echo: t + ' (= ' + fmtPct(v * 100) + ' %)' } : { value: v, echo: t + ' %' }; }
      return { error: 'This asks for a percentage; “' + typedUnit + '” is not one. Write it like 99.6 % or 0.996.' };
    }
    if (tl === '' || tl === wl) { return { value: v, echo: t }; }
    var fam = unitFamily(wl);
    if (fam && unitFamily(tl) === fam && UNITS[fam][tl] !== undefined && UNITS[fam][wl] !== undefined) {
      var conv = v * UNITS[fam][tl] / UNITS[fam][wl];
      return { value: conv, echo: t + ' (= ' + fmtPct(conv) + ' ' + want + ')' };
    }
    if (fam === 'rate' && unitFamily(tl) === 'rate') { return { value: v, echo: t }; }
    if (wl && tl.replace(/s$/, '') === wl.replace(/s$/, '')) { return { value: v, echo: t }; }
    return { error: 'This asks for ' + (want || 'a plain number') + '; “' + typedUnit + '” does not fit. Give the number in ' + (want || 'no unit') + '.' };
  }
  function fmtPct(x) { return String(Math.round(x * 1000) / 1000); }

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
      var r = answers[q.id];
      var s = score(q, keys[q.id], r);
      var ev = evidence(q, s, r);
      var item = { q: q, s: s, ev: ev, gap: 0, target: 0, r: r };
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

    var strengths = scored.filter(function (it) { return it.s.correct && !(it.r && it.r.seen); })
      .sort(function (a, b) { return b.target - a.target || cap(b.r) - cap(a.r) || order(a) - order(b); });
    strengths = spread(strengths, 3).map(function (it) {
      return { question: it.q.id, text: did(it, keys[it.q.id], true) };
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
        text: 'Revisit “' + it.q.label + '”' + (phase ? ' (phase “' + phase + '”)' : '') + ': ' + did(it, keys[it.q.id], false) };
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
    var seenFirst = scored.filter(function (it) { return it.r && it.r.seen; }).map(function (it) { return it.q.label; });
    var hinted = scored.filter(function (it) { return it.r && it.r.hints; }).map(function (it) {
      return { label: it.q.label, hints: it.r.hints };
    });
    var selfAssessed = scored.filter(function (it) { return Items.of(it.q.type).selfAssessed; }).map(function (it) {
      return { label: it.q.label, rating: TITLES[it.s.raw] };
    });
    return { rows: rows, strengths: strengths, improvements: improvements, resources: resources,
      answered: scored.length, total: graded, complete: scored.length === graded,
      decisions: decisionLog(data, keys, answers), seenFirst: seenFirst, hinted: hinted, selfAssessed: selfAssessed };

    function order(it) { return data.questions.indexOf(it.q); }
  }

  /** What the learner did on an item, in words for a strength or an improvement (a type may say it its own way). */
  function did(it, key, strong) {
    var r = it.r || {}, q = it.q, type = Items.of(q.type);
    if (type.did) { return type.did(it, key, strong, firstSentence); }
    var said = r.said ? 'you answered “' + r.said + '”' : 'you answered';
    var how = r.seen ? ' after seeing the answer' : r.hints ? ' after ' + r.hints + ' hint' + (r.hints > 1 ? 's' : '') : ' without a hint';
    if (strong) { return q.label + ' — ' + said + how + ', right first time.'; }
    return said + how + '. ' + firstSentence(key.explanation);
  }

  /** Every decision with every pick in order: the option, its rating and what the branch did. */
  function decisionLog(data, keys, answers) {
    var out = [];
    data.questions.forEach(function (q) {
      var r = answers[q.id];
      if (Items.of(q.type).commit !== 'pick' || !r || !r.picks || !keys[q.id]) { return; }
      r.picks.forEach(function (i, n) {
        var o = keys[q.id].options[i];
        out.push({ decision: q.id, clock: q.clock, n: n + 1, counts: n === 0, label: o.label, rating: TITLES[lv(o.rating)],
          outcome: o.outcome || (o.resolved ? 'worked' : 'did not work'), resolved: o.resolved });
      });
    });
    return out;
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
    if (card.decisions && card.decisions.length) {
      lines.push('', '## Decision log', '', '| Clock | Pick | Option | Rating | Outcome |', '|---|---|---|---|---|');
      card.decisions.forEach(function (d) {
        lines.push('| ' + d.clock + ' | ' + d.n + (d.counts ? ' (counts)' : '') + ' | ' + md(d.label) + ' | ' + d.rating + ' | ' + md(d.outcome) + ' |');
      });
    }
    if (card.selfAssessed && card.selfAssessed.length) {
      lines.push('', '## Self-assessed', '');
      card.selfAssessed.forEach(function (x) { lines.push('- ' + md(x.label) + ': ' + x.rating + ' (self-assessed)'); });
    }
    lines.push('', '## Answers seen before answering', '');
    if (card.seenFirst && card.seenFirst.length) { card.seenFirst.forEach(function (l) { lines.push('- ' + md(l)); }); } else { lines.push('None.'); }
    lines.push('', '## Hints used', '');
    if (card.hinted && card.hinted.length) { card.hinted.forEach(function (h) { lines.push('- ' + md(h.label) + ': ' + h.hints); }); } else { lines.push('None.'); }
    if (card.timeTaken) { lines.push('', '**Time taken:** ' + card.timeTaken); }
    lines.push('', '_' + card.answered + ' of ' + card.total + ' graded items answered._', '');
    return lines.join('\n');
  }

  /** The scorecard as JSON, for a course or a portfolio. */
  function toJSON(card, title) {
    return JSON.stringify({ problem: title, ratings: card.rows.map(function (r) {
      return { dimension: r.title, rating: r.rating, justification: r.justification };
    }), strengths: card.strengths.map(function (s) { return s.text; }),
    improvements: card.improvements.map(function (s) { return s.text; }),
    resources: card.resources.map(function (r) { return { title: r.title, url: r.url }; }),
    decisions: card.decisions || [], selfAssessed: card.selfAssessed || [], seenBeforeAnswering: card.seenFirst || [],
    hintsUsed: card.hinted || [], timeTaken: card.timeTaken || null, answered: card.answered, total: card.total }, null, 2);
  }

  /** Minutes and seconds between two epoch-ms stamps: "23 min 5 s". */
  function duration(ms) {
    if (!(ms >= 0)) { return null; }
    var s = Math.round(ms / 1000);
    return s < 60 ? s + ' s' : Math.floor(s / 60) + ' min' + (s % 60 ? ' ' + (s % 60) + ' s' : '');
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
    toMarkdown: toMarkdown, toJSON: toJSON, decodeKey: decodeKey, levelOf: levelOf, parseNumber: parseNumber,
    cap: cap, duration: duration };
}));
