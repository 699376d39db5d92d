//! File conversion: the team's queue of tasks, the projector's calls and
//! the deprecated ones, on the emulator's clock.
#![allow(deprecated)]

use std::time::{Duration, SystemTime};

use agora_api::whiteboard::{
    CancelConversion, ConversionKind, GetConversion, GetLegacyConversion, ListQueuedConversions,
    SetConversionPriority, StartConversion, StartLegacyConversion, TaskPriority,
};
use serde_json::{Map, Value, json};

use super::{Whiteboard, admitted, coded};
use crate::product::{Call, Routes, Store};
use crate::reply::{Fail, Handled, Reply};

/// The least time a task waits before it converts.
const WAIT: Duration = Duration::from_secs(1);
/// How long a conversion takes.
const CONVERT: Duration = Duration::from_secs(4);
/// Tasks a team may have waiting at once.
const QUEUE_LIMIT: usize = 50;
/// The pages of every converted file.
const PAGES: u32 = 3;
/// Where the results are.
const STORAGE: &str = "https://agora-mock-whiteboard.s3.amazonaws.com";

pub(super) fn register(routes: &mut Routes<Whiteboard>) {
    routes
        .on::<StartConversion>(start)
        .on::<GetConversion>(get)
        .on::<ListQueuedConversions>(list_queued)
        .on::<CancelConversion>(cancel)
        .on::<SetConversionPriority>(prioritize)
        .on::<StartLegacyConversion>(start_legacy)
        .on::<GetLegacyConversion>(get_legacy);
}

/// Where a task is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Waiting,
    Converting,
    Finished,
    Failed,
}

/// One conversion task.
#[derive(Debug, Clone)]
struct Task {
    uuid: String,
    kind: ConversionKind,
    /// Started with the deprecated service, and read only with it.
    legacy: bool,
    preview: bool,
    /// The images' extension (static).
    format: String,
    /// Whether its file can never be downloaded.
    unreachable: bool,
    created: SystemTime,
    started: Option<SystemTime>,
    stage: Stage,
}

impl Task {
    fn kind_name(&self) -> &'static str {
        self.kind.as_str()
    }

    fn prefix(&self) -> String {
        match self.kind {
            ConversionKind::Dynamic => format!("{STORAGE}/dynamicConvert"),
            ConversionKind::Static => format!("{STORAGE}/staticConvert"),
        }
    }

    /// How much is converted, in percent, at `now`.
    fn percent(&self, now: SystemTime) -> u64 {
        match (self.stage, self.started) {
            (Stage::Finished, _) => 100,
            (Stage::Converting, Some(started)) => {
                let done = now.duration_since(started).unwrap_or_default().as_millis();
                u64::try_from(done.saturating_mul(100) / CONVERT.as_millis().max(1))
                    .unwrap_or(99)
                    .min(99)
            }
            _ => 0,
        }
    }

    fn page_url(&self, page: u32, extension: &str) -> String {
        format!("{}/{}/{page}.{extension}", self.prefix(), self.uuid)
    }

    /// As `GetConversion` answers it at `now`.
    fn view(&self, now: SystemTime) -> Value {
        let mut task = Map::new();
        task.insert("uuid".into(), json!(self.uuid));
        task.insert("type".into(), json!(self.kind_name()));
        let status = match self.stage {
            Stage::Waiting => "Waiting",
            Stage::Converting => "Converting",
            Stage::Finished => "Finished",
            Stage::Failed => "Fail",
        };
        task.insert("status".into(), json!(status));
        task.insert("convertedPercentage".into(), json!(self.percent(now)));
        task.insert("prefix".into(), json!(self.prefix()));
        match self.stage {
            Stage::Finished => {
                task.insert("pageCount".into(), json!(PAGES));
                let pages = 1..=PAGES;
                match self.kind {
                    ConversionKind::Dynamic => {
                        if self.preview {
                            let previews: Map<String, Value> = pages
                                .clone()
                                .map(|page| (page.to_string(), json!(self.page_url(page, "png"))))
                                .collect();
                            task.insert("previews".into(), Value::Object(previews));
                        }
                        let note = format!("{}/{}/note.json", self.prefix(), self.uuid);
                        let mut resources = vec![json!(note)];
                        resources.extend(pages.map(|page| json!(self.page_url(page, "png"))));
                        task.insert("note".into(), json!(note));
                        task.insert(
                            "zip".into(),
                            json!(format!("{}/{}.zip", self.prefix(), self.uuid)),
                        );
                        task.insert("resources".into(), Value::Array(resources));
                    }
                    ConversionKind::Static => {
                        let images: Map<String, Value> = pages
                            .map(|page| {
                                let image = json!({
                                    "width": 1440,
                                    "height": 810,
                                    "url": self.page_url(page, &self.format),
                                });
                                (page.to_string(), image)
                            })
                            .collect();
                        task.insert("images".into(), Value::Object(images));
                    }
                }
            }
            Stage::Failed => {
                let (code, text) = self.failure();
                task.insert("errorCode".into(), json!(code));
                task.insert("errorMessage".into(), json!(text));
            }
            Stage::Waiting | Stage::Converting => {}
        }
        Value::Object(task)
    }

    fn failure(&self) -> (&'static str, &'static str) {
        match self.kind {
            ConversionKind::Dynamic => ("2050101", "file download failed"),
            ConversionKind::Static => ("2110101", "download file failed"),
        }
    }

    /// As the deprecated query answers it at `now`.
    fn legacy_view(&self, now: SystemTime) -> Value {
        let status = match self.stage {
            Stage::Waiting => "Waiting",
            Stage::Converting => "Converting",
            Stage::Finished => "Finished",
            Stage::Failed => "Fail",
        };
        let converted = match self.stage {
            Stage::Finished => PAGES,
            _ => 0,
        };
        let files: Vec<Value> = (1..=converted)
            .map(|page| {
                let extension = match self.kind {
                    ConversionKind::Static => self.format.as_str(),
                    ConversionKind::Dynamic => "html",
                };
                json!({
                    "width": 1333,
                    "height": 750,
                    "conversionFileUrl": self.page_url(page, extension),
                })
            })
            .collect();
        let mut task = json!({
            "uuid": self.uuid,
            "type": self.kind_name(),
            "status": status,
            "progress": {
                "totalPageSize": PAGES,
                "convertedPageSize": converted,
                "convertedPercentage": self.percent(now),
                "convertedFileList": files,
            },
        });
        if self.stage == Stage::Failed
            && let Some(object) = task.as_object_mut()
        {
            object.insert("failedReason".into(), json!(self.failure().1));
        }
        task
    }
}

