//! The data of a classroom's pop-up quiz and poll widgets: the changes
//! of their properties, in batches.

use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

use super::answers::{Person, opt_i64, opt_u64};
use super::inputs::{BatchSize, NextId, RoomUuid};
use super::recording::next_batch;
use super::rooms::room_context;
use crate::{AppId, Endpoint, Paginated, ServiceRegion, TokenContext, endpoint_docs};

/// Reads the pop-up quiz data of a classroom: each start, answer and end
/// of a quiz, as a change of the widget's properties, `count` (default
/// 100) a batch; `client.pages(..)` walks them all.
///
/// The page's prototype writes the path without `/{region}` while it
/// lists `region` among the URL parameters and its example has it: the
/// region form is bound (exception `widget-path-without-region`). The
/// page documents only the `data` of each item; the batch is read as the
/// other event reads answer it (`total`, `count`, `list`, `nextId`), each
/// item either such a change or `{sequence, data: change}` (exception
/// `widget-answer-shape`).
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/{region}/edu/apps/{appId}/v2/rooms/{roomUuid}/widgets/popupQuiz/sequences",
    response = WidgetEventPage,
    envelope = crate::envelope::CODE_MSG_DATA,
    token_context = ListPopupQuizEvents::token_for,
    doc = "https://docs.agora.io/en/flexible-classroom/restful-api/classroom-api",
)]
#[auth(education_token)]
pub struct ListPopupQuizEvents {
    /// Where the classroom is served.
    pub region: ServiceRegion,
    /// The project's App ID.
    #[endpoint(path, rename = "appId")]
    pub app_id: AppId,
    /// The classroom.
    #[endpoint(path, rename = "roomUuid")]
    pub room_uuid: RoomUuid,
    /// Where the batch starts: the last batch's `nextId` (none for the
    /// first).
    #[endpoint(query, rename = "nextId")]
    pub next_id: Option<NextId>,
    /// How many a batch holds (Agora's default 100).
    #[endpoint(query)]
    pub count: Option<BatchSize>,
}

impl ListPopupQuizEvents {
    fn token_for(&self) -> TokenContext<'_> {
        room_context(&self.room_uuid)
    }
}

impl Paginated for ListPopupQuizEvents {
    fn next_page(&self, page: &WidgetEventPage) -> Option<Self> {
        next_batch(page.next_id.as_deref(), page.list.is_empty()).map(|next_id| {
            ListPopupQuizEvents {
                next_id: Some(next_id),
                ..self.clone()
            }
        })
    }
}

/// Reads the poll data of a classroom, as [`ListPopupQuizEvents`] reads
/// the quizzes'.
///
/// The page's request example reads the pop-up quiz path; the
/// prototype's `widgets/poll` is bound (exception `poll-example-path`),
/// with the region as for the quizzes.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/{region}/edu/apps/{appId}/v2/rooms/{roomUuid}/widgets/poll/sequences",
    response = WidgetEventPage,
    envelope = crate::envelope::CODE_MSG_DATA,
    token_context = ListPollEvents::token_for,
    doc = "https://docs.agora.io/en/flexible-classroom/restful-api/classroom-api",
)]
#[auth(education_token)]
pub struct ListPollEvents {
    /// Where the classroom is served.
    pub region: ServiceRegion,
    /// The project's App ID.
    #[endpoint(path, rename = "appId")]
    pub app_id: AppId,
    /// The classroom.
    #[endpoint(path, rename = "roomUuid")]
    pub room_uuid: RoomUuid,
    /// Where the batch starts: the last batch's `nextId` (none for the
    /// first).
    #[endpoint(query, rename = "nextId")]
    pub next_id: Option<NextId>,
    /// How many a batch holds (Agora's default 100).
    #[endpoint(query)]
    pub count: Option<BatchSize>,
}

impl ListPollEvents {
    fn token_for(&self) -> TokenContext<'_> {
        room_context(&self.room_uuid)
    }
}

impl Paginated for ListPollEvents {
    fn next_page(&self, page: &WidgetEventPage) -> Option<Self> {
        next_batch(page.next_id.as_deref(), page.list.is_empty()).map(|next_id| ListPollEvents {
            next_id: Some(next_id),
            ..self.clone()
        })
    }
}

/// One batch of widget data.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct WidgetEventPage {
    /// How many changes there are in all.
    #[serde(default, deserialize_with = "opt_u64")]
    pub total: Option<u64>,
    /// How many this batch holds.
    #[serde(default, deserialize_with = "opt_u64")]
    pub count: Option<u64>,
    /// The changes, oldest first.
    #[serde(default)]
    pub list: Vec<WidgetChange>,
    /// Where the next batch starts; none after the last.
    #[serde(default)]
    pub next_id: Option<String>,
}

/// One change of a quiz or poll widget's properties.
///
/// `changeProperties` keeps Agora's dotted keys as sent
/// (`"extra.pollId"`, `"extra.pollDetails"`, `"state"`, ...): which keys
/// come depends on the moment (a start, an answer, a summary, the end).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct WidgetChange {
    /// Its number, when the item carries one.
    pub sequence: Option<u64>,
    /// The action type.
    pub action: Option<i64>,
    /// The widget.
    pub widget_uuid: Option<String>,
    /// The properties that changed, by their dotted keys.
    pub change_properties: Map<String, Value>,
    /// Why they changed (`popQuizId`, `action`: 1 started, 2 finished, 3
    /// answered, 4 updated).
    pub cause: Option<Value>,
    /// Who changed them.
    pub operator: Option<Person>,
    /// The student whose answer this is.
    pub from_user: Option<Person>,
}

impl WidgetChange {
    /// A changed property by its dotted key, e.g. `"extra.pollId"`.
    pub fn property(&self, key: &str) -> Option<&Value> {
        self.change_properties.get(key)
    }
}

impl<'de> Deserialize<'de> for WidgetChange {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Change {
            #[serde(default, deserialize_with = "opt_i64")]
            action: Option<i64>,
            #[serde(default)]
            widget_uuid: Option<String>,
            #[serde(default)]
            change_properties: Map<String, Value>,
            #[serde(default)]
            cause: Option<Value>,
            #[serde(default)]
            operator: Option<Person>,
            #[serde(default)]
            from_user: Option<Person>,
        }
        let mut item = Map::<String, Value>::deserialize(deserializer)?;
        let sequence = match item.get("sequence") {
            Some(Value::Number(number)) => number.as_u64(),
            Some(Value::String(text)) => text.parse().ok(),
            _ => None,
        };
        let change = match item.remove("data") {
            Some(Value::Object(data)) => data,
            Some(other) => {
                item.insert("data".to_owned(), other);
                item
            }
            None => item,
        };
        let change =
            Change::deserialize(Value::Object(change)).map_err(serde::de::Error::custom)?;
        Ok(WidgetChange {
            sequence,
            action: change.action,
            widget_uuid: change.widget_uuid,
            change_properties: change.change_properties,
            cause: change.cause,
            operator: change.operator,
            from_user: change.from_user,
        })
    }
}
