//! Publishing the disclosure catalog from the desk (`admin.catalog.*`): the desk's page, the
//! server's refusals, and the import's row-by-row report (`admin.catalog.import.*`, built by
//! `catalog::publish::RowProblem::message`).

use super::Entry;

/// `(key, Chinese, English)`.
pub static PUBLISH_CATALOG_UI: &[Entry] = &[
    // The import's report.
    (
        "admin.catalog.import.row",
        "第 {line} 行「{field}」：{problem}",
        "Line {line}, “{field}”: {problem}",
    ),
    ("admin.catalog.import.missing", "不能为空", "is required"),
    (
        "admin.catalog.import.bad_index_no",
        "“{found}”不是有效的索引号（应为 机构代码/年份-五位序号，如 11331024002497839G/2026-00042）",
        "“{found}” is not a valid index number (agency code/year-five-digit serial, e.g. 11331024002497839G/2026-00042)",
    ),
    (
        "admin.catalog.import.too_long",
        "超过 {found} 个字",
        "is longer than {found} characters",
    ),
    (
        "admin.catalog.import.unknown_agency",
        "“{found}”不是本系统登记的信息公开机构名称",
        "“{found}” is not the name of a registered disclosure agency",
    ),
    (
        "admin.catalog.import.not_own_agency",
        "“{found}”不是本机构，只能导入本机构的目录",
        "“{found}” is not your agency: you can import only your agency’s entries",
    ),
    (
        "admin.catalog.import.bad_date",
        "“{found}”不是有效日期（应为 YYYY-MM-DD，如 2026-03-05）",
        "“{found}” is not a valid date (YYYY-MM-DD, e.g. 2026-03-05)",
    ),
    (
        "admin.catalog.import.unknown_value",
        "“{found}”不是可选的值",
        "“{found}” is not one of the allowed values",
    ),
    (
        "admin.catalog.import.duplicate",
        "索引号与第 {found} 行重复",
        "the index number repeats line {found}",
    ),
    (
        "admin.catalog.import.taken",
        "索引号已被其他机构（{found}）的目录使用",
        "the index number is already used by another agency ({found})",
    ),
    (
        "admin.catalog.import.withdrawn",
        "索引号属于已撤回的信息，索引号不能重复使用",
        "the index number belongs to a withdrawn entry and cannot be used again",
    ),
    (
        "admin.catalog.import.scheduled",
        "索引号属于尚未到发布日期的信息，请在发布后再导入",
        "the index number belongs to an entry scheduled for later; import it after it is published",
    ),
    (
        "admin.catalog.import.not_utf8",
        "文件不是 UTF-8 编码的 CSV。请在 Excel 中“另存为”“CSV UTF-8（逗号分隔）”，或直接导入 .xlsx 文件。",
        "The file is not a UTF-8 CSV. Save it from Excel as “CSV UTF-8 (comma delimited)”, or import the .xlsx file.",
    ),
    (
        "admin.catalog.import.bad_csv",
        "CSV 文件第 {line} 行格式有误（{detail}），未导入任何内容。",
        "The CSV file is malformed at line {line} ({detail}); nothing was imported.",
    ),
    (
        "admin.catalog.import.bad_xlsx",
        "不是可读取的 Excel .xlsx 文件（{detail}），未导入任何内容。",
        "Not a readable Excel .xlsx file ({detail}); nothing was imported.",
    ),
    (
        "admin.catalog.import.no_rows",
        "文件中没有数据行（第 1 行应为表头，数据从第 2 行开始）。",
        "The file has no data rows (line 1 is the header, data starts on line 2).",
    ),
    (
        "admin.catalog.import.missing_columns",
        "表头缺少列：{columns}。第 1 行应为表头，如：索引号,名称,发布机构,文号,成文日期,主题分类,体裁,主题词,内容概述,正文,有效性",
        "The header lacks the columns {columns}. Line 1 must be the header, e.g. 索引号,名称,发布机构,文号,成文日期,主题分类,体裁,主题词,内容概述,正文,有效性",
    ),
    (
        "admin.catalog.import.too_many_rows",
        "一次最多导入 {max} 行，文件有 {rows} 行，请分成几个文件。",
        "At most {max} rows per import; the file has {rows}. Split it into several files.",
    ),
    (
        "admin.catalog.import.format",
        "请说明文件格式：format=csv 或 format=xlsx",
        "Say the file’s format: format=csv or format=xlsx",
    ),
    (
        "admin.catalog.import.has_errors",
        "文件有 {count} 处错误，未导入任何内容。请改正后重新导入。",
        "The file has {count} error(s); nothing was imported. Correct them and import again.",
    ),
    // The server's refusals of a form.
    (
        "admin.catalog.error.required",
        "请填写此项",
        "This field is required",
    ),
    (
        "admin.catalog.error.too_long",
        "内容过长（最多 {max} 个字）",
        "Too long (at most {max} characters)",
    ),
    (
        "admin.catalog.error.date",
        "日期应为 YYYY-MM-DD，如 2026-03-05",
        "The date must be YYYY-MM-DD, e.g. 2026-03-05",
    ),
    (
        "admin.catalog.error.publish_past",
        "发布日期不能早于今天；立即发布请留空",
        "The publication date cannot be in the past; leave it empty to publish now",
    ),
    (
        "admin.catalog.error.code",
        "不是可选的值",
        "Not one of the allowed values",
    ),
    (
        "admin.catalog.error.file",
        "附件不存在或未上传成功，请重新上传",
        "The attachment is missing or its upload failed; upload it again",
    ),
    (
        "admin.catalog.error.too_many_files",
        "附件最多 {max} 个",
        "At most {max} attachments",
    ),
    (
        "admin.catalog.error.agency",
        "请选择发布机构（信息公开机构）",
        "Choose the publishing agency",
    ),
    (
        "admin.catalog.error.serials_used_up",
        "本机构本年度的索引号序号已用完（99999）",
        "The agency has used every serial number of the year (99999)",
    ),
    (
        "admin.catalog.error.replaced_by",
        "替代文件的索引号无效，或与有效性不符",
        "The replacing document’s index number is invalid or does not fit the validity",
    ),
    (
        "admin.catalog.error.withdrawn",
        "该信息已撤回，不能再修改",
        "This entry was withdrawn and cannot be changed",
    ),
];
