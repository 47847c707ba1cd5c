/* Progressive enhancement only: every form works without this file. */
(function () {
  "use strict";
  // Drafts: what a signed-in person fills in a form marked data-draft (its text, and the lists,
  // boxes, dates and numbers they chose; never a file, a password or a hidden field the server
  // sets) is kept by this browser (localStorage, under a key of their own) until the server
  // accepts the form, so that a closed tab, a lost connection or an expired session loses
  // nothing. Back on the form, the fields the person changed are given back, with a button to
  // discard them; the others show what the server shows. A form the server accepts answers with
  // a redirect (the page after it then forgets the draft), except to the sign-in page (marked
  // data-draft-keep: the sign-in had ended). A refusal answers with the form shown again, as the
  // server understood what was sent: that is the draft from then on. A form that edits something
  // saved (data-draft-changed) shows it as it is now when it was saved elsewhere since the draft
  // began, in a field the person changed too, and offers the draft instead of imposing it.
  // Signing out forgets every draft (data-draft-forget), and so does deleting one's account,
  // once the server accepted it (data-draft-forget="accepted": it may refuse the password, and
  // the account stays). Any page forgets the drafts over a week old.
  var DRAFT = "consult-draft:";
  var PENDING = "consult-draft-pending";
  var EVERY = "*";  // pending: every draft, not one form's
  var WEEK = 7 * 24 * 3600 * 1000;
  var NOT_KEPT = /^(file|password|hidden|submit|button|reset|image|fieldset|output)$/;  // the token is hidden
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

  function keptFields(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && !el.disabled && !NOT_KEPT.test(el.type);
    });
  }

  // Each field's values as the form would send them: a list (the boxes ticked, the options chosen).
  function valuesOf(form) {
    var data = new FormData(form);
    var values = {};
    keptFields(form).forEach(function (el) { values[el.name] = data.getAll(el.name); });
    return values;
  }

  // A draft kept before the choices were kept holds one text per field, not a list.
  function same(a, b) {
    return JSON.stringify([].concat(a)) === JSON.stringify([].concat(b));
  }

  function fill(form, values, names) {
    var texts = {};  // how many text fields of each name were filled: several take the values in turn
    keptFields(form).forEach(function (el) {
      if (names.indexOf(el.name) < 0) return;
      var list = [].concat(values[el.name]);
      if (el.type === "checkbox" || el.type === "radio") {
        el.checked = list.indexOf(el.value) >= 0;
      } else if (el.tagName === "SELECT") {
        Array.prototype.forEach.call(el.options, function (o) { o.selected = list.indexOf(o.value) >= 0; });
      } else {
        texts[el.name] = (texts[el.name] || 0) + 1;
        el.value = list[texts[el.name] - 1] || "";
      }
    });
  }

  // The fields the person changed since the draft began, that the page shows otherwise.
  function changedFields(draft, shown) {
    var base = draft.base || {};
    return Object.keys(draft.values).filter(function (name) {
      return Object.prototype.hasOwnProperty.call(shown, name) &&
        !same(draft.values[name], base[name]) && !same(draft.values[name], shown[name]);
    });
  }

  // Something saved that was saved again elsewhere since the draft began, where the person changed it.
  function changedElsewhere(form, draft, names) {
    var base = draft.base || {};
    return form.hasAttribute("data-draft-changed") && names.some(function (name) {
      return !same(form.draftShown[name], base[name]);
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

  // `base`: what the form showed when the draft began, to tell what the person changed.
  function saveDraft(form) {
    var draft = { values: valuesOf(form), base: form.draftBase, at: Date.now() };
    try {
      drafts.setItem(DRAFT + form.getAttribute("data-draft"), JSON.stringify(draft));
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

  // A note atop the form, with a button that does `act`; the keyboard then goes to the first field.
  function addNote(form, text, label, act) {
    var folded = form.closest("details");  // a reply form, folded until asked for
    if (folded) folded.open = true;
    var note = document.createElement("p");
    note.className = "draft-note";
    note.setAttribute("role", "status");
    note.textContent = text + " ";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "link-button";
    button.textContent = label;
    button.addEventListener("click", function () {
      note.remove();
      act();
      var first = keptFields(form)[0];
      if (first) first.focus();
    });
    note.appendChild(button);
    form.insertBefore(note, form.firstChild);
  }

  function giveBack(form, draft, names) {
    fill(form, draft.values, names);
    addNote(form, form.getAttribute("data-draft-restored"), form.getAttribute("data-draft-discard"), function () {
      fill(form, form.draftShown, Object.keys(form.draftShown));
      form.draftBase = form.draftShown;
      drafts.removeItem(DRAFT + form.getAttribute("data-draft"));
    });
  }

  // Saved elsewhere since: a draft begins again from what is saved now, unless the person takes
  // up the one they had (kept at once, from what is saved now too).
  function offer(form, draft, names) {
    form.draftBase = form.draftShown;
    addNote(form, form.getAttribute("data-draft-changed"), form.getAttribute("data-draft-offer"), function () {
      giveBack(form, draft, names);
      saveDraft(form);
    });
  }

  // `answered`: the key of the form the server has just answered with a page of its own.
  function prepare(form, answered) {
    var key = form.getAttribute("data-draft");
    var draft = readDraft(key);
    form.draftShown = valuesOf(form);
    form.draftBase = draft && draft.base || form.draftShown;
    if (!draft || !keptFields(form).length) return;
    // This form shown again (refused, or a preview to edit again) holds what was just sent, as the
    // server understood it: that is the draft now, whatever an older one held.
    if (key === answered) return saveDraft(form);
    var names = changedFields(draft, form.draftShown);
    if (!names.length) return;
    if (changedElsewhere(form, draft, names)) offer(form, draft, names);
    else giveBack(form, draft, names);
  }

  if (drafts && pending) {
    var sent = pending.getItem(PENDING);
    pending.removeItem(PENDING);
    var answered = redirected() ? null : sent;  // answered with a page of its own: not accepted
    // The form was accepted, unless the redirect led to signing in (the sign-in had ended).
    if (sent && !answered && !document.body.hasAttribute("data-draft-keep")) {
      if (sent === EVERY) forgetDrafts(true);
      else drafts.removeItem(DRAFT + sent);
    }
    forgetDrafts(false);
    var forms = document.querySelectorAll("form[data-draft]");
    for (var f = 0; f < forms.length; f++) prepare(forms[f], answered);
    var timer = null;
    var typedIn = null;  // the form whose save is still waiting
    var saveTyped = function () {
      clearTimeout(timer);
      if (typedIn) saveDraft(typedIn);
      typedIn = null;
    };
    // A box ticked, an option chosen or a date picked: "input" in today's browsers, "change" in older ones.
    var changed = function (event) {
      var form = event.target.form;
      if (!form || !form.hasAttribute("data-draft")) return;
      clearTimeout(timer);
      typedIn = form;
      timer = setTimeout(saveTyped, 300);
    };
    document.addEventListener("input", changed);
    document.addEventListener("change", changed);
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
      if (keptFields(form).length) saveDraft(form);
      pending.setItem(PENDING, form.getAttribute("data-draft"));
    });
  }
})();
