//! The canonical report document (`docs/model.md`): one JSON object is one
//! 政府信息公开工作年度报告 of one organ for one year.
//!
//! The types here are the contract. Their `///` comments carry the printed labels of the
//! national templates and become the `title`s of the published JSON Schemas, so a field's
//! first doc line is its label exactly as printed (`# …` makes it the schema title).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::amount::Amount;
use crate::extensions::Extensions;

/// A count cell: an integer ≥ 0, or `None` when the cell was left blank.
pub type Count = Option<u64>;
/// A signed cell (only the 2019 column 本年增/减).
pub type Signed = Option<i64>;

/// Deserializes a cell: `null` is a blank, and (unlike serde's default for `Option`) a
/// missing key is an error, because the template has no optional cells.
fn required_cell<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d)
}

/// Marks every property of an object schema required (a cell may be `null`, never absent).
pub(crate) fn require_all_properties(schema: &mut schemars::Schema) {
    let keys: Vec<serde_json::Value> = schema
        .get("properties")
        .and_then(serde_json::Value::as_object)
        .map(|props| props.keys().cloned().map(serde_json::Value::String).collect())
        .unwrap_or_default();
    schema.insert("required".into(), serde_json::Value::Array(keys));
}

/// A struct whose fields are all table cells: every key required, `null` allowed.
macro_rules! cells {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[$fmeta:meta])* pub $field:ident : $ty:ty, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
        #[serde(deny_unknown_fields)]
        #[schemars(transform = require_all_properties)]
        pub struct $name {
            $(
                $(#[$fmeta])*
                #[serde(deserialize_with = "required_cell")]
                pub $field: $ty,
            )*
        }
    };
}

/// Which national template a report follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Format {
    /// 国办公开办函〔2019〕60号, reports of 2019 and 2020.
    #[serde(rename = "2019")]
    V2019,
    /// 国办公开办函〔2021〕30号, reports of 2021 onwards.
    #[serde(rename = "2021")]
    V2021,
}

impl Format {
    /// Both template versions, oldest first.
    pub const ALL: [Format; 2] = [Format::V2019, Format::V2021];

    /// The `format` string of the document (`"2019"` / `"2021"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Format::V2019 => "2019",
            Format::V2021 => "2021",
        }
    }

    /// The names [`Format::from_name`] accepts.
    pub const NAMES: [&'static str; 2] = ["2019", "2021"];

    /// The version named by a `format` string; `None` for anything but `"2019"` / `"2021"`
    /// (`str::parse` gives the refusal as an [`UnknownName`]).
    pub fn from_name(s: &str) -> Option<Format> {
        match s {
            "2019" => Some(Format::V2019),
            "2021" => Some(Format::V2021),
            _ => None,
        }
    }
}

/// The report years the model accepts.
pub const YEARS: std::ops::RangeInclusive<u32> = 2019..=2100;

impl std::str::FromStr for Format {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Format, UnknownName> {
        Format::from_name(s).ok_or_else(|| UnknownName::new("format", s, &Format::NAMES))
    }
}

/// A name that is not one of a fixed list (a template version, an input kind): says what
/// was given and what is accepted, so that every binding reports it alike.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownName {
    /// What was being named (`"format"`, `"kind"`).
    pub what: &'static str,
    /// The name given.
    pub given: String,
    /// The names accepted.
    pub accepted: &'static [&'static str],
}

impl UnknownName {
    pub(crate) fn new(what: &'static str, given: &str, accepted: &'static [&'static str]) -> UnknownName {
        UnknownName {
            what,
            given: given.to_owned(),
            accepted,
        }
    }
}

impl std::fmt::Display for UnknownName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "unknown {} {:?}: use one of {}",
            self.what,
            self.given,
            self.accepted.join(", ")
        )
    }
}

