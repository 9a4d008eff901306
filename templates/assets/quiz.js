/* warroom quiz: commits answers, renders feedback, keeps progress in localStorage, shows the scorecard.
 * Grading itself lives in grading.js. A question's key is decoded only once it is answered or its
 * answer is asked for. The first committed answer is the one that counts: "Try again" is practice,
 * an answer after "Show me the answer" evidences nothing, hints in a phase lower what it can show.
 * Each type's reading, restoring, feedback and scoring is its entry in items.js.
 * drill.js listens to the 'warroom:progress' event to open phases and the debrief. */
(function () {
  'use strict';
  var G = window.WarroomGrading;
  var Items = window.WarroomItems;
  var dataEl = document.getElementById('quiz-data');
  if (!G || !Items || !dataEl) { return; }
  var data = JSON.parse(dataEl.textContent);
  var STORE = 'warroom.quiz.' + data.problem;
  var SUMMARY = 'warroom.scorecard.' + data.problem;
  var study = /[?&]study=1\b/.test(location.search) || location.hash === '#study';
  var byId = {};
  data.questions.forEach(function (q) { byId[q.id] = q; });
  var keys = {};
  var state = load();

  function fresh() { return { v: 2, answers: {}, latest: {}, seen: {}, hints: {}, drafts: {}, started: null, finished: null }; }
  function load() {
    if (study) { return fresh(); }
    try {
      var s = JSON.parse(localStorage.getItem(STORE));
      if (s && s.answers) {
        var f = fresh();
        // progress from before the drill: its answers are first answers, shown as they were
        if (s.v !== 2) { s.latest = Object.assign({}, s.answers); s.v = 2; }
        Object.keys(f).forEach(function (k) { if (s[k] === undefined) { s[k] = f[k]; } });
        return s;
      }
    } catch (e) { /* fresh start */ }
    return fresh();
  }
  function save() {
    if (study) { return; }
    try { localStorage.setItem(STORE, JSON.stringify(state)); } catch (e) { /* storage off: progress lives in this tab */ }
  }
  function touch() { if (!state.started) { state.started = Date.now(); } }
  function key(qid) {
    if (!keys[qid]) { keys[qid] = G.decodeKey(data.keys[qid], data.salt, qid); }
    return keys[qid];
  }
  var h = Items.h, htmlDiv = Items.htmlDiv;

  /** Hints revealed so far in the probes of a phase. */
  function hintsIn(phase) {
    var n = 0;
    document.querySelectorAll('.phase[data-phase="' + phase + '"] .probe').forEach(function (p) { n += state.hints[p.dataset.probe] || 0; });
    return n;
  }

  function lock(form, locked) {
    form.querySelectorAll('input, select, textarea, .order-btns button, button.check, button.show-answer').forEach(function (e) { e.disabled = locked; });
    var retry = form.querySelector('.retry');
    if (retry) { retry.hidden = !locked; }
    form.classList.toggle('answered', locked);
  }

  function verdict(s) {
    if (s.correct) { return 'Correct.'; }
    if (s.raw > 0 || s.fraction > 0) { return 'Partly right.'; }
    return 'Not quite.';
  }

  function dimTitle(d) { return (data.rubric.filter(function (x) { return x.id === d; })[0] || { title: d }).title; }

  /** The right answer of a question, into box (for feedback and for "Show me the answer"). */
  function showKey(form, q, k, box, r) {
    Items.of(q.type).feedback(form, q, k, box, r);
    if (k.explanation) { box.appendChild(htmlDiv('explanation', k.explanation)); }
  }

  /** Feedback on the shown response; the scored (first) one decides the evidence line. */
  function showFeedback(form, q, shown) {
    var k = key(q.id);
    var s = G.score(q, k, shown);
    var first = state.answers[q.id];
    var box = form.querySelector('.q-feedback');
    box.textContent = '';
    box.className = 'q-feedback ' + (s.correct ? 'ok' : s.raw > 0 ? 'partial' : 'wrong');
    var ev = G.evidence(q, G.score(q, k, first), first);
    var levels = Object.keys(q.dims).map(function (d) { return dimTitle(d) + ': ' + G.TITLES[ev[d]]; }).join(' · ');
    var note = shown !== first ? ' This retry is practice: your first answer counts.' : first.seen ? ' You saw the answer first, so it evidences Novice.' : first.hints ? ' You used ' + first.hints + ' hint' + (first.hints > 1 ? 's' : '') + ' in this phase first.' : '';
    var self = Items.of(q.type).selfAssessed;
    box.appendChild(h('p', 'verdict', (self ? 'Saved.' : verdict(s)) + ' Evidence — ' + levels + (self ? ' (self-assessed).' : '.') + note));
    showKey(form, q, k, box, shown);
    return s;
  }

  /** Free text: show the model answer, then ask for the type's self-assessment (a checklist, a rubric level). */
  function selfAssess(form, q, r) {
    var k = key(q.id);
    var area = form.querySelector('.self-assess');
    area.textContent = '';
    area.hidden = false;
    area.appendChild(h('h4', null, 'Model answer'));
    area.appendChild(htmlDiv('model', k.model));
    var fs = h('fieldset', 'checklist');
    var type = Items.of(q.type);
    type.assess(fs, q, k, { rubric: data.rubric, dimTitle: dimTitle });
    area.appendChild(fs);
    var btn = h('button', 'btn primary save-self', type.selfAssessed ? 'Save self-rating' : 'Save self-assessment');
    btn.type = 'button';
    btn.addEventListener('click', function () {
      if (!type.assessed(fs, r)) { return; }
      area.hidden = true;
      area.textContent = '';
      answer(form, q, r);
    });
    area.appendChild(btn);
    form.querySelector('textarea').disabled = true;
    form.querySelector('button.check').disabled = true;
    fs.querySelector('input').focus();
  }

  function answer(form, q, r) {
    touch();
    r.v = q.v;
    if (!state.answers[q.id]) {
      r.hints = hintsIn(q.phase);
      if (state.seen[q.id]) { r.seen = true; }
      r.at = Date.now();
      state.answers[q.id] = r;
    }
    state.latest[q.id] = r;
    save();
    showFeedback(form, q, r);
    lock(form, true);
    var retry = form.querySelector('.retry');
    if (retry) { retry.focus(); }
    update();
  }

  /** "Show me the answer": recorded; an answer committed after it evidences Novice. */
  function reveal(form, q) {
    touch();
    state.seen[q.id] = true;
    save();
    var box = form.querySelector('.q-feedback');
    box.textContent = '';
    box.className = 'q-feedback shown';
    box.appendChild(h('p', 'verdict', 'The answer, as you asked. Commit your own to go on: it is recorded as seen first and evidences Novice.'));
    showKey(form, q, key(q.id), box, null);
    var b = form.querySelector('.show-answer');
    if (b) { b.disabled = true; }
    update();
  }

  /** Practice after a committed answer: the form opens again; the first answer keeps counting. */
  function retry(form, q) {
    delete state.latest[q.id];
    form.querySelectorAll('label.choice').forEach(function (l) { l.classList.remove('is-correct', 'is-wrong'); });
    var box = form.querySelector('.q-feedback');
    box.textContent = ''; box.className = 'q-feedback';
    var area = form.querySelector('.self-assess');
    if (area) { area.hidden = true; area.textContent = ''; }
    lock(form, false);
    var sa = form.querySelector('.show-answer');
    if (sa) { sa.disabled = true; }
  }

  function clearForm(form) {
    form.querySelectorAll('label.choice').forEach(function (l) { l.classList.remove('is-correct', 'is-wrong', 'picked'); });
    var box = form.querySelector('.q-feedback');
    if (box) { box.textContent = ''; box.className = 'q-feedback'; }
    var area = form.querySelector('.self-assess');
    if (area) { area.hidden = true; area.textContent = ''; }
    var log = form.querySelector('.pick-log'); if (log) { log.textContent = ''; }
    var slot = form.querySelector('.branch-slot'); if (slot) { slot.textContent = ''; }
    lock(form, false);
  }

  // ---- decisions: pick, see what the branch does, pick again if it did not work ----
  function showPicks(form, q, r) {
    var k = key(q.id);
    var log = form.querySelector('.pick-log');
    log.textContent = '';
    r.picks.forEach(function (i, n) {
      var o = k.options[i];
      var li = h('li', o.resolved ? 'right' : 'wrong');
      li.appendChild(h('strong', null, (n === 0 ? 'First pick (counts): ' : 'Then: ') + o.label));
      li.appendChild(document.createTextNode(' — ' + (o.outcome || (o.resolved ? 'worked' : 'did not work'))));
      log.appendChild(li);
      var input = form.querySelector('input[value="' + i + '"]');
      if (input) { input.disabled = true; input.closest('label').classList.add('picked', o.resolved ? 'is-correct' : 'is-wrong'); }
    });
    var last = k.options[r.picks[r.picks.length - 1]];
    var box = form.querySelector('.q-feedback');
    box.textContent = '';
    box.className = 'q-feedback ' + (last.resolved ? 'ok' : 'wrong');
    box.appendChild(h('p', 'verdict', last.verdict));
    box.appendChild(htmlDiv('figures', last.figures));
    var why = h('p', 'why'); why.innerHTML = last.why; box.appendChild(why);
    var slot = form.querySelector('.branch-slot');
    slot.textContent = '';
    var tpl = document.querySelector('template.branch-media[data-branch="' + last.branch + '"]');
    if (tpl) {
      slot.appendChild(tpl.content.cloneNode(true));
      if (window.WarroomSite && window.WarroomSite.enhance) { window.WarroomSite.enhance(slot); }
      // the branch's animation continues from the decision's frame
      slot.querySelectorAll('.stepper').forEach(function (st) { if (st.warroomStepper) { st.warroomStepper.seek(q.atSeconds); } });
      slot.querySelectorAll('video[data-clock-start]').forEach(function (v) {
        var t = (q.atSeconds - Number(v.dataset.clockStart)) / Number(v.dataset.rate);
        if (t > 0) { v.addEventListener('loadedmetadata', function () { v.currentTime = Math.min(t, v.duration || t); }, { once: true }); }
      });
    }
    var done = last.resolved || r.picks.length >= k.options.length;
    form.querySelector('button.check').disabled = done;
    form.classList.toggle('answered', done);
    if (done) { form.querySelectorAll('input').forEach(function (i) { i.disabled = true; }); }
    return done;
  }

  function pick(form, q, r) {
    touch();
    var a = state.answers[q.id] || (state.pending && state.pending[q.id]);
    if (!a) { a = { picks: [], v: q.v, hints: hintsIn(q.phase), at: Date.now() }; }
    if (a.picks.indexOf(r.pick) < 0) { a.picks.push(r.pick); }
    var k = key(q.id);
    var done = k.options[a.picks[a.picks.length - 1]].resolved || a.picks.length >= k.options.length;
    a.done = done;
    // the item counts as answered once the room has a working action (the first pick is its score)
    if (done) { state.answers[q.id] = a; if (state.pending) { delete state.pending[q.id]; } } else { state.pending = state.pending || {}; state.pending[q.id] = a; }
    save();
    showPicks(form, q, a);
    update();
  }

  function resetAll() {
    document.querySelectorAll('form.q').forEach(function (form) {
      var q = byId[form.dataset.qid];
      if (q && q.graded) { clearForm(form); form.reset(); form.querySelectorAll('input').forEach(function (i) { i.disabled = false; }); var sa = form.querySelector('.show-answer'); if (sa) { sa.disabled = false; } }
    });
    state = fresh();
    try { localStorage.removeItem(STORE); localStorage.removeItem(SUMMARY); } catch (e) { /* nothing stored */ }
    document.dispatchEvent(new CustomEvent('warroom:reset'));
    update();
  }

  document.querySelectorAll('form.q').forEach(function (form) {
    var q = byId[form.dataset.qid];
    if (!q || !q.graded) { return; }
    var type = Items.of(q.type);
    if (type.setup) { type.setup(form, q); }
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var r = type.read(form, q);
      var box = form.querySelector('.q-feedback');
      if (!r || r.error) {
        box.className = 'q-feedback warn';
        box.textContent = r && r.error ? r.error : type.empty;
        return;
      }
      if (type.commit === 'pick') { pick(form, q, r); return; }
      if (type.commit === 'self') { selfAssess(form, q, r); return; }
      answer(form, q, r);
    });
    var retryBtn = form.querySelector('.retry');
    if (retryBtn) {
      retryBtn.addEventListener('click', function () {
        retry(form, q);
        save();
        var first = form.querySelector('input:not([disabled]), select, textarea, .order-btns button');
        if (first) { first.focus(); }
      });
    }
    var show = form.querySelector('.show-answer');
    if (show) { show.addEventListener('click', function () { reveal(form, q); }); }
    var ta = form.querySelector('textarea');
    if (ta) {
      // an unfinished answer survives a reload too
      if (state.drafts[q.id] && !state.answers[q.id]) { ta.value = state.drafts[q.id]; }
      ta.addEventListener('input', function () { state.drafts[q.id] = ta.value; save(); });
    }
    var r = state.answers[q.id] || (state.pending && state.pending[q.id]);
    if (r && r.v !== q.v) { delete state.answers[q.id]; delete state.latest[q.id]; save(); r = null; }
    if (r) {
      try {
        if (type.commit === 'pick') { showPicks(form, q, r); } else {
          var shown = state.latest[q.id] || r;
          if (state.latest[q.id] === undefined && state.answers[q.id]) {
            // after a reload, "Try again" was open: show the form open again
            type.restore(form, q, r); retry(form, q);
          } else { type.restore(form, q, shown); showFeedback(form, q, shown); lock(form, true); }
        }
      } catch (e) { delete state.answers[q.id]; clearForm(form); save(); }
    } else if (state.seen[q.id]) { reveal(form, q); }
  });

  // hints: site.js reveals them and tells us; we keep the count per probe and restore it
  document.addEventListener('warroom:hint', function (ev) {
    if (study) { return; }
    touch();
    state.hints[ev.detail.probe] = Math.max(state.hints[ev.detail.probe] || 0, ev.detail.shown);
    save();
  });
  Object.keys(state.hints).forEach(function (probe) {
    var btn = document.querySelector('.probe[data-probe="' + probe + '"] .hint-next');
    for (var i = 0; btn && i < state.hints[probe] && !btn.disabled; i++) { btn.click(); }
  });

  var resetBtn = document.getElementById('quiz-reset');
  if (resetBtn) {
    resetBtn.addEventListener('click', function () {
      if (window.confirm('Reset every answer, decision and hint of this problem?')) { resetAll(); }
    });
  }

  function decodedKeys() {
    var out = {};
    Object.keys(state.answers).forEach(function (id) { if (data.keys[id]) { out[id] = key(id); } });
    return out;
  }

  function card() {
    var c = G.scorecard(data, decodedKeys(), state.answers);
    if (c.complete && !state.finished && !study) { state.finished = Date.now(); save(); }
    c.timeTaken = state.started && state.finished ? G.duration(state.finished - state.started) : null;
    return c;
  }

  function update() {
    var c = card();
    var n = document.querySelector('.quiz-progress .answered');
    if (n) { n.textContent = String(c.answered); }
    var meter = document.querySelector('.quiz-meter');
    if (meter) { meter.value = c.answered; meter.textContent = String(c.answered); }
    try {
      if (study) { /* nothing recorded */ } else if (c.answered) {
        var ratings = {};
        c.rows.forEach(function (r) { ratings[r.id] = r.rating; });
        localStorage.setItem(SUMMARY, JSON.stringify({ title: data.title, answered: c.answered, total: c.total, complete: c.complete, ratings: ratings }));
      } else { localStorage.removeItem(SUMMARY); }
    } catch (e) { /* storage off */ }
    render(c);
    document.dispatchEvent(new CustomEvent('warroom:progress', { detail: { answered: Object.keys(state.answers), complete: c.complete } }));
  }

  function render(c) {
    var sec = document.getElementById('scorecard');
    if (!sec) { return; }
    sec.hidden = !c.complete;
    var body = sec.querySelector('.scorecard-body');
    body.textContent = '';
    if (!c.complete) { return; }
    var table = h('table', 'scorecard-table');
    table.appendChild(h('caption', null, 'Rating per rubric dimension'));
    var thead = h('thead'); var tr = h('tr');
    ['Dimension', 'Rating', 'Justification'].forEach(function (t) { var th = h('th', null, t); th.scope = 'col'; tr.appendChild(th); });
    thead.appendChild(tr); table.appendChild(thead);
    var tbody = h('tbody');
    c.rows.forEach(function (r) {
      var row = h('tr'); row.dataset.dim = r.id;
      var th = h('th', null, r.title); th.scope = 'row'; row.appendChild(th);
      var td = h('td', 'rating'); td.appendChild(h('span', 'level level-' + r.rating.toLowerCase().replace(/\s+/g, '-'), r.rating)); row.appendChild(td);
      row.appendChild(h('td', 'justification', r.justification));
      tbody.appendChild(row);
    });
    table.appendChild(tbody);
    var wrap = h('div', 'table-wrap'); wrap.appendChild(table); body.appendChild(wrap);
    function list(title, cls, items, fill) {
      body.appendChild(h('h3', null, title));
      var ol = h(cls === 'resources' || cls === 'seen-first' || cls === 'hints-used' ? 'ul' : 'ol', cls);
      items.forEach(function (it) { var li = h('li'); fill(li, it); ol.appendChild(li); });
      if (!items.length) { ol.appendChild(h('li', 'none', 'None.')); }
      body.appendChild(ol);
    }
    list('Strengths', 'strengths', c.strengths, function (li, s) { li.textContent = s.text; });
    list('Areas to improve', 'improvements', c.improvements, function (li, s) {
      li.appendChild(document.createTextNode(s.text + ' '));
      if (s.phase) { var a = h('a', null, 'Go to the phase'); a.href = '#phase-' + s.phase; li.appendChild(a); }
    });
    list('Resources for your gaps', 'resources', c.resources, function (li, r) {
      var a = h('a', null, r.title); a.href = r.url; a.rel = 'noopener'; li.appendChild(a);
      if (r.note) { li.appendChild(document.createTextNode(' — ' + r.note)); }
    });
    if (c.decisions.length) {
      list('Decision log', 'decision-log', c.decisions, function (li, d) {
        li.className = d.resolved ? 'right' : 'wrong';
        li.textContent = d.clock + ' · pick ' + d.n + (d.counts ? ' (counts)' : '') + ': ' + d.label + ' — ' + d.rating + ' — ' + d.outcome;
      });
    }
    list('Answers seen before answering', 'seen-first', c.seenFirst, function (li, l) { li.textContent = l; });
    list('Hints used', 'hints-used', c.hinted, function (li, x) { li.textContent = x.label + ': ' + x.hints; });
    if (c.timeTaken) { var p = h('p', 'time-taken'); p.appendChild(h('strong', null, 'Time taken: ')); p.appendChild(document.createTextNode(c.timeTaken)); body.appendChild(p); }
    var d = h('details', 'scorecard-md-box');
    d.appendChild(h('summary', null, 'Markdown and JSON'));
    var ta = h('textarea', 'scorecard-md'); ta.readOnly = true; ta.rows = 12; ta.setAttribute('aria-label', 'Scorecard as Markdown');
    ta.value = G.toMarkdown(c, data.title);
    var tj = h('textarea', 'scorecard-json'); tj.readOnly = true; tj.rows = 8; tj.setAttribute('aria-label', 'Scorecard as JSON');
    tj.value = G.toJSON(c, data.title);
    d.appendChild(ta); d.appendChild(tj);
    body.appendChild(d);
  }

  [['copy-scorecard', '.scorecard-md'], ['copy-scorecard-json', '.scorecard-json']].forEach(function (pair) {
    var btn = document.getElementById(pair[0]);
    if (btn) {
      btn.addEventListener('click', function () {
        var ta = document.querySelector(pair[1]);
        window.WarroomSite.copy(ta ? ta.value : '', btn.parentNode.querySelector('.copy-status'));
      });
    }
  });
  var printBtn = document.getElementById('print-scorecard');
  if (printBtn) {
    printBtn.addEventListener('click', function () {
      document.body.classList.add('print-scorecard');
      window.print();
      document.body.classList.remove('print-scorecard');
    });
  }
  window.WarroomQuiz = { state: function () { return state; }, study: study, update: update };
  update();
}());
