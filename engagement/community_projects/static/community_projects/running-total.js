// The running total of the projects ticked, against the budget. The page works without it:
// the server checks the total and says at the field if it is over.
const form = document.querySelector("form[data-budget]");
const total = document.getElementById("running-total");
if (form && total) {
  const budget = Number(form.dataset.budget);
  const money = (amount) => amount.toLocaleString("en-GB");
  const show = () => {
    let sum = 0;
    for (const box of form.querySelectorAll("input[data-cost]:checked")) {
      sum += Number(box.dataset.cost);
    }
    let text = total.dataset.template.replace("TOTAL", money(sum)).replace("BUDGET", money(budget));
    if (sum > budget) {
      text += " " + total.dataset.over.replace("OVER", money(sum - budget));
    }
    total.textContent = text;
    total.hidden = false;
  };
  form.addEventListener("change", show);
  show();
}
