//! The form being filled: its reactive state, validation, steps, files and submission.

use super::*;

/// The form being filled: its state, and what its buttons and inputs do. Every part is a
/// reactive handle, so the listeners copy it.
#[derive(Clone, Copy)]
pub(super) struct Form {
    pub(super) i18n: I18n,
    pub(super) code: StoredValue<String>,
    pub(super) navigate: StoredValue<Navigate, LocalStorage>,
    pub(super) today: NaiveDate,
    pub(super) answers: RwSignal<Answers>,
    pub(super) draft: RwSignal<Draft>,
    pub(super) definition: RwSignal<FormDefinition>,
    /// The item's current form, when it could be read.
    pub(super) current: StoredValue<Option<FormDefinition>>,
    /// (field id, message) of the last validation.
    pub(super) errors: RwSignal<Vec<(String, String)>>,
    pub(super) saved: RwSignal<Option<Autosave>>,
    pub(super) keep_old_version: RwSignal<bool>,
    pub(super) submitting: RwSignal<bool>,
    pub(super) submit_error: RwSignal<Option<&'static str>>,
    /// The receipt's address of a submission kept in the outbox while the line is down and the
    /// receipt page cannot load (no service worker yet): the page says so itself.
    pub(super) queued_offline: RwSignal<Option<String>>,
    /// The header's outbox count, recounted when a submission stays on this page.
    pub(super) sync: Option<crate::sync::SyncStatus>,
    /// Bumped when the page must be built again for a change of answers (a file list).
    pub(super) rebuild: RwSignal<u32>,
    /// The file question whose files are being read.
    pub(super) file_busy: RwSignal<Option<String>>,
    /// The last file problem: (field id, message).
    pub(super) file_problem: RwSignal<Option<(String, String)>>,
    pub(super) visible: Memo<Vec<String>>,
    pub(super) steps: Memo<Vec<String>>,
    pub(super) step: Memo<String>,
    /// `Some("check")` when the step was opened from the check page's 修改.
    pub(super) returning: Memo<Option<String>>,
    /// The item's English name, empty when it has none (the draft keeps the Chinese one).
    pub(super) item_name_en: StoredValue<String>,
}

/// Opens `href` (another bundle's page) once the browser says the line is back.
pub(super) fn open_when_online(href: String) {
    let on_online =
        wasm_bindgen::closure::Closure::once_into_js(move || crate::app::go_to_other_bundle(&href));
    window().set_ononline(Some(on_online.unchecked_ref()));
}

impl Form {
    /// The draft as it would be saved now.
    pub(super) fn snapshot(self) -> Draft {
        let mut d = self.draft.get_untracked();
        self.answers.with_untracked(|a| {
            d.answers = canonical_json(&Value::Object(a.clone()));
            d.progress = self.definition.with_untracked(|def| progress(def, a));
        });
        d.step = self.step.get_untracked();
        d.updated_at = clock::now_ms();
        d
    }

    pub(super) fn changed(self) {
        schedule(self.snapshot(), self.saved, self.draft);
    }

    pub(super) fn set_answer(self, id: String, value: Option<Value>) {
        let updated = self.answers.try_update(|a| match value {
            Some(v) if !is_empty(&v) => {
                a.insert(id, v);
            }
            _ => {
                a.remove(&id);
            }
        });
        // The page may be gone (a file finished reading after the person left).
        if updated.is_some() {
            self.changed();
        }
    }

    /// The file answers of field `id`.
    pub(super) fn files(self, id: &str) -> Vec<Value> {
        self.answers
            .try_with_untracked(|a| match a.get(id) {
                Some(Value::Array(items)) => items.clone(),
                _ => Vec::new(),
            })
            .unwrap_or_default()
    }

    /// Bytes of every file attached so far, all questions together.
    pub(super) fn files_total(self) -> u64 {
        self.answers
            .try_with_untracked(|a| {
                a.values()
                    .flat_map(|v| listed_files(Some(v)))
                    .map(|(_, _, size)| size)
                    .sum()
            })
            .unwrap_or(0)
    }

    pub(super) fn choose(self, id: &str, value: &str, multiple: bool, on: bool) {
        let now = self
            .answers
            .try_with_untracked(|a| steps::chosen(a.get(id), value, multiple, on))
            .flatten();
        if let Some(answer) = now {
            self.set_answer(id.to_owned(), Some(answer));
        }
    }

