//! Where every cell of a template version lives: its JSON Pointer, its printed label and
//! its kind, read once from the generated schema (so the layout cannot drift from the
//! model), plus the sum formulas of tables 3 and 4 that the rules, `fill_totals` and
//! front ends share.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde_json::{Map, Value};

use crate::model::Format;
use crate::pointer;
use crate::schema::report_schema;

/// What a cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    /// Integer ≥ 0.
    Count,
    /// Integer, may be negative (2019 本年增/减).
    Signed,
    /// Decimal ≥ 0.
    Amount,
}

/// One cell of tables 2–4.
#[derive(Debug, Clone)]
pub struct CellDef {
    /// JSON Pointer.
    pub pointer: String,
    /// Printed label, e.g. `表三 · （一）予以公开 · 总计`.
    pub label: String,
    /// What it holds.
    pub kind: CellKind,
}

/// A node of the schema tree: a title and the children in template order.
#[derive(Debug, Default)]
pub(crate) struct Node {
    pub title: String,
    pub children: Vec<(String, Node)>,
    pub kind: Option<CellKind>,
    /// The JSON type the schema asks for (ignoring `null`), e.g. `"object"`, `"string"`.
    pub json_type: String,
    /// A cell's index into [`Layout::cells`] (`None` outside tables 2–4).
    pub cell: Option<usize>,
}

impl Node {
    pub(crate) fn child(&self, key: &str) -> Option<&Node> {
        self.children.iter().find(|(k, _)| k == key).map(|(_, n)| n)
    }
}

/// Which sum a formula is (the rule that checks it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SumKind {
    /// A table-3 row's 总计 = its six applicant columns.
    RowTotal,
    /// A column of （七）总计 = the outcome rows (一)…(六).
    OutcomeTotal,
    /// A table-4 group's 总计 = its four results.
    AppealTotal,
}

/// `total = Σ parts` (cell indices into [`Layout::cells`]).
#[derive(Debug, Clone)]
pub struct Sum {
    /// Which rule checks it.
    pub kind: SumKind,
    /// The total cell.
    pub total: usize,
    /// The cells that add up to it.
    pub parts: Vec<usize>,
}

/// The cells and formulas of one template version.
#[derive(Debug)]
pub struct Layout {
    /// The template version.
    pub format: Format,
    /// Every cell of tables 2–4 in template order.
    pub cells: Vec<CellDef>,
    /// Sum formulas in an order where each total's parts are final before it is computed.
    pub sums: Vec<Sum>,
    /// `sum_of[cell]` = index into `sums` of the formula that defines a total cell's
    /// value when it is blank (the row formula for table-3 totals).
    pub(crate) sum_of: Vec<Option<usize>>,
    /// Table-3 rows: pointer, label and the seven cells.
    pub(crate) rows: Vec<RowDef>,
    pub(crate) new_row: usize,
    pub(crate) carried_over_row: usize,
    pub(crate) outcomes_total_row: usize,
    pub(crate) carried_forward_row: usize,
    pub(crate) tree: Node,
    index: HashMap<String, usize>,
}

/// One table-3 row.
#[derive(Debug, Clone)]
pub(crate) struct RowDef {
    pub pointer: String,
    pub cells: [usize; 7],
}

/// Tables 2, 3 and 4: their keys in the document and their printed names, in order.
pub(crate) const TABLES: [(&str, &str); 3] = [("proactive", "表二"), ("requests", "表三"), ("appeals", "表四")];

/// The seven Row columns in printed order (the last is 总计).
pub const ROW_COLUMNS: [&str; 7] = [
    "natural_person",
    "commercial",
    "research",
    "social_welfare",
    "legal_services",
    "other",
    "total",
];

fn table_name(top: &str) -> Option<&'static str> {
    TABLES.iter().find(|(key, _)| *key == top).map(|(_, name)| *name)
}

fn resolve<'a>(schema: &'a Value, defs: &'a Map<String, Value>) -> &'a Value {
    match schema
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/$defs/"))
    {
        Some(name) => defs.get(name).unwrap_or(schema),
        None => schema,
    }
}

fn kind_of(schema: &Value) -> Option<CellKind> {
    let types: Vec<&str> = match schema.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => return None,
    };
    if types.contains(&"number") {
        Some(CellKind::Amount)
    } else if types.contains(&"integer") {
        Some(if schema.get("minimum").is_some() {
            CellKind::Count
        } else {
            CellKind::Signed
        })
    } else {
        None
    }
}

