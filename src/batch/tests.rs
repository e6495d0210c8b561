//! Unit tests of the ordered parallel map: order, windows, chunks, flushes,
//! errors and panics, with one job and several.

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
    fn buffered(&mut self) -> bool {
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
            bytes: usize::MAX,
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
        let limits = Limits {
            jobs: 2,
            window,
            chunk,
            bytes: usize::MAX,
        };
        let most = most_unanswered(200, window as u64, |mut input| {
            input.buffered = buffered;
            (input, limits)
        });
        assert_eq!(most, window, "buffered {buffered} chunk {chunk}");
    }
}

/// `ordered_map`'s window is 512 items per job, whatever the chunks.
#[test]
fn the_window_is_512_items_per_job() {
    for jobs in [2, 3] {
        let window = jobs * WINDOW_PER_JOB;
        let (tx, rx) = mpsc::channel();
        let rx = Mutex::new(rx);
        let mut input = Numbers::new(Some(4000));
        input.on_read = Some(tx);
        input.buffered = true;
        let read = input.read.clone();
        let mut sink = Record::default();
        let written = sink.written.clone();
        let most = AtomicUsize::new(0);
        let work = |item: u64| {
            if item == 0 {
                wait_for_reads(&rx, window as u64);
            }
            let unanswered = read.load(Ordering::SeqCst) - written.load(Ordering::SeqCst);
            most.fetch_max(unanswered, Ordering::SeqCst);
            item
        };
        ordered_map(jobs, input, &work, &mut sink).unwrap();
        assert_eq!(sink.answers, (0..4000).collect::<Vec<_>>());
        assert_eq!(most.load(Ordering::SeqCst), window, "jobs {jobs}");
    }
}

/// A chunk is as long as the room allows while the input has items
/// buffered, and ends before a read that may wait or at the end.
#[test]
fn chunks_end_before_a_read_that_may_wait() {
    let mut input = Numbers::new(Some(10));
    input.buffered = true;
    let (items, _, stopped) = read_chunk(&mut input, 4, usize::MAX);
    assert_eq!(items, vec![0, 1, 2, 3]);
    assert!(stopped.is_none());
    let (items, _, stopped) = read_chunk(&mut input, 1, usize::MAX);
    assert_eq!(items, vec![4]);
    assert!(stopped.is_none());
    let (items, _, stopped) = read_chunk(&mut input, 8, usize::MAX);
    assert_eq!(items, vec![5, 6, 7, 8, 9]);
    assert!(matches!(stopped, Some(Stopped::End(None))));
    let (items, _, stopped) = read_chunk(&mut input, 8, usize::MAX);
    assert!(items.is_empty());
    assert!(matches!(stopped, Some(Stopped::End(None))));

    // Not buffered: the first read may wait, the second is not made.
    let mut input = Numbers::new(Some(10));
    let (items, _, stopped) = read_chunk(&mut input, 4, usize::MAX);
    assert_eq!(items, vec![0]);
    assert!(matches!(stopped, Some(Stopped::WouldWait)));
    assert_eq!(input.read.load(Ordering::SeqCst), 1);

    let mut input = Numbers::new(Some(2));
    input.buffered = true;
    input.error_at_end = true;
    let (items, _, stopped) = read_chunk(&mut input, 4, usize::MAX);
    assert_eq!(items, vec![0, 1]);
    assert!(matches!(stopped, Some(Stopped::End(Some(e))) if e == "cannot read"));
}

