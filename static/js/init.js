// GOV.UK Frontend enhances components where JavaScript runs; every page works without it.
import { initAll } from "../govuk/govuk-frontend.min.js";

initAll();