fn build_tree(schema: &Value, defs: &Map<String, Value>, title: Option<&Value>) -> Node {
    let title = title
        .or_else(|| schema.get("title"))
        .and_then(Value::as_str)
        .unwrap_or("");
    let target = resolve(schema, defs);
    let json_type = match target.get("type") {
        Some(Value::String(t)) => t.clone(),
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(Value::as_str)
            .find(|t| *t != "null")
            .unwrap_or("")
            .to_owned(),
        _ => String::new(),
    };
    let mut node = Node {
        title: title.to_owned(),
        json_type,
        ..Node::default()
    };
    if let Some(props) = target.get("properties").and_then(Value::as_object) {
        for (key, sub) in props {
            node.children
                .push((key.clone(), build_tree(sub, defs, sub.get("title"))));
        }
    } else {
        node.kind = kind_of(target);
    }
    node
}

/// The printed label of any pointer into a document of this layout's format (unknown
/// keys are shown as written).
pub(crate) fn label_of(tree: &Node, ptr: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut node = Some(tree);
    let depth_of_last = pointer::tokens(ptr).count().saturating_sub(1);
    for (depth, token) in pointer::tokens(ptr).enumerate() {
        let next = node.and_then(|n| n.child(&token));
        if depth == 0
            && depth_of_last > 0
            && let Some(table) = table_name(&token)
        {
            parts.push(table.to_owned());
            node = next;
            continue;
        }
        match next {
            // The 三、本年度办理结果 group heads a column of rows; the clerk finds a cell by
            // the row label, so the group is left out of the label.
            Some(n) if token == "outcomes" && depth == 1 && depth_of_last > 1 => node = Some(n),
            Some(n) => {
                parts.push(n.title.clone());
                node = Some(n);
            }
            None => {
                parts.push(token.into_owned());
                node = None;
            }
        }
    }
    if parts.is_empty() {
        "整份报告".to_owned()
    } else {
        parts.join(" · ")
    }
}

/// Gives every cell under `node` its index, in the order of [`collect_cells`].
fn number_cells(node: &mut Node, next: &mut usize) {
    if node.kind.is_some() {
        node.cell = Some(*next);
        *next += 1;
        return;
    }
    for (_, child) in &mut node.children {
        number_cells(child, next);
    }
}

fn collect_cells(node: &Node, ptr: &mut String, root: &Node, out: &mut Vec<CellDef>) {
    if let Some(kind) = node.kind {
        out.push(CellDef {
            pointer: ptr.clone(),
            label: label_of(root, ptr),
            kind,
        });
        return;
    }
    for (key, child) in &node.children {
        let base = ptr.len();
        pointer::push_key(ptr, key);
        collect_cells(child, ptr, root, out);
        ptr.truncate(base);
    }
}

