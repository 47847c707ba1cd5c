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
    var submitter = event.submitter || null;
    var data = new FormData(form);
    if (event.submitter && event.submitter.name) data.append(event.submitter.name, event.submitter.value);
    fetch(form.action, { method: "POST", body: data, headers: { "X-Requested-With": "fetch" }, credentials: "same-origin" })
      .then(function (response) { return response.text().then(function (html) { return { ok: response.ok, html: html }; }); })
      .then(function (result) {
        if (!result.html) return;
        var hadFocus = target.contains(document.activeElement);
        target.outerHTML = result.html;
        var live = document.getElementById(form.getAttribute("data-target"));
        if (!live) return;
        syncVotesLeft(live);
        if (!hadFocus) return;
        // Keep the keyboard focus where it was: on the same button of the new box, else its
        // first button, else its status message.
        var again = null;
        var buttons = live.querySelectorAll("button");
        for (var i = 0; i < buttons.length; i++) {
          var b = buttons[i];
          if (submitter && b.name && b.name === submitter.name && b.value === submitter.value) again = b;
        }
        again = again || buttons[0] || live.querySelector("[role=status]");
        if (again) {
          if (!again.matches("button")) again.setAttribute("tabindex", "-1");
          again.focus();
        }
      })
      .catch(function () { form.submit(); });
  });

  // The votes left are the person's, for the whole consultation: every other vote box of
  // the same consultation on the page shows the new figure too.
  function syncVotesLeft(box) {
    var left = box.querySelector(".votes-left");
    if (!left) return;
    var selector = '.vote-box[data-consultation="' + box.getAttribute("data-consultation") + '"] .votes-left';
    var others = document.querySelectorAll(selector);
    for (var i = 0; i < others.length; i++) {
      if (!box.contains(others[i])) others[i].textContent = left.textContent;
    }
  }
})();
