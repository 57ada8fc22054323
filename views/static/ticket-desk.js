// The ticket page's reply desk (issue 14 items 4 and 5), progressive: without it the page still works.
// - choosing a template fills the reply text (the officer edits it after); the "Dùng mẫu" button is for no-JS;
// - every data-renew-ms the page says it is still open (POST …/presence) and shows who else has it open, and
//   says at once when the ticket's version moved (someone replied, the citizen wrote…).
(function () {
  var pick = document.getElementById('f-template');
  var body = document.getElementById('f-body');
  if (pick && body) {
    var use = document.querySelector('[data-testid="template-use"]');
    if (use) use.hidden = true;
    pick.addEventListener('change', function () {
      var option = pick.options[pick.selectedIndex];
      var text = option && option.getAttribute('data-text');
      if (text) { body.value = text; body.focus(); }
    });
  }
  var presence = document.querySelector('[data-presence-url]');
  if (!presence || !window.fetch) return;
  var seen = presence.getAttribute('data-version');
  var every = Number(presence.getAttribute('data-renew-ms')) || 15000;
  function renew() {
    fetch(presence.getAttribute('data-presence-url'), { method: 'POST', credentials: 'same-origin',
      headers: { 'X-CSRF-Token': presence.getAttribute('data-csrf'), Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (p) {
        if (!p) return;
        var changed = String(p.version) !== seen;
        presence.textContent = [p.text, changed ? p.changedText : ''].filter(Boolean).join(' · ');
        presence.classList.toggle('presence-changed', changed);
      })
      .catch(function () { /* the next renewal tries again */ });
  }
  setInterval(renew, every);
})();
