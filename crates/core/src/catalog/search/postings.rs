//! Posting lists: for one gram or word, the ascending document numbers that contain it, each
//! with a bitmask of the fields it occurs in ([`FieldMask`]), packed in a byte string.
//!
//! Each posting is one varint of `delta << 3 | code` (the delta from the previous document
//! number, from 0 for the first). `code` 0–6 names one of the seven usual field combinations
//! ([`COMMON_MASKS`]); 7 is followed by a byte holding the mask itself. A dense list (a gram in
//! a tenth of the documents) then costs one byte a posting, masks included: the masks let the
//! ranking score most candidates without looking at their text.

/// Bits of the fields a gram occurs in. 发布机构 has no bit: the handful of agency names are
/// checked per query instead (see `rank.rs`).
pub(super) type FieldMask = u8;

pub(super) const TITLE: FieldMask = 1;
pub(super) const DOC_NO: FieldMask = 2;
pub(super) const INDEX_NO: FieldMask = 4;
pub(super) const KEYWORDS: FieldMask = 8;
pub(super) const SUMMARY: FieldMask = 16;
/// Every bit a stored mask may have.
pub(super) const ALL_BITS: FieldMask = TITLE | DOC_NO | INDEX_NO | KEYWORDS | SUMMARY;

/// The combinations given a 3-bit code, most frequent first in the catalog: a subject is in the
/// title, the keywords and the summary; the template words of a summary only there; 0 is a gram
/// found only in the agency's name.
const COMMON_MASKS: [FieldMask; 7] = [
    SUMMARY,
    TITLE,
    KEYWORDS,
    TITLE | KEYWORDS | SUMMARY,
    TITLE | KEYWORDS,
    0,
    TITLE | SUMMARY,
];
const ESCAPE: u64 = 7;

/// One gram's postings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Postings {
    pub(super) bytes: Vec<u8>,
    pub(super) last: u32,
    pub(super) len: u32,
}

impl Postings {
    /// Appends a posting; `doc` must be above the last one (documents are numbered in the
    /// order they are added). A smaller one is ignored rather than corrupting the list.
    pub(super) fn push(&mut self, doc: u32, mask: FieldMask) {
        if self.len > 0 && doc <= self.last {
            return;
        }
        let delta = u64::from(doc - if self.len == 0 { 0 } else { self.last });
        match COMMON_MASKS.iter().position(|m| *m == mask) {
            Some(code) => write_varint(&mut self.bytes, delta << 3 | code as u64),
            None => {
                write_varint(&mut self.bytes, delta << 3 | ESCAPE);
                self.bytes.push(mask);
            }
        }
        self.last = doc;
        self.len += 1;
    }

    pub(super) fn iter(&self) -> PostingIter<'_> {
        PostingIter {
            bytes: &self.bytes,
            at: 0,
            doc: 0,
            started: false,
        }
    }

    /// Checks a list read from bytes: `len` postings, ascending, the last one `last`, below
    /// `docs`, masks in range, nothing left over. Queries can then trust it.
    pub(super) fn is_valid(&self, docs: u32) -> bool {
        let mut iter = self.iter();
        let mut count = 0u32;
        let mut previous: Option<u32> = None;
        while iter.at < self.bytes.len() {
            let Some((doc, mask)) = iter.next() else {
                return false;
            };
            if previous.is_some_and(|p| doc <= p) || doc >= docs || mask & !ALL_BITS != 0 {
                return false;
            }
            previous = Some(doc);
            count += 1;
        }
        count == self.len && previous.unwrap_or(0) == self.last && (count > 0 || self.last == 0)
    }

    pub(super) fn heap_size(&self) -> usize {
        self.bytes.capacity()
    }
}

/// Walks a list: `(document, fields)`.
pub(super) struct PostingIter<'a> {
    bytes: &'a [u8],
    at: usize,
    doc: u32,
    started: bool,
}

impl Iterator for PostingIter<'_> {
    type Item = (u32, FieldMask);

    fn next(&mut self) -> Option<(u32, FieldMask)> {
        let value = read_varint(self.bytes, &mut self.at)?;
        let delta = u32::try_from(value >> 3).ok()?;
        // The first delta is from 0; a later delta of 0 would repeat a document (corrupt).
        if self.started && delta == 0 {
            return None;
        }
        self.doc = self.doc.checked_add(delta)?;
        self.started = true;
        let mask = match value & 7 {
            ESCAPE => {
                let mask = *self.bytes.get(self.at)?;
                self.at += 1;
                mask
            }
            code => COMMON_MASKS[code as usize],
        };
        Some((self.doc, mask))
    }
}

pub(super) fn write_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

pub(super) fn read_varint(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut value: u64 = 0;
    for shift in (0..64).step_by(7) {
        let byte = *bytes.get(*at)?;
        *at += 1;
        value |= u64::from(byte & 0x7F) << shift;
        if byte & 0x80 == 0 {
            return Some(value);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_round_trip_with_masks() {
        let mut list = Postings::default();
        let items = [
            (0, SUMMARY),
            (1, TITLE | DOC_NO),
            (200, 0),
            (70_000, INDEX_NO),
        ];
        for (doc, mask) in items {
            list.push(doc, mask);
        }
        list.push(5, TITLE); // out of order: ignored
        assert_eq!(list.iter().collect::<Vec<_>>(), items);
        assert!(list.is_valid(70_001));
        assert!(!list.is_valid(70_000));
        let mut bad = list.clone();
        bad.bytes.push(0);
        assert!(!bad.is_valid(70_001));
    }
}
