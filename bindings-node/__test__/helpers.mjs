import { readFileSync, readdirSync, existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const fixtures = join(root, 'core', 'tests', 'fixtures')

export function cases() {
  return readdirSync(fixtures, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const dir = join(fixtures, name)
      const previous = join(dir, 'previous.json')
      return {
        name,
        report: readFileSync(join(dir, 'report.json')),
        previous: existsSync(previous) ? readFileSync(previous) : undefined,
        expected: JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')),
        diagnostics: JSON.parse(readFileSync(join(dir, 'diagnostics.json'), 'utf8')),
        meta: JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')),
      }
    })
}

export function county() {
  return JSON.parse(readFileSync(join(root, 'examples', 'reports', '2021-county.json'), 'utf8'))
}

export const pairs = (diagnostics) => diagnostics.map((d) => [d.rule, d.path]).sort(compare)

function compare(a, b) {
  const x = JSON.stringify(a)
  const y = JSON.stringify(b)
  return x < y ? -1 : x > y ? 1 : 0
}

export const sortedPairs = (list) => [...list].sort(compare)
