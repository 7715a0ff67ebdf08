//! The serialised index ([`CatalogIndex::to_bytes`], [`CatalogIndex::from_bytes`]); the layout
//! is in the [module documentation](super). Columns of small numbers (deltas of dates and of
//! string ids, classification bytes) rather than records, so that gzip or brotli finds the
//! repetition; everything read is checked, so a damaged value is an error, never a panic or an
//! index that misbehaves later.

use super::postings::{Postings, read_varint, write_varint};
use super::{
    CatalogIndex, Doc, FORMAT_VERSION, Genre, IndexError, IndexNo, MAGIC, Strings, Topic, Validity,
    format_index_no, title_head,
};

impl CatalogIndex {
    /// The index as bytes, in the format described in the [module documentation](super).
    pub fn to_bytes(&self) -> Vec<u8> {
        // The bytes hold the same texts and lists with smaller documents, so the heap size is
        // enough: one allocation, never a doubling that would briefly hold both copies (in the
        // worker's wasm memory, which never shrinks, that peak would stay).
        let mut out = Vec::with_capacity(self.heap_size());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());

        // The texts of the live documents, field by field and in document order: titles first,
        // then 文号, 主题词 and 内容概述. A search reads the titles of its candidates in ascending
        // order, so that they are near one another in memory once loaded (the cache, not the
        // arithmetic, is what a broad query waits on); texts nobody refers to are left out.
        let live: Vec<&Doc> = self.docs.iter().filter(|d| d.live).collect();
        let fields: [fn(&Doc) -> u32; 4] =
            [|d| d.title, |d| d.doc_no, |d| d.keywords, |d| d.summary];
        let mut new_id = vec![u32::MAX; self.strings.ends.len()];
        let mut order: Vec<u32> = Vec::with_capacity(self.strings.ends.len());
        for field in fields {
            for doc in &live {
                if let Some(slot) = new_id.get_mut(field(doc) as usize)
                    && *slot == u32::MAX
                {
                    *slot = order.len() as u32;
                    order.push(field(doc));
                }
            }
        }
        let renumbered = |id: u32| new_id.get(id as usize).copied().unwrap_or_default();
        write_varint(&mut out, order.len() as u64);
        let text_len: usize = order.iter().map(|&id| self.strings.get(id).len()).sum();
        write_varint(&mut out, text_len as u64);
        for &id in &order {
            out.extend_from_slice(self.strings.get(id).as_bytes());
        }
        for &id in &order {
            write_varint(&mut out, self.strings.get(id).len() as u64);
        }
        for table in [&self.agencies, &self.codes] {
            write_varint(&mut out, table.len() as u64);
            for name in table {
                write_bytes(&mut out, name.as_bytes());
            }
        }

        write_varint(&mut out, self.docs.len() as u64);
        out.extend(self.docs.iter().map(|d| u8::from(d.live)));
        for column in [|d: &Doc| d.topic, |d: &Doc| d.genre, |d: &Doc| d.validity] {
            out.extend(live.iter().map(|d| column(d)));
        }
        for column in [
            |d: &Doc| u64::from(d.agency),
            |d: &Doc| u64::from(d.code),
            |d: &Doc| u64::from(d.year),
            |d: &Doc| u64::from(d.serial),
        ] {
            for doc in &live {
                write_varint(&mut out, column(doc));
            }
        }
        // Dates and string ids grow with the document number: deltas are small.
        let columns: [&dyn Fn(&Doc) -> i64; 5] = [
            &|d| i64::from(d.days),
            &|d| i64::from(renumbered(d.title)),
            &|d| i64::from(renumbered(d.doc_no)),
            &|d| i64::from(renumbered(d.keywords)),
            &|d| i64::from(renumbered(d.summary)),
        ];
        for column in columns {
            let mut previous = 0i64;
            for doc in &live {
                let value = column(doc);
                write_varint(&mut out, zigzag(value - previous));
                previous = value;
            }
        }

