// A "Print" button on admin pages made to be printed (the visit sheet).
document.querySelectorAll("[data-print-page]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
