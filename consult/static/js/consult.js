/* Progressive enhancement only: every feature works without this file. */
(function () {
  "use strict";
  // Forms marked data-enhance="replace" are sent in the background; the server answers
  // with an HTML fragment that replaces the element named by data-target.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-enhance=replace]")) return;
    var target = document.getElementById(form.getAttribute("data-target"));
    if (!target || !window.fetch) return;
    event.preventDefault();
    var data = new FormData(form);
    if (event.submitter && event.submitter.name) data.append(event.submitter.name, event.submitter.value);
    fetch(form.action, { method: "POST", body: data, headers: { "X-Requested-With": "fetch" }, credentials: "same-origin" })
      .then(function (response) { return response.text().then(function (html) { return { ok: response.ok, html: html }; }); })
      .then(function (result) {
        if (!result.html) return;
        target.outerHTML = result.html;
        var live = document.getElementById(form.getAttribute("data-target"));
        var status = live && live.querySelector("[role=status]");
        if (status) status.focus && status.setAttribute("tabindex", "-1");
      })
      .catch(function () { form.submit(); });
  });
})();
