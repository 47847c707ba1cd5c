/* Similar proposals while writing: after a pause in typing the title, ask the server for
   proposals that look alike and show them in a live region. The form works without it. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-similar-url]");
  if (!form || !window.fetch) { return; }
  var title = form.querySelector("[name=title]");
  var live = document.getElementById("similar-live");
  if (!title || !live) { return; }
  var timer = null;
  var last = "";
  var shown = "";  // the answer in the live region: the same one again is not read out again
  function lookup() {
    var value = title.value.trim();
    if (value === last) { return; }
    last = value;
    if (value.length < 3) { live.innerHTML = shown = ""; return; }
    var url = form.getAttribute("data-similar-url") + "?title=" + encodeURIComponent(value);
    fetch(url, { headers: { "X-Requested-With": "fetch" }, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : ""; })
      .then(function (html) {
        if (title.value.trim() === value && html !== shown) { live.innerHTML = shown = html; }
      })
      .catch(function () { /* the preview step shows them anyway */ });
  }
  title.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(lookup, 400);
  });
  // A title typed before this script ran, or restored by the browser: look it up at once.
  if (title.value.trim()) { lookup(); }
})();
