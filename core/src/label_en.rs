//! The printed labels in English, for `label_en` and the English messages: each segment of
//! a label (`表三 · （一）予以公开 · 总计`) is a title of the template, translated here once.
//! A segment the template does not have (an unknown key, as written in the document) is
//! kept as it is.

/// The English of one printed title of the 2019 or 2021 template, or of the label of a
/// whole table or document.
fn title(zh: &str) -> Option<&'static str> {
    Some(match zh {
        "整份报告" => "whole report",
        "表二" => "Table 2",
        "表三" => "Table 3",
        "表四" => "Table 4",
        // The document's fields.
        "模板版本" => "template version",
        "报告年度" => "report year",
        "报告机关" => "reporting organ",
        "报告标题" => "report title",
        "发布日期" => "publication date",
        "引言" => "preface",
        "一、总体情况" => "1. Overview",
        "二、主动公开政府信息情况" => "2. Proactive disclosure",
        "三、收到和处理政府信息公开申请情况" => "3. Disclosure requests received and handled",
        "四、政府信息公开行政复议、行政诉讼情况" => "4. Administrative review and litigation",
        "五、存在的主要问题及改进情况" => "5. Main problems and improvements",
        "六、其他需要报告的事项" => "6. Other matters to report",
        "扩展数据" => "extensions",
        // Table 2.
        "规章" => "Rules",
        "行政规范性文件" => "Administrative normative documents",
        "规范性文件" => "Normative documents",
        "本年制发件数" => "issued this year",
        "本年废止件数" => "repealed this year",
        "现行有效件数" => "in force",
        "本年新制作数量" => "newly made this year",
        "本年新公开数量" => "newly disclosed this year",
        "对外公开总数量" => "total disclosed",
        "上一年项目数量" => "items last year",
        "本年增/减" => "change this year",
        "处理决定数量" => "decisions",
        "本年处理决定数量" => "decisions this year",
        "行政许可" => "Administrative licensing",
        "行政处罚" => "Administrative penalties",
        "行政强制" => "Administrative coercion",
        "其他对外管理服务事项" => "Other external management and services",
        "行政事业性收费" => "Administrative fees",
        "本年收费金额（单位：万元）" => "fees collected this year (10,000 yuan)",
        "政府集中采购" => "Centralised government procurement",
        "采购项目数量" => "procurement projects",
        "采购总金额" => "total procurement amount",
        "金额单位" => "amount unit",
        // Table 3: rows.
        "一、本年新收政府信息公开申请数量" => "1. New requests this year",
        "二、上年结转政府信息公开申请数量" => "2. Requests carried over from last year",
        "三、本年度办理结果" => "3. Outcomes this year",
        "（一）予以公开" => "(1) Disclosed",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" => {
            "(2) Partially disclosed (counted here only)"
        }
        "（三）不予公开" => "(3) Withheld",
        "1.属于国家秘密" => "1. State secret",
        "2.其他法律行政法规禁止公开" => "2. Prohibited by other laws and regulations",
        "3.危及“三安全一稳定”" => "3. Endangers security or stability",
        "4.保护第三方合法权益" => "4. Protects a third party's rights",
        "5.属于三类内部事务信息" => "5. Internal affairs",
        "6.属于四类过程性信息" => "6. Process information",
        "7.属于行政执法案卷" => "7. Enforcement files",
        "8.属于行政查询事项" => "8. Administrative inquiry matters",
        "（四）无法提供" => "(4) Unavailable",
        "1.本机关不掌握相关政府信息" => "1. Not held by this organ",
        "2.没有现成信息需要另行制作" => "2. Would need to be created",
        "3.补正后申请内容仍不明确" => "3. Still unclear after correction",
        "（五）不予处理" => "(5) Not processed",
        "1.信访举报投诉类申请" => "1. Petitions, reports and complaints",
        "2.重复申请" => "2. Repeated requests",
        "3.要求提供公开出版物" => "3. Requests for publications",
        "4.无正当理由大量反复申请" => "4. Excessive repeated requests",
        "5.要求行政机关确认或重新出具已获取信息" => {
            "5. Confirmation or reissue of information obtained"
        }
        "（六）其他处理" => "(6) Other handling",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请" => {
            "1. No correction in time, not processed further"
        }
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请" => {
            "2. Fee not paid in time, not processed further"
        }
        "3.其他" => "3. Other",
        "（七）总计" => "(7) Total",
        "四、结转下年度继续办理" => "4. Carried forward to next year",
        // Table 3: applicant columns.
        "自然人" => "natural persons",
        "商业企业" => "commercial enterprises",
        "科研机构" => "research institutions",
        "社会公益组织" => "public-interest organisations",
        "法律服务机构" => "legal service institutions",
        "其他" => "other",
        "总计" => "total",
        // Table 4.
        "行政复议" => "Administrative review",
        "行政诉讼" => "Administrative litigation",
        "未经复议直接起诉" => "filed directly",
        "复议后起诉" => "filed after review",
        "结果维持" => "upheld",
        "结果纠正" => "corrected",
        "其他结果" => "other result",
        "尚未审结" => "pending",
        _ => return None,
    })
}

/// `label` in English: each ` · ` segment translated; a segment that is not a title of the
/// template is kept as written.
pub fn english_label(label: &str) -> String {
    label
        .split(" · ")
        .map(|segment| title(segment).unwrap_or(segment))
        .collect::<Vec<_>>()
        .join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Layout;
    use crate::model::Format;

    fn has_chinese(s: &str) -> bool {
        s.chars()
            .any(|c| ('\u{3000}'..='\u{9fff}').contains(&c) || ('\u{ff00}'..='\u{ffef}').contains(&c))
    }

    #[test]
    fn every_label_of_both_templates_has_its_english() {
        for format in [Format::V2019, Format::V2021] {
            let layout = Layout::of(format);
            let mut pointers: Vec<String> = layout.cells.iter().map(|c| c.pointer.clone()).collect();
            for field in [
                "",
                "/format",
                "/year",
                "/organ",
                "/title",
                "/published",
                "/preface",
                "/overview",
            ] {
                pointers.push(field.to_owned());
            }
            for field in [
                "/proactive",
                "/requests",
                "/appeals",
                "/problems",
                "/other_matters",
                "/extensions",
            ] {
                pointers.push(field.to_owned());
            }
            for p in &pointers {
                let label = layout.label(p);
                let en = english_label(&label);
                assert!(!has_chinese(&en), "{format:?} {p}: 「{label}」 has no English: {en}");
            }
        }
    }

    #[test]
    fn segments_that_are_not_titles_are_kept() {
        assert_eq!(
            english_label("表三 · （一）予以公开 · 总计"),
            "Table 3 · (1) Disclosed · total"
        );
        assert_eq!(english_label("表三 · unknown_row"), "Table 3 · unknown_row");
        assert_eq!(english_label("某个键"), "某个键");
    }
}
