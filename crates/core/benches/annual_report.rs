//! How long the 政府信息公开年度报告's table 三 takes to count, natively:
//! `cargo bench -p guichet-core --bench annual_report`. Prints the median of 50 runs over 10,000
//! and 100,000 generated requests (receipts over two years, outcomes of every kind).

use std::hint::black_box;
use std::time::Instant;

use chrono::{Duration, NaiveDate};
use guichet_core::disclosure::annual_report::{
    AnnualTable, ApplicantCategory, CannotProvideReason, NotHandledReason, OtherReason, Outcome,
    RequestFacts, WithheldReason,
};

fn requests(count: u64) -> Vec<RequestFacts> {
    let origin = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap_or_default();
    let outcomes = [
        Outcome::Disclosed,
        Outcome::PartlyDisclosed,
        Outcome::Withheld(WithheldReason::ThirdPartyRights),
        Outcome::CannotProvide(CannotProvideReason::NotHeld),
        Outcome::NotHandled(NotHandledReason::Repeated),
        Outcome::Other(OtherReason::NoSupplement),
    ];
    // A small linear congruential generator: the same requests on every run.
    let mut state: u64 = 0x2026_1202;
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        state >> 33
    };
    (0..count)
        .map(|_| {
            let received_on = origin + Duration::days((next() % 600) as i64);
            let answered = next() % 10 != 0;
            RequestFacts {
                applicant: ApplicantCategory::ALL[(next() % 6) as usize],
                received_on,
                outcome: answered.then(|| {
                    (
                        received_on + Duration::days((next() % 40) as i64),
                        outcomes[(next() % 6) as usize],
                    )
                }),
            }
        })
        .collect()
}

fn main() {
    for count in [10_000u64, 100_000] {
        let all = requests(count);
        let mut times: Vec<f64> = (0..50)
            .map(|_| {
                let start = Instant::now();
                black_box(AnnualTable::compute(2026, black_box(&all)));
                start.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        times.sort_by(f64::total_cmp);
        println!(
            "annual table 三 for 2026 over {count:>7} requests: median {:.3} ms, max {:.3} ms",
            times[times.len() / 2],
            times[times.len() - 1]
        );
    }
}
