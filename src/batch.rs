//! The machinery of `--batch --jobs N`: an ordered parallel map over input
//! items. Items are read on one thread, worked on by N, and their answers
//! handed to the sink in input order on the calling thread, each as soon as
//! its turn comes. A slow item holds back only its own answer's place: the
//! reading goes on up to a bounded window of unanswered items, so memory
//! stays flat however many items come. Domain-free: it never prints and
//! knows nothing of tokens.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, SyncSender, TryRecvError};

/// Where the items come from (read on a thread of their own when `jobs` > 1).
pub trait Input: Send + 'static {
    type Item: Send + 'static;
    type Error: Send + 'static;
    /// The next item; `None` at the end.
    fn next(&mut self) -> Result<Option<Self::Item>, Self::Error>;
    /// True when the next item can be read without waiting. With one job
    /// the sink is flushed before a read that may wait, so a caller that
    /// sends one item and waits for its answer never deadlocks.
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
    ordered_map_within(jobs, jobs * WINDOW_PER_JOB, input, work, sink)
}

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

/// What the workers and the reader tell the calling thread.
enum Message<R, E> {
    Answer(u64, R),
    /// The reading stopped after `read` items, on an error or not.
    End {
        read: u64,
        error: Option<E>,
    },
    /// A worker panicked: stop everything.
    Panicked,
}

enum Job<T> {
    Item(u64, T),
    Stop,
}

/// [`ordered_map`] with at most `window` items read and not yet answered.
fn ordered_map_within<I, R, W, S>(
    jobs: usize,
    window: usize,
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
    if jobs <= 1 {
        return sequential(input, work, sink);
    }
    let (job_tx, job_rx) = mpsc::channel::<Job<I::Item>>();
    let (answer_tx, answer_rx) = mpsc::channel::<Message<R, I::Error>>();
    // A semaphore: the reader puts a token in before each read, the writer
    // takes one out after each answer written.
    let (slot_tx, slot_rx) = mpsc::sync_channel::<()>(window.max(1));
    let stop = std::sync::Arc::new(AtomicBool::new(false));

    // The reader is not scoped: when the sink closes early it may be
    // waiting for input that never comes, and must not hold us up.
    let reader = Reader {
        input,
        jobs: job_tx.clone(),
        workers: jobs,
        slots: slot_tx,
        stop: stop.clone(),
    };
    let answers = ReaderAnswers(answer_tx.clone());
    std::thread::spawn(move || reader.run(answers));

    let job_rx = Mutex::new(job_rx);
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            let answers = answer_tx.clone();
            let job_rx = &job_rx;
            scope.spawn(move || worker(job_rx, &answers, work));
        }
        drop(answer_tx);
        let result = write_in_order(answer_rx, slot_rx, sink);
        stop.store(true, Ordering::SeqCst);
        for _ in 0..jobs {
            let _ = job_tx.send(Job::Stop);
        }
        match result {
            Written::Done(result) => result,
            Written::Panicked => panic!("a batch worker panicked"),
        }
    })
}

struct ReaderAnswers<R, E>(Sender<Message<R, E>>);

struct Reader<I: Input> {
    input: I,
    jobs: Sender<Job<I::Item>>,
    workers: usize,
    slots: SyncSender<()>,
    stop: std::sync::Arc<AtomicBool>,
}

impl<I: Input> Reader<I> {
    fn run<R>(mut self, answers: ReaderAnswers<R, I::Error>) {
        let mut read = 0u64;
        let mut error = None;
        loop {
            // Wait for room in the window; the writer gone means stop.
            if self.stop.load(Ordering::SeqCst) || self.slots.send(()).is_err() {
                break;
            }
            // The wait may have been long: the writer may have stopped.
            if self.stop.load(Ordering::SeqCst) {
                break;
            }
            match self.input.next() {
                Ok(Some(item)) => {
                    if self.jobs.send(Job::Item(read, item)).is_err() {
                        break;
                    }
                    read += 1;
                }
                Ok(None) => break,
                Err(e) => {
                    error = Some(e);
                    break;
                }
            }
        }
        for _ in 0..self.workers {
            let _ = self.jobs.send(Job::Stop);
        }
        let _ = answers.0.send(Message::End { read, error });
    }
}