impl std::error::Error for UnknownName {}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! format_tag {
    ($name:ident, $text:literal, $doc:literal) => {
        #[doc = $doc]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
        pub enum $name {
            /// The only value this template version allows.
            #[default]
            #[serde(rename = $text)]
            Tag,
        }
    };
}
macro_rules! tag_schema {
    ($name:ident, $text:literal) => {
        impl JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }
            fn inline_schema() -> bool {
                true
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({ "type": "string", "const": $text })
            }
        }
    };
}
tag_schema!(Tag2019, "2019");
tag_schema!(Tag2021, "2021");
format_tag!(Tag2019, "2019", "The `format` value of a 2019-template report.");
format_tag!(Tag2021, "2021", "The `format` value of a 2021-template report.");

/// One report, either template version (chosen by `format`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Report {
    /// A report on the 2019 template.
    V2019(Report2019),
    /// A report on the 2021 template.
    V2021(Report2021),
}

impl Report {
    /// The template version.
    pub fn format(&self) -> Format {
        match self {
            Report::V2019(_) => Format::V2019,
            Report::V2021(_) => Format::V2021,
        }
    }

    /// The report year.
    pub fn year(&self) -> u32 {
        match self {
            Report::V2019(r) => r.year,
            Report::V2021(r) => r.year,
        }
    }
}

/// Reads either version, chosen by `format`. This generic path buffers the document in a
/// [`serde_json::Value`]; [`crate::read_report`] reads JSON text without that buffer.
impl<'de> Deserialize<'de> for Report {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let value = serde_json::Value::deserialize(d)?;
        match value
            .get("format")
            .and_then(serde_json::Value::as_str)
            .and_then(Format::from_name)
        {
            Some(Format::V2019) => Report2019::deserialize(value)
                .map(Report::V2019)
                .map_err(D::Error::custom),
            Some(Format::V2021) => Report2021::deserialize(value)
                .map(Report::V2021)
                .map_err(D::Error::custom),
            None => Err(D::Error::custom("format must be \"2019\" or \"2021\"")),
        }
    }
}

macro_rules! report_struct {
    ($name:ident, $tag:ident, $proactive:ty, $other:ty, $title:literal, $doc:literal) => {
        #[doc = $title]
        ///
        #[doc = $doc]
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            /// # 模板版本
            ///
            /// 年度报告格式的版本：2019 = 国办公开办函〔2019〕60号，2021 = 国办公开办函〔2021〕30号。
            pub format: $tag,
            /// # 报告年度
            ///
            /// 统计期为该年 1 月 1 日至 12 月 31 日。
            #[schemars(range(min = 2019, max = 2100))]
            pub year: u32,
            /// # 报告机关
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub organ: Option<String>,
            /// # 报告标题
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub title: Option<String>,
            /// # 发布日期
            ///
            /// YYYY-MM-DD
            #[serde(default, skip_serializing_if = "Option::is_none")]
            #[schemars(extend("format" = "date"))]
            pub published: Option<String>,
            /// # 引言
            ///
            /// 一、之前的文字（法律依据、统计期限、联系方式）。
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub preface: Option<String>,
            /// # 一、总体情况
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub overview: Option<String>,
            /// # 二、主动公开政府信息情况
            pub proactive: $proactive,
            /// # 三、收到和处理政府信息公开申请情况
            pub requests: Requests<$other>,
            /// # 四、政府信息公开行政复议、行政诉讼情况
            pub appeals: Appeals,
            /// # 五、存在的主要问题及改进情况
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub problems: Option<String>,
            /// # 六、其他需要报告的事项
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub other_matters: Option<String>,
            /// # 扩展数据
            ///
            /// 模板以外的数据，原样保留，不做检查。
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub extensions: Option<Extensions>,
        }
    };
}

report_struct!(
    Report2019,
    Tag2019,
    Proactive2019,
    Row,
    "# 政府信息公开工作年度报告（2019 年格式）",
    "按国办公开办函〔2019〕60号《中华人民共和国政府信息公开工作年度报告格式（试行）》填报，适用于 2019、2020 年度报告。"
);
report_struct!(
    Report2021,
    Tag2021,
    Proactive2021,
    OtherOutcomes,
    "# 政府信息公开工作年度报告（2021 年格式）",
    "按国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》填报，适用于 2021 年度及以后的报告。"
);