        write_varint(&mut out, self.cjk.len() as u64);
        let mut previous = 0u64;
        for (key, postings) in &self.cjk {
            write_varint(&mut out, key - previous);
            previous = *key;
            write_bytes(&mut out, &postings.bytes);
        }
        write_varint(&mut out, self.words.len() as u64);
        let mut previous: &[u8] = &[];
        for (word, postings) in &self.words {
            let word = word.as_bytes();
            let shared = previous
                .iter()
                .zip(word)
                .take_while(|(a, b)| a == b)
                .count();
            write_varint(&mut out, shared as u64);
            write_bytes(&mut out, &word[shared..]);
            write_bytes(&mut out, &postings.bytes);
            previous = word;
        }
        let checksum = fnv1a(&out);
        out.extend_from_slice(&checksum.to_le_bytes());
        out
    }

    /// Loads an index written by [`Self::to_bytes`] (this format version only).
    pub fn from_bytes(bytes: &[u8]) -> Result<CatalogIndex, IndexError> {
        if bytes.len() < 12 || bytes.get(..4) != Some(MAGIC.as_slice()) {
            return Err(IndexError::BadMagic);
        }
        let version = u16::from_le_bytes([bytes[4], bytes[5]]);
        if version != FORMAT_VERSION {
            return Err(IndexError::UnsupportedVersion(version));
        }
        let (body, tail) = bytes.split_at(bytes.len() - 4);
        let stored = u32::from_le_bytes([tail[0], tail[1], tail[2], tail[3]]);
        if fnv1a(body) != stored {
            return Err(IndexError::Checksum);
        }
        let mut reader = Reader { bytes: body, at: 8 };
        let mut index = CatalogIndex::new();

        let strings = reader.count()?;
        let text = reader.bytes()?;
        let text = std::str::from_utf8(text).map_err(|_| IndexError::Corrupt("utf-8"))?;
        let mut ends = Vec::with_capacity(strings);
        let mut end = 0u32;
        for _ in 0..strings {
            let len = u32::try_from(reader.varint()?).map_err(|_| IndexError::Corrupt("text"))?;
            end = end.checked_add(len).ok_or(IndexError::Corrupt("text"))?;
            if !text.is_char_boundary(end as usize) {
                return Err(IndexError::Corrupt("text"));
            }
            ends.push(end);
        }
        if end as usize != text.len() {
            return Err(IndexError::Corrupt("text"));
        }
        index.strings = Strings {
            text: text.to_string(),
            ends,
        };
        for table in [&mut index.agencies, &mut index.codes] {
            let count = reader.count()?;
            for _ in 0..count {
                let name = std::str::from_utf8(reader.bytes()?)
                    .map_err(|_| IndexError::Corrupt("utf-8"))?;
                table.push(name.into());
            }
        }
        for code in &index.codes {
            // The code must make a valid 索引号 as it is (upper case, allowed characters).
            let text = format_index_no(code, 2000, 1);
            if IndexNo::parse(&text).map(|n| n.0) != Ok(text) {
                return Err(IndexError::Corrupt("索引号"));
            }
        }

        let count = reader.count()?;
        let live_flags = reader.slice(count)?;
        if live_flags.iter().any(|&b| b > 1) {
            return Err(IndexError::Corrupt("live"));
        }
        let live = live_flags.iter().filter(|&&b| b == 1).count();
        let mut docs = vec![Doc::dead(); live];
        let topics = reader.slice(live)?;
        let genres = reader.slice(live)?;
        let validities = reader.slice(live)?;
        for (n, doc) in docs.iter_mut().enumerate() {
            doc.live = true;
            doc.topic = topics[n];
            doc.genre = genres[n];
            doc.validity = validities[n];
            if Topic::from_ordinal(doc.topic).is_none()
                || Genre::from_ordinal(doc.genre).is_none()
                || Validity::from_ordinal(doc.validity).is_none()
            {
                return Err(IndexError::Corrupt("classification"));
            }
        }
        let (agencies, codes) = (index.agencies.len(), index.codes.len());
        for doc in &mut docs {
            doc.agency = reader.below(agencies, "agency")?;
        }
        for doc in &mut docs {
            doc.code = reader.below(codes, "索引号")?;
        }
        for doc in &mut docs {
            doc.year = u16::try_from(reader.varint()?)
                .ok()
                .filter(|y| (1949..=2199).contains(y))
                .ok_or(IndexError::Corrupt("索引号"))?;
        }
        for doc in &mut docs {
            doc.serial = u32::try_from(reader.varint()?)
                .ok()
                .filter(|s| (1..=99_999).contains(s))
                .ok_or(IndexError::Corrupt("索引号"))?;
        }
        let mut previous = 0i64;
        for doc in &mut docs {
            previous = reader.delta(previous)?;
            doc.days = i32::try_from(previous).map_err(|_| IndexError::Corrupt("date"))?;
        }
        let strings = index.strings.ends.len();
        for column in 0..4 {
            let mut previous = 0i64;
            for doc in &mut docs {
                previous = reader.delta(previous)?;
                let id = u32::try_from(previous)
                    .ok()
                    .filter(|id| (*id as usize) < strings)
                    .ok_or(IndexError::Corrupt("text"))?;
                match column {
                    0 => {
                        doc.title = id;
                        doc.head = title_head(index.strings.get(id));
                    }
                    1 => doc.doc_no = id,
                    2 => doc.keywords = id,
                    _ => doc.summary = id,
                }
            }
        }
        let mut docs = docs.into_iter();
        index.docs.reserve(count);
        for (number, &flag) in live_flags.iter().enumerate() {
            let doc = match flag {
                1 => docs.next().ok_or(IndexError::Corrupt("live"))?,
                _ => Doc::dead(),
            };
            if doc.live {
                let index_no = index.index_no(&doc);
                if index.find(&index_no).is_some() {
                    return Err(IndexError::Corrupt("duplicate 索引号"));
                }
                index.docs.push(doc);
                index.register(number as u32, index_no.as_str());
            } else {
                index.docs.push(doc);
                index.dead += 1;
            }
        }

        let documents = u32::try_from(count).map_err(|_| IndexError::Corrupt("count"))?;
        let grams = reader.count()?;
        let mut key = 0u64;
        let mut cjk = Vec::with_capacity(grams);
        for n in 0..grams {
            let delta = reader.varint()?;
            if n > 0 && delta == 0 {
                return Err(IndexError::Corrupt("key order"));
            }
            key = key.checked_add(delta).ok_or(IndexError::Corrupt("key"))?;
            cjk.push((key, reader.postings(documents)?));
        }
        // Keys are ascending: the tree is built in bulk.
        index.cjk = cjk.into_iter().collect();
        let words = reader.count()?;
        let mut word: Vec<u8> = Vec::new();
        let mut list = Vec::with_capacity(words);
        for n in 0..words {
            let shared = usize::try_from(reader.varint()?).map_err(|_| IndexError::Truncated)?;
            if shared > word.len() {
                return Err(IndexError::Corrupt("word"));
            }
            word.truncate(shared);
            word.extend_from_slice(reader.bytes()?);
            let text = std::str::from_utf8(&word).map_err(|_| IndexError::Corrupt("utf-8"))?;
            if n > 0
                && list
                    .last()
                    .is_some_and(|(w, _): &(Box<str>, _)| **w >= *text)
            {
                return Err(IndexError::Corrupt("word order"));
            }
            list.push((Box::<str>::from(text), reader.postings(documents)?));
        }
        index.words = list.into_iter().collect();
        if reader.at != body.len() {
            return Err(IndexError::Corrupt("trailing bytes"));
        }
        Ok(index)
    }
}