fn worker<T, R, E, W>(jobs: &Mutex<Receiver<Job<T>>>, answers: &Sender<Message<R, E>>, work: &W)
where
    W: Fn(T) -> R,
{
    /// Tells the writer when `work` panics, so nothing waits for its answer.
    struct OnPanic<'a, R, E>(&'a Sender<Message<R, E>>);
    impl<R, E> Drop for OnPanic<'_, R, E> {
        fn drop(&mut self) {
            if std::thread::panicking() {
                let _ = self.0.send(Message::Panicked);
            }
        }
    }
    let _guard = OnPanic(answers);
    loop {
        // A poisoned lock means another worker panicked while waiting:
        // it has told the writer already.
        let job = match jobs.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        match job {
            Ok(Job::Item(index, item)) => {
                if answers.send(Message::Answer(index, work(item))).is_err() {
                    return;
                }
            }
            Ok(Job::Stop) | Err(_) => return,
        }
    }
}

enum Written<E> {
    Done(Result<(), E>),
    Panicked,
}

/// The calling thread's part: put answers back in order and write each as
/// soon as the ones before it are written; flush whenever the next one is
/// not ready yet.
fn write_in_order<R, E, S>(
    answers: Receiver<Message<R, E>>,
    slots: Receiver<()>,
    sink: &mut S,
) -> Written<E>
where
    S: Sink<R, Error = E>,
{
    // `pending[k]` is the answer to item `next + k`, once it has come.
    let mut pending: VecDeque<Option<R>> = VecDeque::new();
    let mut next = 0u64;
    let mut end: Option<(u64, Option<E>)> = None;
    loop {
        if let Some((read, _)) = &end
            && next == *read
        {
            break;
        }
        let message = match answers.try_recv() {
            Ok(message) => message,
            Err(TryRecvError::Empty) => {
                if let Err(e) = sink.flush() {
                    return Written::Done(Err(e));
                }
                if sink.closed() {
                    return Written::Done(Ok(()));
                }
                match answers.recv() {
                    Ok(message) => message,
                    Err(_) => break,
                }
            }
            Err(TryRecvError::Disconnected) => break,
        };
        match message {
            Message::Answer(index, answer) => {
                let at = (index - next) as usize;
                if pending.len() <= at {
                    pending.resize_with(at + 1, || None);
                }
                pending[at] = Some(answer);
                while let Some(Some(_)) = pending.front() {
                    let Some(Some(answer)) = pending.pop_front() else {
                        unreachable!("the front was checked")
                    };
                    next += 1;
                    if let Err(e) = sink.write(answer) {
                        return Written::Done(Err(e));
                    }
                    let _ = slots.try_recv();
                    if sink.closed() {
                        return Written::Done(Ok(()));
                    }
                }
            }
            Message::End { read, error } => end = Some((read, error)),
            Message::Panicked => return Written::Panicked,
        }
    }
    if let Err(e) = sink.flush() {
        return Written::Done(Err(e));
    }
    match end {
        Some((_, Some(error))) => Written::Done(Err(error)),
        _ => Written::Done(Ok(())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::AtomicUsize;
    use std::time::Duration;

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
            let mut sink = Record::default();
            ordered_map(jobs, Numbers::new(Some(3000)), &uneven, &mut sink).unwrap();
            assert_eq!(sink.answers, expected, "jobs {jobs}");
            assert!(sink.flushes >= 1, "jobs {jobs}: the end is flushed");
        }
        let mut sink = Record::default();
        ordered_map(4, Numbers::new(Some(0)), &uneven, &mut sink).unwrap();
        assert!(sink.answers.is_empty());
    }

    /// Item 0 finishes only once item 10 has been read: reading behind a
    /// slow item would never get there.
    #[test]
    fn a_slow_item_does_not_stop_the_reading() {
        let (tx, rx) = mpsc::channel();
        let rx = Mutex::new(rx);
        let mut input = Numbers::new(Some(40));
        input.on_read = Some(tx);
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
        ordered_map_within(2, 16, input, &work, &mut sink).unwrap();
        assert_eq!(sink.answers, (0..40).collect::<Vec<_>>());
    }

    /// Item 1 finishes only once answer 0 has been flushed: an answer kept
    /// until later ones are ready would never be.
    #[test]
    fn each_answer_is_flushed_as_soon_as_its_turn_comes() {
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
        ordered_map(2, Numbers::new(Some(5)), &work, &mut sink).unwrap();
        assert_eq!(sink.answers, vec![0, 1, 2, 3, 4]);
    }

    /// While item 0 is slow the reading goes on up to the window, never past
    /// it: memory is bounded by the window, not by the number of items.
    #[test]
    fn the_window_bounds_the_unanswered_items() {
        let window = 8;
        let (tx, rx) = mpsc::channel();
        let rx = Mutex::new(rx);
        let mut input = Numbers::new(Some(200));
        input.on_read = Some(tx);
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
        ordered_map_within(2, window, input, &work, &mut sink).unwrap();
        assert_eq!(sink.answers, (0..200).collect::<Vec<_>>());
        assert_eq!(most.load(Ordering::SeqCst), window);
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
