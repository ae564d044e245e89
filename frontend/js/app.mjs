// Starts GOV.UK Frontend's components. Loaded as a module, so it only runs in browsers that
// GOV.UK Frontend supports; older browsers get the plain HTML, which works on its own.
import { initAll } from './govuk-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()