    pub(super) fn go(self, to: String) {
        self.changed();
        flush();
        self.errors.set(Vec::new());
        self.file_problem.set(None);
        // Still on the way back to the check page (another step now needs an answer).
        let back = if to != CHECK && self.is_returning() {
            BACK_TO_CHECK
        } else {
            ""
        };
        let url = format!(
            "/guide/apply/{}?draft={}&step={to}{back}",
            self.code.get_value(),
            self.draft.with_untracked(|d| d.id.clone())
        );
        self.navigate
            .with_value(|n| n(&url, NavigateOptions::default()));
    }

    pub(super) fn show_errors(self, found: Vec<(String, String)>) {
        self.errors.set(found);
        // After the page is built again (its effect runs before the next frame).
        request_animation_frame(move || {
            if let Some(summary) = document()
                .query_selector("[data-testid=\"error-summary\"]")
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = summary.focus();
            }
        });
    }

    pub(super) fn validate_all(self) -> Result<Answers, Vec<(String, String)>> {
        let lang = self.i18n.lang_untracked();
        DIVISIONS.with_borrow(|divisions| {
            self.definition.with_untracked(|d| {
                self.answers.with_untracked(|a| {
                    validate_with(d, a, self.today, divisions.as_ref()).map_err(|errs| {
                        errs.into_iter()
                            .map(|e| (e.field_id.clone(), e.message(lang).to_owned()))
                            .collect()
                    })
                })
            })
        })
    }

    /// Whether the step was opened from the check page's 修改.
    pub(super) fn is_returning(self) -> bool {
        self.returning.get_untracked().as_deref() == Some(CHECK)
    }

    pub(super) fn continue_from(self, section: &str) {
        let problems = self.validate_all().err().unwrap_or_default();
        let steps = self.steps.get_untracked();
        let returning = self.is_returning();
        let next = self
            .definition
            .with_untracked(|d| steps::after(d, problems, &steps, section, returning));
        match next {
            steps::Continue::Stay(here) => self.show_errors(here),
            steps::Continue::Go(step) => self.go(step),
        }
    }

    pub(super) fn back_from(self, section: &str) {
        let steps = self.steps.get_untracked();
        if let Some(previous) = steps::before(&steps, section) {
            self.go(previous.clone());
        }
    }

    pub(super) fn submit(self) {
        let normalised = match self.validate_all() {
            Ok(n) => n,
            Err(found) => {
                self.show_errors(found);
                return;
            }
        };
        if self.draft.with_untracked(|d| d.id.starts_with(PREVIEW)) {
            return;
        }
        cancel_pending();
        self.submitting.set(true);
        let record_draft = self.snapshot();
        spawn_local(async move {
            let result = match Storage::shared().await {
                // Sent already from another tab: the same receipt, never a second case.
                Ok(storage) => match outbox::submit(&storage, &record_draft, &normalised).await {
                    Ok(record) => Ok(record.id),
                    Err(outbox::OutboxError::AlreadySent(id)) => Ok(id),
                    Err(e) => Err(e),
                },
                Err(e) => Err(e.into()),
            };
            match result {
                Ok(client_id) => {
                    // The receipt is the drafts bundle's page: a full-page load, whose outbox
                    // sends the record at once. Sending from here too would start a request
                    // that the page's unloading cuts off: on a weak line, a lost response
                    // made on purpose (and a race between the two pages).
                    let receipt = format!("/guide/receipt/{client_id}");
                    if crate::sw::pages_load_offline() || window().navigator().on_line() {
                        crate::app::go_to_other_bundle(&receipt);
                    } else {
                        // A first visit whose worker is not installed yet, and no line: the
                        // receipt would be the browser's error page. The record is safe in the
                        // outbox; this page says so, and opens the receipt when the line is back.
                        open_when_online(receipt.clone());
                        let _ = self.queued_offline.try_set(Some(receipt));
                        if let Some(sync) = self.sync {
                            sync.refresh();
                        }
                    }
                }
                Err(error) => {
                    web_sys::console::error_1(&error.to_string().into());
                    let problem = match error {
                        outbox::OutboxError::Storage(StorageError::Full) => "fui.submit_full",
                        _ => "fui.submit_failed",
                    };
                    let _ = self.submitting.try_set(false);
                    let _ = self.submit_error.try_set(Some(problem));
                }
            }
        });
    }

    /// Carries the answers over to the current version (only offered when there is a newer one).
    pub(super) fn carry(self) {
        let Some(new) = self.current.get_value() else {
            return;
        };
        let lang = self.i18n.lang_untracked();
        let old = self.definition.get_untracked();
        let result = self.answers.with_untracked(|a| carry_over(&old, &new, a));
        let notes = result
            .dropped
            .iter()
            .map(|d| DroppedNote {
                message: d.message(&old, lang),
                value: value_text(old.field(&d.field_id), &d.value, lang),
            })
            .collect();
        self.answers.set(result.answers);
        self.draft.update(|d| {
            d.form_version = new.version;
            d.dropped = notes;
        });
        self.definition.set(new);
        self.changed();
        flush();
    }

    /// The newer version offered, if any (tracked).
    pub(super) fn newer(self) -> Option<u32> {
        let mine = self.definition.with(|d| d.version);
        self.current
            .with_value(|c| c.as_ref().map(|c| c.version))
            .filter(|v| *v > mine && !self.keep_old_version.get())
    }

    pub(super) fn remove_file(self, id: &str, upload_id: &str) {
        let mut items = self.files(id);
        items.retain(|v| v.get("upload_id").and_then(Value::as_str) != Some(upload_id));
        self.set_answer(id.to_owned(), Some(Value::Array(items)));
        self.rebuild.update(|r| *r = r.wrapping_add(1));
    }

    /// Reads the files picked in `event`'s input and adds them to field `id`.
    pub(super) fn pick_files(self, id: String, event: web_sys::Event, rules: FileRules) {
        let Some(input) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(list) = input.files() else { return };
        let picked: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
        input.set_value("");
        self.file_busy.set(Some(id.clone()));
        self.file_problem.set(None);
        spawn_local(async move {
            if let Ok(storage) = Storage::shared().await {
                for file in picked {
                    if self.files(&id).len() >= rules.max_count as usize {
                        let text = tr_args(
                            self.i18n.lang_untracked(),
                            "fui.file.count",
                            &[("count", &rules.max_count.to_string())],
                        );
                        let _ = self.file_problem.try_set(Some((id.clone(), text)));
                        break;
                    }
                    let attached = attach::attach(&storage, &file, &rules.accept, rules.max_bytes)
                        .await
                        // Over the application's total: refused here, in words, not by the server.
                        .and_then(|r| {
                            if self.files_total() + r.size > MAX_CASE_FILE_BYTES {
                                Err(attach::AttachError::Total)
                            } else {
                                Ok(r)
                            }
                        });
                    match attached {
                        Ok(reference) => {
                            let value = reference.to_json();
                            let mut items = self.files(&id);
                            if !items.contains(&value) {
                                items.push(value);
                            }
                            self.set_answer(id.clone(), Some(Value::Array(items)));
                        }
                        Err(error) => {
                            let text = tr_args(
                                self.i18n.lang_untracked(),
                                error.key(),
                                &[
                                    ("types", &rules.types),
                                    ("max", &format_bytes(rules.max_bytes)),
                                    ("name", &file.name()),
                                    ("total", &format_bytes(MAX_CASE_FILE_BYTES)),
                                ],
                            );
                            let _ = self.file_problem.try_set(Some((id.clone(), text)));
                        }
                    }
                }
            }
            let _ = self.file_busy.try_set(None);
            let _ = self.rebuild.try_update(|r| *r = r.wrapping_add(1));
        });
    }
}

/// What a file question accepts.
#[derive(Clone)]
pub(super) struct FileRules {
    pub(super) accept: Vec<MediaType>,
    pub(super) max_bytes: u64,
    pub(super) max_count: u32,
    /// The accepted types in words ("JPEG/PNG").
    pub(super) types: String,
}

/// The files of a file answer: (upload id, name, size).
pub(super) fn listed_files(value: Option<&Value>) -> Vec<(String, String, u64)> {
    let Some(Value::Array(items)) = value else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| {
            let upload_id = item.get("upload_id")?.as_str()?.to_owned();
            let name = item.get("name").and_then(Value::as_str).unwrap_or_default();
            Some((upload_id, name.to_owned(), item.get("size")?.as_u64()?))
        })
        .collect()
}
