/* warroom quiz: renders feedback, keeps progress in localStorage, shows the scorecard.
 * Grading itself lives in grading.js. A question's key is decoded only once it is answered. */
(function () {
  'use strict';
  var G = window.WarroomGrading;
  var dataEl = document.getElementById('quiz-data');
  if (!G || !dataEl) { return; }
  var data = JSON.parse(dataEl.textContent);
  var STORE = 'warroom.quiz.' + data.problem;
  var SUMMARY = 'warroom.scorecard.' + data.problem;
  var byId = {};
  data.questions.forEach(function (q) { byId[q.id] = q; });
  var keys = {};
  var state = load();

  function load() {
    try { var s = JSON.parse(localStorage.getItem(STORE)); if (s && s.answers) { return s; } } catch (e) { /* fresh start */ }
    return { v: 1, answers: {} };
  }
  function save() {
    try { localStorage.setItem(STORE, JSON.stringify(state)); } catch (e) { /* storage off: progress lives in this tab */ }
  }
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

  function readResponse(form, q) {
    switch (q.type) {
      case 'single': case 'decision': {
        var r = form.querySelector('input[type=radio]:checked');
        return r ? { choice: Number(r.value) } : null;
      }
      case 'multiple': {
        var picked = Array.prototype.map.call(form.querySelectorAll('input[type=checkbox]:checked'), function (c) { return Number(c.value); });
        return picked.length ? { choices: picked } : null;
      }
      case 'numeric': {
        var raw = form.querySelector('input[name=value]').value.trim().replace(/,/g, '').replace(/\s*%$/, '');
        return raw === '' || isNaN(Number(raw)) ? null : { value: Number(raw) };
      }
      case 'ordering':
        return { order: Array.prototype.map.call(form.querySelectorAll('.order-list > li'), function (li) { return Number(li.dataset.i); }) };
      case 'matching': {
        var m = Array.prototype.map.call(form.querySelectorAll('select'), function (s) { return s.value === '' ? -1 : Number(s.value); });
        return m.indexOf(-1) >= 0 ? null : { match: m };
      }
      case 'free_text': {
        var t = form.querySelector('textarea').value.trim();
        return t ? { text: t } : null;
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
      case 'numeric': form.querySelector('input[name=value]').value = String(r.value); break;
      case 'ordering': {
        var list = form.querySelector('.order-list');
        r.order.forEach(function (i) { var li = list.querySelector('li[data-i="' + i + '"]'); if (li) { list.appendChild(li); } });
        break;
      }
      case 'matching':
        form.querySelectorAll('select').forEach(function (s, i) { s.value = String(r.match[i]); });
        break;
      case 'free_text': form.querySelector('textarea').value = r.text || ''; break;
    }
  }

  function lock(form, locked) {
    form.querySelectorAll('input, select, textarea, .order-btns button, button.check').forEach(function (e) { e.disabled = locked; });
    var retry = form.querySelector('.retry');
    if (retry) { retry.hidden = !locked; }
    form.classList.toggle('answered', locked);
  }

  function verdict(s) {
    if (s.correct) { return 'Correct.'; }
    if (s.raw > 0 || s.fraction > 0) { return 'Partly right.'; }
    return 'Not quite.';
  }

  function showFeedback(form, q, r) {
    var k = key(q.id);
    var s = G.score(q, k, r);
    var box = form.querySelector('.q-feedback');
    box.textContent = '';
    box.className = 'q-feedback ' + (s.correct ? 'ok' : s.raw > 0 ? 'partial' : 'wrong');
    var levels = Object.keys(q.dims).map(function (d) {
      var ev = G.evidence(q, s)[d];
      return (data.rubric.filter(function (x) { return x.id === d; })[0] || { title: d }).title + ': ' + G.TITLES[ev];
    }).join(' · ');
    box.appendChild(h('p', 'verdict', verdict(s) + ' Evidence — ' + levels));
    var ul;
    switch (q.type) {
      case 'single': case 'decision': case 'multiple': {
        var picked = q.type === 'multiple' ? r.choices : [r.choice];
        form.querySelectorAll('label.choice').forEach(function (label, i) {
          var right = k.correct.indexOf(i) >= 0;
          label.classList.toggle('is-correct', right);
          label.classList.toggle('is-wrong', !right && picked.indexOf(i) >= 0);
        });
        ul = h('ul', 'choice-feedback');
        form.querySelectorAll('label.choice').forEach(function (label, i) {
          if (picked.indexOf(i) < 0 && !(q.type === 'multiple' && k.correct.indexOf(i) >= 0)) { return; }
          var li = h('li', k.correct.indexOf(i) >= 0 ? 'right' : 'wrong');
          li.appendChild(h('strong', null, (k.correct.indexOf(i) >= 0 ? '✓ ' : '✗ ') + label.textContent.trim().slice(0, 80) + (label.textContent.trim().length > 80 ? '…' : '') + ' — '));
          var span = h('span'); span.innerHTML = k.feedback[i]; li.appendChild(span);
          ul.appendChild(li);
        });
        box.appendChild(ul);
        break;
      }
      case 'numeric': {
        var tol = k.relative ? fmt(k.tolerance * 100) + ' %' : fmt(k.tolerance) + ' ' + k.unit;
        box.appendChild(h('p', null, 'The simulation gives ' + fmt(k.value) + ' ' + k.unit + ' (accepted within ±' + tol + '); you answered ' + fmt(r.value) + ' ' + k.unit + '.'));
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
          var ok = r.match[i] === k.match[i];
          ul.appendChild(h('li', ok ? 'right' : 'wrong', (ok ? '✓ ' : '✗ ') + row.querySelector('label').textContent + ' → ' + rightText));
        });
        box.appendChild(ul);
        break;
      }
      case 'free_text': {
        box.appendChild(h('p', null, 'You covered ' + r.checked.length + ' of ' + k.checklist.length + ' points of the checklist.'));
        var d = h('details', 'model-answer'); d.open = true;
        d.appendChild(h('summary', null, 'Model answer'));
        d.appendChild(htmlDiv('', k.model));
        box.appendChild(d);
        break;
      }
    }
    box.appendChild(htmlDiv('explanation', k.explanation));
    return s;
  }

  function selfAssess(form, q, r) {
    var k = key(q.id);
    var area = form.querySelector('.self-assess');
    area.textContent = '';
    area.hidden = false;
    area.appendChild(h('h4', null, 'Model answer'));
    area.appendChild(htmlDiv('model', k.model));
    var fs = h('fieldset', 'checklist');
    fs.appendChild(h('legend', null, 'Tick what your answer covers'));
    k.checklist.forEach(function (item, i) {
      var label = h('label', 'choice');
      var cb = h('input'); cb.type = 'checkbox'; cb.value = String(i); cb.name = q.id + '-check';
      var span = h('span'); span.innerHTML = item;
      label.appendChild(cb); label.appendChild(span); fs.appendChild(label);
    });
    area.appendChild(fs);
    var btn = h('button', 'btn primary save-self', 'Save self-assessment');
    btn.type = 'button';
    btn.addEventListener('click', function () {
      r.checked = Array.prototype.map.call(fs.querySelectorAll('input:checked'), function (c) { return Number(c.value); });
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
    r.v = q.v;
    state.answers[q.id] = r;
    save();
    showFeedback(form, q, r);
    lock(form, true);
    var retry = form.querySelector('.retry');
    if (retry) { retry.focus(); }
    update();
  }

  function reset(form, q) {
    delete state.answers[q.id];
    form.querySelectorAll('label.choice').forEach(function (l) { l.classList.remove('is-correct', 'is-wrong'); });
    var box = form.querySelector('.q-feedback');
    box.textContent = ''; box.className = 'q-feedback';
    var area = form.querySelector('.self-assess');
    if (area) { area.hidden = true; area.textContent = ''; }
    lock(form, false);
  }

  document.querySelectorAll('form.q').forEach(function (form) {
    var q = byId[form.dataset.qid];
    if (!q || !q.graded) { return; }
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var r = readResponse(form, q);
      var box = form.querySelector('.q-feedback');
      if (!r) {
        box.className = 'q-feedback warn';
        box.textContent = q.type === 'numeric' ? 'Enter a number first.' : q.type === 'free_text' ? 'Write your answer first.' : 'Answer every part first.';
        return;
      }
      if (q.type === 'free_text') { selfAssess(form, q, r); return; }
      answer(form, q, r);
    });
    form.querySelector('.retry').addEventListener('click', function () {
      reset(form, q);
      save();
      update();
      var first = form.querySelector('input, select, textarea, .order-btns button');
      if (first) { first.focus(); }
    });
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
    if (ta && q.type === 'free_text') {
      // an unfinished answer survives a reload too
      if (state.drafts && state.drafts[q.id] && !state.answers[q.id]) { ta.value = state.drafts[q.id]; }
      ta.addEventListener('input', function () {
        state.drafts = state.drafts || {};
        state.drafts[q.id] = ta.value;
        save();
      });
    }
    var r = state.answers[q.id];
    if (r && r.v !== q.v) { delete state.answers[q.id]; save(); r = null; }
    if (r) {
      try { restore(form, q, r); showFeedback(form, q, r); lock(form, true); } catch (e) { reset(form, q); save(); }
    }
  });

  var resetAll = document.getElementById('quiz-reset');
  if (resetAll) {
    resetAll.addEventListener('click', function () {
      document.querySelectorAll('form.q').forEach(function (form) {
        var q = byId[form.dataset.qid];
        if (q && q.graded) { reset(form, q); form.reset(); }
      });
      state = { v: 1, answers: {} };
      try { localStorage.removeItem(STORE); localStorage.removeItem(SUMMARY); } catch (e) { /* nothing stored */ }
      update();
    });
  }

  function decodedKeys() {
    var out = {};
    Object.keys(state.answers).forEach(function (id) { if (data.keys[id]) { out[id] = key(id); } });
    return out;
  }

  function update() {
    var card = G.scorecard(data, decodedKeys(), state.answers);
    var n = document.querySelector('.quiz-progress .answered');
    if (n) { n.textContent = String(card.answered); }
    var meter = document.querySelector('.quiz-meter');
    if (meter) { meter.value = card.answered; meter.textContent = String(card.answered); }
    try {
      if (card.answered) {
        var ratings = {};
        card.rows.forEach(function (r) { ratings[r.id] = r.rating; });
        localStorage.setItem(SUMMARY, JSON.stringify({ title: data.title, answered: card.answered, total: card.total, complete: card.complete, ratings: ratings }));
      } else { localStorage.removeItem(SUMMARY); }
    } catch (e) { /* storage off */ }
    render(card);
  }

  function render(card) {
    var sec = document.getElementById('scorecard');
    if (!sec) { return; }
    sec.hidden = !card.complete;
    var body = sec.querySelector('.scorecard-body');
    body.textContent = '';
    if (!card.complete) { return; }
    var table = h('table', 'scorecard-table');
    table.appendChild(h('caption', null, 'Rating per rubric dimension'));
    var thead = h('thead'); var tr = h('tr');
    ['Dimension', 'Rating', 'Justification'].forEach(function (t) { var th = h('th', null, t); th.scope = 'col'; tr.appendChild(th); });
    thead.appendChild(tr); table.appendChild(thead);
    var tbody = h('tbody');
    card.rows.forEach(function (r) {
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
      var ol = h(cls === 'resources' ? 'ul' : 'ol', cls);
      items.forEach(function (it) { var li = h('li'); fill(li, it); ol.appendChild(li); });
      body.appendChild(ol);
    }
    list('Strengths', 'strengths', card.strengths, function (li, s) { li.textContent = s.text; });
    list('Areas to improve', 'improvements', card.improvements, function (li, s) {
      li.appendChild(document.createTextNode(s.text + ' '));
      if (s.phase) { var a = h('a', null, 'Go to the phase'); a.href = '#phase-' + s.phase; li.appendChild(a); }
    });
    list('Resources for your gaps', 'resources', card.resources, function (li, r) {
      var a = h('a', null, r.title); a.href = r.url; a.rel = 'noopener'; li.appendChild(a);
      if (r.note) { li.appendChild(document.createTextNode(' — ' + r.note)); }
    });
    var d = h('details', 'scorecard-md-box');
    d.appendChild(h('summary', null, 'Markdown'));
    var ta = h('textarea', 'scorecard-md'); ta.readOnly = true; ta.rows = 12; ta.setAttribute('aria-label', 'Scorecard as Markdown');
    ta.value = G.toMarkdown(card, data.title);
    d.appendChild(ta);
    body.appendChild(d);
  }

  var copyBtn = document.getElementById('copy-scorecard');
  if (copyBtn) {
    copyBtn.addEventListener('click', function () {
      var ta = document.querySelector('.scorecard-md');
      window.WarroomSite.copy(ta ? ta.value : '', copyBtn.parentNode.querySelector('.copy-status'));
    });
  }
  var printBtn = document.getElementById('print-scorecard');
  if (printBtn) {
    printBtn.addEventListener('click', function () {
      document.body.classList.add('print-scorecard');
      window.print();
      document.body.classList.remove('print-scorecard');
    });
  }
  update();
}());
