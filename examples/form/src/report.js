// The report document behind the form: built from the published schema, so the form never
// needs a list of cells of its own. Pure functions, no React; the tests import them directly.

/** The value at a JSON Pointer (RFC 6901), or undefined. */
export function at(doc, pointer) {
  let node = doc
  for (const raw of pointer.split('/').slice(1)) {
    if (node === null || typeof node !== 'object') return undefined
    node = node[raw.replace(/~1/g, '/').replace(/~0/g, '~')]
  }
  return node
}

/** `schema` with its `$ref` (local, `#/...`) replaced by the definition, sibling keywords kept. */
export function resolve(root, schema) {
  let s = schema
  for (let hops = 0; s && typeof s.$ref === 'string'; hops++) {
    if (hops > 32 || !s.$ref.startsWith('#')) throw new Error(`cannot resolve ${s.$ref}`)
    const { $ref, ...siblings } = s
    s = { ...at(root, $ref.slice(1)), ...siblings }
  }
  return s
}

const isObject = (s) => s.type === 'object' || (Array.isArray(s.type) && s.type.includes('object') && s.properties)

/**
 * The canonical document for `data`: every property of the template in the template's order,
 * a cell or text left empty as null, optional properties (extensions) only when present.
 */
export function canonical(root, data, schema = root) {
  const s = resolve(root, schema)
  if (!isObject(s) || !s.properties) return data === undefined || data === '' ? null : data
  const value = data !== null && typeof data === 'object' && !Array.isArray(data) ? data : {}
  const required = new Set(s.required ?? [])
  const out = {}
  for (const [key, sub] of Object.entries(s.properties)) {
    // An optional property is written only when present, or as null when the schema allows null.
    if (!required.has(key) && value[key] === undefined && !nullable(resolve(root, sub))) continue
    out[key] = canonical(root, value[key], sub)
  }
  return out
}

const nullable = (s) => !s.properties && [].concat(s.type ?? []).includes('null') && !isObjectType(s)
const isObjectType = (s) => [].concat(s.type ?? []).includes('object')
const isCell = (s) => !s.properties && ![].concat(s.type ?? []).includes('object')

/** The pointers of keys in `data` that the template does not have (canonical() leaves them out). */
export function unknownKeys(root, data, schema = root, pointer = '') {
  const s = resolve(root, schema)
  if (!s.properties || data === null || typeof data !== 'object' || Array.isArray(data)) return []
  return Object.entries(data).flatMap(([key, value]) => {
    const at = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`
    return Object.hasOwn(s.properties, key) ? unknownKeys(root, value, s.properties[key], at) : [at]
  })
}

/** A blank report of the schema's template: format and year set, everything else empty. */
export function blank(root, year) {
  const doc = canonical(root, {})
  doc.format = root.properties.format.const
  doc.year = year
  return doc
}

/**
 * The rows of a table below `pointer` as printed: each leaf row is an object whose properties
 * are cells. Returns [{ pointer, labels: [{ text, depth, span }] }] with the row headings each
 * leaf row opens (a heading spans every leaf row under it).
 */
export function tableRows(root, pointer) {
  const leaves = []
  const walk = (schema, ptr, trail) => {
    const s = resolve(root, schema)
    const children = Object.entries(s.properties ?? {})
    if (children.every(([, c]) => isCell(resolve(root, c)))) {
      leaves.push({ pointer: ptr, trail, schema: s })
      return
    }
    for (const [key, child] of children) walk(child, `${ptr}/${key}`, [...trail, { text: resolve(root, child).title, ptr: `${ptr}/${key}` }])
  }
  walk(schemaAt(root, pointer), pointer, [])
  const depth = Math.max(...leaves.map((l) => l.trail.length))
  return leaves.map((leaf, i) => {
    const labels = []
    leaf.trail.forEach((heading, d) => {
      if (i > 0 && leaves[i - 1].trail[d]?.ptr === heading.ptr) return // opened by an earlier row
      const rows = leaves.filter((l) => l.trail[d]?.ptr === heading.ptr).length
      const last = d === leaf.trail.length - 1
      labels.push({ text: heading.text, rows, cols: last ? depth - d : 1 })
    })
    return { pointer: leaf.pointer, labels, columns: columnsOf(root, leaf.schema) }
  })
}

function columnsOf(root, schema) {
  return Object.entries(schema.properties).map(([key, c]) => ({ key, ...resolve(root, c) }))
}

/** The schema of the node at `pointer` of a document (object properties only). */
export function schemaAt(root, pointer) {
  let s = resolve(root, root)
  for (const key of pointer.split('/').slice(1)) s = resolve(root, s.properties[key])
  return s
}

/** Every total pointer of the report's format in rules.json, with the pointers of its parts. */
export function totalsOf(rules, format) {
  return new Map((rules.formats[format]?.sums ?? []).map((sum) => [sum.total, sum.parts]))
}

/**
 * The report with each blank total filled from its parts (in rules.json order, so a total of
 * totals sees them filled); a total the clerk typed is kept, so it is checked as typed.
 */
export function fillBlankTotals(doc, rules) {
  const out = structuredClone(doc)
  for (const sum of rules.formats[doc.format]?.sums ?? []) {
    if (at(out, sum.total) !== null) continue
    let total = 0
    for (const p of sum.parts) {
      const v = at(out, p)
      if (v === null || v === undefined) continue
      if (!Number.isInteger(v) || v < 0) {
        total = null
        break
      }
      total += v
    }
    if (total === null) continue
    const keys = sum.total.split('/').slice(1)
    const last = keys.pop()
    const parent = keys.reduce((node, k) => node?.[k], out)
    if (parent && typeof parent === 'object') parent[last] = total
  }
  return out
}

/** The report as the canonical JSON text the CLI prints: two-space indent, final newline. */
export function toJson(doc) {
  return JSON.stringify(doc, null, 2) + '\n'
}
