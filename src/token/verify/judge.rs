//! The one entry point of verification: [`Judge`]. It owns the algorithm
//! policy, the `--for` target's rules, the instant of judgment (`--at`) and
//! what failed to load, and answers each token with one [`Verdict`] whose
//! [`Outcome`] is valid, invalid (with a reason) or undecided.
//!
//! A caller loads the key sources (`sources.rs`), builds [`Settings`] from
//! its flags, then:
//!
//! ```ignore
//! let mut judge = Judge::new(loaded.sources, loaded.failures, settings);
//! let verdict = judge.judge(&token, now, &mut |asked| loader.refetch(asked));
//! match verdict.outcome() { Outcome::Valid => …, Outcome::Invalid(reason) => …, Outcome::Undecided => … }
//! ```
//!
//! The same `Judge` judges many tokens (`--batch`) with keys parsed once.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};

use serde_json::{Map, Value};

use super::target::{Check, Grant, Target, Warning, WarningKind, turso_checks};
use super::{Consulted, Policy, Reason, Refetch, Source, Verdict, Verifier, powersync, sqld};
use crate::alg::Alg;
use crate::jwk::Jwk;

/// What a `--for` target needs besides the keys.
#[derive(Debug, Clone, Default)]
pub struct TargetContext {
    /// PowerSync: the audiences the service accepts (`client_auth.audience`,
    /// or the caller's). Empty: the service accepts no token.
    pub audiences: Vec<String>,
    /// The audiences as messages print them (`!env PS_X` for a value from
    /// the environment); empty: as they are.
    pub audiences_shown: Vec<String>,
    /// sqld: the server's `LIBSQL_GID`, which `p.*.tags` are matched against.
    pub gid: Option<String>,
    /// sqld: report the grants on this namespace only.
    pub namespace: Option<String>,
}

/// How to judge: jwksctl's policy (RFC 8725, `--at`), and the target whose
/// rules decide under `--for`. With a PowerSync or sqld target the policy's
/// own asks (`aud`, `iss`, `sub`, `require`, `leeway`, `algs`) are not used:
/// the target decides, and jwksctl's default rules become warnings.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub policy: Policy,
    pub target: Option<(Target, TargetContext)>,
}

/// The one answer about a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Valid,
    Invalid(Reason),
    /// No key matched while a source could not be loaded: retry later.
    Undecided,
}

impl Verdict {
    /// Valid, invalid with its reason, or undecided.
    pub fn outcome(&self) -> Outcome {
        if self.valid {
            Outcome::Valid
        } else if self.undecided {
            Outcome::Undecided
        } else {
            Outcome::Invalid(self.reason.unwrap_or(Reason::Malformed))
        }
    }
}

/// Judges tokens against a fixed set of key sources.
pub struct Judge {
    verifier: Verifier,
    target: Option<Target>,
    failures: Vec<String>,
    broken: Vec<String>,
}

impl Judge {
    /// `failures`: one line per key source that could not be loaded and
    /// may load on a retry (see [`Judge::with_broken`] for the others).
    pub fn new(sources: Vec<Source>, failures: Vec<String>, settings: Settings) -> Judge {
        let mut verifier = Verifier::new(sources, settings.policy);
        let target = settings.target.as_ref().map(|(t, _)| *t);
        verifier.target = settings.target;
        Judge {
            verifier,
            target,
            failures,
            broken: Vec::new(),
        }
    }

    /// One line per key source that failed for good (it answered with
    /// something that is not a key set): reported, and never a reason to
    /// call a verdict undecided.
    pub fn with_broken(mut self, broken: Vec<String>) -> Judge {
        self.broken = broken;
        self
    }

    /// Judge one token (as given: quotes, `Bearer ` and line breaks are
    /// removed) at the policy's instant, or at `now` (Unix seconds) without one.
    /// `refetch` is asked once for fresh keys after an unknown `kid`.
    pub fn judge(&mut self, token: &str, now: i64, refetch: &mut Refetch<'_>) -> Verdict {
        let mut verdict = self.verifier.verify(token, now, refetch);
        if let Some(target) = self.target {
            verdict.target = Some(target);
            if target == Target::Turso {
                let at = self.verifier.policy.at.unwrap_or(now);
                apply_turso(&mut verdict, at);
            }
            verdict.warnings.get_or_insert_with(Vec::new);
        }
        verdict.note_unavailable(&self.failures, &self.broken);
        self.note_sources(&mut verdict);
        verdict
    }

