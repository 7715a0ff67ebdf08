//! Measures the annual report's table 三 as an agency's staff get it: `GET
//! /api/staff/disclosure/annual/{year}` through the router, which loads every request of the
//! agency from SQLite, replays each one's events with the core (`DisclosureRequest::from_events`)
//! and counts the table. The requests are written straight into a temporary database first
//! (receipts over 2026, one in four still open, the rest answered, supplemented, extended or
//! withdrawn), so only the read is timed. Prints the median and maximum of the runs; not a
//! test, nothing is asserted.
//!
//! ```sh
//! cargo run --release -p guichet-server --example annual_table_bench -- [requests] [runs]
//! ```

use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use chrono::NaiveDate;
use guichet_core::disclosure::annual_report::{NotHandledReason, WithheldReason};
use guichet_core::disclosure::{DisclosureEvent, Reply};
use guichet_server::config::{Config, DatabaseTarget};
use guichet_server::{build_router, prepare};
use serde_json::json;
use tower::ServiceExt;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// 县教育局, whose officer `gk-jy` the demo creates.
const AGENCY: &str = "11331024002497839G";

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    let mut args = std::env::args().skip(1);
    let total: usize = args
        .next()
        .map(|a| a.parse())
        .transpose()?
        .unwrap_or(10_000);
    let runs: usize = args.next().map(|a| a.parse()).transpose()?.unwrap_or(20);

    let dir = tempfile::tempdir()?;
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(&dist)?;
    std::fs::write(dist.join("index.html"), "<!DOCTYPE html><html></html>")?;
    let config = Config {
        listen: "127.0.0.1:0".parse()?,
        data_dir: dir.path().join("data"),
        database: DatabaseTarget::SqliteFile(dir.path().join("data").join("guichet.db")),
        dist,
        demo: true,
        test_clock: false,
        upload_limits: Default::default(),
        http: Default::default(),
        file_store: Default::default(),
    };
    let state = prepare(&config).await?;
    let calendar = state.calendar.current().calendar.clone();
    let written = Instant::now();
    let mut tx = state.db.begin().await?;
    let start = NaiveDate::from_ymd_opt(2026, 1, 5).ok_or("date")?;
    for i in 0..total {
        let received = calendar.add_working_days(start, (i % 200) as u32)?;
        let later = |n: u32| calendar.add_working_days(received, n);
        let events = match i % 8 {
            0 | 1 => vec![],
            2 => vec![DisclosureEvent::Answered {
                on: later(10)?,
                reply: Reply::Disclosed,
            }],
            3 => vec![
                DisclosureEvent::SupplementRequested { on: later(3)? },
                DisclosureEvent::SupplementReceived { on: later(8)? },
                DisclosureEvent::Answered {
                    on: later(20)?,
                    reply: Reply::PartlyDisclosed {
                        reason: WithheldReason::ThirdPartyRights,
                        basis: "第十五条".into(),
                    },
                },
            ],
            4 => vec![
                DisclosureEvent::Extended {
                    on: later(15)?,
                    working_days: 20,
                },
                DisclosureEvent::Answered {
                    on: later(35)?,
                    reply: Reply::NotHandled {
                        reason: NotHandledReason::Repeated,
                    },
                },
            ],
            5 => vec![
                DisclosureEvent::ConsultationStarted { on: later(5)? },
                DisclosureEvent::ConsultationEnded { on: later(12)? },
                DisclosureEvent::Answered {
                    on: later(18)?,
                    reply: Reply::NotHeld { right_agency: None },
                },
            ],
            6 => vec![DisclosureEvent::Withdrawn { on: later(4)? }],
            _ => vec![
                DisclosureEvent::SupplementRequested { on: later(2)? },
                DisclosureEvent::SupplementNotProvided { on: later(25)? },
            ],
        };
        let case_id: i64 = sqlx::query_scalar(
            "INSERT INTO cases (case_no, client_id, item_code, form_version, department_code,
                 case_type, state, answers, content_hash, query_code_salt, query_code_hash,
                 history, received_at)
             VALUES ($1, $2, 'YSQGK', 1, 'GK', 'disclosure', 'submitted', '{}', '', '', '', '[]', $3)
             RETURNING id",
        )
        .bind(format!("BENCH-GK-{i:06}"))
        .bind(format!("bench-annual-{i:06}"))
        .bind(format!("{received}T02:00:00.000Z"))
        .fetch_one(&mut *tx)
        .await?;
        let category = [
            "natural_person",
            "commercial",
            "research",
            "other_organisation",
        ][i % 4];
        sqlx::query(
            "INSERT INTO disclosure_requests (case_id, agency_code, channel, counted_from,
                 applicant_category, applicant, description, events, closed, updated_at)
             VALUES ($1, $2, 'online', $3, $4, '申请人', '某文件', $5, $6, '')",
        )
        .bind(case_id)
        .bind(AGENCY)
        .bind(received.to_string())
        .bind(category)
        .bind(serde_json::to_string(&events)?)
        .bind(i64::from(!events.is_empty()))
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    eprintln!("{total} requests written in {:?}", written.elapsed());

    let router = build_router(state.clone());
    let login = router
        .clone()
        .oneshot(
            Request::post("/api/staff/login")
                .header(header::CONTENT_TYPE, "application/json")
                .extension(axum::extract::ConnectInfo(
                    "127.0.0.1:9".parse::<std::net::SocketAddr>()?,
                ))
                .body(Body::from(
                    json!({"username": "gk-jy", "password": "demo-gk-jy-2026"}).to_string(),
                ))?,
        )
        .await?;
    let cookie = login
        .headers()
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .ok_or("no session cookie")?
        .to_owned();
    let mut times: Vec<Duration> = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        let response = router
            .clone()
            .oneshot(
                Request::get("/api/staff/disclosure/annual/2026")
                    .header(header::COOKIE, &cookie)
                    .extension(axum::extract::ConnectInfo(
                        "127.0.0.1:9".parse::<std::net::SocketAddr>()?,
                    ))
                    .body(Body::empty())?,
            )
            .await?;
        let status = response.status();
        let _ = axum::body::to_bytes(response.into_body(), usize::MAX).await?;
        times.push(started.elapsed());
        if status != StatusCode::OK {
            return Err(format!("annual table answered {status}").into());
        }
    }
    times.sort();
    let median = times[times.len() / 2];
    let max = times[times.len() - 1];
    println!(
        "annual table of {total} requests (load + replay + count, through the router): \
         median {:.1} ms, max {:.1} ms over {runs} runs",
        median.as_secs_f64() * 1000.0,
        max.as_secs_f64() * 1000.0
    );
    Ok(())
}
