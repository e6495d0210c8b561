//! The machinery of `--batch --jobs N`: an ordered parallel map over input
//! items. Items are read on one thread, worked on by N, and their answers
//! handed to the sink in input order on the calling thread, each as soon as
//! its turn comes. A slow item holds back only its own answer's place: the
//! reading goes on up to a bounded window of unanswered items, so memory
//! stays flat however many items come. Domain-free: it never prints and
//! knows nothing of tokens.
//!
//! What it costs per item matters as much as the work: verifying a token
//! takes tens of microseconds, and waking a thread costs a few. So items go
//! to the workers in chunks, read while the input has them buffered (a chunk
//! is handed out as soon as the next read might wait, so a caller that sends
//! one line at a time is answered line by line), and a worker wakes the
//! writer once per chunk, not once per answer.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

pub mod lines;

/// Where the items come from (read on a thread of their own when `jobs` > 1).
pub trait Input: Send + 'static {
    type Item: Send + 'static;
    type Error: Send + 'static;
    /// The next item; `None` at the end.
    fn next(&mut self) -> Result<Option<Self::Item>, Self::Error>;
    /// True when the next item can be read without waiting. With one job
    /// the sink is flushed before a read that may wait, and with several the
    /// items read so far are handed out before it, so a caller that sends
    /// one item and waits for its answer never deadlocks.
    fn buffered(&mut self) -> bool {
        false
    }
    /// The bytes an item holds while it waits for its answer: the reading
    /// waits while [`BYTES`] of them are unanswered, however few the items.
    fn size(_item: &Self::Item) -> usize {
        0
    }
}

/// Where the answers go, in input order (always on the calling thread).
pub trait Sink<R> {
    type Error;
    fn write(&mut self, answer: R) -> Result<(), Self::Error>;
    /// Send what is buffered: called whenever the next answer is not ready yet.
    fn flush(&mut self) -> Result<(), Self::Error>;
    /// True once the reader of the answers has gone away: stop early.
    fn closed(&self) -> bool {
        false
    }
}

/// What is done to each item, on any thread. Each thread makes its own
/// [`Work::Local`] once and keeps it for every item it works on (a cache,
/// or state that should not cross threads). Any `Fn(T) -> R + Sync` is a
/// `Work` with no local state.
pub trait Work<T, R>: Sync {
    type Local;
    /// The state one thread keeps, made on that thread.
    fn local(&self) -> Self::Local;
    fn work(&self, local: &mut Self::Local, item: T) -> R;
}

impl<T, R, F: Fn(T) -> R + Sync> Work<T, R> for F {
    type Local = ();
    fn local(&self) {}
    fn work(&self, _: &mut (), item: T) -> R {
        self(item)
    }
}

/// The number of jobs when none is given: the processors this process may use.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Unanswered items allowed per job: room for a slow item to be overtaken
/// by this many others before the reading waits.
const WINDOW_PER_JOB: usize = 512;

/// The most items handed to a worker at once: enough that handing them
/// over costs little per item, few enough that both workers stay busy
/// within the window (a job's window holds four chunks).
const CHUNK: usize = 128;

/// Bytes of unanswered items, at most (give or take a chunk): a window of
/// lines a megabyte long each would otherwise hold a gigabyte.
const BYTES: usize = 64 << 20;

/// How long the writer waits for a whole chunk's answers before it takes
/// them one by one as they come: the most an answer whose turn has come
/// waits for a slow item handed out after it in the same chunk.
const PATIENCE: Duration = Duration::from_millis(5);

/// Work on each item of `input` on `jobs` threads (1: on the calling thread,
/// one item after another) and hand the answers to `sink` in input order.
/// A read error ends the reading; the answers to the items read before it
/// are written, then the error is returned. A panic in `work` is resumed
/// here once the other threads have stopped.
pub fn ordered_map<I, R, W, S>(
    jobs: usize,
    input: I,
    work: &W,
    sink: &mut S,
) -> Result<(), I::Error>
where
    I: Input,
    R: Send + 'static,
    W: Work<I::Item, R>,
    S: Sink<R, Error = I::Error>,
{
    let jobs = jobs.max(1);
    if jobs == 1 {
        return sequential(input, work, sink);
    }
    let limits = Limits {
        jobs,
        window: jobs * WINDOW_PER_JOB,
        chunk: CHUNK,
        bytes: BYTES,
    };
    parallel(limits, input, work, sink)
}

