//! Tests of [`super::validate`]: each field kind (good, bad, normalised), required versus
//! hidden required, cascading and cyclic conditions.

use super::*;
use crate::form::Answers;
use serde_json::json;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

fn form(fields: Value) -> FormDefinition {
    serde_json::from_value(json!({"item_code": "T", "version": 1,
        "sections": [{"id": "main", "title": {"zh": "基本信息"}, "fields": fields}]}))
    .unwrap()
}

fn answers(value: Value) -> Answers {
    value.as_object().unwrap().clone()
}

/// Validates one answer to one field of `kind` (extra properties merged in).
fn one(kind: Value, answer: Value) -> Result<Value, Vec<FieldError>> {
    let mut field = json!({"id": "f", "label": {"zh": "字段"}, "required": true});
    for (k, v) in kind.as_object().unwrap() {
        field[k] = v.clone();
    }
    validate(
        &form(json!([field])),
        &answers(json!({ "f": answer })),
        today(),
    )
    .map(|mut out| out.remove("f").unwrap_or(Value::Null))
}

fn code(result: Result<Value, Vec<FieldError>>) -> String {
    let errors = result.unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].field_id, "f");
    assert!(!errors[0].zh.is_empty() && !errors[0].en.is_empty());
    errors[0].code.clone()
}

#[test]
fn text_kinds() {
    assert_eq!(
        one(json!({"kind": "text"}), json!("  张三 ")).unwrap(),
        json!("张三")
    );
    assert_eq!(
        one(json!({"kind": "text"}), json!(42)).unwrap(),
        json!("42")
    );
    assert_eq!(
        code(one(
            json!({"kind": "text", "max_chars": 3}),
            json!("一二三四")
        )),
        "form.text.long"
    );
    assert_eq!(
        code(one(json!({"kind": "text"}), json!({"a": 1}))),
        "form.type"
    );
    assert_eq!(
        one(json!({"kind": "multiline"}), json!("第一行\r\n第二行\n")).unwrap(),
        json!("第一行\n第二行")
    );
    assert_eq!(
        one(json!({"kind": "address"}), json!(" 城关镇人民路1号 ")).unwrap(),
        json!("城关镇人民路1号")
    );
    assert_eq!(
        code(one(json!({"kind": "address"}), json!("路".repeat(201)))),
        "form.text.long"
    );
}

#[test]
fn numbers() {
    let kind = json!({"kind": "number", "min": 1, "max": 100, "integer": true});
    assert_eq!(one(kind.clone(), json!(12)).unwrap(), json!(12));
    assert_eq!(one(kind.clone(), json!(12.0)).unwrap(), json!(12));
    // Full-width digits typed with a Chinese input method.
    assert_eq!(one(kind.clone(), json!("１２")).unwrap(), json!(12));
    assert_eq!(code(one(kind.clone(), json!(12.5))), "form.number.integer");
    assert_eq!(code(one(kind.clone(), json!(0))), "form.number.min");
    assert_eq!(code(one(kind.clone(), json!(101))), "form.number.max");
    assert_eq!(
        code(one(kind.clone(), json!("十二"))),
        "form.number.invalid"
    );
    assert_eq!(code(one(kind, json!(true))), "form.number.invalid");
    let decimal = json!({"kind": "number"});
    // Too many digits to keep exactly: said so, not called "not a number".
    assert_eq!(
        code(one(decimal.clone(), json!("123456789012345678901.5"))),
        "form.number.too_precise"
    );
    assert_eq!(
        code(one(decimal.clone(), json!("1e400"))),
        "form.number.too_precise"
    );
    for not_a_number in ["1.2.3", "12a", "e5", ".", "1e", "--1"] {
        assert_eq!(
            code(one(decimal.clone(), json!(not_a_number))),
            "form.number.invalid",
            "{not_a_number}"
        );
    }
    assert_eq!(
        one(decimal.clone(), json!("1,234.5")).unwrap(),
        json!(1234.5)
    );
    let err = one(json!({"kind": "number", "max": 10}), json!(11)).unwrap_err();
    assert!(err[0].zh.contains("10"), "{}", err[0].zh);
}

