//! Measures `POST /api/submissions` end to end: the real server on loopback, several
//! concurrent clients with keep-alive connections. Prints submissions per second and p50/p99
//! latency; not a test, nothing is asserted.
//!
//! - SQLite (default): a temporary file in WAL mode with `synchronous=FULL`, the production
//!   settings of `db::connect`.
//! - PostgreSQL: `GUICHET_BENCH_DATABASE_URL=postgres://…/empty_database`; with `instances`
//!   above 1, that many servers (each its own pool and its own 2-thread runtime, as separate
//!   processes would have) share the database, and every client sends its requests to them
//!   in turn (round-robin, one keep-alive connection to each).
//!
//! Clients come through a trusted proxy (loopback) that names a distinct address per client,
//! as a center's clients would, so the per-client limits apply as in production.
//!
//! ```sh
//! cargo run --profile server -p guichet-server --example submissions_bench -- [submissions] [clients] [instances]
//! ```

use std::time::{Duration, Instant};

use guichet_core::case::CaseType;
use guichet_core::form::{FormDefinition, submission_hash};
use guichet_core::service::{DepartmentRef, Fee, ServiceItem};
use guichet_server::config::{Config, DatabaseTarget};
use guichet_server::{build_router, prepare, serve, services_store};
use serde_json::json;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    let mut args = std::env::args().skip(1);
    let total: usize = args.next().map(|a| a.parse()).transpose()?.unwrap_or(2000);
    let clients: usize = args.next().map(|a| a.parse()).transpose()?.unwrap_or(8);
    let instances: usize = args.next().map(|a| a.parse()).transpose()?.unwrap_or(1);
    let database_url = std::env::var("GUICHET_BENCH_DATABASE_URL").ok();

    let dir = tempfile::tempdir()?;
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(&dist)?;
    std::fs::write(dist.join("index.html"), "<!DOCTYPE html><html></html>")?;
    let config = Config {
        listen: "127.0.0.1:0".parse()?,
        data_dir: dir.path().join("data"),
        database: match &database_url {
            Some(url) => DatabaseTarget::Url(url.clone()),
            None => DatabaseTarget::SqliteFile(dir.path().join("data").join("guichet.db")),
        },
        dist,
        demo: true,
        test_clock: false,
        upload_limits: Default::default(),
        http: Default::default(),
        file_store: Default::default(),
    };
    let state = prepare(&config).await?;
    publish_bench_item(&state.db).await?;
    let mut addrs = Vec::new();
    let mut stops = Vec::new();
    let mut servers = Vec::new();
    for _ in 0..instances {
        let (addr, stop, server) = start_instance(config.clone())?;
        addrs.push(addr);
        stops.push(stop);
        servers.push(server);
    }

    let started = Instant::now();
    let mut tasks = Vec::new();
    for client in 0..clients {
        let count = total / clients + usize::from(client < total % clients);
        tasks.push(tokio::spawn(run_client(addrs.clone(), client, count)));
    }
    let mut latencies = Vec::with_capacity(total);
    for task in tasks {
        latencies.extend(task.await??);
    }
    let elapsed = started.elapsed();
    for stop in stops {
        let _ = stop.send(());
    }
    for server in servers {
        server.join().map_err(|_| "an instance panicked")??;
    }

    let cases: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM cases")
        .fetch_one(&state.db)
        .await?;
    latencies.sort();
    let pct = |p: f64| {
        let index = ((latencies.len() as f64 - 1.0) * p).round() as usize;
        latencies.get(index).copied().unwrap_or_default()
    };
    println!(
        "submissions: {total} ({clients} concurrent clients, keep-alive, loopback, {instances} instance(s))"
    );
    println!("cases created: {cases}");
    match &database_url {
        Some(_) => println!("PostgreSQL: the database's own settings (see pg.sh)"),
        None => println!(
            "SQLite: WAL, synchronous=FULL, file in {}",
            dir.path().display()
        ),
    }
    println!("elapsed: {:.2} s", elapsed.as_secs_f64());
    println!(
        "throughput: {:.0} submissions/s",
        total as f64 / elapsed.as_secs_f64()
    );
    println!(
        "latency: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        ms(pct(0.50)),
        ms(pct(0.99)),
        ms(pct(1.0))
    );
    Ok(())
}

type Instance = (
    std::net::SocketAddr,
    std::sync::mpsc::Sender<()>,
    std::thread::JoinHandle<Result<(), BoxError>>,
);

/// Starts one server on its own thread and runtime, with its own pool: what a second process
/// would be, but for the address space.
fn start_instance(config: Config) -> Result<Instance, BoxError> {
    let (ready_tx, ready_rx) = std::sync::mpsc::channel();
    let (stop_tx, stop_rx) = std::sync::mpsc::channel::<()>();
    let thread = std::thread::spawn(move || -> Result<(), BoxError> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()?;
        runtime.block_on(async move {
            let proxies =
                guichet_server::client_addr::TrustedProxies::new(vec!["127.0.0.1".parse()?]);
            // The filing limit (30 per client per hour) still runs, set so high that it never
            // refuses: the benchmark measures filing, not refusal.
            let state = prepare(&config)
                .await?
                .with_trusted_proxies(proxies)
                .with_filings_per_hour(i64::MAX);
            let listener = tokio::net::TcpListener::bind(config.listen).await?;
            ready_tx.send(listener.local_addr()?)?;
            let stopped = tokio::task::spawn_blocking(move || {
                let _ = stop_rx.recv();
            });
            serve(listener, build_router(state), async {
                let _ = stopped.await;
            })
            .await?;
            Ok(())
        })
    });
    let addr = ready_rx.recv()?;
    Ok((addr, stop_tx, thread))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

