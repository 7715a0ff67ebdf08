//! Throughput of the hot rules, natively: `cargo bench -p guichet-core --bench rules`.
//!
//! Not a statistical benchmark: it times a fixed number of calls and prints calls per second,
//! enough to see that validating a form or counting a deadline is never the slow part.

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use guichet_core::calendar::Calendar;
use guichet_core::validate::{DivisionCodes, credit_code, id_card, id_card_with};

/// Runs `f` repeatedly for about `budget` and prints the rate.
fn measure(name: &str, budget: Duration, mut f: impl FnMut(u64)) {
    // Warm up caches and the string table.
    for i in 0..1_000 {
        f(i);
    }
    let start = Instant::now();
    let mut calls: u64 = 0;
    while start.elapsed() < budget {
        for _ in 0..1_000 {
            f(calls);
            calls += 1;
        }
    }
    let elapsed = start.elapsed().as_secs_f64();
    println!(
        "{name:<44} {:>14.0} per second ({calls} calls in {elapsed:.2} s)",
        calls as f64 / elapsed
    );
}

fn main() {
    let budget = Duration::from_secs(2);
    let today = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap_or_default();
    let ids = [
        "11010519491231002X",
        "330102200001010018",
        "11010519491231002x",
        "110105194912310021",
    ];
    let codes = [
        "91350100M000100Y43",
        "91350100m000100y43",
        "91350100M000100Y44",
    ];
    let calendar = Calendar::embedded();
    let start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();

    measure("ID card validations (GB 11643)", budget, |i| {
        black_box(id_card(black_box(ids[(i % 4) as usize]), today).is_ok());
    });
    // The same numbers and the place: one binary search over the 17-byte records of the
    // division file (8,110 records), plus the numbers of the place check's own refusals.
    let Ok(divisions) = DivisionCodes::embedded() else {
        return;
    };
    let placed = [
        "11010519491231002X",
        "330102200001010018",
        "110199199001010010",
        "110103201201010020",
    ];
    measure(
        "ID card validations with the place (GB/T 2260)",
        budget,
        |i| {
            let number = black_box(placed[(i % 4) as usize]);
            black_box(id_card_with(number, today, Some(&divisions)).is_ok());
        },
    );
    let load = Instant::now();
    let rounds = 200;
    for _ in 0..rounds {
        black_box(
            DivisionCodes::parse(black_box(
                guichet_core::validate::EMBEDDED_DIVISIONS.to_vec(),
            ))
            .is_ok(),
        );
    }
    println!(
        "{:<44} {:>14.3} ms each ({rounds} rounds)",
        "division file checked (parse, 138 KB)",
        load.elapsed().as_secs_f64() * 1000.0 / f64::from(rounds)
    );
    measure("credit code validations (GB 32100)", budget, |i| {
        black_box(credit_code(black_box(codes[(i % 3) as usize])).is_ok());
    });
    measure("add_working_days(date, 20)", budget, |i| {
        let from = start + chrono::Duration::days((i % 365) as i64);
        black_box(calendar.add_working_days(black_box(from), 20).ok());
    });
    measure("working_days_between(date, date + 60)", budget, |i| {
        let from = start + chrono::Duration::days((i % 365) as i64);
        black_box(
            calendar.working_days_between(black_box(from), from + chrono::Duration::days(60)),
        );
    });
}
