//! The names behind a 统一社会信用代码's first two characters (登记管理部门 and 机构类别, GB
//! 32100-2015): `credit_code.authority.<a>` and `credit_code.entity.<a>.<t>`. Apart from the
//! validators' messages (`rules.rs`) because no validator shows them: the forms bundle, which
//! registers `RULES`, leaves these out.

use super::Entry;

/// Registration authorities and entity types, `(key, Chinese, English)`.
pub static CREDIT_CODE_LABELS: &[Entry] = &[
    (
        "credit_code.authority.1",
        "机构编制",
        "Public sector establishment",
    ),
    ("credit_code.authority.2", "外交", "Foreign affairs"),
    (
        "credit_code.authority.3",
        "司法行政",
        "Judicial administration",
    ),
    ("credit_code.authority.4", "文化", "Culture"),
    ("credit_code.authority.5", "民政", "Civil affairs"),
    ("credit_code.authority.6", "旅游", "Tourism"),
    ("credit_code.authority.7", "宗教", "Religious affairs"),
    ("credit_code.authority.8", "工会", "Trade unions"),
    ("credit_code.authority.9", "工商", "Industry and commerce"),
    (
        "credit_code.authority.a",
        "中央军委改革和编制办公室",
        "CMC Reform and Establishment Office",
    ),
    ("credit_code.authority.n", "农业", "Agriculture"),
    ("credit_code.authority.y", "其他", "Other"),
    ("credit_code.entity.1.1", "机关", "Government body"),
    ("credit_code.entity.1.2", "事业单位", "Public institution"),
    (
        "credit_code.entity.1.3",
        "中央编办直接管理机构编制的群众团体",
        "Mass organisation staffed by the central establishment office",
    ),
    ("credit_code.entity.1.9", "其他", "Other"),
    (
        "credit_code.entity.2.1",
        "外国常驻新闻机构",
        "Resident foreign news agency",
    ),
    ("credit_code.entity.2.9", "其他", "Other"),
    ("credit_code.entity.3.1", "律师执业机构", "Law firm"),
    ("credit_code.entity.3.2", "公证处", "Notary office"),
    (
        "credit_code.entity.3.3",
        "基层法律服务所",
        "Grassroots legal service office",
    ),
    (
        "credit_code.entity.3.4",
        "司法鉴定机构",
        "Forensic expertise institution",
    ),
    (
        "credit_code.entity.3.5",
        "仲裁委员会",
        "Arbitration commission",
    ),
    ("credit_code.entity.3.9", "其他", "Other"),
    (
        "credit_code.entity.4.1",
        "外国在华文化中心",
        "Foreign cultural centre in China",
    ),
    ("credit_code.entity.4.9", "其他", "Other"),
    ("credit_code.entity.5.1", "社会团体", "Social organisation"),
    (
        "credit_code.entity.5.2",
        "民办非企业单位",
        "Private non-enterprise unit",
    ),
    ("credit_code.entity.5.3", "基金会", "Foundation"),
    ("credit_code.entity.5.9", "其他", "Other"),
    (
        "credit_code.entity.6.1",
        "外国旅游部门常驻代表机构",
        "Representative office of a foreign tourism authority",
    ),
    (
        "credit_code.entity.6.2",
        "港澳台地区旅游部门常驻内地（大陆）代表机构",
        "Mainland office of a Hong Kong, Macao or Taiwan tourism authority",
    ),
    ("credit_code.entity.6.9", "其他", "Other"),
    (
        "credit_code.entity.7.1",
        "宗教活动场所",
        "Place of religious activity",
    ),
    ("credit_code.entity.7.2", "宗教院校", "Religious school"),
    ("credit_code.entity.7.9", "其他", "Other"),
    (
        "credit_code.entity.8.1",
        "基层工会",
        "Grassroots trade union",
    ),
    ("credit_code.entity.8.9", "其他", "Other"),
    ("credit_code.entity.9.1", "企业", "Enterprise"),
    (
        "credit_code.entity.9.2",
        "个体工商户",
        "Individual business",
    ),
    (
        "credit_code.entity.9.3",
        "农民专业合作社",
        "Farmers' cooperative",
    ),
    (
        "credit_code.entity.a.1",
        "军队事业单位",
        "Military public institution",
    ),
    ("credit_code.entity.a.9", "其他", "Other"),
    (
        "credit_code.entity.n.1",
        "组级集体经济组织",
        "Group-level collective economic organisation",
    ),
    (
        "credit_code.entity.n.2",
        "村级集体经济组织",
        "Village-level collective economic organisation",
    ),
    (
        "credit_code.entity.n.3",
        "乡镇级集体经济组织",
        "Township-level collective economic organisation",
    ),
    ("credit_code.entity.n.9", "其他", "Other"),
    ("credit_code.entity.y.1", "其他", "Other"),
];
