// Tables 2, 3 and 4 as grids laid out like the printed template, for use as rjsf custom fields.
// Every cell is an <input data-pointer="/requests/new/natural_person">; a blank 总计 shows the
// total computed from its parts; a 勾稽 error is shown beside the cell it names.
import React from 'react'
import { at, resolve, schemaAt, tableRows } from './report.js'

const parsePointer = (p) => p.split('/').slice(1)

function setIn(obj, keys, value) {
  const [head, ...rest] = keys
  const copy = { ...(obj ?? {}) }
  copy[head] = rest.length ? setIn(copy[head], rest, value) : value
  return copy
}

/** A typed value from an <input type=number>: '' → null, otherwise the number as typed. */
function readCell(text) {
  if (text.trim() === '') return null
  const n = Number(text)
  return Number.isFinite(n) ? n : text
}

function Cell({ pointer, label, value, cell, context, colSpan }) {
  const { computedDoc, totals, problems, focusPointer } = context
  // 勾稽 errors (rules.json) first, then the schema's own (a negative or fractional count).
  const errors = [
    ...(problems.get(pointer) ?? []),
    ...(context.schemaErrors.get(pointer) ?? []).map((message) => ({ rule: 'schema', message, message_en: message })),
  ]
  const isTotal = totals.has(pointer)
  const blank = value === null || value === undefined
  const shown = isTotal && blank ? at(computedDoc, pointer) : undefined
  const related = context.related.has(pointer)
  // A count is a whole number; 本年收费金额（万元） may have decimals.
  const integer = [cell.type].flat().includes('integer')
  const className = ['cell', isTotal && 'total', errors.length && 'invalid', related && 'related'].filter(Boolean).join(' ')
  if (context.print) {
    // The printable report: the figure as it will be published (a blank total as its sum).
    const figure = blank ? shown : value
    return (
      <td className={`cell print${isTotal && blank ? ' total' : ''}`} colSpan={colSpan} data-pointer={pointer}>
        {figure === undefined || figure === null ? '' : String(figure)}
      </td>
    )
  }
  return (
    <td className={className} colSpan={colSpan}>
      <input
        type="number"
        inputMode={integer ? 'numeric' : 'decimal'}
        step={integer ? '1' : 'any'}
        min={cell.minimum}
        data-pointer={pointer}
        aria-label={label}
        aria-invalid={errors.length ? 'true' : undefined}
        title={errors.map((e) => `${e.message}\n${e.message_en}`).join('\n') || label}
        placeholder={shown === undefined || shown === null ? '' : String(shown)}
        value={blank ? '' : String(value)}
        onChange={(e) => context.onCell(pointer, readCell(e.target.value))}
        onFocus={() => focusPointer(pointer)}
      />
      {errors.map((e, i) => (
        <div key={i} className="cell-error" role="alert" data-rule={e.rule} data-pointer={pointer}>
          {e.expected !== undefined && e.expected !== null ? `应为 ${e.expected}` : e.message}
        </div>
      ))}
    </td>
  )
}

function Heading({ columns, span }) {
  // Table 3's printed header: 自然人 | 法人或其他组织 (five columns) | 总计, under 申请人情况.
  const legal = columns.slice(1, -1)
  return (
    <thead>
      <tr>
        <th rowSpan={3} colSpan={span} className="corner">
          （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）
        </th>
        <th colSpan={columns.length}>申请人情况</th>
      </tr>
      <tr>
        <th rowSpan={2}>{columns[0].title}</th>
        <th colSpan={legal.length}>法人或其他组织</th>
        <th rowSpan={2}>{columns[columns.length - 1].title}</th>
      </tr>
      <tr>
        {legal.map((c) => (
          <th key={c.key}>{c.title}</th>
        ))}
      </tr>
    </thead>
  )
}

