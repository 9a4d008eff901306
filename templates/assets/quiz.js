/* warroom quiz: commits answers, renders feedback, keeps progress in localStorage, shows the scorecard.
 * Grading itself lives in grading.js. A question's key is decoded only once it is answered or its
 * answer is asked for. The first committed answer is the one that counts: "Try again" is practice,
 * an answer after "Show me the answer" evidences nothing, hints in a phase lower what it can show.
 * drill.js listens to the 'warroom:progress' event to open phases and the debrief. */
(function () {
  'use strict';
  var G = window.WarroomGrading;
  var dataEl = document.getElementById('quiz-data');
  if (!G || !dataEl) { return; }
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
  function h(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text != null) { e.textContent = text; }
    return e;
  }
  function htmlDiv(cls, html) { var d = h('div', cls); d.innerHTML = html; return d; }
  function fmt(n) { return (Math.round(n * 100) / 100).toLocaleString('en'); }
  function short(t, n) { t = String(t || '').replace(/\s+/g, ' ').trim(); return t.length > n ? t.slice(0, n - 1) + '…' : t; }
  function labelText(form, i) { var l = form.querySelectorAll('label.choice')[i]; return l ? l.textContent.trim() : ''; }

  /** Hints revealed so far in the probes of a phase. */
  function hintsIn(phase) {
    var n = 0;
    document.querySelectorAll('.phase[data-phase="' + phase + '"] .probe').forEach(function (p) { n += state.hints[p.dataset.probe] || 0; });
    return n;
  }

  function readResponse(form, q) {
    switch (q.type) {
      case 'single': case 'decision': {
        var r = form.querySelector('input[type=radio]:checked');
        return r ? { choice: Number(r.value), said: short(labelText(form, Number(r.value)), 90) } : null;
      }
      case 'multiple': {
        var picked = Array.prototype.map.call(form.querySelectorAll('input[type=checkbox]:checked'), function (c) { return Number(c.value); });
        return picked.length ? { choices: picked, said: short(picked.map(function (i) { return labelText(form, i); }).join('; '), 120) } : null;
      }
      case 'numeric': {
        var typed = form.querySelector('input[name=value]').value;
        var n = G.parseNumber(typed, q.unit);
        return n.error ? { error: n.error } : { value: n.value, typed: typed.trim(), said: n.echo };
      }
      case 'ordering': {
        var order = Array.prototype.map.call(form.querySelectorAll('.order-list > li'), function (li) { return Number(li.dataset.i); });
        var first = form.querySelector('.order-list > li .item-text');
        return { order: order, said: 'starting with ' + short(first ? first.textContent : '', 60) };
      }
      case 'matching': {
        var m = Array.prototype.map.call(form.querySelectorAll('select'), function (s) { return s.value === '' ? -1 : Number(s.value); });
        return m.indexOf(-1) >= 0 ? null : { match: m };
      }
      case 'free_text': case 'self_rating': {
        var t = form.querySelector('textarea').value.trim();
        return t ? { text: t, said: short(t, 80) } : null;
      }
      case 'decision_pick': {
        var d = form.querySelector('input[type=radio]:checked');
        return d ? { pick: Number(d.value) } : null;
      }
    }
    return null;
  }

  function restore(form, q, r) {
    switch (q.type) {
      case 'single': case 'decision':
        form.querySelectorAll('input').forEach(function (i) { i.checked = Number(i.value) === r.choice; });
        break;
      case 'multiple':
        form.querySelectorAll('input').forEach(function (i) { i.checked = r.choices.indexOf(Number(i.value)) >= 0; });
        break;
      case 'numeric': form.querySelector('input[name=value]').value = r.typed != null ? r.typed : String(r.value); break;
      case 'ordering': {
        var list = form.querySelector('.order-list');
        r.order.forEach(function (i) { var li = list.querySelector('li[data-i="' + i + '"]'); if (li) { list.appendChild(li); } });
        break;
      }
      case 'matching':
        form.querySelectorAll('select').forEach(function (s, i) { s.value = String(r.match[i]); });
        break;
      case 'free_text': case 'self_rating': form.querySelector('textarea').value = r.text || ''; break;
    }
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
    var ul;
    switch (q.type) {
      case 'single': case 'decision': case 'multiple': {
        var picked = r ? (q.type === 'multiple' ? r.choices : [r.choice]) : [];
        form.querySelectorAll('label.choice').forEach(function (label, i) {
          var right = k.correct.indexOf(i) >= 0;
          label.classList.toggle('is-correct', right);
          label.classList.toggle('is-wrong', !right && picked.indexOf(i) >= 0);
        });
        ul = h('ul', 'choice-feedback');
        form.querySelectorAll('label.choice').forEach(function (label, i) {
          var right = k.correct.indexOf(i) >= 0;
          if (picked.indexOf(i) < 0 && !(right && (!r || q.type === 'multiple'))) { return; }
          var li = h('li', right ? 'right' : 'wrong');
          li.appendChild(h('strong', null, (right ? '✓ ' : '✗ ') + short(label.textContent, 80) + ' — '));
          var span = h('span'); span.innerHTML = k.feedback[i]; li.appendChild(span);
          ul.appendChild(li);
        });
        box.appendChild(ul);
        break;
      }
      case 'numeric': {
        var tol = k.relative ? fmt(k.tolerance * 100) + ' %' : fmt(k.tolerance) + ' ' + k.unit;
        box.appendChild(h('p', null, 'The simulation gives ' + fmt(k.value) + ' ' + k.unit + ' (accepted within ±' + tol + ')' +
          (r ? '; you answered ' + (r.said || fmt(r.value)) + (r.said ? '' : ' ' + k.unit) : '') + '.'));
        break;
      }
      case 'ordering': {
        box.appendChild(h('p', null, 'The right order:'));
        var ol = h('ol', 'right-order');
        k.order.forEach(function (i) { var li = form.querySelector('.order-list li[data-i="' + i + '"] .item-text'); ol.appendChild(h('li', null, li ? li.textContent : '')); });
        box.appendChild(ol);
        break;
      }
      case 'matching': {
        ul = h('ul', 'match-feedback');
        form.querySelectorAll('.match-row').forEach(function (row, i) {
          var sel = row.querySelector('select');
          var rightText = sel.querySelector('option[value="' + k.match[i] + '"]').textContent;
          var ok = r && r.match[i] === k.match[i];
          ul.appendChild(h('li', !r ? '' : ok ? 'right' : 'wrong', (!r ? '' : ok ? '✓ ' : '✗ ') + row.querySelector('label').textContent + ' → ' + rightText));
        });
        box.appendChild(ul);
        break;
      }
      case 'free_text': case 'self_rating': {
        if (r && q.type === 'free_text') { box.appendChild(h('p', null, 'You covered ' + r.checked.length + ' of ' + k.checklist.length + ' points of the checklist.')); }
        if (r && q.type === 'self_rating') { box.appendChild(h('p', null, 'You rated yourself ' + G.TITLES[G.LEVELS.indexOf(r.level)] + ' (self-assessed).')); }
        var d = h('details', 'model-answer'); d.open = true;
        d.appendChild(h('summary', null, 'Model answer'));
        d.appendChild(htmlDiv('', k.model));
        box.appendChild(d);
        break;
      }
    }
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
    box.appendChild(h('p', 'verdict', (q.type === 'self_rating' ? 'Saved.' : verdict(s)) + ' Evidence — ' + levels + (q.type === 'self_rating' ? ' (self-assessed).' : '.') + note));
    showKey(form, q, k, box, shown);
    return s;
  }

  /** Free text: show the model answer, then ask for a checklist (free_text) or a rubric level (self_rating). */
  function selfAssess(form, q, r) {
    var k = key(q.id);
    var area = form.querySelector('.self-assess');
    area.textContent = '';
    area.hidden = false;
    area.appendChild(h('h4', null, 'Model answer'));
    area.appendChild(htmlDiv('model', k.model));
    var fs = h('fieldset', 'checklist');
    if (q.type === 'self_rating') {
      var dim = Object.keys(q.dims)[0], row = data.rubric.filter(function (x) { return x.id === dim; })[0] || {};
      fs.appendChild(h('legend', null, 'Rate your answer against the rubric row for ' + dimTitle(dim)));
      G.LEVELS.forEach(function (lvl, i) {
        var label = h('label', 'choice');
        var rb = h('input'); rb.type = 'radio'; rb.value = lvl; rb.name = q.id + '-level';
        label.appendChild(rb); label.appendChild(h('span', null, G.TITLES[i] + ': ' + (row[lvl] || '')));
        fs.appendChild(label);
      });
    } else {
      fs.appendChild(h('legend', null, 'Tick what your answer covers'));
      k.checklist.forEach(function (item, i) {
        var label = h('label', 'choice');
        var cb = h('input'); cb.type = 'checkbox'; cb.value = String(i); cb.name = q.id + '-check';
        var span = h('span'); span.innerHTML = item;
        label.appendChild(cb); label.appendChild(span); fs.appendChild(label);
      });
    }
    area.appendChild(fs);
    var btn = h('button', 'btn primary save-self', q.type === 'self_rating' ? 'Save self-rating' : 'Save self-assessment');
    btn.type = 'button';
    btn.addEventListener('click', function () {
      if (q.type === 'self_rating') {
        var picked = fs.querySelector('input:checked');
        if (!picked) { return; }
        r.level = picked.value;
      } else {
        r.checked = Array.prototype.map.call(fs.querySelectorAll('input:checked'), function (c) { return Number(c.value); });
      }
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
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var r = readResponse(form, q);
      var box = form.querySelector('.q-feedback');
      if (!r || r.error) {
        box.className = 'q-feedback warn';
        box.textContent = r && r.error ? r.error : q.type === 'numeric' ? 'Enter a number first.' : q.type === 'free_text' || q.type === 'self_rating' ? 'Write your answer first.' : q.type === 'decision_pick' ? 'Pick an action first.' : 'Answer every part first.';
        return;
      }
      if (q.type === 'decision_pick') { pick(form, q, r); return; }
      if (q.type === 'free_text' || q.type === 'self_rating') { selfAssess(form, q, r); return; }
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
    form.querySelectorAll('.order-list').forEach(function (list) {
      list.addEventListener('click', function (ev) {
        var b = ev.target.closest('button');
        if (!b) { return; }
        var li = b.closest('li');
        if (b.classList.contains('up') && li.previousElementSibling) { list.insertBefore(li, li.previousElementSibling); }
        if (b.classList.contains('down') && li.nextElementSibling) { list.insertBefore(li.nextElementSibling, li); }
        b.focus();
      });
    });
    form.querySelectorAll('.order-list > li').forEach(function (li) {
      var text = li.querySelector('.item-text').textContent.trim();
      li.querySelector('.up').setAttribute('aria-label', 'Move up: ' + text);
      li.querySelector('.down').setAttribute('aria-label', 'Move down: ' + text);
    });
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
        if (q.type === 'decision_pick') { showPicks(form, q, r); } else {
          var shown = state.latest[q.id] || r;
          if (state.latest[q.id] === undefined && state.answers[q.id]) {
            // after a reload, "Try again" was open: show the form open again
            restore(form, q, r); retry(form, q);
          } else { restore(form, q, shown); showFeedback(form, q, shown); lock(form, true); }
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
