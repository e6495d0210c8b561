//! JWT claim templates (docs/claims.md): the request a user describes with flags, its
//! validation, and the claims it produces in the `turso` and `libsql` dialects.
//! Provider renderings of those claims live in [`providers`].

pub mod providers;
mod rules;

use serde_json::{Map, Value, json};

pub use rules::{
    Action, MAX_NAME_LEN, PermissionRule, Scope, Table, describe_char, merge_rules, validate_name,
};

/// Which claim shape to emit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Dialect {
    /// Turso Cloud: `a`, `id`/`gid`, `perm`.
    #[default]
    Turso,
    /// Self-hosted libSQL (sqld): `p.{rw,ro,roa}.ns`.
    Libsql,
}

impl Dialect {
    pub fn as_str(self) -> &'static str {
        match self {
            Dialect::Turso => "turso",
            Dialect::Libsql => "libsql",
        }
    }
}

/// Why a template request is refused. Every variant is a usage error; the
/// command layer words it with the flags that describe a template
/// (`commands/template.rs`), so the texts here name no flag.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error("neither a database nor a group was given")]
    NoTarget,
    #[error("both a database and a group were given: a template grants one database or one group")]
    BothTargets,
    #[error("the turso dialect takes one database, got {0}")]
    SeveralDatabases(usize),
    #[error("the libsql dialect needs at least one database")]
    LibsqlWithoutDatabase,
    #[error("the libsql dialect has no groups")]
    LibsqlGroup,
    #[error("the libsql dialect has no table-level permissions")]
    LibsqlPermissions,
    #[error("attached databases are only for the libsql dialect")]
    AttachWithoutLibsql,
    #[error("invalid {what} name {name:?}: {reason}")]
    InvalidName {
        what: &'static str,
        name: String,
        reason: String,
    },
    #[error("permission rule {0:?} has no ':'; expected TABLE:ACTION[,ACTION...]")]
    RuleWithoutColon(String),
    #[error("permission rule {0:?} has no table before ':'; expected TABLE:ACTION[,ACTION...]")]
    RuleWithoutTable(String),
    #[error("permission rule {0:?} has no action after ':'; expected TABLE:ACTION[,ACTION...]")]
    RuleWithoutActions(String),
    #[error(
        "unknown action {action:?} in permission rule {rule:?}; valid actions: {}",
        Action::valid_list()
    )]
    UnknownAction { rule: String, action: String },
    #[error("a read-only template cannot grant action {action} on table {table}: only data_read")]
    ReadOnlyConflict { action: Action, table: String },
}

/// A template as the user describes it, before validation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TemplateInput {
    pub databases: Vec<String>,
    pub group: Option<String>,
    pub scope: Scope,
    pub permissions: Vec<String>,
    pub dialect: Dialect,
    pub attach: Vec<String>,
}

impl TemplateInput {
    /// True when neither a database nor a group was given.
    pub fn has_no_target(&self) -> bool {
        self.databases.is_empty() && self.group.is_none()
    }
}

/// What a Turso template grants access to: one database or a group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resource {
    Database(String),
    Group(String),
}

/// A validated template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Template {
    Turso {
        resource: Resource,
        scope: Scope,
        rules: Vec<PermissionRule>,
    },
    Libsql {
        databases: Vec<String>,
        attach: Vec<String>,
        scope: Scope,
    },
}

impl Template {
    /// Validate a request (docs/claims.md, "Names").
    pub fn from_input(input: &TemplateInput) -> Result<Self, TemplateError> {
        match input.dialect {
            Dialect::Turso => Self::turso(input),
            Dialect::Libsql => Self::libsql(input),
        }
    }

    fn turso(input: &TemplateInput) -> Result<Self, TemplateError> {
        if !input.attach.is_empty() {
            return Err(TemplateError::AttachWithoutLibsql);
        }
        let resource = match (input.databases.as_slice(), &input.group) {
            ([], None) => return Err(TemplateError::NoTarget),
            ([_, ..], Some(_)) => return Err(TemplateError::BothTargets),
            ([db], None) => {
                validate_name("database", db)?;
                Resource::Database(db.clone())
            }
            ([], Some(group)) => {
                validate_name("group", group)?;
                Resource::Group(group.clone())
            }
            (dbs, None) => return Err(TemplateError::SeveralDatabases(dbs.len())),
        };
        let parsed = input
            .permissions
            .iter()
            .map(|p| PermissionRule::parse(p))
            .collect::<Result<Vec<_>, _>>()?;
        let rules = merge_rules(parsed);
        if input.scope == Scope::ReadOnly {
            for rule in &rules {
                if let Some(&action) = rule.actions.iter().find(|&&a| a != Action::DataRead) {
                    return Err(TemplateError::ReadOnlyConflict {
                        action,
                        table: rule.table.to_string(),
                    });
                }
            }
        }
        Ok(Template::Turso {
            resource,
            scope: input.scope,
            rules,
        })
    }

    fn libsql(input: &TemplateInput) -> Result<Self, TemplateError> {
        if input.group.is_some() {
            return Err(TemplateError::LibsqlGroup);
        }
        if !input.permissions.is_empty() {
            return Err(TemplateError::LibsqlPermissions);
        }
        if input.databases.is_empty() {
            return Err(TemplateError::LibsqlWithoutDatabase);
        }
        let databases = dedup_names("database", &input.databases)?;
        let attach = dedup_names("database", &input.attach)?;
        Ok(Template::Libsql {
            databases,
            attach,
            scope: input.scope,
        })
    }

