// tensorguide: what sphinx-design 0.8's synced tabs (design-tabs.js) leave out.
//
// sphinx-design already switches every tab set of a sync group together and
// keeps the choice in localStorage ("sphinx-design-tab-id-<group>"), so the
// framework stays chosen on the next page and after a reload.  Two things
// are missing:
//
// 1. Switching the framework changes the height of every tab set above the
//    one the reader clicked, and the page jumps under the pointer.  Here the
//    clicked tab keeps its place on screen.
// 2. A choice made in one browser tab does not reach pages already open in
//    other tabs.  Here they follow it (the "storage" event).
"use strict";

(function () {
  const tag = document.querySelector("script[data-sd-tabs-storage-prefix]");
  const PREFIX = tag ? tag.getAttribute("data-sd-tabs-storage-prefix") : "sphinx-design-tab-id-";

  function syncedLabel(input) {
    const label = input && input.nextElementSibling;
    return label && label.classList && label.classList.contains("sd-tab-label") &&
      label.dataset.syncGroup ? label : null;
  }

  // 1. Keep the clicked tab where it was.  This listener runs in the capture
  // phase, before sphinx-design's own handler switches the other tab sets.
  document.addEventListener("change", function (event) {
    const label = syncedLabel(event.target);
    if (!label || !event.target.checked) return;
    const before = label.getBoundingClientRect().top;
    window.requestAnimationFrame(function () {
      const shift = label.getBoundingClientRect().top - before;
      if (Math.abs(shift) >= 1) window.scrollBy(0, shift);
    });
  }, true);

  // 2. Follow a choice made in another browser tab of this site.
  window.addEventListener("storage", function (event) {
    if (!PREFIX || !event.key || !event.key.startsWith(PREFIX) || !event.newValue) return;
    const group = event.key.slice(PREFIX.length);
    document.querySelectorAll(".sd-tab-label").forEach(function (label) {
      if (label.dataset.syncGroup !== group || label.dataset.syncId !== event.newValue) return;
      const input = label.previousElementSibling;
      if (input instanceof HTMLInputElement) input.checked = true;
    });
  });
})();
