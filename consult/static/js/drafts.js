/* Progressive enhancement only: every form works without this file. */
(function () {
  "use strict";
  // Drafts: what a signed-in person types in a form marked data-draft is kept by this browser
  // (localStorage, under a key of their own) until the server accepts the form, so that a
  // closed tab, a lost connection or an expired session loses nothing. Back on the form, the
  // text is given back, with a button to discard it. A form the server accepts answers with a
  // redirect (the page after it then forgets the draft), except to the sign-in page (marked
  // data-draft-keep: the sign-in had ended); a refusal answers with a page of its own, and the
  // draft stays. Signing out forgets every draft (data-draft-forget), and so does deleting one's
  // account, once the server accepted it (data-draft-forget="accepted": it may refuse the
  // password, and the account stays). Any page forgets the drafts over a week old.
  var DRAFT = "consult-draft:";
  var PENDING = "consult-draft-pending";
  var EVERY = "*";  // pending: every draft, not one form's
  var WEEK = 7 * 24 * 3600 * 1000;
  var drafts = storage("localStorage");
  var pending = storage("sessionStorage");

  function storage(name) {
    try {
      var s = window[name];
      s.setItem(DRAFT + "test", "1");
      s.removeItem(DRAFT + "test");
      return s;
    } catch (e) {
      return null;  // storage turned off: forms work as before
    }
  }

  function textFields(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name !== "csrf_token" && !el.disabled &&
        (el.tagName === "TEXTAREA" || (el.tagName === "INPUT" && el.type === "text"));
    });
  }

  function valuesOf(form) {
    var values = {};
    textFields(form).forEach(function (el) { values[el.name] = el.value; });
    return values;
  }

  function fill(form, values) {
    textFields(form).forEach(function (el) {
      if (Object.prototype.hasOwnProperty.call(values, el.name)) el.value = values[el.name];
    });
  }

  function differs(form, values) {
    return textFields(form).some(function (el) {
      return Object.prototype.hasOwnProperty.call(values, el.name) && values[el.name] !== el.value;
    });
  }

  function readDraft(key) {
    try {
      var draft = JSON.parse(drafts.getItem(DRAFT + key));
      return draft && draft.values && Date.now() - draft.at < WEEK ? draft : null;
    } catch (e) {
      return null;
    }
  }

  function saveDraft(form) {
    try {
      drafts.setItem(DRAFT + form.getAttribute("data-draft"), JSON.stringify({ values: valuesOf(form), at: Date.now() }));
    } catch (e) { /* storage full: nothing kept */ }
  }

  // Every draft (all), or those over a week old: of this person or of another who used the device.
  function forgetDrafts(all) {
    for (var i = drafts.length - 1; i >= 0; i--) {
      var key = drafts.key(i);
      if (key && key.indexOf(DRAFT) === 0 && (all || !readDraft(key.slice(DRAFT.length)))) drafts.removeItem(key);
    }
  }

  function redirected() {
    var entries = window.performance && performance.getEntriesByType ? performance.getEntriesByType("navigation") : [];
    return entries.length > 0 && entries[0].redirectCount > 0;
  }

  function giveBack(form, draft) {
    var original = form.draftOriginal;
    fill(form, draft.values);
    var folded = form.closest("details");  // a reply form, folded until asked for
    if (folded) folded.open = true;
    var note = document.createElement("p");
    note.className = "draft-note";
    note.setAttribute("role", "status");
    note.textContent = form.getAttribute("data-draft-restored") + " ";
    var discard = document.createElement("button");
    discard.type = "button";
    discard.className = "link-button";
    discard.textContent = form.getAttribute("data-draft-discard");
    discard.addEventListener("click", function () {
      fill(form, original);
      drafts.removeItem(DRAFT + form.getAttribute("data-draft"));
      note.remove();
      var first = textFields(form)[0];
      if (first) first.focus();
    });
    note.appendChild(discard);
    form.insertBefore(note, form.firstChild);
  }

  if (drafts && pending) {
    var sent = pending.getItem(PENDING);
    pending.removeItem(PENDING);
    // The form was accepted, unless the redirect led to signing in (the sign-in had ended).
    if (sent && redirected() && !document.body.hasAttribute("data-draft-keep")) {
      if (sent === EVERY) forgetDrafts(true);
      else drafts.removeItem(DRAFT + sent);
    }
    forgetDrafts(false);
    var forms = document.querySelectorAll("form[data-draft]");
    for (var f = 0; f < forms.length; f++) {
      var form = forms[f];
      form.draftOriginal = valuesOf(form);
      var draft = readDraft(form.getAttribute("data-draft"));
      if (draft && differs(form, draft.values)) giveBack(form, draft);
    }
    var timer = null;
    var typedIn = null;  // the form whose save is still waiting
    var saveTyped = function () {
      clearTimeout(timer);
      if (typedIn) saveDraft(typedIn);
      typedIn = null;
    };
    document.addEventListener("input", function (event) {
      var form = event.target.form;
      if (!form || !form.hasAttribute("data-draft")) return;
      clearTimeout(timer);
      typedIn = form;
      timer = setTimeout(saveTyped, 300);
    });
    // Leaving the page just after typing (the language switch, a link, the tab closed): what was
    // typed last is kept all the same, and given back on the next page that shows the form.
    window.addEventListener("pagehide", saveTyped);
    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (form.hasAttribute("data-draft-forget")) {
        clearTimeout(timer);  // a save still waiting would keep, after signing out, what was just typed
        typedIn = null;
        if (form.getAttribute("data-draft-forget") === "accepted") return pending.setItem(PENDING, EVERY);
        return forgetDrafts(true);
      }
      saveTyped();
      if (!form.hasAttribute("data-draft")) return;
      if (textFields(form).length) saveDraft(form);
      pending.setItem(PENDING, form.getAttribute("data-draft"));
    });
  }
})();
