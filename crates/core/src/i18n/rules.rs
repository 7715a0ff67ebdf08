//! Messages and labels of the rules crate: the validators (the calendar's, the cases' and
//! disclosure's are in `rules_cases`, which the forms bundle does not carry).
//!
//! A validation message says what is wrong and, where it helps, what to do. Keys equal the
//! errors' machine codes, so a code in a log leads straight to its text here.

use super::Entry;

/// Strings of `guichet-core`, `(key, Chinese, English)`.
pub static RULES: &[Entry] = &[
    // --- Sex -------------------------------------------------------------------------------
    ("sex.male", "男", "Male"),
    ("sex.female", "女", "Female"),
    // --- 居民身份证号码 ----------------------------------------------------------------------
    (
        "id_card.empty",
        "请填写身份证号码。",
        "Please enter the ID card number.",
    ),
    (
        "id_card.length",
        "身份证号码应为18位，您输入了{found}位。",
        "An ID card number has 18 characters; you entered {found}.",
    ),
    (
        "id_card.character",
        "身份证号码第{position}位“{found}”无效：前17位应为数字，最后一位为数字或X。",
        "Character {position} (“{found}”) is not allowed: the first 17 are digits, the last is a digit or X.",
    ),
    (
        "id_card.province",
        "身份证号码开头的“{code}”不是有效的省级行政区划代码，请核对前两位。",
        "“{code}” is not a valid province code; please check the first two digits.",
    ),
    (
        "id_card.birth_date",
        "身份证号码中的出生日期（第7至14位）不是有效日期。",
        "The date of birth in the number (digits 7 to 14) is not a real date.",
    ),
    (
        "id_card.birth_date_too_early",
        "身份证号码中的出生日期早于1900年，请核对。",
        "The date of birth in the number is before 1900; please check it.",
    ),
    (
        "id_card.birth_date_future",
        "身份证号码中的出生日期晚于今天，请核对。",
        "The date of birth in the number is after today; please check it.",
    ),
    (
        "id_card.check_digit",
        "身份证号码校验未通过，请对照证件逐位核对。",
        "This ID card number does not check; please compare it with the card digit by digit.",
    ),
    (
        "id_card.first_generation",
        "第一代身份证已停止使用，请填写18位号码。",
        "First-generation (15-digit) ID cards are no longer valid; please enter the 18-digit number.",
    ),
    (
        "id_card.division_unknown",
        "前6位地区码{code}不是有效的行政区划代码，请核对号码。",
        "The area code {code} (the first 6 digits) is not a valid administrative division code; please check the number.",
    ),
    (
        "id_card.division_abolished",
        "前6位地区码{code}已于{year}年撤销，早于号码中的出生年份，请核对号码。",
        "The area code {code} (the first 6 digits) was abolished in {year}, before the year of birth in the number; please check the number.",
    ),
    // --- 统一社会信用代码 --------------------------------------------------------------------
    (
        "credit_code.empty",
        "请填写统一社会信用代码。",
        "Please enter the unified social credit code.",
    ),
    (
        "credit_code.length",
        "统一社会信用代码应为18位，您输入了{found}位。",
        "A unified social credit code has 18 characters; you entered {found}.",
    ),
    (
        "credit_code.excluded_letter",
        "第{position}位的字母“{found}”不会出现在统一社会信用代码中（不使用I、O、S、V、Z），可能是数字1、0、5或字母U、数字2。",
        "Character {position} is the letter “{found}”, which credit codes never use (no I, O, S, V, Z); it may be 1, 0, 5, U or 2.",
    ),
    (
        "credit_code.character",
        "统一社会信用代码第{position}位“{found}”无效：只能是数字和大写字母。",
        "Character {position} (“{found}”) is not allowed: only digits and capital letters.",
    ),
    (
        "credit_code.authority",
        "统一社会信用代码第1位“{found}”不是有效的登记管理部门代码。",
        "The first character “{found}” is not a registration authority code.",
    ),
    (
        "credit_code.entity_type",
        "统一社会信用代码第2位“{found}”不是登记管理部门“{authority}”使用的机构类别代码。",
        "The second character “{found}” is not an entity type of registration authority “{authority}”.",
    ),
    (
        "credit_code.division",
        "统一社会信用代码第3至8位“{found}”不是有效的行政区划代码。",
        "Characters 3 to 8 (“{found}”) are not a valid division code.",
    ),
    (
        "credit_code.organisation_code",
        "统一社会信用代码中的组织机构代码（第9至17位）校验未通过，请逐位核对。",
        "The organisation code inside the credit code (characters 9 to 17) does not check; please check each character.",
    ),
    (
        "credit_code.check_char",
        "统一社会信用代码校验未通过，请对照营业执照或登记证书逐位核对。",
        "This credit code does not check; please compare it with the licence or certificate character by character.",
    ),
    // --- 手机号码 ----------------------------------------------------------------------------
    (
        "mobile.empty",
        "请填写手机号码。",
        "Please enter a mobile number.",
    ),
    (
        "mobile.foreign",
        "请填写中国大陆手机号码（+86）。",
        "Please enter a mainland China mobile number (+86).",
    ),
    (
        "mobile.character",
        "手机号码第{position}位“{found}”无效：只能填写数字。",
        "Character {position} (“{found}”) is not allowed: digits only.",
    ),
    (
        "mobile.length",
        "手机号码应为11位数字，您输入了{found}位。",
        "A mobile number has 11 digits; you entered {found}.",
    ),
    (
        "mobile.prefix",
        "这不是手机号码：手机号码以13至19开头。",
        "This is not a mobile number: mobile numbers start with 13 to 19.",
    ),
    // --- 固定电话 ----------------------------------------------------------------------------
    (
        "landline.empty",
        "请填写电话号码。",
        "Please enter a phone number.",
    ),
    (
        "landline.foreign",
        "请填写中国大陆电话号码（+86）。",
        "Please enter a mainland China phone number (+86).",
    ),
    (
        "landline.character",
        "电话号码中的“{found}”无效：只能填写数字、短横线、空格和分机号。",
        "“{found}” is not allowed: use digits, dashes, spaces and an extension.",
    ),
    (
        "landline.missing_area_code",
        "请在电话号码前加区号，例如 0571-88889999。",
        "Please add the area code, e.g. 0571-88889999.",
    ),
    (
        "landline.area_code",
        "区号“{found}”无效：区号以0开头，共3或4位。",
        "Area code “{found}” is not valid: area codes start with 0 and have 3 or 4 digits.",
    ),
    (
        "landline.local_number",
        "电话号码“{found}”无效：区号后应为7或8位号码，不以0或1开头。",
        "Number “{found}” is not valid: after the area code come 7 or 8 digits, not starting with 0 or 1.",
    ),
    (
        "landline.extension",
        "分机号无效：应为1至6位数字。",
        "The extension is not valid: it has 1 to 6 digits.",
    ),
    // --- 邮政编码 ----------------------------------------------------------------------------
    (
        "postal_code.empty",
        "请填写邮政编码。",
        "Please enter the postal code.",
    ),
    (
        "postal_code.malformed",
        "邮政编码应为6位数字。",
        "A postal code has 6 digits.",
    ),
    // --- 电子邮箱 ----------------------------------------------------------------------------
    (
        "email.empty",
        "请填写电子邮箱。",
        "Please enter an e-mail address.",
    ),
    (
        "email.at",
        "电子邮箱应包含一个“@”，例如 zhangsan@example.com。",
        "An e-mail address contains one “@”, e.g. zhangsan@example.com.",
    ),
    (
        "email.local_part",
        "“@”前的部分无效：只能使用英文字母、数字和 . _ - + 等符号。",
        "The part before “@” is not valid: use Latin letters, digits and signs such as . _ - +.",
    ),
    (
        "email.domain",
        "“@”后的域名无效，例如应为 example.com。",
        "The domain after “@” is not valid; it should look like example.com.",
    ),
];

