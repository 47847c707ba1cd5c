/* Progressive enhancement only: every feature works without this file. */
(function () {
  "use strict";
  // Forms marked data-enhance="replace" are sent in the background; the server answers
  // with an HTML fragment that replaces the element named by data-target.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-enhance=replace]")) return;
    var id = form.getAttribute("data-target");
    var target = document.getElementById(id);
    if (!target || !window.fetch) return;
    event.preventDefault();
    // One request at a time per element: a second press before the first answer (a double
    // click, a quick change of mind on a slow network) is ignored, else the element would end
    // up showing whichever answer came first while the server kept the last. The buttons stay
    // enabled, so as not to take the keyboard focus away; the answer's element is not busy.
    if (target.getAttribute("aria-busy") === "true") return;
    target.setAttribute("aria-busy", "true");
    var submitter = event.submitter || null;
    var data = new FormData(form);
    if (event.submitter && event.submitter.name) data.append(event.submitter.name, event.submitter.value);
    fetch(form.action, { method: "POST", body: data, headers: { "X-Requested-With": "fetch" }, credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var fresh = document.createElement("template");
        fresh.innerHTML = html.trim();
        var live = fresh.content.firstElementChild;
        // Anything but the element itself (an expired form, a page gone, too many requests)
        // is a whole page: the browser sends the form again and shows that page.
        if (!live || live.id !== id) return sendNatively(form, submitter);
        target = document.getElementById(id);  // the element on the page now, whatever happened meanwhile
        if (!target) return;
        var hadFocus = target.contains(document.activeElement);
        // A live region inserted with its text is often not read out: the page's own region says it.
        var status = live.querySelector("[role=status]");
        if (status) status.removeAttribute("role");
        target.replaceWith(live);
        announce(status ? status.textContent : "");
        syncOtherBoxes(live);
        if (!hadFocus) return;
        // Keep the keyboard focus where it was: on the same button of the new box, else its
        // first button, else its link (the next step, as signing in: the message is read out
        // by the page's live region all the same), else its status message.
        var again = null;
        var buttons = live.querySelectorAll("button");
        for (var i = 0; i < buttons.length; i++) {
          var b = buttons[i];
          if (submitter && b.name && b.name === submitter.name && b.value === submitter.value) again = b;
        }
        again = again || buttons[0] || live.querySelector("a[href]") || status;
        if (again) {
          if (!again.matches("button")) again.setAttribute("tabindex", "-1");
          again.focus();
        }
      })
      .catch(function () { sendNatively(form, submitter); });
  });

  function sendNatively(form, submitter) {
    form.removeAttribute("data-enhance");  // not intercepted again
    if (form.requestSubmit) return form.requestSubmit(submitter);
    if (submitter && submitter.name) {  // submit() would not send the button pressed
      var pressed = document.createElement("input");
      pressed.type = "hidden";
      pressed.name = submitter.name;
      pressed.value = submitter.value;
      form.appendChild(pressed);
    }
    form.submit();
  }

  // One live region for the page, there before its first message (a region inserted with its
  // text is often not read out); emptied first, so that the same message twice is read twice.
  var announcer = document.createElement("div");
  announcer.id = "live-announcer";
  announcer.className = "visually-hidden";
  announcer.setAttribute("role", "status");
  document.body.appendChild(announcer);

  function announce(text) {
    announcer.textContent = "";
    setTimeout(function () { announcer.textContent = text; }, 50);
  }

  // A form sent back with errors: the keyboard and the screen reader start at their summary.
  // A redirect to what was just done (a comment posted, changed or deleted: the page lands on
  // it), there, with the message it shows, instead of at the top of the page; a form refused
  // whole (a phase closed meanwhile), at the error, above the text given back.
  var start = document.querySelector(".error-summary[tabindex='-1']") || document.querySelector("[data-start]");
  if (start) start.focus();

  // An image over the size limit is refused at once, before a long upload that the server
  // would refuse (the form keeps what was typed); the server checks it again anyway.
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("input[type=file][data-max-bytes]")) return;
    var file = input.files && input.files[0];
    var tooLarge = !!file && file.size > Number(input.getAttribute("data-max-bytes"));
    var note = document.getElementById(input.id + "-size-error");
    if (tooLarge) {
      input.value = "";
      if (!note) {
        note = document.createElement("p");
        note.id = input.id + "-size-error";
        note.className = "field-error";
        note.setAttribute("role", "alert");
        input.insertAdjacentElement("afterend", note);
      }
      note.textContent = input.getAttribute("data-too-large");
      input.setAttribute("aria-invalid", "true");
    } else if (note) {
      note.remove();
      input.removeAttribute("aria-invalid");
    }
  });

  // The votes left are the person's, for the whole consultation: every other vote box of the
  // same consultation on the page shows the new figure and, on a proposal the person has not
  // voted on, offers a vote only while one is left (the hint says why otherwise).
  function syncOtherBoxes(box) {
    var left = box.getAttribute("data-left");
    var figure = box.querySelector(".votes-left");
    if (left === null || !figure) return;
    var boxes = document.querySelectorAll('.vote-box[data-left][data-consultation="' +
                                          box.getAttribute("data-consultation") + '"]');
    for (var i = 0; i < boxes.length; i++) {
      var other = boxes[i];
      if (other === box) continue;
      other.setAttribute("data-left", left);
      var text = other.querySelector(".votes-left");
      if (text) text.textContent = figure.textContent;
      var hint = other.querySelector(".spent-hint");
      if (!hint) continue;  // voted on: that vote can always be changed or withdrawn
      hint.hidden = left !== "0";
      var forms = other.querySelectorAll("form.vote-form");
      for (var j = 0; j < forms.length; j++) forms[j].hidden = left === "0";
    }
  }

  // Printing: the charts' tables and the official answers' history are printed open, and folded
  // again afterwards as they were.
  var PRINTED = "details.chart-data, details.answer-history";
  window.addEventListener("beforeprint", function () {
    var folded = document.querySelectorAll(PRINTED + ":not([open])");
    for (var i = 0; i < folded.length; i++) {
      folded[i].open = true;
      folded[i].setAttribute("data-opened-to-print", "");
    }
  });
  window.addEventListener("afterprint", function () {
    var opened = document.querySelectorAll("[data-opened-to-print]");
    for (var i = 0; i < opened.length; i++) {
      opened[i].open = false;
      opened[i].removeAttribute("data-opened-to-print");
    }
  });
})();
