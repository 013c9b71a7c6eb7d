// Admin search boxes (select2) draw a combobox and a read-only text box that do not read their
// field's label: name both after it, so screen readers announce "Raised by" (WCAG 4.1.2).
// Select2 draws them after the page has loaded (and again for each inline row added), so watch for them.
function labelFor(select) {
  const label = select.id && document.querySelector(`label[for="${select.id}"]`);
  if (label) {
    return label;
  }
  // A row of a tabular inline: the column's heading names it.
  const cell = select.closest("td[class*='field-']");
  const field = cell && [...cell.classList].find((name) => name.startsWith("field-"));
  return field && cell.closest("table").querySelector(`th.column-${field.slice("field-".length)}`);
}

function nameSearchBox(container) {
  const select = container.previousElementSibling;
  const box = container.querySelector(".select2-selection[role='combobox']");
  const label = select && labelFor(select);
  if (!box || !label) {
    return;
  }
  label.id = label.id || `${select.id}_label`;
  const shown = box.querySelector(".select2-selection__rendered");
  box.setAttribute("aria-labelledby", [label.id, shown && shown.id].filter(Boolean).join(" "));
  if (shown) {
    shown.setAttribute("aria-label", label.textContent.replace(/:\s*$/, "").trim());
  }
}

// The box typed into (inline in a many-choice picker, or atop the open list) is a form field too:
// it needs the field's name (WCAG 1.3.1, 4.1.2). Select2 redraws it as choices are added and removed.
function nameTypingBoxes(root) {
  const boxes = root.matches(".select2-search__field") ? [root] : root.querySelectorAll(".select2-search__field");
  boxes.forEach((box) => {
    const controls = /^select2-(.+)-results$/.exec(box.getAttribute("aria-controls") || "");
    const container = box.closest(".select2-container");
    const select = controls ? document.getElementById(controls[1]) : container && container.previousElementSibling;
    const label = select && labelFor(select);
    if (label) {
      box.setAttribute("aria-label", `Search: ${label.textContent.replace(/:\s*$/, "").trim()}`);
    }
  });
}

// The two-list picker's search icons carry a label but no role, which ARIA does not allow: they are images.
function roleForIcons(root) {
  root.querySelectorAll(".help-tooltip[aria-label]:not([role])").forEach((icon) => icon.setAttribute("role", "img"));
}

new MutationObserver((changes) => {
  changes.forEach((change) => {
    change.addedNodes.forEach((node) => {
      if (node.nodeType !== Node.ELEMENT_NODE) {
        return;
      }
      if (node.matches(".select2-container:not(.select2-container--open)")) {
        nameSearchBox(node);
      }
      roleForIcons(node);
      nameTypingBoxes(node);
    });
  });
}).observe(document.documentElement, { childList: true, subtree: true });

// A tabular inline's first column (the saved record's name) has an empty heading: give it words
// screen readers can read out (WCAG 1.3.1).
function nameRecordColumns(root) {
  root.querySelectorAll("th.original:empty").forEach((heading) => {
    const words = document.createElement("span");
    words.className = "visually-hidden";
    words.textContent = "Saved record";
    heading.append(words);
  });
}

document.addEventListener("DOMContentLoaded", () => {
  nameRecordColumns(document);
  document.querySelectorAll(".select2-container").forEach(nameSearchBox);
  nameTypingBoxes(document.body);
});