    /// Which sources the verdict was judged against and how the cache
    /// served them; `stale` when it relied on a stale copy: the source whose
    /// key decided, or, when no key decided, any source searched for one.
    fn note_sources(&self, verdict: &mut Verdict) {
        let sources = self.verifier.sources();
        verdict.sources = sources
            .iter()
            .map(|s| Consulted {
                source: s.label.clone(),
                url: s.url.clone(),
                cache: s.cache,
            })
            .collect();
        let stale: Vec<&Source> = match &verdict.source {
            Some(label) => sources.iter().filter(|s| &s.label == label).collect(),
            None if matches!(
                verdict.reason,
                Some(Reason::NoMatchingKey | Reason::BadSignature)
            ) =>
            {
                sources.iter().collect()
            }
            None => Vec::new(),
        };
        let stale: Vec<&Source> = stale.into_iter().filter(|s| s.is_stale()).collect();
        verdict.stale = !stale.is_empty();
        if verdict.stale {
            let copies: Vec<String> = stale
                .iter()
                .map(|s| {
                    let age = s.cache.map_or(0, |c| c.age);
                    format!(
                        "'{}' are a cached copy fetched {} ago",
                        s.label,
                        crate::duration::coarse(age)
                    )
                })
                .collect();
            verdict.message = format!(
                "{}; stale: the keys of {} (the server was not reached)",
                verdict.message,
                copies.join(", the keys of ")
            );
        }
    }

    /// The sources back (with keys refetched after a rotation) and the
    /// failures, to judge again with more sources.
    pub fn into_parts(self) -> (Vec<Source>, Vec<String>) {
        (self.verifier.into_sources(), self.failures)
    }

    /// The same judge with nothing prepared yet (keys are parsed again on
    /// first use): one per thread.
    fn fresh(&self) -> Judge {
        Judge {
            verifier: self.verifier.fresh(),
            target: self.target,
            failures: self.failures.clone(),
            broken: self.broken.clone(),
        }
    }
}

/// A refetch hook that threads can share.
pub type SharedRefetch<'a> = dyn Fn(&[&Source]) -> Vec<Option<Vec<Jwk>>> + Sync + 'a;

/// A [`Judge`] for several threads (`--batch` on several cores), whose
/// verdicts are those one `Judge` gives judging the tokens one after another
/// in input order.
///
/// The one state a `Judge` changes between tokens is the rotation refetch:
/// the first token (in input order) whose `kid` no key carries refetches the
/// URL sources, once, and every token after it is judged with the fresh keys.
/// Threads judge ahead of that order, so [`Local::judge`] gives a
/// [`Tentative`] verdict: judged with the keys as loaded, unless a token
/// before it is known to have asked for the refetch. [`Shared::settle`],
/// called in input order, keeps it or (only for the few tokens in flight
/// when the refetch was asked) judges the token again with the fresh keys.
/// The refetch hook is called once at most, whichever thread asks first.
pub struct Shared {
    /// The judge as loaded (a template: judges are copied from it).
    loaded: Judge,
    /// The keys the refetch brought, once asked.
    fetched: OnceLock<Vec<Option<Vec<Jwk>>>>,
    /// The judge after the refetch (a template), once asked.
    rotated: OnceLock<Judge>,
    idle_rotated: Mutex<Vec<Judge>>,
    /// The first token (in input order) known to have asked for the refetch.
    first_asking: AtomicU64,
}

/// A verdict that [`Shared::settle`] confirms or replaces.
pub struct Tentative {
    verdict: Verdict,
    pending: Pending,
}

/// What [`Shared::settle`] needs of a [`Tentative`] verdict: not the
/// verdict itself, which the thread that judged it may render and drop
/// (freeing memory on the thread that allocated it is cheaper).
#[derive(Debug, Clone, Copy)]
pub struct Pending {
    index: u64,
    /// Judged with the refetched keys.
    rotated: bool,
    /// Judged with the keys as loaded, and it asked for the refetch.
    asked: bool,
}

impl Tentative {
    /// The verdict as judged (what stands unless [`Shared::settle`] gives
    /// another one: when a token before it asked for the refetch).
    pub fn verdict(&self) -> &Verdict {
        &self.verdict
    }

    /// The verdict, and what [`Shared::settle`] takes.
    pub fn split(self) -> (Verdict, Pending) {
        (self.verdict, self.pending)
    }
}