#[test]
fn dates() {
    let birth = json!({"kind": "date", "not_future": true, "min": "1900-01-01"});
    assert_eq!(
        one(birth.clone(), json!("1990-03-07")).unwrap(),
        json!("1990-03-07")
    );
    assert_eq!(
        one(birth.clone(), json!("１９９０/３/７")).unwrap(),
        json!("1990-03-07")
    );
    assert_eq!(
        one(birth.clone(), json!("2026-11-27")).unwrap(),
        json!("2026-11-27")
    );
    assert_eq!(
        code(one(birth.clone(), json!("2026-11-28"))),
        "form.date.future"
    );
    assert_eq!(
        code(one(birth.clone(), json!("1899-12-31"))),
        "form.date.min"
    );
    assert_eq!(
        code(one(birth.clone(), json!("2026-02-30"))),
        "form.date.invalid"
    );
    assert_eq!(code(one(birth, json!(20260101))), "form.type");
    let planned = json!({"kind": "date", "not_past": true, "max": "2027-12-31"});
    assert_eq!(
        code(one(planned.clone(), json!("2026-11-26"))),
        "form.date.past"
    );
    assert_eq!(code(one(planned, json!("2028-01-01"))), "form.date.max");
}

#[test]
fn choices() {
    let options = json!([{"value": "a", "label": {"zh": "甲"}}, {"value": "b", "label": {"zh": "乙"}},
                         {"value": "c", "label": {"zh": "丙"}}]);
    let single = json!({"kind": "choice", "options": options});
    assert_eq!(one(single.clone(), json!("b")).unwrap(), json!("b"));
    assert_eq!(code(one(single.clone(), json!("z"))), "form.choice.unknown");
    assert_eq!(code(one(single, json!(["a"]))), "form.choice.unknown");
    let multi = json!({"kind": "choice", "multiple": true, "options": options});
    // Option order, duplicates removed.
    assert_eq!(
        one(multi.clone(), json!(["c", "a", "c"])).unwrap(),
        json!(["a", "c"])
    );
    assert_eq!(
        code(one(multi.clone(), json!(["a", "z"]))),
        "form.choice.unknown"
    );
    assert_eq!(code(one(multi.clone(), json!("a"))), "form.choice.list");
    // An empty selection is no answer: required.
    assert_eq!(code(one(multi, json!([]))), "form.required");
}

#[test]
fn identity_numbers_use_the_shared_validator() {
    let kind = json!({"kind": "id_number"});
    assert_eq!(
        one(kind.clone(), json!("11010519491231002x")).unwrap(),
        json!("11010519491231002X")
    );
    // Full-width digits and spaces, as typed with a Chinese input method.
    assert_eq!(
        one(
            kind.clone(),
            json!("４１０１０２ １９９００３０７ １２３０")
        )
        .unwrap(),
        json!("410102199003071230")
    );
    assert_eq!(
        code(one(kind.clone(), json!("410102199003071231"))),
        "id_card.check_digit"
    );
    assert_eq!(code(one(kind, json!("4101021990"))), "id_card.length");
}

#[test]
fn identity_numbers_name_their_place_with_the_division_codes() {
    let definition = form(json!([{"id": "f", "label": {"zh": "证件号码"}, "kind": "id_number"}]));
    let unknown = answers(json!({"f": "110199-19900101-0010"}));
    // Without the table the place is not checked (the browser before loading it).
    assert!(validate(&definition, &unknown, today()).is_ok());
    let divisions = crate::validate::DivisionCodes::embedded().unwrap();
    let errors = validate_with(&definition, &unknown, today(), Some(&divisions)).unwrap_err();
    assert_eq!(errors[0].code, "id_card.division_unknown");
    assert!(
        errors[0]
            .zh
            .contains("前6位地区码110199不是有效的行政区划代码")
    );
    assert!(errors[0].en.contains("110199"));
    let known = answers(json!({"f": "110105-19491231-002x"}));
    assert_eq!(
        validate_with(&definition, &known, today(), Some(&divisions)).unwrap()["f"],
        json!("11010519491231002X")
    );
}

