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

/** The JSON types a schema allows (its `type` as a list). */
export const typesOf = (s) => [].concat(s.type ?? [])
/** A cell or a text: no properties, not an object. */
const isCell = (s) => !s.properties && !typesOf(s).includes('object')

/**
 * The canonical document for `data`: every property of the template in the template's order,
 * a cell or text left empty as null, optional properties (extensions) only when present.
 */
export function canonical(root, data, schema = root) {
  const s = resolve(root, schema)
  if (!s.properties) return data === undefined || data === '' ? null : data
  const value = data !== null && typeof data === 'object' && !Array.isArray(data) ? data : {}
  const required = new Set(s.required ?? [])
  const out = {}
  for (const [key, sub] of Object.entries(s.properties)) {
    // An optional property is written only when present, or as null when the schema allows null.
    const child = resolve(root, sub)
    if (!required.has(key) && value[key] === undefined && !(isCell(child) && typesOf(child).includes('null'))) continue
    out[key] = canonical(root, value[key], child)
  }
  return out
}

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

/** The report as the canonical JSON text the CLI prints: two-space indent, final newline. */
export function toJson(doc) {
  return JSON.stringify(doc, null, 2) + '\n'
}