#[cfg(test)]
mod tests {
    use crate::calendar::CalendarError;
    use crate::case::{CaseState, ClockError, EventKind, JointError, Role, TransitionError};
    use crate::i18n::{Lang, Localized, lookup};
    use crate::validate::{CreditCodeError, IdCardError};
    use chrono::{NaiveDate, NaiveDateTime};

    /// Every error of the rules has its text in both languages, with every placeholder filled.
    #[test]
    fn every_rules_error_has_a_complete_message() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap_or_default();
        let moment = NaiveDateTime::default();
        let errors: Vec<Box<dyn Localized>> = vec![
            Box::new(IdCardError::Empty),
            Box::new(IdCardError::WrongLength { found: 17 }),
            Box::new(IdCardError::BadCharacter {
                position: 3,
                found: 'A',
            }),
            Box::new(IdCardError::UnknownProvince { code: 99 }),
            Box::new(IdCardError::InvalidBirthDate),
            Box::new(IdCardError::BirthDateTooEarly),
            Box::new(IdCardError::BirthDateInFuture),
            Box::new(IdCardError::CheckDigitMismatch),
            Box::new(CreditCodeError::Empty),
            Box::new(CreditCodeError::WrongLength { found: 15 }),
            Box::new(CreditCodeError::ExcludedLetter {
                position: 4,
                found: 'O',
            }),
            Box::new(CreditCodeError::BadCharacter {
                position: 4,
                found: '-',
            }),
            Box::new(CreditCodeError::UnknownAuthority { found: 'B' }),
            Box::new(CreditCodeError::UnknownEntityType {
                authority: '9',
                found: '4',
            }),
            Box::new(CreditCodeError::BadDivision {
                found: "990000".into(),
            }),
            Box::new(CreditCodeError::OrganisationCodeMismatch),
            Box::new(CreditCodeError::CheckCharMismatch),
            Box::new(CalendarError::Malformed { detail: "x".into() }),
            Box::new(CalendarError::UnsupportedSchema { found: 2 }),
            Box::new(CalendarError::DuplicateYear { year: 2026 }),
            Box::new(CalendarError::DateOutsideYear {
                year: 2026,
                date: day,
            }),
            Box::new(CalendarError::DuplicateDate { date: day }),
            Box::new(CalendarError::MakeUpNotWeekend { date: day }),
            Box::new(CalendarError::NotSorted { date: day }),
            Box::new(CalendarError::EmptyHoliday {
                year: 2026,
                name: "元旦".into(),
            }),
            Box::new(CalendarError::TooManyDays { requested: 99_999 }),
            Box::new(CalendarError::OutOfRange),
            Box::new(TransitionError::NotAllowed {
                state: CaseState::Submitted,
                event: EventKind::Accept,
            }),
            Box::new(TransitionError::Finished {
                state: CaseState::Withdrawn,
                event: EventKind::Accept,
            }),
            Box::new(TransitionError::WrongActor {
                event: EventKind::Approve,
                role: Role::Applicant,
            }),
            Box::new(TransitionError::OutOfOrder {
                previous: moment,
                at: moment,
            }),
            Box::new(TransitionError::BadSubmission),
            Box::new(ClockError::AlreadyPaused),
            Box::new(ClockError::NotPaused),
            Box::new(ClockError::OutOfOrder { date: day }),
            Box::new(ClockError::Finished),
            Box::new(ClockError::Calendar(CalendarError::OutOfRange)),
            Box::new(JointError::NoDepartment),
            Box::new(JointError::DuplicateDepartment {
                department: "公安".into(),
            }),
            Box::new(JointError::UnknownDepartment {
                department: "公安".into(),
            }),
            Box::new(JointError::AlreadySettled {
                department: "公安".into(),
            }),
        ];
        for error in errors {
            for lang in Lang::ALL {
                assert!(
                    lookup(lang, error.code()).is_some(),
                    "no text for {}",
                    error.code()
                );
                let message = error.message(lang);
                assert!(!message.contains('{'), "unfilled placeholder: {message}");
            }
        }
    }
}
