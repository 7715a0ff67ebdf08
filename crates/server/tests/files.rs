//! The file store (issue 19), each test on both backends — the local folder and the database
//! — over SQLite, and over PostgreSQL with `GUICHET_TEST_POSTGRES`: downloads streamed whole
//! and by ranges with their name, type and `nosniff`; who may read a file (staff who see the
//! case, the holder of its query code, anyone for a published catalog attachment; everyone
//! else 404); resumable uploads through a drop, a wrong offset, a wrong hash and the limits;
//! and two instances on one database with the database store (upload through one, read
//! through the other).

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use guichet_core::case::CaseType;
use guichet_core::form::{FormDefinition, sha256_hex, submission_hash};
use guichet_server::file_store::FileStoreKind;
use guichet_server::upload_quota::UploadLimits;
use guichet_server::{AppState, build_router, prepare, services_store};
use serde_json::json;

mod common;

use common::{GA, JT, Reply, Session, TestApp, login, send, staff_get};

const BOTH: [FileStoreKind; 2] = [FileStoreKind::Local, FileStoreKind::Database];

/// A demo server keeping files in `kind`, with item JT-FILE whose form (version 2) has a
/// file field `doc` taking PDF and PNG up to 20 MB.
async fn app_on(kind: FileStoreKind, limits: UploadLimits) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let mut config = common::test_config(dir.path(), true);
    config.file_store = kind;
    config.upload_limits = limits;
    let state = prepare(&config).await.unwrap();
    publish_file_item(&state).await;
    let router = build_router(state.clone());
    TestApp { dir, state, router }
}

async fn publish_file_item(state: &AppState) {
    common::publish_item(state, "JT-FILE", CaseType::Promised, &[]).await;
    let form: FormDefinition = serde_json::from_value(json!({
        "item_code": "JT-FILE", "version": 2,
        "sections": [{"id": "main", "title": {"zh": "申请信息"}, "fields": [
            {"id": "name", "label": {"zh": "姓名"}, "kind": "text", "required": true},
            {"id": "doc", "label": {"zh": "材料"}, "kind": "file",
             "accept": ["application/pdf", "image/png"], "max_bytes": 20971520, "max_count": 5}
        ]}]
    }))
    .unwrap();
    services_store::publish_form(&state.db, &form)
        .await
        .unwrap();
}

/// A distinct PDF of `size` bytes (its bytes after the signature say `n`, then vary).
fn pdf(n: u32, size: usize) -> Vec<u8> {
    let mut bytes = b"%PDF-1.4\n".to_vec();
    bytes.extend_from_slice(&n.to_be_bytes());
    let mut x: u32 = n.wrapping_mul(2_654_435_761).wrapping_add(1);
    while bytes.len() < size {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        bytes.push((x & 0xff) as u8);
    }
    bytes.truncate(size);
    bytes
}

fn from_ip(mut request: Request<Body>, ip: &str) -> Request<Body> {
    let addr: SocketAddr = format!("{ip}:40000").parse().unwrap();
    request.extensions_mut().insert(ConnectInfo(addr));
    request
}

/// `POST /api/uploads` of `bytes` for field `doc`: the upload id.
async fn upload(router: &Router, bytes: &[u8]) -> String {
    let request = Request::post("/api/uploads?item_code=JT-FILE&form_version=2&field_id=doc")
        .header(header::CONTENT_LENGTH, bytes.len())
        .body(Body::from(bytes.to_vec()))
        .unwrap();
    let reply = send(router, from_ip(request, "10.9.0.1")).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.json());
    reply.json()["upload_id"].as_str().unwrap().to_owned()
}

