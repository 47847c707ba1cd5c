/* Valid HTML from the vendored Swagger UI, through its plugin system (its documented way of
   replacing what it draws), the vendored files left as they are. api-docs.js starts it with
   window.ApiDocsMarkup.presets(ui) and the plugin window.ApiDocsMarkup.plugin. Deep links are
   off, and the API's descriptions of its tags are plain text. */
window.ApiDocsMarkup = (function () {
  "use strict";

  // The deep-linking plugin keeps the scrolling state the operations read (its first part),
  // and wraps each tag and each operation, <div>s, in a <span> (its second): the state only.
  function presets(ui) {
    var scrolling = ui.plugins.DeepLining()[0];
    var base = function () {
      return ui.presets.base().map(function (plugin) {
        return plugin === ui.plugins.DeepLining ? function () { return scrolling; } : plugin;
      });
    };
    return ui.presets.apis().map(function (preset) { return preset === ui.presets.base ? base : preset; });
  }

  function arrow(h, props, open) {
    return h(props.getComponent(open ? "ArrowUpIcon" : "ArrowDownIcon"), { className: "arrow" });
  }

  // A tag's heading holds phrasing content only: its name, its description as text, its button.
  function operationTag(h) {
    return function OperationTag(props) {
      var key = ["operations-tag", props.tag], docExpansion = props.getConfigs().docExpansion;
      var open = props.layoutSelectors.isShown(key, docExpansion === "full" || docExpansion === "list");
      var description = props.tagObj.getIn(["tagDetails", "description"], null);
      var toggle = function () { props.layoutActions.show(key, !open); };
      var heading = h("h3", { className: description ? "opblock-tag" : "opblock-tag no-desc", "data-tag": props.tag,
                              id: key.join("-").replace(/\s/g, "_"), "data-is-open": open, onClick: toggle },
        h("span", null, props.tag), h("small", null, description),
        h("button", { "aria-expanded": open, className: "expand-operation", onClick: toggle,
                      title: open ? "Collapse operation" : "Expand operation" }, arrow(h, props, open)));
      if (props.children == null) return heading;
      return h("div", { className: open ? "opblock-tag-section is-open" : "opblock-tag-section" }, heading,
               h(props.getComponent("Collapse"), { isOpened: open }, props.children));
    };
  }

  // An operation's button holds phrasing content only: <span>s where Swagger UI has <div>s.
  function operationSummary(h) {
    return function OperationSummary(props) {
      var op = props.operationProps.toObject(), get = props.getComponent, security = op.security;
      var open = function () {
        props.authActions.showDefinitions(props.authSelectors.definitionsForRequirements(security));
      };
      var secured = security && security.count() && !(security.size === 1 && security.first().isEmpty());
      var operationId = op.displayOperationId && (op.originalOperationId || op.operationId);
      return h("div", { className: "opblock-summary" },
        h("button", { "aria-expanded": props.isShown, className: "opblock-summary-control", onClick: props.toggleShown },
          h(get("OperationSummaryMethod"), { method: op.method }),
          h("span", { className: "opblock-summary-path-description-wrapper" },
            h(get("OperationSummaryPath"), { getComponent: get, operationProps: props.operationProps,
                                            specPath: props.specPath }),
            op.showSummary ? h("span", { className: "opblock-summary-description" },
                               op.op.get("summary") || op.summary) : null),
          operationId ? h("span", { className: "opblock-summary-operation-id" }, operationId) : null),
        h(get("CopyToClipboardBtn", true), { textToCopy: String(props.specPath.get(1)) }),
        secured ? h(get("authorizeOperationBtn", true), { isAuthorized: op.isAuthorized, onClick: open }) : null,
        h(get("JumpToPath", true), { path: props.specPath }),
        h("button", { "aria-label": op.method + " " + op.path.replace(/\//g, "\u200b/"), tabIndex: "-1",
                      className: "opblock-control-arrow", "aria-expanded": props.isShown, onClick: props.toggleShown },
          arrow(h, props, props.isShown)));
    };
  }

  // The example and schema tabs: aria-controls on the tab whose panel is drawn (the other's is not).
  function modelExample(system, h) {
    return function ModelExample(props) {
      var id = system.React.useId(), config = props.getConfigs();
      var chosen = system.React.useState(config.defaultModelRendering === "model" && props.schema ? "model" : "example");
      var active = props.isExecute ? "example" : chosen[0];
      function tab(name, label) {
        return h("li", { className: "tabitem" + (active === name ? " active" : ""), role: "presentation" },
          h("button", { id: id + name + "-tab", role: "tab", className: "tablinks", "data-name": name,
                        "aria-controls": active === name ? id + name : null, "aria-selected": active === name,
                        onClick: function () { chosen[1](name); } }, label));
      }
      var panel = active === "example"
        ? props.example || h(props.getComponent("HighlightCode", true), null, "(no example available)")
        : h(props.getComponent("ModelWrapper"), {
          schema: props.schema, specPath: props.specPath, fullPath: props.specPath.toJS(),
          expandDepth: config.defaultModelExpandDepth, includeReadOnly: props.includeReadOnly,
          includeWriteOnly: props.includeWriteOnly, getComponent: props.getComponent, getConfigs: props.getConfigs,
          specSelectors: props.specSelectors, layoutActions: props.layoutActions,
          layoutSelectors: props.layoutSelectors });
      return h("div", { className: "model-example" },
        h("ul", { className: "tab", role: "tablist" },
          tab("example", props.isExecute ? "Edit Value" : "Example Value"),
          props.schema && tab("model", props.specSelectors.isOAS3() ? "Schema" : "Model")),
        h("div", { id: id + active, role: "tabpanel", "aria-labelledby": id + active + "-tab", tabIndex: 0,
                   className: active === "model" ? "model-container" : null, "data-name": active + "Panel" }, panel));
    };
  }

  // A schema is shown as its JSON Schema text, as the OpenAPI document gives it: Swagger UI's
  // tree of schemas puts tables inside <span>s, and its "[...]" toggles name nothing. Phrasing
  // content (<code>), as the list of schemas draws it in a <span>; the keyboard reaches it to
  // scroll it.
  function schemaText(h) {
    function plain(value) {
      if (Array.isArray(value)) return value.map(plain);
      if (!value || typeof value !== "object") return value;
      var copy = {};
      Object.keys(value).forEach(function (key) { if (key.indexOf("$$") !== 0) copy[key] = plain(value[key]); });
      return copy;
    }
    return function ModelWrapper(props) {
      var schema = props.schema && props.schema.toJS ? props.schema.toJS() : props.schema;
      var text = h("code", { className: "schema-text", tabIndex: 0 }, JSON.stringify(plain(schema || {}), null, 2));
      if (!props.name) return text;  // an operation's Schema tab
      // In the list of schemas, its name is the button that folds it again.
      var fold = function () { props.layoutActions.show(props.fullPath, false); };
      return h("span", { className: "model-box" },
        h("button", { "aria-expanded": true, className: "model-box-control", onClick: fold },
          h("span", { className: "pointer" }, h("strong", { className: "model model-title" }, props.displayName)),
          h("span", { className: "model-toggle" })),
        text);
    };
  }

  function plugin(system) {
    var h = system.React.createElement;
    return {
      // The page's own h1 and introduction say what this title block said (in a <small><pre>
      // version badge, a link in an <hgroup>); it was hidden.
      wrapComponents: { InfoContainer: function () { return function () { return null; }; } },
      components: {
        DeepLink: function (props) { return h("span", null, props.text); },  // was a link without an address
        OperationTag: operationTag(h),
        OperationSummary: operationSummary(h),
        modelExample: modelExample(system, h),
        ModelWrapper: schemaText(h),
      },
    };
  }

  return { presets: presets, plugin: plugin };
})();
