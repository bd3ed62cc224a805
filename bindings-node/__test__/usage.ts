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