#[test]
fn credit_codes_and_phones_use_the_shared_validators() {
    let kind = json!({"kind": "credit_code"});
    assert_eq!(
        one(kind.clone(), json!("91410100ma3x5y7p1a")).unwrap(),
        json!("91410100MA3X5Y7P1A")
    );
    assert!(code(one(kind, json!("91410100MA3X5Y7P1B"))).starts_with("credit_code."));
    let phone = json!({"kind": "phone"});
    assert_eq!(
        one(phone.clone(), json!("138 0013 8000")).unwrap(),
        json!("13800138000")
    );
    assert!(one(phone.clone(), json!("0371-62345678")).is_ok());
    assert!(code(one(phone.clone(), json!("1380013800"))).starts_with("mobile."));
    assert!(code(one(phone, json!("0371-12"))).starts_with("landline."));
    let mobile_only = json!({"kind": "phone", "mobile_only": true});
    assert!(code(one(mobile_only, json!("0371-62345678"))).starts_with("mobile."));
}

#[test]
fn files() {
    let kind = json!({"kind": "file", "accept": ["image/jpeg", "application/pdf"],
                      "max_bytes": 1000, "max_count": 2});
    let file = |id: &str, t: &str, size: u64| json!({"upload_id": id.repeat(64), "name": " 身份证.jpg ", "media_type": t, "size": size});
    let ok = one(kind.clone(), json!([file("a", "image/jpeg", 900)])).unwrap();
    assert_eq!(ok[0]["name"], "身份证.jpg");
    assert_eq!(
        code(one(kind.clone(), json!([file("a", "image/png", 900)]))),
        "form.file.type"
    );
    assert_eq!(
        code(one(kind.clone(), json!([file("a", "image/jpeg", 1001)]))),
        "form.file.size"
    );
    assert_eq!(
        code(one(
            kind.clone(),
            json!([
                file("a", "image/jpeg", 1),
                file("b", "image/jpeg", 1),
                file("c", "image/jpeg", 1)
            ])
        )),
        "form.file.count"
    );
    assert_eq!(
        code(one(kind.clone(), json!([file("G", "image/jpeg", 1)]))),
        "form.file.invalid"
    );
    assert_eq!(code(one(kind, json!("a.jpg"))), "form.file.invalid");
    assert_eq!(format_bytes(10 * 1024 * 1024), "10 MB");
    assert_eq!(format_bytes(1536), "1.5 KB");
    assert_eq!(format_bytes(12), "12 B");
}

fn conditional_form() -> FormDefinition {
    form(json!([
        {"id": "type", "label": {"zh": "申请人类型"}, "kind": "choice", "required": true,
         "options": [{"value": "person", "label": {"zh": "个人"}},
                     {"value": "company", "label": {"zh": "企业"}}]},
        {"id": "id_no", "label": {"zh": "身份证号码"}, "kind": "id_number", "required": true,
         "show_if": {"op": "equals", "field": "type", "value": "person"}},
        {"id": "credit", "label": {"zh": "统一社会信用代码"}, "kind": "credit_code", "required": true,
         "show_if": {"op": "equals", "field": "type", "value": "company"}},
        {"id": "has_agent", "label": {"zh": "是否委托代理"}, "kind": "choice",
         "options": [{"value": "yes", "label": {"zh": "是"}}, {"value": "no", "label": {"zh": "否"}}],
         "show_if": {"op": "equals", "field": "type", "value": "company"}},
        // Shown only when the (itself conditional) has_agent says yes: hiding cascades.
        {"id": "agent_name", "label": {"zh": "代理人姓名"}, "kind": "text", "required": true,
         "show_if": {"op": "and", "all": [
            {"op": "equals", "field": "has_agent", "value": "yes"},
            {"op": "not_empty", "field": "credit"}]}}
    ]))
}

#[test]
fn hidden_required_fields_are_ignored_and_dropped() {
    let def = conditional_form();
    // A person: the company fields are hidden, even though answers linger from an earlier choice.
    let out = validate(
        &def,
        &answers(json!({"type": "person", "id_no": "11010519491231002X",
                        "credit": "garbage", "has_agent": "yes", "agent_name": "王五",
                        "unknown_field": 1})),
        today(),
    )
    .unwrap();
    assert_eq!(
        out,
        answers(json!({"type": "person", "id_no": "11010519491231002X"}))
    );
    // A person without an ID number: required and visible.
    let errors = validate(&def, &answers(json!({"type": "person"})), today()).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(
        (errors[0].field_id.as_str(), errors[0].code.as_str()),
        ("id_no", "form.required")
    );
    assert_eq!(errors[0].message(Lang::En), "This field is required.");
}

