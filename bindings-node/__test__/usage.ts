// Type-checked with `tsc --noEmit` by the tests: the package's types describe its API.
import zfxxgk, { check, fillTotals, template, validate, type Diagnostic, type InvalidReportError, type Report2021 } from 'zfxxgk'

const report: Report2021 = template('2021', 2024)
report.requests.new.natural_person = 3
const diagnostics: Diagnostic[] = validate(report, { maxDiagnostics: 100 })
const labels: string[] = diagnostics.filter((d) => d.severity === 'error').map((d) => d.label)
const filled = fillTotals(report)
const pending: Promise<Diagnostic[]> = zfxxgk.validateAsync(Buffer.from(JSON.stringify(filled)))
try {
  check(report)
} catch (e) {
  const error = e as InvalidReportError
  console.log(error.code, error.diagnostics.length)
}
void pending
console.log(labels, zfxxgk.version)

import { checkArithmetic, computeTotals, type ArithmeticRules } from 'zfxxgk/arithmetic'
declare const arithmeticRules: ArithmeticRules
const computed: Report2021 = computeTotals(report, arithmeticRules)
const problems: Diagnostic[] = checkArithmetic(computed, arithmeticRules)
void problems

import { panel, panelCsv, PANEL_COLUMNS, type Panel, type PanelRecord, type PanelTotals } from 'zfxxgk'
async function panels(): Promise<void> {
  const p: Panel = await panel(['reports/'], { extensions: ['json'], aliases: { 旧名: '新名' }, kind: 'auto' })
  const rows: PanelRecord[] = p.records()
  const value: string | number | null = rows[0].value
  const previous: string | null = p.reports[0].previous
  const totals: PanelTotals = await panelCsv(new URL('file:///reports/'), 'panel.csv')
  console.log(value, previous, totals.cross_year, PANEL_COLUMNS.length, p.similar_names[0]?.[1])
}
void panels
