// Starts GOV.UK Frontend's components. Loaded as a module, so it only runs in browsers that
// GOV.UK Frontend supports; older browsers get the plain HTML, which works on its own.
import { initAll } from './govuk-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()

// The printable specification's "Print this page" button. It is hidden in the HTML, so that
// without JavaScript the page only says to use the browser's print command.
for (const button of document.querySelectorAll('[data-module="app-print-button"]')) {
  button.hidden = false
  button.addEventListener('click', () => window.print())
}