#[test]
fn nested_conditions_cascade() {
    let def = conditional_form();
    let company = json!({"type": "company", "credit": "91410100MA3X5Y7P1A", "has_agent": "yes"});
    let errors = validate(&def, &answers(company.clone()), today()).unwrap_err();
    assert_eq!(errors[0].field_id, "agent_name");
    assert_eq!(
        visible_fields(&def, &answers(company), today()),
        ["type", "credit", "has_agent", "agent_name"]
    );
    // Switching to "person" hides has_agent, and so agent_name behind it.
    let person = json!({"type": "person", "has_agent": "yes", "credit": "91410100MA3X5Y7P1A"});
    assert_eq!(
        visible_fields(&def, &answers(person), today()),
        ["type", "id_no"]
    );
    // Nothing chosen: the required choice is the only error.
    let errors = validate(&def, &Answers::new(), today()).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].field_id, "type");
}

#[test]
fn conditions_see_normalised_values_and_cycles_hide() {
    let def = form(json!([
        {"id": "n", "label": {"zh": "n"}, "kind": "number"},
        {"id": "big", "label": {"zh": "big"}, "kind": "text", "required": true,
         "show_if": {"op": "in", "field": "n", "values": [3]}},
        {"id": "x", "label": {"zh": "x"}, "kind": "text", "required": true,
         "show_if": {"op": "not_empty", "field": "y"}},
        {"id": "y", "label": {"zh": "y"}, "kind": "text", "required": true,
         "show_if": {"op": "not_empty", "field": "x"}}
    ]));
    // "３" (full width) normalises to 3, which the condition matches.
    let errors = validate(
        &def,
        &answers(json!({"n": "３", "x": "a", "y": "b"})),
        today(),
    )
    .unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].field_id, "big");
    let ok = validate(&def, &answers(json!({"n": 4, "x": "a", "y": "b"})), today()).unwrap();
    assert_eq!(ok, answers(json!({"n": 4})));
}

#[test]
fn section_conditions_hide_their_fields() {
    let def: FormDefinition = serde_json::from_value(json!({"item_code": "T", "version": 1,
        "sections": [
            {"id": "a", "title": {"zh": "甲"}, "fields": [
                {"id": "married", "label": {"zh": "婚否"}, "kind": "choice",
                 "options": [{"value": "y", "label": {"zh": "是"}}, {"value": "n", "label": {"zh": "否"}}]}]},
            {"id": "spouse", "title": {"zh": "配偶信息"},
             "show_if": {"op": "equals", "field": "married", "value": "y"},
             "fields": [{"id": "spouse_name", "label": {"zh": "配偶姓名"}, "kind": "text", "required": true}]}
        ]}))
    .unwrap();
    assert!(validate(&def, &answers(json!({"married": "n"})), today()).is_ok());
    let errors = validate(&def, &answers(json!({"married": "y"})), today()).unwrap_err();
    assert_eq!(errors[0].field_id, "spouse_name");
}

#[test]
fn number_limits_are_written_as_rust_writes_them() {
    for limit in [
        0.0,
        1.0,
        -3.0,
        10.0,
        120.0,
        2.5,
        0.25,
        99.99,
        1_000_000.0,
        123_456.75,
    ] {
        assert_eq!(super::number_text(limit), limit.to_string());
    }
}

