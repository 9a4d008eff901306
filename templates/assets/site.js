/* warroom site: the theme switch, progressive hints, the frame stepper synced with the timeline and the videos,
 * captions on by default, copy buttons. No network: everything is in the page. */
(function () {
  'use strict';
  var reduced = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;

  function copy(text, status) {
    function done(ok) { if (status) { status.textContent = ok ? 'Copied.' : 'Select the text and copy it.'; } }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(fallback(text)); });
    } else { done(fallback(text)); }
  }
  function fallback(text) {
    var ta = document.createElement('textarea');
    ta.value = text; ta.setAttribute('readonly', ''); ta.className = 'visually-hidden';
    document.body.appendChild(ta); ta.select();
    var ok = false;
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    document.body.removeChild(ta);
    return ok;
  }
  window.WarroomSite = { copy: copy };

  // The theme switch in the header: theme.js applied the stored choice before the first paint.
  var themeSelect = document.getElementById('theme-select');
  if (themeSelect && window.WarroomTheme) {
    themeSelect.value = window.WarroomTheme.get();
    themeSelect.addEventListener('change', function () { window.WarroomTheme.set(themeSelect.value); });
    themeSelect.closest('.theme-switch').hidden = false;
    // another tab of the site changed it
    window.addEventListener('storage', function (ev) {
      if (ev.key === 'warroom.theme' || ev.key === null) { var t = window.WarroomTheme.get(); window.WarroomTheme.apply(t); themeSelect.value = t; }
    });
  }

  // A code block, table or diagram wider than a phone scrolls sideways: it takes the focus then, so the
  // keyboard can scroll it too; at widths where it fits it is no Tab stop.
  function scrollables(container) {
    container.querySelectorAll('main pre, main .table-wrap, main .prose table, main .topology-scroll').forEach(function (el) {
      if (el.scrollWidth > el.clientWidth + 1) {
        if (!el.hasAttribute('tabindex')) { el.setAttribute('tabindex', '0'); el.dataset.scrollStop = '1'; }
      } else if (el.dataset.scrollStop) { el.removeAttribute('tabindex'); delete el.dataset.scrollStop; }
    });
  }
  scrollables(document);
  var resizing = null;
  window.addEventListener('resize', function () { clearTimeout(resizing); resizing = setTimeout(function () { scrollables(document); }, 150); });

  // Permalinks on headings, as documentation sites have them.
  document.querySelectorAll('main h2[id], main h3[id]').forEach(function (hd) {
    var a = document.createElement('a');
    a.className = 'headerlink';
    a.href = '#' + hd.id;
    a.textContent = '#';
    a.setAttribute('aria-label', 'Link to “' + hd.textContent.trim() + '”');
    hd.appendChild(a);
  });

  // Progressive hints: one at a time, vague to specific.
  document.querySelectorAll('.hint-next').forEach(function (btn) {
    var list = document.getElementById(btn.getAttribute('aria-controls'));
    var hints = list.querySelectorAll('.hint');
    btn.addEventListener('click', function () {
      var shown = list.querySelectorAll('.hint:not([hidden])').length;
      if (shown < hints.length) {
        hints[shown].hidden = false;
        hints[shown].setAttribute('tabindex', '-1');
        hints[shown].focus({ preventScroll: true });
        hints[shown].scrollIntoView({ block: 'nearest', behavior: reduced ? 'auto' : 'smooth' });
        shown++;
      }
      if (shown >= hints.length) { btn.textContent = 'All ' + hints.length + ' hints shown'; btn.disabled = true; }
      else { btn.textContent = 'Show hint ' + (shown + 1) + ' of ' + hints.length; }
      var probe = btn.closest('.probe');
      if (probe) { document.dispatchEvent(new CustomEvent('warroom:hint', { detail: { probe: probe.dataset.probe, shown: shown } })); }
    });
  });

  // Timeline: highlight the entry a clock has reached.
  var timeline = document.querySelector('.timeline');
  var track = document.querySelector('.tl-svg');
  function markTrack(clock) {
    if (!track) { return; }
    var from = Number(track.dataset.from), to = Number(track.dataset.to);
    var x0 = Number(track.dataset.x0), x1 = Number(track.dataset.x1);
    var f = Math.max(0, Math.min(1, (clock - from) / Math.max(1, to - from)));
    var cursor = track.querySelector('.tl-cursor'), x = String(x0 + (x1 - x0) * f);
    cursor.setAttribute('x1', x); cursor.setAttribute('x2', x); cursor.setAttribute('visibility', 'visible');
    var current = null;
    track.querySelectorAll('.tl-mark').forEach(function (g) { if (Number(g.dataset.clock) <= clock) { current = g; } });
    track.querySelectorAll('.tl-mark').forEach(function (g) { g.classList.toggle('current', g === current); });
  }
  function markTimeline(clock) {
    markTrack(clock);
    if (!timeline) { return; }
    var items = timeline.querySelectorAll('li[data-clock]');
    var current = null;
    items.forEach(function (li) { if (Number(li.dataset.clock) <= clock) { current = li; } });
    items.forEach(function (li) {
      var on = li === current;
      li.classList.toggle('current', on);
      if (on) { li.setAttribute('aria-current', 'time'); } else { li.removeAttribute('aria-current'); }
    });
  }
  function fmtClock(s) {
    s = ((Math.floor(s) % 86400) + 86400) % 86400;
    function two(n) { return (n < 10 ? '0' : '') + n; }
    return two(Math.floor(s / 3600)) + ':' + two(Math.floor(s / 60) % 60) + ':' + two(s % 60);
  }

  // Frame steppers.
  var steppers = [];
  function setupStepper(root) {
    var frames = JSON.parse(root.querySelector('.frames-data').textContent);
    var img = root.querySelector('.stepper-img'), clock = root.querySelector('.stepper-clock');
    var text = root.querySelector('.stepper-text'), scrub = root.querySelector('.step-scrub');
    var count = root.querySelector('.step-count'), play = root.querySelector('.step-play');
    var i = 0, timer = null;
    function show(n) {
      i = Math.max(0, Math.min(frames.length - 1, n));
      var f = frames[i];
      img.src = f.src; img.alt = f.caption || ('Frame at ' + f.label);
      clock.textContent = f.label; clock.setAttribute('datetime', f.label);
      text.textContent = f.caption;
      scrub.value = String(i);
      scrub.setAttribute('aria-valuetext', f.label + ' ' + f.caption);
      count.textContent = (i + 1) + ' / ' + frames.length;
      root.dataset.frame = String(i);
      markTimeline(f.clock);
    }
    function stop() { if (timer) { clearInterval(timer); timer = null; } play.textContent = 'Play'; play.setAttribute('aria-pressed', 'false'); }
    function start() {
      if (i >= frames.length - 1) { show(0); }
      play.textContent = 'Pause'; play.setAttribute('aria-pressed', 'true');
      timer = setInterval(function () { if (i >= frames.length - 1) { stop(); } else { show(i + 1); } }, reduced ? 2500 : 900);
    }
    function toggle() { if (timer) { stop(); } else { start(); } }
    root.querySelector('.step-prev').addEventListener('click', function () { stop(); show(i - 1); });
    root.querySelector('.step-next').addEventListener('click', function () { stop(); show(i + 1); });
    play.addEventListener('click', toggle);
    scrub.addEventListener('input', function () { stop(); show(Number(scrub.value)); });
    root.addEventListener('keydown', function (ev) {
      if (ev.target.tagName === 'INPUT') { return; }
      var k = ev.key;
      if (k === 'ArrowRight') { stop(); show(i + 1); } else if (k === 'ArrowLeft') { stop(); show(i - 1); } else if (k === 'Home') { stop(); show(0); } else if (k === 'End') { stop(); show(frames.length - 1); } else if (k === ' ' && ev.target === root) { toggle(); } else { return; }
      ev.preventDefault();
    });
    var entry = { root: root, seek: function (c) {
      var best = 0;
      frames.forEach(function (f, n) { if (f.clock <= c) { best = n; } });
      stop(); show(best);
    } };
    // the drill adds the frames after YOU ARE HERE once the debrief opens
    entry.extend = function (more) { frames = frames.concat(more); scrub.max = String(frames.length - 1); show(i); };
    entry.frames = function () { return frames.length; };
    steppers.push(entry);
    root.warroomStepper = entry;
    show(0);
  }
  document.querySelectorAll('.stepper').forEach(setupStepper);

  // Timeline entries jump the steppers (and videos) to their clock.
  function setupJump(b) {
    b.addEventListener('click', function () {
      var c = Number(b.dataset.clock);
      markTimeline(c);
      steppers.forEach(function (s) { s.seek(c); });
      document.querySelectorAll('video[data-clock-start]').forEach(function (v) {
        var t = (c - Number(v.dataset.clockStart)) / Number(v.dataset.rate);
        if (t >= 0 && (!v.duration || t <= v.duration)) { v.currentTime = t; }
      });
    });
  }
  document.querySelectorAll('.tl-jump').forEach(setupJump);

  // Videos: captions showing by default; the timeline follows playback.
  function setupVideo(v) {
    function captionsOn() {
      Array.prototype.forEach.call(v.textTracks, function (t) { if (t.kind === 'captions' || t.kind === 'subtitles') { t.mode = 'showing'; } });
    }
    captionsOn();
    v.addEventListener('loadedmetadata', captionsOn);
    if (v.dataset.clockStart) {
      v.addEventListener('timeupdate', function () {
        var clock = Number(v.dataset.clockStart) + v.currentTime * Number(v.dataset.rate);
        markTimeline(clock);
        if (!v.paused) {
          var article = v.closest('.variant');
          steppers.forEach(function (s) { if (article && article.contains(s.root)) { s.seek(clock); } });
        }
      });
    }
  }
  document.querySelectorAll('video').forEach(setupVideo);

  // Embed snippets: absolute URLs when the build was given --base-url, else the hosted page's
  // own address; relative from a folder.
  document.querySelectorAll('.embed-code').forEach(function (ta) {
    if (/^https?:$/.test(location.protocol) && !/src="https?:/.test(ta.value)) {
      var url = new URL('../' + ta.dataset.embed, location.href).href;
      ta.value = ta.value.replace(/src="[^"]*"/, 'src="' + url + '"');
    }
  });
  if (window.top === window.self) {
    document.querySelectorAll('.embed-only-top').forEach(function (d) { d.hidden = false; });
  }
  function setupEmbed(b) {
    b.addEventListener('click', function () { copy(b.parentNode.querySelector('.embed-code').value, b.parentNode.querySelector('.copy-status')); });
  }
  document.querySelectorAll('.copy-embed').forEach(setupEmbed);
  document.querySelectorAll('.copy-text').forEach(function (b) {
    b.addEventListener('click', function () { copy(document.getElementById(b.dataset.source).value, b.parentNode.querySelector('.copy-status')); });
  });
  window.WarroomSite.fmtClock = fmtClock;
  /** Makes steppers, videos, timeline jumps and embed buttons work in content added later (the drill's unlocked templates). */
  window.WarroomSite.enhance = function (container) {
    container.querySelectorAll('.stepper').forEach(setupStepper);
    container.querySelectorAll('video').forEach(setupVideo);
    container.querySelectorAll('.copy-embed').forEach(setupEmbed);
    container.querySelectorAll('.tl-jump').forEach(setupJump);
    scrollables(container);
  };
  window.WarroomSite.steppers = steppers;
}());