/// Where [`Shared::settle`] is in the input: whether a token settled so far
/// asked for the refetch.
#[derive(Debug, Default)]
pub struct Settled {
    asked: bool,
}

const NONE_ASKED: u64 = u64::MAX;

impl Shared {
    pub fn new(judge: Judge) -> Shared {
        Shared {
            loaded: judge,
            fetched: OnceLock::new(),
            rotated: OnceLock::new(),
            idle_rotated: Mutex::new(Vec::new()),
            first_asking: AtomicU64::new(NONE_ASKED),
        }
    }

    /// A thread's own judges, to judge tokens with (any thread; each its
    /// own): a judge then stays on one thread (no lock per token, and what
    /// it allocates is freed where it was allocated).
    pub fn local(&self) -> Local<'_> {
        Local {
            shared: self,
            loaded: None,
            rotated: None,
        }
    }

    /// Settle a tentative verdict (its [`Tentative::split`] part): `None`
    /// when it stands, or the verdict instead. Call in input order, with the
    /// same `settled` throughout; `token` (asked for only if it is judged
    /// again) and `now` are what it was judged with.
    pub fn settle<'t>(
        &self,
        pending: Pending,
        token: impl FnOnce() -> std::borrow::Cow<'t, str>,
        now: i64,
        settled: &mut Settled,
        refetch: &SharedRefetch<'_>,
    ) -> Option<Verdict> {
        debug_assert!(!pending.rotated || settled.asked, "token {}", pending.index);
        if settled.asked && !pending.rotated {
            // A token before it asked for the refetch while it was judged
            // with the keys as loaded: judge it as it comes, after the refetch.
            return Some(self.judge_rotated(&token(), now, refetch));
        }
        settled.asked |= pending.asked;
        None
    }

    /// The refetch, once: later callers get what the first one brought.
    /// Every judge copied from the loaded one asks for the same sources.
    fn fetch(&self, sources: &[&Source], refetch: &SharedRefetch<'_>) -> Vec<Option<Vec<Jwk>>> {
        self.fetched.get_or_init(|| refetch(sources)).clone()
    }

    fn judge_rotated(&self, token: &str, now: i64, refetch: &SharedRefetch<'_>) -> Verdict {
        let mut judge = self.rotated_judge(refetch);
        let verdict = self.judge_with_rotated(&mut judge, token, now, refetch);
        give_back(&self.idle_rotated, judge);
        verdict
    }

    /// Judge with a judge that holds the refetched keys.
    fn judge_with_rotated(
        &self,
        judge: &mut Judge,
        token: &str,
        now: i64,
        refetch: &SharedRefetch<'_>,
    ) -> Verdict {
        // Nothing is left to refetch: the hook is never called again.
        judge.judge(token, now, &mut |sources: &[&Source]| {
            self.fetch(sources, refetch)
        })
    }

    /// A judge with the refetched keys (the refetch is made, once, if no
    /// thread made it yet).
    fn rotated_judge(&self, refetch: &SharedRefetch<'_>) -> Judge {
        take(&self.idle_rotated).unwrap_or_else(|| {
            self.rotated
                .get_or_init(|| {
                    let mut judge = self.loaded.fresh();
                    judge
                        .verifier
                        .refetch_missing(&mut |sources: &[&Source]| self.fetch(sources, refetch));
                    judge
                })
                .fresh()
        })
    }
}

/// One thread's judges (see [`Shared::local`]).
pub struct Local<'a> {
    shared: &'a Shared,
    loaded: Option<Judge>,
    rotated: Option<Judge>,
}

