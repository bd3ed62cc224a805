// The README's react-jsonschema-form example (readme-example.jsx, shown there verbatim) on a
// page of its own, for the browser test: readme.html.
import React from 'react'
import { createRoot } from 'react-dom/client'
import { ReportForm } from './readme-example.jsx'
import schema from '../../../schemas/report-2021.schema.json'
import { blank } from './report.js'

function Page() {
  const [report, setReport] = React.useState(() => blank(schema, 2025))
  window.__report = report
  return <ReportForm report={report} onChange={setReport} />
}

createRoot(document.getElementById('app')).render(<Page />)
