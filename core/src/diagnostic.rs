//! The diagnostic record (`docs/model.md`, "A diagnostic"): one problem found, in the one
//! shape every language binding returns.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::amount::Amount;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The report is wrong (structure or 勾稽关系).
    Error,
    /// Probably wrong; a person should look.
    Warning,
    /// Worth knowing; often fine.
    Info,
}

impl Severity {
    /// `"error"`, `"warning"`, `"info"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
    /// The Chinese word (错误 / 警告 / 提示).
    pub fn zh(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A number or text a rule expected or found.
///
/// Integers are exact (sums of 64-bit cells can exceed 64 bits, so they are `i128`);
/// amounts keep their decimal digits; text is used for non-numeric facts (an organ name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Figure {
    /// An exact integer.
    Integer(i128),
    /// An exact decimal amount.
    Decimal(Amount),
    /// Text.
    Text(String),
}

impl fmt::Display for Figure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Figure::Integer(v) => write!(f, "{v}"),
            Figure::Decimal(v) => write!(f, "{v}"),
            Figure::Text(v) => f.write_str(v),
        }
    }
}

impl From<i128> for Figure {
    fn from(v: i128) -> Figure {
        Figure::Integer(v)
    }
}

impl From<i64> for Figure {
    fn from(v: i64) -> Figure {
        Figure::Integer(v.into())
    }
}

impl From<u32> for Figure {
    fn from(v: u32) -> Figure {
        Figure::Integer(v.into())
    }
}

impl From<Cow<'_, str>> for Figure {
    fn from(v: Cow<'_, str>) -> Figure {
        Figure::Text(v.into_owned())
    }
}

impl From<usize> for Figure {
    fn from(v: usize) -> Figure {
        // usize is at most 64 bits on every target Rust supports.
        Figure::Integer(v as i128)
    }
}

impl From<Amount> for Figure {
    fn from(v: Amount) -> Figure {
        Figure::Decimal(v)
    }
}

impl From<String> for Figure {
    fn from(v: String) -> Figure {
        Figure::Text(v)
    }
}

impl From<&str> for Figure {
    fn from(v: &str) -> Figure {
        Figure::Text(v.to_owned())
    }
}

impl Serialize for Figure {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            // The narrowest integer type that holds it, so that formats without 128-bit
            // integers (a serde_json::Value) take every figure that fits 64 bits.
            Figure::Integer(v) => match (i64::try_from(*v), u64::try_from(*v)) {
                (Ok(small), _) => s.serialize_i64(small),
                (_, Ok(large)) => s.serialize_u64(large),
                _ => s.serialize_i128(*v),
            },
            Figure::Decimal(v) => v.serialize(s),
            Figure::Text(v) => s.serialize_str(v),
        }
    }
}

impl<'de> Deserialize<'de> for Figure {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = serde_json::Value::deserialize(d)?;
        match v {
            serde_json::Value::String(s) => Ok(Figure::Text(s)),
            serde_json::Value::Number(n) => {
                if let Some(i) = n.as_i64() {
                    Ok(Figure::Integer(i.into()))
                } else if let Some(u) = n.as_u64() {
                    Ok(Figure::Integer(u.into()))
                } else {
                    let f = n.as_f64().unwrap_or(f64::NAN);
                    Amount::from_f64(f)
                        .map(Figure::Decimal)
                        .map_err(|_| serde::de::Error::custom("figure out of range"))
                }
            }
            _ => Err(serde::de::Error::custom("a figure is a number or a string")),
        }
    }
}

impl JsonSchema for Figure {
    fn schema_name() -> Cow<'static, str> {
        "Figure".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        // `anyOf` rather than a type list: ajv's strict mode refuses unions of types.
        json_schema!({ "anyOf": [{ "type": "number" }, { "type": "string" }] })
    }
}

/// # 诊断记录
///
/// 检查发现的一个问题：规则、严重程度、单元格（JSON Pointer 与表内位置）、中英文说明、应填与实填数值、相关单元格。
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
// Every field is always written (`expected`/`actual` as `null` when a rule has no
// figure), so the schema requires them all.
#[schemars(transform = crate::model::require_all_properties)]
pub struct Diagnostic {
    /// # 规则编号
    ///
    /// 稳定的规则编号，如 T3-ROW-TOTAL（见 docs/rules.md）。
    pub rule: Cow<'static, str>,
    /// # 严重程度
    pub severity: Severity,
    /// # 单元格路径
    ///
    /// RFC 6901 JSON Pointer，如 /requests/outcomes/disclosed/total；"" 表示整份报告。
    pub path: String,
    /// # 表内位置
    ///
    /// 纸面上找到该单元格的位置，如「表三 · （一）予以公开 · 总计」。
    pub label: String,
    /// # 表内位置（英文）
    ///
    /// The same position in English, e.g. "Table 3 · (1) Disclosed · total" (a key the template
    /// does not have is kept as written).
    pub label_en: String,
    /// # 说明
    pub message: String,
    /// # 英文说明
    pub message_en: String,
    /// # 应填
    pub expected: Option<Figure>,
    /// # 实填
    pub actual: Option<Figure>,
    /// # 相关单元格
    ///
    /// 规则读取的其他单元格（JSON Pointer）。
    pub related: Vec<String>,
    /// # 参数
    ///
    /// 填入说明的具名数值（如 S-UNKNOWN 的 key 与 suggestion、T3-BALANCE 的 new、carried_over、handled），
    /// 调用方无需解析说明文字即可读取；各规则的参数见 docs/rules.md。
    pub params: BTreeMap<String, Figure>,
}

impl Diagnostic {
    /// True when the record's severity is `error`.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}