async fn publish_bench_item(db: &guichet_server::db::Pool) -> Result<(), BoxError> {
    let item = ServiceItem {
        code: "JT-BENCH".into(),
        name: "压测事项".into(),
        department: DepartmentRef {
            code: "JT".into(),
            name: "县交通运输局".into(),
        },
        case_type: CaseType::Promised,
        legal_basis: vec!["《中华人民共和国道路运输条例》".into()],
        steps: vec!["申请".into(), "受理".into()],
        conditions: vec!["无".into()],
        materials: vec![],
        promised_days: 5,
        legal_days: 20,
        fee: Fee::Free,
        result: "许可证".into(),
        place: "县政务服务中心".into(),
        hours: "工作日".into(),
        telephone: "0371-62301003".into(),
        joint_departments: vec![],
        en: None,
        tags: Default::default(),
    };
    services_store::publish_item(db, &item, 0).await?;
    let form: FormDefinition = serde_json::from_value(json!({
        "item_code": "JT-BENCH", "version": 1,
        "sections": [{"id": "main", "title": {"zh": "申请信息"}, "fields": [
            {"id": "name", "label": {"zh": "姓名"}, "kind": "text", "required": true},
            {"id": "id_no", "label": {"zh": "身份证号码"}, "kind": "id_number", "required": true},
            {"id": "phone", "label": {"zh": "手机"}, "kind": "phone", "required": true, "mobile_only": true},
            {"id": "address", "label": {"zh": "住址"}, "kind": "address", "required": true},
            {"id": "vehicles", "label": {"zh": "车辆数"}, "kind": "number", "required": true, "min": 1, "integer": true},
            {"id": "scope", "label": {"zh": "经营范围"}, "kind": "multiline", "required": true}
        ]}]
    }))?;
    services_store::publish_form(db, &form).await?;
    Ok(())
}

/// One client: a keep-alive connection to each instance, posting `count` submissions one
/// after another to the instances in turn.
async fn run_client(
    addrs: Vec<std::net::SocketAddr>,
    client: usize,
    count: usize,
) -> Result<Vec<Duration>, BoxError> {
    let mut streams = Vec::new();
    for addr in &addrs {
        let stream = TcpStream::connect(addr).await?;
        stream.set_nodelay(true)?;
        streams.push(BufReader::new(stream));
    }
    // The address the proxy names for this client (one per client, 10.x.y.z).
    let forwarded = format!(
        "10.{}.{}.{}",
        (client >> 16) & 255,
        (client >> 8) & 255,
        client & 255
    );
    let mut latencies = Vec::with_capacity(count);
    for i in 0..count {
        let answers = json!({
            "name": "张三", "id_no": "11010519491231002X", "phone": "13800138000",
            "address": "城关镇人民路1号", "vehicles": (i % 50) + 1,
            "scope": "普通货运；货物专用运输（集装箱）"
        });
        let body = serde_json::to_vec(&json!({
            "client_id": format!("bench-{client:04}-{i:08}"),
            "item_code": "JT-BENCH", "form_version": 1, "answers": answers,
            "content_hash": submission_hash("JT-BENCH", 1, &answers),
        }))?;
        let turn = i % streams.len();
        let stream = &mut streams[turn];
        let head = format!(
            "POST /api/submissions HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nX-Forwarded-For: {forwarded}\r\nContent-Length: {}\r\n\r\n",
            addrs[turn],
            body.len()
        );
        let start = Instant::now();
        stream.get_mut().write_all(head.as_bytes()).await?;
        stream.get_mut().write_all(&body).await?;
        let status = read_response(stream).await?;
        latencies.push(start.elapsed());
        if status != 201 {
            return Err(format!("unexpected status {status}").into());
        }
    }
    Ok(latencies)
}

/// Reads one HTTP/1.1 response (status line, headers, Content-Length body); returns the status.
async fn read_response(stream: &mut BufReader<TcpStream>) -> Result<u16, BoxError> {
    let mut line = String::new();
    stream.read_line(&mut line).await?;
    let status: u16 = line
        .split_whitespace()
        .nth(1)
        .ok_or("no status line")?
        .parse()?;
    let mut length = 0usize;
    loop {
        line.clear();
        stream.read_line(&mut line).await?;
        let trimmed = line.trim_end();
        if trimmed.is_empty() {
            break;
        }
        if let Some((name, value)) = trimmed.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse()?;
        }
    }
    let mut body = vec![0u8; length];
    stream.read_exact(&mut body).await?;
    Ok(status)
}
