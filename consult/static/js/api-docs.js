/* Starts the vendored Swagger UI on the API documentation page. */
window.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var node = document.getElementById("swagger-ui");
  if (!node || !window.SwaggerUIBundle) return;
  // No online validator: its badge would be an image from validator.swagger.io, which the
  // Content-Security-Policy refuses (and which would tell a third party about the page).
  window.SwaggerUIBundle({ url: node.getAttribute("data-spec"), dom_id: "#swagger-ui", deepLinking: false,
                           validatorUrl: null });
});
