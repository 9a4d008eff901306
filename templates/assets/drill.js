/* warroom drill: the problem page as a war room. It opens at YOU ARE HERE; each phase opens when
 * every item of the one before is committed, and its model answers unlock when its own items
 * are; after the last phase the debrief unlocks (the rest of the timeline, the walkthrough, every
 * what-if video, every option of every decision with its outcome and animation, the model
 * postmortem) and the stepper runs past the present. Until then the
 * baseline video stops at YOU ARE HERE. ?study=1 (or #study) shows everything and records nothing. */
(function () {
  'use strict';
  var root = document.getElementById('drill');
  var dataEl = document.getElementById('quiz-data');
  if (!root || !dataEl) { return; }
  var data = JSON.parse(dataEl.textContent);
  var G = window.WarroomGrading;
  var Q = window.WarroomQuiz;
  var study = Q ? Q.study : /[?&]study=1\b/.test(location.search) || location.hash === '#study';
  var here = Number(root.dataset.here);
  var phases = Array.prototype.slice.call(document.querySelectorAll('.phase[data-phase]'));
  var debriefOpen = false;

  function itemsOf(phase) { return data.questions.filter(function (q) { return q.graded && q.phase === phase; }); }
  function enhance(el) { if (window.WarroomSite && window.WarroomSite.enhance) { window.WarroomSite.enhance(el); } }
  function unlock(template, slot) {
    if (!template || !slot || slot.dataset.open) { return; }
    slot.dataset.open = '1';
    slot.appendChild(template.content.cloneNode(true));
    enhance(slot);
  }

  function openPhaseAnswers(sec) {
    sec.querySelectorAll('.probe').forEach(function (p) { unlock(p.querySelector('template.probe-answer'), p.querySelector('.probe-answer-slot')); });
    unlock(sec.querySelector('template.phase-debrief'), sec.querySelector('.phase-debrief-slot'));
  }

  function openDebrief() {
    if (debriefOpen) { return; }
    debriefOpen = true;
    var note = document.querySelector('.debrief-locked');
    if (note) { note.hidden = true; }
    unlock(document.getElementById('debrief-template'), document.querySelector('.debrief-slot'));
    var base = document.querySelector('#sec-now .stepper');
    var later = base && base.querySelector('template.frames-later');
    if (later && base.warroomStepper) { base.warroomStepper.extend(JSON.parse(later.content.textContent)); }
    showAllOutcomes();
  }

  /** Every option of every decision with its verdict, figures and animation: the debrief's, and study mode's. */
  var outcomesShown = false;
  function showAllOutcomes() {
    if (outcomesShown) { return; }
    outcomesShown = true;
    document.querySelectorAll('form.decision').forEach(function (form) {
      var k = G.decodeKey(data.keys[form.dataset.qid], data.salt, form.dataset.qid);
      var dl = document.createElement('div');
      dl.className = 'study-outcomes';
      var h = document.createElement('h4');
      h.textContent = study ? 'Every option (study mode)' : 'Every option, as the simulation plays it from ' + form.dataset.at;
      dl.appendChild(h);
      k.options.forEach(function (o) {
        var art = document.createElement('div');
        art.className = 'study-option ' + (o.resolved ? 'right' : 'wrong');
        var p = document.createElement('p'); var b = document.createElement('strong');
        b.textContent = o.label + ' — ' + o.rating + ': '; p.appendChild(b); p.appendChild(document.createTextNode(o.verdict));
        art.appendChild(p);
        var fig = document.createElement('div'); fig.innerHTML = o.figures + '<p>' + o.why + '</p>'; art.appendChild(fig);
        var tpl = document.querySelector('template.branch-media[data-branch="' + o.branch + '"]');
        if (tpl) { art.appendChild(tpl.content.cloneNode(true)); suffixIds(art, '-all'); }
        dl.appendChild(art);
      });
      form.parentNode.insertBefore(dl, form.nextSibling);
      enhance(dl);
    });
  }

  /** A second copy of a branch's media (the picked one is in its decision too) gets ids of its own. */
  function suffixIds(el, sfx) {
    el.querySelectorAll('[id]').forEach(function (e) { e.id += sfx; });
    el.querySelectorAll('[aria-labelledby], [aria-describedby]').forEach(function (e) {
      ['aria-labelledby', 'aria-describedby'].forEach(function (a) {
        var v = e.getAttribute(a);
        if (v) { e.setAttribute(a, v.split(/\s+/).map(function (id) { return id + sfx; }).join(' ')); }
      });
    });
  }

  function refresh(answered) {
    var done = {};
    (answered || []).forEach(function (id) { done[id] = true; });
    var open = true;
    phases.forEach(function (sec) {
      var items = itemsOf(sec.dataset.phase);
      var room = sec.querySelector('form.room');
      var others = items.filter(function (q) { return !room || q.id !== room.dataset.qid; });
      var othersDone = others.every(function (q) { return done[q.id]; });
      var complete = items.every(function (q) { return done[q.id]; });
      sec.querySelector('.phase-body').hidden = !open && !study;
      sec.querySelector('.phase-locked').hidden = open || study;
      sec.classList.toggle('locked', !open && !study);
      if (room && !done[room.dataset.qid]) {
        // the model answer to the room is the phase's discussion: it waits for the phase's other answers
        var wait = !othersDone && !study;
        room.querySelector('button.check').disabled = wait;
        var sa = room.querySelector('button.show-answer');
        if (sa && wait) { sa.disabled = true; } else if (sa && !sa.dataset.used) { sa.disabled = false; }
        var note = room.querySelector('.room-wait');
        if (!note) { note = document.createElement('p'); note.className = 'room-wait note'; room.querySelector('.q-actions').appendChild(note); }
        note.textContent = wait ? 'Commit the other answers of this phase first: the model answer covers them.' : '';
      }
      // a later decision waits for the one before it to have a working action, as the room would
      var before = true;
      sec.querySelectorAll('form.decision').forEach(function (f) {
        f.hidden = !before && !study;
        before = before && !!done[f.dataset.qid];
      });
      if (complete || study) { openPhaseAnswers(sec); }
      open = open && complete;
    });
    if (open || study) { openDebrief(); }
  }

  // the baseline video stops at YOU ARE HERE until the debrief opens
  document.querySelectorAll('#sec-now video[data-clock-start]').forEach(function (v) {
    var limit = (here - Number(v.dataset.clockStart)) / Number(v.dataset.rate);
    v.addEventListener('timeupdate', function () {
      if (!debriefOpen && !study && v.currentTime > limit) { v.pause(); v.currentTime = Math.max(0, limit); }
    });
  });
  document.querySelectorAll('form.room .show-answer').forEach(function (b) { b.addEventListener('click', function () { b.dataset.used = '1'; }); });

  document.addEventListener('warroom:progress', function (ev) { refresh(ev.detail.answered); });
  document.addEventListener('warroom:reset', function () { location.reload(); });
  if (study) {
    root.classList.add('study');
    document.querySelector('.study-banner').hidden = false;
    showAllOutcomes();
  }
  refresh(Q ? Object.keys(Q.state().answers) : []);
}());