/// # 二、主动公开政府信息情况（2021 年格式）
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Proactive2021 {
    /// # 规章
    ///
    /// 第二十条第（一）项
    pub regulations: Documents2021,
    /// # 行政规范性文件
    ///
    /// 第二十条第（一）项
    pub normative_documents: Documents2021,
    /// # 行政许可
    ///
    /// 第二十条第（五）项
    pub licensing: Decisions,
    /// # 行政处罚
    ///
    /// 第二十条第（六）项
    pub penalty: Decisions,
    /// # 行政强制
    ///
    /// 第二十条第（六）项
    pub coercion: Decisions,
    /// # 行政事业性收费
    ///
    /// 第二十条第（八）项
    pub fees: Fees2021,
}

cells! {
    /// # 规章 / 行政规范性文件（2021 年格式）
    pub struct Documents2021 {
        /// # 本年制发件数
        pub issued: Count,
        /// # 本年废止件数
        pub repealed: Count,
        /// # 现行有效件数
        pub in_force: Count,
    }
}

cells! {
    /// # 本年处理决定数量
    pub struct Decisions {
        /// # 本年处理决定数量
        pub decisions: Count,
    }
}

cells! {
    /// # 行政事业性收费（2021 年格式）
    pub struct Fees2021 {
        /// # 本年收费金额（单位：万元）
        pub amount: Option<Amount>,
    }
}

/// # 二、主动公开政府信息情况（2019 年格式）
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Proactive2019 {
    /// # 规章
    ///
    /// 第二十条第（一）项
    pub regulations: Documents2019,
    /// # 规范性文件
    ///
    /// 第二十条第（一）项
    pub normative_documents: Documents2019,
    /// # 行政许可
    ///
    /// 第二十条第（五）项
    pub licensing: Items2019,
    /// # 其他对外管理服务事项
    ///
    /// 第二十条第（五）项
    pub other_services: Items2019,
    /// # 行政处罚
    ///
    /// 第二十条第（六）项
    pub penalty: Items2019,
    /// # 行政强制
    ///
    /// 第二十条第（六）项
    pub coercion: Items2019,
    /// # 行政事业性收费
    ///
    /// 第二十条第（八）项
    pub fees: Fees2019,
    /// # 政府集中采购
    ///
    /// 第二十条第（九）项
    pub procurement: Procurement2019,
}

cells! {
    /// # 规章 / 规范性文件（2019 年格式）
    pub struct Documents2019 {
        /// # 本年新制作数量
        pub made: Count,
        /// # 本年新公开数量
        pub published: Count,
        /// # 对外公开总数量
        pub total_published: Count,
    }
}

cells! {
    /// # 项目数量与处理决定（2019 年格式）
    pub struct Items2019 {
        /// # 上一年项目数量
        pub previous_items: Count,
        /// # 本年增/减
        pub change: Signed,
        /// # 处理决定数量
        pub decisions: Count,
    }
}

cells! {
    /// # 行政事业性收费（2019 年格式）
    pub struct Fees2019 {
        /// # 上一年项目数量
        pub previous_items: Count,
        /// # 本年增/减
        pub change: Signed,
    }
}

/// # 政府集中采购（2019 年格式）
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = require_cells)]
pub struct Procurement2019 {
    /// # 采购项目数量
    #[serde(deserialize_with = "required_cell")]
    pub projects: Count,
    /// # 采购总金额
    #[serde(deserialize_with = "required_cell")]
    pub amount: Option<Amount>,
    /// # 金额单位
    ///
    /// 模板未印单位；报告写明单位时记录于此。
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present_unit")]
    #[schemars(with = "AmountUnit")]
    pub amount_unit: Option<AmountUnit>,
}

/// `projects` and `amount` are cells (required); `amount_unit` is optional.
fn require_cells(schema: &mut schemars::Schema) {
    schema.insert("required".into(), serde_json::json!(["projects", "amount"]));
}

/// `amount_unit` may be absent, but when present it is a unit (`null` is refused, as in the schema).
fn present_unit<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<AmountUnit>, D::Error> {
    AmountUnit::deserialize(d).map(Some)
}

impl JsonSchema for AmountUnit {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "AmountUnit".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "enum": ["元", "万元"] })
    }
}

