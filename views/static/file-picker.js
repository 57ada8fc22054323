// The file fields of views/partials/file-picker.hbs: our button text and the chosen files' names, in the page's
// language (the partial carries both texts), instead of the browser's "Choose Files / No file chosen". The input
// stays in the page, only visually hidden, so the keyboard and screen readers use it as the real control.
(function () {
  'use strict';
  document.querySelectorAll('[data-file-picker]').forEach(function (field) {
    var input = field.querySelector('input[type=file]');
    var button = field.querySelector('.file-picker-button');
    var status = field.querySelector('.file-picker-status');
    if (!input || !button || !status || field.classList.contains('file-picker-ready')) return;
    function show() {
      var names = Array.prototype.map.call(input.files || [], function (f) { return f.name; });
      if (!names.length) { status.textContent = field.getAttribute('data-none'); return; }
      var text = field.getAttribute(names.length === 1 ? 'data-chosen-one' : 'data-chosen');
      // the names through a function, so that a "$&" in a file's name is shown as typed, not as a replace pattern
      status.textContent = text.replace('{n}', String(names.length)).replace('{names}', function () { return names.join(', '); });
    }
    field.classList.add('file-picker-ready');
    button.hidden = false;
    status.hidden = false;
    input.addEventListener('change', show);
    show();
  });
})();
