// Check-in at the door: search as you type. Without this script the search form is an ordinary GET form;
// with it, the same page is fetched for what is typed and its results and counts are swapped in.
(function () {
  "use strict";
  var form = document.querySelector("[data-check-in-search]");
  if (!form || !window.fetch || !window.DOMParser) return;
  var input = form.querySelector("input[name=q]");
  var timer = null;
  var latest = 0;

  function swap(fresh, id) {
    var now = document.getElementById(id);
    var next = fresh.getElementById(id);
    if (now && next) now.replaceWith(next);
  }

  function search() {
    var query = new URLSearchParams(new FormData(form)).toString();
    var url = window.location.pathname + "?" + query;
    var asked = ++latest;
    fetch(url, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (html) {
        if (asked !== latest) return; // an answer to an older search
        var fresh = new DOMParser().parseFromString(html, "text/html");
        swap(fresh, "check-in-results");
        swap(fresh, "check-in-counts");
        window.history.replaceState(null, "", url);
      })
      .catch(function () { /* the Find button still works */ });
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(search, 250);
  });
})();
