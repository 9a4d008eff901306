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
   * The quiz state as compact text: short keys, times relative to the start, a latest answer
   * equal to the first not repeated, an echo equal to the text not repeated, no hint count of 0. Lossless first;
   * only when that does not fit `limit` characters: drafts dropped, then the answers' echoes
   * (`said`, the scorecard's quote of a choice) shortened or dropped, then long texts
   * shortened (scores and self-ratings are kept). Returns {text, dropped} (dropped: null when
   * lossless, else what was given up) or {error} when even that does not fit.
   */
  function encode(state, limit, ids) {
    limit = limit || LIMIT;
    if (ids) { state = rekey(state, function (id) { var i = ids.indexOf(id); return i < 0 ? '~' + id : i.toString(36); }); }
    var tiers = [{ drafts: true, said: -1, cut: -1 }, { drafts: false, said: -1, cut: -1 }];
    [40, 20, 0].forEach(function (n) { tiers.push({ drafts: false, said: n, cut: -1 }); });
    [400, 200, 100, 50, 20].forEach(function (n) { tiers.push({ drafts: false, said: 0, cut: n }); });
    var t;
    for (var i = 0; i < tiers.length; i++) {
      tiers[i].ids = !!ids;
      t = pack(state, tiers[i]);
      if (t.length <= limit) { return { text: t, dropped: i === 0 ? null : lost(tiers[i]) }; }
    }
    return { error: 'the progress needs ' + pack(state, tiers[1]).length + ' characters (' + t.length +
      ' with every text shortened), more than the ' + limit + ' of cmi.suspend_data' };
  }
  function lost(tier) {
    var l = ['drafts'];
    if (tier.said > 0) { l.push('echoes of answers beyond ' + tier.said + ' characters'); }
    if (tier.said === 0) { l.push('echoes of answers'); }
    if (tier.cut > 0) { l.push('texts beyond ' + tier.cut + ' characters'); }
    return l.join(', ');
  }

  /** Short names of the keys of a stored answer; any other key is kept, '~'-prefixed if it would clash. */
  var SHORT = { at: 't', hints: 'h', said: 's', choice: 'c', choices: 'C', value: 'n', typed: 'y', text: 'x',
    level: 'l', order: 'o', match: 'm', checked: 'k', picks: 'p', done: 'd', seen: 'S', node: 'N' };
  var LONG = {};
  Object.keys(SHORT).forEach(function (k) { LONG[SHORT[k]] = k; });

  function packAnswer(r, t0, tier) {
    if (!r || typeof r !== 'object' || Array.isArray(r)) { return r; }
    var out = {};
    Object.keys(r).forEach(function (k) {
      var v = r[k];
      if (k === 'hints' && v === 0) { return; } // the usual case goes without saying; a missing count is null
      if (k === 'at' && typeof v === 'number' && t0) { v = v - t0; }
      if (k === 'said' && typeof v === 'string') {
        if (v === r.text) { v = 1; } else if (tier.said === 0) { return; } else if (tier.said > 0 && v.length > tier.said) { v = v.slice(0, tier.said) + '…'; }
      } else if (tier.cut > 0 && typeof v === 'string' && v.length > tier.cut) { v = v.slice(0, tier.cut) + '…'; }
      out[SHORT[k] || (LONG[k] || k.charAt(0) === '~' ? '~' + k : k)] = v;
    });
    if (!('hints' in r)) { out.h = null; }
    return out;
  }
  function unpackAnswer(o, t0) {
    if (!o || typeof o !== 'object' || Array.isArray(o)) { return o; }
    var r = {};
    Object.keys(o).forEach(function (k) { r[LONG[k] || (k.charAt(0) === '~' ? k.slice(1) : k)] = o[k]; });
    if (!('h' in o)) { r.hints = 0; } else if (o.h === null) { delete r.hints; }
    if (typeof r.at === 'number' && t0) { r.at += t0; }
    if (r.said === 1) { r.said = r.text; }
    return r;
  }

  function pack(state, tier) {
    var t0 = state.started || 0;
    var out = { f: FORMAT, k: tier.ids ? 1 : undefined, v: state.v, t0: state.started,
      t1: state.finished == null ? undefined : state.finished - t0 };
    var a = {}, l = {}, o = [];
    Object.keys(state.answers || {}).forEach(function (id) {
      a[id] = packAnswer(state.answers[id], t0, tier);
      var latest = state.latest ? state.latest[id] : undefined;
      if (latest === undefined) { o.push(id); } else if (!same(latest, state.answers[id])) { l[id] = packAnswer(latest, t0, tier); }
    });
    out.a = a;
    if (Object.keys(l).length) { out.l = l; }
    if (o.length) { out.o = o; }
    var seen = Object.keys(state.seen || {}).filter(function (id) { return state.seen[id]; });
    if (seen.length) { out.s = seen; }
    if (state.hints && Object.keys(state.hints).length) { out.h = state.hints; }
    if (tier.drafts && state.drafts) {
      var d = {};
      Object.keys(state.drafts).forEach(function (id) { if (!state.answers[id] && state.drafts[id]) { d[id] = state.drafts[id]; } });
      if (Object.keys(d).length) { out.d = d; }
    }
    if (state.pending && Object.keys(state.pending).length) {
      var p = {};
      Object.keys(state.pending).forEach(function (id) { p[id] = packAnswer(state.pending[id], t0, tier); });
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

  /**
   * The state with its item ids renamed by f (answers, latest, pending, drafts, seen; an id f
   * maps to undefined is left out). encode names an item of the page by its place in `ids`
   * (base 36), any other by '~' and its id: a drill's thirty ids weigh about 450 characters.
   */
  function rekey(state, f) {
    var out = Object.assign({}, state);
    ['answers', 'latest', 'pending', 'drafts', 'seen'].forEach(function (k) {
      if (!state[k] || typeof state[k] !== 'object') { return; }
      var m = {};
      Object.keys(state[k]).forEach(function (id) { var n = f(id); if (n !== undefined) { m[n] = state[k][id]; } });
      out[k] = m;
    });
    return out;
  }

  /**
   * The quiz state back from encode's text, or null when the text is not ours. `ids`: the
   * page's item ids, as given to encode (an index past them drops its item; quiz.js drops an
   * answer whose question's version differs, should a new package have moved the items).
   */
  function decode(text, ids) {
    var o;
    try { o = JSON.parse(text); } catch (e) { return null; }
    if (!o || o.f !== FORMAT || !o.a || (o.k && !ids)) { return null; }
    var st = unpack(o);
    return o.k ? rekey(st, function (k) { return k.charAt(0) === '~' ? k.slice(1) : ids[parseInt(k, 36)]; }) : st;
  }

  function unpack(o) {
    var t0 = o.t0 || 0;
    var st = { v: o.v, answers: {}, latest: {}, seen: {}, hints: o.h || {}, drafts: o.d || {}, started: o.t0 == null ? null : o.t0,
      finished: o.t1 == null ? null : o.t1 + t0 };
    Object.keys(o.a).forEach(function (id) {
      st.answers[id] = unpackAnswer(o.a[id], t0);
      if ((o.o || []).indexOf(id) >= 0) { return; }
      st.latest[id] = unpackAnswer(o.l && o.l[id] !== undefined ? o.l[id] : o.a[id], t0);
    });
    (o.s || []).forEach(function (id) { st.seen[id] = true; });
    if (o.p) {
      st.pending = {};
      Object.keys(o.p).forEach(function (id) { st.pending[id] = unpackAnswer(o.p[id], t0); });
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
    var ids = data.questions.map(function (q) { return q.id; });
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
      var restored = suspended ? decode(suspended, ids) : null;
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
      var sd = encode(now.state, LIMIT, ids);
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
    // a link that would take the LMS's frame to another document (a player page, a resource)
    // opens a window of its own: leaving the frame would end the session
    doc.addEventListener('click', function (ev) {
      var a = ev.target && ev.target.closest ? ev.target.closest('a[href]') : null;
      if (!a || a.target || a.hasAttribute('download') || a.getAttribute('href').charAt(0) === '#') { return; }
      a.target = '_blank';
      a.rel = 'noopener';
    }, true);
    doc.addEventListener('warroom:progress', report);
    // a hint is saved by quiz.js after this listener runs: report once it has
    doc.addEventListener('warroom:hint', function () { win.setTimeout(report, 0); });
    win.addEventListener('pagehide', finish);
    win.WarroomScorm.lms = lms;
  }

  return { MASTERY: MASTERY, LIMIT: LIMIT, score: score, status: status, sessionTime: sessionTime, encode: encode,
    decode: decode, findAPI: findAPI, start: start };
}));
