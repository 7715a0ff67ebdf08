//! The pinyin of a service item's name, as the item list sends it: one syllable per character,
//! separated by spaces (`"ju min shen fen zheng huan ling"`), so that the guide searches by
//! pinyin and initials offline (`guichet_core::service_search`) without carrying a table of
//! every character in its bundle. A Latin letter or digit stands for itself, any other
//! character without pinyin (punctuation) is `_`. A character with several readings gets its
//! most common one.

use pinyin::ToPinyin;

/// The syllables of `name`, one per character.
pub fn syllables(name: &str) -> String {
    let mut out = String::with_capacity(name.len() * 2);
    for (position, character) in name.chars().enumerate() {
        if position > 0 {
            out.push(' ');
        }
        match character.to_pinyin() {
            Some(syllable) => out.push_str(syllable.plain()),
            None if character.is_ascii_alphanumeric() => {
                out.push(character.to_ascii_lowercase());
            }
            None => out.push('_'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use guichet_core::service_search::{Searchable, ServiceIndex};

    #[test]
    fn one_syllable_per_character() {
        assert_eq!(
            syllables("居民身份证换领"),
            "ju min shen fen zheng huan ling"
        );
        assert_eq!(syllables("企业（A1）"), "qi ye _ a 1 _");
        assert_eq!(syllables(""), "");
    }

    #[test]
    fn the_core_search_finds_an_item_by_its_initials() {
        let keywords = Vec::new();
        let pinyin = syllables("居民身份证换领");
        let index = ServiceIndex::new([Searchable {
            code: "GA-001",
            name: "居民身份证换领",
            department: "县公安局",
            keywords: &keywords,
            pinyin: &pinyin,
        }]);
        assert_eq!(index.search("sfz").len(), 1);
        assert_eq!(index.search("jmsfz").len(), 1);
    }
}
