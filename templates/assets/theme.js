/* warroom theme: light, dark or the system's, as the learner picks it in the header (site.js wires
 * the switch), kept in localStorage. A classic script in <head>, not deferred, so data-theme is on
 * <html> before the first paint and a dark page never flashes white. The CSP forbids inline
 * scripts, hence a file of its own. */
(function () {
  'use strict';
  var KEY = 'warroom.theme';
  var CHOICES = ['system', 'light', 'dark'];
  function stored() {
    var t = null;
    try { t = localStorage.getItem(KEY); } catch (e) { t = null; }
    return CHOICES.indexOf(t) > 0 ? t : 'system';
  }
  function apply(t) { document.documentElement.setAttribute('data-theme', t); }
  apply(stored());
  window.WarroomTheme = {
    choices: CHOICES,
    get: stored,
    /** Applies a choice and keeps it; 'system' forgets the stored one. */
    set: function (t) {
      if (CHOICES.indexOf(t) < 0) { return; }
      apply(t);
      try { if (t === 'system') { localStorage.removeItem(KEY); } else { localStorage.setItem(KEY, t); } } catch (e) { /* storage off: this page only */ }
    },
    apply: apply
  };
}());