/// Submits a JT-FILE case whose `doc` is upload `id` (`bytes` long) named `name`: (case
/// number, query code).
async fn submit_with(
    router: &Router,
    client_id: &str,
    id: &str,
    size: usize,
    name: &str,
) -> (String, String) {
    let answers = json!({"name": "张三", "doc": [
        {"upload_id": id, "name": name, "media_type": "application/pdf", "size": size}
    ]});
    let hash = submission_hash("JT-FILE", 2, &answers);
    let reply = common::post(
        router,
        "/api/submissions",
        json!({"client_id": client_id, "item_code": "JT-FILE", "form_version": 2,
               "answers": answers, "content_hash": hash}),
    )
    .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.json());
    let body = reply.json();
    (
        body["case_no"].as_str().unwrap().to_owned(),
        body["query_code"].as_str().unwrap().to_owned(),
    )
}

async fn staff_get_with(
    router: &Router,
    session: &Session,
    path: &str,
    headers: &[(&str, &str)],
) -> Reply {
    let mut request = Request::get(path).header(header::COOKIE, &session.cookie);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    send(router, request.body(Body::empty()).unwrap()).await
}

async fn citizen_get(router: &Router, case_no: &str, code: &str, id: &str) -> Reply {
    let request = Request::get(format!("/api/cases/{case_no}/files/{id}"))
        .header("x-query-code", code)
        .body(Body::empty())
        .unwrap();
    send(router, from_ip(request, "10.9.0.2")).await
}

#[tokio::test]
async fn downloads_are_streamed_whole_and_by_ranges_with_their_name() {
    for kind in BOTH {
        let t = app_on(kind, UploadLimits::default()).await;
        // Several pieces of the store, and not a whole number of them.
        let bytes = pdf(1, 600_001);
        let id = upload(&t.router, &bytes).await;
        assert_eq!(id, sha256_hex(&bytes));
        let (case_no, _) = submit_with(
            &t.router,
            "files-dl-1",
            &id,
            bytes.len(),
            "营业执照 副本.pdf",
        )
        .await;
        let jt = login(&t.router, JT.0, JT.1).await;
        let url = format!("/api/staff/cases/{case_no}/files/{id}");

        let whole = staff_get(&t.router, &jt, &url).await;
        assert_eq!(whole.status, StatusCode::OK, "{kind:?}");
        assert_eq!(whole.body.as_ref(), bytes.as_slice(), "{kind:?}");
        assert_eq!(whole.header(header::CONTENT_LENGTH), "600001");
        assert_eq!(whole.header(header::CONTENT_TYPE), "application/pdf");
        assert_eq!(whole.header(header::X_CONTENT_TYPE_OPTIONS), "nosniff");
        assert_eq!(whole.header(header::ACCEPT_RANGES), "bytes");
        assert_eq!(whole.header(header::ETAG), format!("\"{id}\""));
        assert_eq!(
            whole.header(header::CONTENT_DISPOSITION),
            "inline; filename=\"____ __.pdf\"; filename*=UTF-8''\
             %E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7%20%E5%89%AF%E6%9C%AC.pdf"
        );

        // A span across two pieces.
        let span = staff_get_with(&t.router, &jt, &url, &[("range", "bytes=262100-262299")]).await;
        assert_eq!(span.status, StatusCode::PARTIAL_CONTENT, "{kind:?}");
        assert_eq!(span.body.as_ref(), &bytes[262_100..262_300]);
        assert_eq!(
            span.header(header::CONTENT_RANGE),
            "bytes 262100-262299/600001"
        );
        assert_eq!(span.header(header::CONTENT_LENGTH), "200");
        // The rest from an offset (a resumed download), and the last bytes.
        let rest = staff_get_with(&t.router, &jt, &url, &[("range", "bytes=500000-")]).await;
        assert_eq!(rest.status, StatusCode::PARTIAL_CONTENT);
        assert_eq!(rest.body.as_ref(), &bytes[500_000..]);
        let tail = staff_get_with(&t.router, &jt, &url, &[("range", "bytes=-10")]).await;
        assert_eq!(tail.body.as_ref(), &bytes[bytes.len() - 10..]);
        // Past the end: 416 with the size.
        let past = staff_get_with(&t.router, &jt, &url, &[("range", "bytes=600001-")]).await;
        assert_eq!(past.status, StatusCode::RANGE_NOT_SATISFIABLE);
        assert_eq!(past.header(header::CONTENT_RANGE), "bytes */600001");
        // If-Range naming other bytes: the whole file.
        let changed = staff_get_with(
            &t.router,
            &jt,
            &url,
            &[("range", "bytes=0-9"), ("if-range", "\"other\"")],
        )
        .await;
        assert_eq!(changed.status, StatusCode::OK);
        assert_eq!(changed.body.len(), bytes.len());
        let same = staff_get_with(
            &t.router,
            &jt,
            &url,
            &[("range", "bytes=0-9"), ("if-range", &format!("\"{id}\""))],
        )
        .await;
        assert_eq!(same.status, StatusCode::PARTIAL_CONTENT);
        assert_eq!(same.body.as_ref(), &bytes[..10]);

        // Where the bytes are: the folder, or the database and not the folder.
        let on_disk = t.state.uploads_dir.join(&id[..2]).join(&id).exists();
        let pieces: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM file_blobs WHERE sha256 = $1")
            .bind(&id)
            .fetch_one(&t.state.db)
            .await
            .unwrap();
        match kind {
            FileStoreKind::Local => assert!(on_disk && pieces == 0),
            FileStoreKind::Database => assert!(!on_disk && pieces == 3, "{pieces}"),
        }
    }
}

