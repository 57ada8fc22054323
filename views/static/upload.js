// Posts the chosen file as the raw request body (views/partials/upload-form.hbs explains why), then follows
// the preview URL the server answers with. Errors from the server (JSON) are shown under the form.
(function () {
  'use strict';
  document.querySelectorAll('form.upload-form').forEach(function (form) {
    var input = form.querySelector('input[type=file]');
    var errorBox = form.querySelector('[data-upload-error]');
    var busy = form.querySelector('[data-upload-busy]');
    var tooBig = form.querySelector('[data-upload-too-big]');
    var button = form.querySelector('button[type=submit]');
    function showError(text) {
      errorBox.textContent = text;
      errorBox.hidden = false;
      button.disabled = false;
      busy.hidden = true;
    }
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var file = input.files && input.files[0];
      errorBox.hidden = true;
      // no `required` on the input: the browser would say so in its own language, in a bubble by a hidden input
      if (!file) { showError(form.dataset.noFile); input.focus(); return; }
      tooBig.hidden = true;
      if (file.size > Number(form.dataset.maxMb) * 1024 * 1024) { tooBig.hidden = false; return; }
      button.disabled = true;
      busy.hidden = false;
      fetch(form.dataset.uploadUrl, {
        method: 'POST',
        credentials: 'same-origin',
        headers: {
          'Content-Type': 'application/octet-stream',
          'Accept': 'application/json',
          'X-CSRF-Token': form.dataset.csrf,
          'X-File-Name': encodeURIComponent(file.name)
        },
        body: file
      }).then(function (res) {
        return res.json().then(function (body) { return { ok: res.ok, body: body }; });
      }).then(function (r) {
        if (r.ok && r.body.next) { window.location.assign(r.body.next); return; }
        showError((r.body.error && r.body.error.message) || form.dataset.failed);
      }).catch(function () {
        // the network or an answer that is not JSON: the browser's own message would be English ("Failed to fetch")
        showError(form.dataset.failed);
      });
    });
  });
})();
