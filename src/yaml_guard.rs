//! What a YAML text may cost, checked on the text before any parser sees it
//! (a hostile or mistaken file must not exhaust memory or time): a 370 KB file of aliases to one large string expanded to
//! 8.8 GB, and 50,000 nested `[` kept libyaml busy for 11 s, both within the
//! 1 MiB file cap. Each bound here over-estimates what the parser would do —
//! it reads bytes, not YAML, so no quoting or comment can hide anything from
//! it — and each is far above what a configuration file needs.

use thiserror::Error;

/// Most aliases (`*name`): PowerSync reads its configuration with the
/// `yaml` package's `parseDocument(...).toJS()`, whose `maxAliasCount`
/// defaults to 100 (powersync-ja/powersync-service,
/// packages/service-core/src/util/config/collectors/config-collector.ts,
/// commit 332d649).
pub const MAX_ALIASES: usize = 100;
/// Most bytes the document may expand to through its aliases.
pub const MAX_EXPANDED: u64 = 4 * 1024 * 1024;
/// Most flow collections (`[`, `{`) in the whole text, nested or not:
/// libyaml's time grows with the square of their nesting.
pub const MAX_FLOW: usize = 1000;
/// Most block entries (`- `, `? `) starting on one line: a line of
/// `- - - …` nests a level per two bytes; capped per line, with the
/// indentation deeper lines need, a 1 MiB file nests a few thousand levels
/// at most.
pub const MAX_ENTRIES_PER_LINE: usize = 64;

/// Why a YAML text is refused before parsing.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum YamlLimit {
    #[error(
        "line {line}: more than {MAX_FLOW} flow collections (`[`, `{{`) in the file; nesting that deep is refused before parsing"
    )]
    TooManyFlow { line: usize },
    #[error(
        "line {line}: more than {MAX_ENTRIES_PER_LINE} block entries (`- `, `? `) on one line; nesting that deep is refused before parsing"
    )]
    TooDeep { line: usize },
    #[error("line {line}: more than {MAX_ALIASES} aliases (`*name`), the most PowerSync reads")]
    TooManyAliases { line: usize },
    #[error(
        "line {line}: its aliases (`*{name}` here) could expand the document past {} MiB",
        MAX_EXPANDED >> 20
    )]
    TooLarge { line: usize, name: String },
}

/// A byte that may be part of an anchor or alias name (YAML 1.2
/// `ns-anchor-char`: anything but white space and flow indicators).
fn name_byte(b: u8) -> bool {
    !matches!(
        b,
        b' ' | b'\t' | b'\r' | b'\n' | b',' | b'[' | b']' | b'{' | b'}'
    )
}

