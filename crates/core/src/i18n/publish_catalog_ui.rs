//! Publishing the disclosure catalog from the desk (`admin.catalog.*`): the desk's page, the
//! server's refusals, and the import's row-by-row report (`admin.catalog.import.*`, built by
//! `catalog::publish::RowProblem::message`).

use super::Entry;

/// `(key, Chinese, English)`.
pub static PUBLISH_CATALOG_UI: &[Entry] = &[
    // The desk's page.
    (
        "admin.catalog.title",
        "主动公开目录",
        "Proactive disclosure catalog",
    ),
    ("admin.catalog.all_agencies", "全部机构", "All agencies"),
    (
        "admin.catalog.search",
        "按名称或索引号查找",
        "Find by title or index number",
    ),
    ("admin.catalog.search_go", "查找", "Find"),
    ("admin.catalog.none", "没有找到信息。", "No entry found."),
    ("admin.catalog.index_no", "索引号", "Index number"),
    ("admin.catalog.status", "状态", "Status"),
    ("admin.catalog.updated", "最后修改", "Last changed"),
    ("admin.catalog.actions", "操作", "Actions"),
    ("admin.catalog.published", "已发布", "Published"),
    (
        "admin.catalog.scheduled_on",
        "定于 {date} 发布",
        "To be published on {date}",
    ),
    ("admin.catalog.edit", "编辑", "Edit"),
    ("admin.catalog.expire", "标为失效", "Mark expired"),
    ("admin.catalog.repeal", "标为废止", "Mark repealed"),
    ("admin.catalog.withdraw", "撤回", "Withdraw"),
    (
        "admin.catalog.confirm_withdraw",
        "撤回 {index_no}「{title}」？撤回后公众和已离线保存目录的设备在下次同步时都将看不到该信息，索引号不再使用，此操作不能撤销。",
        "Withdraw {index_no} “{title}”? The public, and devices that keep the catalog offline at their next sync, will no longer see it; its index number is never used again. This cannot be undone.",
    ),
    (
        "admin.catalog.confirm_expire",
        "将 {index_no}「{title}」标为已失效？目录中仍保留该信息，并注明已失效。",
        "Mark {index_no} “{title}” as expired? It stays in the catalog, marked expired.",
    ),
    (
        "admin.catalog.confirm_repeal",
        "将 {index_no}「{title}」标为已废止？目录中仍保留该信息，并注明已废止。",
        "Mark {index_no} “{title}” as repealed? It stays in the catalog, marked repealed.",
    ),
    (
        "admin.catalog.done",
        "{index_no} 已更新。",
        "{index_no} updated.",
    ),
    (
        "admin.catalog.saved",
        "已发布，索引号 {index_no}。",
        "Published, index number {index_no}.",
    ),
    (
        "admin.catalog.saved_scheduled",
        "已保存，索引号 {index_no}，将于 {date} 发布。",
        "Saved as {index_no}; it will be published on {date}.",
    ),
    (
        "admin.catalog.page",
        "第 {page} / {pages} 页，共 {total} 条",
        "Page {page} of {pages}, {total} entries",
    ),
    ("admin.catalog.previous", "上一页", "Previous"),
    ("admin.catalog.next", "下一页", "Next"),
    ("admin.catalog.create", "发布新信息", "Publish a new entry"),
    (
        "admin.catalog.edit_title",
        "编辑 {index_no}",
        "Edit {index_no}",
    ),
    ("admin.catalog.other", "其他", "Other"),
    (
        "admin.catalog.field.agency",
        "发布机构",
        "Publishing agency",
    ),
    ("admin.catalog.field.title", "名称", "Title"),
    ("admin.catalog.field.doc_no", "文号", "Document number"),
    ("admin.catalog.field.issued_on", "成文日期", "Date written"),
    ("admin.catalog.field.topic", "主题分类", "Topic"),
    ("admin.catalog.field.genre", "体裁", "Genre"),
    (
        "admin.catalog.field.keywords",
        "主题词（以空格或逗号分隔）",
        "Keywords (separated by spaces or commas)",
    ),
    ("admin.catalog.field.summary", "内容概述", "Summary"),
    ("admin.catalog.field.body", "正文", "Text"),
    (
        "admin.catalog.body_hint",
        "段落之间空一行；以 # 开头的一行为标题（## 为二级标题）；每行以 - 开头为列表。",
        "Leave a blank line between paragraphs; a line starting with # is a heading (## a subheading); lines starting with - make a list.",
    ),
    ("admin.catalog.field.validity", "有效性", "Validity"),
    (
        "admin.catalog.field.files",
        "附件（PDF、JPG、PNG，每个不超过 20 MB）",
        "Attachments (PDF, JPG, PNG, up to 20 MB each)",
    ),
    ("admin.catalog.remove_file", "移除", "Remove"),
    (
        "admin.catalog.field.publish_on",
        "发布日期",
        "Publication date",
    ),
    (
        "admin.catalog.publish_on_hint",
        "留空即立即发布；选择以后的日期，则到该日（北京时间）才公开。",
        "Leave empty to publish now; a later date keeps it private until that day (Beijing time).",
    ),
    ("admin.catalog.publish", "发布", "Publish"),
    ("admin.catalog.save", "保存修改", "Save changes"),
    (
        "admin.catalog.import.title",
        "导入已有目录",
        "Import an existing catalog",
    ),
    (
        "admin.catalog.import.columns",
        "CSV（UTF-8）或 Excel .xlsx，第 1 行为表头：索引号、名称、发布机构、成文日期（必填），文号、主题分类、体裁、主题词、内容概述、正文、有效性、公开方式（选填）。按索引号导入：已有且内容相同的不变，内容不同的更新。",
        "CSV (UTF-8) or Excel .xlsx, line 1 the headers: 索引号, 名称, 发布机构, 成文日期 (required), 文号, 主题分类, 体裁, 主题词, 内容概述, 正文, 有效性, 公开方式 (optional). Rows are matched by index number: identical ones stay as they are, changed ones are updated.",
    ),
    ("admin.catalog.import.file", "文件", "File"),
    ("admin.catalog.import.check", "检查文件", "Check the file"),
    ("admin.catalog.import.apply", "确认导入", "Import now"),
    (
        "admin.catalog.import.report_dry",
        "检查通过：共 {rows} 行，将新增 {created} 条、更新 {updated} 条，{unchanged} 条不变。尚未导入。",
        "Check passed: {rows} rows; {created} to add, {updated} to update, {unchanged} unchanged. Nothing imported yet.",
    ),
    (
        "admin.catalog.import.report_done",
        "已导入：共 {rows} 行，新增 {created} 条、更新 {updated} 条，{unchanged} 条不变。",
        "Imported: {rows} rows; {created} added, {updated} updated, {unchanged} unchanged.",
    ),
    (
        "admin.catalog.import.report_errors",
        "文件有 {errors} 处错误，未导入任何内容。请改正后重新检查：",
        "The file has {errors} error(s); nothing was imported. Correct them and check again:",
    ),
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