fn zigzag(value: i64) -> u64 {
    ((value << 1) ^ (value >> 63)) as u64
}

fn unzigzag(value: u64) -> i64 {
    ((value >> 1) as i64) ^ -((value & 1) as i64)
}

fn write_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    write_varint(out, bytes.len() as u64);
    out.extend_from_slice(bytes);
}

/// FNV-1a, 32 bits: catches a truncated or damaged IndexedDB value; not a security measure.
fn fnv1a(bytes: &[u8]) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in bytes {
        hash = (hash ^ u32::from(*byte)).wrapping_mul(0x0100_0193);
    }
    hash
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn varint(&mut self) -> Result<u64, IndexError> {
        read_varint(self.bytes, &mut self.at).ok_or(IndexError::Truncated)
    }

    /// A count, bounded by the bytes left (every counted item takes at least one byte), so a
    /// damaged count cannot make us reserve gigabytes.
    fn count(&mut self) -> Result<usize, IndexError> {
        let count = usize::try_from(self.varint()?).map_err(|_| IndexError::Corrupt("count"))?;
        if count > self.bytes.len().saturating_sub(self.at) {
            return Err(IndexError::Corrupt("count"));
        }
        Ok(count)
    }

    /// A number below `limit`.
    fn below(&mut self, limit: usize, what: &'static str) -> Result<u32, IndexError> {
        u32::try_from(self.varint()?)
            .ok()
            .filter(|n| (*n as usize) < limit)
            .ok_or(IndexError::Corrupt(what))
    }

    /// `previous` plus a zigzag delta.
    fn delta(&mut self, previous: i64) -> Result<i64, IndexError> {
        previous
            .checked_add(unzigzag(self.varint()?))
            .ok_or(IndexError::Corrupt("delta"))
    }

    fn slice(&mut self, len: usize) -> Result<&'a [u8], IndexError> {
        let end = self.at.checked_add(len).ok_or(IndexError::Truncated)?;
        let slice = self.bytes.get(self.at..end).ok_or(IndexError::Truncated)?;
        self.at = end;
        Ok(slice)
    }

    /// A length-prefixed byte string.
    fn bytes(&mut self) -> Result<&'a [u8], IndexError> {
        let len = usize::try_from(self.varint()?).map_err(|_| IndexError::Truncated)?;
        self.slice(len)
    }

    /// A posting list, checked against the number of documents.
    fn postings(&mut self, documents: u32) -> Result<Postings, IndexError> {
        let bytes = self.bytes()?;
        let mut postings = Postings {
            bytes: bytes.to_vec(),
            last: 0,
            len: 0,
        };
        let (mut last, mut len) = (0, 0u32);
        for (doc, _) in postings.iter() {
            last = doc;
            len = len.saturating_add(1);
        }
        postings.last = last;
        postings.len = len;
        if len == 0 || !postings.is_valid(documents) {
            return Err(IndexError::Corrupt("postings"));
        }
        Ok(postings)
    }
}