/// One job: read, work and write on the calling thread, nothing handed over.
fn sequential<I, R, W, S>(mut input: I, work: &W, sink: &mut S) -> Result<(), I::Error>
where
    I: Input,
    W: Work<I::Item, R>,
    S: Sink<R, Error = I::Error>,
{
    let mut local = work.local();
    loop {
        if !input.buffered() {
            sink.flush()?;
        }
        if sink.closed() {
            return Ok(());
        }
        match input.next()? {
            Some(item) => sink.write(work.work(&mut local, item))?,
            None => break,
        }
    }
    sink.flush()
}

/// The shape of a parallel run.
#[derive(Debug, Clone, Copy)]
struct Limits {
    /// Worker threads (at least two).
    jobs: usize,
    /// Items read and not yet written, at most.
    window: usize,
    /// Items handed to a worker at once, at most.
    chunk: usize,
    /// Bytes of unanswered items (`Input::size`), at most: the reading
    /// waits past it, and a chunk ends once it holds an eighth of it.
    bytes: usize,
}

/// Several jobs: a reader thread, `jobs` workers, and the calling thread
/// writing the answers in order.
fn parallel<I, R, W, S>(limits: Limits, input: I, work: &W, sink: &mut S) -> Result<(), I::Error>
where
    I: Input,
    R: Send + 'static,
    W: Work<I::Item, R>,
    S: Sink<R, Error = I::Error>,
{
    let (job_tx, job_rx) = mpsc::channel::<Job<I::Item, R>>();
    let (order_tx, order_rx) = mpsc::channel::<Order<R, I::Error>>();
    // The reader is woken once half the window is free: it then reads
    // several chunks per wake-up.
    let room = Arc::new(Room::new(
        limits.window.max(1),
        limits.window / 2,
        limits.bytes,
    ));

    // The reader is not scoped: when the sink closes early it may be
    // waiting for input that never comes, and must not hold us up.
    let reader = Reader {
        input,
        chunk: limits.chunk.max(1),
        chunk_bytes: (limits.bytes / 8).max(1),
        jobs: job_tx.clone(),
        order: order_tx,
        room: room.clone(),
    };
    std::thread::spawn(move || reader.run());

    let job_rx = Mutex::new(job_rx);
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        for _ in 0..limits.jobs {
            let (job_rx, stop) = (&job_rx, &stop);
            scope.spawn(move || worker(job_rx, stop, work));
        }
        let result = write_in_order(&order_rx, &room, sink);
        stop.store(true, Ordering::SeqCst);
        room.close();
        for _ in 0..limits.jobs {
            let _ = job_tx.send(Job::Stop);
        }
        match result {
            Written::Done(result) => result,
            Written::Panicked => panic!("a batch worker panicked"),
        }
    })
}

/// What the workers take: a chunk of items and the slot for their answers.
enum Job<T, R> {
    Chunk(Arc<Slot<R>>, Vec<T>),
    Stop,
}

/// What the writer takes, in input order: each chunk's slot, then the end.
enum Order<R, E> {
    Chunk(Arc<Slot<R>>),
    /// The reading stopped, on an error or not.
    End(Option<E>),
}

/// The window: how many more items may be read before answers are written.
struct Room {
    state: Mutex<RoomState>,
    freed: Condvar,
}

struct RoomState {
    free: usize,
    /// Wake a waiting reader once this much is free, so it reads several
    /// items per wake-up (at most the window).
    wake_at: usize,
    /// Bytes held by the items read and not yet answered.
    bytes: usize,
    /// The reading waits while `bytes` is at least this.
    most_bytes: usize,
    /// What the reader waits for, if it waits (so freeing it must wake it).
    waiting: Wait,
    /// The writer has stopped: no room will ever come.
    closed: bool,
}

impl Room {
    fn new(window: usize, wake_at: usize, most_bytes: usize) -> Room {
        Room {
            state: Mutex::new(RoomState {
                free: window,
                wake_at: wake_at.clamp(1, window),
                bytes: 0,
                most_bytes: most_bytes.max(1),
                waiting: Wait::Not,
                closed: false,
            }),
            freed: Condvar::new(),
        }
    }

    /// Take room for up to `most` more items, waiting for some when none
    /// is `held`, and while the items read hold the most bytes: how many
    /// were taken, or `None` once the writer stopped.
    fn take(&self, held: usize, most: usize) -> Option<usize> {
        let mut state = lock(&self.state);
        while !state.closed {
            state.waiting = if state.bytes >= state.most_bytes {
                Wait::Bytes
            } else if held == 0 && state.free == 0 {
                Wait::Items
            } else {
                break;
            };
            state = self.freed.wait(state).unwrap_or_else(|e| e.into_inner());
        }
        state.waiting = Wait::Not;
        if state.closed {
            return None;
        }
        let taken = state.free.min(most);
        state.free -= taken;
        Some(taken)
    }

