//! A sort for the short lists of the browser's code paths (an object's keys, a bundle's strings
//! at start-up): the standard library's sorts are fast on long lists but weigh ~3 KB of wasm
//! for every element type they sort, and the forms bundle sorted five types.

/// Sorts `items` in place, stable, by `less`: an insertion sort, quadratic, so for lists of a
/// few hundred items at most.
pub fn insertion_sort_by<T>(items: &mut [T], mut less: impl FnMut(&T, &T) -> bool) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && less(&items[j], &items[j - 1]) {
            items.swap(j, j - 1);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::insertion_sort_by;

    #[test]
    fn sorts_as_the_standard_stable_sort() {
        let mut seed: u32 = 12345;
        for len in 0..60 {
            let mut items: Vec<(u32, usize)> = (0..len)
                .map(|i| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
                    ((seed >> 16) % 7, i)
                })
                .collect();
            let mut expected = items.clone();
            expected.sort_by_key(|item| item.0);
            insertion_sort_by(&mut items, |a, b| a.0 < b.0);
            assert_eq!(items, expected);
        }
    }
}
