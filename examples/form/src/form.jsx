// The 2021 template as a form: react-jsonschema-form renders schemas/report-2021.schema.json
// unmodified (Chinese titles, template order, integer inputs with minimum 0); tables 2, 3 and 4
// are custom fields laid out like the printed tables. A print view lays the whole report out as
// published (print it, or save it as PDF, from the browser). Totals and 勾稽关系 come from rules.json through
// zfxxgk's arithmetic.mjs, the same rules the core checks, recomputed on every keystroke.
import React from 'react'
import { createRoot } from 'react-dom/client'
import Form from '@rjsf/core'
import { customizeValidator } from '@rjsf/validator-ajv8'
import Ajv2020 from 'ajv/dist/2020.js'
import localizeZh from 'ajv-i18n/localize/zh/index.js'
import schema from '../../../schemas/report-2021.schema.json'
import rules from 'zfxxgk/rules.json'
import { checkArithmetic, computeTotals, fillBlankTotals } from 'zfxxgk/arithmetic'
import { blank, canonical, toJson, unknownKeys } from './report.js'
import { Table2, Table3, Table4, gridField } from './grid.jsx'
import { mergeUi, rjsfUiSchema } from './builders.js'

// The published schema is JSON Schema 2020-12: validate with Ajv's 2020 class, strict as
// published, with Ajv's messages in Chinese.
const validator = customizeValidator({ AjvClass: Ajv2020, ajvOptionsOverrides: { strict: true } }, localizeZh)

// The pointers of the 总计 cells (each stands for its parts when blank).
const totals = new Set(Object.keys(rules.formats[schema.properties.format.const].blank_totals))

const fields = { table2: gridField(Table2), table3: gridField(Table3), table4: gridField(Table4), none: () => null }

const text = { 'ui:widget': 'textarea', 'ui:options': { rows: 4 } }
const uiSchema = mergeUi(rjsfUiSchema(schema), {
  'ui:submitButtonOptions': { norender: true },
  format: { 'ui:widget': 'hidden' },
  preface: text,
  overview: text,
  proactive: { 'ui:field': 'table2' },
  requests: { 'ui:field': 'table3' },
  appeals: { 'ui:field': 'table4' },
  problems: text,
  other_matters: text,
  extensions: { 'ui:field': 'none' }, // kept as loaded, not edited here
})

function download(name, body) {
  const url = URL.createObjectURL(new Blob([body], { type: 'application/json' }))
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

function Problems({ diagnostics, onPick }) {
  if (!diagnostics.length) {
    return (
      <p className="ok" data-testid="arithmetic-ok">
        表三、表四的勾稽关系全部相符。 Tables 3 and 4 add up.
      </p>
    )
  }
  return (
    <div className="problems" role="status">
      <p>
        勾稽关系不符 {diagnostics.length} 处（{diagnostics.length} arithmetic problem{diagnostics.length > 1 ? 's' : ''}）：
      </p>
      <ol data-testid="arithmetic-problems">
        {diagnostics.map((d, i) => (
          <li key={i} data-rule={d.rule} data-pointer={d.path}>
            <button type="button" onClick={() => onPick(d.path)}>
              {d.label}
            </button>{' '}
            {d.message}
            <br />
            <span className="en">{d.message_en}</span>
            <code>
              {' '}
              {d.rule} {d.path}
            </code>
          </li>
        ))}
      </ol>
    </div>
  )
}

/** Text as published: one paragraph per line. */
function Paragraphs({ text }) {
  return (text ?? '')
    .split(/\n+/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line, i) => <p key={i}>{line}</p>)
}

/**
 * The report in the official layout, for printing (hidden on screen): the title, the preface,
 * the six parts in template order with tables 2–4 as printed grids, the organ and date.
 */
