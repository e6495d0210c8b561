//! Keeping two registries in step (docs/registry.md, "Keep the local and
//! Turso registries in step"): the plan that makes a target hold the source's
//! entries. Entries are matched by name and compared by URL (the one thing
//! both backends keep); an entry only in the target is removed only when
//! pruning, and kept otherwise.

use serde::Serialize;

use super::Entry;

/// What a step does to the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// The name is not in the target.
    Add,
    /// The name is in the target with another URL.
    Change,
    /// The name is only in the target (pruning).
    Remove,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Add => "add",
            Action::Change => "change",
            Action::Remove => "remove",
        }
    }
}

/// One change to the target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub action: Action,
    pub name: String,
    /// The URL the target will hold (add, change), or holds (remove).
    pub url: String,
    /// The target's URL before a change.
    pub old_url: Option<String>,
    /// The source's preset name, when it records one (local entries).
    pub provider: Option<String>,
}

/// The plan, and what it leaves alone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// Adds and changes in the source's (name) order, then removals.
    pub steps: Vec<Step>,
    /// Names already the same in both.
    pub unchanged: Vec<String>,
    /// Names only in the target, left there (not pruning).
    pub kept: Vec<String>,
}

/// The steps that make `target` hold `source`'s entries; with `prune`, also
/// remove the target's entries the source does not have.
pub fn plan(source: &[Entry], target: &[Entry], prune: bool) -> Plan {
    let mut result = Plan::default();
    for entry in source {
        match target.iter().find(|t| t.name == entry.name) {
            Some(t) if t.url == entry.url => result.unchanged.push(entry.name.clone()),
            found => result.steps.push(Step {
                action: if found.is_some() {
                    Action::Change
                } else {
                    Action::Add
                },
                name: entry.name.clone(),
                url: entry.url.clone(),
                old_url: found.map(|t| t.url.clone()),
                provider: entry.meta.as_ref().and_then(|m| m.provider.clone()),
            }),
        }
    }
    for t in target {
        if source.iter().any(|s| s.name == t.name) {
            continue;
        }
        if prune {
            result.steps.push(Step {
                action: Action::Remove,
                name: t.name.clone(),
                url: t.url.clone(),
                old_url: None,
                provider: None,
            });
        } else {
            result.kept.push(t.name.clone());
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(name: &str, url: &str) -> Entry {
        Entry {
            name: name.into(),
            url: url.into(),
            meta: None,
        }
    }

    #[test]
    fn add_change_remove_keep() {
        let source = [
            e("a", "https://a/1"),
            e("b", "https://b/2"),
            e("c", "https://c"),
        ];
        let target = [
            e("b", "https://b/1"),
            e("c", "https://c"),
            e("z", "https://z"),
        ];
        let p = plan(&source, &target, false);
        let steps: Vec<(Action, &str, Option<&str>)> = p
            .steps
            .iter()
            .map(|s| (s.action, s.name.as_str(), s.old_url.as_deref()))
            .collect();
        assert_eq!(
            steps,
            [
                (Action::Add, "a", None),
                (Action::Change, "b", Some("https://b/1"))
            ]
        );
        assert_eq!(p.unchanged, ["c"]);
        assert_eq!(p.kept, ["z"]);
        let p = plan(&source, &target, true);
        assert_eq!(p.steps.last().unwrap().action, Action::Remove);
        assert_eq!(p.steps.last().unwrap().name, "z");
        assert!(p.kept.is_empty());
    }

    #[test]
    fn in_step_plans_nothing() {
        let both = [e("a", "https://a"), e("b", "https://b")];
        let p = plan(&both, &both, true);
        assert!(p.steps.is_empty() && p.kept.is_empty());
        assert_eq!(p.unchanged.len(), 2);
        // Names are compared exactly (the backends do).
        let p = plan(&[e("A", "https://a")], &[e("a", "https://a")], true);
        assert_eq!(p.steps.len(), 2);
    }
}
