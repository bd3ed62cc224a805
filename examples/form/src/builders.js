// What two form builders need besides the unmodified schema, derived from the schema itself
// (so it cannot drift from it).
import { resolve, typesOf } from './report.js'

/**
 * react-jsonschema-form: a uiSchema that makes every count cell an <input type="number">, and
 * an emptied cell or text null (rjsf would drop the key, which the schema requires).
 * rjsf picks the input type from a string `type` only; our cells are `["integer", "null"]`
 * (a blank cell is null), which it would render as a text input. Validation (minimum 0,
 * integers only) is the schema's own and needs nothing here.
 */
export function rjsfUiSchema(root, schema = root) {
  const s = resolve(root, schema)
  const ui = {}
  for (const [key, sub] of Object.entries(s.properties ?? {})) {
    const child = resolve(root, sub)
    const types = typesOf(child)
    const number = types.includes('integer') || types.includes('number')
    // A cell or text the clerk empties is a blank (null), not a missing key.
    const blank = types.includes('null') ? { emptyValue: null } : {}
    if (child.properties) ui[key] = rjsfUiSchema(root, child)
    else if (number || types.includes('null')) ui[key] = { 'ui:options': { ...blank, ...(number && { inputType: 'number' }) } }
  }
  return ui
}

/**
 * JSON Forms: its vanilla renderers draw no nested object by themselves, so a portal gives it
 * a UI schema: one Group per object, labelled with the schema's title, one Control per cell.
 */
export function jsonFormsUiSchema(root, schema = root, scope = '#') {
  const s = resolve(root, schema)
  const elements = []
  for (const [key, sub] of Object.entries(s.properties ?? {})) {
    const child = resolve(root, sub)
    const at = `${scope}/properties/${key}`
    if (child.properties) elements.push({ type: 'Group', label: child.title, elements: jsonFormsUiSchema(root, child, at).elements })
    else if (!typesOf(child).includes('object')) elements.push({ type: 'Control', scope: at })
  }
  return { type: 'VerticalLayout', elements }
}

/** `a` with `b` merged in, recursively (objects only). */
export function mergeUi(a, b) {
  const out = { ...a }
  for (const [k, v] of Object.entries(b)) {
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && out[k] && typeof out[k] === 'object' ? mergeUi(out[k], v) : v
  }
  return out
}