/// The team's tasks, its queue of waiting ones, and the one converting.
#[derive(Debug, Default)]
pub(super) struct Queue {
    tasks: Vec<Task>,
    /// Waiting tasks, first to convert first.
    waiting: Vec<String>,
    converting: Option<String>,
    /// When the converter last finished a task.
    free_since: Option<SystemTime>,
}

impl Queue {
    fn task(&self, uuid: &str) -> Option<&Task> {
        self.tasks.iter().find(|task| task.uuid == uuid)
    }

    fn task_mut(&mut self, uuid: &str) -> Option<&mut Task> {
        self.tasks.iter_mut().find(|task| task.uuid == uuid)
    }

    /// Converts, one task at a time, everything the clock has reached.
    pub(super) fn advance(&mut self, now: SystemTime) {
        loop {
            if let Some(uuid) = self.converting.clone() {
                let Some(task) = self.task_mut(&uuid) else {
                    self.converting = None;
                    continue;
                };
                let done = task
                    .started
                    .and_then(|started| started.checked_add(CONVERT));
                match done {
                    Some(done) if done <= now => {
                        task.stage = if task.unreachable {
                            Stage::Failed
                        } else {
                            Stage::Finished
                        };
                        self.converting = None;
                        self.free_since = Some(done);
                    }
                    _ => return,
                }
            }
            let Some(next) = self.waiting.first().cloned() else {
                return;
            };
            let free_since = self.free_since;
            let Some(task) = self.task_mut(&next) else {
                self.waiting.remove(0);
                continue;
            };
            let ready = task.created.checked_add(WAIT).unwrap_or(task.created);
            let start = free_since.map_or(ready, |free| free.max(ready));
            if start > now {
                return;
            }
            task.stage = Stage::Converting;
            task.started = Some(start);
            self.waiting.remove(0);
            self.converting = Some(next);
        }
    }

    /// Queues a task, or refuses when the queue is full.
    fn push(&mut self, task: Task) -> Result<(), Fail> {
        if self.waiting.len() >= QUEUE_LIMIT {
            return Err(coded(400, 2010203, "the number of tasks exceeds limit"));
        }
        self.waiting.push(task.uuid.clone());
        self.tasks.push(task);
        Ok(())
    }
}

fn task_not_found() -> Fail {
    coded(404, 2010605, "task not found")
}

/// Whether a file at `url` can never be downloaded: its host ends in
/// `.invalid`.
fn unreachable(url: &str) -> bool {
    crate::products::media_push::unreachable(url)
}

