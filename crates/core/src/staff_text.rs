//! How long the staff's free text may be, in characters (not bytes: a Chinese character is
//! one). The server refuses longer text with a `422` naming the field; the desk can show the
//! same limits. Defined once here so both sides agree.
//!
//! The sizes follow what each text is: an opinion or a note is a paragraph or two; a name, a
//! title or one entry of a list (a missing material) fits on a line; a disclosure reply letter
//! is a page or several; a service guide's entry (a condition, a step) is a paragraph.

/// Opinions, notes, reasons, replies to a follow-up, a decision's result text.
pub const OPINION_MAX_CHARS: usize = 2_000;
/// Names, titles, one entry of a list (a missing material), a third party, an agency's name.
pub const NAME_MAX_CHARS: usize = 200;
/// A 依申请公开 reply letter.
pub const LETTER_MAX_CHARS: usize = 20_000;
/// A catalog entry's full text (a whole document; the request body limit of 1 MB is the other
/// bound).
pub const DOCUMENT_MAX_CHARS: usize = 200_000;
/// A service guide's longer entries: a condition, a step, a legal basis, a fee's 收费标准.
pub const GUIDE_ENTRY_MAX_CHARS: usize = 1_000;

/// Whether `text` is longer than `max` characters.
pub fn too_long(text: &str, max: usize) -> bool {
    // Counting stops one past the limit: a megabyte of text is not counted through.
    text.chars().nth(max).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_characters_not_bytes() {
        assert!(!too_long("办件", 2));
        assert!(too_long("办件人", 2));
        assert!(!too_long("", 0));
        assert!(too_long("a", 0));
    }
}
