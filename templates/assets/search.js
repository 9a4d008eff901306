/* warroom index: offline search over the inlined index, card filters, the scorecard summary. */
(function () {
  'use strict';
  var input = document.getElementById('q');
  var dataEl = document.getElementById('search-data');
  if (input && dataEl) {
    var docs = JSON.parse(dataEl.textContent);
    var results = document.getElementById('search-results');
    var count = document.getElementById('search-count');
    var run = function () {
      var terms = input.value.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (t) { return t.length > 0; });
      results.textContent = '';
      if (!terms.length) { count.textContent = ''; return; }
      var hits = docs.filter(function (d) {
        var hay = ' ' + d.w + ' ' + d.t.toLowerCase();
        return terms.every(function (t) { return hay.indexOf(' ' + t) >= 0 || hay.indexOf(t) >= 0; });
      });
      count.textContent = hits.length ? hits.length + (hits.length === 1 ? ' result' : ' results') : 'No results';
      hits.slice(0, 30).forEach(function (d) {
        var li = document.createElement('li');
        var a = document.createElement('a'); a.href = d.u; a.textContent = d.t;
        var k = document.createElement('span'); k.className = 'badge'; k.textContent = d.k;
        var p = document.createElement('p'); p.textContent = d.s;
        li.appendChild(k); li.appendChild(document.createTextNode(' ')); li.appendChild(a); li.appendChild(p);
        results.appendChild(li);
      });
    };
    input.addEventListener('input', run);
    // "/" jumps to the search box, as on documentation sites
    document.addEventListener('keydown', function (ev) {
      var t = ev.target.tagName;
      if (ev.key === '/' && t !== 'INPUT' && t !== 'TEXTAREA' && t !== 'SELECT' && !ev.ctrlKey && !ev.metaKey && !ev.altKey) {
        ev.preventDefault();
        input.focus();
      }
    });
    if (location.hash === '#search') { input.focus(); }
    run();
  }

  var topic = document.getElementById('filter-topic'), diff = document.getElementById('filter-difficulty');
  function filter() {
    var t = topic.value, d = diff.value, shown = 0, cards = document.querySelectorAll('.cards > .card');
    cards.forEach(function (c) {
      var ok = (!t || (' ' + c.dataset.topics + ' ').indexOf(' ' + t + ' ') >= 0) && (!d || c.dataset.difficulty === d);
      c.hidden = !ok;
      if (ok) { shown++; }
    });
    document.getElementById('filter-count').textContent = (t || d) ? shown + ' of ' + cards.length + ' problems' : '';
  }
  if (topic && diff) { topic.addEventListener('change', filter); diff.addEventListener('change', filter); }

  var summaryEl = document.getElementById('summary-data');
  if (summaryEl) {
    var problems = JSON.parse(summaryEl.textContent), body = document.getElementById('summary-body'), any = false;
    // the bank's rubric dimensions, as the table's columns (rubric.yaml)
    var dims = Array.prototype.map.call(document.querySelectorAll('.summary-table th[data-dim]'), function (th) { return th.getAttribute('data-dim'); });
    // each cell names its column, for the one-card-per-row layout of a phone
    var heads = Array.prototype.map.call(document.querySelectorAll('.summary-table thead th'), function (x) { return x.textContent; });
    problems.forEach(function (p) {
      var s = null;
      try { s = JSON.parse(localStorage.getItem('warroom.scorecard.' + p.id)); } catch (e) { s = null; }
      if (!s) { return; }
      any = true;
      var tr = document.createElement('tr');
      var th = document.createElement('th'); th.scope = 'row';
      var a = document.createElement('a'); a.href = p.href + '#sec-quiz'; a.textContent = p.title; th.appendChild(a); tr.appendChild(th);
      var td = document.createElement('td'); td.dataset.label = heads[1] || ''; td.textContent = s.answered + ' / ' + s.total + (s.complete ? '' : ' (in progress)'); tr.appendChild(td);
      dims.forEach(function (d, n) {
        var c = document.createElement('td'); c.dataset.label = heads[n + 2] || '';
        var r = (s.ratings && s.ratings[d]) || '—';
        var span = document.createElement('span'); span.className = 'level level-' + r.toLowerCase().replace(/\s+/g, '-'); span.textContent = r;
        c.appendChild(span); tr.appendChild(c);
      });
      body.appendChild(tr);
      var card = document.querySelector('.card[data-id="' + p.id + '"] .meta');
      if (card) {
        var badge = document.createElement('span');
        badge.className = 'badge progress';
        badge.textContent = s.complete ? 'Quiz done' : 'Quiz ' + s.answered + '/' + s.total;
        card.appendChild(document.createTextNode(' '));
        card.appendChild(badge);
      }
    });
    document.getElementById('your-scorecards').hidden = !any;
  }
}());