impl Layout {
    fn build(format: Format) -> Layout {
        let schema = report_schema(format);
        let empty = Map::new();
        let defs = schema.get("$defs").and_then(Value::as_object).unwrap_or(&empty);
        let mut tree = build_tree(schema, defs, None);
        let mut next = 0;
        for (table, _) in TABLES {
            if let Some((_, node)) = tree.children.iter_mut().find(|(k, _)| k == table) {
                number_cells(node, &mut next);
            }
        }
        let mut cells = Vec::new();
        for (table, _) in TABLES {
            if let Some(node) = tree.child(table) {
                let mut ptr = String::new();
                pointer::push_key(&mut ptr, table);
                collect_cells(node, &mut ptr, &tree, &mut cells);
            }
        }
        let index: HashMap<String, usize> = cells.iter().enumerate().map(|(i, c)| (c.pointer.clone(), i)).collect();

        // Table-3 rows: every pointer whose seven Row columns are all cells.
        let mut rows: Vec<RowDef> = Vec::new();
        for cell in &cells {
            if let Some(row_ptr) = cell.pointer.strip_suffix("/natural_person") {
                let ids = ROW_COLUMNS.map(|c| index.get(&format!("{row_ptr}/{c}")).copied());
                if let Some(ids) = ids.iter().copied().collect::<Option<Vec<usize>>>() {
                    let mut arr = [0; 7];
                    arr.copy_from_slice(&ids);
                    rows.push(RowDef {
                        pointer: row_ptr.to_owned(),
                        cells: arr,
                    });
                }
            }
        }
        let row_at = |p: &str| rows.iter().position(|r| r.pointer == p).unwrap_or(0);
        let new_row = row_at("/requests/new");
        let carried_over_row = row_at("/requests/carried_over");
        let outcomes_total_row = row_at("/requests/outcomes/total");
        let carried_forward_row = row_at("/requests/carried_forward");
        let outcome_rows: Vec<usize> = (0..rows.len())
            .filter(|&r| r != outcomes_total_row && rows[r].pointer.starts_with("/requests/outcomes/"))
            .collect();

        let row_sum = |r: &RowDef| Sum {
            kind: SumKind::RowTotal,
            total: r.cells[6],
            parts: r.cells[..6].to_vec(),
        };
        let mut sums: Vec<Sum> = Vec::new();
        sums.extend(
            rows.iter()
                .enumerate()
                .filter(|(r, _)| *r != outcomes_total_row)
                .map(|(_, r)| row_sum(r)),
        );
        for c in 0..7 {
            sums.push(Sum {
                kind: SumKind::OutcomeTotal,
                total: rows[outcomes_total_row].cells[c],
                parts: outcome_rows.iter().map(|&r| rows[r].cells[c]).collect(),
            });
        }
        sums.push(row_sum(&rows[outcomes_total_row]));
        // Table 4: every group's 总计 is the sum of its other cells.
        for (group, node) in tree.child("appeals").map_or(&[][..], |a| &a.children[..]) {
            let id = |f: &str| index.get(&format!("/appeals/{group}/{f}")).copied();
            let Some(total) = id("total") else { continue };
            sums.push(Sum {
                kind: SumKind::AppealTotal,
                total,
                parts: node
                    .children
                    .iter()
                    .filter(|(k, _)| k != "total")
                    .filter_map(|(k, _)| id(k))
                    .collect(),
            });
        }
        let mut sum_of = vec![None; cells.len()];
        for (i, s) in sums.iter().enumerate() {
            // The row formula wins for （七）总计·总计: it is the last one written.
            if sum_of[s.total].is_none() || s.kind == SumKind::RowTotal {
                sum_of[s.total] = Some(i);
            }
        }
        Layout {
            format,
            cells,
            sums,
            sum_of,
            rows,
            new_row,
            carried_over_row,
            outcomes_total_row,
            carried_forward_row,
            tree,
            index,
        }
    }

