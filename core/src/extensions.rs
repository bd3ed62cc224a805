//! `extensions`: free-form data outside the template, kept as given and never checked.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, de};
use serde_json::{Map, Value};

use crate::json::ValueSeed;

/// A JSON object of extra data. Duplicate keys are refused (one of the values would be
/// silently lost); the structural check then names them.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Extensions(pub Map<String, Value>);

impl<'de> Deserialize<'de> for Extensions {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut duplicates = Vec::new();
        let value = de::DeserializeSeed::deserialize(ValueSeed::new(&mut duplicates), d)?;
        if let Some(first) = duplicates.first() {
            return Err(de::Error::custom(format!("duplicate key at {first}")));
        }
        match value {
            Value::Object(map) => Ok(Extensions(map)),
            _ => Err(de::Error::custom("extensions must be an object")),
        }
    }
}

impl JsonSchema for Extensions {
    fn schema_name() -> Cow<'static, str> {
        "Extensions".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "object" })
    }
}