    /// The items just read hold `bytes`.
    fn hold(&self, bytes: usize) {
        let mut state = lock(&self.state);
        state.bytes = state.bytes.saturating_add(bytes);
    }

    /// Room for `n` more items holding `bytes` (their answers are written).
    fn give_back(&self, n: usize, bytes: usize) {
        let mut state = lock(&self.state);
        state.free += n;
        state.bytes = state.bytes.saturating_sub(bytes);
        let wake = match state.waiting {
            Wait::Not => false,
            Wait::Bytes => state.bytes < state.most_bytes,
            Wait::Items => state.free >= state.wake_at,
        };
        if wake {
            drop(state);
            self.freed.notify_one();
        }
    }

    fn close(&self) {
        lock(&self.state).closed = true;
        self.freed.notify_all();
    }
}

/// What the reader waits for.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Wait {
    Not,
    /// Room for items: woken once `wake_at` is free (at most the window:
    /// all of it is free once every item read is answered).
    Items,
    /// The items read hold the most bytes: woken once they hold less.
    Bytes,
}

/// The answers to one chunk, filled by its worker as they come.
struct Slot<R> {
    state: Mutex<SlotState<R>>,
    changed: Condvar,
    /// What the chunk's items hold (`Input::size`).
    bytes: usize,
}

struct SlotState<R> {
    /// Answered and not yet taken by the writer, in input order.
    answers: Vec<R>,
    /// Items not yet answered.
    left: usize,
    /// What the writer waits for, if it waits on this slot.
    waiting: Waiting,
    /// The worker panicked on one of these items.
    panicked: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Waiting {
    Not,
    /// The last answer: one wake-up for the whole chunk.
    Whole,
    /// Each answer (the chunk is slow: do not hold the ready ones back).
    Each,
}

impl<R> Slot<R> {
    fn new(len: usize, bytes: usize) -> Slot<R> {
        Slot {
            bytes,
            state: Mutex::new(SlotState {
                answers: Vec::with_capacity(len),
                left: len,
                waiting: Waiting::Not,
                panicked: false,
            }),
            changed: Condvar::new(),
        }
    }

    fn answer(&self, answer: R) {
        let mut state = lock(&self.state);
        state.answers.push(answer);
        state.left -= 1;
        let wake = match state.waiting {
            Waiting::Not => false,
            Waiting::Whole => state.left == 0,
            Waiting::Each => true,
        };
        drop(state);
        if wake {
            self.changed.notify_one();
        }
    }

    fn panicked(&self) {
        lock(&self.state).panicked = true;
        self.changed.notify_one();
    }
}

/// A lock whose holder panicked is still consistent here: every change
/// under these locks is a single step.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

struct Reader<I: Input, R> {
    input: I,
    chunk: usize,
    /// A chunk ends once its items hold this many bytes.
    chunk_bytes: usize,
    jobs: Sender<Job<I::Item, R>>,
    order: Sender<Order<R, I::Error>>,
    room: Arc<Room>,
}

/// Why a chunk ended short of its room, if it did.
enum Stopped<E> {
    /// The input ended (`None`) or failed.
    End(Option<E>),
    /// The next read might wait: hand out what was read first.
    WouldWait,
}

impl<I: Input, R> Reader<I, R> {
    fn run(mut self) {
        // Room taken and not yet used by an item read.
        let mut held = 0;
        let error = loop {
            // `held` < `chunk` here: each chunk read at least one item.
            match self.room.take(held, self.chunk - held) {
                Some(more) => held += more,
                // The writer has stopped (the wait may have been long).
                None => break None,
            }
            let (items, bytes, stopped) = read_chunk(&mut self.input, held, self.chunk_bytes);
            held -= items.len();
            if !items.is_empty() {
                self.room.hold(bytes);
                let slot = Arc::new(Slot::new(items.len(), bytes));
                if self.order.send(Order::Chunk(slot.clone())).is_err()
                    || self.jobs.send(Job::Chunk(slot, items)).is_err()
                {
                    return;
                }
            }
            if let Some(Stopped::End(error)) = stopped {
                break error;
            }
        };
        let _ = self.order.send(Order::End(error));
    }
}

/// A chunk as read: its items, the bytes they hold, and why it ended short.
type Chunk<I> = (
    Vec<<I as Input>::Item>,
    usize,
    Option<Stopped<<I as Input>::Error>>,
);

/// Read up to `most` items (at least one), stopping before a read that
/// might wait once one has been read, once they hold `most_bytes`, and at
/// the end of the input: the items and the bytes they hold.
fn read_chunk<I: Input>(input: &mut I, most: usize, most_bytes: usize) -> Chunk<I> {
    let mut items = Vec::with_capacity(most);
    let mut bytes = 0usize;
    while items.len() < most && bytes < most_bytes {
        if !items.is_empty() && !input.buffered() {
            return (items, bytes, Some(Stopped::WouldWait));
        }
        match input.next() {
            Ok(Some(item)) => {
                bytes = bytes.saturating_add(I::size(&item));
                items.push(item);
            }
            Ok(None) => return (items, bytes, Some(Stopped::End(None))),
            Err(e) => return (items, bytes, Some(Stopped::End(Some(e)))),
        }
    }
    (items, bytes, None)
}

fn worker<T, R, W>(jobs: &Mutex<Receiver<Job<T, R>>>, stop: &AtomicBool, work: &W)
where
    W: Work<T, R>,
{
    /// Tells the writer when `work` panics, so nothing waits for its answer.
    struct OnPanic<'a, R>(&'a Slot<R>);
    impl<R> Drop for OnPanic<'_, R> {
        fn drop(&mut self) {
            if std::thread::panicking() {
                self.0.panicked();
            }
        }
    }
    let mut local = work.local();
    loop {
        // A poisoned lock means another worker panicked while waiting:
        // it has told the writer already.
        let job = match jobs.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok(Job::Chunk(slot, items)) = job else {
            return;
        };
        let _guard = OnPanic(&slot);
        for item in items {
            if stop.load(Ordering::Relaxed) {
                return;
            }
            slot.answer(work.work(&mut local, item));
        }
    }
}

