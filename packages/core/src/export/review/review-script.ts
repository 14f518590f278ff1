/**
 * The review page's one script, inline and constant: the same bytes on every page, so one sha256
 * hash in the Content-Security-Policy allows it (see `reviewPageCsp`). It reads everything it needs
 * from `data-*` attributes that the renderer escaped; it never parses HTML and never evaluates text.
 *
 * What it does: focusing or clicking a statement (`button.st`) highlights its quotes in the
 * transcript (`data-targets`: element ids), scrolls the first into view and moves the audio to the
 * quote's start (`data-start`, seconds); a click or Enter also plays from there. Arrow keys, Home and
 * End move between statements; Escape clears the highlight. A polite live region says what happened.
 */
export const REVIEW_SCRIPT = `(function () {
  "use strict";
  var doc = document;
  var statements = Array.prototype.slice.call(doc.querySelectorAll("button.st"));
  var audio = doc.getElementById("audio");
  var live = doc.getElementById("live");
  var lit = [];
  var current = null;
  function clear() {
    lit.forEach(function (el) { el.classList.remove("on"); });
    lit = [];
    if (current) current.setAttribute("aria-pressed", "false");
    current = null;
  }
  function say(text) { if (live) live.textContent = text; }
  function show(button, play) {
    clear();
    current = button;
    button.setAttribute("aria-pressed", "true");
    var ids = (button.getAttribute("data-targets") || "").split(" ").filter(Boolean);
    ids.forEach(function (id) {
      var el = doc.getElementById(id);
      if (el) { el.classList.add("on"); lit.push(el); }
    });
    var first = lit[0];
    if (first) first.scrollIntoView({ block: "center", inline: "nearest" });
    var start = Number(button.getAttribute("data-start"));
    var at = button.getAttribute("data-at") || "";
    if (!first) { say("No quote of this statement was found in the transcript."); return; }
    say("Quote highlighted in the transcript" + (at ? " at " + at : "") + ".");
    if (audio && button.hasAttribute("data-start") && isFinite(start)) {
      try { audio.currentTime = start; } catch (e) { say("The recording cannot be moved to " + at + "."); return; }
      if (play) {
        var p = audio.play();
        if (p && p.catch) p.catch(function () { say("Press play to hear the quote at " + at + "."); });
      }
    }
  }
  statements.forEach(function (button, i) {
    button.addEventListener("focus", function () { if (current !== button) show(button, false); });
    button.addEventListener("click", function () { show(button, true); });
    button.addEventListener("keydown", function (event) {
      var next = -1;
      if (event.key === "ArrowDown" || event.key === "ArrowRight") next = Math.min(i + 1, statements.length - 1);
      else if (event.key === "ArrowUp" || event.key === "ArrowLeft") next = Math.max(i - 1, 0);
      else if (event.key === "Home") next = 0;
      else if (event.key === "End") next = statements.length - 1;
      else if (event.key === "Escape") { clear(); say("Highlight cleared."); return; }
      if (next >= 0) { event.preventDefault(); statements[next].focus(); }
    });
  });
  doc.documentElement.classList.add("js");
})();
`;