/// Room is taken up to what is asked and what is free, waited for only
/// when none is held, and never given once the writer has stopped.
#[test]
fn the_room_counts_items() {
    let room = Room::new(5, 1, usize::MAX);
    assert_eq!(room.take(0, 3), Some(3));
    assert_eq!(room.take(3, 4), Some(2));
    assert_eq!(
        room.take(1, 4),
        Some(0),
        "none free: no wait while some is held"
    );
    room.give_back(4, 0);
    assert_eq!(room.take(0, 9), Some(4));
    let room = Arc::new(room);
    let waiting = {
        let room = room.clone();
        std::thread::spawn(move || room.take(0, 9))
    };
    room.give_back(2, 0);
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
    room.give_back(3, 0);
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

/// Items 0, 1, 2… (`count` of them), buffered but for every fifth: the
/// reader hands a chunk out before those and tops its room up after.
struct Bursts {
    next: u64,
    count: u64,
}

impl Input for Bursts {
    type Item = u64;
    type Error = String;
    fn next(&mut self) -> Result<Option<u64>, String> {
        if self.next == self.count {
            return Ok(None);
        }
        self.next += 1;
        Ok(Some(self.next - 1))
    }
    fn buffered(&mut self) -> bool {
        !self.next.is_multiple_of(5)
    }
}

/// Every item is handed out once, in order, in chunks of at most `chunk`
/// (room left from a short chunk is topped up, never past it), then the end.
#[test]
fn the_reader_hands_out_every_item_in_chunks_of_at_most_chunk() {
    let (jobs_tx, jobs_rx) = mpsc::channel::<Job<u64, u64>>();
    let (order_tx, order_rx) = mpsc::channel::<Order<u64, String>>();
    let reader = Reader {
        input: Bursts {
            next: 0,
            count: 100,
        },
        chunk: 4,
        jobs: jobs_tx,
        order: order_tx,
        room: Arc::new(Room::new(1000, 4, usize::MAX)),
        chunk_bytes: usize::MAX,
    };
    reader.run();
    let (mut items, mut sizes) = (Vec::new(), Vec::new());
    while let Ok(Job::Chunk(_, chunk)) = jobs_rx.try_recv() {
        sizes.push(chunk.len());
        items.extend(chunk);
    }
    assert_eq!(items, (0..100).collect::<Vec<_>>());
    assert!(sizes.iter().all(|n| (1..=4).contains(n)), "{sizes:?}");
    assert!(sizes.contains(&4), "{sizes:?}");
    let orders: Vec<_> = order_rx.iter().collect();
    assert_eq!(orders.len(), sizes.len() + 1);
    assert!(matches!(orders.last(), Some(Order::End(None))));
}

/// A reader waiting for room is woken once `wake_at` is free, not before.
#[test]
fn the_reader_is_woken_once_enough_room_is_free() {
    let room = Arc::new(Room::new(10, 5, usize::MAX));
    assert_eq!(room.take(0, 10), Some(10));
    let waiting = {
        let room = room.clone();
        std::thread::spawn(move || room.take(0, 3))
    };
    while lock(&room.state).waiting != Wait::Items {
        std::thread::yield_now();
    }
    room.give_back(4, 0);
    std::thread::sleep(Duration::from_millis(50));
    assert!(!waiting.is_finished(), "four free, five needed");
    room.give_back(1, 0);
    assert_eq!(waiting.join().unwrap(), Some(3));
    assert_eq!(
        Room::new(4, 9, usize::MAX).state.lock().unwrap().wake_at,
        4,
        "at most the window"
    );
}

/// Items of ten bytes each (`Input::size`), 0, 1, 2… as `Numbers` gives them.
struct Tens(Numbers);

impl Input for Tens {
    type Item = u64;
    type Error = String;
    fn next(&mut self) -> Result<Option<u64>, String> {
        self.0.next()
    }
    fn buffered(&mut self) -> bool {
        self.0.buffered()
    }
    fn size(_: &u64) -> usize {
        10
    }
}

/// A chunk ends once its items hold the bytes asked, and tells them.
#[test]
fn chunks_end_once_they_hold_their_bytes() {
    let mut input = Tens(Numbers::new(Some(100)));
    input.0.buffered = true;
    let (items, bytes, stopped) = read_chunk(&mut input, 50, 25);
    assert_eq!((items, bytes), (vec![0, 1, 2], 30), "past the bytes");
    assert!(stopped.is_none());
    let (items, bytes, _) = read_chunk(&mut input, 50, 20);
    assert_eq!((items, bytes), (vec![3, 4], 20), "at the bytes");
    let (items, bytes, _) = read_chunk(&mut input, 2, 1000);
    assert_eq!((items, bytes), (vec![5, 6], 20), "at the items");
}

/// While the items read hold the most bytes allowed, the reading waits,
/// whatever room is left for items; bytes given back wake it.
#[test]
fn the_room_counts_bytes() {
    let room = Arc::new(Room::new(100, 1, 10));
    assert_eq!(room.take(0, 5), Some(5));
    room.hold(10);
    // Even with room held from before: the bytes are what it waits for.
    let waiting = {
        let room = room.clone();
        std::thread::spawn(move || room.take(3, 5))
    };
    room.give_back(1, 0);
    std::thread::sleep(Duration::from_millis(50));
    assert!(!waiting.is_finished(), "ten bytes are still held");
    room.give_back(1, 5);
    assert_eq!(
        waiting.join().unwrap(),
        Some(5),
        "woken by the bytes given back"
    );
}

/// While item 0 is slow the reading goes on until the items hold the most
/// bytes allowed (give or take a chunk), however wide the window.
#[test]
fn the_bytes_bound_the_unanswered_items() {
    // 100 bytes: ten items, and a chunk (an eighth: two items) over.
    let limits = Limits {
        jobs: 2,
        window: 1000,
        chunk: 50,
        bytes: 100,
    };
    let most = most_unanswered(300, 10, |mut input| {
        input.buffered = true;
        (Tens(input), limits)
    });
    assert!((10..=12).contains(&most), "{most} items unanswered at most");
}

/// Item 0 waits until `reads` items are read (told by `Numbers::on_read`).
fn wait_for_reads(reads: &Mutex<Receiver<u64>>, count: u64) {
    let reads = reads.lock().unwrap();
    loop {
        match reads.recv_timeout(DEADLOCK) {
            Ok(n) if n >= count => break,
            Ok(_) => continue,
            Err(_) => panic!("the reading stopped before {count} items were read"),
        }
    }
}

/// `count` items through [`parallel`], item 0 slow until `reads` items are
/// read: the most items read and not yet answered at once (the answers
/// checked in order). `setup` shapes the input and the limits.
fn most_unanswered<I: Input<Item = u64, Error = String>>(
    count: u64,
    reads: u64,
    setup: impl FnOnce(Numbers) -> (I, Limits),
) -> usize {
    let (tx, rx) = mpsc::channel();
    let rx = Mutex::new(rx);
    let mut numbers = Numbers::new(Some(count));
    numbers.on_read = Some(tx);
    let read = numbers.read.clone();
    let (input, limits) = setup(numbers);
    let mut sink = Record::default();
    let written = sink.written.clone();
    let most = AtomicUsize::new(0);
    let work = |item: u64| {
        if item == 0 {
            wait_for_reads(&rx, reads);
        }
        let unanswered = read.load(Ordering::SeqCst) - written.load(Ordering::SeqCst);
        most.fetch_max(unanswered, Ordering::SeqCst);
        item
    };
    parallel(limits, input, &work, &mut sink).unwrap();
    assert_eq!(sink.answers, (0..count).collect::<Vec<_>>());
    most.into_inner()
}