/// The unit a 2019 report states for 采购总金额.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AmountUnit {
    /// 元
    #[serde(rename = "元")]
    Yuan,
    /// 万元
    #[serde(rename = "万元")]
    TenThousandYuan,
}

cells! {
    /// # 申请人情况
    ///
    /// 表三的一行：七个申请人栏目。商业企业、科研机构、社会公益组织、法律服务机构、其他属于“法人或其他组织”。
    #[derive(Default)]
    pub struct Row {
        /// # 自然人
        pub natural_person: Count,
        /// # 商业企业
        pub commercial: Count,
        /// # 科研机构
        pub research: Count,
        /// # 社会公益组织
        pub social_welfare: Count,
        /// # 法律服务机构
        pub legal_services: Count,
        /// # 其他
        pub other: Count,
        /// # 总计
        pub total: Count,
    }
}

/// # 三、收到和处理政府信息公开申请情况
///
/// （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Requests{O}")]
pub struct Requests<O> {
    /// # 一、本年新收政府信息公开申请数量
    pub new: Row,
    /// # 二、上年结转政府信息公开申请数量
    pub carried_over: Row,
    /// # 三、本年度办理结果
    pub outcomes: Outcomes<O>,
    /// # 四、结转下年度继续办理
    pub carried_forward: Row,
}

/// # 三、本年度办理结果
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Outcomes{O}")]
pub struct Outcomes<O> {
    /// # （一）予以公开
    pub disclosed: Row,
    /// # （二）部分公开（区分处理的，只计这一情形，不计其他情形）
    pub partially_disclosed: Row,
    /// # （三）不予公开
    pub withheld: Withheld,
    /// # （四）无法提供
    pub unavailable: Unavailable,
    /// # （五）不予处理
    pub not_processed: NotProcessed,
    /// # （六）其他处理
    pub other: O,
    /// # （七）总计
    pub total: Row,
}

/// # （三）不予公开
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Withheld {
    /// # 1.属于国家秘密
    pub state_secret: Row,
    /// # 2.其他法律行政法规禁止公开
    pub prohibited_by_law: Row,
    /// # 3.危及“三安全一稳定”
    pub security_stability: Row,
    /// # 4.保护第三方合法权益
    pub third_party_rights: Row,
    /// # 5.属于三类内部事务信息
    pub internal_affairs: Row,
    /// # 6.属于四类过程性信息
    pub process_information: Row,
    /// # 7.属于行政执法案卷
    pub enforcement_files: Row,
    /// # 8.属于行政查询事项
    pub inquiry_matters: Row,
}

/// # （四）无法提供
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Unavailable {
    /// # 1.本机关不掌握相关政府信息
    pub not_held: Row,
    /// # 2.没有现成信息需要另行制作
    pub needs_creation: Row,
    /// # 3.补正后申请内容仍不明确
    pub unclear_after_correction: Row,
}

/// # （五）不予处理
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NotProcessed {
    /// # 1.信访举报投诉类申请
    pub complaint: Row,
    /// # 2.重复申请
    pub repeated: Row,
    /// # 3.要求提供公开出版物
    pub publications: Row,
    /// # 4.无正当理由大量反复申请
    pub excessive: Row,
    /// # 5.要求行政机关确认或重新出具已获取信息
    pub confirmation: Row,
}

/// # （六）其他处理（2021 年格式）
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OtherOutcomes {
    /// # 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请
    pub no_correction: Row,
    /// # 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请
    pub fee_unpaid: Row,
    /// # 3.其他
    pub other: Row,
}

/// # 四、政府信息公开行政复议、行政诉讼情况
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Appeals {
    /// # 行政复议
    pub review: AppealGroup,
    /// # 行政诉讼 · 未经复议直接起诉
    pub litigation_direct: AppealGroup,
    /// # 行政诉讼 · 复议后起诉
    pub litigation_after_review: AppealGroup,
}

cells! {
    /// # 复议或诉讼结果
    pub struct AppealGroup {
        /// # 结果维持
        pub upheld: Count,
        /// # 结果纠正
        pub corrected: Count,
        /// # 其他结果
        pub other: Count,
        /// # 尚未审结
        pub pending: Count,
        /// # 总计
        pub total: Count,
    }
}