enum Written<E> {
    Done(Result<(), E>),
    Panicked,
}

/// The calling thread's part: take the chunks in input order and write
/// each answer as soon as the ones before it are written; flush whenever
/// the next one is not ready yet.
fn write_in_order<R, E, S>(orders: &Receiver<Order<R, E>>, room: &Room, sink: &mut S) -> Written<E>
where
    S: Sink<R, Error = E>,
{
    let mut answers = Vec::new();
    loop {
        let order = match orders.try_recv() {
            Ok(order) => order,
            Err(TryRecvError::Empty) => {
                if let Err(e) = sink.flush() {
                    return Written::Done(Err(e));
                }
                if sink.closed() {
                    return Written::Done(Ok(()));
                }
                match orders.recv() {
                    Ok(order) => order,
                    // The reader went without a word: it panicked.
                    Err(_) => return Written::Panicked,
                }
            }
            Err(TryRecvError::Disconnected) => return Written::Panicked,
        };
        let slot = match order {
            Order::Chunk(slot) => slot,
            Order::End(error) => {
                return Written::Done(sink.flush().and(error.map_or(Ok(()), Err)));
            }
        };
        let mut written = 0;
        let mut patient = true;
        loop {
            let complete = {
                let mut state = lock(&slot.state);
                if state.panicked {
                    return Written::Panicked;
                }
                let complete = state.left == 0;
                if !complete && (patient || state.answers.is_empty()) {
                    None
                } else {
                    std::mem::swap(&mut answers, &mut state.answers);
                    Some(complete)
                }
            };
            match complete {
                Some(complete) => {
                    for answer in answers.drain(..) {
                        written += 1;
                        if let Err(e) = sink.write(answer) {
                            return Written::Done(Err(e));
                        }
                        if sink.closed() {
                            return Written::Done(Ok(()));
                        }
                    }
                    if complete {
                        break;
                    }
                }
                None => {
                    // Nothing more to write until the worker answers.
                    if let Err(e) = sink.flush() {
                        return Written::Done(Err(e));
                    }
                    if sink.closed() {
                        return Written::Done(Ok(()));
                    }
                    patient = wait(&slot, patient);
                }
            }
        }
        room.give_back(written, slot.bytes);
    }
}

/// Wait for the worker of `slot`: for its last answer while `patient`, for
/// at most [`PATIENCE`]; then for each answer. Whether to stay patient.
fn wait<R>(slot: &Slot<R>, patient: bool) -> bool {
    let mut state = lock(&slot.state);
    if state.panicked || state.left == 0 || (!patient && !state.answers.is_empty()) {
        return patient;
    }
    let still = if patient {
        state.waiting = Waiting::Whole;
        let (back, waited) = slot
            .changed
            .wait_timeout(state, PATIENCE)
            .unwrap_or_else(|e| e.into_inner());
        state = back;
        !waited.timed_out()
    } else {
        state.waiting = Waiting::Each;
        state = slot.changed.wait(state).unwrap_or_else(|e| e.into_inner());
        false
    };
    state.waiting = Waiting::Not;
    still
}

#[cfg(test)]
mod tests;