#[test]
fn typed_numbers_read_as_the_standard_parser_reads_them() {
    let mut inputs: Vec<String> = [
        "0",
        "-0",
        "+7",
        "12",
        "1234.5",
        "0.1",
        ".5",
        "2.",
        "-3.25",
        "1e3",
        "1E-3",
        "2.5e+2",
        "007",
        "0.000",
        "9007199254740992",
        "9007199254740993",
        "0.30000000000000004",
        "123456789012345678901234567890",
        "1e22",
        "1e23",
        "4.35e25",
        "1e-22",
        "3.14159265358979",
        "100000000000000000000000000000e-10",
        "",
        ".",
        "-",
        "e5",
        "1e",
        "1.2.3",
        "1,5",
        "十二",
        "1 2",
        "inf",
        "NaN",
        "0x10",
        "1e1000",
    ]
    .map(String::from)
    .to_vec();
    // A spread of significands and exponents.
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..20_000 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let digits = (seed % 10_000_000_000_000_000) >> (seed % 50);
        let point = (seed >> 56) % 20;
        let mut text = digits.to_string();
        if (point as usize) < text.len() {
            text.insert(text.len() - point as usize, '.');
        }
        if seed & 1 == 1 {
            let sign = if seed & 2 == 2 { "-" } else { "" };
            text = format!("{text}e{sign}{}", (seed >> 40) % 60);
        }
        inputs.push(text);
    }
    let mut read = 0;
    for text in &inputs {
        let standard = text.parse::<f64>().ok().filter(|n| n.is_finite());
        match super::parse_decimal(text) {
            Some(n) => {
                read += 1;
                assert_eq!(Some(n.to_bits()), standard.map(f64::to_bits), "{text}");
            }
            // Refused: not a number, or beyond what an f64 computes exactly.
            None => assert!(
                standard.is_none() || text.len() > 15 || text.contains(['e', 'E']),
                "{text} refused, the standard parser reads {standard:?}"
            ),
        }
    }
    assert!(read > inputs.len() / 2, "{read} of {}", inputs.len());
}

#[test]
fn a_declaration_must_be_ticked_and_is_kept() {
    let mut definition = form(json!([{"id": "name", "label": {"zh": "姓名"}, "kind": "text"}]));
    // Without a declaration, a stray tick is dropped like any unknown answer.
    let plain = validate(&definition, &answers(json!({"declaration": true})), today());
    assert_eq!(plain, Ok(Answers::new()));
    definition.declaration = Some(crate::form::Label::text("本人承诺", "I declare"));
    for missing in [
        json!({}),
        json!({"declaration": false}),
        json!({"declaration": "true"}),
    ] {
        let errors = validate(&definition, &answers(missing), today()).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field_id, "declaration");
        assert_eq!(errors[0].code, "form.declaration_required");
        assert!(errors[0].en.contains("declaration"), "{}", errors[0].en);
    }
    let ticked = validate(
        &definition,
        &answers(json!({"declaration": true, "name": "张三"})),
        today(),
    )
    .unwrap();
    assert_eq!(ticked.get("declaration"), Some(&json!(true)));
    // A field may not take the declaration's key.
    let mut clash = form(json!([{"id": "declaration", "label": {"zh": "声明"}, "kind": "text"}]));
    clash.declaration = None;
    assert!(
        clash
            .check()
            .unwrap_err()
            .contains(&crate::form::DefinitionError::BadId("declaration".into()))
    );
}

#[test]
fn the_files_of_one_application_have_a_total_limit() {
    let twenty_mb = 20 * 1024 * 1024;
    let kind = |id: &str| {
        json!({"id": id, "label": {"zh": "材料"}, "kind": "file", "accept": ["application/pdf"],
               "max_bytes": twenty_mb, "max_count": 5})
    };
    let definition = form(json!([kind("a"), kind("b")]));
    let file = |c: &str, size: u64| json!({"upload_id": c.repeat(64), "name": "x.pdf", "media_type": "application/pdf", "size": size});
    let at_limit = answers(json!({
        "a": [file("a", twenty_mb), file("b", twenty_mb)],
        "b": [file("c", crate::form::MAX_CASE_FILE_BYTES - 2 * twenty_mb)],
    }));
    assert!(validate(&definition, &at_limit, today()).is_ok());
    let over = answers(json!({
        "a": [file("a", twenty_mb), file("b", twenty_mb)],
        "b": [file("c", crate::form::MAX_CASE_FILE_BYTES - 2 * twenty_mb + 1)],
    }));
    let errors = validate(&definition, &over, today()).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].field_id, "b");
    assert_eq!(errors[0].code, "form.file.case_total");
    assert!(
        errors[0].zh.contains("50 MB") || errors[0].zh.contains("50MB"),
        "{}",
        errors[0].zh
    );
}
