/* Starts the vendored Swagger UI on the API documentation page. */
window.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var node = document.getElementById("swagger-ui");
  if (!node || !window.SwaggerUIBundle || !window.ApiDocsMarkup) return;
  // Swagger UI lays its operations out in a <main>, inside the page's own: a page has one main
  // landmark, so each <main> it draws becomes a named region (the vendored files stay as they
  // are). Its children are moved, not copied: React keeps the elements it updates. The region's
  // name is English, as the whole explorer (lang="en" on its container).
  function oneMainLandmark() {
    node.querySelectorAll("main").forEach(function (main) {
      var region = document.createElement("div");
      region.setAttribute("role", "region");
      region.setAttribute("aria-label", main.getAttribute("aria-label") || "API operations");
      if (main.id) region.id = main.id;
      region.tabIndex = -1;
      while (main.firstChild) region.appendChild(main.firstChild);
      main.replaceWith(region);
    });
  }
  // A long example, schema or response scrolls in its frame: the keyboard reaches it to scroll it.
  function scrollableCodeFocusable() {
    node.querySelectorAll(".highlight-code > pre:not([tabindex])").forEach(function (pre) { pre.tabIndex = 0; });
  }
  new MutationObserver(function () { oneMainLandmark(); scrollableCodeFocusable(); })
    .observe(node, { childList: true, subtree: true });
  // No online validator: its badge would be an image from validator.swagger.io, which the
  // Content-Security-Policy refuses (and which would tell a third party about the page). Its
  // markup made valid HTML by api-docs-markup.js.
  window.SwaggerUIBundle({ url: node.getAttribute("data-spec"), dom_id: "#swagger-ui", deepLinking: false,
                           validatorUrl: null, presets: window.ApiDocsMarkup.presets(window.SwaggerUIBundle),
                           plugins: [window.ApiDocsMarkup.plugin] });
});
