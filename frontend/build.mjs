// Copies the browser files the templates load from node_modules and frontend/ into static/dist/.
// The stylesheet is compiled by sass in the `build:css` script; this only copies.
// The GOV.UK crown, favicon and GDS Transport font are left out on purpose: they are for
// GOV.UK services only.
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const dist = join(root, 'static', 'dist')

const files = [
  // [source, destination], relative to the project root and static/dist/
  ['node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js', 'js/govuk-frontend.min.js'],
  // The source map is referenced from the file above; Django's manifest storage needs it to exist.
  ['node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js.map', 'js/govuk-frontend.min.js.map'],
  ['node_modules/htmx.org/dist/htmx.min.js', 'js/htmx.min.js'],
  ['frontend/js/app.mjs', 'js/app.mjs']
]

for (const [source, destination] of files) {
  const from = join(root, source)
  const to = join(dist, destination)
  if (!existsSync(from)) {
    console.error(`build: missing ${source}. Run npm install first.`)
    process.exit(1)
  }
  mkdirSync(dirname(to), { recursive: true })
  copyFileSync(from, to)
}

// The stylesheet must not point at files this script does not copy (a broken url() would also
// fail `collectstatic` with the manifest storage).
const css = readFileSync(join(dist, 'css', 'main.css'), 'utf8')
const urls = [...css.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)].map((match) => match[1])
const missing = urls.filter((url) => !url.startsWith('data:') && !existsSync(join(dist, 'css', url)))
if (missing.length) {
  console.error(`build: main.css refers to files that are not copied: ${missing.join(', ')}`)
  process.exit(1)
}

console.log(`build: copied ${files.length} files to static/dist/`)