impl Local<'_> {
    /// Judge token number `index` (input order, from 0) at `now`: a
    /// [`Tentative`] verdict, which [`Shared::settle`] confirms or replaces.
    pub fn judge(
        &mut self,
        index: u64,
        token: &str,
        now: i64,
        refetch: &SharedRefetch<'_>,
    ) -> Tentative {
        let shared = self.shared;
        if shared.first_asking.load(Ordering::SeqCst) < index {
            let mut judge = self
                .rotated
                .take()
                .unwrap_or_else(|| shared.rotated_judge(refetch));
            let verdict = shared.judge_with_rotated(&mut judge, token, now, refetch);
            self.rotated = Some(judge);
            return Tentative {
                verdict,
                pending: Pending {
                    index,
                    rotated: true,
                    asked: false,
                },
            };
        }
        let mut judge = self.loaded.take().unwrap_or_else(|| shared.loaded.fresh());
        let mut asked = false;
        let verdict = judge.judge(token, now, &mut |sources: &[&Source]| {
            asked = true;
            shared.first_asking.fetch_min(index, Ordering::SeqCst);
            shared.fetch(sources, refetch)
        });
        // A judge that refetched holds the fresh keys: it is a rotated one.
        if asked {
            match self.rotated {
                None => self.rotated = Some(judge),
                Some(_) => give_back(&shared.idle_rotated, judge),
            }
        } else {
            self.loaded = Some(judge);
        }
        Tentative {
            verdict,
            pending: Pending {
                index,
                rotated: false,
                asked,
            },
        }
    }
}

fn take(idle: &Mutex<Vec<Judge>>) -> Option<Judge> {
    idle.lock().unwrap_or_else(|e| e.into_inner()).pop()
}

fn give_back(idle: &Mutex<Vec<Judge>>, judge: Judge) {
    idle.lock().unwrap_or_else(|e| e.into_inner()).push(judge);
}

/// Turso Cloud judges the RFC claims, then its claim shapes (docs/claims.md).
fn apply_turso(verdict: &mut Verdict, _at: i64) {
    let Some(claims) = &verdict.claims else {
        verdict.checks = Some(Vec::new());
        return;
    };
    let checks = turso_checks(claims);
    if verdict.valid
        && let Some(failed) = checks.iter().find(|c| !c.passed)
    {
        verdict.valid = false;
        verdict.reason = Some(Reason::TargetRule);
        verdict.message = format!("turso refuses it: {}", failed.describe());
    }
    let warnings = verdict.warnings.get_or_insert_with(Vec::new);
    for c in checks.iter().filter(|c| c.passed && c.warning) {
        warnings.push(Warning::new(c.rule, WarningKind::Grant, c.message.clone()));
    }
    verdict.checks = Some(checks);
}

/// What a target's rules say about a token's header and claims without its
/// signature (`token decode --for`).
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub checks: Vec<Check>,
    pub warnings: Vec<Warning>,
    /// sqld: the grants.
    pub grants: Option<Vec<Grant>>,
}

/// The rules of `target` on `header` and `claims` at `at` (Unix seconds).
/// `dups`: payload members named twice; `audiences` `None` when the
/// service's audiences are not known (only the presence of `aud` is checked).
pub fn report(
    target: Target,
    header: &Map<String, Value>,
    claims: &Map<String, Value>,
    dups: &[String],
    ctx: &TargetContext,
    audiences: Option<Vec<String>>,
    at: i64,
) -> Report {
    let alg = header.get("alg").and_then(Value::as_str).unwrap_or("");
    match target {
        Target::PowerSync => {
            let mut checks = powersync::header_checks(header);
            checks.extend(powersync::claim_checks(
                claims,
                at,
                &powersync::Limits::service(audiences, Vec::new()),
            ));
            Report {
                checks,
                ..Report::default()
            }
        }
        Target::Sqld => {
            let mut checks = vec![Check::result(
                "sqld.alg",
                None,
                if alg == Alg::EdDSA.as_str() {
                    Ok("sqld verifies EdDSA (Ed25519)".into())
                } else {
                    Err(format!(
                        "sqld verifies EdDSA (Ed25519) tokens only, not {alg:?} (JwtInvalid)"
                    ))
                },
            )];
            let (more, access) = sqld::claim_checks(claims, dups, at, ctx.gid.as_deref());
            checks.extend(more);
            let mut warnings = Vec::new();
            let grants = access.map(|access| {
                let grants = match &ctx.namespace {
                    Some(name) => vec![access.on(name, ctx.gid.as_deref())],
                    None => access.grants(ctx.gid.as_deref()),
                };
                warnings.extend(sqld::grant_warnings(&access, &grants, ctx.gid.as_deref()));
                grants
            });
            Report {
                checks,
                warnings,
                grants,
            }
        }
        Target::Turso => {
            let checks = turso_checks(claims);
            let warnings = checks
                .iter()
                .filter(|c| c.passed && c.warning)
                .map(|c| Warning::new(c.rule, WarningKind::Grant, c.message.clone()))
                .collect();
            Report {
                checks,
                warnings,
                grants: None,
            }
        }
    }
}