    /// The table-2 blocks (keys under `/proactive`) that have a cell `field`, in template
    /// order: the rules that read one field of every block take the blocks from here.
    pub(crate) fn proactive_blocks_with<'a>(&'a self, field: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.tree
            .child("proactive")
            .into_iter()
            .flat_map(|p| p.children.iter())
            .filter(move |(_, block)| block.child(field).is_some_and(|c| c.kind.is_some()))
            .map(|(key, _)| key.as_str())
    }

    /// The layout of a template version (built once).
    pub fn of(format: Format) -> &'static Layout {
        static L2019: LazyLock<Layout> = LazyLock::new(|| Layout::build(Format::V2019));
        static L2021: LazyLock<Layout> = LazyLock::new(|| Layout::build(Format::V2021));
        match format {
            Format::V2019 => &L2019,
            Format::V2021 => &L2021,
        }
    }

    /// The index of the cell at `pointer`.
    pub fn cell(&self, pointer: &str) -> Option<usize> {
        self.index.get(pointer).copied()
    }

    /// The table-2 cell `/proactive/{block}/{field}`, found without building its pointer
    /// (table 2 comes first in the layout and has at most 22 cells).
    pub(crate) fn proactive_cell(&self, block: &str, field: &str) -> Option<usize> {
        self.cells
            .iter()
            .take_while(|c| c.pointer.starts_with("/proactive/"))
            .position(|c| {
                c.pointer["/proactive/".len()..]
                    .strip_prefix(block)
                    .and_then(|rest| rest.strip_prefix('/'))
                    == Some(field)
            })
    }

    /// The printed label of any pointer.
    pub fn label(&self, pointer: &str) -> String {
        label_of(&self.tree, pointer)
    }

    /// The schema node at `pointer`, when the template has one.
    pub(crate) fn node(&self, ptr: &str) -> Option<&Node> {
        let mut node = Some(&self.tree);
        for token in pointer::tokens(ptr) {
            node = node.and_then(|n| n.child(&token));
        }
        node
    }

    /// The keys the template allows in the object at `pointer` (for typo suggestions).
    pub(crate) fn keys_at(&self, ptr: &str) -> Vec<&str> {
        self.node(ptr)
            .map(|n| n.children.iter().map(|(k, _)| k.as_str()).collect())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_and_labels() {
        let l = Layout::of(Format::V2021);
        // table 2: 3+3+1+1+1+1, table 3: 27 rows x 7 (2021), table 4: 15
        assert_eq!(l.cells.len(), 10 + 25 * 7 + 15);
        let l19 = Layout::of(Format::V2019);
        assert_eq!(l19.cells.len(), 3 + 3 + 3 * 4 + 2 + 2 + 23 * 7 + 15);
        assert_eq!(
            l19.cells[l19.cell("/proactive/fees/change").unwrap()].kind,
            CellKind::Signed
        );
        assert_eq!(
            l19.cells[l19.cell("/proactive/procurement/amount").unwrap()].kind,
            CellKind::Amount
        );
        let id = l.cell("/requests/outcomes/disclosed/total").unwrap();
        assert_eq!(l.cells[id].label, "表三 · （一）予以公开 · 总计");
        let id = l
            .cell("/requests/outcomes/withheld/state_secret/natural_person")
            .unwrap();
        assert_eq!(l.cells[id].label, "表三 · （三）不予公开 · 1.属于国家秘密 · 自然人");
        let id = l.cell("/appeals/litigation_direct/upheld").unwrap();
        assert_eq!(l.cells[id].label, "表四 · 行政诉讼 · 未经复议直接起诉 · 结果维持");
        assert_eq!(
            l.label("/proactive/fees/amount"),
            "表二 · 行政事业性收费 · 本年收费金额（单位：万元）"
        );
        assert_eq!(l.label("/year"), "报告年度");
        assert_eq!(l.label("/requests/nwe"), "表三 · nwe");
    }

    #[test]
    fn formulas() {
        let l = Layout::of(Format::V2021);
        let outcome = l.sums.iter().filter(|s| s.kind == SumKind::OutcomeTotal).count();
        assert_eq!(outcome, 7);
        assert!(
            l.sums
                .iter()
                .filter(|s| s.kind == SumKind::OutcomeTotal)
                .all(|s| s.parts.len() == 21)
        );
        assert_eq!(
            Layout::of(Format::V2019)
                .sums
                .iter()
                .find(|s| s.kind == SumKind::OutcomeTotal)
                .unwrap()
                .parts
                .len(),
            19
        );
        let appeals: Vec<&Sum> = l.sums.iter().filter(|s| s.kind == SumKind::AppealTotal).collect();
        assert_eq!(appeals.len(), 3);
        for s in appeals {
            let names: Vec<&str> = s
                .parts
                .iter()
                .map(|&p| l.cells[p].pointer.rsplit('/').next().unwrap())
                .collect();
            assert_eq!(names, ["upheld", "corrected", "other", "pending"]);
        }
    }

    #[test]
    fn table_2_blocks_by_field() {
        let blocks = |f: Format, field: &'static str| Layout::of(f).proactive_blocks_with(field).collect::<Vec<_>>();
        // The printed template, stated independently of the model.
        assert_eq!(
            blocks(Format::V2019, "previous_items"),
            ["licensing", "other_services", "penalty", "coercion", "fees"]
        );
        assert_eq!(
            blocks(Format::V2019, "published"),
            ["regulations", "normative_documents"]
        );
        assert_eq!(blocks(Format::V2021, "issued"), ["regulations", "normative_documents"]);
        assert_eq!(
            blocks(Format::V2021, "in_force"),
            ["regulations", "normative_documents"]
        );
        assert!(blocks(Format::V2021, "previous_items").is_empty());
        assert!(blocks(Format::V2019, "nothing").is_empty());
    }

    #[test]
    fn the_year_range_of_the_schema_is_the_models() {
        for f in Format::ALL {
            let year = &report_schema(f)["properties"]["year"];
            assert_eq!(year["minimum"], *crate::model::YEARS.start(), "{f}");
            assert_eq!(year["maximum"], *crate::model::YEARS.end(), "{f}");
        }
    }
}
