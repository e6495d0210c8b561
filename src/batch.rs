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
    fn buffered(&self) -> bool {
        false
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

/// The number of jobs when none is given: the processors this process may use.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Unanswered items allowed per job: room for a slow item to be overtaken
/// by this many others before the reading waits.
const WINDOW_PER_JOB: usize = 64;

/// The most items handed to a worker at once: enough that handing them
/// over costs little per item, few enough that both workers stay busy
/// within the window (a job's window holds four chunks).
const CHUNK: usize = 16;

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
    W: Fn(I::Item) -> R + Sync,
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
    };
    parallel(limits, input, work, sink)
}

/// One job: read, work and write on the calling thread, nothing handed over.
fn sequential<I, R, W, S>(mut input: I, work: &W, sink: &mut S) -> Result<(), I::Error>
where
    I: Input,
    W: Fn(I::Item) -> R,
    S: Sink<R, Error = I::Error>,
{
    loop {
        if !input.buffered() {
            sink.flush()?;
        }
        if sink.closed() {
            return Ok(());
        }
        match input.next()? {
            Some(item) => sink.write(work(item))?,
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
}

/// Several jobs: a reader thread, `jobs` workers, and the calling thread
/// writing the answers in order.
fn parallel<I, R, W, S>(limits: Limits, input: I, work: &W, sink: &mut S) -> Result<(), I::Error>
where
    I: Input,
    R: Send + 'static,
    W: Fn(I::Item) -> R + Sync,
    S: Sink<R, Error = I::Error>,
{
    let (job_tx, job_rx) = mpsc::channel::<Job<I::Item, R>>();
    let (order_tx, order_rx) = mpsc::channel::<Order<R, I::Error>>();
    let room = Arc::new(Room::new(limits.window.max(1)));

    // The reader is not scoped: when the sink closes early it may be
    // waiting for input that never comes, and must not hold us up.
    let reader = Reader {
        input,
        chunk: limits.chunk.max(1),
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
    /// The reader waits for room (so freeing some must wake it).
    waiting: bool,
    /// The writer has stopped: no room will ever come.
    closed: bool,
}

impl Room {
    fn new(window: usize) -> Room {
        Room {
            state: Mutex::new(RoomState {
                free: window,
                waiting: false,
                closed: false,
            }),
            freed: Condvar::new(),
        }
    }

    /// Take room for up to `most` more items, waiting for some when none
    /// is `held`: how many were taken, or `None` once the writer stopped.
    fn take(&self, held: usize, most: usize) -> Option<usize> {
        let mut state = lock(&self.state);
        while held == 0 && state.free == 0 && !state.closed {
            state.waiting = true;
            state = self.freed.wait(state).unwrap_or_else(|e| e.into_inner());
        }
        state.waiting = false;
        if state.closed {
            return None;
        }
        let taken = state.free.min(most);
        state.free -= taken;
        Some(taken)
    }

    /// Room for `n` more items (their answers are written).
    fn give_back(&self, n: usize) {
        let mut state = lock(&self.state);
        state.free += n;
        if state.waiting {
            drop(state);
            self.freed.notify_one();
        }
    }

    fn close(&self) {
        lock(&self.state).closed = true;
        self.freed.notify_all();
    }
}

/// The answers to one chunk, filled by its worker as they come.
struct Slot<R> {
    state: Mutex<SlotState<R>>,
    changed: Condvar,
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
    fn new(len: usize) -> Slot<R> {
        Slot {
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
            let (items, stopped) = read_chunk(&mut self.input, held);
            held -= items.len();
            if !items.is_empty() {
                let slot = Arc::new(Slot::new(items.len()));
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

/// Read up to `most` items (at least one), stopping before a read that
/// might wait once one has been read, and at the end of the input.
fn read_chunk<I: Input>(input: &mut I, most: usize) -> (Vec<I::Item>, Option<Stopped<I::Error>>) {
    let mut items = Vec::with_capacity(most);
    while items.len() < most {
        if !items.is_empty() && !input.buffered() {
            return (items, Some(Stopped::WouldWait));
        }
        match input.next() {
            Ok(Some(item)) => items.push(item),
            Ok(None) => return (items, Some(Stopped::End(None))),
            Err(e) => return (items, Some(Stopped::End(Some(e)))),
        }
    }
    (items, None)
}

fn worker<T, R, W>(jobs: &Mutex<Receiver<Job<T, R>>>, stop: &AtomicBool, work: &W)
where
    W: Fn(T) -> R,
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
            slot.answer(work(item));
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
        room.give_back(written);
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
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    /// Long enough never to fire on a working machine: it only turns a
    /// deadlock into a failure instead of a hung test.
    const DEADLOCK: Duration = Duration::from_secs(120);

    #[derive(Debug, Clone, PartialEq)]
    enum Event {
        Read(u64),
        Write(u64),
        Flush,
    }

    type Log = Arc<Mutex<Vec<Event>>>;

    /// Items 0, 1, 2… (`count` of them, or endless), then optionally an error.
    struct Numbers {
        next: u64,
        count: Option<u64>,
        error_at_end: bool,
        read: Arc<AtomicUsize>,
        log: Option<Log>,
        /// Told the number of items read, after each read.
        on_read: Option<Sender<u64>>,
        buffered: bool,
        /// Told the number of answers written at each flush: item `n` is
        /// read only once `n` answers are (a caller waiting for each one).
        wait_for: Option<Receiver<usize>>,
    }

    impl Numbers {
        fn new(count: Option<u64>) -> Self {
            Numbers {
                next: 0,
                count,
                error_at_end: false,
                read: Arc::new(AtomicUsize::new(0)),
                log: None,
                on_read: None,
                buffered: false,
                wait_for: None,
            }
        }
    }

    impl Input for Numbers {
        type Item = u64;
        type Error = String;
        fn next(&mut self) -> Result<Option<u64>, String> {
            if self.count == Some(self.next) {
                return if self.error_at_end {
                    Err("cannot read".to_string())
                } else {
                    Ok(None)
                };
            }
            let item = self.next;
            if let Some(rx) = &self.wait_for {
                loop {
                    match rx.recv_timeout(DEADLOCK) {
                        Ok(written) if written as u64 >= item => break,
                        Ok(_) => continue,
                        Err(_) => panic!("item {item} was sent before answer {} came", item - 1),
                    }
                }
            }
            self.next += 1;
            self.read.fetch_add(1, Ordering::SeqCst);
            if let Some(log) = &self.log {
                log.lock().unwrap().push(Event::Read(item));
            }
            if let Some(tx) = &self.on_read {
                let _ = tx.send(self.next);
            }
            Ok(Some(item))
        }
        fn buffered(&self) -> bool {
            self.buffered
        }
    }

    #[derive(Default)]
    struct Record {
        answers: Vec<u64>,
        flushes: usize,
        written: Arc<AtomicUsize>,
        close_after: Option<usize>,
        fail_at: Option<usize>,
        log: Option<Log>,
        /// Told the number of answers written, at each flush.
        on_flush: Option<Sender<usize>>,
    }

    impl Sink<u64> for Record {
        type Error = String;
        fn write(&mut self, answer: u64) -> Result<(), String> {
            if self.fail_at == Some(self.answers.len()) {
                return Err("cannot write".to_string());
            }
            self.answers.push(answer);
            self.written.fetch_add(1, Ordering::SeqCst);
            if let Some(log) = &self.log {
                log.lock().unwrap().push(Event::Write(answer));
            }
            Ok(())
        }
        fn flush(&mut self) -> Result<(), String> {
            self.flushes += 1;
            if let Some(log) = &self.log {
                log.lock().unwrap().push(Event::Flush);
            }
            if let Some(tx) = &self.on_flush {
                let _ = tx.send(self.answers.len());
            }
            Ok(())
        }
        fn closed(&self) -> bool {
            self.close_after.is_some_and(|n| self.answers.len() >= n)
        }
    }

    /// Some items take longer than others, so answers come back out of order.
    fn uneven(item: u64) -> u64 {
        if item % 7 == 3 {
            std::thread::sleep(Duration::from_micros(300));
        } else if item % 5 == 1 {
            std::thread::yield_now();
        }
        item * 2
    }

    #[test]
    fn answers_come_in_input_order_whatever_the_jobs() {
        let expected: Vec<u64> = (0..3000).map(|i| i * 2).collect();
        for jobs in [1, 2, 3, 8] {
            // Buffered: chunks of many items; not: one item a chunk.
            for buffered in [false, true] {
                let mut input = Numbers::new(Some(3000));
                input.buffered = buffered;
                let mut sink = Record::default();
                ordered_map(jobs, input, &uneven, &mut sink).unwrap();
                assert_eq!(sink.answers, expected, "jobs {jobs} buffered {buffered}");
                assert!(sink.flushes >= 1, "jobs {jobs}: the end is flushed");
            }
        }
        let mut sink = Record::default();
        ordered_map(4, Numbers::new(Some(0)), &uneven, &mut sink).unwrap();
        assert!(sink.answers.is_empty());
    }

    /// Item 0 finishes only once item 10 has been read: reading behind a
    /// slow item would never get there.
    #[test]
    fn a_slow_item_does_not_stop_the_reading() {
        for buffered in [false, true] {
            let (tx, rx) = mpsc::channel();
            let rx = Mutex::new(rx);
            let mut input = Numbers::new(Some(40));
            input.on_read = Some(tx);
            input.buffered = buffered;
            let work = |item: u64| {
                if item == 0 {
                    let rx = rx.lock().unwrap();
                    loop {
                        match rx.recv_timeout(DEADLOCK) {
                            Ok(read) if read >= 11 => break,
                            Ok(_) => continue,
                            Err(_) => panic!("the reading stopped behind the slow item"),
                        }
                    }
                }
                item
            };
            let mut sink = Record::default();
            let limits = Limits {
                jobs: 2,
                window: 16,
                chunk: 4,
            };
            parallel(limits, input, &work, &mut sink).unwrap();
            assert_eq!(sink.answers, (0..40).collect::<Vec<_>>());
        }
    }

    /// Item 1 finishes only once answer 0 has been flushed: an answer kept
    /// until later ones are ready would never be. Buffered, items 0 and 1
    /// are handed out together: answer 0 waits no longer than the patience.
    #[test]
    fn each_answer_is_flushed_as_soon_as_its_turn_comes() {
        for buffered in [false, true] {
            let (tx, rx) = mpsc::channel();
            let rx = Mutex::new(rx);
            let work = |item: u64| {
                if item == 1 {
                    let rx = rx.lock().unwrap();
                    loop {
                        match rx.recv_timeout(DEADLOCK) {
                            Ok(written) if written >= 1 => break,
                            Ok(_) => continue,
                            Err(_) => panic!("answer 0 waited for answer 1"),
                        }
                    }
                }
                item
            };
            let mut sink = Record {
                on_flush: Some(tx),
                ..Record::default()
            };
            let mut input = Numbers::new(Some(5));
            input.buffered = buffered;
            ordered_map(2, input, &work, &mut sink).unwrap();
            assert_eq!(sink.answers, vec![0, 1, 2, 3, 4], "buffered {buffered}");
        }
    }

    /// A caller that sends one item and waits for its answer before it
    /// sends the next: each item is handed out alone, answered and flushed.
    #[test]
    fn a_caller_waiting_for_each_answer_is_answered() {
        for jobs in [1, 2, 4] {
            let (tx, rx) = mpsc::channel();
            let mut input = Numbers::new(Some(20));
            input.wait_for = Some(rx);
            let mut sink = Record {
                on_flush: Some(tx),
                ..Record::default()
            };
            ordered_map(jobs, input, &|i| i, &mut sink).unwrap();
            assert_eq!(sink.answers, (0..20).collect::<Vec<_>>(), "jobs {jobs}");
        }
    }

    /// While item 0 is slow the reading goes on up to the window, never past
    /// it: memory is bounded by the window, not by the number of items.
    #[test]
    fn the_window_bounds_the_unanswered_items() {
        for (buffered, chunk) in [(false, 4), (true, 4), (true, 3), (true, 16)] {
            let window = 8;
            let (tx, rx) = mpsc::channel();
            let rx = Mutex::new(rx);
            let mut input = Numbers::new(Some(200));
            input.on_read = Some(tx);
            input.buffered = buffered;
            let read = input.read.clone();
            let mut sink = Record::default();
            let written = sink.written.clone();
            let most = AtomicUsize::new(0);
            let work = |item: u64| {
                if item == 0 {
                    let rx = rx.lock().unwrap();
                    loop {
                        match rx.recv_timeout(DEADLOCK) {
                            Ok(n) if n >= window as u64 => break,
                            Ok(_) => continue,
                            Err(_) => panic!("the reading stopped before the window was full"),
                        }
                    }
                }
                let unanswered = read.load(Ordering::SeqCst) - written.load(Ordering::SeqCst);
                most.fetch_max(unanswered, Ordering::SeqCst);
                item
            };
            let limits = Limits {
                jobs: 2,
                window,
                chunk,
            };
            parallel(limits, input, &work, &mut sink).unwrap();
            assert_eq!(sink.answers, (0..200).collect::<Vec<_>>());
            assert_eq!(
                most.load(Ordering::SeqCst),
                window,
                "buffered {buffered} chunk {chunk}"
            );
        }
    }

    /// `ordered_map`'s window is 64 items per job, whatever the chunks.
    #[test]
    fn the_window_is_sixty_four_items_per_job() {
        for jobs in [2, 3] {
            let window = jobs * WINDOW_PER_JOB;
            let (tx, rx) = mpsc::channel();
            let rx = Mutex::new(rx);
            let mut input = Numbers::new(Some(1000));
            input.on_read = Some(tx);
            input.buffered = true;
            let read = input.read.clone();
            let mut sink = Record::default();
            let written = sink.written.clone();
            let most = AtomicUsize::new(0);
            let work = |item: u64| {
                if item == 0 {
                    let rx = rx.lock().unwrap();
                    loop {
                        match rx.recv_timeout(DEADLOCK) {
                            Ok(n) if n >= window as u64 => break,
                            Ok(_) => continue,
                            Err(_) => panic!("the reading stopped before the window was full"),
                        }
                    }
                }
                let unanswered = read.load(Ordering::SeqCst) - written.load(Ordering::SeqCst);
                most.fetch_max(unanswered, Ordering::SeqCst);
                item
            };
            ordered_map(jobs, input, &work, &mut sink).unwrap();
            assert_eq!(sink.answers, (0..1000).collect::<Vec<_>>());
            assert_eq!(most.load(Ordering::SeqCst), window, "jobs {jobs}");
        }
    }

    /// A chunk is as long as the room allows while the input has items
    /// buffered, and ends before a read that may wait or at the end.
    #[test]
    fn chunks_end_before_a_read_that_may_wait() {
        let mut input = Numbers::new(Some(10));
        input.buffered = true;
        let (items, stopped) = read_chunk(&mut input, 4);
        assert_eq!(items, vec![0, 1, 2, 3]);
        assert!(stopped.is_none());
        let (items, stopped) = read_chunk(&mut input, 1);
        assert_eq!(items, vec![4]);
        assert!(stopped.is_none());
        let (items, stopped) = read_chunk(&mut input, 8);
        assert_eq!(items, vec![5, 6, 7, 8, 9]);
        assert!(matches!(stopped, Some(Stopped::End(None))));
        let (items, stopped) = read_chunk(&mut input, 8);
        assert!(items.is_empty());
        assert!(matches!(stopped, Some(Stopped::End(None))));

        // Not buffered: the first read may wait, the second is not made.
        let mut input = Numbers::new(Some(10));
        let (items, stopped) = read_chunk(&mut input, 4);
        assert_eq!(items, vec![0]);
        assert!(matches!(stopped, Some(Stopped::WouldWait)));
        assert_eq!(input.read.load(Ordering::SeqCst), 1);

        let mut input = Numbers::new(Some(2));
        input.buffered = true;
        input.error_at_end = true;
        let (items, stopped) = read_chunk(&mut input, 4);
        assert_eq!(items, vec![0, 1]);
        assert!(matches!(stopped, Some(Stopped::End(Some(e))) if e == "cannot read"));
    }

    /// Room is taken up to what is asked and what is free, waited for only
    /// when none is held, and never given once the writer has stopped.
    #[test]
    fn the_room_counts_items() {
        let room = Room::new(5);
        assert_eq!(room.take(0, 3), Some(3));
        assert_eq!(room.take(3, 4), Some(2));
        assert_eq!(
            room.take(1, 4),
            Some(0),
            "none free: no wait while some is held"
        );
        room.give_back(4);
        assert_eq!(room.take(0, 9), Some(4));
        let room = Arc::new(room);
        let waiting = {
            let room = room.clone();
            std::thread::spawn(move || room.take(0, 9))
        };
        room.give_back(2);
        assert_eq!(
            waiting.join().unwrap(),
            Some(2),
            "woken by the room given back"
        );
        let waiting = {
            let room = room.clone();
            std::thread::spawn(move || room.take(0, 9))
        };
        room.close();
        assert_eq!(waiting.join().unwrap(), None, "woken by the writer's stop");
        room.give_back(3);
        assert_eq!(room.take(0, 9), None);
    }

    #[test]
    fn a_closed_sink_stops_an_endless_input() {
        for jobs in [1, 2, 4] {
            let mut sink = Record {
                close_after: Some(5),
                ..Record::default()
            };
            ordered_map(jobs, Numbers::new(None), &uneven, &mut sink).unwrap();
            assert_eq!(sink.answers, vec![0, 2, 4, 6, 8], "jobs {jobs}");
        }
    }

    #[test]
    fn a_read_error_comes_after_the_answers_before_it() {
        for jobs in [1, 2, 4] {
            let mut input = Numbers::new(Some(10));
            input.error_at_end = true;
            let mut sink = Record::default();
            let result = ordered_map(jobs, input, &uneven, &mut sink);
            assert_eq!(result, Err("cannot read".to_string()), "jobs {jobs}");
            assert_eq!(sink.answers, (0..10).map(|i| i * 2).collect::<Vec<_>>());
        }
    }

    #[test]
    fn a_write_error_stops_an_endless_input() {
        for jobs in [1, 2, 4] {
            let mut sink = Record {
                fail_at: Some(3),
                ..Record::default()
            };
            let result = ordered_map(jobs, Numbers::new(None), &uneven, &mut sink);
            assert_eq!(result, Err("cannot write".to_string()), "jobs {jobs}");
            assert_eq!(sink.answers, vec![0, 2, 4], "jobs {jobs}");
        }
    }

    #[test]
    fn a_panic_in_the_work_reaches_the_caller_without_a_hang() {
        for jobs in [1, 2, 4] {
            let work = |item: u64| {
                assert!(item != 3, "item 3");
                item
            };
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                let mut sink = Record::default();
                ordered_map(jobs, Numbers::new(None), &work, &mut sink)
            }));
            assert!(outcome.is_err(), "jobs {jobs}");
        }
    }

    /// With one job, a read that may wait comes after a flush; one that
    /// cannot (input buffered) does not cost a flush.
    #[test]
    fn one_job_flushes_before_a_read_that_may_wait() {
        for buffered in [false, true] {
            let log: Log = Arc::default();
            let mut input = Numbers::new(Some(4));
            input.log = Some(log.clone());
            input.buffered = buffered;
            let mut sink = Record {
                log: Some(log.clone()),
                ..Record::default()
            };
            ordered_map(1, input, &|i| i, &mut sink).unwrap();
            let log = log.lock().unwrap().clone();
            use Event::*;
            let expected = if buffered {
                vec![
                    Read(0),
                    Write(0),
                    Read(1),
                    Write(1),
                    Read(2),
                    Write(2),
                    Read(3),
                    Write(3),
                    Flush,
                ]
            } else {
                vec![
                    Flush,
                    Read(0),
                    Write(0),
                    Flush,
                    Read(1),
                    Write(1),
                    Flush,
                    Read(2),
                    Write(2),
                    Flush,
                    Read(3),
                    Write(3),
                    Flush,
                    Flush,
                ]
            };
            assert_eq!(log, expected, "buffered {buffered}");
        }
    }

    #[test]
    fn the_default_is_one_job_per_processor() {
        let cores = std::thread::available_parallelism().unwrap().get();
        assert_eq!(default_jobs(), cores);
    }
}
