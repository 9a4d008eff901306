/* warroom items: the one registry of question and decision types. Each type is one entry:
 *   score(q, key, r)              pure: {correct, fraction 0..1, raw 0..2 (the level the answer shows)}
 *   read(form, q)                 the learner's response from the form, null when unanswered, or {error}
 *   restore(form, q, r)           puts a stored response back into the form
 *   feedback(form, q, key, box, r) shows the right answer (after an answer, or on "Show me the answer")
 *   setup(form, q)                optional: wires the type's own controls
 *   commit                        'answer' (graded at once), 'self' (model answer, then a self-assessment), 'pick' (decisions)
 *   assess(fs, q, key, ctx), assessed(fs, r)   for 'self': build the self-assessment, read it into r
 *   selfAssessed                  the rating is the learner's own (the scorecard says so)
 *   did(item, key, strong, firstSentence)  optional: the scorecard's words for what the learner did
 *   empty                         what to say when Check is pressed with nothing answered
 * grading.js scores through it, quiz.js drives the page through it. The numeric tolerance rule
 * lives here once (within); the Java side has its own copy in bank.Tolerance, and a node test
 * checks both agree on fixtures the Java side writes. */
(function (root, factory) {
  var api = factory();
  if (typeof module === 'object' && module.exports) { module.exports = api; } else { root.WarroomItems = api; }
}(typeof self !== 'undefined' ? self : this, function () {
  'use strict';
  var LEVELS = ['novice', 'intermediate', 'expert'];
  var TITLES = ['Novice', 'Intermediate', 'Expert'];

  function lv(name) { var i = LEVELS.indexOf(name); return i < 0 ? 0 : i; }
  function contains(list, x) { return list.indexOf(x) >= 0; }

  /** The tolerance rule: |actual − reference| ≤ (relative ? |reference| × tolerance : tolerance), with 1e-9 of slack. */
  function within(actual, reference, tolerance, relative) {
    return isFinite(actual) && Math.abs(actual - reference) <= allowed(reference, tolerance, relative) + 1e-9;
  }
  function allowed(reference, tolerance, relative) { return relative ? Math.abs(reference) * tolerance : tolerance; }

  // ---- DOM helpers (called only in the browser) ----
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
  function all(form, css) { return Array.prototype.slice.call(form.querySelectorAll(css)); }

  /** Marks the choices right and wrong and lists the feedback of the picked (and, where useful, the right) ones. */
  function choiceFeedback(form, k, box, r, picked, multiple) {
    all(form, 'label.choice').forEach(function (label, i) {
      var right = contains(k.correct, i);
      label.classList.toggle('is-correct', right);
      label.classList.toggle('is-wrong', !right && contains(picked, i));
    });
    var ul = h('ul', 'choice-feedback');
    all(form, 'label.choice').forEach(function (label, i) {
      var right = contains(k.correct, i);
      if (!contains(picked, i) && !(right && (!r || multiple))) { return; }
      var li = h('li', right ? 'right' : 'wrong');
      li.appendChild(h('strong', null, (right ? '✓ ' : '✗ ') + short(label.textContent, 80) + ' — '));
      var span = h('span'); span.innerHTML = k.feedback[i]; li.appendChild(span);
      ul.appendChild(li);
    });
    box.appendChild(ul);
  }

  function modelAnswer(k, box) {
    var d = h('details', 'model-answer'); d.open = true;
    d.appendChild(h('summary', null, 'Model answer'));
    d.appendChild(htmlDiv('', k.model));
    box.appendChild(d);
  }

  var single = {
    commit: 'answer', empty: 'Pick an answer first.',
    score: function (q, key, r) {
      var c = r && typeof r.choice === 'number' ? r.choice : -1;
      var correct = contains(key.correct, c);
      var level = key.levels && key.levels[c];
      return { correct: correct, fraction: correct ? 1 : 0, raw: level ? lv(level) : (correct ? 2 : 0) };
    },
    read: function (form) {
      var r = form.querySelector('input[type=radio]:checked');
      return r ? { choice: Number(r.value), said: short(labelText(form, Number(r.value)), 90) } : null;
    },
    restore: function (form, q, r) { all(form, 'input').forEach(function (i) { i.checked = Number(i.value) === r.choice; }); },
    feedback: function (form, q, k, box, r) { choiceFeedback(form, k, box, r, r ? [r.choice] : [], false); }
  };

  var TYPES = {
    single: single,
    decision: single,

    multiple: {
      commit: 'answer', empty: 'Pick at least one answer first.',
      score: function (q, key, r) {
        var picked = (r && r.choices) || [], tp = 0, fp = 0;
        picked.forEach(function (c) { if (contains(key.correct, c)) { tp++; } else { fp++; } });
        var fraction = Math.max(0, (tp - fp) / key.correct.length);
        var correct = tp === key.correct.length && fp === 0;
        return { correct: correct, fraction: fraction, raw: correct ? 2 : fraction >= 0.5 ? 1 : 0 };
      },
      read: function (form) {
        var picked = all(form, 'input[type=checkbox]:checked').map(function (c) { return Number(c.value); });
        return picked.length ? { choices: picked, said: short(picked.map(function (i) { return labelText(form, i); }).join('; '), 120) } : null;
      },
      restore: function (form, q, r) { all(form, 'input').forEach(function (i) { i.checked = contains(r.choices, Number(i.value)); }); },
      feedback: function (form, q, k, box, r) { choiceFeedback(form, k, box, r, r ? r.choices : [], true); }
    },

    numeric: {
      commit: 'answer', empty: 'Enter a number first.',
      score: function (q, key, r) {
        var v = r ? Number(r.value) : NaN;
        var correct = within(v, key.value, key.tolerance, key.relative);
        var fraction = correct ? 1 : within(v, key.value, 3 * key.tolerance, key.relative) ? 0.5 : 0;
        return { correct: correct, fraction: fraction, raw: correct ? 2 : fraction > 0 ? 1 : 0 };
      },
      read: function (form, q) {
        var typed = form.querySelector('input[name=value]').value;
        var n = root().parseNumber(typed, q.unit);
        return n.error ? { error: n.error } : { value: n.value, typed: typed.trim(), said: n.echo };
      },
      restore: function (form, q, r) { form.querySelector('input[name=value]').value = r.typed != null ? r.typed : String(r.value); },
      feedback: function (form, q, k, box, r) {
        var tol = k.relative ? fmt(k.tolerance * 100) + ' %' : fmt(k.tolerance) + ' ' + k.unit;
        box.appendChild(h('p', null, 'The simulation gives ' + fmt(k.value) + ' ' + k.unit + ' (accepted within ±' + tol + ')' +
          (r ? '; you answered ' + (r.said || fmt(r.value)) + (r.said ? '' : ' ' + k.unit) : '') + '.'));
      }
    },

    ordering: {
      commit: 'answer', empty: 'Put the items in order first.',
      score: function (q, key, r) {
        // key.order[k] = display index of the k-th item in the right order; r.order = display indices as arranged
        var pos = {}, n = key.order.length, pairs = 0, good = 0, i, j;
        var arranged = (r && r.order) || [];
        for (i = 0; i < arranged.length; i++) { pos[arranged[i]] = i; }
        for (i = 0; i < n; i++) {
          for (j = i + 1; j < n; j++) { pairs++; if (pos[key.order[i]] < pos[key.order[j]]) { good++; } }
        }
        var fraction = pairs ? good / pairs : 1;
        return { correct: good === pairs, fraction: fraction, raw: good === pairs ? 2 : fraction >= 0.75 ? 1 : 0 };
      },
      read: function (form) {
        var order = all(form, '.order-list > li').map(function (li) { return Number(li.dataset.i); });
        var first = form.querySelector('.order-list > li .item-text');
        return { order: order, said: 'starting with ' + short(first ? first.textContent : '', 60) };
      },
      restore: function (form, q, r) {
        var list = form.querySelector('.order-list');
        r.order.forEach(function (i) { var li = list.querySelector('li[data-i="' + i + '"]'); if (li) { list.appendChild(li); } });
      },
      feedback: function (form, q, k, box) {
        box.appendChild(h('p', null, 'The right order:'));
        var ol = h('ol', 'right-order');
        k.order.forEach(function (i) { var li = form.querySelector('.order-list li[data-i="' + i + '"] .item-text'); ol.appendChild(h('li', null, li ? li.textContent : '')); });
        box.appendChild(ol);
      },
      setup: function (form) {
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
        all(form, '.order-list > li').forEach(function (li) {
          var text = li.querySelector('.item-text').textContent.trim();
          li.querySelector('.up').setAttribute('aria-label', 'Move up: ' + text);
          li.querySelector('.down').setAttribute('aria-label', 'Move down: ' + text);
        });
      }
    },

    matching: {
      commit: 'answer', empty: 'Match every row first.',
      score: function (q, key, r) {
        var m = (r && r.match) || [], right = 0;
        key.match.forEach(function (x, i) { if (m[i] === x) { right++; } });
        var fraction = right / key.match.length;
        return { correct: right === key.match.length, fraction: fraction, raw: right === key.match.length ? 2 : fraction >= 0.5 ? 1 : 0 };
      },
      read: function (form) {
        var m = all(form, 'select').map(function (s) { return s.value === '' ? -1 : Number(s.value); });
        return contains(m, -1) ? null : { match: m };
      },
      restore: function (form, q, r) { all(form, 'select').forEach(function (s, i) { s.value = String(r.match[i]); }); },
      feedback: function (form, q, k, box, r) {
        var ul = h('ul', 'match-feedback');
        all(form, '.match-row').forEach(function (row, i) {
          var rightText = row.querySelector('select option[value="' + k.match[i] + '"]').textContent;
          var ok = r && r.match[i] === k.match[i];
          ul.appendChild(h('li', !r ? '' : ok ? 'right' : 'wrong', (!r ? '' : ok ? '✓ ' : '✗ ') + row.querySelector('label').textContent + ' → ' + rightText));
        });
        box.appendChild(ul);
      }
    },

    free_text: {
      commit: 'self', empty: 'Write your answer first.',
      score: function (q, key, r) {
        var checked = (r && r.checked) || [];
        var fraction = key.checklist.length ? checked.length / key.checklist.length : 0;
        return { correct: fraction >= 0.8, fraction: fraction, raw: fraction >= 0.8 ? 2 : fraction >= 0.4 ? 1 : 0 };
      },
      read: readText,
      restore: restoreText,
      feedback: function (form, q, k, box, r) {
        if (r) { box.appendChild(h('p', null, 'You covered ' + r.checked.length + ' of ' + k.checklist.length + ' points of the checklist.')); }
        modelAnswer(k, box);
      },
      /** After the model answer: tick what the answer covers. */
      assess: function (fs, q, k) {
        fs.appendChild(h('legend', null, 'Tick what your answer covers'));
        k.checklist.forEach(function (item, i) {
          var label = h('label', 'choice');
          var cb = h('input'); cb.type = 'checkbox'; cb.value = String(i); cb.name = q.id + '-check';
          var span = h('span'); span.innerHTML = item;
          label.appendChild(cb); label.appendChild(span); fs.appendChild(label);
        });
      },
      assessed: function (fs, r) {
        r.checked = all(fs, 'input:checked').map(function (c) { return Number(c.value); });
        return true;
      }
    },

    self_rating: {
      commit: 'self', empty: 'Write your answer first.',
      // the learner's own rating of their answer to the room against the rubric row
      score: function (q, key, r) {
        var raw = r && r.level ? lv(r.level) : 0;
        return { correct: raw === 2, fraction: raw / 2, raw: raw };
      },
      read: readText,
      restore: restoreText,
      feedback: function (form, q, k, box, r) {
        if (r) { box.appendChild(h('p', null, 'You rated yourself ' + TITLES[lv(r.level)] + ' (self-assessed).')); }
        modelAnswer(k, box);
      },
      selfAssessed: true,
      did: function (it, key, strong) {
        return 'you rated your own answer ' + TITLES[it.s.raw] + ' against the rubric (self-assessed)' +
          (strong ? '.' : '; compare it with the model answer again and name what it left out.');
      },
      /** After the model answer: rate the answer against the dimension's rubric row. */
      assess: function (fs, q, k, ctx) {
        var dim = Object.keys(q.dims)[0], row = ctx.rubric.filter(function (x) { return x.id === dim; })[0] || {};
        fs.appendChild(h('legend', null, 'Rate your answer against the rubric row for ' + ctx.dimTitle(dim)));
        LEVELS.forEach(function (lvl, i) {
          var label = h('label', 'choice');
          var rb = h('input'); rb.type = 'radio'; rb.value = lvl; rb.name = q.id + '-level';
          label.appendChild(rb); label.appendChild(h('span', null, TITLES[i] + ': ' + (row[lvl] || '')));
          fs.appendChild(label);
        });
      },
      assessed: function (fs, r) {
        var picked = fs.querySelector('input:checked');
        if (!picked) { return false; }
        r.level = picked.value;
        return true;
      }
    },

    decision_pick: {
      commit: 'pick', empty: 'Pick an action first.',
      // the first pick is what counts; later picks are the room trying again
      score: function (q, key, r) {
        var first = r && r.picks && r.picks.length ? key.options[r.picks[0]] : null;
        var raw = first ? lv(first.rating) : 0;
        return { correct: raw === 2, fraction: raw / 2, raw: raw };
      },
      read: function (form) {
        var d = form.querySelector('input[type=radio]:checked');
        return d ? { pick: Number(d.value) } : null;
      },
      restore: function () { /* quiz.js replays the picks */ },
      did: function (it, key, strong, firstSentence) {
        var first = key.options[it.r.picks[0]];
        return 'At ' + it.q.clock + ' you first chose “' + first.label + '” (' + first.rating + ')' +
          (first.outcome ? ': ' + first.outcome : '') + (strong ? '.' : '. ' + firstSentence(first.why));
      },
      feedback: function () { /* quiz.js shows the picks and the branch */ }
    },

    /** A pick on the topology or a dashboard: one service is the answer. */
    pick: {
      commit: 'answer', empty: 'Pick a service first.',
      score: function (q, key, r) {
        var correct = !!r && r.node === key.answer;
        return { correct: correct, fraction: correct ? 1 : 0, raw: correct ? 2 : 0 };
      },
      read: function (form) {
        var b = form.querySelector('.pick-node[aria-pressed="true"]');
        return b ? { node: b.dataset.node, said: short(b.textContent, 60) } : null;
      },
      restore: function (form, q, r) { press(form, r.node); },
      feedback: function (form, q, k, box, r) {
        all(form, '.pick-node, [data-node]').forEach(function (el) {
          el.classList.toggle('is-correct', el.dataset.node === k.answer);
          el.classList.toggle('is-wrong', !!r && el.dataset.node === r.node && r.node !== k.answer);
        });
        var right = form.querySelector('.pick-node[data-node="' + k.answer + '"]');
        box.appendChild(h('p', null, 'It is ' + (right ? right.textContent.trim() : k.answer) +
          (r ? '; you picked ' + r.said : '') + '.'));
      },
      setup: function (form) {
        // the buttons are the accessible control; the drawing's nodes are a larger target for the same pick
        form.addEventListener('click', function (ev) {
          var el = ev.target.closest('.pick-node, svg [data-node]');
          if (el && form.contains(el) && !form.classList.contains('answered')) { press(form, el.dataset.node); }
        });
      }
    }
  };

  function press(form, node) {
    all(form, '.pick-node').forEach(function (b) { b.setAttribute('aria-pressed', String(b.dataset.node === node)); });
    all(form, 'svg [data-node]').forEach(function (g) { g.classList.toggle('picked', g.dataset.node === node); });
  }

  function readText(form) {
    var t = form.querySelector('textarea').value.trim();
    return t ? { text: t, said: short(t, 80) } : null;
  }
  function restoreText(form, q, r) { form.querySelector('textarea').value = r.text || ''; }

  /** The grading module (parseNumber), found lazily: it loads after this file on the page. */
  function root() { return typeof WarroomGrading !== 'undefined' ? WarroomGrading : require('./grading.js'); }

  /** The entry of a type; throws on a type this page does not know. */
  function of(type) {
    var t = TYPES[type];
    if (!t) { throw new Error('unknown question type ' + type); }
    return t;
  }

  return { LEVELS: LEVELS, TITLES: TITLES, lv: lv, within: within, allowed: allowed, of: of,
    types: Object.keys(TYPES), h: h, htmlDiv: htmlDiv, fmt: fmt, short: short };
}));
