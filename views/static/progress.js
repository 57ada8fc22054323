// Polls an import's progress (JSON) and moves the <progress> bar; reloads the page once the import is done,
// so the result and the credential download come from the server.
(function () {
  'use strict';
  var wrap = document.querySelector('[data-progress-url]');
  if (!wrap || wrap.dataset.finished === '1') return;
  var bar = wrap.querySelector('progress');
  var pct = wrap.querySelector('.pct');
  var POLL_MS = 500;
  function poll() {
    fetch(wrap.dataset.progressUrl, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (res) { return res.json(); })
      .then(function (p) {
        bar.value = p.percent;
        pct.textContent = p.percent + '%';
        if (p.finished) { window.setTimeout(function () { window.location.reload(); }, 300); return; }
        window.setTimeout(poll, POLL_MS);
      })
      .catch(function () { window.setTimeout(poll, POLL_MS * 4); });
  }
  window.setTimeout(poll, POLL_MS);
})();