/// Refuse `text` when parsing it could cost more than the bounds above.
/// Linear in the text; allocates a few words per anchor and alias.
pub fn check(text: &str) -> Result<(), YamlLimit> {
    let bytes = text.as_bytes();
    // Where each anchor name first appears: the real anchor of an alias is
    // there or later, so the span to the alias only over-estimates it.
    let mut first_anchor: std::collections::HashMap<&[u8], (usize, u64)> =
        std::collections::HashMap::new();
    let (mut line, mut flow, mut entries, mut aliases) = (1, 0, 0, 0);
    // X: bytes all aliases so far may expand to.
    let mut expanded_by_aliases: u64 = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let boundary = i == 0 || matches!(bytes[i - 1], b' ' | b'\t' | b'\n' | b'\r');
        match b {
            b'\n' => {
                line += 1;
                entries = 0;
            }
            b'[' | b'{' => {
                flow += 1;
                if flow > MAX_FLOW {
                    return Err(YamlLimit::TooManyFlow { line });
                }
            }
            b'-' | b'?' if boundary && bytes.get(i + 1).is_none_or(|n| n.is_ascii_whitespace()) => {
                entries += 1;
                if entries > MAX_ENTRIES_PER_LINE {
                    return Err(YamlLimit::TooDeep { line });
                }
            }
            b'&' | b'*' => {
                let end = (i + 1..bytes.len())
                    .find(|&j| !name_byte(bytes[j]))
                    .unwrap_or(bytes.len());
                let name = &bytes[i + 1..end];
                if b == b'&' && !name.is_empty() {
                    first_anchor.entry(name).or_insert((i, expanded_by_aliases));
                }
                let alias_start = boundary || matches!(bytes[i - 1], b'[' | b'{' | b',' | b':');
                if b == b'*' && alias_start && !name.is_empty() {
                    aliases += 1;
                    if aliases > MAX_ALIASES {
                        return Err(YamlLimit::TooManyAliases { line });
                    }
                    // The node is complete before its alias (a recursive
                    // alias is the parser's error): at most the text from
                    // the anchor here, with what the aliases in it expand to.
                    // Aliases after the node count too, so the bound grows
                    // with each alias: a handful pass, a bomb never does.
                    if let Some(&(at, before)) = first_anchor.get(name) {
                        let size = ((i - at) as u64)
                            .saturating_add(expanded_by_aliases.saturating_sub(before));
                        expanded_by_aliases = expanded_by_aliases.saturating_add(size);
                        if (bytes.len() as u64).saturating_add(expanded_by_aliases) > MAX_EXPANDED {
                            return Err(YamlLimit::TooLarge {
                                line,
                                name: String::from_utf8_lossy(name).into_owned(),
                            });
                        }
                    }
                }
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn configurations_pass() {
        let config = "# PowerSync\nclient_auth:\n  jwks_uri: [\"https://a/jwks\"]\n  audience: [a, b]\n  jwks:\n    keys:\n      - kty: oct\n        k: !env PS_KEY\nsync_rules:\n  content: |\n    bucket_definitions:\n      global:\n        data:\n          - SELECT * FROM lists\n          - SELECT t.*, count(*) FROM todos t\nurl: https://x/?a=1&b=2\n";
        assert_eq!(check(config), Ok(()));
        let merge = "base: &base {a: 1, b: 2}\none:\n  <<: *base\ntwo:\n  <<: *base\n";
        assert_eq!(check(merge), Ok(()));
        assert_eq!(check(&"- - x\n".repeat(1000)), Ok(()));
        // Dashes and question marks that start no entry: within words, or
        // not followed by a space.
        assert_eq!(check(&format!("rule: {}\n", "-".repeat(200))), Ok(()));
        assert_eq!(check(&format!("x: {}\n", "a- b? ".repeat(100))), Ok(()));
        // Anchors are not aliases, nor is a star inside a word.
        let anchors: String = (0..150).map(|n| format!("k{n}: &a{n} v\n")).collect();
        assert_eq!(check(&anchors), Ok(()));
        assert_eq!(check(&format!("x: {}\n", "a*b ".repeat(150))), Ok(()));
        // An alias far from the start expands to its anchor's span only.
        let far = format!("p: {}\na: &a y\nb: *a\n", "x".repeat(1_500_000));
        assert_eq!(check(&far), Ok(()));
    }

    #[test]
    fn the_attacks_are_refused_by_line() {
        let laughs = format!(
            "a: &a {}\nb: [{}]\n",
            "x".repeat(100_000),
            vec!["*a"; 90_000].join(", ")
        );
        assert!(
            matches!(check(&laughs), Err(YamlLimit::TooLarge { line: 2, .. })),
            "{:?}",
            check(&laughs)
        );
        let big = format!(
            "a: &a {}\nb: [{}]\n",
            "x".repeat(100_000),
            vec!["*a"; 50].join(", ")
        );
        assert_eq!(
            check(&big),
            Err(YamlLimit::TooLarge {
                line: 2,
                name: "a".into()
            })
        );
        // Billion laughs: each level doubles, so 100 aliases are too many.
        let mut doubling = String::from("l0: &l0 [x, x]\n");
        for n in 1..=30 {
            doubling.push_str(&format!("l{n}: &l{n} [*l{}, *l{}]\n", n - 1, n - 1));
        }
        assert!(matches!(check(&doubling), Err(YamlLimit::TooLarge { .. })));
        assert_eq!(
            check(&format!("a:\n  b: {}", "[".repeat(50_000))),
            Err(YamlLimit::TooManyFlow { line: 2 })
        );
        assert_eq!(
            check(&format!("a:\n{}x\n", "- ".repeat(300_000))),
            Err(YamlLimit::TooDeep { line: 2 })
        );
        // Quotes and comments hide nothing from the count.
        assert_eq!(
            check(&format!("a: \"{}\"\n", "[".repeat(1001))),
            Err(YamlLimit::TooManyFlow { line: 1 })
        );
        assert_eq!(
            check(&format!("a: 1 # {}\n", "? ".repeat(65))),
            Err(YamlLimit::TooDeep { line: 1 })
        );
    }

    #[test]
    fn exactly_at_the_bounds_passes() {
        // One alias: the text plus the span from `&a` to `*a` is the bound.
        let one = |x: usize| format!("a: &a {}\nb: *a\n", "x".repeat(x));
        let at_limit = (MAX_EXPANDED as usize - 20) / 2;
        assert_eq!(
            one(at_limit).len() + (at_limit + 10 - 3),
            MAX_EXPANDED as usize
        );
        assert_eq!(check(&one(at_limit)), Ok(()));
        assert_eq!(
            check(&one(at_limit + 1)),
            Err(YamlLimit::TooLarge {
                line: 2,
                name: "a".into()
            })
        );
        assert_eq!(check(&"[".repeat(MAX_FLOW)), Ok(()));
        assert_eq!(check(&"- ".repeat(MAX_ENTRIES_PER_LINE)), Ok(()));
        // (Undefined aliases: the count alone decides.)
        let aliases = format!("b: [{}]\n", vec!["*a"; MAX_ALIASES].join(", "));
        assert_eq!(check(&aliases), Ok(()));
        assert_eq!(
            check(&format!("{aliases}c: *a\n")),
            Err(YamlLimit::TooManyAliases { line: 2 })
        );
    }
}