/// A new task of `kind` for the file at `resource`.
fn new_task(
    store: &mut Store<'_, Whiteboard>,
    kind: ConversionKind,
    resource: &str,
    legacy: bool,
    preview: bool,
    format: &str,
    now: SystemTime,
) -> Result<Reply, Fail> {
    let task = Task {
        uuid: store.account.rng.hex(32),
        kind,
        legacy,
        preview,
        format: format.to_owned(),
        unreachable: unreachable(resource),
        created: now,
        started: None,
        stage: Stage::Waiting,
    };
    let answer = json!({ "uuid": task.uuid, "type": kind.as_str(), "status": "Waiting" });
    store.own.queue.push(task)?;
    Ok(Reply::json(201, answer))
}

fn start(store: &mut Store<'_, Whiteboard>, call: &Call<'_, StartConversion>) -> Handled {
    admitted(call)?;
    let request = &call.request;
    let format = request
        .output_format
        .map_or("png", |format| format.as_str());
    new_task(
        store,
        request.kind,
        request.resource.as_str(),
        false,
        request.preview.unwrap_or(false),
        format,
        call.now,
    )
}

fn get(store: &mut Store<'_, Whiteboard>, call: &Call<'_, GetConversion>) -> Handled {
    admitted(call)?;
    let task = store
        .own
        .queue
        .task(call.request.uuid.as_str())
        .filter(|task| !task.legacy)
        .ok_or_else(task_not_found)?;
    Ok(Reply::ok(task.view(call.now)))
}

fn list_queued(
    store: &mut Store<'_, Whiteboard>,
    call: &Call<'_, ListQueuedConversions>,
) -> Handled {
    admitted(call)?;
    let queue = &store.own.queue;
    let projector = |uuid: &&String| queue.task(uuid).is_some_and(|task| !task.legacy);
    let converting = queue
        .converting
        .iter()
        .filter(projector)
        .map(|uuid| json!({ "taskId": uuid, "status": 1 }));
    let waiting = queue
        .waiting
        .iter()
        .filter(projector)
        .map(|uuid| json!({ "taskId": uuid, "status": 0 }));
    Ok(Reply::ok(Value::Array(converting.chain(waiting).collect())))
}

fn cancel(store: &mut Store<'_, Whiteboard>, call: &Call<'_, CancelConversion>) -> Handled {
    admitted(call)?;
    let uuid = call.request.uuid.as_str();
    let queue = &mut store.own.queue;
    let Some(task) = queue.task(uuid) else {
        return Err(task_not_found());
    };
    // A finished or failed task has nothing left to cancel.
    let success = matches!(task.stage, Stage::Waiting | Stage::Converting);
    if success {
        queue.waiting.retain(|waiting| waiting != uuid);
        if queue.converting.as_deref() == Some(uuid) {
            queue.converting = None;
            queue.free_since = Some(call.now);
        }
        queue.tasks.retain(|task| task.uuid != uuid);
    }
    Ok(Reply::ok(json!({ "taskId": uuid, "success": success })))
}

fn prioritize(
    store: &mut Store<'_, Whiteboard>,
    call: &Call<'_, SetConversionPriority>,
) -> Handled {
    admitted(call)?;
    let request = &call.request;
    let uuid = request.uuid.as_str();
    let queue = &mut store.own.queue;
    let Some(task) = queue.task(uuid) else {
        return Err(task_not_found());
    };
    if task.stage != Stage::Waiting {
        return Err(coded(
            400,
            2010607,
            "modify priority for running task is not allowed",
        ));
    }
    queue.waiting.retain(|waiting| waiting != uuid);
    match request.priority {
        TaskPriority::Highest => queue.waiting.insert(0, uuid.to_owned()),
        TaskPriority::Lowest => queue.waiting.push(uuid.to_owned()),
    }
    Ok(Reply::ok(json!({ "taskId": uuid, "success": true })))
}

fn start_legacy(
    store: &mut Store<'_, Whiteboard>,
    call: &Call<'_, StartLegacyConversion>,
) -> Handled {
    admitted(call)?;
    let request = &call.request;
    let format = request
        .output_format
        .map_or("png", |format| format.as_str());
    new_task(
        store,
        request.kind,
        request.resource.as_str(),
        true,
        request.preview.unwrap_or(false),
        format,
        call.now,
    )
}

fn get_legacy(store: &mut Store<'_, Whiteboard>, call: &Call<'_, GetLegacyConversion>) -> Handled {
    admitted(call)?;
    let request = &call.request;
    let task = store
        .own
        .queue
        .task(request.uuid.as_str())
        .filter(|task| task.legacy && task.kind == request.kind)
        .ok_or_else(task_not_found)?;
    Ok(Reply::ok(task.legacy_view(call.now)))
}