function PrintView({ doc, context }) {
  const p = schema.properties
  const print = { ...context, print: true, schemaErrors: new Map(), onCell: () => {} }
  const title = doc.title || `${doc.organ ?? ''}${doc.year ?? ''}年政府信息公开工作年度报告`
  const table = (Table, key) => (
    <section key={key}>
      <h2>{p[key].title}</h2>
      <Table root={schema} pointer={`/${key}`} data={doc[key]} context={print} />
    </section>
  )
  const text = (key) => (
    <section key={key}>
      <h2>{p[key].title}</h2>
      <Paragraphs text={doc[key]} />
    </section>
  )
  return (
    <article className="print-view" data-testid="print-view" lang="zh-CN">
      <h1>{title}</h1>
      <Paragraphs text={doc.preface} />
      {text('overview')}
      {table(Table2, 'proactive')}
      {table(Table3, 'requests')}
      {table(Table4, 'appeals')}
      {text('problems')}
      {text('other_matters')}
      <p className="signature">
        {doc.organ}
        <br />
        {doc.published}
      </p>
    </article>
  )
}

function App() {
  const [doc, setDoc] = React.useState(() => blank(schema, new Date().getFullYear() - 1))
  const [focused, setFocused] = React.useState(null)
  const [notice, setNotice] = React.useState(null)
  window.__report = doc // for the browser test and for a look from the console

  // Everything derived from the document on each change: the rules run in well under a millisecond.
  const computedDoc = React.useMemo(() => computeTotals(doc, rules), [doc])
  const diagnostics = React.useMemo(() => checkArithmetic(doc, rules), [doc])
  const problems = React.useMemo(() => {
    const byCell = new Map()
    for (const d of diagnostics) byCell.set(d.path, [...(byCell.get(d.path) ?? []), d])
    return byCell
  }, [diagnostics])
  const related = React.useMemo(() => {
    const mine = diagnostics.filter((d) => d.path === focused)
    return new Set(mine.flatMap((d) => d.related ?? []))
  }, [diagnostics, focused])

  const formContext = {
    root: schema,
    totals,
    problems,
    related,
    // Data, not functions: rjsf re-renders a field only when its props differ, comparing
    // functions as equal, so the computed totals travel as a document.
    computedDoc,
    focusPointer: setFocused,
  }

  const pick = (pointer) => document.querySelector(`input[data-pointer="${pointer}"]`)?.focus()

  return (
    <>
      <div className="screen-only">
      <div className="toolbar">
        <button type="button" data-testid="fill-totals" onClick={() => setDoc(computeTotals(doc, rules))}>
          按各项之和重算全部总计（Recompute every total）
        </button>
        <button
          type="button"
          data-testid="download"
          onClick={() => download(`report-${doc.year ?? 'draft'}.json`, toJson(fillBlankTotals(doc, rules)))}
        >
          下载 JSON（Download canonical JSON）
        </button>
        <button type="button" data-testid="print" onClick={() => window.print()}>
          打印 / 另存为 PDF（Print in the official layout）
        </button>
        <label className="load">
          打开 JSON（Open a report）
          <input
            type="file"
            accept="application/json,.json"
            data-testid="open"
            onChange={async (e) => {
              const file = e.target.files?.[0]
              if (!file) return
              try {
                const loaded = JSON.parse(await file.text())
                if (loaded?.format !== schema.properties.format.const) throw new Error(`format ${JSON.stringify(loaded?.format)}`)
                setDoc(canonical(schema, loaded))
                const extra = unknownKeys(schema, loaded)
                setNotice(
                  extra.length
                    ? `${file.name}：模板没有的键未载入（keys the template does not have were left out）：${extra.join(', ')}`
                    : null,
                )
              } catch (err) {
                setNotice(`${file.name}：不是 2021 年格式的报告 JSON（not a 2021-format report）：${err.message}`)
              }
              e.target.value = ''
            }}
          />
        </label>
      </div>
      {notice ? (
        <p className="notice" role="alert" data-testid="notice">
          {notice}
        </p>
      ) : null}
      <Problems diagnostics={diagnostics} onPick={pick} />
      <Form
        schema={schema}
        uiSchema={uiSchema}
        formData={doc}
        validator={validator}
        fields={fields}
        formContext={formContext}
        liveValidate="onChange"
        showErrorList={false}
        onChange={({ formData }) => setDoc(canonical(schema, formData))}
      />
      </div>
      <PrintView doc={doc} context={formContext} />
    </>
  )
}

createRoot(document.getElementById('app')).render(<App />)
