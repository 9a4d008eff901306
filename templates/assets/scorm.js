/* warroom SCORM 1.2 runtime: reports the drill's scorecard to a learning management system.
 * Inert without an LMS: it looks for the SCORM 1.2 API (window.API) in the parent windows and
 * the opener, as the common wrappers (pipwerks) do, and does nothing when there is none, so the
 * page works exactly as on the plain site. With an LMS it runs before quiz.js: it copies the
 * LMS's cmi.suspend_data into localStorage (the LMS, not this browser, holds the learner's
 * progress), then on every 'warroom:progress' reports score, status and progress, and at
 * unload the session time, exit = suspend and LMSFinish.
 * Score: the mean of the rubric dimensions' levels (Novice 0, Intermediate 1, Expert 2; a
 * dimension not assessed counts 0) over 2, times 100, rounded. Status: passed or failed against
 * the mastery score once the scorecard is complete, else incomplete.
 * The pure parts (score, status, encode, decode, sessionTime) are tested by node (js/test/scorm.test.js). */
(function (root, factory) {
  var api = factory();
  if (typeof module === 'object' && module.exports) { module.exports = api; } else { root.WarroomScorm = api; api.start(root); }
}(typeof self !== 'undefined' ? self : this, function () {
  'use strict';
  /** The mastery score when the LMS gives none (the manifest's adlcp:masteryscore is the same). */
  var MASTERY = 50;
  /** SCORM 1.2: cmi.suspend_data is a CMIString4096. */
  var LIMIT = 4096;
  var FORMAT = 'w1';

  /** 0..100 from a scorecard: mean of the rubric rows' levels (null counts 0) / 2 x 100. */
  function score(card) {
    if (!card || !card.rows || !card.rows.length) { return 0; }
    var sum = 0;
    card.rows.forEach(function (r) { sum += r.level == null ? 0 : r.level; });
    return Math.round(sum / (2 * card.rows.length) * 100);
  }

  function status(card, raw, mastery) {
    if (!card || !card.complete) { return 'incomplete'; }
    return raw >= (mastery == null ? MASTERY : mastery) ? 'passed' : 'failed';
  }

  /** HHHH:MM:SS.SS, as SCORM 1.2's CMITimespan for cmi.core.session_time. */
  function sessionTime(ms) {
    var cs = Math.max(0, Math.round(ms / 10));
    var h = Math.floor(cs / 360000), m = Math.floor(cs / 6000) % 60, s = Math.floor(cs / 100) % 60, c = cs % 100;
    function pad(n, w) { var t = String(n); while (t.length < w) { t = '0' + t; } return t; }
    return pad(Math.min(h, 9999), 4) + ':' + pad(m, 2) + ':' + pad(s, 2) + '.' + pad(c, 2);
  }

  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

  /**
   * The quiz state as compact text. Lossless but for what the page never reads back: a latest
   * answer equal to the first is not repeated, times are relative to the start, and (only when
   * needed to fit) drafts are dropped and then long texts shortened. Returns {text, dropped} or
   * {error} when even that does not fit within `limit` characters.
   */
  function encode(state, limit) {
    limit = limit || LIMIT;
    var full = pack(state, false, -1);
    if (full.length <= limit) { return { text: full, dropped: null }; }
    var noDrafts = pack(state, true, -1);
    if (noDrafts.length <= limit) { return { text: noDrafts, dropped: 'drafts' }; }
    for (var cut = 400; cut >= 20; cut = Math.floor(cut / 2)) {
      var t = pack(state, true, cut);
      if (t.length <= limit) { return { text: t, dropped: 'drafts, texts beyond ' + cut + ' characters' }; }
    }
    return { error: 'the progress needs ' + noDrafts.length + ' characters, more than the ' + limit + ' of cmi.suspend_data' };
  }

  function pack(state, dropDrafts, cut) {
    var t0 = state.started || 0;
    var out = { f: FORMAT, v: state.v, t0: state.started, t1: state.finished == null ? undefined : state.finished - t0 };
    var a = {}, l = {}, o = [];
    Object.keys(state.answers || {}).forEach(function (id) {
      a[id] = shorten(rel(state.answers[id], t0), cut);
      var latest = state.latest ? state.latest[id] : undefined;
      if (latest === undefined) { o.push(id); } else if (!same(latest, state.answers[id])) { l[id] = shorten(rel(latest, t0), cut); }
    });
    out.a = a;
    if (Object.keys(l).length) { out.l = l; }
    if (o.length) { out.o = o; }
    var seen = Object.keys(state.seen || {}).filter(function (id) { return state.seen[id]; });
    if (seen.length) { out.s = seen; }
    if (state.hints && Object.keys(state.hints).length) { out.h = state.hints; }
    if (!dropDrafts && state.drafts) {
      var d = {};
      Object.keys(state.drafts).forEach(function (id) { if (!state.answers[id] && state.drafts[id]) { d[id] = state.drafts[id]; } });
      if (Object.keys(d).length) { out.d = d; }
    }
    if (state.pending && Object.keys(state.pending).length) {
      var p = {};
      Object.keys(state.pending).forEach(function (id) { p[id] = rel(state.pending[id], t0); });
      out.p = p;
    }
    // whatever else a later quiz.js keeps, as it is
    var x = {};
    Object.keys(state).forEach(function (k) {
      if (['v', 'answers', 'latest', 'seen', 'hints', 'drafts', 'started', 'finished', 'pending'].indexOf(k) < 0) { x[k] = state[k]; }
    });
    if (Object.keys(x).length) { out.x = x; }
    return JSON.stringify(out);
  }

  function rel(r, t0) {
    if (!r || typeof r !== 'object' || typeof r.at !== 'number' || !t0) { return r; }
    var c = Object.assign({}, r);
    c.at = r.at - t0;
    return c;
  }
  function abs(r, t0) {
    if (!r || typeof r !== 'object' || typeof r.at !== 'number' || !t0) { return r; }
    var c = Object.assign({}, r);
    c.at = r.at + t0;
    return c;
  }
  function shorten(r, cut) {
    if (cut < 0 || !r || typeof r !== 'object') { return r; }
    var c = Array.isArray(r) ? r.slice() : Object.assign({}, r);
    Object.keys(c).forEach(function (k) {
      if (typeof c[k] === 'string' && c[k].length > cut) { c[k] = c[k].slice(0, cut) + '…'; } else if (c[k] && typeof c[k] === 'object') { c[k] = shorten(c[k], cut); }
    });
    return c;
  }

  /** The quiz state back from encode's text, or null when the text is not ours. */
  function decode(text) {
    var o;
    try { o = JSON.parse(text); } catch (e) { return null; }
    if (!o || o.f !== FORMAT || !o.a) { return null; }
    var t0 = o.t0 || 0;
    var st = { v: o.v, answers: {}, latest: {}, seen: {}, hints: o.h || {}, drafts: o.d || {}, started: o.t0 == null ? null : o.t0,
      finished: o.t1 == null ? null : o.t1 + t0 };
    Object.keys(o.a).forEach(function (id) {
      st.answers[id] = abs(o.a[id], t0);
      if ((o.o || []).indexOf(id) >= 0) { return; }
      st.latest[id] = o.l && o.l[id] !== undefined ? abs(o.l[id], t0) : abs(o.a[id], t0);
    });
    (o.s || []).forEach(function (id) { st.seen[id] = true; });
    if (o.p) {
      st.pending = {};
      Object.keys(o.p).forEach(function (id) { st.pending[id] = abs(o.p[id], t0); });
    }
    if (o.x) { Object.keys(o.x).forEach(function (k) { st[k] = o.x[k]; }); }
    return st;
  }

  /** The SCORM 1.2 API: window.API in this window or up to 7 parents, then in the opener's. */
  function findAPI(win) {
    function climb(w) {
      for (var n = 0; w && n <= 7; n++) {
        try { if (w.API && typeof w.API.LMSInitialize === 'function') { return w.API; } } catch (e) { return null; /* another origin */ }
        if (!w.parent || w.parent === w) { return null; }
        w = w.parent;
      }
      return null;
    }
    var api = climb(win);
    if (!api) {
      try { if (win.top && win.top.opener) { api = climb(win.top.opener); } } catch (e) { /* another origin */ }
    }
    if (!api) {
      try { if (win.opener) { api = climb(win.opener); } } catch (e) { /* another origin */ }
    }
    return api;
  }

  /** In the page: finds the LMS, restores its progress into localStorage, reports as the learner goes. */
  function start(win) {
    var doc = win.document;
    var dataEl = doc && doc.getElementById('quiz-data');
    if (!dataEl || /[?&]study=1\b/.test(win.location.search) || win.location.hash === '#study') { return; }
    var lms = findAPI(win);
    if (!lms) { return; }
    var data = JSON.parse(dataEl.textContent);
    var STORE = 'warroom.quiz.' + data.problem;
    if (String(lms.LMSInitialize('')) !== 'true') {
      win.console.warn('warroom SCORM: LMSInitialize failed (' + lms.LMSGetLastError() + '); progress is not reported');
      return;
    }
    var began = Date.now(), finished = false;
    function get(k) { return String(lms.LMSGetValue(k) || ''); }
    function set(k, v) {
      if (String(lms.LMSSetValue(k, v)) !== 'true') { win.console.warn('warroom SCORM: LMSSetValue(' + k + ') failed: ' + lms.LMSGetLastError()); }
    }
    var suspended = get('cmi.suspend_data');
    try {
      var restored = suspended ? decode(suspended) : null;
      if (restored) { win.localStorage.setItem(STORE, JSON.stringify(restored)); } else { win.localStorage.removeItem(STORE); }
    } catch (e) { win.console.warn('warroom SCORM: localStorage is off, the drill cannot resume'); }
    var mastery = parseFloat(get('cmi.student_data.mastery_score'));
    if (isNaN(mastery)) { mastery = MASTERY; }
    var was = get('cmi.core.lesson_status');
    if (was !== 'passed' && was !== 'failed' && was !== 'completed') { set('cmi.core.lesson_status', 'incomplete'); }
    var lastSuspend = suspended;

    function card() {
      var G = win.WarroomGrading, Q = win.WarroomQuiz;
      if (!G || !Q) { return null; }
      var st = Q.state(), keys = {};
      Object.keys(st.answers).forEach(function (id) { if (data.keys[id]) { keys[id] = G.decodeKey(data.keys[id], data.salt, id); } });
      return { state: st, card: G.scorecard(data, keys, st.answers) };
    }
    function report() {
      if (finished) { return; }
      var now = card();
      if (!now) { return; }
      if (now.card.answered) {
        var raw = score(now.card);
        set('cmi.core.score.min', '0');
        set('cmi.core.score.max', '100');
        set('cmi.core.score.raw', String(raw));
        set('cmi.core.lesson_status', status(now.card, raw, mastery));
      }
      var sd = encode(now.state, LIMIT);
      if (sd.error) {
        win.console.error('warroom SCORM: not saving progress: ' + sd.error);
      } else if (sd.text !== lastSuspend) {
        if (sd.dropped) { win.console.warn('warroom SCORM: progress shortened to fit cmi.suspend_data (' + sd.dropped + ')'); }
        set('cmi.suspend_data', sd.text);
        lastSuspend = sd.text;
      }
      lms.LMSCommit('');
    }
    function finish() {
      if (finished) { return; }
      report();
      finished = true;
      set('cmi.core.session_time', sessionTime(Date.now() - began));
      set('cmi.core.exit', 'suspend');
      lms.LMSCommit('');
      lms.LMSFinish('');
    }
    doc.addEventListener('warroom:progress', report);
    // a hint is saved by quiz.js after this listener runs: report once it has
    doc.addEventListener('warroom:hint', function () { win.setTimeout(report, 0); });
    win.addEventListener('pagehide', finish);
    win.addEventListener('beforeunload', finish);
    win.WarroomScorm.lms = lms;
  }

  return { MASTERY: MASTERY, LIMIT: LIMIT, score: score, status: status, sessionTime: sessionTime, encode: encode,
    decode: decode, findAPI: findAPI, start: start };
}));