    /// The claims, as a JSON object whose keys serialize in sorted order.
    pub fn claims(&self) -> Map<String, Value> {
        let value = match self {
            Template::Turso {
                resource,
                scope,
                rules,
            } => {
                let access = match scope {
                    Scope::FullAccess => "rw",
                    Scope::ReadOnly => "ro",
                };
                let (key, name) = match resource {
                    Resource::Database(name) => ("id", name),
                    Resource::Group(name) => ("gid", name),
                };
                let perm: Vec<Value> = rules
                    .iter()
                    .map(|rule| {
                        let actions: Vec<&str> = rule.actions.iter().map(|a| a.as_str()).collect();
                        let tables = match &rule.table {
                            Table::All => Value::Null,
                            Table::Named(t) => json!([t]),
                        };
                        json!({ "a": actions, "t": tables })
                    })
                    .collect();
                json!({ "a": access, key: name, "perm": perm })
            }
            Template::Libsql {
                databases,
                attach,
                scope,
            } => {
                let key = match scope {
                    Scope::FullAccess => "rw",
                    Scope::ReadOnly => "ro",
                };
                let mut p = Map::new();
                p.insert(key.to_string(), json!({ "ns": databases }));
                if !attach.is_empty() {
                    p.insert("roa".to_string(), json!({ "ns": attach }));
                }
                json!({ "p": p })
            }
        };
        match value {
            Value::Object(map) => map,
            _ => unreachable!("templates are JSON objects by construction"),
        }
    }
}

fn dedup_names(what: &'static str, names: &[String]) -> Result<Vec<String>, TemplateError> {
    let mut out: Vec<String> = Vec::with_capacity(names.len());
    for name in names {
        validate_name(what, name)?;
        if !out.contains(name) {
            out.push(name.clone());
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims_json(input: TemplateInput) -> String {
        serde_json::to_string(&Template::from_input(&input).unwrap().claims()).unwrap()
    }

    fn db(name: &str) -> TemplateInput {
        TemplateInput {
            databases: vec![name.into()],
            ..Default::default()
        }
    }

    #[test]
    fn spec_table_turso() {
        assert_eq!(
            claims_json(db("mydb")),
            r#"{"a":"rw","id":"mydb","perm":[]}"#
        );
        let mut ro = db("mydb");
        ro.scope = Scope::ReadOnly;
        assert_eq!(claims_json(ro), r#"{"a":"ro","id":"mydb","perm":[]}"#);
        let group = TemplateInput {
            group: Some("prod".into()),
            scope: Scope::ReadOnly,
            ..Default::default()
        };
        assert_eq!(claims_json(group), r#"{"a":"ro","gid":"prod","perm":[]}"#);
        let mut perms = db("mydb");
        perms.permissions = vec![
            "all:data_read".into(),
            "comments:data_add,data_update".into(),
        ];
        assert_eq!(
            claims_json(perms),
            r#"{"a":"rw","id":"mydb","perm":[{"a":["data_read"],"t":null},{"a":["data_add","data_update"],"t":["comments"]}]}"#
        );
    }

    #[test]
    fn spec_table_libsql() {
        let mut a = db("a");
        a.dialect = Dialect::Libsql;
        assert_eq!(claims_json(a.clone()), r#"{"p":{"rw":{"ns":["a"]}}}"#);
        let mut ab = a.clone();
        ab.databases.push("b".into());
        ab.scope = Scope::ReadOnly;
        assert_eq!(claims_json(ab), r#"{"p":{"ro":{"ns":["a","b"]}}}"#);
        let mut attach = a;
        attach.attach = vec!["b".into()];
        assert_eq!(
            claims_json(attach),
            r#"{"p":{"roa":{"ns":["b"]},"rw":{"ns":["a"]}}}"#
        );
    }

    #[test]
    fn contradictions() {
        let mut ro = db("mydb");
        ro.scope = Scope::ReadOnly;
        ro.permissions = vec!["all:data_read,data_add".into()];
        assert_eq!(
            Template::from_input(&ro),
            Err(TemplateError::ReadOnlyConflict {
                action: Action::DataAdd,
                table: "all".into()
            })
        );
        ro.permissions = vec!["all:data_read".into()];
        assert!(Template::from_input(&ro).is_ok());

        let mut libsql_group = TemplateInput {
            group: Some("prod".into()),
            dialect: Dialect::Libsql,
            ..Default::default()
        };
        assert_eq!(
            Template::from_input(&libsql_group),
            Err(TemplateError::LibsqlGroup)
        );
        libsql_group.group = None;
        assert_eq!(
            Template::from_input(&libsql_group),
            Err(TemplateError::LibsqlWithoutDatabase)
        );
        let mut both = db("a");
        both.group = Some("g".into());
        assert_eq!(Template::from_input(&both), Err(TemplateError::BothTargets));
        let mut attach = db("a");
        attach.attach = vec!["b".into()];
        assert_eq!(
            Template::from_input(&attach),
            Err(TemplateError::AttachWithoutLibsql)
        );
    }
}
