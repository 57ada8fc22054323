// Keyboard shortcuts (issue 14 item 9), only when no field has the focus and no modifier is held:
// the queue (table[data-shortcuts=queue]): j / k move the focus to the next / previous case, Enter opens it
// (the focus is on its link); the ticket page ([data-shortcuts=ticket]): r goes to the reply, n to the note.
(function () {
  'use strict';
  function typing(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(el.tagName));
  }
  document.addEventListener('keydown', function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || typing(document.activeElement)) return;
    var queue = document.querySelector('[data-shortcuts=queue]');
    if (queue && (e.key === 'j' || e.key === 'k')) {
      var links = Array.prototype.slice.call(queue.querySelectorAll('tbody a.ref'));
      if (!links.length) return;
      var at = links.indexOf(document.activeElement);
      var next = at < 0 ? 0 : Math.max(0, Math.min(links.length - 1, at + (e.key === 'j' ? 1 : -1)));
      links.forEach(function (a) { a.closest('tr').classList.remove('current'); });
      links[next].closest('tr').classList.add('current');
      links[next].focus();
      e.preventDefault();
      return;
    }
    var ticket = document.querySelector('[data-shortcuts=ticket]');
    if (ticket && (e.key === 'r' || e.key === 'n')) {
      var field = document.querySelector(e.key === 'r' ? 'textarea[name=body]' : 'textarea[name=note]');
      if (field) { field.focus(); e.preventDefault(); }
    }
  });
})();
