//! Measures the window desk's queue, `GET /api/staff/queue`, through the router over N cases in
//! a fresh SQLite file in a temporary folder (demo items and accounts, cases written straight
//! into the database with real core histories: three in four closed, the rest spread over
//! pre-review, 补正 and running clocks with due dates over three months, applicants with names
//! and ID numbers). Each typical page (a department's open queue by deadline, a search by the
//! ID number's last four, by a name's beginning, a state + item filter newest first, the
//! overdue marker, a deep page) is asked `runs` times; prints the median and the maximum. Not a
//! test, nothing is asserted.
//!
//! ```sh
//! cargo run --release -p guichet-server --example queue_bench -- [cases] [runs]
//! ```

use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use chrono::{NaiveDate, NaiveTime};
use guichet_core::case::{Actor, Case, CaseType, EventKind};
use guichet_server::config::{Config, DatabaseTarget};
use guichet_server::{build_router, prepare, queue_store};
use serde_json::json;
use tower::ServiceExt;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

const SURNAMES: &[&str] = &["张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴"];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳",
];

/// A small deterministic generator (xorshift), so runs are comparable.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    let mut args = std::env::args().skip(1);
    let total: usize = args
        .next()
        .map(|a| a.parse())
        .transpose()?
        .unwrap_or(10_000);
    let runs: usize = args.next().map(|a| a.parse()).transpose()?.unwrap_or(30);

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
    let items: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT code, department_code, current_form_version FROM service_items
         WHERE case_type = 'promised' AND current_form_version IS NOT NULL ORDER BY code",
    )
    .fetch_all(&state.db)
    .await?;
    if items.is_empty() {
        return Err("no demo items".into());
    }
    let staff = Actor::Staff {
        id: "1".into(),
        department: "JT".into(),
    };
    let start = NaiveDate::from_ymd_opt(2026, 9, 1).ok_or("date")?;
    let nine = NaiveTime::from_hms_opt(9, 0, 0).ok_or("time")?;
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let written = Instant::now();
    let mut tx = state.db.begin().await?;
    for i in 0..total {
        let (item, department, version) = &items[rng.below(items.len())];
        let day = calendar.add_working_days(start, rng.below(65) as u32)?;
        let at = day.and_time(nine);
        let mut case = Case::submit(CaseType::Promised, Actor::Applicant, at);
        let step = |kind: EventKind, case: &mut Case| -> Result<(), BoxError> {
            case.apply(guichet_core::case::Event::new(kind, staff.clone(), at))?;
            Ok(())
        };
        match rng.below(16) {
            0..=11 => {
                step(EventKind::PassPreReview, &mut case)?;
                step(EventKind::Accept, &mut case)?;
                step(EventKind::StartProcessing, &mut case)?;
                step(EventKind::Approve, &mut case)?;
            }
            12 => {}
            13 => step(EventKind::RequestSupplement, &mut case)?,
            14 => {
                step(EventKind::PassPreReview, &mut case)?;
                step(EventKind::Accept, &mut case)?;
            }
            _ => {
                step(EventKind::PassPreReview, &mut case)?;
                step(EventKind::Accept, &mut case)?;
                step(EventKind::StartProcessing, &mut case)?;
            }
        }
        let due = case
            .clock(5)?
            .map(|clock| clock.status(&calendar, day))
            .transpose()?
            .and_then(|status| match status {
                guichet_core::case::ClockStatus::Running { due, .. }
                | guichet_core::case::ClockStatus::Overdue { due, .. } => Some(due),
                guichet_core::case::ClockStatus::Finished { due, .. } => due,
                guichet_core::case::ClockStatus::Paused { .. } => None,
            });
        let name = format!(
            "{}{}{}",
            SURNAMES[rng.below(SURNAMES.len())],
            GIVEN[rng.below(GIVEN.len())],
            GIVEN[rng.below(GIVEN.len())]
        );
        let last4 = format!("{:04}", rng.below(10_000));
        let case_id: i64 = sqlx::query_scalar(
            "INSERT INTO cases (case_no, client_id, item_code, form_version, department_code,
                 case_type, state, answers, content_hash, query_code_salt, query_code_hash,
                 history, received_at, applicant_name, id_last4, due_on)
             VALUES ($1, $2, $3, $4, $5, 'promised', $6, $7, '', '', '', $8, $9, $10, $11, $12)
             RETURNING id",
        )
        .bind(format!("{}-{department}-{i:06}", day.format("%Y%m%d")))
        .bind(format!("bench-queue-{i:07}"))
        .bind(item)
        .bind(version)
        .bind(department)
        .bind(case.state().code())
        .bind(json!({"name": name, "id_no": format!("41010219850612{last4}")}).to_string())
        .bind(serde_json::to_string(case.history())?)
        .bind(format!("{day}T01:{:02}:00.000Z", i % 60))
        .bind(&name)
        .bind(&last4)
        .bind(due.map(|d| d.to_string()))
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query("INSERT INTO case_departments (department_code, case_id) VALUES ($1, $2)")
            .bind(department)
            .bind(case_id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    sqlx::query("ANALYZE").execute(&state.db).await?;
    eprintln!("{total} cases written in {:?}", written.elapsed());
    let redate = Instant::now();
    let changed = queue_store::refresh_due_dates(&state.db, &calendar, chrono::Utc::now()).await?;
    eprintln!(
        "refresh_due_dates (start-up, calendar change): {:?} ({changed} changed)",
        redate.elapsed()
    );

    // The store's part alone (count, page of ids, loading the page's cases), as the center.
    let center = guichet_server::staff_store::login(
        &state.db,
        "zhongxin",
        "demo-admin-2026",
        chrono::Utc::now(),
    )
    .await?;
    if let guichet_server::staff_store::LoginOutcome::Success(center) = center {
        let filter = queue_store::Filter {
            limit: 50,
            ..queue_store::Filter::default()
        };
        let today = guichet_server::submissions_store::china_today(chrono::Utc::now());
        let mut times = Vec::new();
        for _ in 0..runs {
            let started = Instant::now();
            queue_store::page(
                &state.db,
                &filter,
                &center,
                &calendar,
                today,
                chrono::Utc::now(),
            )
            .await?;
            times.push(started.elapsed());
        }
        times.sort();
        println!(
            "store only, center open queue: median {:.2} ms",
            times[times.len() / 2].as_secs_f64() * 1000.0
        );
    }
    let router = build_router(state.clone());
    let cookie_of = |username: &'static str, password: &'static str| {
        let router = router.clone();
        async move {
            let login = router
                .oneshot(
                    Request::post("/api/staff/login")
                        .header(header::CONTENT_TYPE, "application/json")
                        .extension(axum::extract::ConnectInfo(
                            "127.0.0.1:9".parse::<std::net::SocketAddr>()?,
                        ))
                        .body(Body::from(
                            json!({"username": username, "password": password}).to_string(),
                        ))?,
                )
                .await?;
            login
                .headers()
                .get(header::SET_COOKIE)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.split(';').next())
                .map(str::to_owned)
                .ok_or_else(|| BoxError::from("no session cookie"))
        }
    };
    let admin = cookie_of("zhongxin", "demo-admin-2026").await?;
    let jt = cookie_of("jt", "demo-jt-2026").await?;
    let (item, _, _) = &items[0];
    let pages: Vec<(&str, &String, String)> = vec![
        (
            "JT: open queue, by deadline",
            &jt,
            "/api/staff/queue".into(),
        ),
        (
            "center: open queue, by deadline",
            &admin,
            "/api/staff/queue".into(),
        ),
        (
            "center: ID last four",
            &admin,
            "/api/staff/queue?q=1239".into(),
        ),
        (
            "center: name beginning 张伟",
            &admin,
            "/api/staff/queue?q=%E5%BC%A0%E4%BC%9F".into(),
        ),
        (
            "center: state + item, newest first",
            &admin,
            format!("/api/staff/queue?state=in_progress&item={item}&sort=received_desc"),
        ),
        (
            "center: overdue marker",
            &admin,
            "/api/staff/queue?marker=overdue".into(),
        ),
        (
            "center: page 40 by deadline",
            &admin,
            "/api/staff/queue?page=40".into(),
        ),
    ];
    println!("{total} cases, {runs} runs each: median / max (ms), rows total");
    for (label, cookie, path) in pages {
        let mut times: Vec<Duration> = Vec::with_capacity(runs);
        let mut found = 0;
        for _ in 0..runs {
            let started = Instant::now();
            let response = router
                .clone()
                .oneshot(
                    Request::get(&path)
                        .header(header::COOKIE, cookie.as_str())
                        .body(Body::empty())?,
                )
                .await?;
            let status = response.status();
            let body = axum::body::to_bytes(response.into_body(), usize::MAX).await?;
            times.push(started.elapsed());
            if status != StatusCode::OK {
                return Err(format!("{path}: {status}: {}", String::from_utf8_lossy(&body)).into());
            }
            found = serde_json::from_slice::<serde_json::Value>(&body)?["total"]
                .as_u64()
                .unwrap_or(0);
        }
        times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "{label:<36} {:>8.2} / {:>8.2}   {found}",
            ms(times[times.len() / 2]),
            ms(times[times.len() - 1])
        );
    }
    Ok(())
}
