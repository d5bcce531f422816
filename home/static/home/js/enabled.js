/*
 * NHS.UK frontend bootstrap, kept in an external file so that the site needs
 * no inline <script> (strict Content-Security-Policy friendly).
 *
 * Load it as the FIRST element inside <body>, as a classic script (no
 * type="module", no defer/async), passing the static URL of the NHS.UK
 * frontend ES module in a data attribute:
 *
 *   <script src="{% static 'home/js/enabled.js' %}"
 *           data-nhsuk-frontend-src="{% static 'nhsuk/nhsuk-frontend.min.js' %}"></script>
 *
 * 1. Adds the `js-enabled` class to <body>, plus `nhsuk-frontend-supported`
 *    where the browser supports ES modules. This is what the NHS.UK page
 *    template does with an inline script; NHS.UK components only enhance
 *    themselves (and their CSS only switches to the enhanced layout) when
 *    `nhsuk-frontend-supported` is present.
 * 2. Imports the NHS.UK frontend module (the URL keeps the collectstatic
 *    hash, so it is cached correctly) and calls initAll() once the document
 *    has been parsed.
 *
 * Browsers too old for dynamic import() fail to parse this file and simply
 * get the no-JavaScript experience, which is fully usable.
 */
(function () {
  var body = document.body;
  var script = document.currentScript;
  var supported = "noModule" in HTMLScriptElement.prototype;

  body.classList.add("js-enabled");
  if (supported) {
    body.classList.add("nhsuk-frontend-supported");
  }

  var src = script && script.getAttribute("data-nhsuk-frontend-src");
  if (!supported || !src) {
    return;
  }

  var parsed = new Promise(function (resolve) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", resolve);
    } else {
      resolve();
    }
  });

  Promise.all([import(src), parsed])
    .then(function (results) {
      results[0].initAll();
    })
    .catch(function (error) {
      // Fall back to the no-JavaScript layout rather than a half-enhanced one.
      body.classList.remove("nhsuk-frontend-supported");
      if (window.console) {
        window.console.error("NHS.UK frontend failed to initialise", error);
      }
    });
})();
