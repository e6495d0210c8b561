//! The pieces a template is made of: validated names, the scope, the seven
//! table actions in their canonical order, and `TABLE:ACTION[,ACTION…]` rules.

use std::fmt;

use super::TemplateError;

/// Longest database, group or table name (docs/claims.md, "Names": `{0,127}` after the first character).
pub const MAX_NAME_LEN: usize = 128;

/// `full-access` or `read-only`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    #[default]
    FullAccess,
    ReadOnly,
}

impl Scope {
    /// The name as typed after `--scope` and sent to the Turso API.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::FullAccess => "full-access",
            Scope::ReadOnly => "read-only",
        }
    }
}

/// A table action. The declaration order is the canonical order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Action {
    DataRead,
    DataAdd,
    DataUpdate,
    DataDelete,
    SchemaAdd,
    SchemaUpdate,
    SchemaDelete,
}

impl Action {
    /// Every action, in canonical order.
    pub const ALL: [Action; 7] = [
        Action::DataRead,
        Action::DataAdd,
        Action::DataUpdate,
        Action::DataDelete,
        Action::SchemaAdd,
        Action::SchemaUpdate,
        Action::SchemaDelete,
    ];

    /// The claim string.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::DataRead => "data_read",
            Action::DataAdd => "data_add",
            Action::DataUpdate => "data_update",
            Action::DataDelete => "data_delete",
            Action::SchemaAdd => "schema_add",
            Action::SchemaUpdate => "schema_update",
            Action::SchemaDelete => "schema_delete",
        }
    }

    /// Parse a claim string (exact, case-sensitive).
    pub fn parse(s: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.as_str() == s)
    }

    /// The valid action names joined for messages.
    pub fn valid_list() -> String {
        Action::ALL.map(Action::as_str).join(", ")
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The table part of a rule: every table (`all`) or one named table.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Table {
    All,
    Named(String),
}

impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Table::All => f.write_str("all"),
            Table::Named(name) => f.write_str(name),
        }
    }
}

/// One permission rule: actions on a table, de-duplicated and in canonical order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PermissionRule {
    pub table: Table,
    pub actions: Vec<Action>,
}

impl PermissionRule {
    /// Parse `TABLE:ACTION[,ACTION…]`, split at the first `:`.
    pub fn parse(rule: &str) -> Result<Self, TemplateError> {
        let Some((table, actions)) = rule.split_once(':') else {
            return Err(TemplateError::RuleWithoutColon(rule.to_string()));
        };
        if table.is_empty() {
            return Err(TemplateError::RuleWithoutTable(rule.to_string()));
        }
        let table = if table == "all" {
            Table::All
        } else {
            validate_name("table", table)?;
            Table::Named(table.to_string())
        };
        if actions.is_empty() {
            return Err(TemplateError::RuleWithoutActions(rule.to_string()));
        }
        let mut parsed = Vec::new();
        for action in actions.split(',') {
            let action = action.trim();
            match Action::parse(action) {
                Some(a) => parsed.push(a),
                None => {
                    return Err(TemplateError::UnknownAction {
                        rule: rule.to_string(),
                        action: action.to_string(),
                    });
                }
            }
        }
        parsed.sort();
        parsed.dedup();
        Ok(PermissionRule {
            table,
            actions: parsed,
        })
    }

    /// The rule as typed on the command line, e.g. `comments:data_add,data_update`.
    pub fn to_arg(&self) -> String {
        let actions: Vec<&str> = self.actions.iter().map(|a| a.as_str()).collect();
        format!("{}:{}", self.table, actions.join(","))
    }
}

/// Merge rules for the same table: actions united and put in canonical order;
/// tables keep the order in which they were first given.
pub fn merge_rules(rules: impl IntoIterator<Item = PermissionRule>) -> Vec<PermissionRule> {
    let mut merged: Vec<PermissionRule> = Vec::new();
    for rule in rules {
        match merged.iter_mut().find(|r| r.table == rule.table) {
            Some(existing) => {
                existing.actions.extend(rule.actions);
                existing.actions.sort();
                existing.actions.dedup();
            }
            None => merged.push(rule),
        }
    }
    merged
}

