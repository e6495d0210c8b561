//! JSON read strictly: a document whose objects repeat a member name is
//! refused, naming the member. serde_json keeps the last of two `"alg"`s;
//! another system reading the same bytes may keep the first, and a verifier
//! that explains tokens must not let two readers see two different tokens
//! (RFC 7515 §4, RFC 7519 §4 allow refusing duplicates; RFC 8725 §3.1).

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

/// Why a document was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StrictError {
    /// An object names the member twice (the path is `a.b` from the root).
    #[error("the member {0:?} appears twice")]
    Duplicate(String),
    /// Not JSON at all.
    #[error("{0}")]
    Syntax(String),
}

/// Parse `bytes` as JSON, refusing duplicate member names at any depth.
pub fn parse(bytes: &[u8]) -> Result<Value, StrictError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = Strict {
        path: String::new(),
        seen: None,
    }
    .deserialize(&mut de)
    .map_err(classify)?;
    de.end().map_err(|e| StrictError::Syntax(e.to_string()))?;
    Ok(value)
}

/// Parse `bytes` as JSON the way lenient readers do (the last of two
/// members wins, as in JavaScript's `JSON.parse` and serde_json's `Value`),
/// naming every member that appeared twice (paths as in [`parse`]).
pub fn parse_lenient(bytes: &[u8]) -> Result<(Value, Vec<String>), StrictError> {
    let seen = std::cell::RefCell::new(Vec::new());
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = Strict {
        path: String::new(),
        seen: Some(&seen),
    }
    .deserialize(&mut de)
    .map_err(classify)?;
    de.end().map_err(|e| StrictError::Syntax(e.to_string()))?;
    Ok((value, seen.into_inner()))
}

/// Our duplicate error travels through serde as a custom error with a
/// marker prefix; anything else is a syntax error.
const MARKER: &str = "\u{0}duplicate:";

fn classify(e: serde_json::Error) -> StrictError {
    let text = e.to_string();
    match text.strip_prefix(MARKER) {
        Some(rest) => {
            // serde_json appends " at line L column C".
            let member = rest.rsplit_once(" at line ").map_or(rest, |(m, _)| m);
            StrictError::Duplicate(member.to_string())
        }
        None => StrictError::Syntax(text),
    }
}

struct Strict<'s> {
    path: String,
    /// Lenient: duplicates are recorded here instead of refused.
    seen: Option<&'s std::cell::RefCell<Vec<String>>>,
}

impl<'de> DeserializeSeed<'de> for Strict<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        let mut index = 0usize;
        while let Some(item) = seq.next_element_seed(Strict {
            path: format!("{}[{index}]", self.path),
            seen: self.seen,
        })? {
            items.push(item);
            index += 1;
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut members = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let path = if self.path.is_empty() {
                key.clone()
            } else {
                format!("{}.{key}", self.path)
            };
            if members.contains_key(&key) {
                match self.seen {
                    Some(seen) => seen.borrow_mut().push(path.clone()),
                    None => return Err(de::Error::custom(format!("{MARKER}{path}"))),
                }
            }
            let value = map.next_value_seed(Strict {
                path,
                seen: self.seen,
            })?;
            members.insert(key, value);
        }
        Ok(Value::Object(members))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn duplicates_are_named_at_any_depth() {
        assert_eq!(
            parse(br#"{"alg":"none","typ":"JWT","alg":"RS256"}"#),
            Err(StrictError::Duplicate("alg".into()))
        );
        assert_eq!(
            parse(br#"{"a":{"b":1,"b":2}}"#),
            Err(StrictError::Duplicate("a.b".into()))
        );
        assert_eq!(
            parse(br#"{"keys":[{"kid":"x"},{"kid":"y","kid":"z"}]}"#),
            Err(StrictError::Duplicate("keys[1].kid".into()))
        );
        assert!(matches!(parse(b"{\"a\":"), Err(StrictError::Syntax(_))));
        assert!(matches!(parse(b"{} x"), Err(StrictError::Syntax(_))));
    }

    #[test]
    fn lenient_reading_keeps_the_last_and_names_every_duplicate() {
        let (value, dups) = parse_lenient(br#"{"a":1,"b":{"c":1,"c":2},"a":3}"#).unwrap();
        assert_eq!(value, serde_json::json!({"a":3,"b":{"c":2}}));
        assert_eq!(dups, ["b.c", "a"]);
        assert_eq!(
            parse_lenient(br#"{"a":1}"#).unwrap().1,
            Vec::<String>::new()
        );
    }

    proptest! {
        /// Without duplicates, the strict reading is serde_json's reading.
        #[test]
        fn agrees_with_serde_json_without_duplicates(v in arb_json()) {
            let text = serde_json::to_vec(&v).unwrap();
            prop_assert_eq!(parse(&text).unwrap(), serde_json::from_slice::<Value>(&text).unwrap());
        }
    }

    fn arb_json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            "[a-z\u{e9}\"\\\\]{0,6}".prop_map(Value::String),
        ];
        leaf.prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                prop::collection::btree_map("[a-c]{1,2}", inner, 0..4)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }
}
