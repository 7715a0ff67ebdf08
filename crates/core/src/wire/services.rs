//! What the receipt page reads of a kept service item (`GET /api/services/{code}`, whose
//! `service` is a [`ServiceItem`](crate::service::ServiceItem)): [`NextStepsFacts`], the
//! materials to bring to the window and where, when and what it costs.
//!
//! A subset, decoded instead of the whole item: the drafts bundle would otherwise carry the
//! decoder of every field and of the tagged `Fee` and `MaterialForm` enums. Their tags stay
//! text here. The test reads a `ServiceItem` as it is sent, so a field renamed there fails
//! here instead of reading as empty.

use serde::Deserialize;

/// `{"service": …}`: the answer as the device keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct KeptItem {
    /// The item's facts for the receipt.
    pub service: NextStepsFacts,
}

/// What the receipt tells the applicant to do next.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
pub struct NextStepsFacts {
    /// 申请材料.
    #[serde(default)]
    pub materials: Vec<MaterialFacts>,
    /// 办理地点.
    #[serde(default)]
    pub place: String,
    /// 办理时间.
    #[serde(default)]
    pub hours: String,
    /// 收费.
    #[serde(default)]
    pub fee: FeeFacts,
    /// 承诺时限, working days.
    #[serde(default)]
    pub promised_days: u32,
    /// 咨询电话.
    #[serde(default)]
    pub telephone: String,
}

/// One material.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct MaterialFacts {
    /// Its name.
    pub name: String,
    /// `original`, `copy` or `original_and_copy` (`MaterialForm`'s tags).
    #[serde(default)]
    pub form: String,
    /// How many (份).
    #[serde(default = "one")]
    pub count: u32,
    /// When it is needed, if not always.
    #[serde(default)]
    pub note: Option<String>,
}

fn one() -> u32 {
    1
}

/// 收费: its standard, empty when free (`{"type": "free"}` has none).
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
pub struct FeeFacts {
    /// 收费标准.
    #[serde(default)]
    pub standard: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::{Fee, Material, MaterialForm, ServiceItem};
    use serde_json::json;

    #[test]
    fn a_kept_item_reads_as_its_next_steps() {
        let item: ServiceItem = serde_json::from_value(json!({
            "code": "GA-001", "name": "居民身份证换领",
            "department": {"code": "GA", "name": "县公安局"}, "case_type": "promised",
            "legal_basis": [], "steps": [], "conditions": [],
            "materials": [], "promised_days": 10, "legal_days": 20, "fee": {"type": "free"},
            "result": "居民身份证", "place": "县政务服务中心一楼", "hours": "工作日 9:00-17:00",
            "telephone": "0371-62345678"
        }))
        .expect("an item");
        let item = ServiceItem {
            materials: vec![
                Material {
                    name: "户口簿".into(),
                    form: MaterialForm::OriginalAndCopy,
                    count: 2,
                    required: true,
                    uploadable: false,
                    note: Some("委托他人办理的".into()),
                },
                Material {
                    name: "照片".into(),
                    form: MaterialForm::Copy,
                    count: 1,
                    required: true,
                    uploadable: true,
                    note: None,
                },
            ],
            fee: Fee::Charged {
                standard: "工本费每证20元".into(),
                basis: "价费字〔2003〕第33号".into(),
            },
            ..item
        };
        let sent = json!({"service": item, "form": null, "form_versions": [], "faq": []});
        let kept: KeptItem = serde_json::from_value(sent).expect("decodes");
        assert_eq!(
            kept.service,
            NextStepsFacts {
                materials: vec![
                    MaterialFacts {
                        name: "户口簿".into(),
                        form: "original_and_copy".into(),
                        count: 2,
                        note: Some("委托他人办理的".into()),
                    },
                    MaterialFacts {
                        name: "照片".into(),
                        form: "copy".into(),
                        count: 1,
                        note: None,
                    },
                ],
                place: "县政务服务中心一楼".into(),
                hours: "工作日 9:00-17:00".into(),
                fee: FeeFacts {
                    standard: "工本费每证20元".into()
                },
                promised_days: 10,
                telephone: "0371-62345678".into(),
            }
        );
        // A free item has no standard.
        let free: FeeFacts = serde_json::from_value(json!({"type": "free"})).expect("decodes");
        assert_eq!(free.standard, "");
    }
}