#[tokio::test]
async fn only_those_who_may_see_a_case_read_its_files() {
    for kind in BOTH {
        let t = app_on(kind, UploadLimits::default()).await;
        let bytes = pdf(2, 5_000);
        let id = upload(&t.router, &bytes).await;
        let (case_no, code) =
            submit_with(&t.router, "files-who-1", &id, bytes.len(), "申请书.pdf").await;
        let theirs = pdf(13, 1_000);
        let their_id = upload(&t.router, &theirs).await;
        let (other_case, other_code) =
            submit_with(&t.router, "files-who-2", &their_id, theirs.len(), "b.pdf").await;
        let url = format!("/api/staff/cases/{case_no}/files/{id}");

        // Staff of the department that sees the case.
        let jt = login(&t.router, JT.0, JT.1).await;
        assert_eq!(staff_get(&t.router, &jt, &url).await.status, StatusCode::OK);
        // Another department's staff: nothing here.
        let ga = login(&t.router, GA.0, GA.1).await;
        assert_eq!(
            staff_get(&t.router, &ga, &url).await.status,
            StatusCode::NOT_FOUND
        );
        // Nobody signed in: no file.
        let anonymous = send(&t.router, Request::get(&url).body(Body::empty()).unwrap()).await;
        assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
        assert!(anonymous.body.len() < 1_000);

        // The citizen holding the query code: their own file.
        let own = citizen_get(&t.router, &case_no, &code, &id).await;
        assert_eq!(own.status, StatusCode::OK, "{kind:?}");
        assert_eq!(own.body.as_ref(), bytes.as_slice());
        assert_eq!(own.header(header::CACHE_CONTROL), "private, no-store");
        // A wrong code, another case's code, or this file through another case: 404.
        let wrong = citizen_get(&t.router, &case_no, "AAAA-BBBB-CCCC", &id).await;
        assert_eq!(wrong.status, StatusCode::NOT_FOUND);
        let crossed = citizen_get(&t.router, &case_no, &other_code, &id).await;
        assert_eq!(crossed.status, StatusCode::NOT_FOUND);
        let elsewhere = citizen_get(&t.router, &other_case, &other_code, &id).await;
        assert_eq!(elsewhere.status, StatusCode::NOT_FOUND);
        // An id the case does not name, even a stored one: 404.
        let stranger = upload(&t.router, &pdf(3, 4_000)).await;
        let unnamed = citizen_get(&t.router, &case_no, &code, &stranger).await;
        assert_eq!(unnamed.status, StatusCode::NOT_FOUND);
        let unnamed = staff_get(
            &t.router,
            &jt,
            &format!("/api/staff/cases/{case_no}/files/{stranger}"),
        )
        .await;
        assert_eq!(unnamed.status, StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn a_published_catalog_attachment_is_for_anyone() {
    for kind in BOTH {
        let t = app_on(kind, UploadLimits::default()).await;
        let jy = login(&t.router, "gk-jy", "demo-gk-jy-2026").await;
        let bytes = pdf(4, 300_000);
        let request = Request::post("/api/staff/catalog/files?name=%E9%99%84%E4%BB%B6.pdf")
            .header(header::COOKIE, &jy.cookie)
            .header("x-csrf-token", &jy.csrf)
            .header(header::CONTENT_LENGTH, bytes.len())
            .body(Body::from(bytes.clone()))
            .unwrap();
        let reply = send(&t.router, request).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.json());
        let file = reply.json();
        let entry = json!({
            "title": "附件测试", "doc_no": "县教发〔2026〕19号", "issued_on": "2026-03-02",
            "topic": "science_education", "genre": "circular", "keywords": "附件",
            "summary": "概述", "body_text": "正文。",
            "files": [{"id": file["id"], "name": "附件.pdf"}],
        });
        let reply = common::staff_post(&t.router, &jy, "/api/staff/catalog/entries", entry).await;
        assert!(reply.status.is_success(), "{}", reply.json());
        let index_no = reply.json()["index_no"].as_str().unwrap().to_owned();
        let path = format!("/api/catalog/attachment?index_no={index_no}&n=0");
        let public = send(&t.router, Request::get(&path).body(Body::empty()).unwrap()).await;
        assert_eq!(public.status, StatusCode::OK, "{kind:?}");
        assert_eq!(public.body.as_ref(), bytes.as_slice());
        assert_eq!(public.header(header::CACHE_CONTROL), "public, max-age=300");
        let ranged = send(
            &t.router,
            Request::get(&path)
                .header("range", "bytes=100-199")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(ranged.status, StatusCode::PARTIAL_CONTENT);
        assert_eq!(ranged.body.as_ref(), &bytes[100..200]);
        // No entry's second attachment, and no entry: 404.
        let none = format!("/api/catalog/attachment?index_no={index_no}&n=1");
        let none = send(&t.router, Request::get(&none).body(Body::empty()).unwrap()).await;
        assert_eq!(none.status, StatusCode::NOT_FOUND);
    }
}

// ------------------------------------------------------------------ resumable uploads

/// A request body that sends `pieces` and then fails, as a connection cut mid-body does.
struct CutBody {
    pieces: VecDeque<Bytes>,
    cut: bool,
}

impl http_body::Body for CutBody {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, std::io::Error>>> {
        match self.pieces.pop_front() {
            Some(piece) => Poll::Ready(Some(Ok(http_body::Frame::data(piece)))),
            None if self.cut => {
                self.cut = false;
                Poll::Ready(Some(Err(std::io::Error::new(
                    std::io::ErrorKind::ConnectionReset,
                    "cut",
                ))))
            }
            None => Poll::Ready(None),
        }
    }
}

async fn create(router: &Router, bytes: &[u8], ip: &str) -> Reply {
    let body = json!({"item_code": "JT-FILE", "form_version": 2, "field_id": "doc",
                      "size": bytes.len(), "sha256": sha256_hex(bytes)});
    send(
        router,
        common::post_from("/api/uploads/resumable", &body, ip),
    )
    .await
}

async fn patch(router: &Router, id: &str, offset: u64, body: Body) -> Reply {
    let request = Request::patch(format!("/api/uploads/resumable/{id}"))
        .header("upload-offset", offset.to_string())
        .body(body)
        .unwrap();
    send(router, request).await
}

async fn offset_of(router: &Router, id: &str) -> Reply {
    let request = Request::head(format!("/api/uploads/resumable/{id}"))
        .body(Body::empty())
        .unwrap();
    send(router, request).await
}

async fn finish(router: &Router, id: &str) -> Reply {
    let request = Request::post(format!("/api/uploads/resumable/{id}/finish"))
        .body(Body::empty())
        .unwrap();
    send(router, request).await
}

#[tokio::test]
async fn a_resumable_upload_survives_a_drop_and_is_checked_whole() {
    for kind in BOTH {
        let t = app_on(kind, UploadLimits::default()).await;
        let bytes = pdf(5, 1_000_000);
        let created = create(&t.router, &bytes, "10.9.1.1").await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.json());
        let id = created.json()["id"].as_str().unwrap().to_owned();
        assert_eq!(created.json()["offset"], 0);

        // 400,000 bytes sent in 50,000-byte frames, then the line drops.
        let pieces: VecDeque<Bytes> = bytes[..400_000]
            .chunks(50_000)
            .map(Bytes::copy_from_slice)
            .collect();
        let body = Body::new(CutBody { pieces, cut: true });
        let _ = patch(&t.router, &id, 0, body).await;
        // What arrived is kept: the app asks, and sends the rest from there.
        let asked = offset_of(&t.router, &id).await;
        assert_eq!(asked.status, StatusCode::OK);
        assert_eq!(
            asked.header("upload-offset".parse().unwrap()),
            "400000",
            "{kind:?}"
        );
        assert_eq!(asked.header("upload-length".parse().unwrap()), "1000000");

        // A piece for the wrong offset: 409 with where it stands, nothing kept.
        let wrong = patch(&t.router, &id, 0, Body::from(bytes[..1000].to_vec())).await;
        assert_eq!(wrong.status, StatusCode::CONFLICT);
        assert_eq!(wrong.json()["error"]["offset"], 400_000);
        assert_eq!(wrong.header("upload-offset".parse().unwrap()), "400000");
        // Finishing early: 409, bytes missing.
        assert_eq!(finish(&t.router, &id).await.status, StatusCode::CONFLICT);
        // More than announced: 413, and what fitted before is kept.
        let mut too_much = bytes[400_000..].to_vec();
        too_much.extend_from_slice(b"extra");
        let over = patch(&t.router, &id, 400_000, Body::from(too_much)).await;
        assert_eq!(over.status, StatusCode::PAYLOAD_TOO_LARGE);
        let at: u64 = over
            .header("upload-offset".parse().unwrap())
            .parse()
            .unwrap();

        let rest = patch(
            &t.router,
            &id,
            at,
            Body::from(bytes[at as usize..].to_vec()),
        )
        .await;
        assert_eq!(rest.status, StatusCode::NO_CONTENT, "{kind:?}");
        assert_eq!(rest.header("upload-offset".parse().unwrap()), "1000000");
        let done = finish(&t.router, &id).await;
        assert_eq!(done.status, StatusCode::CREATED, "{}", done.json());
        let upload_id = done.json()["upload_id"].as_str().unwrap().to_owned();
        assert_eq!(upload_id, sha256_hex(&bytes));
        assert_eq!(done.json()["media_type"], "application/pdf");
        assert_eq!(done.json()["size"], 1_000_000);
        // The upload is gone; the file is what was sent, whole.
        assert_eq!(
            offset_of(&t.router, &id).await.status,
            StatusCode::NOT_FOUND
        );
        let (case_no, code) = submit_with(
            &t.router,
            "files-resume-1",
            &upload_id,
            bytes.len(),
            "扫描件.pdf",
        )
        .await;
        let back = citizen_get(&t.router, &case_no, &code, &upload_id).await;
        assert_eq!(back.status, StatusCode::OK);
        assert!(
            back.body.as_ref() == bytes.as_slice(),
            "{kind:?}: bytes differ"
        );

        // The same bytes again: already there, nothing to send.
        let again = create(&t.router, &bytes, "10.9.1.1").await;
        assert_eq!(again.status, StatusCode::OK, "{}", again.json());
        assert_eq!(again.json()["upload"]["upload_id"], upload_id.as_str());
    }
}

#[tokio::test]
async fn a_resumable_upload_with_the_wrong_hash_or_type_does_not_count() {
    for kind in BOTH {
        let t = app_on(kind, UploadLimits::default()).await;
        let bytes = pdf(6, 70_000);
        // Announced with another file's SHA-256.
        let body = json!({"item_code": "JT-FILE", "form_version": 2, "field_id": "doc",
                          "size": bytes.len(), "sha256": sha256_hex(b"something else")});
        let created = send(
            &t.router,
            common::post_from("/api/uploads/resumable", &body, "10.9.2.1"),
        )
        .await;
        let id = created.json()["id"].as_str().unwrap().to_owned();
        assert_eq!(
            patch(&t.router, &id, 0, Body::from(bytes.clone()))
                .await
                .status,
            StatusCode::NO_CONTENT
        );
        let refused = finish(&t.router, &id).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        let message = refused.json()["error"]["fields"]["file"]
            .as_str()
            .unwrap()
            .to_owned();
        assert!(message.contains("重新上传"), "{message}");
        // Forgotten, and nothing stored or counted.
        assert_eq!(
            offset_of(&t.router, &id).await.status,
            StatusCode::NOT_FOUND
        );
        assert!(!t.state.files.contains(&sha256_hex(&bytes)).await.unwrap());
        assert_eq!(
            guichet_server::upload_quota::stored_bytes(&t.state.db)
                .await
                .unwrap(),
            0
        );

        // A text file announced honestly: refused by its content.
        let text = b"just some text, not a PDF".to_vec();
        let created = create(&t.router, &text, "10.9.2.1").await;
        let id = created.json()["id"].as_str().unwrap().to_owned();
        patch(&t.router, &id, 0, Body::from(text.clone())).await;
        assert_eq!(
            finish(&t.router, &id).await.status,
            StatusCode::UNSUPPORTED_MEDIA_TYPE
        );
        assert_eq!(
            offset_of(&t.router, &id).await.status,
            StatusCode::NOT_FOUND
        );
    }
}

#[tokio::test]
async fn resumable_uploads_keep_the_limits() {
    for kind in BOTH {
        let limits = UploadLimits {
            files_per_hour: 2,
            bytes_per_hour: 10_000_000,
            budget_bytes: 150_000,
        };
        let t = app_on(kind, limits).await;
        // Over the field's limit: refused before a byte is sent, with the limit in words.
        let body = json!({"item_code": "JT-FILE", "form_version": 2, "field_id": "doc",
                          "size": 21 * 1024 * 1024, "sha256": "0".repeat(64)});
        let big = send(
            &t.router,
            common::post_from("/api/uploads/resumable", &body, "10.9.3.1"),
        )
        .await;
        assert_eq!(big.status, StatusCode::PAYLOAD_TOO_LARGE);
        let message = big.json()["error"]["fields"]["file"]
            .as_str()
            .unwrap()
            .to_owned();
        assert!(
            message.contains("20") && message.contains("21"),
            "{message}"
        );
        // Not a file field.
        let body = json!({"item_code": "JT-FILE", "form_version": 2, "field_id": "name",
                          "size": 10, "sha256": "0".repeat(64)});
        let text = send(
            &t.router,
            common::post_from("/api/uploads/resumable", &body, "10.9.3.1"),
        )
        .await;
        assert_eq!(text.status, StatusCode::UNPROCESSABLE_ENTITY);

        // Over the disk budget at the end: 507, nothing kept.
        let first = pdf(7, 100_000);
        let id = create(&t.router, &first, "10.9.3.1").await.json()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        patch(&t.router, &id, 0, Body::from(first.clone())).await;
        assert_eq!(finish(&t.router, &id).await.status, StatusCode::CREATED);
        let second = pdf(8, 100_000);
        let id = create(&t.router, &second, "10.9.3.1").await.json()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        patch(&t.router, &id, 0, Body::from(second.clone())).await;
        assert_eq!(
            finish(&t.router, &id).await.status,
            StatusCode::INSUFFICIENT_STORAGE
        );
        assert!(!t.state.files.contains(&sha256_hex(&second)).await.unwrap());
        // The hourly quota of files: the third of this client's hour is refused.
        let third = create(&t.router, &pdf(9, 1_000), "10.9.3.1").await;
        assert_eq!(third.status, StatusCode::TOO_MANY_REQUESTS, "{kind:?}");
        assert!(!third.header(header::RETRY_AFTER).is_empty());
    }
}

#[tokio::test]
async fn two_instances_on_one_database_share_the_database_store() {
    let first_dir = tempfile::tempdir().unwrap();
    let mut config = common::test_config(first_dir.path(), true);
    config.file_store = FileStoreKind::Database;
    let first = prepare(&config).await.unwrap();
    publish_file_item(&first).await;
    // Another machine: its own data folder, the same database.
    let second_dir = tempfile::tempdir().unwrap();
    let mut second_config = common::test_config(second_dir.path(), true);
    second_config.database = config.database.clone();
    second_config.file_store = FileStoreKind::Database;
    let second = prepare(&second_config).await.unwrap();
    let (one, two) = (build_router(first), build_router(second));

    // Resumed across instances: begun on one, continued and finished on the other.
    let bytes = pdf(10, 700_000);
    let id = create(&one, &bytes, "10.9.4.1").await.json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        patch(&one, &id, 0, Body::from(bytes[..300_000].to_vec()))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        offset_of(&two, &id)
            .await
            .header("upload-offset".parse().unwrap()),
        "300000"
    );
    assert_eq!(
        patch(&two, &id, 300_000, Body::from(bytes[300_000..].to_vec()))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    let done = finish(&two, &id).await;
    assert_eq!(done.status, StatusCode::CREATED, "{}", done.json());
    // Submitted through the first, opened on the desk through either.
    let upload_id = sha256_hex(&bytes);
    let (case_no, _) = submit_with(&one, "files-two-1", &upload_id, bytes.len(), "a.pdf").await;
    for router in [&one, &two] {
        let jt = login(router, JT.0, JT.1).await;
        let reply = staff_get(
            router,
            &jt,
            &format!("/api/staff/cases/{case_no}/files/{upload_id}"),
        )
        .await;
        assert_eq!(reply.status, StatusCode::OK);
        assert!(reply.body.as_ref() == bytes.as_slice());
    }
    // A whole upload through the second, submitted through the first.
    let small = pdf(11, 9_000);
    let small_id = upload(&two, &small).await;
    let (case_no, code) = submit_with(&one, "files-two-2", &small_id, small.len(), "b.pdf").await;
    let reply = citizen_get(&two, &case_no, &code, &small_id).await;
    assert_eq!(reply.body.as_ref(), small.as_slice());
}

#[tokio::test]
async fn a_server_moved_to_the_database_store_copies_the_folder_in() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = common::test_config(dir.path(), true);
    config.file_store = FileStoreKind::Local;
    let local = prepare(&config).await.unwrap();
    publish_file_item(&local).await;
    let bytes = pdf(12, 300_000);
    let id = upload(&build_router(local), &bytes).await;
    config.file_store = FileStoreKind::Database;
    let moved = prepare(&config).await.unwrap();
    assert!(moved.files.contains(&id).await.unwrap());
}
