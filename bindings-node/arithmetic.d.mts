// Types of arithmetic.mjs (the rules.json evaluator).
import type { Diagnostic, Report } from './types.js'

/** The parsed contents of rules.json. */
export interface ArithmeticRules {
  version: string
  // `string`, not the union of severities: what TypeScript infers for an imported
  // rules.json must be accepted as it is.
  rules: readonly { id: string; severity: string; message: string; message_en: string }[]
  formats: Record<string, unknown>
}

/** A new report with every total of tables 3 and 4 computed from its parts. */
export declare function computeTotals<T extends Report>(report: T, rules: ArithmeticRules): T
/** A new report with each blank total written as the sum it stands for; totals filled in are kept. */
export declare function fillBlankTotals<T extends Report>(report: T, rules: ArithmeticRules): T
/** The diagnostics of the arithmetic rules, exactly as the core reports them. */
export declare function checkArithmetic(report: Report, rules: ArithmeticRules): Diagnostic[]