/** Table 3: one row per leaf row of `requests`, headings spanning their rows as printed. */
export function Table3({ root, pointer, data, context }) {
  const rows = React.useMemo(() => tableRows(root, pointer), [root, pointer])
  const prefix = pointer.split('/').length - 1
  return (
    <table className="grid table3" data-table="3">
      <Heading columns={rows[0].columns} span={rows[0].labels.reduce((n, l) => n + l.cols, 0)} />
      <tbody>
        {rows.map((row) => {
          const values = parsePointer(row.pointer).slice(prefix).reduce((n, k) => n?.[k], data) ?? {}
          const rowLabel = row.labels.length ? row.labels[row.labels.length - 1].text : ''
          return (
            <tr key={row.pointer}>
              {row.labels.map((l, i) => (
                <th key={i} rowSpan={l.rows} colSpan={l.cols} scope="row">
                  {l.text}
                </th>
              ))}
              {row.columns.map((c) => (
                <Cell
                  key={c.key}
                  pointer={`${row.pointer}/${c.key}`}
                  label={`${rowLabel} · ${c.title}`}
                  value={values[c.key]}
                  cell={c}
                  context={context}
                />
              ))}
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}

// 第二十条 of the 条例 names what table 2 lists: the item of each row, as printed in the
// 2021 template (rows of one item share its heading row).
const ARTICLE_20_ITEM = {
  regulations: '第二十条第（一）项',
  normative_documents: '第二十条第（一）项',
  licensing: '第二十条第（五）项',
  penalty: '第二十条第（六）项',
  coercion: '第二十条第（六）项',
  fees: '第二十条第（八）项',
}

/**
 * Table 2 as printed: for each item of 第二十条 a heading row, a row of column titles
 * (信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数, or one figure spanning them), then
 * one row per kind of information.
 */
export function Table2({ root, pointer, data, context }) {
  const s = schemaAt(root, pointer)
  const rows = Object.entries(s.properties).map(([key, r]) => {
    const row = resolve(root, r)
    return {
      key,
      title: r.title ?? row.title,
      item: ARTICLE_20_ITEM[key] ?? '',
      columns: Object.entries(row.properties).map(([k, c]) => ({ key: k, ...resolve(root, c) })),
    }
  })
  const width = Math.max(...rows.map((r) => r.columns.length))
  const body = []
  rows.forEach((row, i) => {
    const previous = rows[i - 1]
    const sameColumns = previous && previous.columns.map((c) => c.key).join() === row.columns.map((c) => c.key).join()
    // The last column spans what a shorter row leaves of the widest one.
    const span = width - row.columns.length + 1
    if (!previous || previous.item !== row.item) {
      body.push(
        <tr key={`${row.key}-item`} className="item">
          <th colSpan={width + 1} scope="colgroup">
            {row.item}
          </th>
        </tr>,
      )
    }
    if (!previous || previous.item !== row.item || !sameColumns) {
      body.push(
        <tr key={`${row.key}-head`} className="head">
          <th scope="col">信息内容</th>
          {row.columns.map((c, j) => (
            <th key={c.key} scope="col" colSpan={j === row.columns.length - 1 ? span : undefined}>
              {c.title}
            </th>
          ))}
        </tr>,
      )
    }
    body.push(
      <tr key={row.key}>
        <th scope="row">{row.title}</th>
        {row.columns.map((c, j) => (
          <Cell
            key={c.key}
            pointer={`${pointer}/${row.key}/${c.key}`}
            label={`表二 · ${row.title} · ${c.title}`}
            value={data?.[row.key]?.[c.key]}
            cell={c}
            context={context}
            colSpan={j === row.columns.length - 1 && span > 1 ? span : undefined}
          />
        ))}
      </tr>,
    )
  })
  return (
    <table className="grid table2" data-table="2">
      <tbody>{body}</tbody>
    </table>
  )
}

/** Table 4 as printed: one row, 行政复议 then 行政诉讼 (未经复议直接起诉, 复议后起诉). */
export function Table4({ root, pointer, data, context }) {
  const s = schemaAt(root, pointer)
  const groups = Object.entries(s.properties).map(([key, g]) => {
    const r = resolve(root, g)
    return {
      key,
      path: r.title.split(' · '),
      columns: Object.entries(r.properties).map(([k, c]) => ({ key: k, ...resolve(root, c) })),
    }
  })
  // The header rows: a group title shared by neighbouring groups (行政诉讼) spans them.
  const depth = Math.max(...groups.map((g) => g.path.length))
  const headerRows = []
  for (let d = 0; d < depth; d++) {
    const cells = []
    groups.forEach((g, i) => {
      if (d >= g.path.length) return
      const same = (h) => h.path.length > d && h.path.slice(0, d + 1).join('/') === g.path.slice(0, d + 1).join('/')
      if (i > 0 && same(groups[i - 1])) return
      let span = 0
      for (let j = i; j < groups.length && same(groups[j]); j++) span += groups[j].columns.length
      cells.push(
        <th key={`${g.key}-${d}`} colSpan={span} rowSpan={d === g.path.length - 1 ? depth - d : 1}>
          {g.path[d]}
        </th>,
      )
    })
    headerRows.push(<tr key={d}>{cells}</tr>)
  }
  return (
    <table className="grid table4" data-table="4">
      <thead>
        {headerRows}
        <tr>
          {groups.flatMap((g) =>
            g.columns.map((c) => (
              <th key={`${g.key}/${c.key}`}>{c.title}</th>
            )),
          )}
        </tr>
      </thead>
      <tbody>
        <tr>
          {groups.flatMap((g) =>
            g.columns.map((c) => (
              <Cell
                key={`${g.key}/${c.key}`}
                pointer={`${pointer}/${g.key}/${c.key}`}
                label={`${g.path.join(' · ')} · ${c.title}`}
                value={data?.[g.key]?.[c.key]}
                cell={c}
                context={context}
              />
            )),
          )}
        </tr>
      </tbody>
    </table>
  )
}

/** rjsf custom fields over the grids; the page passes the live state in formContext. */
export function gridField(Table) {
  return function GridField(props) {
    const { registry, formData, fieldPathId, schema, onChange } = props
    const context = registry.formContext
    const pointer = '/' + fieldPathId.path.join('/')
    // rjsf's live validation errors for the cells of this table, by pointer.
    const schemaErrors = new Map()
    const collect = (node, keys) => {
      if (!node || typeof node !== 'object') return
      if (Array.isArray(node.__errors) && node.__errors.length) schemaErrors.set('/' + keys.join('/'), node.__errors)
      for (const [k, v] of Object.entries(node)) if (k !== '__errors') collect(v, [...keys, k])
    }
    collect(props.errorSchema, fieldPathId.path)
    const onCell = (cellPointer, value) => {
      const keys = parsePointer(cellPointer).slice(fieldPathId.path.length)
      onChange(setIn(formData, keys, value), fieldPathId.path)
    }
    return (
      <fieldset className="table-field" id={fieldPathId.$id}>
        <legend>{schema.title}</legend>
        {schema.description ? <p className="field-description">{schema.description}</p> : null}
        <div className="grid-scroll">
          <Table root={context.root} pointer={pointer} data={formData} context={{ ...context, onCell, schemaErrors }} />
        </div>
      </fieldset>
    )
  }
}
