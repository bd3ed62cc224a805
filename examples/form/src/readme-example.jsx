import Form from '@rjsf/core'
import { customizeValidator } from '@rjsf/validator-ajv8'
import Ajv2020 from 'ajv/dist/2020.js'
import schema from '../../../schemas/report-2021.schema.json' with { type: 'json' }
import rules from 'zfxxgk/rules.json' with { type: 'json' }
import { checkArithmetic } from 'zfxxgk/arithmetic'

const validator = customizeValidator({ AjvClass: Ajv2020, ajvOptionsOverrides: { strict: true } })

// rjsf takes an input's type from a string `type` only; a count is ["integer", "null"].
// A cell the clerk empties is a blank: null, not a missing key.
function cellInputs(node) {
  const s = node.$ref ? { ...schema.$defs[node.$ref.split('/').pop()], ...node } : node
  if (s.properties) return Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, cellInputs(v)]))
  const types = [].concat(s.type)
  const number = types.includes('integer') || types.includes('number')
  return types.includes('null') ? { 'ui:options': { emptyValue: null, ...(number && { inputType: 'number' }) } } : {}
}
const uiSchema = cellInputs(schema)

// [{ path: '/requests/new/total', message }] → { requests: { new: { total: { __errors: [message] } } } }
function toErrorSchema(diagnostics) {
  const out = {}
  for (const d of diagnostics) {
    const node = d.path.split('/').slice(1).reduce((n, k) => (n[k] ??= {}), out)
    ;(node.__errors ??= []).push(d.message)
  }
  return out
}

export function ReportForm({ report, onChange }) {
  return (
    <Form
      schema={schema}
      uiSchema={uiSchema}
      validator={validator}
      formData={report}
      liveValidate="onChange"
      extraErrors={toErrorSchema(checkArithmetic(report, rules))}
      onChange={({ formData }) => onChange(formData)}
    />
  )
}
