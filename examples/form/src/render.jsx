// The published schemas rendered by two form builders, for people and for the browser test:
// render.html?builder=rjsf|jsonforms&format=2019|2021. The schema is handed over unmodified; the
// only additions are the UI schemas of builders.js, derived from the schema, for what a builder
// cannot infer (rjsf: number inputs for nullable integers; JSON Forms: groups for nested objects).
import React from 'react'
import { createRoot } from 'react-dom/client'
import Form from '@rjsf/core'
import { customizeValidator } from '@rjsf/validator-ajv8'
import { JsonForms } from '@jsonforms/react'
import { vanillaCells, vanillaRenderers } from '@jsonforms/vanilla-renderers'
import Ajv2020 from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import schema2019 from '../../../schemas/report-2019.schema.json'
import schema2021 from '../../../schemas/report-2021.schema.json'
import { blank } from './report.js'
import { jsonFormsUiSchema, rjsfUiSchema } from './builders.js'

const schemas = { 2019: schema2019, 2021: schema2021 }
const params = new URLSearchParams(location.search)
const builder = params.get('builder') === 'jsonforms' ? 'jsonforms' : 'rjsf'
const format = params.get('format') === '2019' ? '2019' : '2021'
const schema = schemas[format]

function Rjsf() {
  const validator = React.useMemo(() => customizeValidator({ AjvClass: Ajv2020, ajvOptionsOverrides: { strict: true } }), [])
  const uiSchema = React.useMemo(() => rjsfUiSchema(schema), [])
  const [data, setData] = React.useState(() => blank(schema, 2025))
  window.__report = data
  return (
    <Form
      schema={schema}
      uiSchema={uiSchema}
      formData={data}
      validator={validator}
      liveValidate="onChange"
      showErrorList="top"
      onChange={({ formData }) => setData(formData)}
    />
  )
}

function JsonFormsView() {
  const ajv = React.useMemo(() => {
    // JSON Forms' own Ajv is draft-07; the published schema is 2020-12, strict as published.
    const a = new Ajv2020({ allErrors: true, verbose: true, strict: true })
    addFormats(a)
    return a
  }, [])
  const uischema = React.useMemo(() => jsonFormsUiSchema(schema), [])
  const [data, setData] = React.useState(() => blank(schema, 2025))
  const [errors, setErrors] = React.useState([])
  window.__report = data
  return (
    <>
      <JsonForms
        schema={schema}
        uischema={uischema}
        data={data}
        ajv={ajv}
        renderers={vanillaRenderers}
        cells={vanillaCells}
        onChange={({ data: d, errors: e }) => {
          setData(d)
          setErrors(e ?? [])
        }}
      />
      <pre id="errors" data-count={errors.length}>
        {errors.map((e) => `${e.instancePath} ${e.message}`).join('\n')}
      </pre>
    </>
  )
}

document.title = `${schema.title} · ${builder}`
createRoot(document.getElementById('app')).render(
  <>
    <h1>
      {schema.title} <small>({builder})</small>
    </h1>
    {builder === 'rjsf' ? <Rjsf /> : <JsonFormsView />}
  </>,
)