/// Check a database, group, namespace or table name against
/// `^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$`, naming the offending character.
pub fn validate_name(what: &'static str, name: &str) -> Result<(), TemplateError> {
    let invalid = |reason: String| TemplateError::InvalidName {
        what,
        name: name.to_string(),
        reason,
    };
    let mut chars = name.chars().enumerate().peekable();
    let Some(&(_, first)) = chars.peek() else {
        return Err(invalid("it is empty".to_string()));
    };
    if !first.is_ascii_alphanumeric() {
        return Err(invalid(format!(
            "it must start with a letter or digit, not {}",
            describe_char(first)
        )));
    }
    for (index, c) in chars {
        if !(c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')) {
            return Err(invalid(format!(
                "{} at position {} is not allowed",
                describe_char(c),
                index + 1
            )));
        }
    }
    let len = name.chars().count();
    if len > MAX_NAME_LEN {
        return Err(invalid(format!(
            "it is {len} characters long; the limit is {MAX_NAME_LEN}"
        )));
    }
    Ok(())
}

/// Name a character so that invisible and quoting characters are unambiguous.
pub fn describe_char(c: char) -> String {
    match c {
        ' ' => "a space".to_string(),
        '\t' => "a tab".to_string(),
        '\n' => "a newline".to_string(),
        '\r' => "a carriage return".to_string(),
        c if c.is_control() => format!("the control character U+{:04X}", c as u32),
        c if c.is_whitespace() => format!("the white space U+{:04X}", c as u32),
        '\'' => "the character \"'\"".to_string(),
        c => format!("the character '{c}'"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn names() {
        assert!(validate_name("database", "mydb").is_ok());
        assert!(validate_name("database", "My_db.v2-x").is_ok());
        assert!(validate_name("database", &"a".repeat(128)).is_ok());
        assert!(validate_name("database", &"a".repeat(129)).is_err());
        for bad in [
            "", "my db", "a\"b", "a/b", "-a", ".a", "a\nb", "é", "a\u{0}",
        ] {
            assert!(validate_name("database", bad).is_err(), "{bad:?}");
        }
        let e = validate_name("database", "my db").unwrap_err().to_string();
        assert!(e.contains("a space at position 3"), "{e}");
        let e = validate_name("database", "a\"b").unwrap_err().to_string();
        assert!(e.contains("'\"'"), "{e}");
    }

    /// Each refusal names its reason exactly: explaining is the point.
    #[test]
    fn name_messages() {
        let reason = |name: &str| match validate_name("table", name) {
            Err(TemplateError::InvalidName { what, reason, .. }) => {
                assert_eq!(what, "table");
                reason
            }
            other => panic!("{name:?}: {other:?}"),
        };
        assert_eq!(reason(""), "it is empty");
        assert_eq!(
            reason("-a"),
            "it must start with a letter or digit, not the character '-'"
        );
        assert_eq!(
            reason(&"a".repeat(129)),
            "it is 129 characters long; the limit is 128"
        );
        assert_eq!(
            reason("ab\u{7}"),
            "the control character U+0007 at position 3 is not allowed"
        );
        assert_eq!(
            reason("a\u{a0}b"),
            "the white space U+00A0 at position 2 is not allowed"
        );
        assert_eq!(
            reason("a'"),
            "the character \"'\" at position 2 is not allowed"
        );
        assert_eq!(
            reason("aé"),
            "the character 'é' at position 2 is not allowed"
        );
        assert_eq!(reason("a\tb"), "a tab at position 2 is not allowed");
        // '_' '.' '-' are allowed after the first character, nothing else is.
        assert!(validate_name("table", "a_.-9").is_ok());
        assert_eq!(
            reason("a+"),
            "the character '+' at position 2 is not allowed"
        );
        assert_eq!(Scope::ReadOnly.as_str(), "read-only");
        assert_eq!(Scope::FullAccess.as_str(), "full-access");
        assert_eq!(
            Action::valid_list(),
            "data_read, data_add, data_update, data_delete, schema_add, schema_update, schema_delete"
        );
        assert_eq!(Table::All.to_string(), "all");
        assert_eq!(Action::SchemaAdd.to_string(), "schema_add");
    }

    #[test]
    fn rule_parsing() {
        let r = PermissionRule::parse("comments:data_update,data_add,data_add").unwrap();
        assert_eq!(r.table, Table::Named("comments".into()));
        assert_eq!(r.actions, vec![Action::DataAdd, Action::DataUpdate]);
        assert_eq!(
            PermissionRule::parse("all:data_read").unwrap().table,
            Table::All
        );
        assert!(matches!(
            PermissionRule::parse("comments"),
            Err(TemplateError::RuleWithoutColon(_))
        ));
        assert!(matches!(
            PermissionRule::parse(":data_read"),
            Err(TemplateError::RuleWithoutTable(_))
        ));
        assert!(matches!(
            PermissionRule::parse("comments:"),
            Err(TemplateError::RuleWithoutActions(_))
        ));
        assert!(matches!(
            PermissionRule::parse("comments:data_insert"),
            Err(TemplateError::UnknownAction { .. })
        ));
        assert!(matches!(
            PermissionRule::parse("comments:data_read,"),
            Err(TemplateError::UnknownAction { .. })
        ));
        // Split at the first colon: the action part may not contain another.
        assert!(PermissionRule::parse("a:b:data_read").is_err());
    }

    #[test]
    fn merging_keeps_first_table_order_and_canonical_actions() {
        let rules = ["b:schema_add", "a:data_read", "b:data_read,schema_add"]
            .map(|r| PermissionRule::parse(r).unwrap());
        let merged = merge_rules(rules);
        assert_eq!(merged.len(), 2);
        assert_eq!(merged[0].to_arg(), "b:data_read,schema_add");
        assert_eq!(merged[1].to_arg(), "a:data_read");
    }

    /// The actions in the order docs/claims.md's table lists them.
    const DOCUMENTED: [&str; 7] = [
        "data_read",
        "data_add",
        "data_update",
        "data_delete",
        "schema_add",
        "schema_update",
        "schema_delete",
    ];

    proptest! {
        /// Any text (and table:actions shapes): a rule parses only when the
        /// part after its first colon is a list of known action names, and
        /// then its argument form reads back as the same rule; a plain name
        /// with known actions is never refused.
        #[test]
        fn arbitrary_rules_parse_only_when_well_formed(
            s in ".*|[a-z_0-9]{0,8}:(data_read|data_add|schema_delete|x|data_read,data_add|,){0,3}"
        ) {
            match PermissionRule::parse(&s) {
                Ok(rule) => {
                    let (_, actions) = s.split_once(':').unwrap();
                    prop_assert!(actions.split(',').all(|a| DOCUMENTED.contains(&a.trim())));
                    prop_assert_eq!(PermissionRule::parse(&rule.to_arg()).unwrap(), rule);
                }
                Err(e) => {
                    // A plain table name and known actions always parse.
                    let plain = s.split_once(':').is_some_and(|(t, a)| {
                        !t.is_empty()
                            && t.starts_with(|c: char| c.is_ascii_alphanumeric())
                            && t.len() <= 64
                            && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                            && a.split(',').all(|a| DOCUMENTED.contains(&a))
                    });
                    prop_assert!(!plain, "{:?} refused: {}", s, e);
                    prop_assert!(e.to_string().contains("rule") || e.to_string().contains("name"), "{}", e);
                }
            }
        }

        /// Actions given in any order and repeated come out once each, in
        /// the order docs/claims.md lists them (and Turso prints them).
        #[test]
        fn parsed_actions_are_canonical(idx in proptest::collection::vec(0usize..7, 1..20)) {
            let names: Vec<&str> = idx.iter().map(|&i| DOCUMENTED[i]).collect();
            let rule = PermissionRule::parse(&format!("t:{}", names.join(","))).unwrap();
            let expected: Vec<&str> = DOCUMENTED
                .iter()
                .enumerate()
                .filter(|(i, _)| idx.contains(i))
                .map(|(_, a)| *a)
                .collect();
            let got: Vec<&str> = rule.actions.iter().map(|a| a.as_str()).collect();
            prop_assert_eq!(got, expected);
        }
    }
}
